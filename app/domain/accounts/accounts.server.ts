// Account use cases: join, verify e-mail, log in, reset a password.
// Each validates its input, writes in one transaction and returns a Result; the route only maps
// the result to a response. Passwords are hashed before the transaction opens (it is slow).
import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { translator, type Locale } from "../../utils/i18n";
import { fail, FORM, invalidInput, msg, zodErrors, type Message, type Result } from "../../utils/result";
import { enqueueEmail } from "../notifications/outbox.server";
import { composeEmail } from "../notifications/render.server";
import { isDisposableAddress } from "./disposable.server";
import { decoyPasswordHash, hashPassword, isCommonPassword, MIN_PASSWORD_SCORE, passwordStrength, verifyPassword } from "./passwords.server";
import { JoinSchema, LoginSchema, ResetPasswordSchema, ResetRequestSchema } from "./schemas";
import { consumeToken, issueToken, tokenOwnerEmail } from "./tokens.server";

export interface AccountDeps {
  db: Kysely<Database>;
  publicUrl: string;
  now?: () => Date;
}

/**
 * What is wrong with a new password, as messages for the form: nothing, or why it would be
 * guessed and how to choose a better one (issue 21 item 14, decision 023).
 */
async function passwordProblems(password: string, email: string, displayName = ""): Promise<Message[]> {
  if (isCommonPassword(password)) return [msg("errors.passwordCommon"), msg("errors.passwordHowTo")];
  const local = email.split("@")[0];
  if (local.length >= 4 && password.toLowerCase().includes(local)) return [msg("errors.passwordLikeEmail")];
  const strength = await passwordStrength(password, [email, local, displayName, "madang", "마당"]);
  if (strength.score >= MIN_PASSWORD_SCORE) return [];
  return [
    msg("errors.passwordWeak"),
    ...(strength.warning ? [msg(`passwordAdvice.warning.${strength.warning}`)] : []),
    ...strength.suggestions.map((s) => msg(`passwordAdvice.suggestion.${s}`)),
    msg("errors.passwordHowTo"),
  ];
}

/** An account e-mail in the person's language: greeting, the paragraphs `body` gives, signature. */
export function accountEmail(to: string, name: string, locale: Locale, kind: string, subject: string, body: (t: ReturnType<typeof translator>) => string[]) {
  const t = translator(locale);
  return composeEmail({ to, kind, lang: locale, subject: t(subject), paragraphs: [t("mail.greeting", { name }), ...body(t), t("mail.signature")] });
}

function verificationEmail(to: string, name: string, locale: Locale, link: string) {
  return accountEmail(to, name, locale, "verify_email", "mail.verify.subject", (t) => [t("mail.verify.body"), link]);
}

/** To the owner of an address someone tried to join with: no account is made, nothing is said on the page. */
function joinAttemptEmail(to: string, name: string, locale: Locale, publicUrl: string) {
  return accountEmail(to, name, locale, "join_attempt", "mail.joinAttempt.subject", (t) => [
    t("mail.joinAttempt.body"),
    t("mail.joinAttempt.login"),
    `${publicUrl}/login`,
    t("mail.joinAttempt.reset"),
    `${publicUrl}/reset-password`,
    t("mail.joinAttempt.ignore"),
  ]);
}

/**
 * After a password change: tells the account's address (the old one, for an address change), with
 * a link to secure the account if the change was not the owner's (ASVS 2.2.3, 2.5.5; issue 17).
 */
export function passwordChangedEmail(to: string, name: string, locale: Locale, publicUrl: string) {
  return accountEmail(to, name, locale, "password_changed", "privacy.mail.passwordChanged.subject", (t) => [
    t("privacy.mail.passwordChanged.body"),
    t("privacy.mail.passwordChanged.notYou"),
    `${publicUrl}/reset-password`,
  ]);
}

/**
 * After two-factor sign-in is turned on or off, or its recovery codes are renewed (ASVS 2.5.5;
 * decision 047): tells the account's address, with where to check its sessions and, if it was
 * not the owner, how to take the account back.
 */
