import { sql, type Kysely } from "kysely";

// Guests in a deliberation (issue 14, decision 054): the chair of the idea's committee invites
// the idea's author, or an officer of the agency the idea is likely to go to, to post in that
// idea's deliberation thread until the recommendation is recorded. One active invitation per
// (idea, person), enforced here; a withdrawn invitation stays as history and the person may be
// invited again. A guest's post names the invitation it was written under: it is labelled as a
// guest's and left out of the stance tally.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("deliberation_guests")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("idea_id", "bigint", (c) => c.notNull().references("ideas.id").onDelete("cascade"))
    .addColumn("committee_id", "bigint", (c) => c.notNull().references("committees.id"))
    .addColumn("user_id", "bigint", (c) => c.notNull().references("users.id"))
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind IN ('author', 'officer')`))
    // The agency an officer was invited for (an officer may work for more than one).
    .addColumn("agency_id", "bigint", (c) => c.references("agencies.id"))
    .addColumn("invited_by", "bigint", (c) => c.notNull().references("users.id"))
    .addColumn("invited_at", "timestamptz", (c) => c.notNull())
    .addColumn("withdrawn_at", "timestamptz")
    .addColumn("withdrawn_by", "bigint", (c) => c.references("users.id"))
    .addCheckConstraint("deliberation_guests_officer_agency", sql`(kind = 'officer') = (agency_id IS NOT NULL)`)
    .addCheckConstraint("deliberation_guests_withdrawn_by", sql`(withdrawn_at IS NULL) = (withdrawn_by IS NULL)`)
    .execute();
  await db.schema
    .createIndex("deliberation_guests_one_active")
    .on("deliberation_guests")
    .columns(["idea_id", "user_id"])
    .unique()
    .where(sql.ref("withdrawn_at"), "is", null)
    .execute();
  await db.schema.createIndex("deliberation_guests_user").on("deliberation_guests").column("user_id").execute();
  await db.schema.alterTable("posts").addColumn("guest_id", "bigint", (c) => c.references("deliberation_guests.id")).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("posts").dropColumn("guest_id").execute();
  await db.schema.dropTable("deliberation_guests").ifExists().execute();
}
