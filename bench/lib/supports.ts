// The support scenarios' bookkeeping: the bench citizens' supports are removed before each run
// (with every counter moved back, as withdrawing would), and afterwards the counts are checked
// exact against the rows. Also the pgbench script that runs the app's support SQL.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type pg from "pg";

export interface Citizens {
  first: number;
  last: number;
}

/** The network a bench citizen supports from: 65,536 /24 networks, one per citizen id mod 2^16. */
export function citizenAddress(userId: number): string {
  return `10.${userId % 256}.${Math.floor(userId / 256) % 256}.${1 + (Math.floor(userId / 65536) % 254)}`;
}
/** The same, as the SQL of the pgbench script (pgbench variable :u), as app/domain/moderation/ip.ts stores it. */
const PREFIX_SQL = `'10.' || (:u % 256) || '.' || (:u / 256 % 256) || '.0/24'`;

export async function tableColumns(client: pg.ClientBase, table: string): Promise<Set<string>> {
  const { rows } = await client.query<{ column_name: string }>(
    `SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1`,
    [table],
  );
  return new Set(rows.map((r) => r.column_name));
}

/**
 * Waits until no other session works in this database: requests still in flight when the load
 * generator stopped finish on the server after it, and must be counted (and not deadlock with
 * the reset).
 */
