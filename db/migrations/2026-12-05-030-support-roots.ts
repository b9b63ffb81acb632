import { sql, type Kysely } from "kysely";

// Verifiable totals (issue 17, decision 051): each day's Merkle root over that day's supports
// and invalidations, published once and never rewritten.
export async function up(db: Kysely<any>): Promise<void> {
  // The salt of a support's receipt: 64 hexadecimal digits from PostgreSQL's strong random
  // source (two random UUIDs, 244 random bits). Added without a default and then given one, so
  // that PostgreSQL does not rewrite the table: older supports get theirs when their day is
  // published.
  await sql`ALTER TABLE supports ADD COLUMN receipt_salt text`.execute(db);
  await sql`ALTER TABLE supports ALTER COLUMN receipt_salt
    SET DEFAULT replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '')`.execute(db);

  await db.schema
    .createTable("support_roots")
    .addColumn("day", "date", (c) => c.primaryKey())
    .addColumn("root", "text", (c) => c.notNull().check(sql`root ~ '^[0-9a-f]{64}$'`))
    .addColumn("leaf_count", "integer", (c) => c.notNull().check(sql`leaf_count >= 0`))
    .addColumn("supports", "integer", (c) => c.notNull().check(sql`supports >= 0`))
    .addColumn("invalidations", "integer", (c) => c.notNull().check(sql`invalidations >= 0`))
    .addColumn("reinstatements", "integer", (c) => c.notNull().check(sql`reinstatements >= 0`))
    .addColumn("published_at", "timestamptz", (c) => c.notNull())
    .addCheckConstraint("support_roots_count", sql`leaf_count = supports + invalidations + reinstatements`)
    .execute();
  // The day's leaves in the tree's order (32 bytes each), to build a supporter's proof later.
  await db.schema
    .createTable("support_root_leaves")
    .addColumn("day", "date", (c) => c.primaryKey().references("support_roots.day"))
    .addColumn("leaves", "bytea", (c) => c.notNull())
    .execute();
  // Published once: the database refuses to change or remove a root or its leaves.
  await sql`CREATE FUNCTION support_roots_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION '% is append-only: a published root is never rewritten', TG_TABLE_NAME; END $$`.execute(db);
  for (const table of ["support_roots", "support_root_leaves"]) {
    await sql`CREATE TRIGGER ${sql.id(`${table}_no_change`)} BEFORE UPDATE OR DELETE ON ${sql.id(table)}
      FOR EACH ROW EXECUTE FUNCTION support_roots_append_only()`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("support_root_leaves").ifExists().execute();
  await db.schema.dropTable("support_roots").ifExists().execute();
  await sql`DROP FUNCTION IF EXISTS support_roots_append_only()`.execute(db);
  await sql`ALTER TABLE supports DROP COLUMN IF EXISTS receipt_salt`.execute(db);
}
