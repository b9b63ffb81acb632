// Keeping an idea's support counters exact when supports move in sets (a merge) or stop and
// start counting (an invalidation and its reversal): the same three counters as a single
// support moves (app/domain/ideas/supports.server.ts), moved by the grouped size of the set,
// in the caller's transaction, on a locked idea row.
import { sql, type RawBuilder, type Transaction } from "kysely";
import type { Database } from "../../../db/schema";
import { appendEvent } from "../ideas/timeline.server";
import { fastTrack } from "../workflow/automatic.server";

type Trx = Transaction<Database>;

export interface SupportGroup {
  region_id: number;
  hour: Date;
  n: number;
  /** How many of them were given by identity- or in-person-verified people (decision 049). */
  verified: number;
}

/**
 * Runs a statement that changes supports and RETURNs `region_id, created_at, verification_level` of the rows it
 * changed, and answers them grouped by region and UTC hour: the counters move per group, never
 * per row, so a set of any size costs a handful of statements.
 */
export async function groupedSupports(trx: Trx, changing: RawBuilder<unknown>): Promise<SupportGroup[]> {
  const result = await sql<SupportGroup>`
    WITH changed AS (${changing})
    SELECT coalesce(region_id, 0)::int AS region_id,
           date_trunc('hour', created_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS hour,
           count(*)::int AS n,
           count(*) FILTER (WHERE verification_level >= 2)::int AS verified
    FROM changed GROUP BY 1, 2`.execute(trx);
  return result.rows.map((r) => ({ region_id: Number(r.region_id), hour: new Date(r.hour), n: Number(r.n), verified: Number(r.verified) }));
}

/**
 * Moves the region, hour and total counters of an idea by the groups, up or down: three
 * statements whatever the number of groups (the groups travel as arrays).
 */
export async function moveCounters(trx: Trx, ideaId: number, groups: SupportGroup[], sign: 1 | -1): Promise<number> {
  const byRegion = new Map<number, number>();
  const byHour = new Map<number, number>();
  let total = 0;
  let verified = 0;
  for (const g of groups) {
    verified += g.verified;
    byRegion.set(g.region_id, (byRegion.get(g.region_id) ?? 0) + g.n);
    byHour.set(g.hour.getTime(), (byHour.get(g.hour.getTime()) ?? 0) + g.n);
    total += g.n;
  }
  const regions = [...byRegion.keys()];
  const regionCounts = [...byRegion.values()];
  const hours = [...byHour.keys()].map((t) => new Date(t).toISOString());
  const hourCounts = [...byHour.values()];
  if (sign > 0) {
    await sql`
      INSERT INTO idea_support_regions (idea_id, region_id, supports)
      SELECT ${ideaId}, g.region_id, g.n FROM unnest(${regions}::int[], ${regionCounts}::int[]) AS g(region_id, n)
      ON CONFLICT (idea_id, region_id) DO UPDATE SET supports = idea_support_regions.supports + EXCLUDED.supports`.execute(trx);
    await sql`
      INSERT INTO idea_support_hours (idea_id, hour, supports)
      SELECT ${ideaId}, g.hour, g.n FROM unnest(${hours}::timestamptz[], ${hourCounts}::int[]) AS g(hour, n)
      ON CONFLICT (idea_id, hour) DO UPDATE SET supports = idea_support_hours.supports + EXCLUDED.supports`.execute(trx);
  } else {
    await sql`
      UPDATE idea_support_regions r SET supports = r.supports - g.n
      FROM unnest(${regions}::int[], ${regionCounts}::int[]) AS g(region_id, n)
      WHERE r.idea_id = ${ideaId} AND r.region_id = g.region_id`.execute(trx);
    // Hour rows older than the trending window are cleaned up (app/jobs): nothing to move then.
    await sql`
      UPDATE idea_support_hours h SET supports = greatest(h.supports - g.n, 0)
      FROM unnest(${hours}::timestamptz[], ${hourCounts}::int[]) AS g(hour, n)
      WHERE h.idea_id = ${ideaId} AND h.hour = g.hour`.execute(trx);
  }
  const row = await trx
    .updateTable("ideas")
    .set((eb) => ({ support_count: eb("support_count", "+", sign * total), verified_support_count: eb("verified_support_count", "+", sign * verified) }))
    .where("id", "=", ideaId)
    .returning("support_count")
    .executeTakeFirstOrThrow();
  return row.support_count;
}

/**
 * After a set of supports changed, an open idea's threshold is looked at again, as a single
 * support would: reaching it fast-tracks the idea in this transaction; falling back under it
 * (an invalidation) clears the mark. An idea already past `open` stays where it is.
 */
export async function recheckThreshold(trx: Trx, ideaId: number, now: Date): Promise<boolean> {
  const idea = await trx
    .selectFrom("ideas")
    .select(["status", "support_count", "verified_support_count", "threshold_counts_verified", "paper_counted", "support_threshold", "support_ends_at", "threshold_reached_at"])
    .where("id", "=", ideaId)
    .executeTakeFirstOrThrow();
  if (idea.status !== "open") return false;
  // All supports or the verified ones, as the call says; and paper supports where it counts them
  // (app/domain/assisted/paper.server.ts).
  const counted = (idea.threshold_counts_verified ? idea.verified_support_count : idea.support_count) + idea.paper_counted;
  const reached = counted >= idea.support_threshold;
  if (reached && idea.threshold_reached_at === null && (idea.support_ends_at === null || new Date(idea.support_ends_at) > now)) {
    await trx.updateTable("ideas").set({ threshold_reached_at: now }).where("id", "=", ideaId).execute();
    await appendEvent(trx, { ideaId, actorId: null, kind: "threshold_reached", note: String(counted), at: now });
    return fastTrack(trx, ideaId, now);
  }
  if (!reached && idea.threshold_reached_at !== null) {
    await trx.updateTable("ideas").set({ threshold_reached_at: null }).where("id", "=", ideaId).execute();
  }
  return false;
}
