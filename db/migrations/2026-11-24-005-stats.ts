import { sql, type Kysely } from "kysely";

// Statistics (docs/decisions/012-statistics.md): supports per idea per week, kept by statement
// triggers on `supports` so that the weekly chart never scans the supports table; and a small
// cache of computed dashboards, one row per filter combination, refreshed by a periodic job.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("idea_support_weeks")
    .addColumn("idea_id", "bigint", (c) => c.notNull().references("ideas.id"))
    // The Monday that starts the week, in Korea time.
    .addColumn("week", "date", (c) => c.notNull())
    .addColumn("supports", "integer", (c) => c.notNull().check(sql`supports >= 0`))
    .addPrimaryKeyConstraint("idea_support_weeks_pkey", ["idea_id", "week"])
    .execute();
  await db.schema.createIndex("idea_support_weeks_week").on("idea_support_weeks").columns(["week", "idea_id"]).execute();

  // Statement-level triggers with transition tables: one grouped upsert per statement, so a
  // bulk load costs one pass, and a single support touches one row keyed by its idea (whose
  // row the support transaction already locks: no new point of contention).
  await sql`CREATE FUNCTION idea_support_weeks_apply() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP IN ('DELETE', 'UPDATE') THEN
        UPDATE idea_support_weeks w SET supports = w.supports - gone.n
        FROM (
          SELECT idea_id, date_trunc('week', created_at AT TIME ZONE 'Asia/Seoul')::date AS week, count(*)::int AS n
          FROM old_rows GROUP BY 1, 2
        ) gone
        WHERE w.idea_id = gone.idea_id AND w.week = gone.week;
      END IF;
      IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO idea_support_weeks (idea_id, week, supports)
        SELECT idea_id, date_trunc('week', created_at AT TIME ZONE 'Asia/Seoul')::date, count(*)::int
        FROM new_rows GROUP BY 1, 2
        ON CONFLICT (idea_id, week) DO UPDATE SET supports = idea_support_weeks.supports + EXCLUDED.supports;
      END IF;
      RETURN NULL;
    END $$`.execute(db);
  await sql`CREATE TRIGGER supports_weeks_insert AFTER INSERT ON supports
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION idea_support_weeks_apply()`.execute(db);
  await sql`CREATE TRIGGER supports_weeks_delete AFTER DELETE ON supports
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION idea_support_weeks_apply()`.execute(db);
  await sql`CREATE TRIGGER supports_weeks_update AFTER UPDATE ON supports
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION idea_support_weeks_apply()`.execute(db);

  await sql`INSERT INTO idea_support_weeks (idea_id, week, supports)
    SELECT idea_id, date_trunc('week', created_at AT TIME ZONE 'Asia/Seoul')::date, count(*)::int
    FROM supports GROUP BY 1, 2`.execute(db);

  // Computed dashboards (the whole /stats payload) by filter key.
  await db.schema
    .createTable("stats_cache")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("payload", "jsonb", (c) => c.notNull())
    .addColumn("computed_at", "timestamptz", (c) => c.notNull())
    // When someone last asked for it (moved at most every few minutes): the job keeps fresh
    // what is being read and forgets what is not.
    .addColumn("requested_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("stats_cache").ifExists().execute();
  await sql`DROP TRIGGER IF EXISTS supports_weeks_insert ON supports`.execute(db);
  await sql`DROP TRIGGER IF EXISTS supports_weeks_delete ON supports`.execute(db);
  await sql`DROP TRIGGER IF EXISTS supports_weeks_update ON supports`.execute(db);
  await sql`DROP FUNCTION IF EXISTS idea_support_weeks_apply()`.execute(db);
  await db.schema.dropTable("idea_support_weeks").ifExists().execute();
}
