// Browsers that signed in to an account before (decision 024, OWASP's "device cookie"). A
// successful sign-in (or password reset) gives the browser a long-lived, random, HttpOnly
// cookie; the server keeps only its SHA-256, tied to the account. A later login from that
// browser for that account is limited on its own count, so strangers failing passwords for
// an address cannot lock its owner out; the cookie is worth nothing for another account, and
// without the password it only buys ten guesses per quarter hour like any browser.
import { createHash, randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { readCookie } from "./cookies.server";
import { DAY_MS } from "../utils/korea-time";

export const DEVICE_DAYS = 365;
/** The newest this many devices of an account are remembered; older ones are forgotten. */
const DEVICES_PER_ACCOUNT = 20;

export function deviceCookieName(secure: boolean): string {
  // The __Host- prefix makes the browser insist on Secure, Path=/ and no Domain.
  return secure ? "__Host-madang_device" : "madang_device";
}

function digest(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

function tokenFrom(cookieHeader: string | null, secure: boolean): string | null {
  const token = readCookie(cookieHeader, deviceCookieName(secure));
  return token && /^[A-Za-z0-9_-]{43}$/.test(token) ? token : null;
}

/**
 * The key the login limit uses for this browser and this account, when the browser signed in to
 * the account (by this e-mail address) before; else null.
 */
export async function knownDevice(db: Kysely<Database>, cookieHeader: string | null, email: string, secure: boolean): Promise<string | null> {
  const token = tokenFrom(cookieHeader, secure);
  if (!token) return null;
  const hash = digest(token);
  const row = await db
    .selectFrom("trusted_devices")
    .innerJoin("users", "users.id", "trusted_devices.user_id")
    .select("trusted_devices.id")
    .where("trusted_devices.token_hash", "=", hash)
    .where("users.email", "=", email)
    .where("trusted_devices.last_used_at", ">", new Date(Date.now() - DEVICE_DAYS * DAY_MS))
    .executeTakeFirst();
  return row ? `device:${hash.slice(0, 32)}` : null;
}

/**
 * Remembers this browser for the account after it proved itself (a correct password, a reset
 * link): the same token when the browser already holds one for the account, else a new one.
 * Returns the Set-Cookie header value.
 */
export async function rememberDevice(db: Kysely<Database>, userId: number, cookieHeader: string | null, secure: boolean): Promise<string> {
  const now = new Date();
  const held = tokenFrom(cookieHeader, secure);
  let token: string | null = null;
  if (held) {
    const touched = await db
      .updateTable("trusted_devices")
      .set({ last_used_at: now })
      .where("token_hash", "=", digest(held))
      .where("user_id", "=", userId)
      .executeTakeFirst();
    if (touched.numUpdatedRows > 0n) token = held;
  }
  if (!token) {
    token = randomBytes(32).toString("base64url");
    await db.insertInto("trusted_devices").values({ user_id: userId, token_hash: digest(token), last_used_at: now }).execute();
    const keep = db.selectFrom("trusted_devices").select("id").where("user_id", "=", userId).orderBy("last_used_at", "desc").orderBy("id", "desc").limit(DEVICES_PER_ACCOUNT);
    await db.deleteFrom("trusted_devices").where("user_id", "=", userId).where("id", "not in", keep).execute();
  }
  const attributes = [`Path=/`, `Max-Age=${DEVICE_DAYS * 86_400}`, "HttpOnly", "SameSite=Lax", ...(secure ? ["Secure"] : [])];
  return [`${deviceCookieName(secure)}=${token}`, ...attributes].join("; ");
}
