// Ideas born at an event (issue 18, decision 040): staff filing an idea, a paper batch or an
// in-person support from an event choose it from the events that have started lately; the event
// page lists the public ideas born there, and the idea page names its event.
import type { Kysely } from "kysely";
import type { Database, Locale } from "../../../db/schema";
import { fail, msg, type Failure, type Message } from "../../utils/result";
import { contentVisibleTo } from "../ideas/visibility.server";
import type { Organiser } from "./permissions";
import { titleIn } from "./queries.server";
import { DAY_MS } from "../../utils/korea-time";

/** The picker offers the events that started in the last this many days (and are not cancelled). */
export const EVENT_PICK_DAYS = 90;

/**
 * Why an idea, batch or support cannot name this event (null: it can). An event is named from the
 * time it starts (nothing is born at an event still to come), never once cancelled; how long ago
 * it was does not matter (paper sheets come in late, and a correction keeps its batch's event).
 */
export async function eventChoiceRefusal(db: Kysely<Database>, eventId: number, now: Date): Promise<Message | null> {
  const event = await db.selectFrom("civic_events").select(["starts_at", "cancelled_at"]).where("id", "=", eventId).executeTakeFirst();
  if (!event) return msg("events.bornHere.errors.unknown");
  if (event.cancelled_at !== null) return msg("events.bornHere.errors.cancelled");
  if (new Date(event.starts_at) > now) return msg("events.bornHere.errors.notStarted");
  return null;
}

/** The form's failure when its event cannot be named (null: none named, or it can be). */
export async function eventFieldFailure(db: Kysely<Database>, eventId: number | null, now: Date): Promise<Failure | null> {
  if (eventId === null) return null;
  const refusal = await eventChoiceRefusal(db, eventId, now);
  return refusal ? fail("eventId", refusal) : null;
}

/** Who organises the event a form names (null: none named, or no such event), for the desk's permission. */
export async function eventOrganiser(db: Kysely<Database>, eventId: number | null): Promise<Organiser | null> {
  if (eventId === null) return null;
  return (await db.selectFrom("civic_events").select(["committee_id", "agency_id"]).where("id", "=", eventId).executeTakeFirst()) ?? null;
}

/**
 * The events a desk form offers, latest first: not cancelled, started within EVENT_PICK_DAYS (an
 * event under way is among them), plus the events named in `keep` (a batch being corrected).
 */
export async function eventChoices(db: Kysely<Database>, locale: Locale, now: Date, keep: number[] = []) {
  const rows = await db
    .selectFrom("civic_events")
    .select(["id", "title_ko", "title_en", "starts_at", "place", "committee_id", "agency_id"])
    .where((eb) =>
      eb.or([
        eb.and([
          eb("cancelled_at", "is", null),
          eb("starts_at", "<=", now),
          eb("starts_at", ">", new Date(now.getTime() - EVENT_PICK_DAYS * DAY_MS)),
        ]),
        ...(keep.length ? [eb("id", "in", keep)] : []),
      ]),
    )
    .orderBy("starts_at", "desc")
    .orderBy("id", "desc")
    .execute();
  return rows.map((r) => ({ id: r.id, title: titleIn(r, locale), startsAt: new Date(r.starts_at).toISOString(), place: r.place, organiser: { committee_id: r.committee_id, agency_id: r.agency_id } }));
}

/** The public ideas born at an event, oldest first (pending, rejected and hidden ones are not shown). */
export async function ideasBornAt(db: Kysely<Database>, eventId: number) {
  return db
    .selectFrom("ideas")
    .select(["id", "title", "status", "support_count", "paper_support_count"])
    .where("event_id", "=", eventId)
    .where(contentVisibleTo(null))
    .orderBy("id")
    .limit(200)
    .execute();
}

/**
 * The paper signatures gathered at an event, over the batches that stand (corrected versions and
 * voided batches left out): how many batches, signatures claimed, and signatures verified in the
 * accepted ones (what counts); and the supports given there in person, not voided.
 */
export async function paperAt(db: Kysely<Database>, eventId: number) {
  const [batches, people] = await Promise.all([
    db
      .selectFrom("paper_batches")
      .select((eb) => [
        eb.fn.countAll<string>().as("batches"),
        eb.fn.coalesce(eb.fn.sum<string>("signatures_claimed"), eb.lit(0)).as("claimed"),
        eb.fn.coalesce(eb.fn.sum<string>(eb.case().when("decision", "=", "accepted").then(eb.ref("signatures_verified")).else(0).end()), eb.lit(0)).as("verified"),
      ])
      .where("event_id", "=", eventId)
      .where("state", "=", "active")
      .executeTakeFirstOrThrow(),
    db.selectFrom("in_person_supports").select((eb) => eb.fn.countAll<string>().as("n")).where("event_id", "=", eventId).where("voided_at", "is", null).executeTakeFirstOrThrow(),
  ]);
  return { batches: Number(batches.batches), claimed: Number(batches.claimed), verified: Number(batches.verified), inPerson: Number(people.n) };
}
