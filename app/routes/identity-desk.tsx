import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/ui/translation";
import { refuse, requireActor } from "~/auth/actor.server";
import { inPersonRefusal, revokeRefusal, revokeVerification } from "~/domain/identity/verification.server";
import { verifyAndLinkInPerson } from "~/domain/assisted/links.server";
import { ErrorSummary, Field, TextAreaField, useMessage, useFormBusy } from "~/ui/form";
import { cacheControl, formDone, formFailure } from "~/utils/http.server";
import { formValues } from "~/utils/result";
import { pageTitle } from "~/utils/meta";
import { IN_PERSON_PLACE_MAX } from "~/domain/identity/limits";
import { maxLengthFor } from "~/utils/text";

export const meta: MetaFunction = (args) =>
  pageTitle(args, (t) => t("verification.desk.title"), (t) => [{ name: "description", content: t("verification.desk.description") }]);

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request);
  // Verifiers verify and revoke; admins revoke only (decision 057).
  const refusal = revokeRefusal(actor);
  if (refusal) refuse(refusal, request);
  return json({ canVerify: inPersonRefusal(actor) === null }, { headers: cacheControl("personal") });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = requireActor(context, request);
  const form = await request.formData();
  if (form.get("intent") === "revoke") {
    const values = formValues(form, ["account", "reason"]);
    const result = await revokeVerification(context.services.db, actor, { ...values, site: context.siteUrl });
    if (!result.ok) return formFailure(result, { ...values, intent: "revoke" });
    return formDone("revoked");
  }
  const values = formValues(form, ["email", "place", "checked", "name", "birthDate", "phone"]);
  const result = await verifyAndLinkInPerson(context.services.db, actor, values);
  // The place stays for the next person at the same desk; the address does not.
  if (!result.ok) return formFailure(result, { email: values.email, place: values.place, name: values.name, birthDate: values.birthDate, phone: values.phone });
  return formDone("verified", { values: { place: values.place, linked: String(result.linked), merged: String(result.merged) } });
}

type Reply = ReturnType<typeof useActionData<typeof action>>;

export default function IdentityDesk() {
  const { t } = useTranslation();
  const { canVerify } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const busy = useFormBusy();
  const revoking = reply?.values.intent === "revoke" || reply?.done === "revoked";
  const revokeErrors = revoking ? reply?.errors : undefined;
  return (
    <div className="page narrow">
      <h1>{t("verification.desk.title")}</h1>
      {canVerify ? <VerifyInPerson reply={revoking ? undefined : reply} busy={busy} /> : null}

      <h2 id="revoke">{t("trust.revoke.title")}</h2>
      <p>{t("trust.revoke.intro")}</p>
      <p>{t("trust.revoke.supportsKept")}</p>
      {reply?.done === "revoked" ? (
        <p className="notice success" role="status">
          {t("trust.revoke.done")}
        </p>
      ) : null}
      <ErrorSummary errors={revokeErrors} fieldLabels={{ account: t("trust.revoke.email"), reason: t("trust.revoke.reason") }} />
      <Form method="post" noValidate aria-labelledby="revoke" key={reply?.done === "revoked" ? "next" : "revoke"}>
        <input type="hidden" name="intent" value="revoke" />
        <Field name="account" type="email" label={t("trust.revoke.email")} autoComplete="off" required defaultValue={revokeErrors ? reply?.values.account : ""} errors={revokeErrors?.account} />
        <TextAreaField name="reason" label={t("trust.revoke.reason")} rows={2} required defaultValue={revokeErrors ? reply?.values.reason : ""} errors={revokeErrors?.reason} />
        <button type="submit" className="secondary" disabled={busy}>
          {t("trust.revoke.submit")}
        </button>
      </Form>
    </div>
  );
}

/** The in-person verification form, for the verifying role. */
function VerifyInPerson({ reply, busy }: { reply: Reply; busy: boolean }) {
  const { t } = useTranslation();
  const render = useMessage();
  const errors = reply?.errors;
  return (
    <>
      <p>{t("verification.desk.intro")}</p>
      {reply?.done ? (
        <div className="notice success" role="status">
          <p>{t("verification.desk.done")}</p>
          {reply.values.linked !== undefined && (reply.values.linked !== "0" || reply.values.merged !== "0") ? (
            <p data-testid="linked">{t("verification.desk.linked", { linked: Number(reply.values.linked), merged: Number(reply.values.merged) })}</p>
          ) : null}
        </div>
      ) : null}
      <ErrorSummary
        errors={errors}
        fieldLabels={{
          email: t("verification.desk.email"),
          place: t("verification.desk.place"),
          checked: t("verification.desk.checked"),
          name: t("assisted.nameLabel"),
          birthDate: t("assisted.birthDateLabel"),
          phone: t("assisted.phoneLabel"),
        }}
      />
      {/* A new form after each success, so the next person's address starts empty. */}
      <Form method="post" noValidate key={reply?.done ? "next" : "form"}>
        <Field
          name="email"
          type="email"
          label={t("verification.desk.email")}
          autoComplete="off"
          required
          defaultValue={reply?.done ? "" : reply?.values.email}
          errors={errors?.email}
        />
        <Field
          name="place"
          label={t("verification.desk.place")}
          hint={t("verification.desk.placeHint")}
          required
          maxLength={maxLengthFor(IN_PERSON_PLACE_MAX)}
          defaultValue={reply?.values.place}
          errors={errors?.place}
        />
        <div className={errors?.checked ? "field has-error" : "field"}>
          <label className="choice">
            <input
              id="field-checked"
              type="checkbox"
              name="checked"
              value="on"
              required
              aria-invalid={errors?.checked ? true : undefined}
              aria-describedby={errors?.checked ? "field-checked-error" : undefined}
            />{" "}
            {t("verification.desk.checked")}
          </label>
          {errors?.checked ? (
            <ul id="field-checked-error" className="field-errors">
              {errors.checked.map((m) => (
                <li key={m.key}>{render(m)}</li>
              ))}
            </ul>
          ) : null}
        </div>
        <fieldset>
          <legend>{t("verification.desk.linkTitle")}</legend>
          <p className="hint">{t("verification.desk.linkHint")}</p>
          <Field name="name" label={t("assisted.nameLabel")} autoComplete="off" defaultValue={reply?.done ? "" : reply?.values.name} errors={errors?.name} />
          <Field name="birthDate" type="date" label={t("assisted.birthDateLabel")} defaultValue={reply?.done ? "" : reply?.values.birthDate} errors={errors?.birthDate} />
          <Field name="phone" type="tel" label={t("assisted.phoneLabel")} autoComplete="off" defaultValue={reply?.done ? "" : reply?.values.phone} errors={errors?.phone} />
        </fieldset>
        <button type="submit" disabled={busy}>
          {t("verification.desk.submit")}
        </button>
      </Form>
    </>
  );
}
