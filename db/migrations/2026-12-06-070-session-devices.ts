import { sql, type Kysely } from "kysely";

// What /me/security shows of each session (issue 17, "Staff accounts"): the browser and system it
// was signed in from (read from the User-Agent at sign-in, e.g. "Chrome 131", "Android"), the
// network it signed in from (the /24 or /48 of the address, as supports keep it: never the full
// address), and when it was last used (written at most every five minutes). They go with the
// session: a session ends after at most 30 days. Sessions from before this have none of them.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE sessions
    ADD COLUMN browser text,
    ADD COLUMN os text,
    ADD COLUMN network text,
    ADD COLUMN last_seen_at timestamptz`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE sessions DROP COLUMN browser, DROP COLUMN os, DROP COLUMN network, DROP COLUMN last_seen_at`.execute(db);
}
