// Security events (ASVS 7.1–7.2): sign-ins failed, limited and succeeded (app/routes/login.tsx),
// and every answer 401 (not signed in), 403 (not allowed, or a cross-site form) and 429 (rate
// limited), with who asked (the account, or a digest of the address typed; never an e-mail or
// password), from where, and for what. Each goes to standard output as a JSON line, as before,
// and into the `security_events` table, where admins read it (/admin/security-log) and the
// retention job clears its addresses.
//
// The table is written in batches: events wait in a bounded buffer, flushed every second in one
// statement per thousand rows. An attack that makes thousands of refusals a second makes one
// insert a second; past the buffer's capacity events are dropped from the table (never from
// standard output) and counted, and the count is written as a `log.dropped` row.
import { isIP } from "node:net";
import type { NextFunction, Request, Response } from "express";
import type { Kysely } from "kysely";
import type { Logger } from "pino";
import type { Database, SecurityEventKind } from "../../db/schema";

const REFUSED = new Set([401, 403, 429]);

/** The events the app logs (besides `log.dropped`, which the buffer writes itself). */
export type SecurityEvent = {
  event: Exclude<SecurityEventKind, "log.dropped">;
  ip?: string | null;
  userId?: number | null;
  account?: string | null;
  device?: boolean;
  status?: number;
  method?: string;
  path?: string;
};

export interface SecurityRow {
  at: Date;
  kind: SecurityEventKind;
  ip: string | null;
  userId: number | null;
  account: string | null;
  details: Record<string, unknown>;
}

/** Events held at most before the table's writer catches up (about a second of a heavy attack). */
export const SECURITY_BUFFER_CAPACITY = 5_000;
/** How often the buffer is written. */
export const SECURITY_FLUSH_MS = 1_000;
/** Rows per INSERT statement (six parameters each, well under PostgreSQL's 65 535). */
const ROWS_PER_STATEMENT = 1_000;
/** A path is kept to this length (the query never). */
const PATH_MAX = 300;

/** The address as PostgreSQL's `inet` takes it (an IPv4 client seen through IPv6 as IPv4), else null. */
export function storableIp(ip: string | null | undefined): string | null {
  if (!ip) return null;
  const address = ip.trim().replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, "");
  return isIP(address) ? address : null;
}

export function rowOf(event: SecurityEvent, at: Date): SecurityRow {
  const { event: kind, ip, userId, account, ...rest } = event;
  const details: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(rest)) if (value !== undefined) details[key] = key === "path" ? String(value).slice(0, PATH_MAX) : value;
  return { at, kind, ip: storableIp(ip), userId: userId ?? null, account: account && /^[0-9a-f]{1,64}$/.test(account) ? account : null, details };
}

/**
 * The bounded buffer between the requests and the table. `write` stores a batch (the database's
 * writer in the app, anything in tests); a failed write loses that batch, which is counted as
 * dropped too, so that a database that does not answer never makes the buffer grow.
 */
export class SecurityEventBuffer {
  private rows: SecurityRow[] = [];
  private droppedSinceFlush = 0;
  private flushing: Promise<number> | null = null;
  /** Events dropped since the process started (a full buffer, or a failed write). */
  dropped = 0;

  constructor(
    private readonly write: (rows: SecurityRow[]) => Promise<void>,
    private readonly options: { capacity?: number; onError?: (error: unknown, lost: number) => void } = {},
  ) {}

  get pending(): number {
    return this.rows.length;
  }

  push(event: SecurityEvent, at = new Date()): void {
    if (this.rows.length >= (this.options.capacity ?? SECURITY_BUFFER_CAPACITY)) {
      this.droppedSinceFlush++;
      this.dropped++;
      return;
    }
    this.rows.push(rowOf(event, at));
  }

  /** Writes what waits (one flush at a time); the number of rows written. */
  flush(now = new Date()): Promise<number> {
    this.flushing ??= this.writeWaiting(now).finally(() => {
      this.flushing = null;
    });
    return this.flushing;
  }

  private async writeWaiting(now: Date): Promise<number> {
    const batch = this.rows;
    this.rows = [];
    if (this.droppedSinceFlush > 0) {
      batch.push({ at: now, kind: "log.dropped", ip: null, userId: null, account: null, details: { count: this.droppedSinceFlush } });
      this.droppedSinceFlush = 0;
    }
    if (batch.length === 0) return 0;
    try {
      await this.write(batch);
      return batch.length;
    } catch (error) {
      const lost = batch.filter((r) => r.kind !== "log.dropped").length;
      this.dropped += lost;
      this.droppedSinceFlush += lost;
      this.options.onError?.(error, lost);
      return 0;
    }
  }

  /** Flushes every `intervalMs` until stopped; stopping writes what is left. */
  start(intervalMs = SECURITY_FLUSH_MS): () => Promise<void> {
    const timer = setInterval(() => void this.flush(), intervalMs);
    timer.unref();
    return async () => {
      clearInterval(timer);
      await this.flush();
    };
  }
}

/** The app's writer: each batch in as few INSERT statements as it takes. */
export function securityEventWriter(db: Kysely<Database>): (rows: SecurityRow[]) => Promise<void> {
  return async (rows) => {
    for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
      await db
        .insertInto("security_events")
        .values(
          rows.slice(i, i + ROWS_PER_STATEMENT).map((r) => ({ at: r.at, kind: r.kind, ip: r.ip, user_id: r.userId, account: r.account, details: JSON.stringify(r.details) })),
        )
        .execute();
    }
  };
}

export function securityEventBuffer(db: Kysely<Database>, log: Pick<Logger, "error">): SecurityEventBuffer {
  return new SecurityEventBuffer(securityEventWriter(db), {
    onError: (err, lost) => log.error({ err, lost }, "security events could not be written to the database (they are in this log)"),
  });
}

/** Where an event goes: the process's log (standard output) and the table's buffer. */
export interface SecuritySinks {
  log: Pick<Logger, "warn" | "info">;
  securityEvents: SecurityEventBuffer;
}

/** Logs a security event (warn, or info for a success) and queues it for the table. */
export function securityEvent(sinks: SecuritySinks, event: SecurityEvent, message: string, level: "warn" | "info" = "warn"): void {
  sinks.log[level](event, message);
  sinks.securityEvents.push(event);
}

export function logRefusals(sinks: SecuritySinks, userIdOf: (res: Response) => number | null) {
  return (req: Request, res: Response, next: NextFunction) => {
    res.on("finish", () => {
      if (!REFUSED.has(res.statusCode)) return;
      securityEvent(sinks, { event: "request.refused", status: res.statusCode, method: req.method, path: req.path, userId: userIdOf(res), ip: req.ip }, "request refused");
    });
    next();
  };
}
