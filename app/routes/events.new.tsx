// An organiser (or an admin) creates an event for a committee, an agency or the operator they act for.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/ui/translation";
import { requireStaff } from "~/auth/actor.server";
import { createEvent } from "~/domain/events/events.server";
import { canOrganiseEvents } from "~/domain/events/permissions";
import { organiserChoices, regionChoices } from "~/domain/events/queries.server";
import { EVENT_FIELDS } from "~/domain/events/limits";
import { EventForm } from "~/ui/events";
import { formFailure } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";
import { formValues } from "~/utils/result";
import { useFormBusy } from "~/ui/form";

export const meta: MetaFunction = (args) => pageTitle(args, (t) => [t("events.create"), t("events.title")]);

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireStaff(context, request, (a) => canOrganiseEvents(a));
  const { db } = context.services;
  const [organisers, regions] = await Promise.all([organiserChoices(db, actor, context.locale), regionChoices(db, context.locale)]);
  return json({ organisers, regions });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = requireStaff(context, request, (a) => canOrganiseEvents(a));
  const values = formValues(await request.formData(), EVENT_FIELDS);
  const result = await createEvent(context.services.db, actor, values);
  if (!result.ok) return formFailure(result, values);
  return redirect(`/events/${result.eventId}`);
}

export default function NewEvent() {
  const { t } = useTranslation();
  const { organisers, regions } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const busy = useFormBusy();
  return (
    <div className="page narrow">
      <p>
        <Link to="/events">{t("events.title")}</Link>
      </p>
      <h1>{t("events.create")}</h1>
      <EventForm
        values={reply?.values ?? { kind: "forum", organiser: organisers[0]?.value ?? "" }}
        errors={reply?.errors}
        organisers={organisers.map((o) => ({ value: o.value, label: o.name ?? t("events.operator") }))}
        regions={regions}
        busy={busy}
        submitLabel={t("events.createSubmit")}
      />
    </div>
  );
}
