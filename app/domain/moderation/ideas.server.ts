// A moderator's moves on an idea, through the workflow table and `ideaTransition` (one locked
// transaction: status, timeline event, notifications): approve a held idea, reject one, merge a
// duplicate into the idea that survives.
import { sql, type Kysely } from "kysely";
import type { Database, IdeaStatus } from "../../../db/schema";
import type { z } from "zod";
import { fail, msg } from "../../utils/result";
import type { Actor } from "../accounts/permissions";
import { appendEvent } from "../ideas/timeline.server";
import { ideaTransition, runIdeaTransition } from "../workflow/workflow.server";
import { executeWithin, type Trx } from "../use-case.server";
import { groupedSupports, moveCounters, recheckThreshold } from "./counts.server";
import { notifyModeration, notifySupporters } from "./notify.server";
import { ApproveSchema, MergeSchema, RejectSchema } from "./schemas";
import { statusesWhere } from "../workflow/statuses";
import { DAY_MS } from "../../utils/korea-time";


/** An idea may be merged into one that is open or further along the pipeline, not one that ended short. */
export const MERGE_TARGETS: readonly IdeaStatus[] = statusesWhere((s) => s.mergeTarget);

const Approve = ideaTransition({
  name: "moderation.approve",
  schema: ApproveSchema,
  action: "approve",
  audit: { action: "moderation.approve", details: ({ input, subject }) => ({ note: input.note || null, subjectUserId: subject.author_id }) },
  prepare: async ({ trx, input, subject: idea, now }) => {
    const row = await trx.selectFrom("ideas").select("support_window_days").where("id", "=", idea.id).executeTakeFirstOrThrow();
    return { set: { support_ends_at: new Date(now.getTime() + row.support_window_days * DAY_MS) }, note: input.note || null };
  },
});

/** A held idea opens: its support window starts now, not at submission. */
export function approveIdea(db: Kysely<Database>, actor: Actor | null, ideaId: number, input: Record<string, unknown>, now = new Date()) {
  return runIdeaTransition(db, Approve, actor, ideaId, input, now);
}

const Reinstate = ideaTransition({
  name: "moderation.reinstate",
  schema: ApproveSchema,
  action: "reinstate",
  audit: { action: "moderation.reinstate", details: ({ input, subject }) => ({ note: input.note || null, subjectUserId: subject.author_id }) },
  // Like an approval: the support window starts again from now, and a hidden idea is shown.
  prepare: async ({ trx, input, subject: idea, now }) => {
    const row = await trx.selectFrom("ideas").select("support_window_days").where("id", "=", idea.id).executeTakeFirstOrThrow();
    return {
      set: { support_ends_at: new Date(now.getTime() + row.support_window_days * DAY_MS), hidden_at: null, hidden_by: null, hidden_reason: null },
      note: input.note || null,
    };
  },
});

/** A rejection reversed on appeal: the idea opens again, in the appeal's transaction. */
export function reinstateWithin(trx: Trx, actor: Actor, ideaId: number, note: string, now: Date) {
  return executeWithin(trx, Reinstate, actor, { target: ideaId, input: { note }, now });
}

const Reject = ideaTransition({
  name: "moderation.reject",
  schema: RejectSchema,
  action: "reject",
  audit: { action: "moderation.reject", details: ({ input, subject }) => ({ reason: input.reason, subjectUserId: subject.author_id }) },
  prepare: async ({ trx, input: { reason }, subject: idea, now }) => {
    await notifyModeration(trx, [idea.author_id], idea.id, (t) => t("moderation.notice.rejected", { title: idea.title, reason }), now);
    return { note: reason };
  },
});

/** A held or open idea is rejected with a reason: the author reads it; public lists leave it out. */
export function rejectIdea(db: Kysely<Database>, actor: Actor | null, ideaId: number, input: Record<string, unknown>, now = new Date()) {
  return runIdeaTransition(db, Reject, actor, ideaId, input, now);
}