export function twoFactorChangedEmail(to: string, name: string, locale: Locale, publicUrl: string, change: "on" | "off" | "codes") {
  return accountEmail(to, name, locale, `two_factor_${change}`, `twoFactor.mail.${change}`, (t) => [
    t(`twoFactor.mail.${change}Body`),
    t("twoFactor.mail.check"),
    `${publicUrl}/me/security`,
    t("twoFactor.mail.notYou"),
    `${publicUrl}/reset-password`,
  ]);
}

/**
 * Joins. The answer is the same whether the address already has an account or not (ASVS 2.2
 * account enumeration, issue 21 item 12): a new address gets a verification link, a known one
 * a message telling its owner that someone tried to join with it. Both paths hash the password
 * and write one e-mail, so the time taken tells nothing either. `userId` is null when no
 * account was made; the route must not act on the difference.
 */
export async function registerUser(
  deps: AccountDeps,
  input: Record<string, unknown>,
  locale: Locale,
): Promise<Result<{ userId: number | null; email: string }>> {
  const parsed = JoinSchema.safeParse(input);
  const errors = parsed.success ? {} : zodErrors(parsed.error);
  // Report a guessable password together with the other fields' errors, not one round later.
  if (!errors.password && typeof input.password === "string") {
    const problems = await passwordProblems(input.password, String(input.email ?? "").trim().toLowerCase(), String(input.displayName ?? ""));
    if (problems.length > 0) errors.password = problems;
  }
  // A throwaway address cannot stand for a person (decision 048); said next to the field.
  if (parsed.success && isDisposableAddress(parsed.data.email)) errors.email = [msg("errors.emailDisposable")];
  if (!parsed.success || Object.keys(errors).length > 0) return { ok: false, errors, status: 400 };
  const { email, displayName, password, homeRegionId } = parsed.data;

  const passwordHash = await hashPassword(password);
  const now = deps.now?.() ?? new Date();
  return deps.db.transaction().execute(async (trx) => {
    const user = await trx
      .insertInto("users")
      .values({ email, display_name: displayName, password_hash: passwordHash, locale, home_region_id: homeRegionId })
      .onConflict((oc) => oc.column("email").doNothing())
      .returning("id")
      .executeTakeFirst();
    if (!user) {
      const owner = await trx.selectFrom("users").select(["display_name", "locale"]).where("email", "=", email).executeTakeFirstOrThrow();
      await enqueueEmail(trx, joinAttemptEmail(email, owner.display_name, owner.locale ?? locale, deps.publicUrl));
      return { ok: true as const, userId: null, email };
    }
    const token = await issueToken(trx, user.id, "verify_email", now);
    const link = `${deps.publicUrl}/verify-email?token=${token}`;
    await enqueueEmail(trx, verificationEmail(email, displayName, locale, link));
    return { ok: true as const, userId: user.id, email };
  });
}

export async function resendVerification(deps: AccountDeps, userId: number): Promise<void> {
  const now = deps.now?.() ?? new Date();
  await deps.db.transaction().execute(async (trx) => {
    const user = await trx
      .selectFrom("users")
      .select(["email", "display_name", "locale", "email_verified_at"])
      .where("id", "=", userId)
      .executeTakeFirst();
    if (!user || user.email_verified_at) return;
    const token = await issueToken(trx, userId, "verify_email", now);
    const link = `${deps.publicUrl}/verify-email?token=${token}`;
    await enqueueEmail(trx, verificationEmail(user.email, user.display_name, user.locale ?? "ko", link));
  });
}

export async function verifyEmail(deps: AccountDeps, token: string): Promise<Result<{ userId: number }>> {
  const now = deps.now?.() ?? new Date();
  if (!token || token.length > 200) return fail(FORM, msg("verify.failed"));
  return deps.db.transaction().execute(async (trx) => {
    const userId = await consumeToken(trx, token, "verify_email", now);
    if (userId === null) return fail(FORM, msg("verify.failed"));
    await trx
      .updateTable("users")
      .set({ email_verified_at: now })
      .where("id", "=", userId)
      .where("email_verified_at", "is", null)
      .execute();
    return { ok: true as const, userId };
  });
}

