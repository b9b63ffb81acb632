import { sql, type Kysely } from "kysely";
import { open, seal, sealingKey, TOTP_PURPOSE, totpOwner } from "../secret-box";

// Issue 17, the rest of "Trust in every count" (decisions 056, 057):
//   email_tokens             two more purposes: confirming a new address (the link goes to it) and
//                            taking an account back from the old address; `address` is the new
//                            address to confirm, or the old one to restore.
//   two_factor.secret        sealed with the server's key (AES-256-GCM, db/secret-box.ts): every
//                            stored secret is sealed here, once, and the column accepts nothing else.
//   identity_verifications   a verification revoked by staff: when, by whom, why.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE email_tokens DROP CONSTRAINT email_tokens_purpose_check`.execute(db);
  await sql`ALTER TABLE email_tokens ADD CONSTRAINT email_tokens_purpose_check
    CHECK (purpose IN ('verify_email', 'reset_password', 'change_email', 'revert_email'))`.execute(db);
  await sql`ALTER TABLE email_tokens ADD COLUMN address text
    CHECK (char_length(address) <= 254)`.execute(db);
  await sql`ALTER TABLE email_tokens ADD CONSTRAINT email_tokens_address_for_changes
    CHECK ((purpose IN ('change_email', 'revert_email')) = (address IS NOT NULL))`.execute(db);

  const key = sealingKey(TOTP_PURPOSE);
  await sql`ALTER TABLE two_factor DROP CONSTRAINT two_factor_secret_check`.execute(db);
  const rows = await db.selectFrom("two_factor").select(["user_id", "secret"]).execute();
  for (const row of rows as { user_id: string | number; secret: string }[]) {
    await db.updateTable("two_factor").set({ secret: seal(key, totpOwner(row.user_id), row.secret) }).where("user_id", "=", row.user_id).execute();
  }
  await sql`ALTER TABLE two_factor ADD CONSTRAINT two_factor_secret_sealed CHECK (secret ~ '^v1:[A-Za-z0-9_-]{60,}$')`.execute(db);

  await sql`ALTER TABLE identity_verifications
    ADD COLUMN revoked_at timestamptz,
    ADD COLUMN revoked_by bigint REFERENCES users (id) ON DELETE SET NULL,
    ADD COLUMN revocation_reason text CHECK (char_length(revocation_reason) <= 500)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE identity_verifications DROP COLUMN revocation_reason, DROP COLUMN revoked_by, DROP COLUMN revoked_at`.execute(db);
  const key = sealingKey(TOTP_PURPOSE);
  await sql`ALTER TABLE two_factor DROP CONSTRAINT two_factor_secret_sealed`.execute(db);
  const rows = await db.selectFrom("two_factor").select(["user_id", "secret"]).execute();
  for (const row of rows as { user_id: string | number; secret: string }[]) {
    const plain = open(key, totpOwner(row.user_id), row.secret);
    // A secret that does not open with this key cannot be restored: the person enrols again.
    if (plain === null) await db.deleteFrom("two_factor").where("user_id", "=", row.user_id).execute();
    else await db.updateTable("two_factor").set({ secret: plain }).where("user_id", "=", row.user_id).execute();
  }
  await sql`ALTER TABLE two_factor ADD CONSTRAINT two_factor_secret_check CHECK (secret ~ '^[A-Z2-7]{32}$')`.execute(db);
  await db.deleteFrom("email_tokens").where("purpose", "in", ["change_email", "revert_email"]).execute();
  await sql`ALTER TABLE email_tokens DROP CONSTRAINT email_tokens_address_for_changes`.execute(db);
  await sql`ALTER TABLE email_tokens DROP COLUMN address`.execute(db);
  await sql`ALTER TABLE email_tokens DROP CONSTRAINT email_tokens_purpose_check`.execute(db);
  await sql`ALTER TABLE email_tokens ADD CONSTRAINT email_tokens_purpose_check CHECK (purpose IN ('verify_email', 'reset_password'))`.execute(db);
}
