import { sql, type Kysely } from "kysely";

// One discussion engine for the sub-committees' threads (an idea's deliberation thread among
// them) and the public comments on ideas: threads, posts nested to depth 3 with a stance, and
// how far each reader has read.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("threads")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('committee', 'idea_comments')`))
    .addColumn("committee_id", "integer", (c) => c.references("committees.id"))
    // A committee thread with an idea is that idea's deliberation thread.
    .addColumn("idea_id", "bigint", (c) => c.references("ideas.id"))
    .addColumn("title", "text", (c) => c.notNull().check(sql`char_length(title) between 1 and 200`))
    // Null for a thread the system opened (the deliberation thread of a fast-tracked idea).
    .addColumn("created_by", "bigint", (c) => c.references("users.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("locked_at", "timestamptz")
    .addColumn("lock_reason", "text", (c) => c.check(sql`char_length(lock_reason) <= 500`))
    .addColumn("locked_by", "bigint", (c) => c.references("users.id"))
    // Every post row of the thread (a removed post stays as a placeholder and still counts).
    .addColumn("post_count", "integer", (c) => c.notNull().defaultTo(0).check(sql`post_count >= 0`))
    .addColumn("last_post_at", "timestamptz")
    .addCheckConstraint(
      "threads_owner",
      sql`(kind = 'committee' and committee_id is not null) or (kind = 'idea_comments' and idea_id is not null and committee_id is null)`,
    )
    .addCheckConstraint("threads_lock", sql`(locked_at is null) = (lock_reason is null)`)
    .execute();
  // At most one deliberation thread and one comment thread per idea.
  await sql`CREATE UNIQUE INDEX threads_deliberation ON threads (idea_id) WHERE kind = 'committee' AND idea_id IS NOT NULL`.execute(db);
  await sql`CREATE UNIQUE INDEX threads_idea_comments ON threads (idea_id) WHERE kind = 'idea_comments'`.execute(db);
  await sql`CREATE INDEX threads_committee ON threads (committee_id, id DESC) WHERE kind = 'committee'`.execute(db);

  await db.schema
    .createTable("posts")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("thread_id", "bigint", (c) => c.notNull().references("threads.id"))
    .addColumn("parent_id", "bigint", (c) => c.references("posts.id"))
    // The top-level post a reply hangs under: a page fetches every reply of its posts in one query.
    .addColumn("root_id", "bigint", (c) => c.references("posts.id"))
    // The post actually answered, when the reply was attached higher up (deeper than depth 3).
    .addColumn("reply_to_id", "bigint", (c) => c.references("posts.id"))
    .addColumn("depth", "smallint", (c) => c.notNull().check(sql`depth between 0 and 3`))
    .addColumn("author_id", "bigint", (c) => c.notNull().references("users.id"))
    // Cleared when the post is removed; the row stays as "removed by ...".
    .addColumn("body", "text", (c) => c.notNull())
    // Sanitized HTML rendered from the Markdown body when it is written (app/utils/markdown.server.ts).
    .addColumn("body_html", "text", (c) => c.notNull())
    .addColumn("stance", "text", (c) => c.notNull().check(sql`stance in ('for', 'against', 'neutral')`))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("edited_at", "timestamptz")
    .addColumn("removed_at", "timestamptz")
    .addColumn("removed_by", "bigint", (c) => c.references("users.id"))
    .addColumn("removal", "text", (c) => c.check(sql`removal in ('author', 'moderator')`))
    .addColumn("reply_count", "integer", (c) => c.notNull().defaultTo(0).check(sql`reply_count >= 0`))
    .addCheckConstraint("posts_tree", sql`(depth = 0) = (parent_id is null) and (parent_id is null) = (root_id is null)`)
    .addCheckConstraint("posts_removed", sql`(removed_at is null) = (removal is null)`)
    .addCheckConstraint("posts_body", sql`removed_at is not null or char_length(body) between 1 and 5000`)
    .execute();
  // Keyset pages over a thread's top-level posts, in either direction.
  await sql`CREATE INDEX posts_top ON posts (thread_id, id) WHERE depth = 0`.execute(db);
  // The replies of the top-level posts on a page, in one query.
  await sql`CREATE INDEX posts_replies ON posts (root_id, id) WHERE root_id IS NOT NULL`.execute(db);
  // The stance tally: each author's latest post that stands.
  await sql`CREATE INDEX posts_tally ON posts (thread_id, author_id, id DESC) WHERE removed_at IS NULL`.execute(db);
  // The comment rate limit counts an author's recent posts.
  await sql`CREATE INDEX posts_author ON posts (author_id, created_at)`.execute(db);

  await db.schema
    .createTable("thread_reads")
    .addColumn("user_id", "bigint", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("thread_id", "bigint", (c) => c.notNull().references("threads.id"))
    .addColumn("last_read_at", "timestamptz", (c) => c.notNull())
    .addPrimaryKeyConstraint("thread_reads_pkey", ["user_id", "thread_id"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["thread_reads", "posts", "threads"]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
