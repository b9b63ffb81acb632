import { sql, type Kysely } from "kysely";

// Ideas, supports, the timeline, follows; counters kept exact in the support transaction.
export const IDEA_STATUSES = [
  "pending",
  "open",
  "expired",
  "withdrawn",
  "rejected",
  "merged",
  "fast_tracked",
  "in_deliberation",
  "closed",
  "under_review",
  "answered",
  "implementing",
  "implemented",
];

export async function up(db: Kysely<any>): Promise<void> {
  const statuses = sql.join(IDEA_STATUSES.map((s) => sql.lit(s)));
  await db.schema
    .createTable("ideas")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("author_id", "bigint", (c) => c.notNull().references("users.id"))
    .addColumn("title", "text", (c) => c.notNull().check(sql`char_length(title) between 1 and 200`))
    .addColumn("body", "text", (c) => c.notNull().check(sql`char_length(body) <= 20000`))
    // Sanitized HTML rendered from the Markdown body when it is written (app/utils/markdown.server.ts).
    .addColumn("body_html", "text", (c) => c.notNull())
    // Plain-text start of the body for cards, feeds and e-mails (computed when written).
    .addColumn("excerpt", "text", (c) => c.notNull())
    .addColumn("category_id", "integer", (c) => c.notNull().references("categories.id"))
    .addColumn("region_id", "smallint", (c) => c.references("regions.id"))
    .addColumn("campaign_id", "integer", (c) => c.references("campaigns.id"))
    .addColumn("status", "text", (c) => c.notNull().check(sql`status in (${statuses})`))
    .addColumn("support_count", "integer", (c) => c.notNull().defaultTo(0).check(sql`support_count >= 0`))
    .addColumn("support_threshold", "integer", (c) => c.notNull().check(sql`support_threshold > 0`))
    .addColumn("support_window_days", "integer", (c) => c.notNull())
    .addColumn("support_ends_at", "timestamptz")
    .addColumn("threshold_reached_at", "timestamptz")
    // Supports gained in the last 72 hours, refreshed by a periodic job (docs/decisions/009-trending.md).
    .addColumn("trending_score", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("search_vector", sql`tsvector`, (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("edited_at", "timestamptz")
    .execute();
  await db.schema.createIndex("ideas_search").on("ideas").using("gin").column("search_vector").execute();
  await sql`CREATE INDEX ideas_title_trgm ON ideas USING gin (title gin_trgm_ops)`.execute(db);
  // The list's sorts, each with id as the tie-breaker for keyset pagination.
  await sql`CREATE INDEX ideas_new ON ideas (created_at DESC, id DESC)`.execute(db);
  await sql`CREATE INDEX ideas_top ON ideas (support_count DESC, id DESC)`.execute(db);
  await sql`CREATE INDEX ideas_trending ON ideas (trending_score DESC, support_count DESC, id DESC)`.execute(db);
  await sql`CREATE INDEX ideas_closing ON ideas (support_ends_at, id) WHERE status = 'open'`.execute(db);
  await sql`CREATE INDEX ideas_status ON ideas (status, id DESC)`.execute(db);
  await sql`CREATE INDEX ideas_campaign ON ideas (campaign_id, support_count DESC) WHERE campaign_id IS NOT NULL`.execute(db);
  await sql`CREATE INDEX ideas_author ON ideas (author_id, created_at DESC)`.execute(db);

  // One support per citizen per idea: the primary key is the guarantee.
  await db.schema
    .createTable("supports")
    .addColumn("idea_id", "bigint", (c) => c.notNull().references("ideas.id"))
    .addColumn("user_id", "bigint", (c) => c.notNull().references("users.id"))
    // The supporter's home region when they supported: only ever shown aggregated.
    .addColumn("region_id", "smallint", (c) => c.references("regions.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("supports_pkey", ["idea_id", "user_id"])
    .execute();
  await db.schema.createIndex("supports_user").on("supports").columns(["user_id", "created_at"]).execute();

  // Counters beside the supports, updated in the same transaction, so pages never count rows.
  await db.schema
    .createTable("idea_support_hours")
    .addColumn("idea_id", "bigint", (c) => c.notNull().references("ideas.id"))
    .addColumn("hour", "timestamptz", (c) => c.notNull())
    .addColumn("supports", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("idea_support_hours_pkey", ["idea_id", "hour"])
    .execute();
  await db.schema.createIndex("idea_support_hours_hour").on("idea_support_hours").column("hour").execute();
  await db.schema
    .createTable("idea_support_regions")
    .addColumn("idea_id", "bigint", (c) => c.notNull().references("ideas.id"))
    // 0 stands for "no region given", so that the key has no NULL in it.
    .addColumn("region_id", "smallint", (c) => c.notNull())
    .addColumn("supports", "integer", (c) => c.notNull().check(sql`supports >= 0`))
    .addPrimaryKeyConstraint("idea_support_regions_pkey", ["idea_id", "region_id"])
    .execute();

  // The public timeline: one row per status change or notable moment, never updated.
  await db.schema
    .createTable("idea_events")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("idea_id", "bigint", (c) => c.notNull().references("ideas.id"))
    .addColumn("actor_id", "bigint", (c) => c.references("users.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("from_status", "text")
    .addColumn("to_status", "text")
    .addColumn("note", "text")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("idea_events_idea").on("idea_events").columns(["idea_id", "id"]).execute();

  await db.schema
    .createTable("follows")
    .addColumn("user_id", "bigint", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("idea_id", "bigint", (c) => c.notNull().references("ideas.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("follows_pkey", ["user_id", "idea_id"])
    .execute();
  await db.schema.createIndex("follows_idea").on("follows").column("idea_id").execute();

  // Periodic jobs: a run is claimed by moving last_run_at forward in one statement, so with
  // several app processes each period's run happens once (app/jobs/scheduler.server.ts).
  await db.schema
    .createTable("scheduled_jobs")
    .addColumn("name", "text", (c) => c.primaryKey())
    .addColumn("last_run_at", "timestamptz", (c) => c.notNull().defaultTo(sql`'-infinity'`))
    .addColumn("last_result", "text")
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["scheduled_jobs", "follows", "idea_events", "idea_support_regions", "idea_support_hours", "supports", "ideas"]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
