import { sql, type Kysely } from "kysely";

// The fast track: who holds an idea and by when, the committee's recommendation, the agency's
// answer and progress, overdue notices, and notifications.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("ideas")
    .addColumn("committee_id", "integer", (c) => c.references("committees.id"))
    .addColumn("committee_due_at", "timestamptz")
    .addColumn("agency_id", "integer", (c) => c.references("agencies.id"))
    .addColumn("agency_due_at", "timestamptz")
    .addColumn("assigned_officer_id", "bigint", (c) => c.references("users.id"))
    .addColumn("outcome", "text", (c) =>
      c.check(sql`outcome in ('accepted', 'partially_accepted', 'further_study', 'not_accepted')`),
    )
    .addColumn("official_answer", "text")
    .addColumn("official_answer_html", "text")
    .addColumn("answered_at", "timestamptz")
    .addColumn("progress_percent", "integer", (c) => c.check(sql`progress_percent between 0 and 100`))
    .addColumn("merged_into_id", "bigint", (c) => c.references("ideas.id"))
    .addColumn("status_changed_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`CREATE INDEX ideas_committee ON ideas (committee_id, committee_due_at) WHERE status IN ('fast_tracked', 'in_deliberation')`.execute(db);
  await sql`CREATE INDEX ideas_agency ON ideas (agency_id, agency_due_at) WHERE status = 'under_review'`.execute(db);
  await sql`CREATE INDEX ideas_agency_all ON ideas (agency_id, answered_at DESC) WHERE agency_id IS NOT NULL`.execute(db);
  await sql`CREATE INDEX ideas_expiring ON ideas (support_ends_at) WHERE status = 'open'`.execute(db);

  await db.schema
    .createTable("recommendations")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("idea_id", "bigint", (c) => c.notNull().references("ideas.id"))
    .addColumn("committee_id", "integer", (c) => c.notNull().references("committees.id"))
    .addColumn("decision", "text", (c) => c.notNull().check(sql`decision in ('forward', 'not_recommended')`))
    .addColumn("agency_id", "integer", (c) => c.references("agencies.id"))
    .addColumn("rationale", "text", (c) => c.notNull())
    .addColumn("rationale_html", "text", (c) => c.notNull())
    // The stance tally of the idea's deliberation thread when the recommendation was recorded.
    .addColumn("stance_for", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("stance_against", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("stance_neutral", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("recorded_by", "bigint", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint("recommendations_agency", sql`(decision = 'forward') = (agency_id is not null)`)
    .execute();
  await db.schema.createIndex("recommendations_idea").on("recommendations").columns(["idea_id", "id"]).execute();

  await db.schema
    .createTable("progress_updates")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("idea_id", "bigint", (c) => c.notNull().references("ideas.id"))
    .addColumn("percent", "integer", (c) => c.notNull().check(sql`percent between 0 and 100`))
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("body_html", "text", (c) => c.notNull())
    .addColumn("author_id", "bigint", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("progress_updates_idea").on("progress_updates").columns(["idea_id", "id"]).execute();

  // One row per step that went overdue: the unique key makes "notify once" a database fact.
  await db.schema
    .createTable("overdue_steps")
    .addColumn("idea_id", "bigint", (c) => c.notNull().references("ideas.id"))
    .addColumn("step", "text", (c) => c.notNull().check(sql`step in ('committee', 'agency')`))
    .addColumn("due_at", "timestamptz", (c) => c.notNull())
    .addColumn("noticed_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("overdue_steps_pkey", ["idea_id", "step", "due_at"])
    .execute();

  await db.schema
    .createTable("notifications")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("user_id", "bigint", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("idea_id", "bigint", (c) => c.references("ideas.id"))
    .addColumn("payload", "jsonb", (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("read_at", "timestamptz")
    // Whether this notification should go out by e-mail, and when it went (in a digest).
    .addColumn("email", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("emailed_at", "timestamptz")
    .execute();
  await sql`CREATE INDEX notifications_user ON notifications (user_id, id DESC)`.execute(db);
  await sql`CREATE INDEX notifications_unread ON notifications (user_id) WHERE read_at IS NULL`.execute(db);
  await sql`CREATE INDEX notifications_to_email ON notifications (user_id, created_at) WHERE email AND emailed_at IS NULL`.execute(db);

  await db.schema
    .alterTable("users")
    .addColumn("email_on_own_ideas", "boolean", (c) => c.notNull().defaultTo(true))
    .addColumn("email_on_followed_ideas", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("email_on_staff_deadlines", "boolean", (c) => c.notNull().defaultTo(true))
    // A secret for one-click unsubscribe links in e-mails.
    .addColumn("unsubscribe_token", "text", (c) => c.notNull().defaultTo(sql`md5(random()::text || clock_timestamp()::text)`))
    // Status changes of followed and supported ideas are read from idea_events, not copied to
    // every supporter (an idea may have a million): this marks how far the person has read.
    .addColumn("feed_seen_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`CREATE INDEX follows_user ON follows (user_id, idea_id)`.execute(db);
  await sql`CREATE INDEX idea_events_status ON idea_events (idea_id, created_at) WHERE kind = 'status'`.execute(db);
  await sql`CREATE INDEX idea_events_id_status ON idea_events (id) WHERE kind = 'status'`.execute(db);

  // How far a job has worked through a stream (e.g. status events fanned out to e-mail).
  await db.schema.alterTable("scheduled_jobs").addColumn("cursor", "bigint", (c) => c.notNull().defaultTo(0)).execute();
  // The List-Unsubscribe address of a message, when it has one.
  await db.schema.alterTable("email_outbox").addColumn("unsubscribe_url", "text").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("email_outbox").dropColumn("unsubscribe_url").execute();
  await db.schema.alterTable("scheduled_jobs").dropColumn("cursor").execute();
  await sql`DROP INDEX IF EXISTS follows_user`.execute(db);
  await sql`DROP INDEX IF EXISTS idea_events_status`.execute(db);
  await sql`DROP INDEX IF EXISTS idea_events_id_status`.execute(db);
  await db.schema
    .alterTable("users")
    .dropColumn("email_on_own_ideas")
    .dropColumn("email_on_followed_ideas")
    .dropColumn("email_on_staff_deadlines")
    .dropColumn("unsubscribe_token")
    .dropColumn("feed_seen_at")
    .execute();
  for (const table of ["notifications", "overdue_steps", "progress_updates", "recommendations"]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
  await db.schema
    .alterTable("ideas")
    .dropColumn("committee_id")
    .dropColumn("committee_due_at")
    .dropColumn("agency_id")
    .dropColumn("agency_due_at")
    .dropColumn("assigned_officer_id")
    .dropColumn("outcome")
    .dropColumn("official_answer")
    .dropColumn("official_answer_html")
    .dropColumn("answered_at")
    .dropColumn("progress_percent")
    .dropColumn("merged_into_id")
    .dropColumn("status_changed_at")
    .execute();
}
