import { sql, type Kysely } from "kysely";

// The sign-up proof-of-work (issue 17 "Bots and shared addresses"; decision 048).
// - server_secrets: keys the server makes for itself and every app process shares (the
//   challenges' HMAC keys), made on first use; the database is the only shared state.
// - used_signup_challenges: each solved challenge is taken once; a row stays until the
//   challenge would have expired anyway, so a replay is refused without keeping rows forever.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("server_secrets")
    .addColumn("name", "text", (c) => c.primaryKey().check(sql`char_length(name) between 1 and 60`))
    .addColumn("secret", "text", (c) => c.notNull().check(sql`char_length(secret) >= 32`))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createTable("used_signup_challenges")
    // The challenge's own HMAC signature (hex): unique per challenge, and no personal data.
    .addColumn("signature", "text", (c) => c.primaryKey().check(sql`signature ~ '^[0-9a-f]{64}$'`))
    .addColumn("expires_at", "timestamptz", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("used_signup_challenges_expiry").on("used_signup_challenges").column("expires_at").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("used_signup_challenges").execute();
  await db.schema.dropTable("server_secrets").execute();
}
