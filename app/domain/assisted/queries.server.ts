// What the pages show of assisted entry and paper supports. The public see where an idea came
// from and each paper batch's figures, verifier, scan hash and history; staff also see the
// consent form's reference. Hashed identities of in-person supporters are never shown.
import type { Kysely } from "kysely";
import type { Database, Locale } from "../../../db/schema";
import type { Actor } from "../accounts/permissions";
import { titleIn } from "../events/queries.server";
import { everyTable, readIdea, rowsIf, type HasRows, type IdeaRecord } from "../ideas/record.server";
import { canWorkDesk, reachesPaperDesk } from "./permissions";

/** Where an idea came from and its paper count, for its page. */
export function ideaProvenance(row: IdeaRecord["origin"], actor: Actor | null, locale: Locale) {
  const desk = canWorkDesk(actor);
  return {
    channel: row.channel,
    assisted: row.entered_by !== null,
    /** Filed by staff and not claimed yet: the author shown is "a citizen, filed by staff". */
    awaitingClaim: row.entered_by !== null && row.entered_by === row.author_id,
    claimedAt: row.claimed_at,
    staffName: row.staff_name,
    /** The event it was born at (decision 040): the page says "proposed at" and links to it. */
    event:
      row.event_id === null
        ? null
        : { id: row.event_id, title: titleIn({ title_ko: row.event_title_ko ?? "", title_en: row.event_title_en ?? "" }, locale), startsAt: new Date(row.event_starts_at!).toISOString() },
    consentRef: desk ? row.consent_ref : null,
    paperCount: row.paper_support_count,
    paperCounted: row.paper_counted,
    /** Whether paper supports count toward this idea's threshold (its call's rule). */
    paperCounts: row.rule === "counted",
    desk,
    /** The page links to the idea's paper supports at the desk: its staff, or its event's organiser. */
    paperDesk: reachesPaperDesk(actor, row.event_organiser),
  };
}

/** Every paper batch of an idea (active, corrected and voided) and its in-person supports. */
export async function paperRecord(db: Kysely<Database>, ideaId: number, actor: Actor | null, locale: Locale, has: HasRows = everyTable) {
  const [batches, inPerson] = await Promise.all([
    rowsIf(
      has,
      "paper_batches",
      () =>
        db
          .selectFrom("paper_batches")
          .innerJoin("users as verifier", "verifier.id", "paper_batches.verifier_id")
          .leftJoin("civic_events as event", "event.id", "paper_batches.event_id")
          .leftJoin("users as closer", "closer.id", "paper_batches.closed_by")
          .select([
            "paper_batches.id",
            "paper_batches.channel",
            "paper_batches.event_id",
            "paper_batches.signatures_claimed",
            "paper_batches.signatures_verified",
            "paper_batches.scan_sha256",
            "paper_batches.scan_file",
            "paper_batches.decision",
            "paper_batches.note",
            "paper_batches.state",
            "paper_batches.replaces_id",
            "paper_batches.closed_reason",
            "paper_batches.closed_at",
            "paper_batches.created_at",
            "verifier.display_name as verifier_name",
            "closer.display_name as closed_by_name",
            "event.title_ko as event_title_ko",
            "event.title_en as event_title_en",
          ])
          .where("paper_batches.idea_id", "=", ideaId)
          .orderBy("paper_batches.id"),
    ),
    rowsIf(
      has,
      "in_person_supports",
      () =>
        db
          .selectFrom("in_person_supports")
          .innerJoin("users as staff", "staff.id", "in_person_supports.recorded_by")
          .select([
            "in_person_supports.id",
            "in_person_supports.channel",
            "in_person_supports.consent_ref",
            "in_person_supports.created_at",
            "in_person_supports.voided_at",
            "in_person_supports.void_reason",
            "staff.display_name as staff_name",
          ])
          .where("in_person_supports.idea_id", "=", ideaId)
          .orderBy("in_person_supports.id"),
    ),
  ]);
  const desk = canWorkDesk(actor);
  return {
    batches: batches.map(({ event_title_ko, event_title_en, ...b }) => ({
      ...b,
      // Where the scan is kept is the desk's business; visitors see its hash.
      scan_file: desk ? b.scan_file : null,
      event_title: b.event_id === null ? null : titleIn({ title_ko: event_title_ko ?? "", title_en: event_title_en ?? "" }, locale),
    })),
    inPerson: inPerson.map((p) => ({ ...p, consent_ref: desk ? p.consent_ref : null })),
    /** Verified signatures of active accepted batches: unidentified, labelled as such. */
    unidentified: batches.filter((b) => b.state === "active" && b.decision === "accepted").reduce((n, b) => n + b.signatures_verified, 0),
    identified: inPerson.filter((p) => p.voided_at === null).length,
  };
}

/** The ideas a desk works on: open or held ones, by title, for the paper forms. */
export async function deskIdeas(db: Kysely<Database>) {
  return db
    .selectFrom("ideas")
    .select(["id", "title", "status", "channel", "support_count", "paper_support_count"])
    .where("status", "in", ["open", "pending"])
    .orderBy("id", "desc")
    .limit(50)
    .execute();
}

/**
 * The desk's page of one idea: the idea, where it came from and its paper record (undefined: no
 * such idea). One read for the route, as the idea page's loader reads its own.
 */
export async function deskIdea(db: Kysely<Database>, ideaId: number, actor: Actor, locale: Locale) {
  const [read, record] = await Promise.all([readIdea(db, ideaId), paperRecord(db, ideaId, actor, locale)]);
  if (!read) return undefined;
  const { id, title, status, support_count } = read.shown;
  return { idea: { id, title, status, support_count }, provenance: ideaProvenance(read.origin, actor, locale), record };
}
