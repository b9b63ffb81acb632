import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { accountDigest, blockedFor, consume } from "~/auth/rate-limit.server";
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
  const form = await request.formData();
  const values = formValues(form, ["email", "password", "next"]);
  const kept = withoutPassword(values);
  const emailKey = values.email.trim().toLowerCase();
  const wait =
    (await consume(services.limiters.loginIp, context.clientIp)) ??
    (emailKey ? await blockedFor(services.limiters.loginEmail, emailKey) : null);
  // Security events for the operators (ASVS 7.1–7.2): the account by a digest of its address,
  // never the address or the password.
  const event = { ip: context.clientIp, account: emailKey ? accountDigest(emailKey) : null };
  if (wait) {
    services.log.warn({ event: "login.limited", ...event }, "login refused: too many attempts");
    return formFailure(fail(FORM, msg("errors.rateLimited", { count: wait }), 429), kept);
  }

  const result = await authenticate({ db: services.db, publicUrl: services.config.publicUrl }, values);
  if (!result.ok) {
    // Only failed attempts count against the account, so its owner is not locked out by success.
    if (emailKey && result.status === 401) await consume(services.limiters.loginEmail, emailKey);
    if (result.status === 401) services.log.warn({ event: "login.failed", ...event }, "login failed");
    return formFailure(result, kept);
  }
  services.log.info({ event: "login.succeeded", ip: context.clientIp, userId: result.userId }, "signed in");
  await services.limiters.loginEmail.delete(emailKey);
  // A new session id on every login: a session id planted before login is worthless after it.
  const old = services.auth.readSessionCookie(request.headers.get("Cookie") ?? "");
  if (old) await services.auth.invalidateSession(old);
  const session = await services.auth.createSession(result.userId, {});
  return redirect(safeNext(values.next), {
    headers: { "Set-Cookie": services.auth.createSessionCookie(session.id).serialize() },
  });
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
