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
      // A named statement (db/named.ts) starts with its name in a comment.
      const name = /^\/\* ([a-z-]+) \*\/ /.exec(s.text)?.[1];
      const text = name ? s.text.slice(name.length + 7) : s.text;
      if (!analyze || !/^\s*(select|with|insert|update|delete)/i.test(text)) continue;
      // Reads run again under EXPLAIN ANALYZE; anything that writes is only planned.
      const reads = /^\s*(select|with)/i.test(text) && !/\b(insert|update|delete)\b/i.test(text);
      await client.query("BEGIN READ ONLY");
      try {
        let explained = `EXPLAIN (${reads ? "ANALYZE, BUFFERS" : "COSTS"}) ${text}`;
        if (name && reads) {
          // As the app runs it: prepared, and run six times (PostgreSQL plans the first five
          // afresh, then makes a generic plan and keeps it when it costs no more): the plan
          // shown is the seventh run's.
          // EXECUTE takes its arguments as literals (a utility statement has no parameters).
          const literal = (v: unknown) => client.escapeLiteral(Array.isArray(v) ? `{${v.join(",")}}` : v instanceof Date ? v.toISOString() : String(v));
          const execute = `EXECUTE bench_named${s.values.length ? `(${s.values.map(literal).join(", ")})` : ""}`;
          await client.query(`PREPARE bench_named AS ${text}`);
          for (let k = 0; k < 6; k++) await client.query(execute);
          explained = `EXPLAIN (ANALYZE, BUFFERS) ${execute}`;
          console.log(`   (named "${name}": the seventh run of the prepared statement)`);
        }
        const plan = await client.query(explained, name && reads ? [] : s.values);
        for (const row of plan.rows as { "QUERY PLAN": string }[]) console.log(`   ${row["QUERY PLAN"]}`);
      } catch (e) {
        console.log(`   (no plan: ${(e as Error).message})`);
      } finally {
        await client.query("ROLLBACK");
        // A prepared statement outlives the transaction.
        if (name) await client.query("DEALLOCATE ALL");
      }
    }
  } finally {
    client.release();
  }
  await page.close();
}

runMain(main);
