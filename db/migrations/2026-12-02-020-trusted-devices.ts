import { sql, type Kysely } from "kysely";

// Browsers that have signed in to an account before (issue 21, item 11; decision 024): a login
// from one of them is limited on its own, so that strangers failing ten passwords for an
// address do not lock its owner out. Only the SHA-256 of the cookie's random token is stored.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("trusted_devices")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("user_id", "bigint", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("token_hash", "text", (c) => c.notNull().unique().check(sql`token_hash ~ '^[0-9a-f]{64}$'`))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("last_used_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("trusted_devices_user").on("trusted_devices").columns(["user_id", "last_used_at"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("trusted_devices").ifExists().execute();
}
