// Two-factor sign-in (issue 17, Staff accounts; decision 047): a time-based one-time code
// (TOTP, RFC 6238) from an authenticator app, or one of ten single-use recovery codes.
// Required of staff outside demo mode before their roles apply (app/auth/actor.server.ts);
// optional for everyone else. Enrolled from /me/security; asked for at sign-in after the password.
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { decodeBase32IgnorePadding, encodeBase32LowerCaseNoPadding, encodeBase32UpperCaseNoPadding } from "@oslojs/encoding";
import { createTOTPKeyURI, generateHOTP } from "@oslojs/otp";
import type { Kysely } from "kysely";
import { z } from "zod";
import type { Database } from "../../../db/schema";
import { openingKeys, openWithAny, seal, sealingKey, TOTP_PURPOSE, totpOwner } from "../../../db/secret-box";
import { fail, FORM, msg, type Result } from "../../utils/result";
import { sessionHandle } from "../privacy/sessions.server";
import { execute, useCase, type Trx } from "../use-case.server";
import { enqueueEmail } from "../notifications/outbox.server";
import { accountEmail, twoFactorChangedEmail } from "./accounts.server";
import { noControlChars } from "../../utils/text";
import { resetTwoFactorRefusal, type Actor } from "./permissions";
import { verifyPassword } from "./passwords.server";
import { currentPassword } from "./schemas";

/** RFC 6238's defaults, which every authenticator app reads from the QR code. */
const PERIOD_SECONDS = 30;
const DIGITS = 6;
/** A code of the step before or after the current one is accepted too (a slow typist, a clock off by a little). */
const WINDOW_STEPS = 1;
const RECOVERY_CODE_COUNT = 10;
/** A password accepted waits this long for its code, and gives this many tries. */
const CHALLENGE_MINUTES = 5;
const CHALLENGE_TRIES = 5;

/**
 * The stored secret is sealed with a key derived from MADANG_SECRET_KEY (decision 056): sealed
 * when enrolling, opened only here, where a code is checked. A secret that does not open (the key
 * changed and the former one is not MADANG_SECRET_KEY_PREVIOUS, the value was copied from
 * another account's row) matches no code; recovery codes,
 * kept as hashes, still sign in.
 */
const sealedSecret = (userId: number, secret: string) => seal(sealingKey(TOTP_PURPOSE), totpOwner(userId), secret);
// During a change of key, a secret still sealed with MADANG_SECRET_KEY_PREVIOUS opens too.
const openedSecret = (userId: number, sealed: string) => openWithAny(openingKeys(TOTP_PURPOSE), totpOwner(userId), sealed)?.plain ?? null;

/** A new TOTP secret: 20 random bytes (160 bits, RFC 4226's recommendation), base32. */
export function newTotpSecret(): string {
  return encodeBase32UpperCaseNoPadding(randomBytes(20));
}

/** The otpauth:// address the QR code carries: issuer Madang, the account's e-mail as its name. */
export function totpUri(secret: string, accountName: string): string {
  return createTOTPKeyURI("Madang", accountName, decodeBase32IgnorePadding(secret), PERIOD_SECONDS, DIGITS);
}

/** The secret in groups of four, as people copy it into an app by hand. */
export function groupedSecret(secret: string): string {
  return secret.match(/.{1,4}/g)!.join(" ");
}

function stepAt(now: Date): bigint {
  return BigInt(Math.floor(now.getTime() / (PERIOD_SECONDS * 1000)));
}

/** The time step whose code this is (within the window), or null. */
function matchingStep(secret: string, code: string, now: Date): bigint | null {
  if (!/^\d{6}$/.test(code)) return null;
  const key = decodeBase32IgnorePadding(secret);
  const current = stepAt(now);
  for (let offset = -WINDOW_STEPS; offset <= WINDOW_STEPS; offset++) {
    const step = current + BigInt(offset);
    if (timingSafeEqual(Buffer.from(generateHOTP(key, step, DIGITS)), Buffer.from(code))) return step;
  }
  return null;
}

/** Spaces and dashes people type or copy with a code mean nothing. */
function normalizeCode(code: string): string {
  return code.replace(/[\s-]/g, "").toLowerCase();
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/** Ten recovery codes of 80 random bits each (16 base32 letters, shown in groups of four). */
function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => encodeBase32LowerCaseNoPadding(randomBytes(10)).match(/.{4}/g)!.join("-"));
}

async function storeRecoveryCodes(trx: Trx, userId: number): Promise<string[]> {
  const codes = newRecoveryCodes();
  await trx.deleteFrom("two_factor_recovery_codes").where("user_id", "=", userId).execute();
  await trx
    .insertInto("two_factor_recovery_codes")
    .values(codes.map((code) => ({ user_id: userId, code_hash: sha256(normalizeCode(code)) })))
    .execute();
  return codes;
}