export async function quiesce(client: pg.ClientBase, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  await new Promise((resolve) => setTimeout(resolve, 200));
  for (;;) {
    const { rows } = await client.query<{ n: string }>(
      `SELECT count(*) AS n FROM pg_stat_activity
        WHERE datname = current_database() AND pid <> pg_backend_pid() AND state NOT IN ('idle') AND backend_type = 'client backend'`,
    );
    if (Number(rows[0].n) === 0 || Date.now() > deadline) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Removes every support of the bench citizens, moving the counters back. Returns how many. */
export async function resetSupports(client: pg.ClientBase, citizens: Citizens): Promise<number> {
  await quiesce(client);
  for (let attempt = 1; ; attempt++) {
    try {
      return await resetOnce(client, citizens);
    } catch (error) {
      // A deadlock with a straggling request: that request is done once we are chosen; try again.
      if ((error as { code?: string }).code !== "40P01" || attempt >= 5) throw error;
      await quiesce(client);
    }
  }
}

async function resetOnce(client: pg.ClientBase, citizens: Citizens): Promise<number> {
  await client.query(`SET TimeZone = 'UTC'`);
  const { rows } = await client.query<{ removed: string }>(
    `WITH del AS (
        DELETE FROM supports WHERE user_id BETWEEN $1 AND $2 RETURNING idea_id, region_id, created_at, ${
          (await tableColumns(client, "supports")).has("invalidated_at") ? "invalidated_at IS NULL" : "true"
        } AS counted
      ),
      by_idea AS (SELECT idea_id, count(*)::int AS n FROM del WHERE counted GROUP BY idea_id),
      by_region AS (SELECT idea_id, coalesce(region_id, 0) AS region_id, count(*)::int AS n FROM del WHERE counted GROUP BY 1, 2),
      by_hour AS (SELECT idea_id, date_trunc('hour', created_at) AS hour, count(*)::int AS n FROM del WHERE counted GROUP BY 1, 2),
      u1 AS (UPDATE ideas i SET support_count = i.support_count - b.n FROM by_idea b WHERE i.id = b.idea_id RETURNING 1),
      u2 AS (UPDATE idea_support_regions r SET supports = r.supports - b.n FROM by_region b
              WHERE r.idea_id = b.idea_id AND r.region_id = b.region_id RETURNING 1),
      u3 AS (UPDATE idea_support_hours h SET supports = greatest(0, h.supports - b.n) FROM by_hour b
              WHERE h.idea_id = b.idea_id AND h.hour = b.hour RETURNING 1)
     SELECT (SELECT count(*) FROM del) AS removed`,
    [citizens.first, citizens.last],
  );
  // Alerts the burst watch may have raised during a run (the seed raises none).
  if ((await client.query(`SELECT to_regclass('moderation_alerts') IS NOT NULL AS found`)).rows[0].found) {
    await client.query(`DELETE FROM moderation_alerts`);
  }
  return Number(rows[0].removed);
}

export interface Exactness {
  stored: number;
  ideas: number;
  countOff: number;
  regionsOff: number;
  weeksOff: number;
  exact: boolean;
}

/** Supports the bench citizens stored, and whether every touched idea's counters equal its rows. */
export async function checkExact(client: pg.ClientBase, citizens: Citizens, ideaId?: number): Promise<Exactness> {
  await quiesce(client);
  const valid = (await tableColumns(client, "supports")).has("invalidated_at") ? "AND s.invalidated_at IS NULL" : "";
  const weeks = (await client.query(`SELECT to_regclass('idea_support_weeks') IS NOT NULL AS found`)).rows[0].found as boolean;
  const { rows } = await client.query(
    `WITH touched AS (
        SELECT DISTINCT idea_id FROM supports WHERE user_id BETWEEN $1 AND $2 ${ideaId ? "AND idea_id = $3" : ""}
      ), actual AS (
        SELECT i.id, i.support_count,
               (SELECT count(*) FROM supports s WHERE s.idea_id = i.id ${valid}) AS rows,
               (SELECT coalesce(sum(supports), 0) FROM idea_support_regions r WHERE r.idea_id = i.id) AS regions,
               ${weeks ? "(SELECT coalesce(sum(supports), 0) FROM idea_support_weeks w WHERE w.idea_id = i.id)" : "NULL"} AS weeks
          FROM touched t JOIN ideas i ON i.id = t.idea_id
      )
     SELECT (SELECT count(*) FROM supports WHERE user_id BETWEEN $1 AND $2 ${ideaId ? "AND idea_id = $3" : ""}) AS stored,
            count(*) AS ideas,
            count(*) FILTER (WHERE support_count <> rows) AS count_off,
            count(*) FILTER (WHERE support_count <> regions) AS regions_off,
            count(*) FILTER (WHERE weeks IS NOT NULL AND weeks <> rows) AS weeks_off
       FROM actual`,
    ideaId ? [citizens.first, citizens.last, ideaId] : [citizens.first, citizens.last],
  );
  const r = rows[0];
  const result = {
    stored: Number(r.stored),
    ideas: Number(r.ideas),
    countOff: Number(r.count_off),
    regionsOff: Number(r.regions_off),
    weeksOff: Number(r.weeks_off),
    exact: false,
  };
  result.exact = result.countOff === 0 && result.regionsOff === 0 && result.weeksOff === 0;
  return result;
}

/**
 * The SQL one support runs in the app (app/domain/ideas/supports.server.ts supportIdea, with the
 * burst watch of app/domain/moderation/burst.server.ts when present), as a pgbench script: a
 * random bench citizen supports a random open idea (or the hot one): one autocommitted statement
 * locks the idea, adds the support and moves the counters; the burst watch reads after it, as in
 * the app. (The app's slow path, for the support that reaches a threshold, never runs here: the
 * bench's ideas stay below theirs.)
 */
export function pgbenchScript(options: { hot: boolean; burstWatch: boolean; ipColumn: boolean }): string {
  const lines = [
    `\\set u random(:ufirst, :ulast)`,
    ...(options.hot
      ? [`\\set idea :hot`]
      : [`\\set r random(1, :nopen)`, `SELECT idea_id AS idea FROM bench_open_ideas WHERE n = :r \\gset`]),
    `WITH idea AS (SELECT id, support_count, support_threshold FROM ideas WHERE id = :idea AND status = 'open' AND support_ends_at > now() ` +
      `AND threshold_reached_at IS NULL AND support_count + 1 < support_threshold FOR UPDATE), ` +
      `added AS (INSERT INTO supports (idea_id, user_id, region_id, created_at${options.ipColumn ? ", ip_prefix" : ""}) ` +
      `SELECT idea.id, users.id, users.home_region_id, now()${options.ipColumn ? `, ${PREFIX_SQL}` : ""} FROM idea CROSS JOIN users WHERE users.id = :u ` +
      `ON CONFLICT (idea_id, user_id) DO NOTHING RETURNING region_id), ` +
      `by_region AS (INSERT INTO idea_support_regions (idea_id, region_id, supports) SELECT :idea, coalesce(region_id, 0), 1 FROM added ` +
      `ON CONFLICT (idea_id, region_id) DO UPDATE SET supports = idea_support_regions.supports + 1), ` +
      `by_hour AS (INSERT INTO idea_support_hours (idea_id, hour, supports) SELECT :idea, date_trunc('hour', now()), 1 FROM added ` +
      `ON CONFLICT (idea_id, hour) DO UPDATE SET supports = idea_support_hours.supports + 1), ` +
      `counted AS (UPDATE ideas SET support_count = support_count + 1 WHERE id = :idea AND EXISTS (SELECT 1 FROM added) RETURNING support_count, support_threshold) ` +
      `SELECT EXISTS (SELECT 1 FROM idea) AS eligible, (SELECT support_count FROM idea) AS current, ` +
      `(SELECT count(*) FROM counted) AS inserted, ` +
      `(SELECT (created_at > now() - interval '24 hours')::int FROM users WHERE id = :u) AS newacct, ` +
      `(SELECT jsonb_object_agg(key, value) FROM settings) AS settings FROM (SELECT 1) AS one \\gset`,
  ];
  if (options.burstWatch) {
    const burst = (extra: string) =>
      `FROM supports INNER JOIN users ON users.id = supports.user_id WHERE supports.idea_id = :idea ` +
      `AND supports.created_at > now() - interval '60 minutes' AND supports.created_at <= now() AND supports.invalidated_at IS NULL ${extra}`;
    lines.push(
      `\\if :inserted`,
      `\\if :newacct`,
      `SELECT count(*) AS n ${burst("AND users.created_at > now() - interval '24 hours'")};`,
      `\\endif`,
      `SELECT count(*) AS n ${burst(`AND supports.ip_prefix = ${PREFIX_SQL}`)};`,
      `\\endif`,
    );
  }
  return lines.join("\n") + "\n";
}

export interface PgbenchResult {
  tps: number;
  transactions: number;
  failed: number;
  latencyMs: { mean: number; p50: number; p95: number; p99: number; max: number };
  output: string;
}

/** Runs pgbench for `seconds` with `clients` connections; latencies from its per-transaction log. */
export async function runPgbench(options: {
  url: string;
  script: string;
  clients: number;
  seconds: number;
  vars: Record<string, number>;
  log: boolean;
}): Promise<PgbenchResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "madang-pgbench-"));
  const file = path.join(dir, "support.sql");
  fs.writeFileSync(file, options.script);
  const args = [
    "-n",
    "-M",
    "extended",
    "-c",
    String(options.clients),
    "-j",
    String(Math.min(options.clients, Math.max(1, os.cpus().length))),
    "-T",
    String(options.seconds),
    "-f",
    file,
    ...Object.entries(options.vars).flatMap(([k, v]) => ["-D", `${k}=${v}`]),
    ...(options.log ? ["-l", `--log-prefix=${path.join(dir, "log")}`] : []),
    options.url,
  ];
  const output = await new Promise<string>((resolve, reject) => {
    const child = spawn(process.env.PGBENCH ?? "pgbench", args, { cwd: dir });
    let text = "";
    child.stdout.on("data", (d) => (text += d));
    child.stderr.on("data", (d) => (text += d));
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve(text) : reject(new Error(`pgbench exited with ${code}:\n${text}`))));
  });
  const tps = Number(/tps = ([\d.]+)/.exec(output)?.[1] ?? 0);
  const transactions = Number(/number of transactions actually processed: (\d+)/.exec(output)?.[1] ?? 0);
  const failed = Number(/number of failed transactions: (\d+)/.exec(output)?.[1] ?? 0);
  const times: number[] = [];
  if (options.log) {
    for (const name of fs.readdirSync(dir).filter((f) => f.startsWith("log"))) {
      for (const line of fs.readFileSync(path.join(dir, name), "utf8").split("\n")) {
        const us = Number(line.split(" ")[2]);
        if (line && Number.isFinite(us)) times.push(us / 1000);
      }
    }
  }
  fs.rmSync(dir, { recursive: true, force: true });
  times.sort((a, b) => a - b);
  const at = (p: number) => (times.length ? times[Math.min(times.length - 1, Math.ceil((p / 100) * times.length) - 1)] : 0);
  return {
    tps,
    transactions,
    failed,
    latencyMs: {
      mean: times.length ? times.reduce((a, b) => a + b, 0) / times.length : Number(/latency average = ([\d.]+) ms/.exec(output)?.[1] ?? 0),
      p50: at(50),
      p95: at(95),
      p99: at(99),
      max: times.length ? times[times.length - 1] : 0,
    },
    output,
  };
}
