import { sql, type Kysely } from "kysely";

// An idea's in-person supports, voided ones included, as its page lists them (paperRecord) and as
// the page's record asks whether it has any (app/domain/ideas/record.server.ts, issue 19): the
// table's indexes on idea_id were all partial (rows not voided, or not linked), so both read
// the whole table.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE INDEX IF NOT EXISTS in_person_supports_idea ON in_person_supports (idea_id, id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX IF EXISTS in_person_supports_idea`.execute(db);
}
