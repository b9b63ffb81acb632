import { sql, type Kysely } from "kysely";

// Committee meetings and their minutes (issue 14, decision 029): a meeting the chair schedules
// (a time, a place and/or an online link, an agenda of ideas in the committee's care), moved or
// cancelled with a reason kept as a change; minutes published after it, every edit a new version.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("committee_meetings")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("committee_id", "bigint", (c) => c.notNull().references("committees.id"))
    .addColumn("starts_at", "timestamptz", (c) => c.notNull())
    .addColumn("place", "text")
    .addColumn("online_url", "text")
    .addColumn("cancelled_at", "timestamptz")
    .addColumn("created_by", "bigint", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint("committee_meetings_somewhere", sql`place IS NOT NULL OR online_url IS NOT NULL`)
    .execute();
  await db.schema.createIndex("committee_meetings_committee").on("committee_meetings").columns(["committee_id", "starts_at"]).execute();

  await db.schema
    .createTable("committee_meeting_items")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("meeting_id", "bigint", (c) => c.notNull().references("committee_meetings.id").onDelete("cascade"))
    .addColumn("idea_id", "bigint", (c) => c.notNull().references("ideas.id").onDelete("cascade"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addUniqueConstraint("committee_meeting_items_once", ["meeting_id", "idea_id"])
    .execute();
  await db.schema.createIndex("committee_meeting_items_idea").on("committee_meeting_items").columns(["idea_id"]).execute();

  // Every move and the cancellation, with the chair's reason: the meeting's public history.
  await db.schema
    .createTable("committee_meeting_changes")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("meeting_id", "bigint", (c) => c.notNull().references("committee_meetings.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind IN ('moved', 'cancelled')`))
    .addColumn("from_starts_at", "timestamptz", (c) => c.notNull())
    .addColumn("to_starts_at", "timestamptz")
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("author_id", "bigint", (c) => c.references("users.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("committee_meeting_changes_meeting").on("committee_meeting_changes").columns(["meeting_id", "id"]).execute();

  // The minutes: every publication and correction is a new version (the newest is shown, the
  // others are its history, with the changes between each and the one before).
  await db.schema
    .createTable("committee_minutes")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("meeting_id", "bigint", (c) => c.notNull().references("committee_meetings.id").onDelete("cascade"))
    .addColumn("version", "integer", (c) => c.notNull().check(sql`version >= 1`))
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("body_html", "text", (c) => c.notNull())
    // [{ userId, name }] of the members present, names as they were.
    .addColumn("attendance", "jsonb", (c) => c.notNull())
    // [{ ideaId, decision }] one per agenda item.
    .addColumn("decisions", "jsonb", (c) => c.notNull())
    .addColumn("note", "text", (c) => c.notNull())
    .addColumn("author_id", "bigint", (c) => c.references("users.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull())
    .addUniqueConstraint("committee_minutes_version", ["meeting_id", "version"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("committee_minutes").ifExists().execute();
  await db.schema.dropTable("committee_meeting_changes").ifExists().execute();
  await db.schema.dropTable("committee_meeting_items").ifExists().execute();
  await db.schema.dropTable("committee_meetings").ifExists().execute();
}
