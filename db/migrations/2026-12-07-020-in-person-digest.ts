import { sql, type Kysely } from "kysely";

// Matching a person's supports given in person by one index lookup (issue 18, decision 063).
//
// - `person_digest`: HMAC-SHA-256, with a key derived from the server's MADANG_SECRET_KEY (never
//   in the database), of the normalised "name|birth date|phone digits"; the same for one person
//   on every idea. New rows carry it and no longer the per-idea scrypt (`identity_hash` becomes
//   optional: a row has one or the other, or both).
// - One person counts once per idea: a unique index on (person_digest, idea_id) over rows not
//   voided, which is also the index the identity desk looks a person up by.
// - Rows recorded before (scrypt only, no digest) that are not linked or voided: a small partial
//   index of their ideas, for the desk's bounded fallback (app/domain/assisted/links.server.ts).
// down: a row that has only a digest keeps it as its identity_hash ("hmac:" + digest), so its
// idea still counts that person once (the earlier code cannot match it to an account); up again
// puts it back in person_digest.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("in_person_supports").addColumn("person_digest", "text").execute();
  await sql`ALTER TABLE in_person_supports ALTER COLUMN identity_hash DROP NOT NULL`.execute(db);
  // Up again after a down: the digests the down kept as identity_hash return to their column.
  await sql`UPDATE in_person_supports SET person_digest = substr(identity_hash, 6), identity_hash = NULL WHERE identity_hash LIKE 'hmac:%'`.execute(db);
  await sql`ALTER TABLE in_person_supports ADD CONSTRAINT in_person_supports_identified CHECK (identity_hash IS NOT NULL OR person_digest IS NOT NULL)`.execute(db);
  await sql`ALTER TABLE in_person_supports ADD CONSTRAINT in_person_supports_digest_hex CHECK (person_digest ~ '^[0-9a-f]{64}$')`.execute(db);
  await sql`CREATE UNIQUE INDEX in_person_supports_digest ON in_person_supports (person_digest, idea_id) WHERE voided_at IS NULL`.execute(db);
  await sql`CREATE INDEX in_person_supports_legacy ON in_person_supports (idea_id) WHERE person_digest IS NULL AND user_id IS NULL AND voided_at IS NULL`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX IF EXISTS in_person_supports_legacy`.execute(db);
  await sql`DROP INDEX IF EXISTS in_person_supports_digest`.execute(db);
  await sql`UPDATE in_person_supports SET identity_hash = 'hmac:' || person_digest WHERE identity_hash IS NULL`.execute(db);
  await db.schema.alterTable("in_person_supports").dropConstraint("in_person_supports_digest_hex").execute();
  await db.schema.alterTable("in_person_supports").dropConstraint("in_person_supports_identified").execute();
  await sql`ALTER TABLE in_person_supports ALTER COLUMN identity_hash SET NOT NULL`.execute(db);
  await db.schema.alterTable("in_person_supports").dropColumn("person_digest").execute();
}
