// Secrets kept in the database sealed with the server's key (decision 056): AES-256-GCM, a fresh
// 96-bit nonce each time, the row's owner as additional data (a sealed value copied to another
// account's row does not open there). Used by the app (two-factor sign-in) and by the migration
// that sealed the secrets stored before, so it imports nothing of the app.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

/** What a sealed value starts with: the format's version (a later key or cipher gets v2). */
const PREFIX = "v1:";

/**
 * Used outside production when MADANG_SECRET_KEY is not set: a demo or a development server
 * still never stores a secret in the clear, but this key is published here, so it protects
 * nothing. Production refuses to start without a key of its own (app/utils/env.server.ts).
 */
const DEVELOPMENT_KEY = "madang-development-key: published, protects nothing; set MADANG_SECRET_KEY";

export const SECRET_KEY_MIN_LENGTH = 32;

/** The problem with the environment's key, or null (the settings check and the migration say it). */
export function secretKeyProblem(env: Record<string, string | undefined>): string | null {
  const key = env.MADANG_SECRET_KEY ?? "";
  if (key === "") return env.NODE_ENV === "production" ? "MADANG_SECRET_KEY: required in production (make one with: openssl rand -hex 32)" : null;
  if (key.length < SECRET_KEY_MIN_LENGTH) return `MADANG_SECRET_KEY: must be at least ${SECRET_KEY_MIN_LENGTH} random characters (openssl rand -hex 32)`;
  const previous = env.MADANG_SECRET_KEY_PREVIOUS ?? "";
  if (previous !== "" && previous.length < SECRET_KEY_MIN_LENGTH) return `MADANG_SECRET_KEY_PREVIOUS: must be the former MADANG_SECRET_KEY (at least ${SECRET_KEY_MIN_LENGTH} characters)`;
  if (previous !== "" && previous === key) return "MADANG_SECRET_KEY_PREVIOUS: must be the former key, not the current one";
  return null;
}

function derive(key: string, purpose: string): Buffer {
  return Buffer.from(hkdfSync("sha256", key, "madang/secret-box", `madang/${purpose}/v1`, 32));
}

/** The key that seals one kind of secret, derived from the server's key (HKDF-SHA-256) by its purpose. */
export function sealingKey(purpose: string, env: Record<string, string | undefined> = process.env): Buffer {
  const problem = secretKeyProblem(env);
  if (problem) throw new Error(`Madang cannot read its sealed secrets: ${problem}`);
  return derive(env.MADANG_SECRET_KEY || DEVELOPMENT_KEY, purpose);
}

/**
 * The keys a sealed secret may open with while the server's key is being changed: the current
 * one first, then MADANG_SECRET_KEY_PREVIOUS (the key before), when it is set. New secrets are
 * always sealed with the current one; `npm run secrets:reseal` (db/reseal.ts) moves the others.
 */
export function openingKeys(purpose: string, env: Record<string, string | undefined> = process.env): Buffer[] {
  const current = sealingKey(purpose, env);
  return env.MADANG_SECRET_KEY_PREVIOUS ? [current, derive(env.MADANG_SECRET_KEY_PREVIOUS, purpose)] : [current];
}

/** Opens with the first key that fits: the text and that key's place (0: the current key), or null. */
export function openWithAny(keys: Buffer[], owner: string, sealed: string): { plain: string; keyIndex: number } | null {
  for (const [keyIndex, key] of keys.entries()) {
    const plain = open(key, owner, sealed);
    if (plain !== null) return { plain, keyIndex };
  }
  return null;
}

/** Seals a text for one owner: "v1:" and base64url of nonce ∥ ciphertext ∥ tag. */
export function seal(key: Buffer, owner: string, plain: string): string {
  const nonce = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, nonce);
  cipher.setAAD(Buffer.from(owner));
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return PREFIX + Buffer.concat([nonce, body, cipher.getAuthTag()]).toString("base64url");
}

/** Opens a sealed text, or null when it is not sealed for this owner with this key (or was changed). */
export function open(key: Buffer, owner: string, sealed: string): string | null {
  if (!sealed.startsWith(PREFIX)) return null;
  const bytes = Buffer.from(sealed.slice(PREFIX.length), "base64url");
  if (bytes.length < 12 + 16) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, bytes.subarray(0, 12));
    decipher.setAAD(Buffer.from(owner));
    decipher.setAuthTag(bytes.subarray(bytes.length - 16));
    return Buffer.concat([decipher.update(bytes.subarray(12, bytes.length - 16)), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}

/** The two-factor secrets' key and owner (the account id): one place, for the app and the migration. */
export const TOTP_PURPOSE = "two-factor-secret";
export const totpOwner = (userId: number | string) => `user:${userId}`;
