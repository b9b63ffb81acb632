import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/ui/translation";
import { requireActor } from "~/auth/actor.server";
import { accountSettings, updateAccountSettings } from "~/domain/accounts/settings.server";
import { ErrorSummary, SelectField } from "~/ui/form";
import { formDone, formFailure } from "~/utils/http.server";
import { formValues } from "~/utils/result";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = (args) => pageTitle(args, (t) => t("mine.settingsTitle"));

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request);
  return json({ ...(await accountSettings(context.services.db, actor.id)), locale: context.locale });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = requireActor(context, request);
  const form = await request.formData();
  if (form.get("intent") === "signOutEverywhere") {
    const { auth } = context.services;
    await auth.invalidateUserSessions(actor.id);
    return redirect("/login", { headers: { "Set-Cookie": auth.createBlankSessionCookie().serialize() } });
  }
  const values = formValues(form, ["homeRegionId", "locale"]);
  const boxes = Object.fromEntries(["emailOwn", "emailFollowed", "emailStaff"].map((k) => [k, form.get(k) === "on" ? "on" : undefined]));
  const result = await updateAccountSettings(context.services.db, actor, { ...values, ...boxes });
  if (!result.ok) return formFailure(result, values);
  return formDone("saved");
}

export default function Settings() {
  const { t } = useTranslation();
  const { homeRegionId, preferredLocale, regions, email, locale } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const ko = locale === "ko";
  return (
    <div className="page narrow">
      <p>
        <Link to="/me">{t("me.title")}</Link>
      </p>
      <h1>{t("mine.settingsTitle")}</h1>
      {reply?.done ? (
        <p className="notice success" role="status">
          {t("mine.saved")}
        </p>
      ) : null}
      <ErrorSummary errors={reply?.errors} fieldLabels={{ homeRegionId: t("mine.homeRegion"), locale: t("mine.language") }} />
      <Form method="post">
        <SelectField
          name="homeRegionId"
          label={t("mine.homeRegion")}
          hint={t("mine.homeRegionHint")}
          defaultValue={reply?.values.homeRegionId ?? (homeRegionId ? String(homeRegionId) : "")}
          errors={reply?.errors?.homeRegionId}
          options={[{ value: "", label: t("mine.noHomeRegion") }, ...regions.map((r) => ({ value: String(r.id), label: ko ? r.name_ko : r.name_en }))]}
        />
        <SelectField
          name="locale"
          label={t("mine.language")}
          defaultValue={reply?.values.locale ?? preferredLocale ?? locale}
          errors={reply?.errors?.locale}
          options={[
            { value: "ko", label: t("language.ko") },
            { value: "en", label: t("language.en") },
          ]}
        />
        <fieldset className="field">
          <legend>{t("notifications.settings")}</legend>
          <label className="choice">
            <input type="checkbox" name="emailOwn" defaultChecked={email.own} /> {t("notifications.emailOwn")}
          </label>
          <label className="choice">
            <input type="checkbox" name="emailFollowed" defaultChecked={email.followed} /> {t("notifications.emailFollowed")}
          </label>
          <label className="choice">
            <input type="checkbox" name="emailStaff" defaultChecked={email.staff} /> {t("notifications.emailStaff")}
          </label>
        </fieldset>
        <button type="submit">{t("mine.save")}</button>
      </Form>
      <h2>{t("mine.sessionsTitle")}</h2>
      <p>{t("mine.sessionsIntro")}</p>
      <Form method="post">
        <button type="submit" name="intent" value="signOutEverywhere" className="secondary">
          {t("mine.signOutEverywhere")}
        </button>
      </Form>
      <h2 id="privacy-links">{t("privacy.settingsLinks")}</h2>
      <ul aria-labelledby="privacy-links">
        <li>
          <Link to="/me/verify">{t("verification.title")}</Link>
        </li>
        <li>
          <Link to="/me/security">{t("privacy.security.title")}</Link>
        </li>
        <li>
          <Link to="/me/data">{t("privacy.data.title")}</Link>
        </li>
        <li>
          <Link to="/me/delete">{t("privacy.delete.title")}</Link>
        </li>
      </ul>
    </div>
  );
}
