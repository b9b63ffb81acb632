// The database's time per search, alone (the `search-db` scenario of `npm run bench` without
// starting the app): the app's search query (listIdeas, first page by relevance) for each of
// `--queries` different queries from the data's own words, one after another, timed from here.
//   DATABASE_URL=postgres://…/postgres npx tsx bench/search-db.ts [--queries 1500]
import os from "node:os";
import pg from "pg";
import { connect } from "../db/connect";
import { listIdeas } from "../app/domain/ideas/queries.server";
import { parseListParams } from "../app/domain/ideas/list";
import { searchVocabulary } from "./lib/queries";

const serverUrl = process.env.DATABASE_URL;
if (!serverUrl) throw new Error("set DATABASE_URL to the server holding madang_bench");
const url = new URL(serverUrl);
url.pathname = "/madang_bench";
const flag = process.argv.indexOf("--queries");
const count = flag > 0 ? Number(process.argv[flag + 1]) : 1500;

const client = new pg.Client({ connectionString: url.toString() });
await client.connect();
const queries = await searchVocabulary(client, count);
const { rows } = await client.query<{ ideas: number }>("select count(*)::int as ideas from ideas");
await client.end();
const handle = connect(url.toString(), { max: 1 });
for (const q of queries.slice(0, 50)) await listIdeas(handle.db, parseListParams(new URLSearchParams({ q })));
const times: number[] = [];
for (const q of queries) {
  const t = process.hrtime.bigint();
  await listIdeas(handle.db, parseListParams(new URLSearchParams({ q })));
  times.push(Number(process.hrtime.bigint() - t) / 1e6);
}
await handle.close();
const sorted = [...times].sort((a, b) => a - b);
const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const mean = times.reduce((a, b) => a + b, 0) / times.length;
console.log(
  `search-db: ${times.length} queries over ${rows[0].ideas} ideas: mean ${mean.toFixed(1)} ms, p50 ${at(50).toFixed(1)}, p95 ${at(95).toFixed(1)}, p99 ${at(99).toFixed(1)}, max ${sorted[sorted.length - 1].toFixed(1)} ms; load average ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`,
);
