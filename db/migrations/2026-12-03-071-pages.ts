import { sql, type Kysely } from "kysely";

// Pages that admins write (operating rules, privacy notice, terms of use...), in Korean and
// English, Markdown, every edit kept as a version with who, when and a note of what changed
// (decision 033). A page is its versions: the newest one is shown, the others are its public
// history. Versions are never changed or deleted.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("pages")
    .addColumn("slug", "text", (c) => c.primaryKey().check(sql`slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and length(slug) <= 60`))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createTable("page_versions")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("page_slug", "text", (c) => c.notNull().references("pages.slug").onUpdate("cascade"))
    .addColumn("version", "integer", (c) => c.notNull().check(sql`version > 0`))
    .addColumn("title_ko", "text", (c) => c.notNull())
    .addColumn("title_en", "text", (c) => c.notNull())
    .addColumn("body_ko", "text", (c) => c.notNull())
    .addColumn("body_en", "text", (c) => c.notNull())
    .addColumn("body_html_ko", "text", (c) => c.notNull())
    .addColumn("body_html_en", "text", (c) => c.notNull())
    .addColumn("note", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("author_id", "bigint", (c) => c.references("users.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint("page_versions_page_version", ["page_slug", "version"])
    .execute();
  await sql`CREATE FUNCTION page_versions_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION 'page_versions is append-only'; END $$`.execute(db);
  await sql`CREATE TRIGGER page_versions_no_change BEFORE UPDATE OR DELETE ON page_versions
    FOR EACH ROW EXECUTE FUNCTION page_versions_append_only()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("page_versions").ifExists().execute();
  await db.schema.dropTable("pages").ifExists().execute();
  await sql`DROP FUNCTION IF EXISTS page_versions_append_only()`.execute(db);
}
