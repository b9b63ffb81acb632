// Changing the account's e-mail address (issue 17, Privacy rights; decision 056). Three steps:
//   1. the person asks, signed in, giving the new address and their password (a use case of the
//      kernel): a link goes to the NEW address; nothing changes yet;
//   2. the link, opened anywhere (the token is the permission, like verifying an address): the
//      address changes, and the OLD address gets a notice with a link to take the account back;
//   3. that link, within a week (a form, not a bare GET, so a mail scanner following links takes
//      nothing back): the old address returns, every session and remembered browser ends, a
//      second factor enrolled since the change goes, and the person chooses a new password.
// Links mailed before a change (verification, reset, another change) stop working at the change;
// take-back links of earlier changes do not.
import type { Kysely } from "kysely";
import { z } from "zod";
import type { Database } from "../../../db/schema";
import type { Locale } from "../../utils/i18n";
import { fail, FORM, msg, type Result } from "../../utils/result";
import { recordAudit } from "../audit.server";
import { enqueueEmail } from "../notifications/outbox.server";
import { execute, useCase, type Trx } from "../use-case.server";
import { accountEmail } from "./accounts.server";
import { isDisposableAddress } from "./disposable.server";
import type { Actor } from "./permissions";
import { verifyPassword } from "./passwords.server";
import { email } from "./schemas";
import { consumeAddressToken, endLinks, issueToken, tokenIsLive } from "./tokens.server";

const ChangeEmailSchema = z.object({
  email,
  password: z.string().min(1, "errors.required").max(200, "errors.passwordTooLong"),
  /** The site's address for the link (the route's `siteUrl`). */
  site: z.string().regex(/^https?:\/\/[^\s]+$/),
});

const isUniqueViolation = (error: unknown) => (error as { code?: unknown })?.code === "23505";

/** "ab•••@example.org": enough for the owner of the old address to recognise, not to copy. */
function masked(address: string): string {
  const [local, domain] = address.split("@");
  return `${local.slice(0, 2)}•••@${domain}`;
}

const RequestEmailChange = useCase({
  name: "account.email_change_requested",
  schema: ChangeEmailSchema,
  load: (trx, _input, _target, actor) =>
    trx.selectFrom("users").select(["id", "email", "password_hash", "display_name", "locale"]).where("id", "=", actor.id).where("deleted_at", "is", null).forUpdate().executeTakeFirst(),
  // One's own account: anyone signed in, suspended or not.
  permit: () => null,
  run: async ({ trx, input, subject, now }) => {
    if (!(await verifyPassword(subject.password_hash, input.password))) return fail("password", msg("privacy.errors.wrongPassword"), 400);
    if (input.email === subject.email) return fail("email", msg("trust.email.errors.same"), 400);
    // A throwaway address cannot stand for a person (decision 048), here as at sign-up.
    if (isDisposableAddress(input.email)) return fail("email", msg("errors.emailDisposable"), 400);
    const locale: Locale = subject.locale ?? "ko";
    const owner = await trx.selectFrom("users").select(["display_name", "locale"]).where("email", "=", input.email).executeTakeFirst();
    if (owner) {
      // The page answers as for a free address (it must not tell which addresses have accounts);
      // the address's owner learns that someone tried to move an account to it.
      await enqueueEmail(trx, accountEmail(input.email, owner.display_name, owner.locale ?? locale, "email_change_taken", "trust.mail.taken.subject", (t) => [t("trust.mail.taken.body"), t("trust.mail.ignore")]));
      return { sentTo: input.email };
    }
    const token = await issueToken(trx, subject.id, "change_email", now, input.email);
    await enqueueEmail(
      trx,
      accountEmail(input.email, subject.display_name, locale, "email_change_confirm", "trust.mail.confirm.subject", (t) => [
        t("trust.mail.confirm.body"),
        `${input.site}/confirm-email?token=${token}`,
        t("trust.mail.confirm.expires"),
        t("trust.mail.ignore"),
      ]),
    );
    return { sentTo: input.email };
  },
  // The account by id; the addresses stay out of the log.
  audit: ({ subject }) => ({ targetType: "user", targetId: subject.id }),
});

/** Asks to move the account to a new address: a confirmation link goes there. */
export function requestEmailChange(db: Kysely<Database>, actor: Actor | null, input: Record<string, unknown>, now = new Date()) {
  return execute(db, RequestEmailChange, actor, { input, now });
}

