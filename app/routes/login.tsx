import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { sessionIdFrom } from "~/auth/actor.server";
import type { RateLimiterPostgres } from "rate-limiter-flexible";
import { knownDevice, rememberDevice } from "~/auth/devices.server";
import { accountDigest, consume, refund } from "~/auth/rate-limit.server";
import { authenticate } from "~/domain/accounts/accounts.server";
import { ErrorSummary, Field } from "~/ui/form";
import { formFailure, safeNext, withoutPassword } from "~/utils/http.server";
import { fail, formValues, FORM, msg } from "~/utils/result";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = (args) => pageTitle(args, (t) => t("login.title"));

export async function loader({ request, context }: LoaderFunctionArgs) {
  if (context.actor) throw redirect(safeNext(new URL(request.url).searchParams.get("next")));
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { services } = context;
  const { limiters, db, config } = services;
  const form = await request.formData();
  const values = formValues(form, ["email", "password", "next"]);
  const kept = withoutPassword(values);
  const emailKey = values.email.trim().toLowerCase();
  const cookieHeader = request.headers.get("Cookie");
  const secure = config.production;
  // Security events for the operators (ASVS 7.1–7.2): the account by a digest of its address,
  // never the address or the password.
  const event = { ip: context.clientIp, account: emailKey ? accountDigest(emailKey) : null };

  // Limits (decision 024). A browser that signed in to this account before is limited on its
  // own count, so that strangers failing passwords cannot lock the owner out; any other
  // attempt counts against the address it comes from and the account. Each point is spent
  // before the password is checked — a burst of parallel guesses gets no more evaluations than
  // the limit — and given back when the attempt turns out right or was not an attempt at all.
  const device = emailKey ? await knownDevice(db, cookieHeader, emailKey, secure) : null;
  const budgets: [RateLimiterPostgres, string][] = device
    ? [[limiters.loginDevice, `${emailKey}|${device}`]]
    : [[limiters.loginIp, context.clientIp], ...(emailKey ? [[limiters.loginEmail, emailKey] as [RateLimiterPostgres, string]] : [])];
  const spent: typeof budgets = [];
  const giveBack = () => Promise.all(spent.map(([limiter, key]) => refund(limiter, key)));
  for (const [limiter, key] of budgets) {
    const wait = await consume(limiter, key);
    if (wait) {
      await giveBack();
      services.log.warn({ event: "login.limited", device: device !== null, ...event }, "login refused: too many attempts");
      return formFailure(fail(FORM, msg("errors.loginLimited", { count: wait }), 429), kept);
    }
    spent.push([limiter, key]);
  }

  const result = await authenticate({ db, publicUrl: context.siteUrl }, values);
  if (!result.ok) {
    // A wrong password or an unknown address keeps its points; a form with a missing field was no guess.
    if (result.status === 401) services.log.warn({ event: "login.failed", device: device !== null, ...event }, "login failed");
    else await giveBack();
    return formFailure(result, kept);
  }
  await giveBack();
  services.log.info({ event: "login.succeeded", ip: context.clientIp, userId: result.userId }, "signed in");
  // A new session id on every login: a session id planted before login is worthless after it.
  const old = sessionIdFrom(context.services, cookieHeader);
  if (old) await services.auth.invalidateSession(old);
  const session = await services.auth.createSession(result.userId, {});
  const headers = new Headers();
  headers.append("Set-Cookie", services.auth.createSessionCookie(session.id).serialize());
  headers.append("Set-Cookie", await rememberDevice(db, result.userId, cookieHeader, secure));
  return redirect(safeNext(values.next), { headers });
}

export default function Login() {
  const { t } = useTranslation();
  const reply = useActionData<typeof action>();
  const [params] = useSearchParams();
  const busy = useNavigation().state === "submitting";
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
