// Reads that PostgreSQL misjudges past `jit_above_cost`, run without JIT compilation (decision
// 103): one transaction that starts with `SET LOCAL jit = off`, which holds on any server and
// through any pooler (a session's setting does not under PgBouncer's transaction mode). The
// embedded database has no JIT and accepts the setting.
import { sql, type Kysely } from "kysely";
import type { Database } from "./schema";

export function withoutJit<T>(db: Kysely<Database>, read: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (trx) => {
    await sql`SET LOCAL jit = off`.execute(trx);
    return read(trx);
  });
}
