// `NODE_ENV=production npx tsx bench/page-statements.ts [path] [in|out] [--analyze]`: every
// statement one page runs, in order, with its time, against madang_bench on DATABASE_URL's
// server (signed in as a bench citizen, as bench/render-cpu.ts does). With --analyze, each
// SELECT is run again under EXPLAIN (ANALYZE, BUFFERS) inside a READ ONLY transaction that is
// rolled back, and its plan printed; other statements get a plain EXPLAIN (never run twice).
// Needs `npm run build` first (RENDER_CPU_BUILD points at another build, as for render-cpu).
import type pg from "pg";
import { runMain } from "./lib/common";
import { defaultBuild, pageRenderer } from "./lib/render";

interface Logged {
  text: string;
  values: unknown[];
  ms: number;
  rows: number;
}

async function main() {
  const args = process.argv.slice(2);
  const analyze = args.includes("--analyze");
  const [pathname = "/about", mode = "in"] = args.filter((a) => !a.startsWith("--"));
  const page = pageRenderer(pathname, mode);
  let log: Logged[] | null = null;
  // Every client's query, timed, while `log` is set (the page's statements, not the session's).
  page.handle.pool.on("connect", (client: pg.PoolClient) => {
    const query = client.query.bind(client) as (...a: unknown[]) => Promise<pg.QueryResult>;
    (client as unknown as { query: unknown }).query = async (...a: unknown[]) => {
      const started = performance.now();
      const result = await query(...a);
      const config = a[0] as string | { text: string; values?: unknown[] };
      const text = typeof config === "string" ? config : config.text;
      const values = (typeof config === "string" ? a[1] : config.values) as unknown[] | undefined;
      log?.push({ text, values: values ?? [], ms: performance.now() - started, rows: result.rowCount ?? result.rows?.length ?? 0 });
      return result;
    };
  });
  const handler = await page.load(defaultBuild());
  // Warm: connections open, statements prepared, caches filled; then one reader more, logged.
  for (let k = 0; k < 5; k++) await page.once(handler, { citizen: k + 1000 });
  const statements: Logged[] = [];
  const { status, bytes } = await page.once(handler, { citizen: 7, onPage: () => (log = statements) });
  log = null;
  console.log(`${page.label}: ${status}, ${bytes} bytes, ${statements.length} statements, ${statements.reduce((s, x) => s + x.ms, 0).toFixed(1)} ms in all`);
  const client = await page.handle.pool.connect();
  try {
    for (const [i, s] of statements.entries()) {
      console.log(`\n#${i + 1} ${s.ms.toFixed(2)} ms, ${s.rows} rows: ${s.text.replace(/\s+/g, " ").slice(0, 400)}`);
      if (s.values.length) console.log(`   values: ${JSON.stringify(s.values).slice(0, 200)}`);
      if (!analyze || !/^\s*(select|with|insert|update|delete)/i.test(s.text)) continue;
      // Reads run again under EXPLAIN ANALYZE; anything that writes is only planned.
      const reads = /^\s*(select|with)/i.test(s.text) && !/\b(insert|update|delete)\b/i.test(s.text);
      await client.query("BEGIN READ ONLY");
      try {
        const plan = await client.query(`EXPLAIN (${reads ? "ANALYZE, BUFFERS" : "COSTS"}) ${s.text}`, s.values);
        for (const row of plan.rows as { "QUERY PLAN": string }[]) console.log(`   ${row["QUERY PLAN"]}`);
      } catch (e) {
        console.log(`   (no plan: ${(e as Error).message})`);
      } finally {
        await client.query("ROLLBACK");
      }
    }
  } finally {
    client.release();
  }
  await page.handle.close();
}

runMain(main);
