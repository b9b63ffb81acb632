import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { consume } from "~/auth/rate-limit.server";
import { registerUser } from "~/domain/accounts/accounts.server";
import { regionChoices } from "~/domain/accounts/settings.server";
import { ErrorSummary, Field, SelectField } from "~/ui/form";
import { formDone, formFailure, withoutPassword } from "~/utils/http.server";
import { fail, formValues, FORM, msg } from "~/utils/result";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = (args) => pageTitle(args, (t) => t("join.title"));

export async function loader({ context }: LoaderFunctionArgs) {
  if (context.actor) throw redirect("/me");
  return json({ regions: await regionChoices(context.services.db), locale: context.locale });
}

const FIELDS = ["email", "displayName", "password", "homeRegionId"] as const;

export async function action({ request, context }: ActionFunctionArgs) {
  const { services, locale } = context;
  const values = formValues(await request.formData(), FIELDS);
  const wait = await consume(services.limiters.joinIp, context.clientIp);
  if (wait) return formFailure(fail(FORM, msg("errors.rateLimited", { count: wait }), 429), withoutPassword(values));
  const result = await registerUser({ db: services.db, publicUrl: context.siteUrl }, values, locale);
  if (!result.ok) return formFailure(result, withoutPassword(values));
  // The same answer whether an account was made or the address already had one (then its owner
  // got an e-mail instead): no session, no cookie, the same page. The verification link signs in.
  return formDone("joined", { sentTo: result.email });
}

export default function Join() {
  const { t } = useTranslation();
  const { regions, locale } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const errors = reply?.errors;
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
      <Form method="post" noValidate>
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
          hint={t("join.displayNameHint")}
          autoComplete="nickname"
          required
          maxLength={40}
          defaultValue={reply?.values.displayName}
          errors={errors?.displayName}
        />
        <Field
          name="password"
          type="password"
          // A new element after each refused submit, so the typed password does not linger.
          key={JSON.stringify(reply?.errors ?? null)}
          label={t("join.password")}
          hint={t("join.passwordHint")}
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
