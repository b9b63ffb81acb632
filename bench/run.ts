// `npm run bench [-- --duration 10 --warmup 3 --connections 32 --scenarios list,idea,... --processes 1]`
//
// Runs the app (production mode) against madang_bench (made by `npm run bench:seed`) and loads
// it from this process with autocannon, scenario after scenario: each a warm-up, then a fixed
// time measured. Baselines in the same run: a page with no database work (/about), and pgbench
// running the support's own SQL on the same number of connections as the app's pool. Prints a
// table with the ratios to the baselines and the targets of issue 8, and writes
// bench/results/<timestamp>.json.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import {
  BENCH_DB,
  BenchError,
  checkFlags,
  fmt,
  numberFlag,
  parseFlags,
  refuseEmbedded,
  requireDatabaseUrl,
  RESULTS_DIR,
  runMain,
  withDatabase,
} from "./lib/common";
import { load, type LoadRequest, type Measure } from "./lib/http";
import { commandOf, cpuMs, ensureBuilt, processesOf, startServer, stopServer, watchMemory, type RunningServer } from "./lib/server";
import { searchVocabulary } from "./lib/queries";
import { benchCitizens, freshSessions } from "./lib/sessions";
import { connect } from "../db/connect";
import { listIdeas } from "../app/domain/ideas/queries.server";
import { parseListParams } from "../app/domain/ideas/list";
import { checkExact, citizenAddress, pgbenchScript, resetSupports, runPgbench, tableColumns, type Exactness } from "./lib/supports";

interface Target {
  /** p95 at most this many ms. */
  p95?: number;
  /** At least this many requests (or transactions) per second. */
  rps?: number;
  /** At least this share of the baseline's rate. */
  share?: { of: string; min: number };
  /** No errors and counts exact afterwards. */
  exact?: boolean;
  /** At most this many ms of the app's CPU per request (every app process together). */
  cpuMs?: number;
  /** At most this mean time per request, in ms. */
  meanMs?: number;
}

interface Row {
  name: string;
  group: string;
  what: string;
  kind: "http" | "pgbench" | "db";
  target: Target;
  skipped?: string;
  measure?: Measure;
  rssPeakMb?: number;
  /** `wrapped`: more requests than citizens, so some were repeats (no new support, still OK). */
  exactness?: Exactness & { requests2xx: number; wrapped: boolean };
  pgbench?: { transactions: number; failed: number };
  ratio?: number;
  pass?: boolean | null;
  failures?: string[];
  note?: string;
  /**
   * The app's periodic jobs started between the warm-up's start and the measurement's end, with
   * when (seconds from the measurement's start; below 0, in the warm-up): a job such as
   * refresh-stats holds a core of PostgreSQL's for a second or more, which a scenario's p95 shows.
   */
  jobs?: { name: string; atSeconds: number }[];
  /** The app's CPU time in the measured window: per request, and as a share of one core. */
  app?: { cpuMsPerRequest: number; cpuCores: number };
  /** The machine's 1-minute load average at the end of the scenario. */
  load1?: number;
}

/** When each periodic job was last started (app/jobs/scheduler.server.ts claims it in scheduled_jobs). */
async function jobStarts(db: pg.Client): Promise<{ at: Map<string, number>; readAt: number }> {
  const readAt = Date.now();
  const { rows } = await db.query<{ name: string; at: number | null }>(
    `SELECT name, (extract(epoch FROM last_run_at) * 1000)::float8 AS at FROM scheduled_jobs WHERE last_run_at > '-infinity'`,
  );
  return { at: new Map(rows.map((row) => [row.name, Number(row.at)])), readAt };
}

/**
 * The jobs started since `before` was read (at `readAt`), timed from `measuredFrom` (ms since the
 * epoch). A job moved back (a failed run is claimed again at the next tick) is not a start.
 */
async function jobsSince(db: pg.Client, before: { at: Map<string, number>; readAt: number }, measuredFrom: number): Promise<Row["jobs"]> {
  const started = [...(await jobStarts(db)).at].filter(([name, at]) => at > (before.at.get(name) ?? -Infinity) && at >= before.readAt - 1000);
  return started.map(([name, at]) => ({ name, atSeconds: Math.round((at - measuredFrom) / 100) / 10 }));
}

/** Sets the row's jobs, started since `before` was read, and names them in its note. */
async function noteJobs(db: pg.Client, row: Row, before: Awaited<ReturnType<typeof jobStarts>>, measuredFrom: number): Promise<void> {
  row.jobs = await jobsSince(db, before, measuredFrom);
  if (!row.jobs?.length) return;
  const jobs = `jobs started: ${row.jobs.map((j) => `${j.name} at ${j.atSeconds} s`).join(", ")}`;
  row.note = row.note ? `${row.note}; ${jobs}` : jobs;
}

