// Lighthouse (12.2.3, pinned: it runs on Node 20) on the pages people open most — home, the idea
// list, an idea, the statistics and a committee — as a phone on a slow network (Lighthouse's
// default mobile settings), with Debian's Chromium. Not part of `npm test`: scores move with the
// machine's load. Issue 19's targets: performance ≥ 95; accessibility, best practices, SEO 100.
//
//   npm run bench:lighthouse -- [--lang ko|en] [--port 3790] [--pages idea,committee] [--reports <dir>]
//
// --pages runs only the pages named; --reports keeps each page's whole Lighthouse report
// (<dir>/<page>.json: the LCP element, the requests and their timings, unused JavaScript) with
// the trace and DevTools log it was computed from (<dir>/<page>-0.trace.json, …devtoolslog.json),
// which Lighthouse's simulator can be run on again.
//
// The app runs as `npm start` runs it in demo mode (its demo data): on a database of its own on
// the DATABASE_URL server (madang_lighthouse, made afresh), or else on the embedded database in
// a temporary folder. Results: a table, and bench/results/lighthouse-<time>.json.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { BenchError, checkFlags, numberFlag, parseFlags, RESULTS_DIR, ROOT } from "./lib/common";
import { ensureBuilt } from "./lib/server";

const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"] as const;
const TARGETS: Record<(typeof CATEGORIES)[number], number> = { performance: 95, accessibility: 100, "best-practices": 100, seo: 100 };

const flags = parseFlags(process.argv.slice(2));
checkFlags(flags, ["lang", "port", "pages", "reports"]);
const lang = flags.get("lang") ?? "ko";
if (lang !== "ko" && lang !== "en") throw new BenchError("--lang is ko or en");
const port = numberFlag(flags, "port", 3790);
const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
if (!fs.existsSync(chromium)) throw new BenchError(`no Chromium at ${chromium}: apt-get install -y chromium (or set CHROMIUM_PATH)`);

ensureBuilt();
const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: "127.0.0.1", DEMO: "1", LOG_LEVEL: "warn", WEB_CONCURRENCY: "1" };
for (const name of ["PUBLIC_URL", "SMTP_URL", "NODE_ENV", "DATABASE_REPLICA_URL", "PAGE_CACHE_SECONDS"]) delete env[name];
let dropDatabase: (() => Promise<void>) | null = null;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "madang-lighthouse-"));
if (process.env.DATABASE_URL) {
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
  await admin.query("DROP DATABASE IF EXISTS madang_lighthouse WITH (FORCE)");
  await admin.query("CREATE DATABASE madang_lighthouse");
  await admin.end();
  const url = new URL(process.env.DATABASE_URL);
  url.pathname = "/madang_lighthouse";
  env.DATABASE_URL = url.toString();
  dropDatabase = async () => {
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    await client.query("DROP DATABASE IF EXISTS madang_lighthouse WITH (FORCE)");
    await client.end();
  };
} else {
  delete env.DATABASE_URL;
  env.MADANG_DATA_DIR = path.join(tmp, "data");
}

const app = spawn(process.execPath, ["--import", "tsx", "app/server.ts"], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
let output = "";
app.stdout.on("data", (c: Buffer) => (output += c.toString()));
app.stderr.on("data", (c: Buffer) => (output += c.toString()));
const base = `http://127.0.0.1:${port}`;

async function stop() {
  if (app.exitCode === null) app.kill("SIGTERM");
  await new Promise((r) => (app.exitCode === null ? app.on("exit", r) : r(null)));
  await dropDatabase?.();
  fs.rmSync(tmp, { recursive: true, force: true });
}

try {
  for (let i = 0; ; i++) {
    const ok = await fetch(`${base}/healthz`).then((r) => r.ok, () => false);
    if (ok) break;
    if (app.exitCode !== null || i > 300) throw new BenchError(`the app did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 500));
  }
  const cookie = `madang_lang=${lang}`;
  const list = await (await fetch(`${base}/ideas`, { headers: { cookie } })).text();
  const ideaPath = /href="(\/ideas\/\d+)"/.exec(list)?.[1];
  if (!ideaPath) throw new BenchError("no idea linked from /ideas: is the demo data loaded?");
  const allPages = [
    { name: "home", path: "/" },
    { name: "list", path: "/ideas" },
    { name: "idea", path: ideaPath },
    { name: "stats", path: "/stats" },
    { name: "committee", path: "/committees/economy" },
  ];
  const only = flags.get("pages")?.split(",");
  const unknown = only?.filter((name) => !allPages.some((p) => p.name === name)) ?? [];
  if (unknown.length) throw new BenchError(`--pages: no page ${unknown.join(", ")} (pages: ${allPages.map((p) => p.name).join(", ")})`);
  const pages = only ? allPages.filter((p) => only.includes(p.name)) : allPages;
  const reports = flags.get("reports");
  if (reports) fs.mkdirSync(reports, { recursive: true });
  const bin = path.join(ROOT, "node_modules", ".bin", "lighthouse");
  const results: { name: string; path: string; scores: Record<string, number>; metrics: Record<string, number>; failing: string[] }[] = [];
  for (const page of pages) {
    const report = path.join(reports ?? tmp, `${page.name}.json`);
    const run = spawnSync(
      bin,
      [
        base + page.path,
        `--chrome-path=${chromium}`,
        "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
        `--only-categories=${CATEGORIES.join(",")}`,
        `--extra-headers=${JSON.stringify({ Cookie: cookie })}`,
        "--output=json",
        `--output-path=${report}`,
        "--quiet",
        ...(reports ? ["--save-assets"] : []),
      ],
      { cwd: ROOT, encoding: "utf8", env: { ...process.env, CHROME_PATH: chromium } },
    );
    if (run.status !== 0 || !fs.existsSync(report)) throw new BenchError(`lighthouse failed on ${page.path}:\n${run.stderr}`);
    const lhr = JSON.parse(fs.readFileSync(report, "utf8")) as {
      categories: Record<string, { score: number | null }>;
      audits: Record<string, { numericValue?: number; score: number | null }>;
    };
    const scores = Object.fromEntries(CATEGORIES.map((c) => [c, Math.round((lhr.categories[c]?.score ?? 0) * 100)]));
    const metrics = Object.fromEntries(
      ["first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift", "speed-index"].map((a) => [a, lhr.audits[a]?.numericValue ?? NaN]),
    );
    const failing = Object.entries(lhr.audits)
      .filter(([, a]) => a.score === 0)
      .map(([id]) => id);
    results.push({ name: page.name, path: page.path, scores, metrics, failing });
    console.log(
      `${page.name.padEnd(10)} ${page.path.padEnd(14)} ${CATEGORIES.map((c) => `${c} ${String(scores[c]).padStart(3)}${scores[c] >= TARGETS[c] ? "" : " (target " + TARGETS[c] + ")"}`).join("  ")}` +
        `  LCP ${(metrics["largest-contentful-paint"] / 1000).toFixed(2)} s, TBT ${Math.round(metrics["total-blocking-time"])} ms, CLS ${metrics["cumulative-layout-shift"].toFixed(3)}` +
        (failing.length ? `\n           audits at 0: ${failing.join(", ")}` : ""),
    );
  }
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `lighthouse-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
  fs.writeFileSync(
    file,
    JSON.stringify({ lighthouse: "12.2.3", formFactor: "mobile", lang, database: dropDatabase ? "PostgreSQL" : "embedded", loadAverage: os.loadavg(), cpus: os.cpus().length, results }, null, 2) + "\n",
  );
  console.log(`load average ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}; results in ${path.relative(ROOT, file)}`);
} finally {
  await stop();
}
