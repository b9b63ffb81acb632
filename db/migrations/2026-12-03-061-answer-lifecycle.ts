import { sql, type Kysely } from "kysely";

// The answer's lifecycle (issue 15; decision 031): extensions of a step's deadline (once per
// step, with a public reason; the original due date kept), interim replies, the agency's
// private draft answer, and every published version of an answer.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("step_extensions")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("idea_id", "bigint", (c) => c.notNull().references("ideas.id").onDelete("cascade"))
    .addColumn("step", "text", (c) => c.notNull().check(sql`step in ('committee', 'agency', 'follow_up')`))
    .addColumn("original_due_at", "timestamptz", (c) => c.notNull())
    .addColumn("new_due_at", "timestamptz", (c) => c.notNull())
    .addColumn("business_days", "integer", (c) => c.notNull().check(sql`business_days > 0`))
    .addColumn("reason", "text", (c) => c.notNull().check(sql`length(reason) between 50 and 2000`))
    .addColumn("requested_by", "bigint", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint("step_extensions_later", sql`new_due_at > original_due_at`)
    // Once per step.
    .addUniqueConstraint("step_extensions_once", ["idea_id", "step"])
    .execute();

  await db.schema
    .createTable("interim_replies")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("idea_id", "bigint", (c) => c.notNull().references("ideas.id").onDelete("cascade"))
    .addColumn("agency_id", "integer", (c) => c.notNull().references("agencies.id"))
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("body_html", "text", (c) => c.notNull())
    .addColumn("author_id", "bigint", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("interim_replies_idea").on("interim_replies").columns(["idea_id", "id"]).execute();

  // One draft per idea, private to the agency's officers; publishing the answer removes it.
  await db.schema
    .createTable("answer_drafts")
    .addColumn("idea_id", "bigint", (c) => c.primaryKey().references("ideas.id").onDelete("cascade"))
    .addColumn("agency_id", "integer", (c) => c.notNull().references("agencies.id"))
    .addColumn("outcome", "text")
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("updated_by", "bigint", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  // Every published version of an agency's answer: version 1 is the answer, the others revisions.
  await db.schema
    .createTable("answer_revisions")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("idea_id", "bigint", (c) => c.notNull().references("ideas.id").onDelete("cascade"))
    .addColumn("version", "integer", (c) => c.notNull().check(sql`version > 0`))
    .addColumn("agency_id", "integer", (c) => c.references("agencies.id"))
    .addColumn("outcome", "text", (c) => c.notNull())
    .addColumn("answer", "text", (c) => c.notNull())
    .addColumn("answer_html", "text", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.check(sql`(version = 1) = (reason is null)`))
    .addColumn("author_id", "bigint", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint("answer_revisions_version", ["idea_id", "version"])
    .execute();
  // The answers given before this table: their first version, by an officer not recorded.
  await sql`INSERT INTO answer_revisions (idea_id, version, agency_id, outcome, answer, answer_html, created_at)
    SELECT id, 1, agency_id, outcome, official_answer, coalesce(official_answer_html, ''), coalesce(answered_at, updated_at)
    FROM ideas WHERE official_answer IS NOT NULL AND outcome IS NOT NULL`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["answer_revisions", "answer_drafts", "interim_replies", "step_extensions"]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
