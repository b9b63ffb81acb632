import { Kysely, PostgresDialect, type KyselyConfig } from "kysely";
import pg from "pg";
import { nameMarkedStatements } from "./named";
import type { Database } from "./schema";

// int8 (bigint ids, count(*)) as JS numbers: every id and count here stays far below 2^53.
pg.types.setTypeParser(20, (value) => Number.parseInt(value, 10));
// numeric (averages, percentiles) as numbers too.
pg.types.setTypeParser(1700, (value) => Number.parseFloat(value));

export interface DbHandle {
  db: Kysely<Database>;
  pool: pg.Pool;
  close(): Promise<void>;
}

/**
 * `named`: send the statements marked by `named()` (db/named.ts) as named statements, for a
 * PostgreSQL server; not for the embedded database, whose connections share one session.
 * `log`: Kysely's (the tests' statement counter logs every query).
 */
export function connect(url: string, options: { max?: number; named?: boolean; log?: KyselyConfig["log"] } = {}): DbHandle {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    // How long a request waits for a free connection. Generous: with the embedded database
    // every request shares one connection, and a burst queues rather than fails.
    connectionTimeoutMillis: options.max === 1 ? 60_000 : 15_000,
    idleTimeoutMillis: 30_000,
  });
  // A broken idle connection (database restarted) must not crash the process; the pool
  // discards it and the next checkout opens a fresh one.
  pool.on("error", () => {});
  // Nor one that breaks while checked out (a transaction waiting on this process, a query in
  // flight): pg emits "error" on the client, and the pool listens only while it is idle. The
  // query in flight fails on its own, and the pool drops the client when it comes back.
  pool.on("connect", (client) => client.on("error", () => {}));
  if (options.named) nameMarkedStatements(pool);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), log: options.log });
  return {
    db,
    pool,
    async close() {
      await db.destroy();
    },
  };
}
