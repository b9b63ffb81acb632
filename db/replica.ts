// Visitors' reads on a read replica (DATABASE_REPLICA_URL), falling back to the primary while
// the replica does not answer (docs/decisions/045-read-replica.md).
//
// `reads` is a Kysely handle like the primary's. Each query it runs takes a connection from the
// replica's pool while the replica is up, and from the primary's otherwise: a replica that
// refuses a connection is marked down at once and asked again every few seconds; a statement
// that loses its replica connection outside a transaction is run again on the primary, so the
// visitor sees the page rather than an error.
import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import type { Database } from "./schema";
import { nameMarkedStatements } from "./named";

/** How long a visitor waits for a replica connection before the primary is used instead. */
const CONNECT_TIMEOUT_MS = 1_000;
/** How often a replica marked down is asked again. */
const RECHECK_MS = 3_000;

export interface Replica {
  /** Reads for visitors: on the replica when it answers, else on the primary. */
  reads: Kysely<Database>;
  /** Whether the replica answered last time it was asked (or used). */
  up(): boolean;
  /** Asks the replica now: answers, and is a standby in recovery. */
  probe(timeoutMs?: number): Promise<boolean>;
  close(): Promise<void>;
}

/** Errors that mean the connection or the server is gone, not that the statement was wrong. */
function lostConnection(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown };
  const code = typeof e.code === "string" ? e.code : "";
  // 08…: connection exceptions; 57P01–57P03: the server is shutting down or not accepting.
  if (code.startsWith("08") || code === "57P01" || code === "57P02" || code === "57P03") return true;
  if (["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "EHOSTUNREACH", "ENOTFOUND"].includes(code)) return true;
  return typeof e.message === "string" && /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(e.message);
}

export function connectReplica(url: string, primary: pg.Pool, options: { max?: number; onChange?: (up: boolean) => void } = {}): Replica {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    idleTimeoutMillis: 30_000,
    application_name: "madang-replica-reads",
  });
  pool.on("error", () => {});
  pool.on("connect", (client) => client.on("error", () => {}));
  // A replica is always a PostgreSQL server: its connections prepare the marked statements too.
  nameMarkedStatements(pool);

  let up = true;
  let recheck: NodeJS.Timeout | null = null;
  let closed = false;

  async function probe(timeoutMs = 2_000): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    const ask = pool.query<{ standby: boolean }>("select pg_is_in_recovery() as standby").then(
      (r) => r.rows[0]?.standby === true,
      () => false,
    );
    try {
      return await Promise.race([ask, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  function markDown() {
    if (up) {
      up = false;
      options.onChange?.(false);
    }
    if (recheck || closed) return;
    const again = () => {
      recheck = null;
      if (closed) return;
      void probe().then((answered) => {
        if (answered) {
          up = true;
          options.onChange?.(true);
        } else if (!closed) recheck = setTimeout(again, RECHECK_MS).unref();
      });
    };
    recheck = setTimeout(again, RECHECK_MS).unref();
  }

  /** A replica connection that runs a lost statement again on the primary (outside a transaction). */
  function fallbackClient(client: pg.PoolClient) {
    let inTransaction = false;
    let broken = false;
    return {
      async query(text: string, values: readonly unknown[]) {
        const verb = text.trimStart().slice(0, 8).toLowerCase();
        if (verb.startsWith("begin") || verb.startsWith("start")) inTransaction = true;
        try {
          return await client.query(text, values as unknown[]);
        } catch (error) {
          if (!lostConnection(error)) throw error;
          broken = true;
          markDown();
          if (inTransaction) throw error;
          return primary.query(text, values as unknown[]);
        } finally {
          if (verb.startsWith("commit") || verb.startsWith("rollback") || verb.startsWith("end")) inTransaction = false;
        }
      },
      release() {
        client.release(broken || undefined);
      },
    };
  }

  const routing = {
    async connect() {
      if (up) {
        try {
          return fallbackClient(await pool.connect());
        } catch {
          // Down, or not serving this database (yet): the primary answers instead.
          markDown();
        }
      }
      return primary.connect();
    },
    async end() {},
  };
  // Kysely's PostgresPool is the `connect`/`end` pair; what `connect` returns needs only
  // `query(text, values)` and `release()` for the statements a page runs (no cursors here).
  const reads = new Kysely<Database>({ dialect: new PostgresDialect({ pool: routing as unknown as pg.Pool }) });

  // Asked once at start, so that a replica down from the start is not tried by the first visitors.
  void probe().then((answered) => {
    if (!answered) markDown();
  });

  return {
    reads,
    up: () => up,
    probe,
    async close() {
      closed = true;
      if (recheck) clearTimeout(recheck);
      await reads.destroy();
      await pool.end();
    },
  };
}
