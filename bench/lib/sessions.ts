// Sessions for the bench citizens, written straight into the `sessions` table (the rows Lucia's
// adapter reads) and their cookie values into bench/.sessions.json (git-ignored). The benchmark
// refreshes them before each run so that a data set seeded days ago still signs people in.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import type pg from "pg";
import { EMAIL_DOMAIN, SESSIONS_FILE } from "./common";

export interface SessionsFile {
  database: string;
  createdAt: string;
  /** The cookie's name: `__Host-` prefixed when the app runs in production mode. */
  cookieName: { production: string; development: string };
  /** sessions[i] signs in the user with id users[i]. */
  users: number[];
  sessions: string[];
}

export const BENCH_CITIZEN_PREFIX = "bench-citizen-";

/** The bench citizens (accounts kept free of supports for the support scenarios), by id. */
export async function benchCitizens(client: pg.ClientBase): Promise<{ first: number; last: number; count: number }> {
  const { rows } = await client.query<{ first: string | null; last: string | null; count: string }>(
    `SELECT min(id) AS first, max(id) AS last, count(*) AS count FROM users WHERE email LIKE $1`,
    [`${BENCH_CITIZEN_PREFIX}%@${EMAIL_DOMAIN}`],
  );
  const row = rows[0];
  if (!row.first || !row.last) return { first: 0, last: -1, count: 0 };
  return { first: Number(row.first), last: Number(row.last), count: Number(row.count) };
}

/** Replaces every bench citizen's sessions with one fresh session each and writes the file. */
export async function createSessions(client: pg.ClientBase, database: string): Promise<SessionsFile> {
  const citizens = await benchCitizens(client);
  const { rows } = await client.query<{ id: string }>(`SELECT id FROM users WHERE email LIKE $1 ORDER BY id`, [
    `${BENCH_CITIZEN_PREFIX}%@${EMAIL_DOMAIN}`,
  ]);
  const users = rows.map((r) => Number(r.id));
  const sessions = users.map(() => randomBytes(20).toString("hex"));
  await client.query(`DELETE FROM sessions WHERE user_id BETWEEN $1 AND $2`, [citizens.first, citizens.last]);
  const batch = 10_000;
  for (let start = 0; start < users.length; start += batch) {
    await client.query(
      `INSERT INTO sessions (id, user_id, expires_at, created_at)
       SELECT id, user_id, now() + interval '7 days', now() FROM unnest($1::text[], $2::bigint[]) AS t(id, user_id)`,
      [sessions.slice(start, start + batch), users.slice(start, start + batch)],
    );
  }
  const file: SessionsFile = {
    database,
    createdAt: new Date().toISOString(),
    cookieName: { production: "__Host-madang_session", development: "madang_session" },
    users,
    sessions,
  };
  fs.writeFileSync(SESSIONS_FILE, JSON.stringify(file));
  return file;
}

/**
 * The sessions of the file, made valid again for a week (Lucia's idle limit is 7 days and the
 * app's absolute limit 30 days from created_at); recreated when the file is missing or stale.
 */
export async function freshSessions(client: pg.ClientBase, database: string): Promise<SessionsFile> {
  if (fs.existsSync(SESSIONS_FILE)) {
    const file = JSON.parse(fs.readFileSync(SESSIONS_FILE, "utf8")) as SessionsFile;
    if (file.database === database && file.sessions.length > 0) {
      const result = await client.query(
        `UPDATE sessions s SET expires_at = now() + interval '7 days', created_at = now()
           FROM unnest($1::text[], $2::bigint[]) AS t(id, user_id)
          WHERE s.id = t.id AND s.user_id = t.user_id`,
        [file.sessions, file.users],
      );
      if (result.rowCount === file.sessions.length) return file;
    }
  }
  return createSessions(client, database);
}
