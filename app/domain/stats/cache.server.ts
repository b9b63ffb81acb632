// The computed dashboard, cached in the database per filter combination (stats_cache), so that
// every process behind the load balancer shares one copy and a crowd on /stats costs one
// computation every few minutes (docs/decisions/012-statistics.md).
import { sql, type Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import type { Dashboard } from "./dashboard";
import { computeDashboard, type StatsScope } from "./queries.server";
import { DAY_MS } from "../../utils/korea-time";
import { keptPerKey } from "../kept.server";

/** Bump when the shape of Dashboard changes: older rows are then never read. */
const VERSION = 1;
/** Served as it is. */
export const FRESH_MS = 5 * 60_000;
/** Served while a fresh copy is computed in the background. */
const STALE_MS = 60 * 60_000;
/** requested_at moves at most this often (reads stay reads). */
const TOUCH_MS = 10 * 60_000;

interface Stored {
  scope: StatsScope;
  dashboard: Dashboard;
}

export function cacheKey(scope: StatsScope): string {
  return `v${VERSION}|campaign=${scope.campaign?.id ?? ""}|from=${scope.from ?? ""}|to=${scope.to ?? ""}`;
}

export const DEFAULT_SCOPE: StatsScope = { campaign: null, from: null, to: null };

// One computation per key at a time in this process; others wait for it.
const running = new Map<string, Promise<Dashboard>>();

/** The computations this process has stored: a kept row older than the last one is read again. */
let storedHere = 0;

/** How long a process keeps a row it read (the row itself is up to FRESH_MS old). */
const ROW_KEPT_MS = 5_000;

/**
 * A key's stored row, kept by each process for a few seconds (decision 097): every view of /stats
 * read it and parsed its tens of KB of JSON again. Read again at once after this process stores
 * a computation; another process's shows within ROW_KEPT_MS.
 */
const keptRows = keptPerKey(
  ROW_KEPT_MS,
  async (db, key: string) => (await db.selectFrom("stats_cache").select(["payload", "computed_at", "requested_at"]).where("key", "=", key).executeTakeFirst()) ?? null,
  [],
  100,
);

/**
 * Computes and stores the dashboard for a scope. `inTurn`: nobody waits for it (the periodic
 * refresh, a stale dashboard renewed behind a reader), so its statements go one after another:
 * all nine at once held as many of PostgreSQL's backends, and the searches served in the next
 * two seconds took 225–244 ms on average against 203–208 in turn (docs/scaling.md, nineteenth round).
 */
export function recompute(db: Kysely<Database>, scope: StatsScope, now = new Date(), options: { inTurn?: boolean } = {}): Promise<Dashboard> {
  const key = cacheKey(scope);
  let job = running.get(key);
  if (!job) {
    job = (async () => {
      const dashboard = await computeDashboard(db, scope, now, options);
      const payload = JSON.stringify({ scope, dashboard } satisfies Stored);
      await db
        .insertInto("stats_cache")
        .values({ key, payload, computed_at: now, requested_at: now })
        .onConflict((oc) => oc.column("key").doUpdateSet({ payload, computed_at: now }))
        .execute();
      storedHere++;
      return dashboard;
    })().finally(() => running.delete(key));
    running.set(key, job);
  }
  return job;
}

/**
 * The dashboard for these filters: from the cache when fresh enough, else computed now. Read from
 * `db` (a visitor's may be the read replica), written to `primary` (decision 045).
 */
export async function cachedDashboard(db: Kysely<Database>, scope: StatsScope, now = new Date(), primary = db): Promise<Dashboard> {
  const key = cacheKey(scope);
  const row = await keptRows.get(db, key, String(storedHere));
  if (row) {
    const age = now.getTime() - new Date(row.computed_at).getTime();
    if (now.getTime() - new Date(row.requested_at).getTime() > TOUCH_MS) {
      // The kept row is touched too: the next views in this process do not write again.
      row.requested_at = now;
      void primary.updateTable("stats_cache").set({ requested_at: now }).where("key", "=", key).execute().catch(() => {});
    }
    const stored = row.payload as Stored;
    if (age >= 0 && age < FRESH_MS) return stored.dashboard;
    if (age >= 0 && age < STALE_MS) {
      void recompute(primary, scope, now, { inTurn: true }).catch(() => {});
      return stored.dashboard;
    }
  }
  return recompute(primary, scope, now);
}

/**
 * The periodic refresh: keeps the unfiltered dashboard and the ones read in the last half
 * hour fresh, and forgets those nobody asked for in a day.
 */
export async function refreshDashboards(db: Kysely<Database>, now = new Date(), limit = 20): Promise<number> {
  await db
    .deleteFrom("stats_cache")
    .where("requested_at", "<", new Date(now.getTime() - DAY_MS))
    .execute();
  const recent = await db
    .selectFrom("stats_cache")
    .select(["key", sql<StatsScope>`payload -> 'scope'`.as("scope")])
    .where("key", "like", `v${VERSION}|%`)
    .where("requested_at", ">", new Date(now.getTime() - 30 * 60_000))
    .orderBy("requested_at", "desc")
    .limit(limit)
    .execute();
  const scopes = new Map<string, StatsScope>([[cacheKey(DEFAULT_SCOPE), DEFAULT_SCOPE]]);
  for (const row of recent) scopes.set(row.key, row.scope);
  for (const scope of scopes.values()) await recompute(db, scope, now, { inTurn: true });
  return scopes.size;
}