function appCpu(ms: number, m: Measure): Row["app"] {
  return { cpuMsPerRequest: m.requests ? ms / m.requests : 0, cpuCores: ms / 1000 / Math.max(0.001, m.seconds) };
}

const GROUPS = ["baseline", "home", "list", "idea", "search", "thread", "bodies", "stats", "api", "count", "supports"];

/** The flags `npm start` gives node (package.json), so that the bench measures the same process. */
function startFlags(): string[] {
  const pkg = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, "..", "package.json"), "utf8")) as { scripts: { start: string } };
  const words = pkg.scripts.start.split(/\s+/);
  return words[0] === "node" ? words.slice(1, words.indexOf("--import")) : [];
}

async function main() {
  const flags = parseFlags(process.argv.slice(2));
  checkFlags(flags, ["duration", "warmup", "connections", "scenarios", "port", "pool", "processes", "workers", "support-connections", "node-args", "queries"]);
  const nodeArgs = flags.has("node-args") ? flags.get("node-args")!.split(" ").filter(Boolean) : startFlags();
  const duration = numberFlag(flags, "duration", 10, (n) => n >= 1 && n <= 600);
  const warmup = numberFlag(flags, "warmup", 3, (n) => n >= 0 && n <= 120);
  const connections = numberFlag(flags, "connections", 32, (n) => Number.isInteger(n) && n >= 1 && n <= 1000);
  const supportConnections = numberFlag(flags, "support-connections", connections, (n) => Number.isInteger(n) && n >= 1);
  const port = numberFlag(flags, "port", 3700, (n) => Number.isInteger(n) && n > 1024 && n < 65000);
  const pool = numberFlag(flags, "pool", Number(process.env.DATABASE_POOL_SIZE ?? 10), (n) => Number.isInteger(n) && n >= 1 && n <= 200);
  const processes = numberFlag(flags, "processes", 1, (n) => Number.isInteger(n) && n >= 1 && n <= 8);
  // Workers per app process: `npm start`'s own default (one per core) unless given; with
  // --processes, each process runs one worker, as the processes of docs/scaling.md section 1.
  const workers = flags.has("workers")
    ? numberFlag(flags, "workers", 1, (n) => Number.isInteger(n) && n >= 1 && n <= 64)
    : processes > 1
      ? 1
      : null;
  const queryCount = numberFlag(flags, "queries", 1500, (n) => Number.isInteger(n) && n >= 1000 && n <= 100_000);
  const wanted = (flags.get("scenarios") ?? "all").split(",").map((s) => s.trim()).filter(Boolean);
  for (const w of wanted) {
    if (w !== "all" && !GROUPS.includes(w) && !/^[a-z0-9-]+$/.test(w)) throw new BenchError(`unknown scenario "${w}"`);
  }
  // A page scenario's signed-in twin ("<name>-in") comes with it.
  const selected = (name: string, group: string) =>
    wanted.includes("all") || wanted.includes(group) || wanted.includes(name) || wanted.includes(name.replace(/-in$/, ""));

  const url = requireDatabaseUrl();
  const benchUrl = withDatabase(url, BENCH_DB);
  const db = new pg.Client({ connectionString: benchUrl });
  await db.connect().catch((error: Error) => {
    throw new BenchError(`cannot open ${BENCH_DB} on the DATABASE_URL server (${error.message}): run \`npm run bench:seed\` first.`);
  });
  const version = await refuseEmbedded(db);
  const ideasCount = Number((await db.query(`SELECT count(*) AS n FROM ideas`).catch(() => ({ rows: [{ n: 0 }] }))).rows[0].n);
  if (!ideasCount) throw new BenchError(`${BENCH_DB} holds no ideas: run \`npm run bench:seed\` first.`);

  // ——— The data set and what the scenarios aim at ———
  const dataset = (
    await db.query(`SELECT (SELECT count(*) FROM users) AS users, (SELECT count(*) FROM ideas) AS ideas,
      (SELECT count(*) FROM supports) AS supports, (SELECT count(*) FROM idea_events) AS events,
      pg_size_pretty(pg_database_size(current_database())) AS size`)
  ).rows[0];
  dataset.posts = (await db.query(`SELECT count(*) AS n FROM posts`).catch(() => ({ rows: [{ n: 0 }] }))).rows[0].n;
  const citizens = await benchCitizens(db);
  if (!citizens.count) throw new BenchError(`${BENCH_DB} has no bench citizens: run \`npm run bench:seed\` again.`);
  // Leftovers of an interrupted run first: the support scenarios start from the seeded state.
  await resetSupports(db, citizens);
  const sessions = await freshSessions(db, BENCH_DB);
  const hot = (await db.query(`SELECT id, support_count FROM ideas WHERE status = 'open' ORDER BY support_count DESC LIMIT 1`)).rows[0];
  const hotId = Number(hot.id);
  const top = Number((await db.query(`SELECT max(support_count) AS n FROM ideas`)).rows[0].n);
  const open = (
    await db.query(`SELECT id FROM ideas WHERE status = 'open' AND support_threshold >= 10000000 AND id <> $1
                     AND support_ends_at > now() + interval '1 hour' AND hidden_at IS NULL ORDER BY id`, [hotId]).catch(() =>
      db.query(`SELECT id FROM ideas WHERE status = 'open' AND support_threshold >= 10000000 AND id <> $1
                 AND support_ends_at > now() + interval '1 hour' ORDER BY id`, [hotId]),
    )
  ).rows.map((r) => Number(r.id));
  if (!open.length) throw new BenchError("no open idea to support (was the data set seeded long ago? seed it again)");
  await db.query(`DROP TABLE IF EXISTS bench_open_ideas`);
  await db.query(`CREATE UNLOGGED TABLE bench_open_ideas (n integer PRIMARY KEY, idea_id bigint NOT NULL)`);
  await db.query(`INSERT INTO bench_open_ideas SELECT row_number() OVER (ORDER BY id), id FROM unnest($1::bigint[]) AS id`, [open]);
  const bigThread = (
    await db.query(`SELECT id, post_count FROM threads WHERE kind = 'committee' ORDER BY post_count DESC, id LIMIT 1`).catch(() => ({ rows: [] }))
  ).rows[0] as { id: string; post_count: number } | undefined;
  // The committee with the most ideas in its care, and the agency with the most under review: the
  // public pages of the bodies that a national deployment loads most.
  const busiest = async (table: "committees" | "agencies", column: string, statuses: string[]) =>
    (
      await db
        .query(
          `SELECT b.slug FROM ${table} b JOIN ideas i ON i.${column} = b.id WHERE i.status = ANY($1::text[]) GROUP BY b.id, b.slug ORDER BY count(*) DESC, b.id LIMIT 1`,
          [statuses],
        )
        .catch(() => ({ rows: [] }))
    ).rows[0]?.slug as string | undefined;
  const busyCommittee = await busiest("committees", "committee_id", ["fast_tracked", "in_deliberation"]);
  const busyAgency = await busiest("agencies", "agency_id", ["under_review"]);
  const supportColumns = await tableColumns(db, "supports");
  const burstWatch = (await db.query(`SELECT to_regclass('moderation_alerts') IS NOT NULL AS found`)).rows[0].found as boolean;

  console.log(
    `Data set ${BENCH_DB} (${dataset.size}): ${fmt(Number(dataset.users))} users, ${fmt(Number(dataset.ideas))} ideas, ` +
      `${fmt(Number(dataset.supports))} supports, ${fmt(Number(dataset.posts))} posts. Hot idea #${hotId} (${fmt(Number(hot.support_count))} supports` +
      `${top > Number(hot.support_count) ? `; an idea past its threshold has ${fmt(top)}` : ""}), ${fmt(open.length)} other open ideas, ` +
      `${fmt(sessions.sessions.length)} signed-in citizens.`,
  );
  const loadavgStart = os.loadavg();
  // The app keeps visitors' public pages for PAGE_CACHE_SECONDS (1 s in production): the page
  // scenarios then measure that cache. PAGE_CACHE_SECONDS=0 measures every request rendered.
  const pageCacheSeconds = process.env.PAGE_CACHE_SECONDS ?? "1";
  console.log(
    pageCacheSeconds === "0"
      ? "Page cache off (PAGE_CACHE_SECONDS=0): every page request is rendered."
      : `Page cache for visitors: ${pageCacheSeconds} s (the production default; PAGE_CACHE_SECONDS=0 to measure every request rendered).`,
  );
  console.log(`Machine: ${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}; ${version.split(" on ")[0]}`);

  // ——— The app ———
  const built = ensureBuilt();
  const publicUrl = `http://127.0.0.1:${port}`;
  const servers: RunningServer[] = [];
  const startedAt = new Date();
  const stopAll = async () => {
    for (const s of servers) await stopServer(s);
  };
  process.once("SIGINT", () => {
    void stopAll().then(() => process.exit(130));
  });
  const rows: Row[] = [];
  let queries: string[] = [];
  let memory: ReturnType<typeof watchMemory> | null = null;
  try {
    for (let i = 0; i < processes; i++) {
      const t = Date.now();
      servers.push(await startServer({ databaseUrl: benchUrl, port: port + i, publicUrl, poolSize: pool, nodeArgs, workers }));
      // Node processes: the primary and its workers (tsx's esbuild helpers aside).
      const count = processesOf(servers[i]).filter((pid) => commandOf(pid) === "node").length;
      console.log(
        `App process ${i + 1} on port ${port + i}: ready in ${((Date.now() - t) / 1000).toFixed(1)} s ` +
          `(${count > 1 ? `${count - 1} workers` : "one process"}, pool ${pool} each; log ${servers[i].logFile})`,
      );
    }
    memory = watchMemory(servers);
    const urls = servers.map((s) => s.url);
    const cookieName = sessions.cookieName.production;
    // What a browser asks for: pages come back compressed, as they do to everyone (the app's cost
    // of compressing each signed-in page counted; decision 084).
    const anonymous = { accept: "text/html", "accept-language": "ko-KR,ko;q=0.9", "accept-encoding": "gzip, deflate, br, zstd" };

    // ——— Scenario helpers ———
    const header = () =>
      console.log(
        `\n${"scenario".padEnd(26)} ${"req/s".padStart(9)} ${"p50 ms".padStart(8)} ${"p95 ms".padStart(8)} ${"p99 ms".padStart(8)} ${"bad".padStart(6)} ${"err".padStart(5)} ${"RSS MB".padStart(7)} ${"app CPU".padStart(8)} ${"ms/req".padStart(7)} ${"load".padStart(5)}`,
      );
    const line = (row: Row) => {
      row.load1 = os.loadavg()[0];
      if (row.skipped) return console.log(`${row.name.padEnd(26)} skipped: ${row.skipped}`);
      const m = row.measure!;
      console.log(
        `${row.name.padEnd(26)} ${fmt(m.rps, 1).padStart(9)} ${fmt(m.latencyMs.p50, 1).padStart(8)} ${fmt(m.latencyMs.p95, 1).padStart(8)} ` +
          `${fmt(m.latencyMs.p99, 1).padStart(8)} ${String(m.bad).padStart(6)} ${String(m.errors).padStart(5)} ${(row.rssPeakMb ? fmt(row.rssPeakMb) : "-").padStart(7)} ` +
          `${(row.app ? `${Math.round(row.app.cpuCores * 100)}%` : "-").padStart(8)} ${(row.app ? fmt(row.app.cpuMsPerRequest, 1) : "-").padStart(7)} ${(row.load1 ?? 0).toFixed(1).padStart(5)}` +
          (row.exactness
            ? `  ${fmt(row.exactness.requests2xx)} OK answers, ${fmt(row.exactness.stored)} supports stored (with those in flight at the stop); counts ${row.exactness.exact ? "exact" : "NOT EXACT"}`
            : ""),
      );
    };
    header();

    /**
     * An app process that ended during a run (on a shared machine, something may stop it) is
     * noted and started again, so that one loss does not end the whole benchmark.
     */
    async function revive(): Promise<string | null> {
      const dead = servers.filter((s) => s.exited);
      if (!dead.length) return null;
      const notes: string[] = [];
      for (const s of dead) {
        notes.push(`app process on port ${s.port} ended (${s.exit}); restarted`);
        const fresh = await startServer(s.options);
        servers[servers.indexOf(s)] = fresh;
      }
      memory!.stop();
      memory = watchMemory(servers);
      const note = notes.join("; ");
      console.log(`  note: ${note}`);
      return note;
    }

    async function http(name: string, group: string, what: string, target: Target, request: LoadRequest, conns = connections, check?: () => Promise<Row["exactness"]>) {
      if (!selected(name, group)) return;
      const revived = await revive();
      const row: Row = { name, group, what, kind: "http", target, ...(revived ? { note: revived } : {}) };
      const jobsBefore = await jobStarts(db);
      if (warmup > 0) await load(urls, conns, warmup, request);
      memory!.reset();
      const cpu = cpuMs(servers);
      const measuredFrom = Date.now();
      row.measure = await load(urls, conns, duration, request);
      row.rssPeakMb = memory!.peakMb();
      row.app = appCpu(cpuMs(servers) - cpu, row.measure);
      if (check) row.exactness = await check();
      if (servers.some((s) => s.exited)) row.note = `${row.note ? `${row.note}; ` : ""}an app process ended during this scenario`;
      await noteJobs(db, row, jobsBefore, measuredFrom);
      rows.push(row);
      line(row);
    }
    function skip(name: string, group: string, what: string, reason: string) {
      if (!selected(name, group)) return;
      const row: Row = { name, group, what, kind: "http", target: {}, skipped: reason };
      rows.push(row);
      line(row);
    }
    /** Whether a path answers (not 404) for a visitor; the scenario is skipped with a note if not. */
    async function answers(pathname: string): Promise<number> {
      await revive();
      const response = await fetch(`${urls[0]}${pathname}`, { headers: anonymous, redirect: "manual" });
      await response.arrayBuffer();
      return response.status;
    }

    /**
     * A page scenario, measured twice: as a visitor (the page cache as in production, decision
     * 019) and, as `<name>-in`, signed in as a different bench citizen on every request (never
     * cached: what every signed-in person gets). `requestFor` may vary the path per request.
     */
    async function page(
      name: string,
      group: string,
      what: string,
      targets: { visitor: Target; signedIn: Target },
      pathname: string,
      vary?: (k: number) => string,
    ) {
      let v = 0;
      await http(name, group, what, targets.visitor, {
        path: pathname,
        headers: anonymous,
        ...(vary ? { setup: (request) => void (request.path = vary(v++)) } : {}),
      });
      let k = 0;
      await http(`${name}-in`, group, `${what}, signed in`, targets.signedIn, {
        path: pathname,
        headers: { ...anonymous, cookie: `${cookieName}=${sessions.sessions[0]}` },
        setup(request) {
          const i = k++;
          request.headers = { ...request.headers, cookie: `${cookieName}=${sessions.sessions[i % sessions.sessions.length]}` };
          if (vary) request.path = vary(i);
        },
      });
    }

    // 7a. The baseline: a page of the same app that does no database work.
    const aboutStatus = await answers("/about");
    if (aboutStatus === 200) {
      await page("about", "baseline", "GET /about (no database work)", { visitor: {}, signedIn: { cpuMs: 1 } }, "/about");
    } else {
      skip("about", "baseline", "GET /about", `/about answered ${aboutStatus}`);
    }

    // 0. The home page: open calls, trending ideas, the pipeline's counts, coming events.
    await page("home", "home", "GET / (home page)", { visitor: { p95: 100 }, signedIn: { p95: 100, cpuMs: 3 } }, "/");

    // 1. The idea list, each sort, pages 1 and 50 (page 50 reached by walking 49 next cursors).
    for (const sort of ["trending", "top", "new", "closing"]) {
      for (const pageNo of [1, 50]) {
        const name = `list-${sort}-p${pageNo}`;
        if (!selected(name, "list") && !selected(`${name}-in`, "list")) continue;
        await revive();
        let cursor: string | null = null;
        for (let p = 1; p < pageNo; p++) {
          const data = (await (
            await fetch(`${urls[0]}/ideas?sort=${sort}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}&_data=routes%2Fideas._index`)
          ).json()) as { nextCursor: string | null };
          cursor = data.nextCursor;
          if (!cursor) break;
        }
        if (pageNo > 1 && !cursor) {
          skip(name, "list", `GET /ideas?sort=${sort} page ${pageNo}`, `the list has fewer than ${pageNo} pages at this scale`);
          continue;
        }
        const pathname = `/ideas?sort=${sort}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
        await page(
          name,
          "list",
          `GET ${pathname.slice(0, 60)}`,
          { visitor: { p95: 100, share: { of: "about", min: 0.5 } }, signedIn: { p95: 100, cpuMs: 3 } },
          pathname,
        );
      }
    }

    // 2. The page of the most-supported open idea, with its first page of comments.
    await page(
      "idea-hot",
      "idea",
      `GET /ideas/${hotId} (most supported, 5,000+ comments)`,
      { visitor: { p95: 150 }, signedIn: { p95: 150, cpuMs: 4 } },
      `/ideas/${hotId}`,
    );

    // 3. Search, Korean and English: three fixed queries (which the page cache serves to
    // visitors), and many different queries drawn from the data's own words, so that nearly
    // every request reaches the database.
    for (const [name, q] of [
      ["search-ko", "대중교통"],
      ["search-ko-short", "탄소"],
      ["search-en", "transit"],
    ] as const) {
      await page(name, "search", `GET /ideas?q=${q}`, { visitor: { p95: 200 }, signedIn: { p95: 200 } }, `/ideas?q=${encodeURIComponent(q)}`);
    }
    if (selected("search-mixed", "search") || selected("search-mixed-in", "search")) {
      queries = await searchVocabulary(db, queryCount);
      const paths = queries.map((q) => `/ideas?q=${encodeURIComponent(q)}`);
      await page(
        "search-mixed",
        "search",
        `GET /ideas?q=… (${fmt(queries.length)} different queries from the data's words: Korean words and fragments, English words)`,
        { visitor: { p95: 200 }, signedIn: { p95: 200 } },
        paths[0],
        (k) => paths[k % paths.length],
      );
    }
    // The database's share of a search: the app's own search (listIdeas, first page by
    // relevance) for every query, one after another on an otherwise idle app, timed from here
    // (so an upper bound: it includes the round trip).
    if (selected("search-db", "search")) {
      if (!queries.length) queries = await searchVocabulary(db, queryCount);
      const handle = connect(benchUrl, { max: 1 });
      try {
        for (const q of queries.slice(0, 50)) await listIdeas(handle.db, parseListParams(new URLSearchParams({ q })));
        const times: number[] = [];
        const started = Date.now();
        for (const q of queries) {
          const t = process.hrtime.bigint();
          await listIdeas(handle.db, parseListParams(new URLSearchParams({ q })));
          times.push(Number(process.hrtime.bigint() - t) / 1e6);
        }
        const seconds = (Date.now() - started) / 1000;
        const sorted = [...times].sort((a, b) => a - b);
        const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
        const row: Row = {
          name: "search-db",
          group: "search",
          what: `the app's search query alone (listIdeas), ${fmt(queries.length)} different queries one after another`,
          kind: "db",
          target: { meanMs: 10 },
          measure: {
            requests: times.length,
            seconds,
            rps: times.length / seconds,
            latencyMs: { mean: times.reduce((a, b) => a + b, 0) / times.length, p50: at(50), p95: at(95), p99: at(99), max: sorted[sorted.length - 1] },
            statuses: {},
            bad: 0,
            errors: 0,
          },
        };
        rows.push(row);
        line(row);
      } finally {
        await handle.close();
      }
    }

    // 4. A committee thread with 5,000+ posts.
    if (!bigThread) {
      skip("thread-big", "thread", "GET /threads/:id", "no threads table or no thread in the data set");
    } else {
      const status = await answers(`/threads/${bigThread.id}`);
      if (status === 200) {
        await page(
          "thread-big",
          "thread",
          `GET /threads/${bigThread.id} (${fmt(Number(bigThread.post_count))} posts)`,
          { visitor: { p95: 150 }, signedIn: { p95: 150, cpuMs: 4 } },
          `/threads/${bigThread.id}`,
        );
      } else {
        skip("thread-big", "thread", `GET /threads/${bigThread.id}`, `answered ${status}`);
      }
    }

    // 4b. The public pages of the busiest committee and agency (no target of issue 19: measured so
    // that a page that grows with the data shows here).
    for (const [name, pathname] of [
      ["committee-busy", busyCommittee && `/committees/${busyCommittee}`],
      ["agency-busy", busyAgency && `/agencies/${busyAgency}`],
    ] as const) {
      if (!pathname) skip(name, "bodies", `GET ${name}`, "no committee or agency with ideas in its care");
      else await page(name, "bodies", `GET ${pathname} (the most ideas in its care)`, { visitor: {}, signedIn: {} }, pathname);
    }

    // 5. Statistics and open data (skipped while those routes do not exist).
    for (const [name, group, pathname, targets] of [
      ["stats", "stats", "/stats", { visitor: { p95: 300 }, signedIn: { cpuMs: 5 } }],
      ["api-ideas", "api", "/api/v1/ideas", { visitor: {}, signedIn: {} }],
    ] as const) {
      if (!selected(name, group) && !selected(`${name}-in`, group)) continue;
      const status = await answers(pathname);
      if (status === 200) await page(name, group, `GET ${pathname}`, targets, pathname);
      else skip(name, group, `GET ${pathname}`, `the route answered ${status}${status === 404 ? " (not built yet)" : ""}`);
    }
    await http("count-hot", "count", `GET /ideas/${hotId}/count`, {}, { path: `/ideas/${hotId}/count`, headers: { accept: "application/json" } });

    // 6 and 7b. Supports through the real form action, and pgbench on the same SQL.
    const supportsWanted = ["supports", "pgbench-spread", "pgbench-hot", "supports-spread", "supports-hot", "supports-spread-nojs", "supports-hot-nojs"].some((n) => selected(n, "supports"));
    if (supportsWanted) {
      const vars = { ufirst: citizens.first, ulast: citizens.last, nopen: open.length, hot: hotId };
      const ipColumn = supportColumns.has("ip_prefix");
      const pgbenchRow = async (name: string, hotOnly: boolean) => {
        if (!selected(name, "supports")) return;
        const script = pgbenchScript({ hot: hotOnly, burstWatch: burstWatch && supportColumns.has("invalidated_at"), ipColumn });
        await resetSupports(db, citizens);
        if (warmup > 0) await runPgbench({ url: benchUrl, script, clients: pool, seconds: warmup, vars, log: false });
        const result = await runPgbench({ url: benchUrl, script, clients: pool, seconds: duration, vars, log: true });
        const row: Row = {
          name,
          group: "supports",
          what: `pgbench: the app's support SQL, ${pool} connections, ${hotOnly ? "one idea" : "random open ideas"}`,
          kind: "pgbench",
          target: {},
          measure: {
            requests: result.transactions,
            seconds: duration,
            rps: result.tps,
            latencyMs: result.latencyMs,
            statuses: {},
            bad: result.failed,
            errors: 0,
          },
          pgbench: { transactions: result.transactions, failed: result.failed },
        };
        rows.push(row);
        line(row);
      };
      await pgbenchRow("pgbench-spread", false);
      await pgbenchRow("pgbench-hot", true);

      // The form's own action (the index route: "?index"). A browser without JavaScript posts it
      // and gets the page back; with JavaScript, Remix posts with "_data" and gets the action's
      // JSON (and then reloads the page's data in separate requests).
      const form = (ideaFor: (i: number) => number, fetchMode = false): LoadRequest => {
        let i = 0;
        const suffix = fetchMode ? "?index&_data=routes%2Fideas.%24id._index" : "?index";
        return {
          method: "POST",
          path: `/ideas/${ideaFor(0)}${suffix}`,
          body: "intent=support",
          headers: {
            "content-type": "application/x-www-form-urlencoded",
            origin: publicUrl,
            accept: fetchMode ? "*/*" : "text/html",
            cookie: `${cookieName}=${sessions.sessions[0]}`,
          },
          setup(request) {
            const k = i++;
            const who = k % sessions.sessions.length;
            request.path = `/ideas/${ideaFor(k)}${suffix}`;
            request.headers = {
              ...request.headers,
              cookie: `${cookieName}=${sessions.sessions[who]}`,
              "x-forwarded-for": citizenAddress(sessions.users[who]),
            };
          },
        };
      };
      const ok = (m: Measure | undefined) =>
        m ? Object.entries(m.statuses).filter(([code]) => /^[23]/.test(code)).reduce((n, [, c]) => n + c, 0) : 0;
      const supportRun = async (name: string, what: string, target: Target, ideaFor: (i: number) => number, hotOnly: boolean, fetchMode = false) => {
        if (!selected(name, "supports")) return;
        const revived = await revive();
        await resetSupports(db, citizens);
        const request = form(ideaFor, fetchMode);
        const row: Row = { name, group: "supports", what, kind: "http", target, ...(revived ? { note: revived } : {}) };
        let warm: Measure | undefined;
        const jobsBefore = await jobStarts(db);
        if (warmup > 0) warm = await load(urls, supportConnections, warmup, request);
        memory!.reset();
        const cpu = cpuMs(servers);
        const measuredFrom = Date.now();
        row.measure = await load(urls, supportConnections, duration, request);
        row.rssPeakMb = memory!.peakMb();
        row.app = appCpu(cpuMs(servers) - cpu, row.measure);
        await noteJobs(db, row, jobsBefore, measuredFrom);
        const exact = await checkExact(db, citizens, hotOnly ? hotId : undefined);
        const sent = (warm?.requests ?? 0) + row.measure.requests;
        row.exactness = { ...exact, requests2xx: ok(warm) + ok(row.measure), wrapped: sent > sessions.sessions.length };
        rows.push(row);
        line(row);
      };
      // A citizen's browser runs the page's JavaScript: the support button posts the form with
      // "_data" and gets the action's JSON, and the page takes the new count from it without
      // reloading its data (app/routes/ideas.$id._index.tsx). The targets apply to that. The same
      // form without JavaScript gets the whole page back: measured too ("-nojs").
      const s = sessions.sessions.length;
      const spread = (k: number) => open[(k + Math.floor(k / s) * 7) % open.length];
      await supportRun(
        "supports-spread",
        `POST /ideas/:id?index&_data=… intent=support (as the page's JavaScript sends it), signed in, over ${fmt(open.length)} open ideas`,
        { rps: 500, share: { of: "pgbench-spread", min: 0.5 }, exact: true },
        spread,
        false,
        true,
      );
      await supportRun(
        "supports-hot",
        `POST /ideas/${hotId}?index&_data=… intent=support, ${fmt(s)} citizens on one idea`,
        { rps: 400, exact: true },
        () => hotId,
        true,
        true,
      );
      await supportRun(
        "supports-spread-nojs",
        `POST /ideas/:id?index intent=support without JavaScript (the whole page back), over ${fmt(open.length)} open ideas`,
        { exact: true },
        spread,
        false,
      );
      await supportRun("supports-hot-nojs", `POST /ideas/${hotId}?index intent=support without JavaScript, on one idea`, { exact: true }, () => hotId, true);
      await resetSupports(db, citizens);
    }
  } finally {
    memory?.stop();
    await stopAll();
    await db.query(`DROP TABLE IF EXISTS bench_open_ideas`).catch(() => {});
  }

  // ——— Ratios, targets, the report ———
  const byName = new Map(rows.map((r) => [r.name, r]));
  const peakRss = Math.max(0, ...servers.map((s) => s.rssPeakKb / 1024));
  const hwm = Math.max(0, ...servers.map((s) => s.hwmKb / 1024));
  for (const row of rows) {
    if (row.skipped || !row.measure) continue;
    const m = row.measure;
    const failures: string[] = [];
    const t = row.target;
    if (t.p95 !== undefined && m.latencyMs.p95 > t.p95) failures.push(`p95 ${fmt(m.latencyMs.p95, 1)} ms > ${t.p95} ms`);
    if (t.rps !== undefined && m.rps < t.rps) failures.push(`${fmt(m.rps, 1)}/s < ${t.rps}/s`);
    if (t.cpuMs !== undefined && row.app && row.app.cpuMsPerRequest > t.cpuMs) {
      failures.push(`app CPU ${fmt(row.app.cpuMsPerRequest, 2)} ms/request > ${t.cpuMs} ms`);
    }
    if (t.meanMs !== undefined && m.latencyMs.mean > t.meanMs) failures.push(`mean ${fmt(m.latencyMs.mean, 1)} ms > ${t.meanMs} ms`);
    if (t.share) {
      const base = byName.get(t.share.of)?.measure;
      if (base && base.rps > 0) {
        row.ratio = m.rps / base.rps;
        if (row.ratio < t.share.min) failures.push(`${(row.ratio * 100).toFixed(0)}% of ${t.share.of} < ${t.share.min * 100}%`);
      }
    } else if (row.kind === "http") {
      // Against the baseline of the same kind: a visitor's /about, or a signed-in one's.
      const base = byName.get(row.name.endsWith("-in") ? "about-in" : "about")?.measure;
      if (base && base.rps > 0 && row.name !== "about" && row.name !== "about-in") row.ratio = m.rps / base.rps;
    }
    if (t.exact) {
      if (m.bad || m.errors) failures.push(`${m.bad} bad answers, ${m.errors} errors`);
      if (row.exactness && !row.exactness.exact) failures.push("counts not exact");
      if (row.exactness && !row.exactness.wrapped && row.exactness.stored < row.exactness.requests2xx) {
        failures.push(`${row.exactness.requests2xx - row.exactness.stored} OK answers without a stored support`);
      }
    }
    const hasTarget = t.p95 !== undefined || t.rps !== undefined || t.share !== undefined || t.exact || t.cpuMs !== undefined || t.meanMs !== undefined;
    row.failures = failures;
    row.pass = hasTarget ? failures.length === 0 : null;
  }

  console.log(`\n${"scenario".padEnd(26)} ${"req/s".padStart(9)} ${"p95 ms".padStart(8)} ${"ms/req".padStart(7)} ${"vs base".padStart(8)}  target`);
  for (const row of rows) {
    if (row.skipped) {
      console.log(`${row.name.padEnd(26)} ${"—".padStart(9)} ${"—".padStart(8)} ${"".padStart(7)} ${"".padStart(8)}  skipped: ${row.skipped}`);
      continue;
    }
    const m = row.measure!;
    const t = row.target;
    const goal = [
      t.p95 !== undefined ? `p95 ≤ ${t.p95} ms` : null,
      t.rps !== undefined ? `≥ ${t.rps}/s` : null,
      t.share ? `≥ ${t.share.min * 100}% of ${t.share.of}` : null,
      t.exact ? "0 errors, exact" : null,
      t.cpuMs !== undefined ? `CPU ≤ ${t.cpuMs} ms/req` : null,
      t.meanMs !== undefined ? `mean ≤ ${t.meanMs} ms` : null,
    ]
      .filter(Boolean)
      .join(", ");
    const verdict = row.pass === null ? "" : row.pass ? "  PASS" : `  FAIL (${row.failures!.join("; ")})`;
    console.log(
      `${row.name.padEnd(26)} ${fmt(m.rps, 1).padStart(9)} ${fmt(m.latencyMs.p95, 1).padStart(8)} ${(row.app ? fmt(row.app.cpuMsPerRequest, 2) : "").padStart(7)} ${(row.ratio !== undefined ? `${(row.ratio * 100).toFixed(0)}%` : "").padStart(8)}  ${goal}${verdict}${row.note ? `  [${row.note}]` : ""}`,
    );
  }
  const rssPass = peakRss <= 400;
  console.log(`\nServer memory: peak RSS ${fmt(peakRss)} MB (VmHWM ${fmt(hwm)} MB) — target ≤ 400 MB: ${rssPass ? "PASS" : "FAIL"}`);
  console.log(`Load average at the end: ${os.loadavg().map((l) => l.toFixed(2)).join(" ")} (timings on a busy machine are indicative only)`);

  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `${startedAt.toISOString().replace(/[:.]/g, "-")}.json`);
  fs.writeFileSync(
    file,
    JSON.stringify(
      {
        startedAt: startedAt.toISOString(),
        finishedAt: new Date().toISOString(),
        machine: {
          cpus: os.cpus().length,
          model: os.cpus()[0]?.model,
          memoryGb: Math.round(os.totalmem() / 2 ** 30),
          loadavgStart,
          loadavgEnd: os.loadavg(),
          node: process.version,
        },
        database: { server: version, dataset: { users: Number(dataset.users), ideas: Number(dataset.ideas), supports: Number(dataset.supports), events: Number(dataset.events), posts: Number(dataset.posts), size: dataset.size } },
        options: { duration, warmup, connections, supportConnections, pool, processes, workers: workers ?? "default (one per core)", nodeArgs, pageCacheSeconds, scenarios: wanted, build: built },
        targets: { hotIdea: hotId, openIdeas: open.length, bigThread: bigThread ? Number(bigThread.id) : null, signedInCitizens: sessions.sessions.length },
        memory: { peakRssMb: Math.round(peakRss), vmHwmMb: Math.round(hwm), pass: rssPass },
        scenarios: rows,
      },
      null,
      2,
    ),
  );
  console.log(`Results: ${path.relative(process.cwd(), file)}`);
  await db.end();
}

runMain(main);
