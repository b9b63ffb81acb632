import { sql, type Kysely } from "kysely";

// Search under load (issue 19; docs/scaling.md section 4): a narrow copy of what a search by
// relevance reads, one row per idea that is not hidden — its search vector and the columns a
// list filters on — so that ranking the matches reads these small rows instead of the wide idea
// rows (body, HTML, excerpt) and their TOAST. Rows of up to 8 KB stay in the table uncompressed
// (toast_tuple_target), so ranking a vector needs neither a TOAST lookup nor decompression.
// A trigger keeps it in step with `ideas`, firing only when one of the copied columns is written
// (a support, which writes support_count, does not fire it).
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE TABLE idea_search (
    idea_id bigint PRIMARY KEY REFERENCES ideas (id) ON DELETE CASCADE,
    status text NOT NULL,
    category_id integer NOT NULL,
    region_id smallint,
    campaign_id integer,
    vector tsvector NOT NULL
  ) WITH (toast_tuple_target = 8160)`.execute(db);
  await sql`ALTER TABLE idea_search ALTER COLUMN vector SET STORAGE MAIN`.execute(db);
  await sql`INSERT INTO idea_search (idea_id, status, category_id, region_id, campaign_id, vector)
    SELECT id, status, category_id, region_id, campaign_id, search_vector FROM ideas WHERE hidden_at IS NULL`.execute(db);
  await sql`CREATE INDEX idea_search_vector ON idea_search USING gin (vector)`.execute(db);
  await sql`CREATE FUNCTION idea_search_sync() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.hidden_at IS NULL THEN
        INSERT INTO idea_search (idea_id, status, category_id, region_id, campaign_id, vector)
        VALUES (NEW.id, NEW.status, NEW.category_id, NEW.region_id, NEW.campaign_id, NEW.search_vector)
        ON CONFLICT (idea_id) DO UPDATE SET status = EXCLUDED.status, category_id = EXCLUDED.category_id,
          region_id = EXCLUDED.region_id, campaign_id = EXCLUDED.campaign_id, vector = EXCLUDED.vector;
      ELSE
        DELETE FROM idea_search WHERE idea_id = NEW.id;
      END IF;
      RETURN NULL;
    END $$`.execute(db);
  await sql`CREATE TRIGGER idea_search_on_insert AFTER INSERT ON ideas FOR EACH ROW EXECUTE FUNCTION idea_search_sync()`.execute(db);
  await sql`CREATE TRIGGER idea_search_on_update
    AFTER UPDATE OF status, category_id, region_id, campaign_id, search_vector, hidden_at ON ideas
    FOR EACH ROW EXECUTE FUNCTION idea_search_sync()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TRIGGER IF EXISTS idea_search_on_update ON ideas`.execute(db);
  await sql`DROP TRIGGER IF EXISTS idea_search_on_insert ON ideas`.execute(db);
  await sql`DROP FUNCTION IF EXISTS idea_search_sync()`.execute(db);
  await db.schema.dropTable("idea_search").ifExists().execute();
}
