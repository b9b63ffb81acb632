// Kysely queries built and compiled once per shape, then run with each call's values, as plain
// statements (decision 094). Building and compiling a large query (a search by relevance: four
// common table expressions, two dozen parameters) cost about 0.4 ms of CPU a search, more than
// rendering its cards; its text is the same for every search with the same filters. Unlike
// `named` (db/named.ts), the statement is not prepared under a name: PostgreSQL plans it with each
// run's values, which a search needs (a rare word and a common one take different plans).
//
// The first run of a shape builds the query with a placeholder for each value given, and notes
// where each placeholder landed among the compiled parameters; later runs put their values there.
// So `build` may use a value only as a parameter (in a comparison, or `${value}` in `sql`), never
// in the text (sql.lit, sql.ref, string concatenation) or to choose a part of the query: what the
// query's parts depend on goes in `shape` (a value absent, null or undefined, is passed as it is
// and makes a shape of its own). Outside production every run also builds its query with the real
// values and throws if the text or the parameters differ from what the kept shape gives.
import { createQueryId, type Compilable, type CompiledQuery, type Kysely } from "kysely";
import { CHECK_EVERY_RUN, sameValues } from "./named";

class Placeholder {
  constructor(readonly key: string) {}
}

interface Shape {
  sql: string;
  query: CompiledQuery["query"];
  /** Each parameter: the name of the value that goes there, or a value of the query's own. */
  slots: ({ key: string } | { value: unknown })[];
}

const shapes = new Map<string, Shape>();

/**
 * The rows of the query that `build` makes from `values`, built once per `name` and set of values
 * present. `build` must make the same text for the same values present, whatever they are.
 */
export async function shaped<O, V extends Record<string, unknown>>(db: Kysely<any>, name: string, values: V, build: (values: V) => Compilable<O>): Promise<O[]> {
  const present = Object.keys(values).filter((key) => values[key] !== undefined && values[key] !== null);
  const key = `${name}\n${present.join(",")}`;
  let shape = shapes.get(key);
  if (!shape) {
    const placeholders = { ...values } as Record<string, unknown>;
    for (const k of present) placeholders[k] = new Placeholder(k);
    const compiled = build(placeholders as V).compile();
    shape = {
      sql: compiled.sql,
      query: compiled.query,
      slots: compiled.parameters.map((p) => (p instanceof Placeholder ? { key: p.key } : { value: p })),
    };
    shapes.set(key, shape);
  }
  const parameters = shape.slots.map((slot) => ("key" in slot ? values[slot.key] : slot.value));
  if (CHECK_EVERY_RUN) {
    const compiled = build(values).compile();
    if (compiled.sql !== shape.sql || !sameValues(compiled.parameters, parameters)) {
      throw new Error(`the query ${name} uses a value other than as a parameter: its text or parameters differ from its shape's`);
    }
  }
  const result = await db.executeQuery<O>({ sql: shape.sql, query: shape.query, parameters, queryId: createQueryId() });
  return result.rows;
}
