// The sign-up proof-of-work on the server (decision 048): challenges made and signed here with
// altcha-lib (HMAC with keys this server made for itself and keeps in the database, so that every
// app process shares them), each good for CHALLENGE_MINUTES and taken once.
import { randomBytes } from "node:crypto";
import { createChallenge, randomInt, verifySolution } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/pbkdf2";
import { sql, type Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import type { SignupChallenge } from "./signup-challenge";

/** How long a challenge may be answered: long enough to fill in the form at leisure. */
export const CHALLENGE_MINUTES = 30;

// The work: PBKDF2-SHA-256 at 1,000 iterations per attempt, the answer at a random attempt from
// 500 to 3,000 (about 1.75 million iterations on average: a moment in a browser, a cost per
// account for a bot). Deterministic mode: the server knows the answer's key and signs it, so
// checking an answer is one HMAC, not the work again.
const WORK = { algorithm: "PBKDF2/SHA-256", cost: 1_000, fewest: 500, most: 3_000 } as const;

interface Keys {
  signature: string;
  derivedKey: string;
}

const keysByDatabase = new WeakMap<Kysely<Database>, Promise<Keys>>();

/** This server's two HMAC keys, made on first use by whichever process comes first. */
function signingKeys(db: Kysely<Database>): Promise<Keys> {
  let keys = keysByDatabase.get(db);
  if (!keys) {
    keys = (async () => {
      const names = ["signup_challenge", "signup_challenge_key"];
      await db
        .insertInto("server_secrets")
        .values(names.map((name) => ({ name, secret: randomBytes(32).toString("hex") })))
        .onConflict((oc) => oc.column("name").doNothing())
        .execute();
      const rows = await db.selectFrom("server_secrets").select(["name", "secret"]).where("name", "in", names).execute();
      const secret = (name: string) => rows.find((r) => r.name === name)!.secret;
      return { signature: secret(names[0]), derivedKey: secret(names[1]) };
    })();
    keys.catch(() => keysByDatabase.delete(db));
    keysByDatabase.set(db, keys);
  }
  return keys;
}

/**
 * A new signed challenge for the sign-up form. `db` must be the primary (it may write the keys).
 * `answerAt`: the attempt the answer is at, random in WORK's range unless given (tests that join
 * hundreds of times give an early one; the form never does).
 */
export async function newSignupChallenge(db: Kysely<Database>, now = new Date(), answerAt = randomInt(WORK.most, WORK.fewest)): Promise<SignupChallenge> {
  const keys = await signingKeys(db);
  return createChallenge({
    algorithm: WORK.algorithm,
    cost: WORK.cost,
    counter: answerAt,
    deriveKey,
    expiresAt: new Date(now.getTime() + CHALLENGE_MINUTES * 60_000),
    hmacSignatureSecret: keys.signature,
    hmacKeySignatureSecret: keys.derivedKey,
  });
}

export type ChallengeCheck = "passed" | "expired" | "invalid" | "replayed";

interface Payload {
  challenge: SignupChallenge;
  solution: { counter: number; derivedKey: string };
}

/** The payload as the form sent it, if it has the shape of one (anything may arrive). */
function readPayload(field: string): Payload | null {
  if (field.length === 0 || field.length > 4_000) return null;
  try {
    const payload = JSON.parse(Buffer.from(field, "base64").toString("utf8")) as Payload;
    const { challenge, solution } = payload ?? {};
    if (typeof challenge?.parameters !== "object" || challenge.parameters === null || typeof challenge.signature !== "string") return null;
    if (typeof solution !== "object" || solution === null) return null;
    return { challenge: { parameters: challenge.parameters, signature: challenge.signature }, solution };
  } catch {
    return null;
  }
}

/**
 * Checks a solved challenge from the sign-up form and takes it, so that it cannot be used again:
 * its signature (made here), its expiry, its answer, and that no one used it before. Used
 * challenges are kept until they expire; older ones are cleared on the way.
 */
export async function takeSignupChallenge(db: Kysely<Database>, field: string, now = new Date()): Promise<ChallengeCheck> {
  const payload = readPayload(field);
  if (!payload) return "invalid";
  const keys = await signingKeys(db);
  let verdict: Awaited<ReturnType<typeof verifySolution>>;
  try {
    verdict = await verifySolution({ ...payload, deriveKey, hmacSignatureSecret: keys.signature, hmacKeySignatureSecret: keys.derivedKey });
  } catch {
    return "invalid";
  }
  if (verdict.expired) return "expired";
  const expiresAt = payload.challenge.parameters.expiresAt;
  if (!verdict.verified || typeof expiresAt !== "number") return "invalid";
  if (expiresAt * 1000 < now.getTime()) return "expired";
  await db.deleteFrom("used_signup_challenges").where("expires_at", "<", now).execute();
  const taken = await db
    .insertInto("used_signup_challenges")
    .values({ signature: payload.challenge.signature!, expires_at: sql<Date>`to_timestamp(${expiresAt})` })
    .onConflict((oc) => oc.column("signature").doNothing())
    .returning("signature")
    .executeTakeFirst();
  return taken ? "passed" : "replayed";
}
