import { sql, type Kysely } from "kysely";

// The public list of rejected ideas (/transparency, decision 033), newest first, a page at a
// time: an index that holds only rejected ideas, in that order.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE INDEX IF NOT EXISTS ideas_rejected_recent ON ideas (status_changed_at DESC, id DESC) WHERE status = 'rejected'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX IF EXISTS ideas_rejected_recent`.execute(db);
}
