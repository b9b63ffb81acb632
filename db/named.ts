// Named (prepared) statements for a few Kysely queries whose planning costs more than their run
// (decision 073). Kysely's postgres driver sends plain text, so PostgreSQL plans every statement
// afresh; a statement sent under a name is parsed once per connection, and after five runs
// PostgreSQL keeps its generic plan when that costs no more than planning anew. Opt-in, per
// statement, from a fixed list of names: `named(db, "idea-record", [ideaId], () => query)` marks
// the statement's text with its name, and a pool that `nameMarkedStatements` set up sends a marked statement
// under that name. A pool that was not set up (the embedded database, whose connections share one
// backend session: a name prepared by one connection is refused to the next) runs it as plain
// text, marker and all — a comment to PostgreSQL.
import { createQueryId, type Compilable, type CompiledQuery, type Kysely, type RawBuilder } from "kysely";
import type pg from "pg";

/** Every statement that may run under a name. Each name stands for one text (checked below). */
export const STATEMENT_NAMES = [
  "idea-record",
  "idea-record-read",
  "posts-top-oldest",
  "posts-top-newest",
  "posts-top-oldest-after",
  "posts-top-newest-after",
  "idea-reader",
  "thread-record",
  "thread-record-read",
  "support",
  "support-spending",
  "support-batch",
  "thread-read",
] as const;
export type StatementName = (typeof STATEMENT_NAMES)[number];

const NAMES: ReadonlySet<string> = new Set(STATEMENT_NAMES);
const marker = (name: StatementName) => `/* ${name} */ `;
const MARKED = /^\/\* ([a-z-]+) \*\/ /;

/**
 * Each name's statement as first built and compiled in this process: the next runs send the same
 * text with their own parameters, without building the query again (building and compiling the
 * idea's record, sixteen tables, took a quarter of a millisecond of CPU a view: decision 078).
 */
const compiledByName = new Map<StatementName, { sql: string; query: CompiledQuery["query"] }>();
/**
 * Outside production every run also builds its query, and a name whose text changed throws (so
 * does a shaped query whose text or parameters differ from its shape's: db/shaped.ts).
 */
export const CHECK_EVERY_RUN = process.env.NODE_ENV !== "production";

/**
 * The rows of the query `build` makes, sent as the named statement `name` where the pool allows
 * it. `parameters` are the query's own, in the order its text uses them: the query is built only
 * on a name's first run (and on every run outside production, to check that its text is the
 * same); a later run sends the first run's text with these. So `build` must give one text for a
 * name whatever the values: a query with an optional part takes a name per shape.
 */
export async function named<O>(db: Kysely<any>, name: StatementName, parameters: readonly unknown[], build: () => Compilable<O>): Promise<O[]> {
  let known = compiledByName.get(name);
  if (!known || CHECK_EVERY_RUN) {
    const compiled = build().compile();
    if (!sameValues(compiled.parameters, parameters)) {
      throw new Error(`the statement ${name} has the parameters ${JSON.stringify(compiled.parameters)}, not the ${JSON.stringify(parameters)} given`);
    }
    known = firstCompiled(name, { sql: marker(name) + compiled.sql, query: compiled.query });
  }
  const result = await db.executeQuery<O>({ sql: known.sql, query: known.query, parameters, queryId: createQueryId() });
  return result.rows;
}

/**
 * The rows of `query`, built by the caller on every run, sent as the named statement `name` where
 * the pool allows it: for a statement that costs little to build and much to plan, such as a
 * support (its dozen parts took PostgreSQL 0.5 ms to plan and 0.3 ms to run: decision 085).
 * Outside production, a name whose text changed throws, as with `named`.
 */
export async function namedBuilt<O>(db: Kysely<any>, name: StatementName, query: RawBuilder<O>): Promise<O[]> {
  const compiled = query.compile(db);
  const text = marker(name) + compiled.sql;
  if (CHECK_EVERY_RUN) firstCompiled(name, { sql: text, query: compiled.query });
  const result = await db.executeQuery<O>({ ...compiled, sql: text });
  return result.rows;
}

/** The name's statement as first compiled in this process (kept then); another text for it throws. */
function firstCompiled(name: StatementName, compiled: { sql: string; query: CompiledQuery["query"] }) {
  const first = compiledByName.get(name);
  if (first && first.sql !== compiled.sql) throw new Error(`the statement ${name} was built with another text`);
  if (!first) compiledByName.set(name, compiled);
  return first ?? compiled;
}

/** Whether two lists of parameters hold the same values (a Date or an array by its JSON). */
export function sameValues(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i] || JSON.stringify(value) === JSON.stringify(b[i]));
}

/**
 * Sets up `pool` (a PostgreSQL server's: each connection its own session) to send statements
 * marked by `named` under their name. Every connection keeps its prepared statements until it
 * closes; there are at most STATEMENT_NAMES.length of them.
 */
export function nameMarkedStatements(pool: pg.Pool): void {
  // The text each name was first sent with through this pool. pg refuses a name sent with another
  // text on the same connection; a query whose shape changed (a bug) runs as plain text instead.
  // Per pool, not per process: two builds measured side by side in one process (bench/lib/render.ts,
  // each with its own pool) each name their own texts.
  const texts = new Map<string, string>();
  pool.on("connect", (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as { query: unknown }).query = (config: unknown, values?: unknown, callback?: unknown) => {
      if (typeof config === "string" && config.startsWith("/* ")) {
        const name = MARKED.exec(config)?.[1];
        if (name && NAMES.has(name)) {
          const known = texts.get(name);
          if (known === undefined) texts.set(name, config);
          if (known === undefined || known === config) return query({ name, text: config }, values, callback);
        }
      }
      return query(config, values, callback);
    };
  });
}
