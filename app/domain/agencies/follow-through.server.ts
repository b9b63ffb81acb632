// Citizens' follow-through (issue 15, decision 042): after an answer, its author and its
// supporters say whether it addressed the proposal (yes / partly / no, with an optional
// comment). The ratings are public in aggregate only (the comments reach the agency's officers
// without names). When at least `follow_through_no_percent` of at least
// `follow_through_min_raters` raters say no, the agency owes one follow-up answer within
// FOLLOW_THROUGH_BUSINESS_DAYS business days: a follow_ups row, unique per idea, written under
// the idea's lock in the rating's transaction, so it is owed exactly once however many people
// rate at the same moment.
import type { Kysely } from "kysely";
import { sql } from "kysely";
import { z } from "zod";
import type { Database, FollowThroughRating, IdeaStatus } from "../../../db/schema";
import { fail, FORM, msg } from "../../utils/result";
import { multiLine, noControlChars } from "../../utils/text";
import { RATING_COMMENT_MAX } from "./limits";
import { participationRefusal, worksForAgency, type Actor } from "../accounts/permissions";
import { appendEvent } from "../ideas/timeline.server";
import { notifyAgencyOfficers } from "../notifications/notify.server";
import { getSettings } from "../settings.server";
import { execute, useCase, type Trx } from "../use-case.server";
import { lockIdea } from "../workflow/workflow.server";
import { dueInBusinessDays } from "./holidays.server";
import { oweFollowUp } from "./obligations.server";

export const FOLLOW_THROUGH_BUSINESS_DAYS = 10;
export const RATINGS: FollowThroughRating[] = ["yes", "partly", "no"];
const ANSWERED: IdeaStatus[] = ["answered", "implementing", "implemented"];

/** Whether the idea's answer may be rated now (the person's own standing is checked against the database). */
export function ratingOpen(status: IdeaStatus): boolean {
  return ANSWERED.includes(status);
}

/** Whether the verdict obliges the agency: enough raters, and enough of them saying no. */
export function followThroughDue(tally: { no: number; total: number }, settings: { follow_through_min_raters: number; follow_through_no_percent: number }): boolean {
  return tally.total >= settings.follow_through_min_raters && tally.no * 100 >= settings.follow_through_no_percent * tally.total;
}

const RateSchema = z.object({
  rating: z.enum(RATINGS as [FollowThroughRating, ...FollowThroughRating[]], { message: "transfers.errors.rating" }),
  comment: z
    .string()
    .optional()
    .transform((s) => multiLine(s ?? ""))
    .refine((s) => s.length <= RATING_COMMENT_MAX, { message: "transfers.errors.comment", params: { max: RATING_COMMENT_MAX } })
    .refine(noControlChars, { message: "errors.controlChars" }),
});

async function tallyIn(db: Kysely<Database> | Trx, ideaId: number) {
  const row = await db
    .selectFrom("follow_through_ratings")
    .select([
      sql<number>`count(*) filter (where rating = 'yes')::int`.as("yes"),
      sql<number>`count(*) filter (where rating = 'partly')::int`.as("partly"),
      sql<number>`count(*) filter (where rating = 'no')::int`.as("no"),
      sql<number>`count(*)::int`.as("total"),
    ])
    .where("idea_id", "=", ideaId)
    .executeTakeFirstOrThrow();
  return { yes: Number(row.yes), partly: Number(row.partly), no: Number(row.no), total: Number(row.total) };
}

const Rate = useCase({
  name: "followThrough.rate",
  schema: RateSchema,
  load: (trx, _input, ideaId) => (ideaId === undefined ? Promise.resolve(undefined) : lockIdea(trx, ideaId)),
  permit: (actor, idea, { now }) => participationRefusal(actor, now) ?? (ratingOpen(idea.status) ? null : "movedOn"),
  run: async ({ trx, actor, input, subject: idea, now }) => {
    // The author and the supporters judge the answer to the proposal they made or backed.
    const supporter =
      idea.author_id === actor.id ||
      Boolean(await trx.selectFrom("supports").select("user_id").where("idea_id", "=", idea.id).where("user_id", "=", actor.id).executeTakeFirst());
    if (!supporter) return fail(FORM, msg("transfers.errors.notSupporter"), 403);
    const values = { rating: input.rating, comment: input.comment || null, updated_at: now };
    await trx
      .insertInto("follow_through_ratings")
      .values({ idea_id: idea.id, user_id: actor.id, created_at: now, ...values })
      .onConflict((oc) => oc.columns(["idea_id", "user_id"]).doUpdateSet(values))
      .execute();
    const tally = await tallyIn(trx, idea.id);
    let owed = false;
    if (idea.agency_id !== null && followThroughDue(tally, await getSettings(trx))) {
      const dueAt = await dueInBusinessDays(trx, now, FOLLOW_THROUGH_BUSINESS_DAYS);
      owed = await oweFollowUp(trx, { ideaId: idea.id, kind: "follow_through", agencyId: idea.agency_id, dueAt, now });
      if (owed) {
        await appendEvent(trx, { ideaId: idea.id, actorId: null, kind: "follow_through_owed", note: dueAt.toISOString(), at: now });
        await notifyAgencyOfficers(trx, idea.agency_id, "follow_up_owed", idea.id, { title: idea.title, due: dueAt.toISOString() }, now);
      }
    }
    return { rating: input.rating, followUpOwed: owed };
  },
});

/** The author or a supporter says whether the answer addressed the proposal (again: the rating changes). */
export function rateAnswer(db: Kysely<Database>, actor: Actor | null, ideaId: number, input: Record<string, unknown>, now = new Date()) {
  return execute(db, Rate, actor, { target: ideaId, input, now });
}

/**
 * The public aggregate of an idea's ratings, the reader's own rating, and (for the agency's
 * officers alone) the comments, without names.
 */
export async function followThrough(db: Kysely<Database>, ideaId: number, actor: Actor | null, agencyId: number | null) {
  const [tally, mine, comments] = await Promise.all([
    tallyIn(db, ideaId),
    actor
      ? db.selectFrom("follow_through_ratings").select(["rating", "comment"]).where("idea_id", "=", ideaId).where("user_id", "=", actor.id).executeTakeFirst()
      : Promise.resolve(undefined),
    agencyId !== null && worksForAgency(actor, agencyId)
      ? db
          .selectFrom("follow_through_ratings")
          .select(["rating", "comment", "updated_at"])
          .where("idea_id", "=", ideaId)
          .where("comment", "is not", null)
          .orderBy("updated_at", "desc")
          .limit(200)
          .execute()
      : Promise.resolve(null),
  ]);
  return {
    tally,
    mine: mine ?? null,
    comments: comments ? comments.map((c) => ({ rating: c.rating, comment: c.comment ?? "", updated_at: new Date(c.updated_at).toISOString() })) : null,
  };
}

/** Whether this person may rate (author or supporter): for the page to show the form. */
export function mayRate(actor: Actor | null, idea: { author_id: number; status: IdeaStatus }, supports: boolean): boolean {
  if (!actor || participationRefusal(actor) || !ratingOpen(idea.status)) return false;
  return idea.author_id === actor.id || supports;
}
