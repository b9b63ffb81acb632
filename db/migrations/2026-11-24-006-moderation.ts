import { sql, type Kysely } from "kysely";

// Moderation and the integrity of support: flags on ideas and posts, content hidden in place,
// the reasons an idea was held at submission, the admins' block list, alerts on bursts of
// support, and supports that stop counting after review (kept, with the reason, reversible).
const FLAG_REASONS = ["spam", "abuse", "personal_data", "off_topic", "duplicate", "illegal", "other"];

/**
 * The weekly support counts of 2026-11-24-005-stats are kept by a statement trigger on
 * `supports`. An invalidated support must stop counting there too, so the trigger's function
 * learns to skip rows with `invalidated_at` set (an UPDATE that invalidates or reinstates moves
 * the week's count down or up). Same body otherwise; `down` puts the original back.
 */
function weeksFunction(countOnly: "valid" | "all") {
  const where = countOnly === "valid" ? sql.raw("WHERE invalidated_at IS NULL") : sql.raw("");
  return sql`CREATE OR REPLACE FUNCTION idea_support_weeks_apply() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP IN ('DELETE', 'UPDATE') THEN
        UPDATE idea_support_weeks w SET supports = w.supports - gone.n
        FROM (
          SELECT idea_id, date_trunc('week', created_at AT TIME ZONE 'Asia/Seoul')::date AS week, count(*)::int AS n
          FROM old_rows ${where} GROUP BY 1, 2
        ) gone
        WHERE w.idea_id = gone.idea_id AND w.week = gone.week;
      END IF;
      IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO idea_support_weeks (idea_id, week, supports)
        SELECT idea_id, date_trunc('week', created_at AT TIME ZONE 'Asia/Seoul')::date, count(*)::int
        FROM new_rows ${where} GROUP BY 1, 2
        ON CONFLICT (idea_id, week) DO UPDATE SET supports = idea_support_weeks.supports + EXCLUDED.supports;
      END IF;
      RETURN NULL;
    END $$`;
}

async function hasWeeksFunction(db: Kysely<any>): Promise<boolean> {
  const { rows } = await sql<{ found: boolean }>`SELECT to_regprocedure('idea_support_weeks_apply()') IS NOT NULL AS found`.execute(db);
  return Boolean(rows[0]?.found);
}

