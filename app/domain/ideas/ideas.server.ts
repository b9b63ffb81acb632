// Use cases of an idea's author: submit, edit, withdraw; and following an idea.
import { sql, type Kysely } from "kysely";
import { z } from "zod";
import type { Database, IdeaChannel } from "../../../db/schema";
import { excerptOf, renderMarkdown } from "../../utils/markdown.server";
import { fail, FORM, msg, type Failure, type FieldErrors, type Result } from "../../utils/result";
import { participationRefusal, type Actor } from "../accounts/permissions";
import { personalDataFailure, screenSubmission } from "../moderation/screening.server";
import { getSettings, type SiteSettings } from "../settings.server";
import { execute, refusalFailure, useCase, type Trx } from "../use-case.server";
import { permitByCall } from "../identity/eligibility.server";
import { verificationOf } from "../identity/verification.server";
import { applyMove, ideaTransition, lockIdea, runIdeaTransition } from "../workflow/workflow.server";
import { canEditIdea, followRefusal, ideaContentVisibleTo, type IdeaFacts } from "./permissions";
import { EditIdeaSchema, IdeaSchema, WithdrawSchema, type IdeaInput } from "./schemas";
import { indexTokens } from "./search";
import { addSupport } from "./supports.server";
import { appendEvent } from "./timeline.server";
import { DAY_MS } from "../../utils/korea-time";


/** An idea's search vector: its title's words weighted A (what a search calls "in the title"), its body's B. */
export function searchVector(title: string, body: string) {
  return sql<string>`setweight(to_tsvector('simple', ${indexTokens(title)}), 'A') || setweight(to_tsvector('simple', ${indexTokens(body)}), 'B')`;
}

/** The derived columns of an idea's text: safe HTML, a plain excerpt, the search vector. */
function textColumns(title: string, body: string) {
  return { body_html: renderMarkdown(body), excerpt: excerptOf(body), search_vector: searchVector(title, body) };
}

/** Whether the campaign named takes ideas now, and the threshold, window and region it gives them. */
async function ideaSettings(
  trx: Trx,
  idea: IdeaInput,
  settings: SiteSettings,
  now: Date,
  authorId: number,
): Promise<Failure | { threshold: number; windowDays: number; regionId: number | null; countsVerified: boolean }> {
  const errors: FieldErrors = {};
  const category = await trx.selectFrom("categories").select("id").where("id", "=", idea.categoryId).where("archived_at", "is", null).executeTakeFirst();
  if (!category) errors.categoryId = [msg("errors.invalidChoice")];
  if (idea.regionId !== null) {
    const region = await trx.selectFrom("regions").select("id").where("id", "=", idea.regionId).where("archived_at", "is", null).executeTakeFirst();
    if (!region) errors.regionId = [msg("errors.invalidChoice")];
  }
  let threshold = settings.default_support_threshold;
  let windowDays = settings.default_support_window_days;
  let regionId = idea.regionId;
  let countsVerified = false;
  if (idea.campaignId !== null) {
    const campaign = await trx.selectFrom("campaigns").selectAll().where("id", "=", idea.campaignId).executeTakeFirst();
    if (!campaign || new Date(campaign.opens_at) > now || new Date(campaign.closes_at) <= now) {
      errors.campaignId = [msg("ideas.errors.campaignClosed")];
    } else if (campaign.region_id !== null && regionId !== null && regionId !== campaign.region_id) {
      errors.regionId = [msg("ideas.errors.campaignRegion")];
    } else {
      // Who may propose to this call (decision 049): refused with the reason, next to the call.
      const rules = { proposeLevel: campaign.propose_level, supportLevel: campaign.support_level, eligibleRegionId: campaign.eligible_region_id, minAge: campaign.min_age };
      const refusal = permitByCall(rules, "propose", await verificationOf(trx, authorId, now), now, "campaignId");
      if (refusal) return refusalFailure(refusal);
      threshold = campaign.support_threshold;
      windowDays = campaign.support_window_days;
      regionId ??= campaign.region_id;
      countsVerified = campaign.verified_threshold;
    }
  }
  if (Object.keys(errors).length) return { ok: false, errors, status: 400 };
  return { threshold, windowDays, regionId, countsVerified };
}

/** Where an idea filed by staff for a person came from (app/domain/assisted, decision 039). */
export interface Provenance {
  channel: IdeaChannel;
  enteredBy: number;
  consentRef: string;
  eventId: number | null;
}

