import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/ui/translation";
import { requireActor, sessionIdFrom } from "~/auth/actor.server";
import { consumeTogether, refund } from "~/auth/rate-limit.server";
import { requestEmailChange } from "~/domain/accounts/email-change.server";
import { disableTwoFactor, enrolTwoFactor, groupedSecret, newTotpSecret, renewRecoveryCodes, totpUri, twoFactorStatus } from "~/domain/accounts/two-factor.server";
import { activeSessions, endOtherSessions, endSession, sessionHandle } from "~/domain/privacy/sessions.server";
import { ErrorSummary, Field, FormErrors } from "~/ui/form";
import { QrCode } from "~/ui/qr-code";
import { CodeField } from "~/ui/two-factor";
import { cacheControl, formDone, formFailure } from "~/utils/http.server";
import { formatDate } from "~/utils/i18n";
import { pageTitle } from "~/utils/meta";
import { qrPath } from "~/utils/qr.server";
import { fail, FORM, formValues, msg, type FieldErrors, type Result } from "~/utils/result";

export const meta: MetaFunction = (args) => pageTitle(args, (t) => t("privacy.security.title"));

/** A new secret to enrol with, drawn for this page: nothing is stored until a code proves it. */
function enrolment(email: string, secret = newTotpSecret()) {
  return { secret, grouped: groupedSecret(secret), qr: qrPath(totpUri(secret, email)) };
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request);
  const { db } = context.services;
  const current = sessionIdFrom(context.services, request.headers.get("Cookie"));
  const [sessions, twoFactor] = await Promise.all([activeSessions(db, actor.id, current), twoFactorStatus(db, actor.id)]);
  return json(
    { sessions, email: actor.email, locale: context.locale, twoFactor, enrol: twoFactor ? null : enrolment(actor.email), rolesOnHold: actor.rolesOnHold ?? false },
    { headers: cacheControl("personal") },
  );
}

/** The renewal form names its code field apart from the disabling form's (one page, two forms). */
function renamed(result: Result & { ok: false }, from: string, to: string) {
  const errors: FieldErrors = {};
  for (const [field, messages] of Object.entries(result.errors)) errors[field === from ? to : field] = messages;
  return { ...result, errors };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = requireActor(context, request);
  const { services } = context;
  const form = await request.formData();
  const current = sessionIdFrom(services, request.headers.get("Cookie"));
  const currentHandle = current ? sessionHandle(current) : null;
  const intent = form.get("intent");
  if (intent === "changeEmail") {
    // The password field is named apart from the disabling form's (one page, two password fields).
    const values = formValues(form, ["email", "emailPassword"]);
    const kept = { intent: "changeEmail", email: values.email };
    // Each request mails an address: a few an hour (a refused one mails nothing and is given
    // back). The password is guessed against the same budget as at sign-in (decision 024).
    const wait = await consumeTogether([
      [services.limiters.emailChangeAccount, `user:${actor.id}`],
      [services.limiters.loginEmail, actor.email],
    ]);
    if (wait) return formFailure(fail(FORM, msg("errors.loginLimited", { count: wait }), 429), kept);
    const result = await requestEmailChange(services.db, actor, { email: values.email, password: values.emailPassword, site: context.siteUrl });
    if (!result.ok) {
      await refund(services.limiters.emailChangeAccount, `user:${actor.id}`);
      if (!result.errors.password) await refund(services.limiters.loginEmail, actor.email);
      return formFailure(renamed(result, "password", "emailPassword"), kept);
    }
    await refund(services.limiters.loginEmail, actor.email);
    return formDone("emailSent", { sentTo: result.sentTo });
  }
  if (intent === "enrol") {
    const values = formValues(form, ["secret", "code"]);
    const result = await enrolTwoFactor(services.db, actor, { ...values, keep: currentHandle ?? "0".repeat(32), site: context.siteUrl });
    if (result.ok) return json({ values: {}, done: "enrolled", recoveryCodes: result.recoveryCodes });
    // The same secret again (the app holds it already), unless it was not one of ours.
    const secret = /^[A-Z2-7]{32}$/.test(values.secret) ? values.secret : undefined;
    return json({ errors: result.errors, values: { intent: "enrol" }, retry: enrolment(actor.email, secret) }, { status: result.status });
  }
  if (intent === "disable") {
    const result = await disableTwoFactor(services.db, actor, { ...formValues(form, ["password", "code"]), site: context.siteUrl });
    if (!result.ok) return formFailure(result, { intent: "disable" });
    return formDone("disabled");
  }
  if (intent === "renewCodes") {
    const result = await renewRecoveryCodes(services.db, actor, { code: form.get("renewCode") ?? "", site: context.siteUrl });
    if (!result.ok) return formFailure(renamed(result, "code", "renewCode"), { intent: "renewCodes" });
    return json({ values: {}, done: "renewed", recoveryCodes: result.recoveryCodes });
  }
  if (intent === "endOthers") {
    const result = await endOtherSessions(services.db, actor, { keep: currentHandle ?? "0".repeat(32) });
    if (!result.ok) return formFailure(result);
    return formDone("endedOthers");
  }
  const handle = String(form.get("handle") ?? "");
  const result = await endSession(services.db, actor, { handle });
  if (!result.ok) return formFailure(result);
  // Ending the session in use is signing out here.
  if (handle === currentHandle) return redirect("/login", { headers: { "Set-Cookie": services.auth.createBlankSessionCookie().serialize() } });
  return formDone("ended");
}

