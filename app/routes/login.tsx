import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect, type AppLoadContext } from "@remix-run/node";
import { Form, Link, useActionData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "~/ui/translation";
import { sessionIdFrom } from "~/auth/actor.server";
import type { RateLimiterPostgres } from "rate-limiter-flexible";
import { knownDevice, rememberDevice } from "~/auth/devices.server";
import { accountDigest, consume, refund } from "~/auth/rate-limit.server";
import { authenticate } from "~/domain/accounts/accounts.server";
import { answerSignInChallenge, challengeAccount, openSignInChallenge } from "~/domain/accounts/two-factor.server";
import { ErrorSummary, Field, useFormBusy } from "~/ui/form";
import { CodeField } from "~/ui/two-factor";
import { formFailure, safeNext, withoutPassword } from "~/utils/http.server";
import { fail, formValues, FORM, msg, type Failure, type FieldErrors } from "~/utils/result";
import { pageTitle } from "~/utils/meta";
import { sessionPlace } from "~/auth/session-device.server";
import { securityEvent } from "~/utils/security-log.server";

export const meta: MetaFunction = (args) => pageTitle(args, (t) => t("login.title"));

export async function loader({ request, context }: LoaderFunctionArgs) {
  if (context.actor) throw redirect(safeNext(new URL(request.url).searchParams.get("next")));
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { services } = context;
  const { db } = services;
  const form = await request.formData();
  if (form.get("intent") === "code") return secondStep(form, context, request);
  const values = formValues(form, ["email", "password", "next"]);
  const kept = withoutPassword(values);
  const emailKey = values.email.trim().toLowerCase();
  const spent = await spendAttempt(context, request, emailKey);
  if (spent.refused) return formFailure(spent.refused, kept);

  const result = await authenticate({ db, publicUrl: context.siteUrl }, values);
  if (!result.ok) {
    // A wrong password or an unknown address keeps its points; a form with a missing field was no guess.
    if (result.status === 401) securityEvent(services, { event: "login.failed", device: spent.device, ...spent.event }, "login failed");
    else await spent.giveBack();
    return formFailure(result, kept);
  }
  await spent.giveBack();
  // An account with two-factor sign-in: the code next, on the same page (decision 047).
  const challenge = await openSignInChallenge(db, result.userId);
  if (challenge) return json({ step: "code" as const, challenge, next: safeNext(values.next), errors: undefined as FieldErrors | undefined });
  return signIn(context, request, result.userId, values.next);
}

/**
 * Limits (decision 024), for the password and for the code alike. A browser that signed in to
 * this account before is limited on its own count, so that strangers failing passwords cannot
 * lock the owner out; any other attempt counts against the address it comes from and the
 * account. Each point is spent before the secret is checked — a burst of parallel guesses gets
 * no more evaluations than the limit — and given back when the attempt turns out right or was
 * not an attempt at all.
 */
async function spendAttempt(context: AppLoadContext, request: Request, emailKey: string) {
  const { limiters, db, config } = context.services;
  const cookieHeader = request.headers.get("Cookie");
  // Security events for the operators (ASVS 7.1–7.2): the account by a digest of its address,
  // never the address or the password.
  const event = { ip: context.clientIp, account: emailKey ? accountDigest(emailKey) : null };
  const device = emailKey ? await knownDevice(db, cookieHeader, emailKey, config.production) : null;
  const budgets: [RateLimiterPostgres, string][] = device
    ? [[limiters.loginDevice, `${emailKey}|${device}`]]
    : [[limiters.loginIp, context.clientIp], ...(emailKey ? [[limiters.loginEmail, emailKey] as [RateLimiterPostgres, string]] : [])];
  const spent: typeof budgets = [];
  const giveBack = async () => {
    await Promise.all(spent.map(([limiter, key]) => refund(limiter, key)));
  };
  for (const [limiter, key] of budgets) {
    const wait = await consume(limiter, key);
    if (wait) {
      await giveBack();
      securityEvent(context.services, { event: "login.limited", device: device !== null, ...event }, "login refused: too many attempts");
      return { refused: fail(FORM, msg("errors.loginLimited", { count: wait }), 429) as Failure };
    }
    spent.push([limiter, key]);
  }
  return { refused: null, giveBack, event, device: device !== null };
}

/** The second step: the code from the app (or a recovery code) for the challenge the form carries. */
async function secondStep(form: FormData, context: AppLoadContext, request: Request) {
  const { services } = context;
  const values = formValues(form, ["challenge", "code", "next"]);
  const next = safeNext(values.next);
  const again = (failure: Failure) => json({ step: "code" as const, challenge: values.challenge, next, errors: failure.errors }, { status: failure.status });
  const account = await challengeAccount(services.db, values.challenge);
  if (!account) return formFailure(fail(FORM, msg("twoFactor.errors.challengeExpired"), 400), { email: "", next });
  const spent = await spendAttempt(context, request, account.email);
  if (spent.refused) return again(spent.refused);
  const result = await answerSignInChallenge(services.db, values);
  if (!result.ok) {
    if (result.status === 401) securityEvent(services, { event: "login.codeFailed", device: spent.device, ...spent.event }, "sign-in code failed");
    else await spent.giveBack();
    // Too many wrong codes, or too late: the password again.
    return result.expired ? formFailure(result, { email: account.email, next }) : again(result);
  }
  await spent.giveBack();
  return signIn(context, request, result.userId, next);
}

async function signIn(context: AppLoadContext, request: Request, userId: number, next: string) {
  const { services } = context;
  const cookieHeader = request.headers.get("Cookie");
  securityEvent(services, { event: "login.succeeded", ip: context.clientIp, userId }, "signed in", "info");
  // A new session id on every login: a session id planted before login is worthless after it.
  const old = sessionIdFrom(services, cookieHeader);
  if (old) await services.auth.invalidateSession(old);
  const session = await services.auth.createSession(userId, sessionPlace(request.headers.get("User-Agent"), context.clientIp));
  const headers = new Headers();
  headers.append("Set-Cookie", services.auth.createSessionCookie(session.id).serialize());
  headers.append("Set-Cookie", await rememberDevice(services.db, userId, cookieHeader, services.config.production));
  return redirect(safeNext(next), { headers });
}

export default function Login() {
  const { t } = useTranslation();
  const reply = useActionData<typeof action>();
  const [params] = useSearchParams();
  const busy = useFormBusy();
  if (reply && "step" in reply) return <CodeStep challenge={reply.challenge} next={reply.next} errors={reply.errors} busy={busy} />;
  const errors = reply?.errors;
  return (
    <div className="page narrow">
      <h1>{t("login.title")}</h1>
      <ErrorSummary errors={errors} fieldLabels={{ email: t("login.email"), password: t("login.password") }} />
      <Form method="post" noValidate>
        <input type="hidden" name="next" value={reply?.values.next ?? params.get("next") ?? "/"} />
        <Field
          name="email"
          type="email"
          label={t("login.email")}
          autoComplete="username"
          required
          defaultValue={reply?.values.email}
          errors={errors?.email}
        />
        <Field
          name="password"
          type="password"
          // A new element after each refused submit, so the typed password does not linger.
          key={JSON.stringify(reply?.errors ?? null)}
          label={t("login.password")}
          autoComplete="current-password"
          required
          errors={errors?.password}
        />
        <button type="submit" disabled={busy}>
          {t("login.submit")}
        </button>
      </Form>
      <p>
        <Link to="/reset-password">{t("login.forgot")}</Link>
      </p>
      <p>
        {t("login.noAccount")} <Link to="/join">{t("nav.join")}</Link>
      </p>
    </div>
  );
}

/** The second step: the password was right; now the code from the app, or a recovery code. */
function CodeStep({ challenge, next, errors, busy }: { challenge: string; next: string; errors: FieldErrors | undefined; busy: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="page narrow">
      <h1>{t("twoFactor.signIn.title")}</h1>
      <p>{t("twoFactor.signIn.intro")}</p>
      <ErrorSummary errors={errors} fieldLabels={{ code: t("twoFactor.code") }} />
      <Form method="post" noValidate>
        <input type="hidden" name="intent" value="code" />
        <input type="hidden" name="challenge" value={challenge} />
        <input type="hidden" name="next" value={next} />
        <CodeField name="code" errors={errors?.code} autoFocus />
        <button type="submit" disabled={busy}>
          {t("twoFactor.signIn.submit")}
        </button>
      </Form>
      <p>
        <Link to="/login">{t("twoFactor.signIn.startOver")}</Link>
      </p>
    </div>
  );
}
