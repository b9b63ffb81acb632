// Settings for one transaction (`set_config(…, true)`, as SET LOCAL), which hold on any server and
// through any pooler: a session's setting does not under PgBouncer's transaction mode, where the
// next transaction may run on another server connection. For reads that need one: JIT off where
// PostgreSQL misjudges a statement (decision 103), pg_trgm's thresholds for its index operators.
import { sql, type Kysely } from "kysely";
import type { Database } from "./schema";

/** Sets each setting until the end of the transaction `trx` is in. */
export async function setLocal(trx: Kysely<Database>, settings: Record<string, string>): Promise<void> {
  const calls = Object.entries(settings).map(([name, value]) => sql`set_config(${name}, ${value}, true)`);
  await sql`SELECT ${sql.join(calls)}`.execute(trx);
}

/** Runs `read` in one transaction that starts with these settings. */
export function withSettings<T>(db: Kysely<Database>, settings: Record<string, string>, read: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (trx) => {
    await setLocal(trx, settings);
    return read(trx);
  });
}

/**
 * A read PostgreSQL misjudges past `jit_above_cost`, run without JIT compilation (decision 103).
 * The embedded database has no JIT and accepts the setting.
 */
export function withoutJit<T>(db: Kysely<Database>, read: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
  return withSettings(db, { jit: "off" }, read);
}
