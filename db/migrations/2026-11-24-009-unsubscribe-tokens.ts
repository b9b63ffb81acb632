import { sql, type Kysely } from "kysely";

// One-click unsubscribe tokens from a cryptographic generator (ASVS 6.3.1, docs/security.md):
// they were md5(random() ‖ clock_timestamp()), and random() is not one. gen_random_uuid() draws
// 122 bits from pg_strong_random. Every token is issued again: links in e-mails sent before this
// stop working, and /unsubscribe then sends the reader to their settings.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE users ALTER COLUMN unsubscribe_token SET DEFAULT replace(gen_random_uuid()::text, '-', '')`.execute(db);
  await sql`UPDATE users SET unsubscribe_token = replace(gen_random_uuid()::text, '-', '')`.execute(db);
  // /unsubscribe finds the person by token: without an index, a scan of every account.
  await sql`CREATE UNIQUE INDEX users_unsubscribe_token ON users (unsubscribe_token)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX IF EXISTS users_unsubscribe_token`.execute(db);
  await sql`ALTER TABLE users ALTER COLUMN unsubscribe_token SET DEFAULT md5(random()::text || clock_timestamp()::text)`.execute(db);
}