export default function Security() {
  const { t } = useTranslation();
  const { sessions, email, locale, twoFactor, enrol, rolesOnHold } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const others = sessions.filter((s) => !s.current).length;
  const errors = reply && "errors" in reply ? reply.errors : undefined;
  const failedIntent = reply?.values && "intent" in reply.values ? reply.values.intent : null;
  const sessionErrors = failedIntent ? undefined : errors;
  const recoveryCodes = reply && "recoveryCodes" in reply ? reply.recoveryCodes : null;
  const shownEnrolment = (reply && "retry" in reply ? reply.retry : null) ?? enrol;
  const done = reply && "done" in reply ? reply.done : null;
  return (
    <div className="page narrow">
      <p>
        <Link to="/me/settings">{t("mine.settingsTitle")}</Link>
      </p>
      <h1>{t("privacy.security.title")}</h1>
      {done === "ended" || done === "endedOthers" ? (
        <p className="notice success" role="status">
          {t(done === "endedOthers" ? "privacy.security.endedOthers" : "privacy.security.ended")}
        </p>
      ) : null}

      <section aria-labelledby="email-address">
        <h2 id="email-address">{t("trust.email.title")}</h2>
        <p>{t("trust.email.current", { email })}</p>
        {done === "emailSent" && reply && "sentTo" in reply ? (
          <p className="notice success" role="status">
            {t("trust.email.sent", { email: reply.sentTo })}
          </p>
        ) : null}
        <p>{t("trust.email.intro")}</p>
        <Form method="post" noValidate aria-labelledby="email-address">
          {failedIntent === "changeEmail" ? <ErrorSummary errors={errors} fieldLabels={{ email: t("trust.email.newAddress"), emailPassword: t("privacy.delete.password") }} /> : null}
          <Field
            name="email"
            type="email"
            label={t("trust.email.newAddress")}
            autoComplete="email"
            required
            defaultValue={failedIntent === "changeEmail" && reply?.values && "email" in reply.values ? String(reply.values.email) : ""}
            errors={failedIntent === "changeEmail" ? errors?.email : undefined}
          />
          <Field
            name="emailPassword"
            type="password"
            label={t("privacy.delete.password")}
            autoComplete="current-password"
            required
            errors={failedIntent === "changeEmail" ? errors?.emailPassword : undefined}
          />
          <button type="submit" name="intent" value="changeEmail">
            {t("trust.email.submit")}
          </button>
        </Form>
      </section>

      <section aria-labelledby="two-factor">
        <h2 id="two-factor">{t("twoFactor.title")}</h2>
        {done === "enrolled" || done === "renewed" || done === "disabled" ? (
          <p className="notice success" role="status">
            {t(`twoFactor.done.${done}`)}
          </p>
        ) : null}
        {recoveryCodes ? (
          <div className="notice">
            <h3>{t("twoFactor.recovery.title")}</h3>
            <p>{t("twoFactor.recovery.keep")}</p>
            <ol className="recovery-codes" aria-label={t("twoFactor.recovery.title")}>
              {recoveryCodes.map((code) => (
                <li key={code}>
                  <code>{code}</code>
                </li>
              ))}
            </ol>
          </div>
        ) : null}
        {twoFactor ? (
          <>
            <p>{t("twoFactor.on", { date: formatDate(twoFactor.enrolledAt, locale) })}</p>
            <p>{t("twoFactor.codesLeft", { count: twoFactor.recoveryCodesLeft })}</p>
            <h3 id="renew-codes">{t("twoFactor.renew.title")}</h3>
            <Form method="post" noValidate aria-labelledby="renew-codes">
              {failedIntent === "renewCodes" ? <ErrorSummary errors={errors} fieldLabels={{ renewCode: t("twoFactor.code") }} /> : null}
              <CodeField name="renewCode" errors={failedIntent === "renewCodes" ? errors?.renewCode : undefined} />
              <button type="submit" name="intent" value="renewCodes">
                {t("twoFactor.renew.submit")}
              </button>
            </Form>
            <h3 id="disable-two-factor">{t("twoFactor.disable.title")}</h3>
            <p>{t("twoFactor.disable.intro")}</p>
            <Form method="post" noValidate aria-labelledby="disable-two-factor">
              {failedIntent === "disable" ? <ErrorSummary errors={errors} fieldLabels={{ password: t("privacy.delete.password"), code: t("twoFactor.code") }} /> : null}
              <Field name="password" type="password" label={t("privacy.delete.password")} autoComplete="current-password" required errors={failedIntent === "disable" ? errors?.password : undefined} />
              <CodeField name="code" errors={failedIntent === "disable" ? errors?.code : undefined} />
              <button type="submit" name="intent" value="disable" className="secondary">
                {t("twoFactor.disable.submit")}
              </button>
            </Form>
          </>
        ) : shownEnrolment ? (
          <>
            <p>{t(rolesOnHold ? "twoFactor.requiredForStaff" : "twoFactor.intro")}</p>
            <ol>
              <li>{t("twoFactor.enrol.step1")}</li>
              <li>{t("twoFactor.enrol.step2")}</li>
              <li>{t("twoFactor.enrol.step3")}</li>
            </ol>
            <QrCode qr={shownEnrolment.qr} label={t("twoFactor.enrol.qrLabel")} />
            <p>
              {t("twoFactor.enrol.secretLabel")} <code className="otp-secret" data-secret={shownEnrolment.secret}>{shownEnrolment.grouped}</code>
            </p>
            <p className="hint">{t("twoFactor.enrol.secretHint")}</p>
            <Form method="post" noValidate>
              {failedIntent === "enrol" ? <ErrorSummary errors={errors} fieldLabels={{ code: t("twoFactor.code") }} /> : null}
              <input type="hidden" name="secret" value={shownEnrolment.secret} />
              <Field
                name="code"
                key={failedIntent === "enrol" ? JSON.stringify(errors) : "enrol"}
                label={t("twoFactor.enrol.code")}
                autoComplete="one-time-code"
                inputMode="numeric"
                spellCheck={false}
                required
                errors={failedIntent === "enrol" ? errors?.code : undefined}
              />
              {failedIntent === "enrol" && errors?.[FORM] ? <FormErrors messages={errors[FORM]} /> : null}
              <button type="submit" name="intent" value="enrol">
                {t("twoFactor.enrol.submit")}
              </button>
            </Form>
          </>
        ) : null}
      </section>

      <h2 id="sessions-title">{t("privacy.security.sessions", { count: sessions.length })}</h2>
      <p>{t("privacy.security.intro")}</p>
      <ErrorSummary errors={sessionErrors} />
      <ul className="notice-list" aria-labelledby="sessions-title">
        {sessions.map((s) => (
          <li key={s.handle}>
            <p>
              {s.current ? <strong>{t("privacy.security.thisBrowser")} · </strong> : null}
              {s.browser && s.os ? t("privacy.security.device", { browser: s.browser, os: s.os }) : (s.browser ?? s.os ?? t("privacy.security.deviceUnknown"))}
              {s.network ? <> · {t("privacy.security.network", { network: s.network })}</> : null}
            </p>
            <p className="hint">
              {s.lastSeenAt ? <>{t("privacy.security.lastSeen", { date: formatDate(s.lastSeenAt, locale, true) })} · </> : null}
              {t("privacy.security.signedInAt", { date: formatDate(s.signedInAt, locale, true) })}
              {" · "}
              {t("privacy.security.endsBy", { date: formatDate(s.expiresAt, locale, true) })}
            </p>
            <Form method="post">
              <input type="hidden" name="handle" value={s.handle} />
              <button
                type="submit"
                name="intent"
                value="end"
                className="secondary"
                aria-label={t("privacy.security.endLabel", { date: formatDate(s.signedInAt, locale, true) })}
              >
                {s.current ? t("privacy.security.endThis") : t("privacy.security.end")}
              </button>
            </Form>
          </li>
        ))}
      </ul>
      {others > 0 ? (
        <Form method="post">
          <button type="submit" name="intent" value="endOthers">
            {t("privacy.security.endOthers")}
          </button>
        </Form>
      ) : null}
      <p className="hint">{t("privacy.security.placeHint")}</p>
    </div>
  );
}
