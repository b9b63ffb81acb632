import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import type { RateLimiterPostgres } from "rate-limiter-flexible";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/ui/translation";
import { consume, refund } from "~/auth/rate-limit.server";
import { registerUser } from "~/domain/accounts/accounts.server";
import { regionChoices } from "~/domain/accounts/settings.server";
import { CHALLENGE_FIELD } from "~/domain/accounts/signup-challenge";
import { CHALLENGE_MINUTES, newSignupChallenge, takeSignupChallenge, type ChallengeCheck } from "~/domain/accounts/signup-challenge.server";
import { ErrorSummary, Field, SelectField, useFormBusy } from "~/ui/form";
import { useProofOfWork } from "~/ui/proof-of-work";
import { cacheControl, formDone, formFailure, withoutPassword } from "~/utils/http.server";
import { fail, formValues, FORM, msg } from "~/utils/result";
import { pageTitle } from "~/utils/meta";
import { DISPLAY_NAME_LENGTH, PASSWORD_MIN } from "~/domain/accounts/limits";
import { DISPLAY_NAME_MAX } from "~/domain/accounts/limits";
import { maxLengthFor } from "~/utils/text";

export const meta: MetaFunction = (args) => pageTitle(args, (t) => t("join.title"));

export async function loader({ context }: LoaderFunctionArgs) {
  if (context.actor) throw redirect("/me");
  // A new challenge on every load (and after every answer, when Remix loads the page's data
  // again); never kept by a cache. It is signed with keys in the primary database.
  const challenge = await newSignupChallenge(context.services.primary);
  return json({ regions: await regionChoices(context.services.db), locale: context.locale, challenge }, { headers: cacheControl("no-store") });
}

const FIELDS = ["email", "displayName", "password", "homeRegionId", CHALLENGE_FIELD] as const;

const REFUSED_CHALLENGE: Record<Exclude<ChallengeCheck, "passed">, string> = {
  expired: "join.challengeExpired",
  invalid: "join.challengeFailed",
  replayed: "join.challengeFailed",
};

export async function action({ request, context }: ActionFunctionArgs) {
  const { services, locale, clientIp } = context;
  const form = await request.formData();
  const { [CHALLENGE_FIELD]: solved, ...values } = formValues(form, FIELDS);
  const kept = withoutPassword(values);
  const wait = await consume(services.limiters.joinIp, clientIp);
  if (wait) return formFailure(fail(FORM, msg("errors.rateLimited", { count: wait }), 429), kept);

  // Proof of work (decision 048). A page that ran sends the field: it must hold a solved
  // challenge, good and unused. A browser without JavaScript sends none: it may join, within
  // stricter limits per address and for the whole site.
  const withScript = form.has(CHALLENGE_FIELD);
  const noScriptBudgets: [RateLimiterPostgres, string][] = [
    [services.limiters.joinNoScriptIp, clientIp],
    [services.limiters.joinNoScriptSite, "site"],
  ];
  if (withScript) {
    if (!solved) return formFailure(fail(FORM, msg("join.challengeMissing")), kept);
    const check = await takeSignupChallenge(services.primary, solved);
    if (check !== "passed") return formFailure(fail(FORM, msg(REFUSED_CHALLENGE[check], { count: CHALLENGE_MINUTES })), kept);
  } else {
    // One after the other: an address over its own limit must not use up the whole site's.
    for (const [limiter, key] of noScriptBudgets) {
      const noScriptWait = await consume(limiter, key);
      if (noScriptWait) return formFailure(fail(FORM, msg("join.noScriptLimited", { count: noScriptWait }), 429), kept);
    }
  }

  const result = await registerUser({ db: services.primary, publicUrl: context.siteUrl }, values, locale);
  if (!result.ok) {
    // A form refused for what was typed made no account: it does not use up the stricter limits.
    if (!withScript) await Promise.all(noScriptBudgets.map(([limiter, key]) => refund(limiter, key)));
    return formFailure(result, kept);
  }
  // The same answer whether an account was made or the address already had one (then its owner
  // got an e-mail instead): no session, no cookie, the same page. The verification link signs in.
  return formDone("joined", { sentTo: result.email });
}

export default function Join() {
  const { t } = useTranslation();
  const { regions, locale, challenge } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const busy = useFormBusy();
  const errors = reply?.errors;
  const proof = useProofOfWork(challenge);
  if (reply?.done === "joined") {
    return (
      <div className="page narrow">
        <h1>{t("join.checkMailTitle")}</h1>
        <p role="status">{t("join.checkMail", { email: reply.sentTo })}</p>
        <p>
          {t("join.haveAccount")} <Link to="/login">{t("nav.login")}</Link>
        </p>
      </div>
    );
  }
  return (
    <div className="page narrow">
      <h1>{t("join.title")}</h1>
      <p>{t("join.intro")}</p>
      <ErrorSummary
        errors={errors}
        fieldLabels={{ email: t("join.email"), displayName: t("join.displayName"), password: t("join.password"), homeRegionId: t("join.homeRegion") }}
      />
      <Form method="post" noValidate onSubmit={proof.onSubmit}>
        <Field
          name="email"
          type="email"
          label={t("join.email")}
          autoComplete="email"
          required
          defaultValue={reply?.values.email}
          errors={errors?.email}
        />
        <Field
          name="displayName"
          label={t("join.displayName")}
          hint={t("join.displayNameHint", DISPLAY_NAME_LENGTH)}
          autoComplete="nickname"
          required
          maxLength={maxLengthFor(DISPLAY_NAME_MAX)}
          defaultValue={reply?.values.displayName}
          errors={errors?.displayName}
        />
        <Field
          name="password"
          type="password"
          // A new element after each refused submit, so the typed password does not linger.
          key={JSON.stringify(reply?.errors ?? null)}
          label={t("join.password")}
          hint={t("join.passwordHint", { min: PASSWORD_MIN })}
          autoComplete="new-password"
          required
          errors={errors?.password}
        />
        {/* Optional, and said why: it is what "where support comes from" counts. */}
        <SelectField
          name="homeRegionId"
          label={t("join.homeRegion")}
          hint={t("join.homeRegionHint")}
          defaultValue={reply?.values.homeRegionId ?? ""}
          errors={errors?.homeRegionId}
          options={[{ value: "", label: t("join.noHomeRegion") }, ...regions.map((r) => ({ value: String(r.id), label: locale === "ko" ? r.name_ko : r.name_en }))]}
        />
        {proof.fields}
        <button type="submit" disabled={busy}>
          {t("join.submit")}
        </button>
      </Form>
      <p>
        {t("join.haveAccount")} <Link to="/login">{t("nav.login")}</Link>
      </p>
    </div>
  );
}