/**
 * The steps every new idea takes, whoever files it: the campaign's rules (threshold, window,
 * region), the moderation screen (a hit holds it as `pending` for a moderator, and its support
 * window starts when it is approved: app/domain/moderation/screening.ts), the row and its first
 * timeline entry. The caller has locked what its own limits need.
 */
export async function insertIdea(trx: Trx, authorId: number, idea: IdeaInput, settings: SiteSettings, now: Date, provenance?: Provenance): Promise<Failure | { id: number; held: boolean }> {
  const given = await ideaSettings(trx, idea, settings, now, authorId);
  if ("ok" in given) return given;
  const hits = await screenSubmission(trx, authorId, idea, settings, now);
  const held = hits.length > 0;
  const row = await trx
    .insertInto("ideas")
    .values({
      author_id: authorId,
      title: idea.title,
      body: idea.body,
      ...textColumns(idea.title, idea.body),
      category_id: idea.categoryId,
      region_id: given.regionId,
      campaign_id: idea.campaignId,
      status: held ? "pending" : "open",
      support_threshold: given.threshold,
      threshold_counts_verified: given.countsVerified,
      support_window_days: given.windowDays,
      support_ends_at: held ? null : new Date(now.getTime() + given.windowDays * DAY_MS),
      screening: held ? JSON.stringify(hits) : null,
      created_at: now,
      updated_at: now,
      ...(provenance
        ? { channel: provenance.channel, entered_by: provenance.enteredBy, consent_ref: provenance.consentRef, event_id: provenance.eventId }
        : {}),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await appendEvent(trx, { ideaId: row.id, actorId: authorId, kind: held ? "held" : "submitted", to: held ? "pending" : "open", at: now });
  return { id: row.id, held };
}

const SubmitIdea = useCase({
  name: "ideas.submit",
  // `at`: a submission's time given by the caller (demo data, tests); never from a form.
  schema: IdeaSchema.extend({ at: z.date().optional() }),
  permit: (actor, _subject: undefined, { now }) => participationRefusal(actor, now),
  run: async ({ trx, actor, input: idea }) => {
    // The daily limit is counted after locking the author's row, so parallel submissions queue
    // here; and the clock is read after the lock too, so that the 24 hours counted end after
    // every submission that went before (a clock read before the wait would leave out those
    // that committed while it waited: issue 21 item 6).
    await trx.selectFrom("users").select("id").where("id", "=", actor.id).forUpdate().execute();
    const now = idea.at ?? new Date();
    const settings = await getSettings(trx);
    const recent = await trx
      .selectFrom("ideas")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("author_id", "=", actor.id)
      // Ideas the person filed for others as staff (not claimed yet) are not their own.
      .where("entered_by", "is", null)
      .where("created_at", ">", new Date(now.getTime() - DAY_MS))
      .where("created_at", "<=", now)
      .executeTakeFirstOrThrow();
    if (Number(recent.n) >= settings.ideas_per_day) {
      return fail(FORM, msg("ideas.errors.dailyLimit", { count: settings.ideas_per_day }), 429);
    }
    const row = await insertIdea(trx, actor.id, idea, settings, now);
    if ("ok" in row) return row;
    await addSupport(trx, row.id, actor.id, now);
    await trx.insertInto("follows").values({ user_id: actor.id, idea_id: row.id }).onConflict((oc) => oc.doNothing()).execute();
    return { ideaId: row.id, held: row.held };
  },
});

/** Submits an idea; `at` is for demo data and tests (a submission at a given time), else now. */
export function submitIdea(db: Kysely<Database>, actor: Actor | null, input: Record<string, unknown>, at?: Date): Promise<Result<{ ideaId: number; held: boolean }>> {
  return execute(db, SubmitIdea, actor, { input: { ...input, at }, now: at });
}

/** The idea as its author's edit needs it: locked, with whether the author still supports it. */
async function lockForAuthor(trx: Trx, ideaId: number | undefined) {
  if (ideaId === undefined) return undefined;
  const idea = await lockIdea(trx, ideaId);
  if (!idea) return undefined;
  const [extra, settings] = await Promise.all([
    trx
      .selectFrom("ideas")
      .select((eb) => [
        "support_ends_at",
        "hidden_at",
        eb.exists(eb.selectFrom("supports").select("user_id").where("idea_id", "=", ideaId).whereRef("user_id", "=", "ideas.author_id")).as("author_supports"),
      ])
      .where("id", "=", ideaId)
      .executeTakeFirstOrThrow(),
    getSettings(trx),
  ]);
  const facts: IdeaFacts = {
    authorId: idea.author_id,
    status: idea.status,
    supportCount: idea.support_count,
    supportEndsAt: extra.support_ends_at,
    hiddenAt: extra.hidden_at,
    actorSupports: Boolean(extra.author_supports),
  };
  return { idea, facts, maxOthers: settings.edit_max_other_supporters, settings };
}

const EditIdea = useCase({
  name: "ideas.edit",
  schema: EditIdeaSchema,
  load: (trx, _input, ideaId) => lockForAuthor(trx, ideaId),
  permit: (actor, { facts, maxOthers }, { now }) => {
    // Someone else's idea they may not see answers as a missing one; their own, as forbidden.
    if (!ideaContentVisibleTo(actor, facts)) return "notFound";
    const refusal = participationRefusal(actor, now);
    if (refusal) return refusal;
    if (actor.id !== facts.authorId) return "forbidden";
    if (!canEditIdea(actor, facts, maxOthers, now)) return { message: msg("ideas.errors.editClosed", { count: maxOthers }), status: 409 };
    return null;
  },
  run: async ({ trx, actor, input: { title, body }, subject: { idea, settings }, now }) => {
    // Moderation: an edit cannot slip personal data past the screening of new ideas...
    const personal = personalDataFailure(title, "title") ?? personalDataFailure(body, "body");
    if (personal) return personal;
    await trx
      .updateTable("ideas")
      .set({ title, body, ...textColumns(title, body), edited_at: now, updated_at: now })
      .where("id", "=", idea.id)
      .execute();
    await appendEvent(trx, { ideaId: idea.id, actorId: actor.id, kind: "edited", at: now });
    // ...and it runs the same screen as a submission (links, blocked terms...): a hit holds the
    // idea again, as `pending` for a moderator, whose approval opens a fresh support window.
    const hits = await screenSubmission(trx, actor.id, { title, body }, settings, now);
    if (hits.length === 0) return { held: false };
    if (idea.status === "pending") {
      await trx.updateTable("ideas").set({ screening: JSON.stringify(hits) }).where("id", "=", idea.id).execute();
    } else {
      // The move (status, timeline, the author's notification) is the scheduler's, not the author's.
      await applyMove(trx, idea, "hold", null, { set: { screening: JSON.stringify(hits), support_ends_at: null }, note: null }, now);
    }
    return { held: true };
  },
});

/** The author edits their idea's title and text (see `canEditIdea`); a screening hit holds it again. */
export function editIdea(db: Kysely<Database>, actor: Actor | null, ideaId: number, input: Record<string, unknown>, now = new Date()): Promise<Result<{ held: boolean }>> {
  return execute(db, EditIdea, actor, { target: ideaId, input, now });
}

const Withdraw = ideaTransition({
  name: "ideas.withdraw",
  schema: WithdrawSchema,
  action: "withdraw",
  prepare: async ({ input }) => ({ note: input.note || null }),
});

/** The author withdraws a held or open idea (the transition table requires a verified author). */
export function withdrawIdea(db: Kysely<Database>, actor: Actor | null, ideaId: number, input: { note?: string; expectedStatus?: string }, now = new Date()) {
  return runIdeaTransition(db, Withdraw, actor, ideaId, input, now);
}

const Follow = useCase({
  name: "ideas.follow",
  schema: z.object({ follow: z.boolean() }),
  load: (trx, _input, ideaId) =>
    ideaId === undefined ? Promise.resolve(undefined) : trx.selectFrom("ideas").select(["id", "author_id", "status", "hidden_at"]).where("id", "=", ideaId).executeTakeFirst(),
  // An idea the person may not see answers exactly as a missing one (before anything else).
  permit: (actor, idea, { now }) => followRefusal(actor, { authorId: idea.author_id, status: idea.status, hiddenAt: idea.hidden_at }, now),
  run: async ({ trx, actor, input: { follow }, subject: idea }) => {
    if (follow) {
      await trx.insertInto("follows").values({ user_id: actor.id, idea_id: idea.id }).onConflict((oc) => oc.doNothing()).execute();
    } else {
      await trx.deleteFrom("follows").where("user_id", "=", actor.id).where("idea_id", "=", idea.id).execute();
    }
    return { following: follow };
  },
});

export function setFollow(db: Kysely<Database>, actor: Actor | null, ideaId: number, follow: boolean): Promise<Result<{ following: boolean }>> {
  return execute(db, Follow, actor, { target: ideaId, input: { follow } });
}
