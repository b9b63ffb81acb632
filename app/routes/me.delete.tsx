import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/ui/translation";
import { requireActor } from "~/auth/actor.server";
import { consume, refund } from "~/auth/rate-limit.server";
import { leaveMadang } from "~/domain/privacy/delete.server";
import { leaveRefusal } from "~/domain/privacy/permissions";
import { ErrorSummary, Field, useMessage, useFormBusy } from "~/ui/form";
import { formFailure } from "~/utils/http.server";
import { fail, formValues, FORM, msg } from "~/utils/result";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = (args) =>
  pageTitle(args, (t) => ((args.data as { state?: string } | undefined)?.state === "done" ? t("privacy.delete.doneTitle") : t("privacy.delete.title")));

export async function loader({ request, context }: LoaderFunctionArgs) {
  // After leaving there is no session: the farewell is shown to whoever comes with ?done.
  if (!context.actor && new URL(request.url).searchParams.has("done")) return json({ state: "done" as const, refusal: null });
  const actor = requireActor(context, request);
  return json({ state: "form" as const, refusal: leaveRefusal(actor, { deleted_at: null })?.message ?? null });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = requireActor(context, request);
  const { services } = context;
  const form = await request.formData();
  const values = formValues(form, ["password", "withdrawPosts"]);
  const kept = { withdrawPosts: values.withdrawPosts };
  // Guessing the password here counts against the same budget as guessing it at sign-in.
  const wait = await consume(services.limiters.loginEmail, actor.email);
  if (wait) return formFailure(fail(FORM, msg("errors.loginLimited", { count: wait }), 429), kept);
  const result = await leaveMadang(services.db, actor, values);
  if (!result.ok) {
    if (!result.errors.password) await refund(services.limiters.loginEmail, actor.email);
    return formFailure(result, kept);
  }
  services.log.info({ event: "account.deleted", userId: actor.id }, "account deleted by its owner");
  return redirect("/me/delete?done=1", { headers: { "Set-Cookie": services.auth.createBlankSessionCookie().serialize() } });
}

export default function LeaveMadang() {
  const { t } = useTranslation();
  const render = useMessage();
  const { state, refusal } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const busy = useFormBusy();
  if (state === "done") {
    return (
      <div className="page narrow">
        <h1>{t("privacy.delete.doneTitle")}</h1>
        <p role="status">{t("privacy.delete.done")}</p>
        <p>
          <Link to="/">{t("privacy.delete.home")}</Link>
        </p>
      </div>
    );
  }
  const errors = reply?.errors;
  return (
    <div className="page narrow">
      <p>
        <Link to="/me/settings">{t("mine.settingsTitle")}</Link>
      </p>
      <h1>{t("privacy.delete.title")}</h1>
      <p>{t("privacy.delete.intro")}</p>
      <h2>{t("privacy.delete.whatHappens")}</h2>
      <ul>
        <li>{t("privacy.delete.nameGoes")}</li>
        <li>{t("privacy.delete.supportsStay")}</li>
        <li>{t("privacy.delete.ideasStay")}</li>
        <li>{t("privacy.delete.postsChoice")}</li>
      </ul>
      <p>
        <Link to="/me/data">{t("privacy.delete.exportFirst")}</Link>
      </p>
      {refusal ? (
        <p className="notice">{render(refusal)}</p>
      ) : (
        <>
          <ErrorSummary errors={errors} fieldLabels={{ password: t("privacy.delete.password") }} />
          <Form method="post" noValidate>
            <Field
              name="password"
              type="password"
              // A new element after each refused submit, so the typed password does not linger.
              key={JSON.stringify(errors ?? null)}
              label={t("privacy.delete.password")}
              hint={t("privacy.delete.passwordHint")}
              autoComplete="current-password"
              required
              errors={errors?.password}
            />
            <div className="field">
              <label className="choice">
                <input type="checkbox" name="withdrawPosts" value="on" defaultChecked={reply?.values.withdrawPosts === "on"} />{" "}
                {t("privacy.delete.withdrawPosts")}
              </label>
            </div>
            <button type="submit" disabled={busy}>
              {t("privacy.delete.submit")}
            </button>
          </Form>
        </>
      )}
    </div>
  );
}
