import { sql, type Kysely } from "kysely";

// Verification levels (issue 17 "Identity verification"; decision 049). An account is e-mail
// verified (1), identity verified through an OpenID Connect provider (2) or verified in person
// by staff (3). The person's stable identifier is never stored: only an HMAC of it with a
// server key, unique, so that one person holds one verified account.
//
// Cheap on large tables: every column added to supports, ideas, flags and campaigns is either
// nullable without a default or has a constant default, which PostgreSQL (11+) records in the
// catalogue without rewriting the table.

/** The definition of a check constraint of a table, found by a word its name contains. */
async function constraint(db: Kysely<any>, table: string, like: string): Promise<{ name: string; def: string } | undefined> {
  const rows = await sql<{ name: string; def: string }>`
    SELECT conname AS name, pg_get_constraintdef(oid) AS def FROM pg_constraint
    WHERE conrelid = ${table}::regclass AND contype = 'c' AND conname LIKE ${like}`.execute(db);
  return rows.rows[0];
}

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("identity_verifications")
    .addColumn("user_id", "bigint", (c) => c.primaryKey().references("users.id").onDelete("cascade"))
    .addColumn("method", "text", (c) => c.notNull().check(sql`method in ('oidc', 'in_person')`))
    .addColumn("provider", "text", (c) => c.check(sql`char_length(provider) <= 40`))
    .addColumn("subject_hmac", "text", (c) => c.check(sql`char_length(subject_hmac) = 64`))
    .addColumn("birth_year", "smallint", (c) => c.check(sql`birth_year between 1900 and 2100`))
    .addColumn("province_id", "integer", (c) => c.references("regions.id"))
    .addColumn("verified_at", "timestamptz", (c) => c.notNull())
    .addColumn("expires_at", "timestamptz", (c) => c.notNull())
    .addColumn("verified_by", "bigint", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("place", "text", (c) => c.check(sql`char_length(place) <= 200`))
    .execute();
  await sql`CREATE UNIQUE INDEX identity_verifications_person ON identity_verifications (subject_hmac)
    WHERE subject_hmac IS NOT NULL`.execute(db);

  // A verification under way: the state, PKCE verifier and nonce of one redirect to a provider.
  await db.schema
    .createTable("identity_requests")
    .addColumn("state", "text", (c) => c.primaryKey())
    .addColumn("user_id", "bigint", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("provider", "text", (c) => c.notNull())
    .addColumn("code_verifier", "text", (c) => c.notNull())
    .addColumn("nonce", "text", (c) => c.notNull())
    .addColumn("expires_at", "timestamptz", (c) => c.notNull())
    .execute();

  // The supporter's level when the support was given (null: before levels existed).
  await sql`ALTER TABLE supports ADD COLUMN verification_level smallint`.execute(db);
  await sql`ALTER TABLE ideas ADD COLUMN verified_support_count integer NOT NULL DEFAULT 0`.execute(db);
  // Copied from the call when the idea is proposed, like its threshold.
  await sql`ALTER TABLE ideas ADD COLUMN threshold_counts_verified boolean NOT NULL DEFAULT false`.execute(db);

  // Eligibility per call for ideas.
  await sql`ALTER TABLE campaigns
    ADD COLUMN propose_level smallint NOT NULL DEFAULT 1 CHECK (propose_level between 1 and 3),
    ADD COLUMN support_level smallint NOT NULL DEFAULT 1 CHECK (support_level between 1 and 3),
    ADD COLUMN eligible_region_id integer REFERENCES regions(id),
    ADD COLUMN min_age smallint CHECK (min_age between 1 and 120),
    ADD COLUMN verified_threshold boolean NOT NULL DEFAULT false`.execute(db);

  // A flag's weight in quarters (4 = one full flag), fixed when it is made (decision 050).
  await sql`ALTER TABLE flags ADD COLUMN weight smallint CHECK (weight between 0 and 8)`.execute(db);

  // A burst of flags from new accounts raises an alert like a burst of supports.
  const kinds = await constraint(db, "moderation_alerts", "%kind_check%");
  if (kinds && !kinds.def.includes("flag_burst")) {
    await sql`ALTER TABLE moderation_alerts DROP CONSTRAINT ${sql.id(kinds.name)}`.execute(db);
    const def = kinds.def.replace("'ip_prefix'::text", "'ip_prefix'::text, 'flag_burst'::text");
    await sql`ALTER TABLE moderation_alerts ADD CONSTRAINT ${sql.id(kinds.name)} ${sql.raw(def)}`.execute(db);
  }

  // identity_verifier: checks an ID at a desk or an event; the operator's, not scoped further.
  const roles = await constraint(db, "role_grants", "%role_check%");
  if (roles && !roles.def.includes("identity_verifier")) {
    await sql`ALTER TABLE role_grants DROP CONSTRAINT ${sql.id(roles.name)}`.execute(db);
    const def = roles.def.replace("'admin'::text", "'admin'::text, 'identity_verifier'::text");
    await sql`ALTER TABLE role_grants ADD CONSTRAINT ${sql.id(roles.name)} ${sql.raw(def)}`.execute(db);
  }
  const scope = await constraint(db, "role_grants", "role_grants_scope");
  if (scope && !scope.def.includes("identity_verifier")) {
    await sql`ALTER TABLE role_grants DROP CONSTRAINT role_grants_scope`.execute(db);
    await sql`ALTER TABLE role_grants ADD CONSTRAINT role_grants_scope CHECK (
      ((role = 'identity_verifier') AND (agency_id IS NULL) AND (committee_id IS NULL))
      OR (${sql.raw(scope.def.replace(/^CHECK\s*/, ""))}))`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.deleteFrom("role_grants").where("role", "=", "identity_verifier").execute();
  await db.deleteFrom("moderation_alerts").where("kind", "=", "flag_burst").execute();
  await sql`ALTER TABLE flags DROP COLUMN weight`.execute(db);
  await sql`ALTER TABLE campaigns DROP COLUMN propose_level, DROP COLUMN support_level, DROP COLUMN eligible_region_id,
    DROP COLUMN min_age, DROP COLUMN verified_threshold`.execute(db);
  await sql`ALTER TABLE ideas DROP COLUMN verified_support_count, DROP COLUMN threshold_counts_verified`.execute(db);
  await sql`ALTER TABLE supports DROP COLUMN verification_level`.execute(db);
  await db.schema.dropTable("identity_requests").ifExists().execute();
  await db.schema.dropTable("identity_verifications").ifExists().execute();
}
