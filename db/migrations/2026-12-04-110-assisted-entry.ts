import { sql, type Kysely } from "kysely";

// Assisted entry and paper supports (issue 18, decision 039).
// - An idea records the channel it came in by (web, event, paper, phone), the staff member who
//   filed it for a person, the reference of the person's signed consent form, and the event
//   (a plain number: the events table is another change's; the link is made after merging).
// - Claim codes: a one-time code given on paper lets the person claim the idea later. Only the
//   code's SHA-256 is stored; single use, expiring.
// - Paper support batches and in-person supports are counted apart from online supports
//   (ideas.paper_support_count); a call for ideas says whether they count toward its threshold,
//   and ideas.paper_counted is the part that does (0 when the call does not count them).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("ideas")
    .addColumn("channel", "text", (c) => c.notNull().defaultTo("web").check(sql`channel IN ('web', 'event', 'paper', 'phone')`))
    .addColumn("entered_by", "bigint", (c) => c.references("users.id"))
    .addColumn("consent_ref", "text")
    .addColumn("event_id", "integer")
    .addColumn("claimed_at", "timestamptz")
    .addColumn("paper_support_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("paper_counted", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable("campaigns")
    .addColumn("paper_supports", "text", (c) => c.notNull().defaultTo("not_counted").check(sql`paper_supports IN ('not_counted', 'counted')`))
    .execute();
  await db.schema
    .createTable("idea_claim_codes")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("idea_id", "bigint", (c) => c.notNull().references("ideas.id"))
    .addColumn("code_hash", "text", (c) => c.notNull().unique())
    .addColumn("expires_at", "timestamptz", (c) => c.notNull())
    .addColumn("used_at", "timestamptz")
    .addColumn("used_by", "bigint", (c) => c.references("users.id"))
    .addColumn("created_by", "bigint", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`CREATE INDEX idea_claim_codes_idea ON idea_claim_codes (idea_id)`.execute(db);
  await db.schema
    .createTable("paper_batches")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("idea_id", "bigint", (c) => c.notNull().references("ideas.id"))
    .addColumn("channel", "text", (c) => c.notNull().check(sql`channel IN ('event', 'paper')`))
    .addColumn("event_id", "integer")
    .addColumn("signatures_claimed", "integer", (c) => c.notNull().check(sql`signatures_claimed >= 0`))
    .addColumn("signatures_verified", "integer", (c) => c.notNull().check(sql`signatures_verified >= 0`))
    .addColumn("verifier_id", "bigint", (c) => c.notNull().references("users.id"))
    .addColumn("scan_sha256", "text", (c) => c.notNull().check(sql`scan_sha256 ~ '^[0-9a-f]{64}$'`))
    .addColumn("scan_file", "text")
    .addColumn("decision", "text", (c) => c.notNull().check(sql`decision IN ('accepted', 'rejected')`))
    .addColumn("note", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("state", "text", (c) => c.notNull().defaultTo("active").check(sql`state IN ('active', 'corrected', 'voided')`))
    .addColumn("replaces_id", "bigint", (c) => c.references("paper_batches.id"))
    .addColumn("closed_reason", "text")
    .addColumn("closed_by", "bigint", (c) => c.references("users.id"))
    .addColumn("closed_at", "timestamptz")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint("paper_batches_verified_le_claimed", sql`signatures_verified <= signatures_claimed`)
    .addCheckConstraint("paper_batches_closed_reason", sql`(state = 'active') = (closed_reason IS NULL)`)
    .execute();
  await sql`CREATE INDEX paper_batches_idea ON paper_batches (idea_id, id)`.execute(db);
  await db.schema
    .createTable("in_person_supports")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("idea_id", "bigint", (c) => c.notNull().references("ideas.id"))
    .addColumn("identity_hash", "text", (c) => c.notNull())
    .addColumn("channel", "text", (c) => c.notNull().check(sql`channel IN ('event', 'paper', 'phone')`))
    .addColumn("event_id", "integer")
    .addColumn("consent_ref", "text", (c) => c.notNull())
    .addColumn("recorded_by", "bigint", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("voided_at", "timestamptz")
    .addColumn("voided_by", "bigint", (c) => c.references("users.id"))
    .addColumn("void_reason", "text")
    .execute();
  // One person counts once per idea (a voided record no longer stands in the way).
  await sql`CREATE UNIQUE INDEX in_person_supports_once ON in_person_supports (idea_id, identity_hash) WHERE voided_at IS NULL`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("in_person_supports").ifExists().execute();
  await db.schema.dropTable("paper_batches").ifExists().execute();
  await db.schema.dropTable("idea_claim_codes").ifExists().execute();
  await db.schema.alterTable("campaigns").dropColumn("paper_supports").execute();
  for (const column of ["paper_counted", "paper_support_count", "claimed_at", "event_id", "consent_ref", "entered_by", "channel"]) {
    await db.schema.alterTable("ideas").dropColumn(column).execute();
  }
}