/**
 * Spends a second factor of the account: a TOTP code (each time step once, never one older than
 * the last accepted) or an unused recovery code (then marked used). In the caller's transaction;
 * both checks are single statements or row-locked, so two requests cannot spend the same code.
 */
async function spendSecondFactor(trx: Trx, userId: number, typed: string, now: Date): Promise<"totp" | "recovery" | null> {
  const code = normalizeCode(typed);
  if (/^\d{6}$/.test(code)) {
    const row = await trx.selectFrom("two_factor").select(["secret", "last_step"]).where("user_id", "=", userId).forUpdate().executeTakeFirst();
    const secret = row ? openedSecret(userId, row.secret) : null;
    const step = secret ? matchingStep(secret, code, now) : null;
    if (step === null || (row!.last_step !== null && step <= BigInt(row!.last_step))) return null;
    await trx.updateTable("two_factor").set({ last_step: step.toString() }).where("user_id", "=", userId).execute();
    return "totp";
  }
  if (!/^[a-z2-7]{16}$/.test(code)) return null;
  const used = await trx
    .updateTable("two_factor_recovery_codes")
    .set({ used_at: now })
    .where("user_id", "=", userId)
    .where("code_hash", "=", sha256(code))
    .where("used_at", "is", null)
    .returning("id")
    .executeTakeFirst();
  return used ? "recovery" : null;
}

/** The notice to the account's own address that its second factor changed. */
async function noticeOfChange(trx: Trx, userId: number, site: string, change: "on" | "off" | "codes") {
  const user = await trx.selectFrom("users").select(["email", "display_name", "locale"]).where("id", "=", userId).executeTakeFirstOrThrow();
  await enqueueEmail(trx, twoFactorChangedEmail(user.email, user.display_name, user.locale ?? "ko", site, change));
}

/** The site's address for the links in the notice (the route's `siteUrl`). */
const site = z.string().regex(/^https?:\/\/[^\s]+$/);

/** A code as typed: six digits or a recovery code, with spaces or dashes; checked when spent. */
const code = z.string().trim().min(1, "errors.required").max(40, "twoFactor.errors.wrongCode");
const handle = z.string().regex(/^[0-9a-f]{32}$/, "errors.invalidChoice");

const EnrolSchema = z.object({
  secret: z.string().regex(/^[A-Z2-7]{32}$/, "twoFactor.errors.secretChanged"),
  code,
  /** The session in use (its handle): every other session of the account ends. */
  keep: handle,
  site,
});

/**
 * Enrols: the secret shown on the page (sent back with the form) is kept once a code made from
 * it is right. Every other session of the account ends: one opened with the password alone
 * before must not gain what two-factor sign-in gives (a staff member's roles).
 */
const EnrolTwoFactor = useCase({
  name: "account.enrolTwoFactor",
  schema: EnrolSchema,
  // Anyone signed in may protect their own account, suspended or not.
  permit: () => null,
  run: async ({ trx, actor, input, now }) => {
    const enrolled = await trx.selectFrom("two_factor").select("user_id").where("user_id", "=", actor.id).executeTakeFirst();
    if (enrolled) return fail(FORM, msg("twoFactor.errors.alreadyEnrolled"), 409);
    const step = matchingStep(input.secret, normalizeCode(input.code), now);
    if (step === null) return fail("code", msg("twoFactor.errors.wrongCode"), 400);
    await trx.insertInto("two_factor").values({ user_id: actor.id, secret: sealedSecret(actor.id, input.secret), last_step: step.toString() }).execute();
    const recoveryCodes = await storeRecoveryCodes(trx, actor.id);
    const sessions = await trx.selectFrom("sessions").select("id").where("user_id", "=", actor.id).execute();
    const others = sessions.filter((s) => sessionHandle(s.id) !== input.keep).map((s) => s.id);
    if (others.length > 0) await trx.deleteFrom("sessions").where("id", "in", others).execute();
    await noticeOfChange(trx, actor.id, input.site, "on");
    return { recoveryCodes };
  },
  audit: ({ actor }) => ({ targetType: "user", targetId: actor.id }),
});

