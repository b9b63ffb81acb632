// The long-lived things one app process shares between requests. Built once at start-up by
// app/server.ts (and by the tests), handed to loaders and actions through the load context.
import type { Kysely } from "kysely";
import type pg from "pg";
import type { Logger } from "pino";
import type { Replica } from "../db/replica";
import type { Database } from "../db/schema";
import { createLucia, type Auth } from "./auth/lucia.server";
import { createLimiters, type Limiters } from "./auth/rate-limit.server";
import type { Config } from "./utils/env.server";
import { securityEventBuffer, type SecurityEventBuffer } from "./utils/security-log.server";
import type { Actor } from "./domain/accounts/permissions";
import type { Locale } from "./utils/i18n";

export interface Services {
  /**
   * The database this request reads from: the primary, except for a visitor's page when a read
   * replica is set (DATABASE_REPLICA_URL, decision 045), where it is the replica (the primary
   * while the replica does not answer). Writes on a visitor's page go to `primary`.
   */
  db: Kysely<Database>;
  /** The primary, always: every write, every signed-in request, every job. */
  primary: Kysely<Database>;
  /** The read replica's state, when there is one. */
  replica: Replica | null;
  pool: pg.Pool;
  config: Config;
  auth: Auth;
  limiters: Limiters;
  log: Logger;
  /** Security events waiting to be written to `security_events` (app/utils/security-log.server.ts). */
  securityEvents: SecurityEventBuffer;
}

export function createServices(
  handle: { db: Kysely<Database>; pool: pg.Pool },
  config: Config,
  log: Logger,
  replica: Replica | null = null,
): Services {
  return {
    db: handle.db,
    primary: handle.db,
    replica,
    pool: handle.pool,
    config,
    auth: createLucia(handle.pool, { secure: config.production }),
    limiters: createLimiters(handle.pool, config.rateLimitIpScale),
    log,
    securityEvents: securityEventBuffer(handle.db, log),
  };
}

/** The services a visitor's page gets: reads from the replica when there is one. */
export function visitorServices(services: Services): Services {
  return services.replica ? { ...services, db: services.replica.reads } : services;
}

/** What every loader and action receives as `context`. */
export interface RequestContext {
  services: Services;
  actor: Actor | null;
  locale: Locale;
  clientIp: string;
  /** The Content-Security-Policy nonce for this response's inline scripts. */
  nonce: string;
  /**
   * The signed-in person's unread notifications, read with the session for a GET (the header
   * shows it); null when not read (a form's POST, whose action may change it).
   */
  unread?: number | null;
  /**
   * This site's address as links in this response's pages and e-mails give it: PUBLIC_URL, or on
   * a demo without one the loopback address the request came in on (app/auth/origin.server.ts).
   */
  siteUrl: string;
}

declare module "@remix-run/node" {
  interface AppLoadContext extends RequestContext {}
}
