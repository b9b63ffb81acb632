// The organiser writes the minutes after the event, or edits them: each save is a new public
// version with a note of what changed.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/ui/translation";
import { requireStaff } from "~/auth/actor.server";
import { currentMinutes, publishMinutes } from "~/domain/events/minutes.server";
import { eventStaffRefusal } from "~/domain/events/permissions";
import { eventForEdit, titleIn } from "~/domain/events/queries.server";
import { EVENT_LIMITS } from "~/domain/events/limits";
import { ErrorSummary, Field, FormErrors, TextAreaField, useFormBusy } from "~/ui/form";
import { formFailure, idParam } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";
import { formValues } from "~/utils/result";
import { maxLengthFor } from "~/utils/text";

export const meta: MetaFunction<typeof loader> = (args) => pageTitle(args, (t) => [t("events.minutes.editTitle", { title: args.data?.title ?? "" }), t("events.title")]);

const FIELDS = ["body", "attendance", "facilitator", "ideas", "note", "baseVersion"] as const;

async function organiser(context: LoaderFunctionArgs["context"], request: Request, id: number) {
  const event = await eventForEdit(context.services.db, id);
  if (!event) throw new Response("Not found", { status: 404 });
  const actor = requireStaff(context, request, (a) => eventStaffRefusal(a, event) === null);
  return { event, actor };
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const id = idParam(params);
  const { event } = await organiser(context, request, id);
  const minutes = await currentMinutes(context.services.db, id);
  return json({
    id,
    title: titleIn(event, context.locale),
    version: minutes?.version ?? 0,
    values: minutes
      ? { body: minutes.body, attendance: String(minutes.attendance), facilitator: minutes.facilitator, ideas: minutes.ideaIds.join(", "), note: "" }
      : { body: "", attendance: "", facilitator: "", ideas: "", note: "" },
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const id = idParam(params);
  const { actor } = await organiser(context, request, id);
  const values = formValues(await request.formData(), FIELDS);
  const result = await publishMinutes(context.services.db, actor, id, values);
  if (!result.ok) return formFailure(result, values);
  return redirect(`/events/${id}#minutes-heading`);
}

export default function EventMinutes() {
  const { t } = useTranslation();
  const { id, title, version, values: stored } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const busy = useFormBusy();
  const values: Record<string, string> = reply?.values ?? stored;
  const errors = reply?.errors;
  const labels = {
    body: t("events.minutes.body"),
    attendance: t("events.minutes.attendance"),
    facilitator: t("events.minutes.facilitator"),
    ideas: t("events.minutes.ideasField"),
    note: t("events.minutes.note"),
  };
  return (
    <div className="page narrow">
      <p>
        <Link to={`/events/${id}`}>{title}</Link>
      </p>
      <h1>{t("events.minutes.editTitle", { title })}</h1>
      <ErrorSummary errors={errors} fieldLabels={labels} />
      <Form method="post" className="stack">
        <FormErrors messages={errors?._form ?? []} />
        <input type="hidden" name="baseVersion" value={version} />
        <TextAreaField name="body" label={labels.body} hint={t("pages.bodyHint")} required rows={14} maxLength={maxLengthFor(EVENT_LIMITS.minutes)} defaultValue={values.body} errors={errors?.body} />
        <Field name="attendance" type="number" min={0} inputMode="numeric" label={labels.attendance} required defaultValue={values.attendance} errors={errors?.attendance} />
        <Field name="facilitator" label={labels.facilitator} required maxLength={maxLengthFor(EVENT_LIMITS.facilitator)} defaultValue={values.facilitator} errors={errors?.facilitator} />
        <Field name="ideas" label={labels.ideas} hint={t("events.minutes.ideasHint")} defaultValue={values.ideas} errors={errors?.ideas} autoComplete="off" />
        {version > 0 ? <Field name="note" label={labels.note} hint={t("pages.noteHint")} maxLength={maxLengthFor(EVENT_LIMITS.note)} defaultValue={values.note} errors={errors?.note} /> : null}
        <button type="submit" disabled={busy}>
          {t("events.minutes.publish")}
        </button>
      </Form>
    </div>
  );
}
