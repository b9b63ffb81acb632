import { sql, type Kysely } from "kysely";

// The deliberation digest (issue 14, decision 034): before the recommendation, the chair (or the
// member the chair names) writes the strongest arguments for and against, each drawing on posts
// of the idea's discussions, the open questions, and the evidence asked of the agency. Recording
// the recommendation freezes it with the recommendation's id.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("deliberation_digests")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("idea_id", "bigint", (c) => c.notNull().unique().references("ideas.id").onDelete("cascade"))
    .addColumn("committee_id", "bigint", (c) => c.notNull().references("committees.id"))
    // The member the chair named to write it (the chair may always write it).
    .addColumn("writer_id", "bigint", (c) => c.references("users.id"))
    // [{ text, posts: [post id, ...] }]
    .addColumn("arguments_for", "jsonb", (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn("arguments_against", "jsonb", (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    // [question, ...]
    .addColumn("open_questions", "jsonb", (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn("evidence", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("written_by", "bigint", (c) => c.references("users.id"))
    .addColumn("updated_at", "timestamptz")
    .addColumn("frozen_at", "timestamptz")
    .addColumn("recommendation_id", "bigint", (c) => c.references("recommendations.id"))
    .addCheckConstraint("deliberation_digests_frozen_with", sql`(frozen_at IS NULL) = (recommendation_id IS NULL)`)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("deliberation_digests").ifExists().execute();
}
