import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/ui/translation";
import { requireActor } from "~/auth/actor.server";
import { createThread } from "~/domain/deliberation/deliberation.server";
import { committeeFormPage, committeeOr404 } from "~/http/committee-forms.server";
import { POST_MAX, STANCES, THREAD_FIELDS, THREAD_TITLE_MAX, THREAD_TITLE_MIN } from "~/domain/deliberation/limits";
import { ErrorSummary, Field, TextAreaField, useMessage, useFormBusy } from "~/ui/form";
import { formValues, type FieldErrors } from "~/utils/result";
import { pageTitle } from "~/utils/meta";
import { maxLengthFor } from "~/utils/text";

export const meta: MetaFunction<typeof loader> = (args) => pageTitle(args, (t) => [t("deliberation.newThread.heading"), args.data?.name]);

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  return json(await committeeFormPage(context, params.slug, requireActor(context, request), "thread"));
}

type Reply = { errors?: FieldErrors; values: Record<string, string> };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const committee = await committeeOr404(context, params.slug);
  const values = formValues(await request.formData(), THREAD_FIELDS);
  const result = await createThread(context.services.db, context.actor, committee.id, values);
  if (!result.ok) return json<Reply>({ errors: result.errors, values }, { status: result.status });
  return redirect(`/threads/${result.threadId}`);
}

export default function NewThread() {
  const { t } = useTranslation();
  const render = useMessage();
  const data = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const busy = useFormBusy();
  const errors = reply?.errors;
  const values = reply?.values;
  const labels = { title: t("deliberation.newThread.titleLabel"), body: t("deliberation.newThread.bodyLabel") };
  return (
    <div className="page narrow-wide">
      <p>
        <Link to={`/committees/${data.slug}`}>{data.name}</Link>
      </p>
      <h1>{t("deliberation.newThread.heading")}</h1>
      {!data.allowed ? (
        <p className="notice error" role="alert">
          {t("deliberation.membersOnly")}
        </p>
      ) : (
        <>
          <ErrorSummary errors={errors} fieldLabels={labels} />
          <Form method="post" noValidate>
            <Field
              name="title"
              label={labels.title}
              hint={t("deliberation.newThread.titleHint", { min: THREAD_TITLE_MIN, max: THREAD_TITLE_MAX })}
              required
              maxLength={maxLengthFor(THREAD_TITLE_MAX)}
              defaultValue={values?.title}
              errors={errors?.title}
              autoComplete="off"
            />
            <TextAreaField
              name="body"
              label={labels.body}
              hint={t("deliberation.markdownHint", { max: "5,000" })}
              required
              rows={10}
              maxLength={maxLengthFor(POST_MAX)}
              defaultValue={values?.body}
              errors={errors?.body}
            />
            <fieldset className={errors?.stance ? "field stance-field has-error" : "field stance-field"}>
              <legend>{t("deliberation.stanceLegend")}</legend>
              {errors?.stance ? (
                <ul className="field-errors">
                  {errors.stance.map((m) => (
                    <li key={m.key}>{render(m)}</li>
                  ))}
                </ul>
              ) : null}
              {STANCES.map((stance) => (
                <label key={stance} className="choice">
                  <input type="radio" name="stance" value={stance} defaultChecked={(values?.stance || "neutral") === stance} />{" "}
                  {t(`deliberation.stance.${stance}`)}
                </label>
              ))}
            </fieldset>
            <div className="actions">
              <button type="submit" disabled={busy}>
                {t("deliberation.newThread.submit")}
              </button>
              <Link to={`/committees/${data.slug}`}>{t("deliberation.cancel")}</Link>
            </div>
          </Form>
        </>
      )}
    </div>
  );
}
