// Where a search's database time goes: `EXPLAIN (ANALYZE, BUFFERS)` of the app's search (listIdeas,
// first page by relevance) for each of search-db's queries, summed by kind of query and by part
// of the plan, and the slowest queries with their plans' shapes (decision 077). Reads only.
//   DATABASE_URL=postgres://…/postgres npx tsx bench/search-explain.ts [--queries 1500] [--slowest 20]
// Execution times under EXPLAIN ANALYZE are inflated by its own timing; compare them with each other.
import pg from "pg";
import { Kysely, PostgresDialect } from "kysely";
import type { Database } from "../db/schema";
import { listIdeas } from "../app/domain/ideas/queries.server";
import { parseListParams } from "../app/domain/ideas/list";
import { searchVocabulary } from "./lib/queries";

interface PlanNode {
  "Node Type": string;
  "Subplan Name"?: string;
  "Relation Name"?: string;
  "Actual Total Time": number;
  "Actual Rows": number;
  "Actual Loops": number;
  "Rows Removed by Filter"?: number;
  Plans?: PlanNode[];
}

const serverUrl = process.env.DATABASE_URL;
if (!serverUrl) throw new Error("set DATABASE_URL to the server holding madang_bench");
const url = new URL(serverUrl);
url.pathname = "/madang_bench";
const option = (name: string, fallback: number) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};

const client = new pg.Client({ connectionString: url.toString() });
await client.connect();
const queries = await searchVocabulary(client, option("--queries", 1500));
// The app's statement, as it sends it: caught from Kysely's log, then explained on another connection.
type Statement = { sql: string; parameters: readonly unknown[] };
let statement = null as Statement | null;
const pool = new pg.Pool({ connectionString: url.toString(), max: 1 });
const db = new Kysely<Database>({
  dialect: new PostgresDialect({ pool }),
  log: (event) => void (statement = { sql: event.query.sql, parameters: event.query.parameters }),
});

function kindOf(q: string): string {
  if (/\s/.test(q)) return "two words";
  if (/^[a-z]+$/.test(q)) return "English word";
  const length = Array.from(q).length;
  return length === 2 ? "Korean, 2 syllables" : length === 3 ? "Korean, 3 syllables" : "Korean, 4+ syllables";
}
function find(node: PlanNode, test: (n: PlanNode) => boolean): PlanNode | undefined {
  if (test(node)) return node;
  for (const child of node.Plans ?? []) {
    const found = find(child, test);
    if (found) return found;
  }
  return undefined;
}
const scanOf = (node: PlanNode | undefined) =>
  node && find(node, (n) => (n["Node Type"] === "Index Scan" || n["Node Type"] === "Bitmap Heap Scan") && n["Relation Name"] === "idea_search");

const results: { q: string; kind: string; execution: number; planning: number; newest: number; title: number; shape: string }[] = [];
for (const q of queries) {
  await listIdeas(db, parseListParams(new URLSearchParams({ q })));
  const sent = statement as Statement | null;
  if (!sent) continue;
  const { rows } = await client.query(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${sent.sql}`, [...sent.parameters]);
  const explained = rows[0]["QUERY PLAN"][0] as { Plan: PlanNode; "Execution Time": number; "Planning Time": number };
  const newest = find(explained.Plan, (n) => n["Subplan Name"] === "CTE newest");
  const older = find(explained.Plan, (n) => n["Subplan Name"] === "CTE older");
  const newestScan = scanOf(newest);
  const olderScan = older && older["Actual Loops"] > 0 ? scanOf(older) : undefined;
  results.push({
    q,
    kind: kindOf(q),
    execution: explained["Execution Time"],
    planning: explained["Planning Time"],
    newest: newest?.["Actual Total Time"] ?? 0,
    title: older && older["Actual Loops"] > 0 ? older["Actual Total Time"] : 0,
    shape:
      `newest: ${newestScan?.["Node Type"]} ${newestScan?.["Actual Rows"]} rows (${newestScan?.["Rows Removed by Filter"] ?? 0} filtered)` +
      (olderScan ? `; title: ${olderScan["Node Type"]} ${olderScan["Actual Rows"]} rows (${olderScan["Rows Removed by Filter"] ?? 0} filtered)` : ""),
  });
}
await client.end();
await db.destroy();

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
const ms = (value: number) => value.toFixed(1);
console.log(`${results.length} queries: execution ${ms(sum(results.map((r) => r.execution)))} ms in all (newest matches ${ms(sum(results.map((r) => r.newest)))}, title set ${ms(sum(results.map((r) => r.title)))}), planning ${ms(sum(results.map((r) => r.planning)))} ms`);
for (const kind of [...new Set(results.map((r) => r.kind))].sort()) {
  const of = results.filter((r) => r.kind === kind);
  console.log(`  ${kind.padEnd(22)} ${String(of.length).padStart(5)} queries, mean execution ${(sum(of.map((r) => r.execution)) / of.length).toFixed(2)} ms`);
}
console.log("slowest:");
for (const r of [...results].sort((a, b) => b.execution - a.execution).slice(0, option("--slowest", 20))) {
  console.log(`  ${ms(r.execution).padStart(6)} ms  ${r.q}  [${r.kind}]  ${r.shape}`);
}
