import { sql, type Kysely } from "kysely";

// A count of the changes to a thread's posts (decision 090): every statement that adds, edits,
// removes, hides or erases posts moves `threads.posts_version` of each thread it touched, by a
// trigger, so no writer (a use case, a job, an administrator's SQL) can forget it. A page reads
// the version with its record and keeps the thread's page of posts per process while the version
// is the one it was read at (app/domain/deliberation/queries.server.ts, threadPosts).
//
// Statement-level triggers with transition tables: one UPDATE of each thread touched per
// statement, however many posts it wrote (the bench's seed inserts 500,000 posts in one).
export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE threads ADD COLUMN posts_version bigint NOT NULL DEFAULT 0`.execute(db);
  await sql`CREATE FUNCTION threads_posts_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'INSERT' THEN
        UPDATE threads SET posts_version = posts_version + 1 WHERE id IN (SELECT thread_id FROM new_posts);
      ELSIF TG_OP = 'DELETE' THEN
        UPDATE threads SET posts_version = posts_version + 1 WHERE id IN (SELECT thread_id FROM old_posts);
      ELSE
        UPDATE threads SET posts_version = posts_version + 1
         WHERE id IN (SELECT thread_id FROM new_posts UNION SELECT thread_id FROM old_posts);
      END IF;
      RETURN NULL;
    END $$`.execute(db);
  await sql`CREATE TRIGGER posts_inserted AFTER INSERT ON posts REFERENCING NEW TABLE AS new_posts
    FOR EACH STATEMENT EXECUTE FUNCTION threads_posts_changed()`.execute(db);
  await sql`CREATE TRIGGER posts_updated AFTER UPDATE ON posts REFERENCING OLD TABLE AS old_posts NEW TABLE AS new_posts
    FOR EACH STATEMENT EXECUTE FUNCTION threads_posts_changed()`.execute(db);
  await sql`CREATE TRIGGER posts_deleted AFTER DELETE ON posts REFERENCING OLD TABLE AS old_posts
    FOR EACH STATEMENT EXECUTE FUNCTION threads_posts_changed()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TRIGGER IF EXISTS posts_deleted ON posts`.execute(db);
  await sql`DROP TRIGGER IF EXISTS posts_updated ON posts`.execute(db);
  await sql`DROP TRIGGER IF EXISTS posts_inserted ON posts`.execute(db);
  await sql`DROP FUNCTION IF EXISTS threads_posts_changed()`.execute(db);
  await sql`ALTER TABLE threads DROP COLUMN IF EXISTS posts_version`.execute(db);
}
