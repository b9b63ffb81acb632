// The chair schedules a committee meeting: a time (Korea time), a place and/or an online link,
// and an agenda of ideas in the committee's care (decision 029).
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/ui/translation";
import { requireActor } from "~/auth/actor.server";
import { MEETING_LIMITS } from "~/domain/committees/meetings";
import { scheduleMeeting } from "~/domain/committees/meetings.server";
import { committeeFormPage, committeeOr404 } from "~/http/committee-forms.server";
import { ErrorSummary, Field, useFormBusy } from "~/ui/form";
import { AgendaField } from "~/ui/meetings";
import { formValues, type FieldErrors } from "~/utils/result";
import { pageTitle } from "~/utils/meta";
import { maxLengthFor } from "~/utils/text";

export const meta: MetaFunction<typeof loader> = (args) => pageTitle(args, (t) => [t("meetings.new.title"), args.data?.name]);

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  return json(await committeeFormPage(context, params.slug, requireActor(context, request), "meeting"));
}

type Reply = { errors?: FieldErrors; values: Record<string, string>; agenda: string[] };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const committee = await committeeOr404(context, params.slug);
  const form = await request.formData();
  const values = formValues(form, ["startsAt", "place", "onlineUrl"]);
  const agenda = form.getAll("agenda").map(String);
  const result = await scheduleMeeting(context.services.db, context.actor, committee.id, { ...values, agenda });
  if (!result.ok) return json<Reply>({ errors: result.errors, values, agenda }, { status: result.status });
  return redirect(`/committees/${committee.slug}/meetings/${result.meetingId}?done=scheduled`);
}

export default function NewMeeting() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const busy = useFormBusy();
  const errors = reply?.errors;
  const labels = { startsAt: t("meetings.form.startsAt"), place: t("meetings.form.place"), onlineUrl: t("meetings.form.onlineUrl"), agenda: t("meetings.form.agenda") };
  return (
    <div className="page narrow-wide">
      <p>
        <Link to={`/committees/${data.slug}`}>{data.name}</Link>
      </p>
      <h1>{t("meetings.new.title")}</h1>
      {!data.allowed ? (
        <p className="notice error" role="alert">
          {t("meetings.new.chairOnly")}
        </p>
      ) : data.choices.length === 0 ? (
        <p>{t("meetings.new.nothingInCare")}</p>
      ) : (
        <>
          <ErrorSummary errors={errors} fieldLabels={labels} />
          <Form method="post" noValidate>
            <Field name="startsAt" type="datetime-local" label={labels.startsAt} hint={t("meetings.form.startsAtHint")} required defaultValue={reply?.values.startsAt} errors={errors?.startsAt} />
            <Field name="place" label={labels.place} hint={t("meetings.form.whereHint")} maxLength={maxLengthFor(MEETING_LIMITS.place)} defaultValue={reply?.values.place} errors={errors?.place} />
            <Field name="onlineUrl" type="url" label={labels.onlineUrl} maxLength={maxLengthFor(MEETING_LIMITS.url)} defaultValue={reply?.values.onlineUrl} errors={errors?.onlineUrl} />
            <AgendaField choices={data.choices} chosen={reply?.agenda} errors={errors?.agenda} legend={labels.agenda} />
            <button type="submit" disabled={busy}>
              {t("meetings.new.submit")}
            </button>
          </Form>
        </>
      )}
    </div>
  );
}
