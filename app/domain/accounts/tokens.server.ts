// Single-use e-mail tokens (verification, password reset). Only their SHA-256 is stored.
import { createHash, randomBytes } from "node:crypto";
import type { Kysely, Transaction } from "kysely";
import type { Database, EmailTokensTable } from "../../../db/schema";
import { DAY_MS, HOUR_MS } from "../../utils/korea-time";

type Purpose = EmailTokensTable["purpose"];
type Db = Kysely<Database> | Transaction<Database>;

export const TOKEN_LIFETIME_MS: Record<Purpose, number> = {
  verify_email: 48 * HOUR_MS,
  reset_password: HOUR_MS,
  // A new address confirms within a day; the old address may take the account back for a week.
  change_email: DAY_MS,
  revert_email: 7 * DAY_MS,
};

function digest(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export async function issueToken(db: Db, userId: number, purpose: Purpose, now: Date, address: string | null = null): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  // An earlier unused token for the same purpose stops working: only the newest link counts.
  // Not take-back links: each went to a different former address, and each keeps its way back.
  if (purpose !== "revert_email") {
    await db
      .updateTable("email_tokens")
      .set({ used_at: now })
      .where("user_id", "=", userId)
      .where("purpose", "=", purpose)
      .where("used_at", "is", null)
      .execute();
  }
  await db
    .insertInto("email_tokens")
    .values({
      user_id: userId,
      purpose,
      token_hash: digest(token),
      address,
      expires_at: new Date(now.getTime() + TOKEN_LIFETIME_MS[purpose]),
    })
    .execute();
  return token;
}

/** The token marked used, if it is known, of this purpose, unused and not expired (one statement). */
function spend(db: Db, token: string, purpose: Purpose, now: Date) {
  return db
    .updateTable("email_tokens")
    .set({ used_at: now })
    .where("token_hash", "=", digest(token))
    .where("purpose", "=", purpose)
    .where("used_at", "is", null)
    .where("expires_at", ">", now);
}

/** Marks the token used and returns its user, or null if unknown, used or expired. */
export async function consumeToken(db: Db, token: string, purpose: Purpose, now: Date): Promise<number | null> {
  const row = await spend(db, token, purpose, now).returning("user_id").executeTakeFirst();
  return row?.user_id ?? null;
}

/** Marks the token used and returns its user and the address it carries (an address change), or null. */
export async function consumeAddressToken(db: Db, token: string, purpose: "change_email" | "revert_email", now: Date) {
  const row = await spend(db, token, purpose, now).returning(["user_id", "address", "created_at"]).executeTakeFirst();
  return row?.address ? { userId: row.user_id, address: row.address, issuedAt: new Date(row.created_at) } : null;
}

/** Ends every unused link of an account but the ones of `keep`: after its address changed, links mailed before go nowhere. */
export async function endLinks(db: Db, userId: number, now: Date, keep: Purpose[] = []): Promise<void> {
  let query = db.updateTable("email_tokens").set({ used_at: now }).where("user_id", "=", userId).where("used_at", "is", null);
  if (keep.length > 0) query = query.where("purpose", "not in", keep);
  await query.execute();
}

/** Checks a token without using it (to show the new-password form only for a live link). */
export async function tokenIsLive(db: Db, token: string, purpose: Purpose, now: Date): Promise<boolean> {
  const row = await db
    .selectFrom("email_tokens")
    .select("id")
    .where("token_hash", "=", digest(token))
    .where("purpose", "=", purpose)
    .where("used_at", "is", null)
    .where("expires_at", ">", now)
    .executeTakeFirst();
  return Boolean(row);
}

/** The e-mail address of the account a token belongs to (to check a new password against it). */
export async function tokenOwnerEmail(db: Db, token: string): Promise<string | null> {
  const row = await db
    .selectFrom("email_tokens")
    .innerJoin("users", "users.id", "email_tokens.user_id")
    .select("users.email")
    .where("email_tokens.token_hash", "=", digest(token))
    .executeTakeFirst();
  return row?.email ?? null;
}
