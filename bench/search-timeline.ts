// `npx tsx bench/search-timeline.ts [flags]`: where a mixed search's slow responses come from over
// time. Starts the app as the bench does (bench/lib/server.ts), asks the search-mixed scenario's
// queries at 32 connections (signed in, or as a visitor with --visitor), and prints, for each
// quarter of a second, the responses that ended in it (how many, their mean and slowest time) with
// the CPU the app's processes and PostgreSQL's processes used meanwhile; then the whole run's
// figures (p95, app and PostgreSQL CPU a search, the workers' peak memory) and the slowest
// quarters. With --node-args "--trace-gc …" the app's log (its path is printed, with each
// worker's start time) shows its collections, to set beside the quarters (docs/scaling.md,
// nineteenth round). PostgreSQL's CPU is every `postgres` process's on the machine.
import fs from "node:fs";
import pg from "pg";
import { BENCH_DB, BenchError, checkFlags, numberFlag, parseFlags, requireDatabaseUrl, runMain, SESSIONS_FILE, withDatabase } from "./lib/common";
import { searchVocabulary } from "./lib/queries";
import { load } from "./lib/http";
import { commandOf, ensureBuilt, processCpuMs, processesOf, readStatus, startServer, stopServer } from "./lib/server";

const QUARTER_MS = 250;

const postgresProcesses = () =>
  fs
    .readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry))
    .map(Number)
    .filter((pid) => commandOf(pid) === "postgres");

/** When a process started, in ms since the epoch (its start in ticks of 10 ms after boot). */
function startedAt(pid: number): number {
  const boot = Number(/btime (\d+)/.exec(fs.readFileSync("/proc/stat", "utf8"))?.[1]);
  const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  return boot * 1000 + Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19]) * 10;
}

interface Quarter {
  endMs: number;
  responses: number;
  meanMs: number;
  maxMs: number;
  appMs: number;
  postgresMs: number;
}

