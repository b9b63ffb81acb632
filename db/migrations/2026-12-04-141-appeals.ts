import { sql, type Kysely } from "kysely";

// Appeals (decision 044): the author of a rejected idea or a hidden post appeals once, within 14
// days, with a reason; a moderator other than the one who decided rules on it (upheld/reversed).
// Once per item is the database's rule too: one appeal per idea, one per post.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE IF NOT EXISTS appeals (
      id serial PRIMARY KEY,
      idea_id integer REFERENCES ideas (id) ON DELETE CASCADE,
      post_id integer REFERENCES posts (id) ON DELETE CASCADE,
      author_id integer NOT NULL REFERENCES users (id),
      reason text NOT NULL,
      decided_by_original integer REFERENCES users (id),
      created_at timestamptz NOT NULL DEFAULT now(),
      outcome text CHECK (outcome IN ('upheld', 'reversed')),
      decision_reason text,
      decided_by integer REFERENCES users (id),
      decided_at timestamptz,
      CONSTRAINT appeals_one_subject CHECK ((idea_id IS NULL) <> (post_id IS NULL)),
      CONSTRAINT appeals_decided_whole CHECK ((outcome IS NULL) = (decided_at IS NULL) AND (outcome IS NULL) = (decided_by IS NULL) AND (outcome IS NULL) = (decision_reason IS NULL)),
      CONSTRAINT appeals_other_moderator CHECK (decided_by IS NULL OR decided_by_original IS NULL OR decided_by <> decided_by_original)
    )`.execute(db);
  await sql`CREATE UNIQUE INDEX IF NOT EXISTS appeals_once_per_idea ON appeals (idea_id) WHERE idea_id IS NOT NULL`.execute(db);
  await sql`CREATE UNIQUE INDEX IF NOT EXISTS appeals_once_per_post ON appeals (post_id) WHERE post_id IS NOT NULL`.execute(db);
  await sql`CREATE INDEX IF NOT EXISTS appeals_pending ON appeals (created_at, id) WHERE outcome IS NULL`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE IF EXISTS appeals`.execute(db);
}
