import { sql, type Kysely } from "kysely";

// Search at 50,000 ideas (issue 19; decision 059): a search by relevance ranks a bounded number
// of candidates, the newest matches anywhere and the newest matches in the title. The title's
// words are the vector's weight-A lexemes, kept in a column of their own (computed from the
// vector, so the trigger of 2026-12-04-150 keeps it as it is) with its own GIN index, so that
// "matches in the title" is an index lookup rather than a filter over every vector.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE idea_search
    ADD COLUMN title_vector tsvector GENERATED ALWAYS AS (ts_filter(vector, '{a}')) STORED`.execute(db);
  await sql`CREATE INDEX idea_search_title_vector ON idea_search USING gin (title_vector)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX IF EXISTS idea_search_title_vector`.execute(db);
  await sql`ALTER TABLE idea_search DROP COLUMN IF EXISTS title_vector`.execute(db);
}
