// Lucia v3 with its Postgres adapter on the app's own pg pool (docs/decisions/003-sessions.md).
import { NodePostgresAdapter } from "@lucia-auth/adapter-postgresql";
import { Lucia, TimeSpan } from "lucia";
import type pg from "pg";

interface UserRow {
  email: string;
  display_name: string;
  email_verified_at: Date | null;
  locale: "ko" | "en" | null;
  suspended_until: Date | null;
}

interface SessionRow {
  /** Set by the database when the session row is written. */
  created_at?: Date;
  /** Where it was signed in from, and its last use (app/auth/session-device.server.ts). */
  browser?: string | null;
  os?: string | null;
  network?: string | null;
  last_seen_at?: Date | null;
}

/** A session unused this long ends (Lucia extends it when used in the second half). */
export const SESSION_IDLE_DAYS = 7;
/** A session ends this long after sign-in, however active. */
export const SESSION_MAX_DAYS = 30;
/** Staff act on other people's ideas and accounts: their sessions end sooner (ASVS 3.3.2). */
export const STAFF_SESSION_MAX_HOURS = 12;

export function createLucia(pool: pg.Pool, options: { secure: boolean }) {
  return new Lucia(new NodePostgresAdapter(pool, { user: "users", session: "sessions" }), {
    sessionExpiresIn: new TimeSpan(SESSION_IDLE_DAYS, "d"),
    sessionCookie: {
      // The __Host- prefix makes the browser insist on Secure, Path=/ and no Domain.
      name: options.secure ? "__Host-madang_session" : "madang_session",
      attributes: { secure: options.secure, sameSite: "lax" },
    },
    getSessionAttributes: (row: SessionRow) => ({ createdAt: row.created_at ? new Date(row.created_at) : new Date() }),
    getUserAttributes: (row: UserRow) => ({
      email: row.email,
      displayName: row.display_name,
      emailVerified: row.email_verified_at !== null,
      locale: row.locale,
      suspendedUntil: row.suspended_until,
    }),
  });
}

export type Auth = ReturnType<typeof createLucia>;

declare module "lucia" {
  interface Register {
    Lucia: Auth;
    UserId: number;
    DatabaseUserAttributes: UserRow;
    DatabaseSessionAttributes: SessionRow;
  }
}
