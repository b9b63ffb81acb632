import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/ui/translation";
import { rememberDevice } from "~/auth/devices.server";
import { accountDigest, consume, limiterKey } from "~/auth/rate-limit.server";
import { parseResetRequest, requestPasswordReset, resetPassword } from "~/domain/accounts/accounts.server";
import { tokenIsLive } from "~/domain/accounts/tokens.server";
import { ErrorSummary, Field, useFormBusy } from "~/ui/form";
import { formDone, formFailure } from "~/utils/http.server";
import { fail, formValues, FORM, msg } from "~/utils/result";
import { pageTitle } from "~/utils/meta";
import { sessionPlace } from "~/auth/session-device.server";
import { PASSWORD_MIN } from "~/domain/accounts/limits";

export const meta: MetaFunction = (args) => pageTitle(args, (t) => t("reset.title"));

export async function loader({ request, context }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const token = url.searchParams.get("token");
  if (url.searchParams.has("done")) return json({ state: "done" as const, token: null });
  if (!token) return json({ state: "request" as const, token: null });
  const live = token.length <= 200 && (await tokenIsLive(context.services.primary, token, "reset_password", new Date()));
  return json({ state: live ? ("choose" as const) : ("invalid" as const), token: live ? token : null });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { services } = context;
  const deps = { db: services.db, publicUrl: context.siteUrl };
  const form = await request.formData();
  if (form.get("intent") === "reset") {
    const values = formValues(form, ["token", "password"]);
    const result = await resetPassword(deps, values);
    if (!result.ok) return formFailure(result, { token: values.token });
    // The link proved the person reads the account's mail: whatever strangers spent on its
    // login limit is forgotten, and this browser is remembered for sign-in (decision 024).
    await services.limiters.loginEmail.delete(limiterKey(result.email));
    const session = await services.auth.createSession(result.userId, sessionPlace(request.headers.get("User-Agent"), context.clientIp));
    const headers = new Headers();
    headers.append("Set-Cookie", services.auth.createSessionCookie(session.id).serialize());
    headers.append("Set-Cookie", await rememberDevice(services.db, result.userId, request.headers.get("Cookie"), services.config.production));
    return redirect("/reset-password?done=1", { headers });
  }
  const values = formValues(form, ["email"]);
  const email = values.email.trim().toLowerCase();
  const wait = await consume(services.limiters.resetIp, context.clientIp);
  if (wait) return formFailure(fail(FORM, msg("errors.rateLimited", { count: wait }), 429), values);
  // Past three requests an hour for one address, no more mail is sent, but the answer is the
  // same: refusing would let strangers block the owner's recovery, and the newest link sent is
  // still good (it lives an hour, as long as the window) — decision 024.
  if (email && (await consume(services.limiters.resetEmail, email))) {
    services.log.warn({ event: "reset.limited", ip: context.clientIp, account: accountDigest(email) }, "reset link not sent again: three this hour");
    const parsed = parseResetRequest(values);
    if (!parsed.ok) return formFailure(parsed, values);
    return formDone("requested", { sentTo: parsed.email });
  }
  const result = await requestPasswordReset(deps, values);
  if (!result.ok) return formFailure(result, values);
  return formDone("requested", { sentTo: result.email });
}

export default function ResetPassword() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const busy = useFormBusy();
  const errors = reply?.errors;

  if (data.state === "done") {
    return (
      <div className="page narrow">
        <h1>{t("reset.title")}</h1>
        <p className="notice success" role="status">
          {t("reset.done")}
        </p>
        <p>
          <Link to="/me">{t("nav.me")}</Link>
        </p>
      </div>
    );
  }
  if (data.state === "invalid") {
    return (
      <div className="page narrow">
        <h1>{t("reset.title")}</h1>
        <p className="notice error">{t("reset.invalid")}</p>
        <p>
          <Link to="/reset-password">{t("reset.requestAgain")}</Link>
        </p>
      </div>
    );
  }
  if (data.state === "choose") {
    return (
      <div className="page narrow">
        <h1>{t("reset.title")}</h1>
        <ErrorSummary errors={errors} fieldLabels={{ password: t("reset.newPassword") }} />
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="reset" />
          <input type="hidden" name="token" value={data.token ?? ""} />
          <Field
            name="password"
            type="password"
            label={t("reset.newPassword")}
            hint={t("join.passwordHint", { min: PASSWORD_MIN })}
            autoComplete="new-password"
            required
            errors={errors?.password}
          />
          <button type="submit" disabled={busy}>
            {t("reset.submit")}
          </button>
        </Form>
      </div>
    );
  }
  return (
    <div className="page narrow">
      <h1>{t("reset.title")}</h1>
      {reply?.done === "requested" ? (
        <p className="notice success" role="status">
          {t("reset.requested", { email: reply.sentTo })}
        </p>
      ) : (
        <>
          <p>{t("reset.requestIntro")}</p>
          <ErrorSummary errors={errors} fieldLabels={{ email: t("reset.email") }} />
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="request" />
            <Field
              name="email"
              type="email"
              label={t("reset.email")}
              autoComplete="email"
              required
              defaultValue={reply?.values.email}
              errors={errors?.email}
            />
            <button type="submit" disabled={busy}>
              {t("reset.requestSubmit")}
            </button>
          </Form>
        </>
      )}
    </div>
  );
}