const Merge = ideaTransition<z.output<typeof MergeSchema>, { moved: number; duplicates: number }>({
  name: "moderation.merge",
  schema: MergeSchema,
  action: "merge",
  // A into B while someone merges B into A: both ideas locked in id order, so the second
  // waits, then finds its target merged and is refused (409), never a deadlock.
  alsoLock: (input) => [input.targetId],
  audit: {
    action: "moderation.merge",
    details: ({ input, subject }, { moved, duplicates }) => ({ into: input.targetId, moved, duplicates, reason: input.reason, subjectUserId: subject.author_id }),
  },
  prepare: async ({ trx, actor, input: { targetId, reason }, subject: a, now }) => {
    if (targetId === a.id) return fail("targetId", msg("moderation.errors.mergeSelf"));
    const b = await trx
      .selectFrom("ideas")
      .select(["id", "title", "status", "author_id"])
      .where("id", "=", targetId)
      .forUpdate()
      .executeTakeFirst();
    if (!b) return fail("targetId", msg("moderation.errors.mergeTarget"));
    if (!MERGE_TARGETS.includes(b.status)) return fail("targetId", msg("moderation.errors.mergeTargetStatus"), 409);

    // Told before the move, while they are still A's supporters.
    await notifySupporters(trx, a.id, [a.author_id], b.id, (t) => t("moderation.notice.mergedSupporter", { from: a.title, into: b.title }), now);
    const arrived = await groupedSupports(
      trx,
      sql`INSERT INTO supports (idea_id, user_id, region_id, created_at, ip_prefix, merged_from_id, verification_level, receipt_salt)
        SELECT ${b.id}::bigint, user_id, region_id, created_at, ip_prefix, ${a.id}::bigint, verification_level,
          -- The salt goes with the support: its receipt still finds its leaf (decision 051).
          receipt_salt
        FROM supports WHERE idea_id = ${a.id} AND invalidated_at IS NULL
        ON CONFLICT (idea_id, user_id) DO NOTHING
        RETURNING region_id, created_at, verification_level`,
    );
    const left = await groupedSupports(
      trx,
      sql`DELETE FROM supports WHERE idea_id = ${a.id} AND invalidated_at IS NULL RETURNING region_id, created_at, verification_level`,
    );
    await moveCounters(trx, b.id, arrived, 1);
    await moveCounters(trx, a.id, left, -1);
    const moved = arrived.reduce((sum, g) => sum + g.n, 0);
    const duplicates = left.reduce((sum, g) => sum + g.n, 0) - moved;

    await sql`INSERT INTO follows (user_id, idea_id, created_at)
      SELECT user_id, ${b.id}::bigint, ${now}::timestamptz FROM follows WHERE idea_id = ${a.id}
      ON CONFLICT DO NOTHING`.execute(trx);
    await appendEvent(trx, { ideaId: b.id, actorId: actor.id, kind: "merged_in", note: `#${a.id} ${a.title}`, at: now });
    await notifyModeration(trx, [a.author_id], a.id, (t) => t("moderation.notice.merged", { from: a.title, into: b.title, reason }), now);
    if (b.author_id !== a.author_id) {
      await notifyModeration(trx, [b.author_id], b.id, (t) => t("moderation.notice.mergedInto", { from: a.title, into: b.title, count: moved }), now, {
        kind: "moderation_notice",
      });
    }
    await recheckThreshold(trx, b.id, now);
    return { set: { merged_into_id: b.id }, note: reason, output: { moved, duplicates } };
  },
});

/**
 * Merges idea A (this one) into idea B: A becomes `merged` with a link to B; A's counting
 * supports move to B once each (a person who supports both keeps one support on B: the
 * supports primary key decides), A's followers follow B; both counters move by exactly what
 * moved, both timelines record it, and A's and B's authors and A's supporters are told.
 * A's invalidated supports stay on A with their reason.
 */
export function mergeIdea(db: Kysely<Database>, actor: Actor | null, ideaId: number, input: Record<string, unknown>, now = new Date()) {
  return runIdeaTransition(db, Merge, actor, ideaId, input, now);
}
