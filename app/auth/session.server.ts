// A session cookie checked in one round trip, shared with the requests that arrive at the same
// moment (decision 095): the session, its account and the account's staff roles in one
// statement, with Lucia's rules (decision 003): a session past its expiry is deleted;
// one used in the second half of its idle period is extended (and its cookie sent again). Lucia's
// own validateSession reads the session and the account in two queries, and the roles were a
// third: every signed-in request paid three round trips before its page's own (docs/scaling.md).
import type pg from "pg";
import type { RoleName } from "../../db/schema";
import type { Grant } from "../domain/accounts/permissions";
import { SESSION_IDLE_DAYS } from "./lucia.server";
import { DAY_MS } from "../utils/korea-time";

export interface SessionUser {
  session: { id: string; createdAt: Date; expiresAt: Date; fresh: boolean };
  user: {
    id: number;
    email: string;
    displayName: string;
    emailVerified: boolean;
    locale: "ko" | "en" | null;
    suspendedUntil: Date | null;
  };
  grants: Grant[];
  /** Whether the account signs in with a second factor (decision 047). */
  twoFactor: boolean;
  /** Unread notifications, when asked for (see `withUnread`). */
  unread: number | null;
}

const IDLE_MS = SESSION_IDLE_DAYS * DAY_MS;
/** A session's last use (/me/security) is written at most this often: one write per five minutes. */
export const LAST_SEEN_EVERY_MS = 5 * 60_000;

// The sessions of the requests that arrived together, read in one statement (decision 095): $1
// the ids, $2 whether each counts unread notifications, $3 each request's clock in milliseconds.
// A signed-in page's first round trip, and the busiest statement there is, was one a request.
// Their writes ride in it too (a data-modifying CTE, run whether or not the query reads it): a
// session is extended in the second half of its idle period, and its last use noted at most every
// five minutes. Most requests write nothing; a session's first request in five minutes pays no
// second round trip for the write. The SELECT sees each row as it was before the statement, from
// which validateSession works out the same two decisions. `= ANY($1)` beside each join on the id
// keeps both on the primary key's index whatever the planner guesses of the list's length.
const SESSIONS_SQL = `
  WITH asked AS (
    SELECT a.n, a.id, a.with_unread, timestamptz 'epoch' + a.at * interval '1 millisecond' AS now
      FROM unnest($1::text[], $2::boolean[], $3::bigint[]) WITH ORDINALITY AS a(id, with_unread, at, n)),
  -- Locked without waiting: a session another statement is writing right now (the same person's
  -- other request, served by another process) is being given the same last use and expiry, and
  -- never waiting is what keeps two batches that share sessions from waiting on each other.
  due AS (
    SELECT t.id, a.now, t.expires_at <= a.now + interval '${IDLE_MS / 2} milliseconds' AS extend
      FROM asked a JOIN sessions t ON t.id = a.id AND t.id = ANY($1::text[])
     WHERE t.expires_at > a.now
       AND (t.expires_at <= a.now + interval '${IDLE_MS / 2} milliseconds' OR t.last_seen_at IS NULL
            OR t.last_seen_at <= a.now - interval '${LAST_SEEN_EVERY_MS} milliseconds')
       FOR NO KEY UPDATE OF t SKIP LOCKED),
  touched AS (
    UPDATE sessions t
       SET expires_at = CASE WHEN d.extend THEN d.now + interval '${IDLE_MS} milliseconds' ELSE t.expires_at END,
           last_seen_at = d.now
      FROM due d
     WHERE t.id = d.id AND t.id = ANY($1::text[])
    RETURNING 1)
  SELECT a.n, s.id, s.expires_at, s.created_at, s.last_seen_at, u.id AS user_id, u.email, u.display_name,
         u.email_verified_at, u.locale, u.suspended_until,
         (SELECT coalesce(json_agg(json_build_object('id', g.id, 'role', g.role, 'committeeId', g.committee_id, 'agencyId', g.agency_id)
                                   ORDER BY g.id), '[]'::json)
            FROM role_grants g WHERE g.user_id = u.id) AS grants,
         EXISTS (SELECT 1 FROM two_factor t WHERE t.user_id = u.id) AS two_factor,
         -- The header's unread count: what unreadCount (domain/notifications/queries.server)
         -- counts, read here for pages, which would otherwise ask for it in a round trip of its own.
         CASE WHEN a.with_unread THEN
           (SELECT count(*) FROM notifications n WHERE n.user_id = u.id AND n.read_at IS NULL)
           + (SELECT count(*) FROM idea_events e JOIN ideas i ON i.id = e.idea_id
               WHERE e.kind = 'status' AND i.author_id <> u.id AND e.created_at > u.feed_seen_at
                 -- Only ideas the person may see (domain/ideas/visibility.server.ts): moderators see all.
                 AND ((i.status NOT IN ('pending', 'rejected') AND i.hidden_at IS NULL)
                      OR EXISTS (SELECT 1 FROM role_grants m WHERE m.user_id = u.id AND m.role IN ('moderator', 'admin')))
                 AND e.idea_id IN (SELECT f.idea_id FROM follows f WHERE f.user_id = u.id
                                   UNION SELECT p.idea_id FROM supports p WHERE p.user_id = u.id))
         END AS unread
    FROM asked a
    JOIN sessions s ON s.id = a.id AND s.id = ANY($1::text[])
    JOIN users u ON u.id = s.user_id`;

