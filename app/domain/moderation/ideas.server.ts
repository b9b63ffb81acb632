// A moderator's moves on an idea, through the workflow table and `runTransition` (one locked
// transaction: status, timeline event, notifications): approve a held idea, reject one, merge a
// duplicate into the idea that survives.
import { sql, type Kysely } from "kysely";
import type { Database, IdeaStatus } from "../../../db/schema";
import { fail, invalidInput, msg, type Result } from "../../utils/result";
import type { Actor } from "../accounts/permissions";
import { recordAudit } from "../audit.server";
import { appendEvent } from "../ideas/timeline.server";
import { runTransition } from "../workflow/workflow.server";
import { groupedSupports, moveCounters, recheckThreshold } from "./counts.server";
import { notifyModeration, notifySupporters } from "./notify.server";
import { ApproveSchema, MergeSchema, RejectSchema } from "./schemas";

const DAY = 86_400_000;

/** An idea may be merged into one that is open or further along the pipeline, not one that ended short. */
export const MERGE_TARGETS: readonly IdeaStatus[] = [
  "open",
  "fast_tracked",
  "in_deliberation",
  "under_review",
  "answered",
  "implementing",
  "implemented",
];

/** A held idea opens: its support window starts now, not at submission. */
export async function approveIdea(
  db: Kysely<Database>,
  actor: Actor | null,
  ideaId: number,
  input: Record<string, unknown>,
  now = new Date(),
): Promise<Result<{ status: IdeaStatus }>> {
  const parsed = ApproveSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  const { note, expectedStatus } = parsed.data;
  return runTransition(
    db,
    actor,
    ideaId,
    "approve",
    expectedStatus,
    async (trx, idea) => {
      const row = await trx.selectFrom("ideas").select("support_window_days").where("id", "=", idea.id).executeTakeFirstOrThrow();
      await recordAudit(trx, {
        actorId: actor!.id,
        action: "moderation.approve",
        targetType: "idea",
        targetId: idea.id,
        details: { note: note || null, subjectUserId: idea.author_id },
      });
      return { set: { support_ends_at: new Date(now.getTime() + row.support_window_days * DAY) }, note: note || null };
    },
    now,
  );
}

/** A held or open idea is rejected with a reason: the author reads it; public lists leave it out. */
export async function rejectIdea(
  db: Kysely<Database>,
  actor: Actor | null,
  ideaId: number,
  input: Record<string, unknown>,
  now = new Date(),
): Promise<Result<{ status: IdeaStatus }>> {
  const parsed = RejectSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  const { reason, expectedStatus } = parsed.data;
  return runTransition(
    db,
    actor,
    ideaId,
    "reject",
    expectedStatus,
    async (trx, idea) => {
      await recordAudit(trx, {
        actorId: actor!.id,
        action: "moderation.reject",
        targetType: "idea",
        targetId: idea.id,
        details: { reason, from: idea.status, subjectUserId: idea.author_id },
      });
      await notifyModeration(trx, [idea.author_id], idea.id, (t) => t("moderation.notice.rejected", { title: idea.title, reason }), now);
      return { note: reason };
    },
    now,
  );
}

/**
 * Merges idea A (this one) into idea B: A becomes `merged` with a link to B; A's counting
 * supports move to B once each (a person who supports both keeps one support on B: the
 * supports primary key decides), A's followers follow B; both counters move by exactly what
 * moved, both timelines record it, and A's and B's authors and A's supporters are told.
 * A's invalidated supports stay on A with their reason.
 */
export async function mergeIdea(
  db: Kysely<Database>,
  actor: Actor | null,
  ideaId: number,
  input: Record<string, unknown>,
  now = new Date(),
): Promise<Result<{ status: IdeaStatus; moved: number; duplicates: number }>> {
  const parsed = MergeSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  const { targetId, reason, expectedStatus } = parsed.data;
  if (targetId === ideaId) return fail("targetId", msg("moderation.errors.mergeSelf"));
  let moved = 0;
  let duplicates = 0;
  const result = await runTransition(
    db,
    actor,
    ideaId,
    "merge",
    expectedStatus,
    async (trx, a) => {
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
        sql`INSERT INTO supports (idea_id, user_id, region_id, created_at, ip_prefix, merged_from_id)
          SELECT ${b.id}::bigint, user_id, region_id, created_at, ip_prefix, ${a.id}::bigint
          FROM supports WHERE idea_id = ${a.id} AND invalidated_at IS NULL
          ON CONFLICT (idea_id, user_id) DO NOTHING
          RETURNING region_id, created_at`,
      );
      const left = await groupedSupports(
        trx,
        sql`DELETE FROM supports WHERE idea_id = ${a.id} AND invalidated_at IS NULL RETURNING region_id, created_at`,
      );
      await moveCounters(trx, b.id, arrived, 1);
      await moveCounters(trx, a.id, left, -1);
      moved = arrived.reduce((sum, g) => sum + g.n, 0);
      duplicates = left.reduce((sum, g) => sum + g.n, 0) - moved;

      await sql`INSERT INTO follows (user_id, idea_id, created_at)
        SELECT user_id, ${b.id}::bigint, ${now}::timestamptz FROM follows WHERE idea_id = ${a.id}
        ON CONFLICT DO NOTHING`.execute(trx);
      await appendEvent(trx, { ideaId: b.id, actorId: actor!.id, kind: "merged_in", note: `#${a.id} ${a.title}`, at: now });
      await recordAudit(trx, {
        actorId: actor!.id,
        action: "moderation.merge",
        targetType: "idea",
        targetId: a.id,
        details: { into: b.id, moved, duplicates, reason, subjectUserId: a.author_id },
      });
      await notifyModeration(trx, [a.author_id], a.id, (t) => t("moderation.notice.merged", { from: a.title, into: b.title, reason }), now);
      if (b.author_id !== a.author_id) {
        await notifyModeration(trx, [b.author_id], b.id, (t) => t("moderation.notice.mergedInto", { from: a.title, into: b.title, count: moved }), now, {
          kind: "moderation_notice",
        });
      }
      await recheckThreshold(trx, b.id, now);
      return { set: { merged_into_id: b.id }, note: reason };
    },
    now,
  );
  return result.ok ? { ...result, moved, duplicates } : result;
}
