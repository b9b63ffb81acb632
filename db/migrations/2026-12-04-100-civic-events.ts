import { sql, type Kysely } from "kysely";
import { roleConstraint } from "./2026-12-03-060-business-day-clock";

// Events on the street and online (issue 18; decision 037): forums, town halls, booths and online
// sessions organised by a committee, an agency or the operator; registrations with a capacity
// and a waiting list; minutes after the event, every edit kept as a version. The table is
// `civic_events`: `idea_events` is an idea's timeline and keeps its name.
//
// The new scoped role `event_organiser` acts for one committee, one agency, or (neither) the
// operator. The role list is amended where it stands, as 2026-12-03-060 did.
export async function up(db: Kysely<any>): Promise<void> {
  const roles = await roleConstraint(db, "%role_check%");
  if (roles && !roles.def.includes("event_organiser")) {
    await sql`ALTER TABLE role_grants DROP CONSTRAINT ${sql.id(roles.name)}`.execute(db);
    const def = roles.def.replace("'agency_officer'::text", "'agency_officer'::text, 'event_organiser'::text");
    await sql`ALTER TABLE role_grants ADD CONSTRAINT ${sql.id(roles.name)} ${sql.raw(def)}`.execute(db);
  }
  const scope = await roleConstraint(db, "role_grants_scope");
  if (scope && !scope.def.includes("event_organiser")) {
    await sql`ALTER TABLE role_grants DROP CONSTRAINT role_grants_scope`.execute(db);
    await sql`ALTER TABLE role_grants ADD CONSTRAINT role_grants_scope CHECK (
      ((role = 'event_organiser') AND (committee_id IS NULL OR agency_id IS NULL))
      OR (${sql.raw(scope.def.replace(/^CHECK\s*/, ""))}))`.execute(db);
  }

  await db.schema
    .createTable("civic_events")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    // Who organises it: a committee, an agency, or the operator (neither).
    .addColumn("committee_id", "integer", (c) => c.references("committees.id"))
    .addColumn("agency_id", "integer", (c) => c.references("agencies.id"))
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('forum', 'town_hall', 'booth', 'online')`))
    .addColumn("title_ko", "text", (c) => c.notNull())
    .addColumn("title_en", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("description_ko", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("description_en", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("starts_at", "timestamptz", (c) => c.notNull())
    .addColumn("ends_at", "timestamptz", (c) => c.notNull())
    .addColumn("region_id", "smallint", (c) => c.references("regions.id"))
    .addColumn("place", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("address", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("online_url", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("step_free", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("sign_language", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("captioning", "boolean", (c) => c.notNull().defaultTo(false))
    // Interpretation offered into other languages, as the organiser writes them ("English, 中文").
    .addColumn("interpretation", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("access_notes", "text", (c) => c.notNull().defaultTo(""))
    // null: no limit.
    .addColumn("capacity", "integer", (c) => c.check(sql`capacity > 0`))
    .addColumn("cancelled_at", "timestamptz")
    .addColumn("cancel_reason", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("created_by", "bigint", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint("civic_events_one_organiser", sql`committee_id IS NULL OR agency_id IS NULL`)
    .addCheckConstraint("civic_events_ends_after_start", sql`ends_at > starts_at`)
    .addCheckConstraint("civic_events_place_or_link", sql`place <> '' OR online_url <> ''`)
    .execute();
  await db.schema.createIndex("civic_events_starts").on("civic_events").columns(["starts_at", "id"]).execute();

  // One row per person and event. `state` moves registered ⇄ waiting → cancelled; the waiting
  // list is in `queued_at` order (then id), and a place freed goes to its head.
  await db.schema
    .createTable("event_registrations")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("event_id", "bigint", (c) => c.notNull().references("civic_events.id").onDelete("cascade"))
    .addColumn("user_id", "bigint", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("state", "text", (c) => c.notNull().check(sql`state in ('registered', 'waiting', 'cancelled')`))
    .addColumn("queued_at", "timestamptz", (c) => c.notNull())
    .addColumn("promoted_at", "timestamptz")
    .addColumn("cancelled_at", "timestamptz")
    .addColumn("attended", "boolean")
    .addColumn("reminded_at", "timestamptz")
    .addUniqueConstraint("event_registrations_once", ["event_id", "user_id"])
    .execute();
  await db.schema.createIndex("event_registrations_queue").on("event_registrations").columns(["event_id", "state", "queued_at", "id"]).execute();

  // Minutes: a new version per edit, never changed (like pages, decision 033).
  await db.schema
    .createTable("event_minutes")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("event_id", "bigint", (c) => c.notNull().references("civic_events.id").onDelete("cascade"))
    .addColumn("version", "integer", (c) => c.notNull().check(sql`version > 0`))
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("body_html", "text", (c) => c.notNull())
    .addColumn("attendance", "integer", (c) => c.notNull().check(sql`attendance >= 0`))
    .addColumn("facilitator", "text", (c) => c.notNull())
    .addColumn("idea_ids", sql`bigint[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn("note", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("author_id", "bigint", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint("event_minutes_version", ["event_id", "version"])
    .execute();
  await sql`CREATE FUNCTION event_minutes_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION 'event_minutes is append-only'; END $$`.execute(db);
  await sql`CREATE TRIGGER event_minutes_no_change BEFORE UPDATE ON event_minutes
    FOR EACH ROW EXECUTE FUNCTION event_minutes_append_only()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("event_minutes").ifExists().execute();
  await sql`DROP FUNCTION IF EXISTS event_minutes_append_only()`.execute(db);
  await db.schema.dropTable("event_registrations").ifExists().execute();
  await db.schema.dropTable("civic_events").ifExists().execute();
  await db.deleteFrom("role_grants").where("role", "=", "event_organiser").execute();
}