/** Turns two-factor sign-in off: the password and a code (or a recovery code) first. */
const DisableTwoFactor = useCase({
  name: "account.disableTwoFactor",
  schema: z.object({ password: currentPassword, code, site }),
  load: (trx, _input, _target, actor) => trx.selectFrom("users").select(["id", "password_hash"]).where("id", "=", actor.id).forUpdate().executeTakeFirst(),
  permit: () => null,
  run: async ({ trx, actor, input, subject, now }) => {
    if (!(await isEnrolled(trx, actor.id))) return fail(FORM, msg("twoFactor.errors.notEnrolled"), 409);
    if (!(await verifyPassword(subject.password_hash, input.password))) return fail("password", msg("privacy.errors.wrongPassword"), 400);
    // A wrong code rolls back with the failure: nothing is spent.
    if (!(await spendSecondFactor(trx, actor.id, input.code, now))) return fail("code", msg("twoFactor.errors.wrongCode"), 400);
    await trx.deleteFrom("two_factor").where("user_id", "=", actor.id).execute();
    await noticeOfChange(trx, actor.id, input.site, "off");
    return { disabled: true };
  },
  audit: ({ actor }) => ({ targetType: "user", targetId: actor.id }),
});

/** New recovery codes (the old ones stop working), after a code from the app. */
const RenewRecoveryCodes = useCase({
  name: "account.renewRecoveryCodes",
  schema: z.object({ code, site }),
  permit: () => null,
  run: async ({ trx, actor, input, now }) => {
    if (!(await isEnrolled(trx, actor.id))) return fail(FORM, msg("twoFactor.errors.notEnrolled"), 409);
    if (!(await spendSecondFactor(trx, actor.id, input.code, now))) return fail("code", msg("twoFactor.errors.wrongCode"), 400);
    const recoveryCodes = await storeRecoveryCodes(trx, actor.id);
    await noticeOfChange(trx, actor.id, input.site, "codes");
    return { recoveryCodes };
  },
  audit: ({ actor }) => ({ targetType: "user", targetId: actor.id }),
});

/**
 * An admin resets a person's two-factor sign-in (a lost phone and lost recovery codes; decision
 * 056): the key and codes go, every session of the account ends, and the person is told by
 * e-mail with the reason. A staff account's roles wait again until it enrols (actor.server.ts).
 */
const ResetTwoFactor = useCase({
  name: "account.resetTwoFactor",
  schema: z.object({
    reason: z.string().trim().min(1, "errors.required").max(500, "errors.tooLong").refine(noControlChars, "errors.controlChars"),
    site,
  }),
  load: (trx, _input, target) =>
    trx.selectFrom("users").select(["id", "email", "display_name", "locale"]).where("id", "=", target!).where("deleted_at", "is", null).forUpdate().executeTakeFirst(),
  permit: (actor, subject, { now }) => {
    const refusal = resetTwoFactorRefusal(actor, subject, now);
    return refusal === "self" ? { message: msg("trust.twoFactorReset.errors.notYourself"), status: 409 } : refusal;
  },
  run: async ({ trx, input, subject }) => {
    const removed = await trx.deleteFrom("two_factor").where("user_id", "=", subject.id).returning("user_id").executeTakeFirst();
    if (!removed) return fail(FORM, msg("trust.twoFactorReset.errors.notEnrolled"), 409);
    await trx.deleteFrom("sessions").where("user_id", "=", subject.id).execute();
    await trx.deleteFrom("sign_in_challenges").where("user_id", "=", subject.id).execute();
    await enqueueEmail(
      trx,
      accountEmail(subject.email, subject.display_name, subject.locale ?? "ko", "two_factor_reset", "trust.mail.twoFactorReset.subject", (t) => [
        t("trust.mail.twoFactorReset.body", { reason: input.reason }),
        t("trust.mail.twoFactorReset.enrol"),
        `${input.site}/me/security#two-factor`,
        t("trust.mail.twoFactorReset.notYou"),
        `${input.site}/reset-password`,
      ]),
    );
    return { userId: subject.id };
  },
  audit: ({ input, subject }) => ({ targetType: "user", targetId: subject.id, details: { reason: input.reason, subjectUserId: subject.id } }),
});

export function resetTwoFactor(db: Kysely<Database>, actor: Actor | null, userId: number, input: Record<string, unknown>, now = new Date()) {
  return execute(db, ResetTwoFactor, actor, { target: userId, input, now });
}

export function enrolTwoFactor(db: Kysely<Database>, actor: Actor | null, input: Record<string, unknown>, now = new Date()) {
  return execute(db, EnrolTwoFactor, actor, { input, now });
}

export function disableTwoFactor(db: Kysely<Database>, actor: Actor | null, input: Record<string, unknown>, now = new Date()) {
  return execute(db, DisableTwoFactor, actor, { input, now });
}

export function renewRecoveryCodes(db: Kysely<Database>, actor: Actor | null, input: Record<string, unknown>, now = new Date()) {
  return execute(db, RenewRecoveryCodes, actor, { input, now });
}

