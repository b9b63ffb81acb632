import { sql, type Kysely } from "kysely";

// Search under load (issue 19; decision 101): a search's title set (decision 077) looks for the
// newest title matches older than its newest set. A common title word ("시민", 7,000 titles) had
// those read from `idea_search`, whose rows carry the whole vector (about 1.1 KB): one heap page
// per title read. This table holds only the title's words and the columns a list filters on
// (about 200 bytes a row), so that the title set reads a few hundred pages instead of thousands;
// it ranks (on `idea_search`'s vector) only the ideas it keeps. A trigger on `idea_search` keeps
// it in step: one row per row there (every idea that is not hidden).
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE TABLE idea_titles (
    idea_id bigint PRIMARY KEY REFERENCES idea_search (idea_id) ON DELETE CASCADE,
    status text NOT NULL,
    category_id integer NOT NULL,
    region_id smallint,
    campaign_id integer,
    title_vector tsvector NOT NULL
  )`.execute(db);
  await sql`INSERT INTO idea_titles (idea_id, status, category_id, region_id, campaign_id, title_vector)
    SELECT idea_id, status, category_id, region_id, campaign_id, title_vector FROM idea_search`.execute(db);
  await sql`CREATE INDEX idea_titles_title_vector ON idea_titles USING gin (title_vector)`.execute(db);
  // Its words' frequencies at once, for the planner's choice between the index and reading newest first.
  await sql`ANALYZE idea_titles`.execute(db);
  // AFTER the row is written, so that the generated title_vector is there to copy; a deleted
  // idea_search row takes its title row with it (the foreign key's cascade).
  await sql`CREATE FUNCTION idea_titles_sync() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO idea_titles (idea_id, status, category_id, region_id, campaign_id, title_vector)
      VALUES (NEW.idea_id, NEW.status, NEW.category_id, NEW.region_id, NEW.campaign_id, NEW.title_vector)
      ON CONFLICT (idea_id) DO UPDATE SET status = EXCLUDED.status, category_id = EXCLUDED.category_id,
        region_id = EXCLUDED.region_id, campaign_id = EXCLUDED.campaign_id, title_vector = EXCLUDED.title_vector;
      RETURN NULL;
    END $$`.execute(db);
  await sql`CREATE TRIGGER idea_titles_on_write AFTER INSERT OR UPDATE ON idea_search
    FOR EACH ROW EXECUTE FUNCTION idea_titles_sync()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TRIGGER IF EXISTS idea_titles_on_write ON idea_search`.execute(db);
  await sql`DROP FUNCTION IF EXISTS idea_titles_sync()`.execute(db);
  await db.schema.dropTable("idea_titles").ifExists().execute();
}
