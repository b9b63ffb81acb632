// Bulk-loading helpers: many rows per statement through unnest(), and dropping a table's
// secondary indexes and constraints around a load (rebuilt afterwards, which also re-checks
// every foreign key and unique rule against the loaded rows).
import type pg from "pg";

export type Column = [name: string, type: string];

/**
 * Inserts column-major data (`data[i]` holds column i's values) in batches of `batch` rows, each
 * batch one `INSERT … SELECT FROM unnest(…)`. `select` may replace the plain column list, e.g.
 * to compute a column in SQL from the unnested ones (named as in `columns`).
 */
export async function insertColumns(
  client: pg.ClientBase,
  table: string,
  columns: Column[],
  data: unknown[][],
  options: { batch?: number; targetColumns?: string[]; select?: string } = {},
): Promise<number> {
  const batch = options.batch ?? 5000;
  const rows = data[0]?.length ?? 0;
  const names = columns.map(([name]) => name);
  const unnest = columns.map(([, type], i) => `$${i + 1}::${type}[]`).join(", ");
  const target = (options.targetColumns ?? names).join(", ");
  const select = options.select ?? names.join(", ");
  const text = `INSERT INTO ${table} (${target}) SELECT ${select} FROM unnest(${unnest}) AS t(${names.join(", ")})`;
  for (let start = 0; start < rows; start += batch) {
    await client.query(
      text,
      data.map((column) => column.slice(start, start + batch)),
    );
  }
  return rows;
}

export interface Dropped {
  table: string;
  restore: string[];
}

/**
 * Drops the table's foreign keys, its secondary indexes, its unique constraints that no foreign
 * key relies on, and (only when asked) its primary key. Returns the statements that put them back.
 */
export async function dropForLoad(client: pg.ClientBase, table: string, options: { primaryKey?: boolean } = {}): Promise<Dropped> {
  const constraints = await client.query<{ conname: string; contype: string; def: string; referenced: boolean }>(
    `SELECT c.conname, c.contype, pg_get_constraintdef(c.oid) AS def,
            EXISTS (SELECT 1 FROM pg_constraint f WHERE f.contype = 'f' AND f.conindid = c.conindid AND c.contype IN ('p', 'u')) AS referenced
       FROM pg_constraint c WHERE c.conrelid = $1::regclass AND c.contype IN ('p', 'u', 'f')`,
    [table],
  );
  const indexes = await client.query<{ indexname: string; indexdef: string }>(
    `SELECT i.indexname, i.indexdef FROM pg_indexes i
      WHERE i.schemaname = 'public' AND i.tablename = $1
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conrelid = $1::regclass AND c.conname = i.indexname)`,
    [table],
  );
  const keys = constraints.rows.filter(
    (c) => (c.contype === "u" && !c.referenced) || (c.contype === "p" && options.primaryKey && !c.referenced),
  );
  const fks = constraints.rows.filter((c) => c.contype === "f");
  for (const fk of fks) await client.query(`ALTER TABLE ${table} DROP CONSTRAINT ${quote(fk.conname)}`);
  for (const index of indexes.rows) await client.query(`DROP INDEX ${quote(index.indexname)}`);
  for (const key of keys) await client.query(`ALTER TABLE ${table} DROP CONSTRAINT ${quote(key.conname)}`);
  return {
    table,
    restore: [
      ...keys.map((k) => `ALTER TABLE ${table} ADD CONSTRAINT ${quote(k.conname)} ${k.def}`),
      ...indexes.rows.map((i) => i.indexdef),
      ...fks.map((f) => `ALTER TABLE ${table} ADD CONSTRAINT ${quote(f.conname)} ${f.def}`),
    ],
  };
}

function quote(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
