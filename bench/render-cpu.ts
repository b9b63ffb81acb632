// `NODE_ENV=production npx tsx bench/render-cpu.ts [path] [in|out] [requests]`: the app's CPU per
// request for one page, through Remix's own request handler in a loop (no HTTP, no load
// generator), against madang_bench on DATABASE_URL's server: signed in as bench citizens ("in",
// the session read as app/server.ts reads it) or as a visitor ("out"). The quick measure behind
// docs/scaling.md section 4; `node --cpu-prof --import tsx bench/render-cpu.ts …` profiles it.
// RENDER_CPU_BUILD=/some/build/index.js measures another build (a copy of the one before a
// change), so that two builds can be measured one after the other at the same load.
// RENDER_CPU_COMPARE=/other/build/index.js measures two builds in the same process, ten requests
// of one then ten of the other, over and over: the machine's load moves both alike.
// A path with `{q}` in it (`'/ideas?q={q}'`) asks it with each of the bench's search queries in
// turn (bench/lib/queries.ts, as the search-mixed scenario does), the same ones for both builds.
import path from "node:path";
import type { Pool } from "pg";
import { ROOT, runMain } from "./lib/common";
import { searchVocabulary } from "./lib/queries";
import { defaultBuild, pageRenderer } from "./lib/render";

/** The bench's search queries (as many as search-mixed draws), read on a connection of the pool. */
async function vocabulary(pool: Pool): Promise<string[]> {
  const client = await pool.connect();
  try {
    return await searchVocabulary(client, 1500);
  } finally {
    client.release();
  }
}

async function main() {
  const [pathname = "/about", mode = "out", count = "300"] = process.argv.slice(2);
  if (process.env.NODE_ENV !== "production") console.warn("NODE_ENV is not production: React runs its slower development build.");
  const page = pageRenderer(pathname, mode);
  const builds = [defaultBuild(), ...(process.env.RENDER_CPU_COMPARE ? [process.env.RENDER_CPU_COMPARE] : [])];
  const handlers = await Promise.all(builds.map((file) => page.load(file)));
  const queries = pathname.includes("{q}") ? await vocabulary(page.handle.pool) : null;
  const pathFor = (k: number) => (queries ? pathname.replace("{q}", encodeURIComponent(queries[k % queries.length])) : pathname);
  for (const handler of handlers) for (let i = 0; i < 50; i++) await page.once(handler, { path: pathFor(i) });
  const n = Number(count);
  const totals = handlers.map(() => ({ cpu: 0, wall: 0, bytes: 0 }));
  for (let done = 0; done < n; done += 10) {
    for (const [i, handler] of handlers.entries()) {
      const cpu = process.cpuUsage();
      const started = performance.now();
      for (let j = done; j < Math.min(n, done + 10); j++) totals[i].bytes = (await page.once(handler, { path: pathFor(50 + j) })).bytes;
      const used = process.cpuUsage(cpu);
      totals[i].cpu += used.user + used.system;
      totals[i].wall += performance.now() - started;
    }
  }
  for (const [i, t] of totals.entries()) {
    const which = handlers.length > 1 ? ` (${path.relative(ROOT, builds[i])})` : "";
    console.log(`${page.label}${which}: ${(t.cpu / 1000 / n).toFixed(2)} ms CPU/request, ${(t.wall / n).toFixed(2)} ms wall, ${t.bytes} bytes`);
  }
  await page.close();
}

runMain(main);
