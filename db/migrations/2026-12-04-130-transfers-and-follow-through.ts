import { sql, type Kysely } from "kysely";

// Transfers between agencies, follow-up answers owed (after "further study" and after citizens'
// follow-through), staff notes and citizens' follow-through ratings (issue 15; decisions 035,
// 042).
export async function up(db: Kysely<any>): Promise<void> {
  // An officer proposes that another agency is competent; the receiving agency accepts or
  // declines within its reply period. One proposal pending per idea at a time.
  await db.schema
    .createTable("idea_transfers")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("idea_id", "bigint", (c) => c.notNull().references("ideas.id").onDelete("cascade"))
    .addColumn("from_agency_id", "integer", (c) => c.notNull().references("agencies.id"))
    .addColumn("to_agency_id", "integer", (c) => c.notNull().references("agencies.id"))
    .addColumn("reason", "text", (c) => c.notNull().check(sql`length(reason) between 20 and 2000`))
    .addColumn("proposed_by", "bigint", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("proposed_at", "timestamptz", (c) => c.notNull())
    .addColumn("reply_due_at", "timestamptz", (c) => c.notNull())
    // The proposing agency's due date when it proposed: it keeps running while the proposal waits.
    .addColumn("agency_due_at", "timestamptz")
    .addColumn("state", "text", (c) => c.notNull().defaultTo("pending").check(sql`state in ('pending', 'accepted', 'declined', 'lapsed', 'withdrawn')`))
    .addColumn("decided_by", "bigint", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("decided_at", "timestamptz")
    .addColumn("decline_reason", "text", (c) => c.check(sql`decline_reason is null or length(decline_reason) between 20 and 2000`))
    // The receiving agency's due date, set when it accepts.
    .addColumn("new_due_at", "timestamptz")
    .addCheckConstraint("idea_transfers_other_agency", sql`from_agency_id <> to_agency_id`)
    .addCheckConstraint("idea_transfers_decline_reason", sql`(state = 'declined') = (decline_reason is not null)`)
    .execute();
  await sql`CREATE UNIQUE INDEX idea_transfers_one_pending ON idea_transfers (idea_id) WHERE state = 'pending'`.execute(db);
  await db.schema.createIndex("idea_transfers_idea").on("idea_transfers").columns(["idea_id", "id"]).execute();
  await db.schema.createIndex("idea_transfers_to").on("idea_transfers").columns(["to_agency_id", "state"]).execute();

  // A follow-up answer the agency owes: after "further study" (at the date it gave) and after
  // citizens' follow-through said no (once per idea). Fulfilled by a published revision.
  await db.schema
    .createTable("follow_ups")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("idea_id", "bigint", (c) => c.notNull().references("ideas.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('further_study', 'follow_through')`))
    .addColumn("agency_id", "integer", (c) => c.references("agencies.id"))
    .addColumn("due_at", "timestamptz", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull())
    .addColumn("fulfilled_at", "timestamptz")
    .addColumn("fulfilled_version", "integer")
    .addUniqueConstraint("follow_ups_once", ["idea_id", "kind"])
    .execute();
  await sql`CREATE INDEX follow_ups_open ON follow_ups (due_at) WHERE fulfilled_at IS NULL`.execute(db);

  // Notes private to the idea's committee and agency staff; never in open data or exports.
  await db.schema
    .createTable("staff_notes")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("idea_id", "bigint", (c) => c.notNull().references("ideas.id").onDelete("cascade"))
    .addColumn("author_id", "bigint", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("body", "text", (c) => c.notNull().check(sql`length(body) between 1 and 5000`))
    .addColumn("created_at", "timestamptz", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("staff_notes_idea").on("staff_notes").columns(["idea_id", "id"]).execute();

  // Citizens' follow-through: did the answer address the proposal? One rating per person.
  await db.schema
    .createTable("follow_through_ratings")
    .addColumn("idea_id", "bigint", (c) => c.notNull().references("ideas.id").onDelete("cascade"))
    .addColumn("user_id", "bigint", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("rating", "text", (c) => c.notNull().check(sql`rating in ('yes', 'partly', 'no')`))
    .addColumn("comment", "text", (c) => c.check(sql`comment is null or length(comment) between 1 and 1000`))
    .addColumn("created_at", "timestamptz", (c) => c.notNull())
    .addColumn("updated_at", "timestamptz", (c) => c.notNull())
    .addPrimaryKeyConstraint("follow_through_ratings_pkey", ["idea_id", "user_id"])
    .execute();

  // A follow-up answer goes overdue like any other step (markOverdue).
  await sql`ALTER TABLE overdue_steps DROP CONSTRAINT IF EXISTS overdue_steps_step_check`.execute(db);
  await sql`ALTER TABLE overdue_steps ADD CONSTRAINT overdue_steps_step_check CHECK (step in ('committee', 'agency', 'follow_up'))`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DELETE FROM overdue_steps WHERE step = 'follow_up'`.execute(db);
  await sql`ALTER TABLE overdue_steps DROP CONSTRAINT IF EXISTS overdue_steps_step_check`.execute(db);
  await sql`ALTER TABLE overdue_steps ADD CONSTRAINT overdue_steps_step_check CHECK (step in ('committee', 'agency'))`.execute(db);
  for (const table of ["follow_through_ratings", "staff_notes", "follow_ups", "idea_transfers"]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