/** Checks e-mail and password. The same message for an unknown e-mail and a wrong password. */
export async function authenticate(
  deps: AccountDeps,
  input: Record<string, unknown>,
): Promise<Result<{ userId: number; email: string }>> {
  const parsed = LoginSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  const { email, password } = parsed.data;
  const user = await deps.db
    .selectFrom("users")
    .select(["id", "password_hash"])
    .where("email", "=", email)
    .executeTakeFirst();
  const valid = await verifyPassword(user?.password_hash ?? (await decoyPasswordHash()), password);
  if (!user || !valid) return fail(FORM, msg("errors.invalidCredentials"), 401);
  return { ok: true, userId: user.id, email };
}

/** The address a reset link is asked for, checked (the page uses it too when no mail is sent). */
export function parseResetRequest(input: Record<string, unknown>): Result<{ email: string }> {
  const parsed = ResetRequestSchema.safeParse(input);
  return parsed.success ? { ok: true, email: parsed.data.email } : invalidInput(parsed.error);
}

/** Always succeeds (it must not reveal whether an account exists); mails a link if one does. */
export async function requestPasswordReset(
  deps: AccountDeps,
  input: Record<string, unknown>,
): Promise<Result<{ email: string }>> {
  const parsed = parseResetRequest(input);
  if (!parsed.ok) return parsed;
  const { email } = parsed;
  const now = deps.now?.() ?? new Date();
  await deps.db.transaction().execute(async (trx) => {
    const user = await trx
      .selectFrom("users")
      .select(["id", "display_name", "locale"])
      .where("email", "=", email)
      .executeTakeFirst();
    if (!user) return;
    const token = await issueToken(trx, user.id, "reset_password", now);
    const locale = user.locale ?? "ko";
    const t = translator(locale);
    await enqueueEmail(
      trx,
      composeEmail({
        to: email,
        kind: "reset_password",
        lang: locale,
        subject: t("mail.reset.subject"),
        paragraphs: [
          t("mail.greeting", { name: user.display_name }),
          t("mail.reset.body"),
          `${deps.publicUrl}/reset-password?token=${token}`,
          t("mail.reset.ignore"),
          t("mail.signature"),
        ],
      }),
    );
  });
  return { ok: true, email };
}

/**
 * Sets a new password from a reset link. Every session of the account ends (the route then
 * opens a fresh one), and the address counts as verified: the person proved they read its mail.
 */
export async function resetPassword(
  deps: AccountDeps,
  input: Record<string, unknown>,
): Promise<Result<{ userId: number; email: string }>> {
  const parsed = ResetPasswordSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  const { token, password } = parsed.data;
  const now = deps.now?.() ?? new Date();
  const problems = await passwordProblems(password, (await tokenOwnerEmail(deps.db, token)) ?? "");
  if (problems.length > 0) return { ok: false, errors: { password: problems }, status: 400 };
  const passwordHash = await hashPassword(password);
  return deps.db.transaction().execute(async (trx) => {
    const userId = await consumeToken(trx, token, "reset_password", now);
    if (userId === null) return fail(FORM, msg("reset.invalid"), 400);
    const { email, display_name, locale } = await trx
      .updateTable("users")
      .set({ password_hash: passwordHash })
      .where("id", "=", userId)
      .returning(["email", "display_name", "locale"])
      .executeTakeFirstOrThrow();
    // The notice is written with the change: it exists exactly when the password changed.
    await enqueueEmail(trx, passwordChangedEmail(email, display_name, locale ?? "ko", deps.publicUrl));
    await trx
      .updateTable("users")
      .set({ email_verified_at: now })
      .where("id", "=", userId)
      .where("email_verified_at", "is", null)
      .execute();
    await trx.deleteFrom("sessions").where("user_id", "=", userId).execute();
    // Browsers remembered for sign-in (decision 024) are forgotten too; the route remembers this one.
    await trx.deleteFrom("trusted_devices").where("user_id", "=", userId).execute();
    return { ok: true as const, userId, email };
  });
}
