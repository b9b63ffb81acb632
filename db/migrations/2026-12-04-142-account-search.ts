import { sql, type Kysely } from "kysely";

// /admin/users searches accounts by any part of the e-mail address or the display name
// (ILIKE '%…%'). At a million accounts that is a full scan without these trigram indexes
// (pg_trgm is installed by the foundation migration, on both back ends); with them, a search of
// three characters or more reads only the matching rows. Paging is by id (`before`), an index too.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE INDEX IF NOT EXISTS users_email_trgm ON users USING gin (email gin_trgm_ops)`.execute(db);
  await sql`CREATE INDEX IF NOT EXISTS users_display_name_trgm ON users USING gin (display_name gin_trgm_ops)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX IF EXISTS users_display_name_trgm`.execute(db);
  await sql`DROP INDEX IF EXISTS users_email_trgm`.execute(db);
}
