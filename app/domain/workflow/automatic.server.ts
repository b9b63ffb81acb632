// The steps nobody clicks: fast-tracking at the threshold, expiry at the end of the support
// window, and marking deadlines overdue. Each is safe to run again (it looks at the current
// state and locks what it changes), so a missed run is caught up by the next one.
import { sql, type Kysely, type Transaction } from "kysely";
import type { Database } from "../../../db/schema";
import { receivingCommitteeId } from "../campaigns/routing";
import { ensureDeliberationThread } from "../deliberation/deliberation.server";
import { notifyOverdue } from "../notifications/notify.server";
import { getSettings } from "../settings.server";
import { dueInBusinessDays } from "../agencies/holidays.server";
import { transitionRefusal } from "./transitions";
import { applyMove, lockIdea, workflowIdea } from "./workflow.server";
import { statusesWithDeadline } from "./statuses";
import { statusList } from "./status-sql.server";


/**
 * Moves a locked, open idea that reached its threshold to `fast_tracked`: assigned to the
 * committee `receivingCommitteeId` names (the campaign's, else its theme's, else the idea's
 * category's; the campaign's page names it by the same rule), with the committee's deadline.
 * A hidden idea (by reports or a moderator) waits: once restored, the catch-up below moves it.
 */
export async function fastTrack(trx: Transaction<Database>, ideaId: number, now: Date): Promise<boolean> {
  const idea = await lockIdea(trx, ideaId);
  if (!idea || idea.hidden_at !== null) return false;
  if (transitionRefusal("fastTrack", "system", workflowIdea(idea), now)) return false;
  const routing = await trx
    .selectFrom("categories as idea_category")
    .leftJoin("campaigns", (join) => join.on("campaigns.id", "=", idea.campaign_id))
    .leftJoin("categories as theme", "theme.id", "campaigns.category_id")
    .select([
      "campaigns.committee_id as campaignCommitteeId",
      "theme.default_committee_id as campaignThemeCommitteeId",
      "idea_category.default_committee_id as ideaCategoryCommitteeId",
    ])
    .where("idea_category.id", "=", idea.category_id)
    .executeTakeFirst();
  const committeeId =
    (routing ? receivingCommitteeId(routing) : null) ??
    (await trx.selectFrom("committees").select("id").orderBy("id").limit(1).executeTakeFirstOrThrow()).id;
  const settings = await getSettings(trx);
  await applyMove(
    trx,
    idea,
    "fastTrack",
    null,
    {
      set: { committee_id: committeeId, committee_due_at: await dueInBusinessDays(trx, now, settings.committee_deadline_days) },
    },
    now,
  );
  // The committee's deliberation thread for it, linked both ways, in the same transaction.
  await ensureDeliberationThread(trx, { ideaId: idea.id, committeeId, title: idea.title, at: now });
  return true;
}

/** The supports that count toward an idea's threshold: all, or the verified ones where its call says so (decision 049). */
// What the threshold is measured with: all supports or the verified ones, as the idea's call says
// (decision 049), plus paper supports where the call counts them (paper_counted, decision 039).
const COUNTED = sql`(CASE WHEN threshold_counts_verified THEN verified_support_count ELSE support_count END + paper_counted)`;

/** Fast-tracks open ideas at or above their threshold that were not moved yet (catch-up). */
export async function fastTrackDue(db: Kysely<Database>, now: Date, batch = 200): Promise<number> {
  const due = await db
    .selectFrom("ideas")
    .select("id")
    .where("status", "=", "open")
    .where("hidden_at", "is", null)
    .where(sql<boolean>`${COUNTED} >= support_threshold`)
    .orderBy("id")
    .limit(batch)
    .execute();
  let moved = 0;
  for (const { id } of due) {
    if (await db.transaction().execute((trx) => fastTrack(trx, id, now))) moved++;
  }
  return moved;
}

/** Ideas whose support window ended below the threshold become `expired`. */
export async function expireDue(db: Kysely<Database>, now: Date, batch = 500): Promise<number> {
  const due = await db
    .selectFrom("ideas")
    .select("id")
    .where("status", "=", "open")
    .where("support_ends_at", "<=", now)
    .where(sql<boolean>`${COUNTED} < support_threshold`)
    .orderBy("support_ends_at")
    .limit(batch)
    .execute();
  let expired = 0;
  for (const { id } of due) {
    const done = await db.transaction().execute(async (trx) => {
      const idea = await lockIdea(trx, id);
      // Re-checked under the lock, by the same table as every other move: a last-second support
      // may have reached the threshold (and fast-tracked it), or a moderator acted.
      if (!idea || transitionRefusal("expire", "system", workflowIdea(idea), now)) return false;
      const still = await trx
        .selectFrom("ideas")
        .select("id")
        .where("id", "=", id)
        .where("support_ends_at", "<=", now)
        .where(sql<boolean>`${COUNTED} < support_threshold`)
        .executeTakeFirst();
      if (!still) return false;
      await applyMove(trx, idea, "expire", null, {}, now);
      return true;
    });
    if (done) expired++;
  }
  return expired;
}

/**
 * Records each committee or agency step whose deadline has passed, once (the overdue_steps
 * key), and notifies the people responsible and the admins for each newly overdue step.
 */
export async function markOverdue(db: Kysely<Database>, now: Date): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const fresh = await sql<{ idea_id: number; step: "committee" | "agency" | "follow_up"; due_at: Date }>`
      INSERT INTO overdue_steps (idea_id, step, due_at, noticed_at)
      SELECT id, 'committee', committee_due_at, ${now}::timestamptz FROM ideas
        WHERE status IN (${statusList(statusesWithDeadline("committee"))}) AND committee_due_at <= ${now}::timestamptz
      UNION ALL
      SELECT id, 'agency', agency_due_at, ${now}::timestamptz FROM ideas
        WHERE status IN (${statusList(statusesWithDeadline("agency"))}) AND agency_due_at <= ${now}::timestamptz
      UNION ALL
      -- A follow-up answer owed (after further study or citizens' follow-through; decision 035).
      SELECT idea_id, 'follow_up', due_at, ${now}::timestamptz FROM follow_ups
        WHERE fulfilled_at IS NULL AND due_at <= ${now}::timestamptz
      ON CONFLICT DO NOTHING
      RETURNING idea_id, step, due_at`.execute(trx);
    for (const row of fresh.rows) await notifyOverdue(trx, row.idea_id, row.step, now);
    return fresh.rows.length;
  });
}