interface Row {
  id: string;
  expires_at: Date;
  created_at: Date | null;
  last_seen_at: Date | null;
  user_id: number | string;
  email: string;
  display_name: string;
  email_verified_at: Date | null;
  locale: "ko" | "en" | null;
  suspended_until: Date | null;
  grants: { id: number; role: RoleName; committeeId: number | null; agencyId: number | null }[];
  two_factor: boolean;
  unread: number | string | null;
}

interface Asked {
  id: string;
  withUnread: boolean;
  now: number;
  found: (row: Row | undefined) => void;
  failed: (error: unknown) => void;
}

/** Per pool, the sessions asked for since the last statement was sent, and whether it is named. */
const waiting = new WeakMap<pg.Pool, { asked: Asked[]; prepared: boolean }>();
/** The most sessions one statement reads: past this, the next requests of the turn start another. */
const MOST_A_STATEMENT = 200;

/**
 * Reads a session with the others asked for in the same turn of the event loop: the requests that
 * arrived together (their handlers all run before Node's check phase) share one statement,
 * sent by setImmediate. A lone request waits for nothing but the end of that turn.
 */
function readSession(pool: pg.Pool, asked: Omit<Asked, "found" | "failed">, prepared: boolean): Promise<Row | undefined> {
  return new Promise((found, failed) => {
    let batch = waiting.get(pool);
    if (!batch) {
      batch = { asked: [], prepared };
      waiting.set(pool, batch);
      const sent = batch;
      setImmediate(() => {
        if (waiting.get(pool) === sent) waiting.delete(pool);
        void sendBatch(pool, sent);
      });
    }
    batch.asked.push({ ...asked, found, failed });
    if (batch.asked.length >= MOST_A_STATEMENT) waiting.delete(pool);
  });
}

async function sendBatch(pool: pg.Pool, { asked, prepared }: { asked: Asked[]; prepared: boolean }) {
  try {
    // On a PostgreSQL server the statement is prepared once per connection (planning it costs more
    // than running it); not on the embedded database, whose one backend session is shared by every
    // connection of pglite-socket (decision 002), where a name can be prepared only once.
    const { rows } = await pool.query<Row & { n: string | number }>({
      ...(prepared ? { name: "madang-sessions" } : {}),
      text: SESSIONS_SQL,
      values: [asked.map((a) => a.id), asked.map((a) => a.withUnread), asked.map((a) => a.now)],
    });
    const byPlace = new Map(rows.map((row) => [Number(row.n), row]));
    asked.forEach((a, i) => a.found(byPlace.get(i + 1)));
  } catch (error) {
    for (const a of asked) a.failed(error);
  }
}

/**
 * The session and its account, or null when there is none or it has expired (then it is
 * deleted). `withUnread`: count the account's unread notifications in the same statement.
 * `prepared`: a named statement (PostgreSQL servers only).
 */
export async function validateSession(
  pool: pg.Pool,
  sessionId: string,
  options: { withUnread?: boolean; prepared?: boolean } = {},
  now = Date.now(),
): Promise<SessionUser | null> {
  const row = await readSession(pool, { id: sessionId, withUnread: options.withUnread ?? false, now }, options.prepared ?? false);
  if (!row) return null;
  let expiresAt = new Date(row.expires_at);
  if (expiresAt.getTime() <= now) {
    await pool.query(`DELETE FROM sessions WHERE id = $1`, [sessionId]);
    return null;
  }
  // Extended in the second half of its idle period (the statement wrote the same expiry), and
  // then its cookie is sent again.
  const fresh = now >= expiresAt.getTime() - IDLE_MS / 2;
  if (fresh) expiresAt = new Date(now + IDLE_MS);
  return {
    session: { id: row.id, createdAt: row.created_at ? new Date(row.created_at) : new Date(now), expiresAt, fresh },
    user: {
      id: Number(row.user_id),
      email: row.email,
      displayName: row.display_name,
      emailVerified: row.email_verified_at !== null,
      locale: row.locale,
      suspendedUntil: row.suspended_until,
    },
    grants: row.grants.map((g) => ({ id: Number(g.id), role: g.role, committeeId: g.committeeId, agencyId: g.agencyId })),
    twoFactor: row.two_factor,
    unread: row.unread === null ? null : Number(row.unread),
  };
}
