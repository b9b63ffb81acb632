import { sql, type Kysely } from "kysely";

// Two-factor sign-in with TOTP (issue 17, Staff accounts; decision 047). Required of staff
// outside demo mode before their roles apply; optional for everyone else.
//   two_factor                one row per enrolled account: the TOTP secret (base32, 20 bytes)
//                             and the last time step accepted (a code is good once).
//   two_factor_recovery_codes single-use codes, only their SHA-256 kept.
//   sign_in_challenges        a password accepted, the code still to come: only the SHA-256 of
//                             the token the sign-in form carries, for five minutes, five tries.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("two_factor")
    .addColumn("user_id", "bigint", (c) => c.primaryKey().references("users.id").onDelete("cascade"))
    .addColumn("secret", "text", (c) => c.notNull().check(sql`secret ~ '^[A-Z2-7]{32}$'`))
    .addColumn("last_step", "bigint")
    .addColumn("enrolled_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createTable("two_factor_recovery_codes")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("user_id", "bigint", (c) => c.notNull().references("two_factor.user_id").onDelete("cascade"))
    .addColumn("code_hash", "text", (c) => c.notNull().check(sql`code_hash ~ '^[0-9a-f]{64}$'`))
    .addColumn("used_at", "timestamptz")
    .addUniqueConstraint("two_factor_recovery_codes_unique", ["user_id", "code_hash"])
    .execute();
  await db.schema
    .createTable("sign_in_challenges")
    .addColumn("token_hash", "text", (c) => c.primaryKey().check(sql`token_hash ~ '^[0-9a-f]{64}$'`))
    .addColumn("user_id", "bigint", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0).check(sql`attempts >= 0`))
    .addColumn("expires_at", "timestamptz", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("sign_in_challenges_user").on("sign_in_challenges").column("user_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("sign_in_challenges").ifExists().execute();
  await db.schema.dropTable("two_factor_recovery_codes").ifExists().execute();
  await db.schema.dropTable("two_factor").ifExists().execute();
}