async function isEnrolled(db: Kysely<Database> | Trx, userId: number): Promise<boolean> {
  return (await db.selectFrom("two_factor").select("user_id").where("user_id", "=", userId).executeTakeFirst()) !== undefined;
}

/** What /me/security shows: enrolled since when, and how many recovery codes are left. */
export async function twoFactorStatus(db: Kysely<Database>, userId: number) {
  const row = await db
    .selectFrom("two_factor")
    .select((eb) => [
      "enrolled_at",
      eb
        .selectFrom("two_factor_recovery_codes")
        .select((e) => e.fn.countAll<string>().as("n"))
        .whereRef("two_factor_recovery_codes.user_id", "=", "two_factor.user_id")
        .where("used_at", "is", null)
        .as("left"),
    ])
    .where("user_id", "=", userId)
    .executeTakeFirst();
  return row ? { enrolledAt: new Date(row.enrolled_at).toISOString(), recoveryCodesLeft: Number(row.left ?? 0) } : null;
}

// ——— Sign-in: the password first, then the code ———

/**
 * After a right password for an enrolled account: a challenge the sign-in form carries to its
 * second step (only its SHA-256 is stored). Null when the account is not enrolled: sign in now.
 */
export async function openSignInChallenge(db: Kysely<Database>, userId: number, now = new Date()): Promise<string | null> {
  if (!(await isEnrolled(db, userId))) return null;
  const token = randomBytes(32).toString("hex");
  await db.transaction().execute(async (trx) => {
    // Challenges nobody answered are of no use to anyone.
    await trx.deleteFrom("sign_in_challenges").where("expires_at", "<", now).execute();
    await trx
      .insertInto("sign_in_challenges")
      .values({ token_hash: sha256(token), user_id: userId, expires_at: new Date(now.getTime() + CHALLENGE_MINUTES * 60_000) })
      .execute();
  });
  return token;
}

const challengeToken = z.string().regex(/^[0-9a-f]{64}$/);

/** The account a live challenge is for (its e-mail, for the rate limits), or null. */
export async function challengeAccount(db: Kysely<Database>, token: unknown, now = new Date()) {
  const parsed = challengeToken.safeParse(token);
  if (!parsed.success) return null;
  const row = await db
    .selectFrom("sign_in_challenges")
    .innerJoin("users", "users.id", "sign_in_challenges.user_id")
    .select(["users.id", "users.email"])
    .where("token_hash", "=", sha256(parsed.data))
    .where("expires_at", ">", now)
    .executeTakeFirst();
  return row ? { userId: Number(row.id), email: row.email } : null;
}

/**
 * The second step of signing in. A wrong code counts against the challenge (the fifth ends it:
 * the password again); a right one ends it and names the account to open a session for.
 * `input.challenge` is the token openSignInChallenge gave. `expired`: the challenge is gone, the sign-in starts over.
 */
export async function answerSignInChallenge(
  db: Kysely<Database>,
  input: { challenge?: unknown; code?: unknown },
  now = new Date(),
): Promise<Result<{ userId: number; used: "totp" | "recovery" }> & { expired?: boolean }> {
  const token = challengeToken.safeParse(input.challenge);
  const typed = code.safeParse(input.code);
  if (!token.success) return { ...fail(FORM, msg("twoFactor.errors.challengeExpired"), 400), expired: true };
  if (!typed.success) return fail("code", msg(typed.error.issues[0].message), 400);
  return db.transaction().execute(async (trx) => {
    const challenge = await trx
      .selectFrom("sign_in_challenges")
      .select(["user_id", "attempts"])
      .where("token_hash", "=", sha256(token.data))
      .where("expires_at", ">", now)
      .forUpdate()
      .executeTakeFirst();
    if (!challenge) return { ...fail(FORM, msg("twoFactor.errors.challengeExpired"), 400), expired: true };
    const userId = Number(challenge.user_id);
    const used = await spendSecondFactor(trx, userId, typed.data, now);
    if (used) {
      await trx.deleteFrom("sign_in_challenges").where("token_hash", "=", sha256(token.data)).execute();
      return { ok: true as const, userId, used };
    }
    if (challenge.attempts + 1 >= CHALLENGE_TRIES) {
      await trx.deleteFrom("sign_in_challenges").where("token_hash", "=", sha256(token.data)).execute();
      return { ...fail(FORM, msg("twoFactor.errors.tooManyCodes"), 401), expired: true };
    }
    await trx.updateTable("sign_in_challenges").set({ attempts: challenge.attempts + 1 }).where("token_hash", "=", sha256(token.data)).execute();
    return fail("code", msg("twoFactor.errors.wrongCode"), 401);
  });
}
