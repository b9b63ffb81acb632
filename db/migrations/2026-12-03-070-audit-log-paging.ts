import { sql, type Kysely } from "kysely";

// The admins' audit log page (/admin/audit, decision 032) lists the log newest first, a page at a
// time from a cursor, filtered by who acted, by kind (the action's first word: settings, pages,
// moderation...) and by date. Each filter has an index that gives its rows already in that
// order, so a page costs the same at a million rows as at a thousand.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE INDEX IF NOT EXISTS audit_log_created ON audit_log (created_at DESC, id DESC)`.execute(db);
  await sql`CREATE INDEX IF NOT EXISTS audit_log_actor_created ON audit_log (actor_id, created_at DESC, id DESC)`.execute(db);
  await sql`CREATE INDEX IF NOT EXISTS audit_log_kind_created ON audit_log ((split_part(action, '.', 1)), created_at DESC, id DESC)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX IF EXISTS audit_log_kind_created`.execute(db);
  await sql`DROP INDEX IF EXISTS audit_log_actor_created`.execute(db);
  await sql`DROP INDEX IF EXISTS audit_log_created`.execute(db);
}