export async function up(db: Kysely<any>): Promise<void> {
  // Hidden content stays in place: "hidden while a moderator reviews it" (by = 'flags') or
  // "hidden by a moderator: <reason>" (by = 'moderator'); the author and moderators still read it.
  for (const table of ["ideas", "posts"]) {
    await db.schema
      .alterTable(table)
      .addColumn("hidden_at", "timestamptz")
      .addColumn("hidden_by", "text", (c) => c.check(sql`hidden_by in ('flags', 'moderator')`))
      .addColumn("hidden_reason", "text", (c) => c.check(sql`char_length(hidden_reason) <= 100`))
      .execute();
    await db.schema.alterTable(table).addCheckConstraint(`${table}_hidden`, sql`(hidden_at is null) = (hidden_by is null)`).execute();
  }
  // Why screening held the idea as pending (kinds and masked matches, never the raw number).
  await db.schema.alterTable("ideas").addColumn("screening", "jsonb").execute();

  // One citizen flags one item once: an idea or a post, never both (the partial unique indexes).
  const reasons = sql.join(FLAG_REASONS.map((r) => sql.lit(r)));
  await db.schema
    .createTable("flags")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("idea_id", "bigint", (c) => c.references("ideas.id"))
    .addColumn("post_id", "bigint", (c) => c.references("posts.id"))
    .addColumn("user_id", "bigint", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("reason", "text", (c) => c.notNull().check(sql`reason in (${reasons})`))
    .addColumn("details", "text", (c) => c.check(sql`char_length(details) <= 1000`))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("resolved_at", "timestamptz")
    .addColumn("resolved_by", "bigint", (c) => c.references("users.id"))
    .addColumn("resolution", "text", (c) => c.check(sql`resolution in ('hidden', 'restored', 'dismissed')`))
    .addCheckConstraint("flags_target", sql`(idea_id is null) <> (post_id is null)`)
    .addCheckConstraint("flags_resolved", sql`(resolved_at is null) = (resolution is null)`)
    .execute();
  await sql`CREATE UNIQUE INDEX flags_once_idea ON flags (idea_id, user_id) WHERE idea_id IS NOT NULL`.execute(db);
  await sql`CREATE UNIQUE INDEX flags_once_post ON flags (post_id, user_id) WHERE post_id IS NOT NULL`.execute(db);
  // The queue: open flags, oldest first.
  await sql`CREATE INDEX flags_open ON flags (created_at, id) WHERE resolved_at IS NULL`.execute(db);

  // Words and phrases that hold a new idea for review (lower-case; matched case-insensitively).
  await db.schema
    .createTable("blocked_terms")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("term", "text", (c) => c.notNull().unique().check(sql`term = lower(term) and char_length(term) between 2 and 100`))
    .addColumn("created_by", "bigint", (c) => c.references("users.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  // A set of supports invalidated together, with the criteria and the reason; reversible.
  await db.schema
    .createTable("support_invalidations")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("idea_id", "bigint", (c) => c.notNull().references("ideas.id"))
    .addColumn("criteria", "jsonb", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull().check(sql`char_length(reason) between 1 and 2000`))
    .addColumn("support_count", "integer", (c) => c.notNull().check(sql`support_count >= 0`))
    .addColumn("created_by", "bigint", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("reversed_at", "timestamptz")
    .addColumn("reversed_by", "bigint", (c) => c.references("users.id"))
    .addColumn("reversal_reason", "text", (c) => c.check(sql`char_length(reversal_reason) <= 2000`))
    .addCheckConstraint("support_invalidations_reversed", sql`(reversed_at is null) = (reversed_by is null)`)
    .execute();
  await db.schema.createIndex("support_invalidations_idea").on("support_invalidations").columns(["idea_id", "id"]).execute();

  await db.schema
    .alterTable("supports")
    // The supporter's network (/24 for IPv4, /48 for IPv6) for the burst watch: never shown
    // publicly, never exported.
    .addColumn("ip_prefix", "text")
    .addColumn("invalidated_at", "timestamptz")
    .addColumn("invalidation_id", "bigint", (c) => c.references("support_invalidations.id"))
    // Set on the survivor's rows when a merge moved the support from another idea.
    .addColumn("merged_from_id", "bigint", (c) => c.references("ideas.id"))
    .execute();
  await db.schema
    .alterTable("supports")
    .addCheckConstraint("supports_invalidated", sql`(invalidated_at is null) = (invalidation_id is null)`)
    .execute();
  await sql`CREATE INDEX supports_idea_time ON supports (idea_id, created_at)`.execute(db);
  await sql`CREATE INDEX supports_ip ON supports (idea_id, ip_prefix, created_at) WHERE ip_prefix IS NOT NULL`.execute(db);
  await sql`CREATE INDEX supports_invalidation ON supports (invalidation_id) WHERE invalidation_id IS NOT NULL`.execute(db);

  // A burst of support seen by the watch; one open alert per idea, kind and network.
  await db.schema
    .createTable("moderation_alerts")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('new_accounts', 'ip_prefix')`))
    .addColumn("idea_id", "bigint", (c) => c.notNull().references("ideas.id"))
    .addColumn("ip_prefix", "text")
    .addColumn("window_start", "timestamptz", (c) => c.notNull())
    .addColumn("window_end", "timestamptz", (c) => c.notNull())
    .addColumn("support_count", "integer", (c) => c.notNull())
    .addColumn("evidence", "jsonb", (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("resolved_at", "timestamptz")
    .addColumn("resolved_by", "bigint", (c) => c.references("users.id"))
    .addColumn("resolution_note", "text", (c) => c.check(sql`char_length(resolution_note) <= 2000`))
    .execute();
  await sql`CREATE UNIQUE INDEX moderation_alerts_open ON moderation_alerts (idea_id, kind, coalesce(ip_prefix, ''))
    WHERE resolved_at IS NULL`.execute(db);

  // The moderation log is the audit log's moderation rows; an author's history is found by the
  // account the action concerned.
  await sql`CREATE INDEX audit_log_moderation ON audit_log (id DESC) WHERE action LIKE 'moderation.%'`.execute(db);
  await sql`CREATE INDEX audit_log_subject ON audit_log ((details->>'subjectUserId'), id DESC)
    WHERE details ? 'subjectUserId'`.execute(db);

  if (await hasWeeksFunction(db)) await weeksFunction("valid").execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (await hasWeeksFunction(db)) await weeksFunction("all").execute(db);
  await sql`DROP INDEX IF EXISTS audit_log_subject`.execute(db);
  await sql`DROP INDEX IF EXISTS audit_log_moderation`.execute(db);
  await db.schema.dropTable("moderation_alerts").ifExists().execute();
  await sql`DROP INDEX IF EXISTS supports_idea_time`.execute(db);
  await sql`DROP INDEX IF EXISTS supports_ip`.execute(db);
  await sql`DROP INDEX IF EXISTS supports_invalidation`.execute(db);
  await db.schema.alterTable("supports").dropConstraint("supports_invalidated").execute();
  await db.schema
    .alterTable("supports")
    .dropColumn("ip_prefix")
    .dropColumn("invalidated_at")
    .dropColumn("invalidation_id")
    .dropColumn("merged_from_id")
    .execute();
  await db.schema.dropTable("support_invalidations").ifExists().execute();
  await db.schema.dropTable("blocked_terms").ifExists().execute();
  await db.schema.dropTable("flags").ifExists().execute();
  await db.schema.alterTable("ideas").dropColumn("screening").execute();
  for (const table of ["ideas", "posts"]) {
    await db.schema.alterTable(table).dropConstraint(`${table}_hidden`).execute();
    await db.schema
      .alterTable(table)
      .dropColumn("hidden_at")
      .dropColumn("hidden_by")
      .dropColumn("hidden_reason")
      .execute();
  }
}