interface LinkDeps {
  db: Kysely<Database>;
  publicUrl: string;
  now?: () => Date;
}

async function lockAccount(trx: Trx, userId: number) {
  return trx.selectFrom("users").select(["id", "email", "display_name", "locale"]).where("id", "=", userId).where("deleted_at", "is", null).forUpdate().executeTakeFirst();
}

type Account = NonNullable<Awaited<ReturnType<typeof lockAccount>>>;
type AddressLink = NonNullable<Awaited<ReturnType<typeof consumeAddressToken>>>;

/**
 * Both links' steps around their work, in one transaction: the link spent, its account locked;
 * an unknown, used or expired link, or a link whose address someone took meanwhile (the unique
 * index has the last word), is one refusal, `failKey`.
 */
async function spendAddressLink<T extends object>(
  deps: LinkDeps,
  token: string,
  purpose: "change_email" | "revert_email",
  failKey: string,
  work: (trx: Trx, link: AddressLink, account: Account, now: Date) => Promise<T>,
): Promise<Result<T>> {
  const now = deps.now?.() ?? new Date();
  if (!token || token.length > 200) return fail(FORM, msg(failKey));
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const link = await consumeAddressToken(trx, token, purpose, now);
      const account = link ? await lockAccount(trx, link.userId) : undefined;
      if (!link || !account) return fail(FORM, msg(failKey));
      return { ok: true as const, ...(await work(trx, link, account, now)) };
    });
  } catch (error) {
    if (isUniqueViolation(error)) return fail(FORM, msg(failKey));
    throw error;
  }
}

/**
 * The link from the new address: the address changes (and counts as verified), links mailed
 * before stop working, and the old address is told, with a link to take the account back.
 */
export function confirmEmailChange(deps: LinkDeps, token: string): Promise<Result<{ userId: number; email: string }>> {
  return spendAddressLink(deps, token, "change_email", "trust.email.linkFailed", async (trx, link, account, now) => {
    const old = account.email;
    await trx.updateTable("users").set({ email: link.address, email_verified_at: now }).where("id", "=", account.id).execute();
    // Take-back links of earlier changes stay: a second change must not cancel the first owner's way back.
    await endLinks(trx, account.id, now, ["revert_email"]);
    const back = await issueToken(trx, account.id, "revert_email", now, old);
    await enqueueEmail(
      trx,
      accountEmail(old, account.display_name, account.locale ?? "ko", "email_changed", "trust.mail.changed.subject", (t) => [
        t("trust.mail.changed.body", { address: masked(link.address) }),
        t("trust.mail.changed.notYou"),
        `${deps.publicUrl}/secure-account?token=${back}`,
        t("trust.mail.changed.expires"),
      ]),
    );
    await recordAudit(trx, { actorId: account.id, action: "account.email_changed", targetType: "user", targetId: account.id });
    return { userId: account.id, email: link.address };
  });
}

/** Whether a take-back link is live (the page shows its button only then). */
export function secureLinkIsLive(db: Kysely<Database>, token: string, now = new Date()): Promise<boolean> {
  return token.length > 0 && token.length <= 200 ? tokenIsLive(db, token, "revert_email", now) : Promise.resolve(false);
}

/**
 * The link from the old address: the account is that address's again. Every session and
 * remembered browser ends, a second factor enrolled since the change goes (whoever changed the
 * address may have set it), and a reset link is made for the person to choose a new password now.
 */
export function secureAccount(deps: LinkDeps, token: string): Promise<Result<{ userId: number; resetToken: string }>> {
  return spendAddressLink(deps, token, "revert_email", "trust.secure.linkFailed", async (trx, link, account, now) => {
    await trx.updateTable("users").set({ email: link.address, email_verified_at: now }).where("id", "=", account.id).execute();
    await endLinks(trx, account.id, now);
    await trx.deleteFrom("sessions").where("user_id", "=", account.id).execute();
    await trx.deleteFrom("trusted_devices").where("user_id", "=", account.id).execute();
    await trx.deleteFrom("sign_in_challenges").where("user_id", "=", account.id).execute();
    await trx.deleteFrom("two_factor").where("user_id", "=", account.id).where("enrolled_at", ">=", link.issuedAt).execute();
    const resetToken = await issueToken(trx, account.id, "reset_password", now);
    await recordAudit(trx, { actorId: account.id, action: "account.email_taken_back", targetType: "user", targetId: account.id });
    return { userId: account.id, resetToken };
  });
}