async function main() {
  const flags = parseFlags(process.argv.slice(2));
  checkFlags(flags, ["seconds", "warmup", "connections", "visitor", "node-args", "port", "queries", "timeline"]);
  const seconds = numberFlag(flags, "seconds", 20, (n) => n >= 1 && n <= 600);
  const warmup = numberFlag(flags, "warmup", 10, (n) => n >= 0 && n <= 120);
  const connections = numberFlag(flags, "connections", 32, (n) => Number.isInteger(n) && n >= 1);
  const port = numberFlag(flags, "port", 3790, (n) => Number.isInteger(n) && n > 1024 && n < 65000);
  const queryCount = numberFlag(flags, "queries", 1500, (n) => Number.isInteger(n) && n >= 1);
  const visitor = flags.has("visitor");
  const url = withDatabase(requireDatabaseUrl(), BENCH_DB);
  if (!visitor && !fs.existsSync(SESSIONS_FILE)) throw new BenchError("no bench sessions: run `npm run bench:seed` first (or pass --visitor)");
  const sessions = visitor ? null : (JSON.parse(fs.readFileSync(SESSIONS_FILE, "utf8")) as { cookieName: { production: string }; sessions: string[] });

  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const paths = (await searchVocabulary(client, queryCount)).map((q) => `/ideas?q=${encodeURIComponent(q)}`);
  await client.end();

  ensureBuilt();
  const nodeArgs = (flags.get("node-args") ?? "--max-old-space-size=256").split(/\s+/).filter(Boolean);
  const server = await startServer({ databaseUrl: url, port, publicUrl: `http://127.0.0.1:${port}`, poolSize: 10, nodeArgs });
  try {
    const app = processesOf(server);
    console.log(`app log: ${server.logFile}`);
    for (const pid of app) console.log(`  process ${pid} started at ${startedAt(pid)} (ms since the epoch)`);
    const headers = { accept: "text/html", "accept-language": "ko-KR,ko;q=0.9", "accept-encoding": "gzip, deflate, br, zstd" };
    let next = 0;
    const run = (duration: number, onResponse?: (ms: number) => void) =>
      load([server.url], connections, duration, {
        path: paths[0],
        headers,
        setup(request) {
          const i = next++;
          request.path = paths[i % paths.length];
          if (sessions) request.headers = { ...headers, cookie: `${sessions.cookieName.production}=${sessions.sessions[i % sessions.sessions.length]}` };
        },
        onResponse,
      });
    // As the bench does (bench/lib/http.ts): a warm-up on connections of its own, then the
    // measurement on new ones. Ten seconds by default, not the bench's three: an app just started
    // runs its first seconds of load slower (its heaps growing, both workers' first full
    // collections together), which the bench's long-running app is past.
    if (warmup > 0) await run(warmup);
    // The backends of the app's pool, open by now.
    const postgres = postgresProcesses();
    const cpu = (pids: number[]) => pids.reduce((total, pid) => total + processCpuMs(pid), 0);
    const quarters: Quarter[] = [];
    let inQuarter: number[] = [];
    const started = performance.now();
    const startedEpoch = Date.now();
    const appStart = cpu(app);
    const postgresStart = cpu(postgres);
    let last = { app: appStart, postgres: postgresStart };
    console.log(`measuring from ${new Date(startedEpoch).toISOString()} (the quarters' times count from it)`);
    const timer = setInterval(() => {
      const now = { app: cpu(app), postgres: cpu(postgres) };
      const times = inQuarter;
      inQuarter = [];
      quarters.push({
        endMs: performance.now() - started,
        responses: times.length,
        meanMs: times.length ? times.reduce((a, b) => a + b, 0) / times.length : 0,
        maxMs: times.length ? Math.max(...times) : 0,
        appMs: now.app - last.app,
        postgresMs: now.postgres - last.postgres,
      });
      last = now;
    }, QUARTER_MS);
    const measure = await run(seconds, (ms) => inQuarter.push(ms));
    clearInterval(timer);
    const appMs = cpu(app) - appStart;
    const postgresMs = cpu(postgres) - postgresStart;

    const pauses = collections(server.logFile, new Map(app.map((pid) => [pid, startedAt(pid) - startedEpoch])), seconds * 1000);
    const pausesIn = (q: Quarter) =>
      pauses
        .filter((c) => c.atMs > q.endMs - QUARTER_MS && c.atMs <= q.endMs && c.pauseMs >= 10)
        .map((c) => `${c.kind} ${c.pauseMs.toFixed(0)} ms (${c.pid})`)
        .join(", ");
    const line = (q: Quarter) => {
      const inIt = pausesIn(q);
      return (
        `${(q.endMs / 1000).toFixed(2).padStart(7)} s  ${String(q.responses).padStart(4)} responses  mean ${q.meanMs.toFixed(0).padStart(4)} ms  slowest ${q.maxMs.toFixed(0).padStart(4)} ms  app ${q.appMs.toFixed(0).padStart(4)} ms  PostgreSQL ${q.postgresMs.toFixed(0).padStart(4)} ms of CPU` +
        (inIt ? `  pauses: ${inIt}` : "")
      );
    };
    if (flags.has("timeline")) for (const q of quarters) console.log(line(q));
    const { requests, latencyMs } = measure;
    console.log(
      `${visitor ? "visitors" : "signed in"}: ${requests} searches, ${measure.rps.toFixed(0)} a second; ` +
        `mean ${latencyMs.mean.toFixed(0)} ms, p50 ${latencyMs.p50.toFixed(0)}, p95 ${latencyMs.p95.toFixed(0)}, p99 ${latencyMs.p99.toFixed(0)} (p95 / mean ${(latencyMs.p95 / latencyMs.mean).toFixed(2)}); ` +
        `CPU a search: app ${(appMs / requests).toFixed(2)} ms, PostgreSQL ${(postgresMs / requests).toFixed(2)} ms; ` +
        `peak memory of the app's processes ${app.map((pid) => ((readStatus(pid)?.hwm ?? 0) / 1024).toFixed(0)).join(", ")} MB`,
    );
    if (pauses.length) {
      for (const pid of app) {
        const own = pauses.filter((c) => c.pid === pid);
        if (!own.length) continue;
        const total = (kind: string) => own.filter((c) => c.kind === kind).reduce((sum, c) => sum + c.pauseMs, 0);
        const count = (kind: string) => own.filter((c) => c.kind === kind).length;
        console.log(
          `  process ${pid}: ${count("Scavenge")} scavenges (${total("Scavenge").toFixed(0)} ms paused, ${own.filter((c) => c.kind === "Scavenge" && c.pauseMs >= 20).length} of 20 ms or more), ` +
            `${count("Mark-Compact")} full collections (${total("Mark-Compact").toFixed(0)} ms paused)`,
        );
      }
    }
    console.log("The slowest quarters (by the mean of the responses that ended in them):");
    for (const q of [...quarters].sort((a, b) => b.meanMs - a.meanMs).slice(0, 8).sort((a, b) => a.endMs - b.endMs)) console.log(line(q));
  } finally {
    await stopServer(server);
  }
}

interface Collection {
  pid: number;
  /** When it ended, in ms from the start of the measurement. */
  atMs: number;
  kind: string;
  pauseMs: number;
}

/**
 * The collections `--trace-gc` wrote into the app's log during the measurement. V8 times each
 * from its process's start ("[pid:isolate]   1234 ms: Scavenge 12.3 (…) -> … MB, 4.56 / 0.01 ms …"),
 * which `offsets` turns into the measurement's time (the start is known to 10 ms).
 */
function collections(logFile: string, offsets: Map<number, number>, untilMs: number): Collection[] {
  const found: Collection[] = [];
  let text = "";
  try {
    text = fs.readFileSync(logFile, "utf8");
  } catch {
    return found;
  }
  for (const match of text.matchAll(/^\[(\d+):\S+\]\s+(\d+) ms: (Scavenge|Mark-Compact|Minor Mark-Sweep)\b.*?MB, ([\d.]+) \/ [\d.]+ ms/gm)) {
    const pid = Number(match[1]);
    const offset = offsets.get(pid);
    if (offset === undefined) continue;
    const atMs = offset + Number(match[2]);
    if (atMs >= 0 && atMs <= untilMs + QUARTER_MS) found.push({ pid, atMs, kind: match[3], pauseMs: Number(match[4]) });
  }
  return found;
}

runMain(main);
