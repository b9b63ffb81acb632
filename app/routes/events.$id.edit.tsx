// The event's organiser edits it (a larger capacity lets the waiting list in).
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/ui/translation";
import { requireStaff } from "~/auth/actor.server";
import { editEvent } from "~/domain/events/events.server";
import { eventStaffRefusal } from "~/domain/events/permissions";
import { eventForEdit, organiserChoices, regionChoices, titleIn } from "~/domain/events/queries.server";
import { EVENT_FIELDS } from "~/domain/events/limits";
import { EventForm } from "~/ui/events";
import { formFailure, idParam } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";
import { formValues } from "~/utils/result";
import { toKoreaTimeInput } from "~/utils/korea-time";
import { useFormBusy } from "~/ui/form";

export const meta: MetaFunction<typeof loader> = (args) => pageTitle(args, (t) => [t("events.editTitle", { title: args.data?.title ?? "" }), t("events.title")]);

async function editable(context: LoaderFunctionArgs["context"], request: Request, id: number) {
  const event = await eventForEdit(context.services.db, id);
  if (!event) throw new Response("Not found", { status: 404 });
  const actor = requireStaff(context, request, (a) => eventStaffRefusal(a, event) === null);
  return { event, actor };
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const id = idParam(params);
  const { event: e, actor } = await editable(context, request, id);
  const { db } = context.services;
  const [organisers, regions] = await Promise.all([organiserChoices(db, actor, context.locale), regionChoices(db, context.locale)]);
  const on = (b: boolean) => (b ? "on" : "");
  const values: Record<string, string> = {
    organiser: e.committee_id !== null ? `committee:${e.committee_id}` : e.agency_id !== null ? `agency:${e.agency_id}` : "operator",
    kind: e.kind,
    titleKo: e.title_ko,
    titleEn: e.title_en,
    descriptionKo: e.description_ko,
    descriptionEn: e.description_en,
    startsAt: toKoreaTimeInput(e.starts_at),
    endsAt: toKoreaTimeInput(e.ends_at),
    regionId: e.region_id === null ? "" : String(e.region_id),
    place: e.place,
    address: e.address,
    onlineUrl: e.online_url,
    stepFree: on(e.step_free),
    signLanguage: on(e.sign_language),
    captioning: on(e.captioning),
    interpretation: e.interpretation,
    accessNotes: e.access_notes,
    capacity: e.capacity === null ? "" : String(e.capacity),
  };
  return json({ id, title: titleIn(e, context.locale), values, organisers, regions });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const id = idParam(params);
  const { actor } = await editable(context, request, id);
  const values = formValues(await request.formData(), EVENT_FIELDS);
  const result = await editEvent(context.services.db, actor, id, values);
  if (!result.ok) return formFailure(result, values);
  return redirect(`/events/${id}`);
}

export default function EditEvent() {
  const { t } = useTranslation();
  const { id, title, values, organisers, regions } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const busy = useFormBusy();
  return (
    <div className="page narrow">
      <p>
        <Link to={`/events/${id}`}>{title}</Link>
      </p>
      <h1>{t("events.editTitle", { title })}</h1>
      <EventForm
        values={reply?.values ?? values}
        errors={reply?.errors}
        organisers={organisers.map((o) => ({ value: o.value, label: o.name ?? t("events.operator") }))}
        regions={regions}
        busy={busy}
        submitLabel={t("events.save")}
      />
    </div>
  );
}
