// The assisted entry desk (issue 18, decision 039): staff file an idea for a person who came to
// a booth, called, or sent a paper form, and give them the claim code printed on the page.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/ui/translation";
import { requireStaff } from "~/auth/actor.server";
import { fileAssistedIdea } from "~/domain/assisted/assisted.server";
import { canOpenDesk, deskEvents } from "~/domain/assisted/permissions";
import { deskIdeas } from "~/domain/assisted/queries.server";
import { CONSENT_REF_MAX } from "~/domain/assisted/limits";
import { IDEA_FIELDS } from "~/domain/ideas/limits";
import { formChoices } from "~/domain/ideas/queries.server";
import { eventChoices } from "~/domain/events/born-here.server";
import { EventPicker } from "~/ui/assisted";
import { ErrorSummary, Field, SelectField, useFormBusy } from "~/ui/form";
import { IdeaFields, ideaFieldLabels } from "~/ui/idea-form";
import { StatusBadge } from "~/ui/ideas";
import { formatDate } from "~/utils/i18n";
import { pageTitle } from "~/utils/meta";
import { formValues, type FieldErrors } from "~/utils/result";
import { maxLengthFor } from "~/utils/text";

export const meta: MetaFunction = (args) =>
  pageTitle(args, (t) => t("assisted.deskTitle"), (t) => [{ name: "description", content: t("assisted.deskDescription") }]);

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireStaff(context, request, canOpenDesk);
  const { db, config } = context.services;
  const [choices, ideas, recent] = await Promise.all([formChoices(db), deskIdeas(db), eventChoices(db, context.locale, new Date())]);
  // An event's organiser files only for their own events (decision 058): the picker offers those.
  const { events, preset } = deskEvents(actor, recent, Number(new URL(request.url).searchParams.get("event")));
  return json({ ...choices, ideas, events, preset, claimUrl: `${config.publicUrl}/claim`, locale: context.locale });
}

const FIELDS = [...IDEA_FIELDS, "channel", "consentRef", "eventId"];

type Reply = { errors?: FieldErrors; values?: Record<string, string>; filed?: { ideaId: number; held: boolean; code: string; expiresAt: string } };

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = requireStaff(context, request, canOpenDesk);
  const values = formValues(await request.formData(), FIELDS);
  const result = await fileAssistedIdea(context.services.db, actor, values);
  if (!result.ok) return json<Reply>({ errors: result.errors, values }, { status: result.status });
  return json<Reply>({ filed: { ideaId: result.ideaId, held: result.held, code: result.code, expiresAt: result.expiresAt } });
}

export default function Desk() {
  const { t } = useTranslation();
  const { categories, regions, campaigns, ideas, events, preset, claimUrl, locale } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const busy = useFormBusy();
  const values = reply?.values;
  const errors = reply?.errors;
  const labels = {
    ...ideaFieldLabels(t),
    channel: t("assisted.channelLabel"),
    consentRef: t("assisted.consentRefLabel"),
    eventId: t("events.bornHere.pickerLabel"),
  };
  return (
    <div className="page narrow-wide">
      <h1>{t("assisted.deskTitle")}</h1>
      <p className="lead">{t("assisted.deskIntro")}</p>
      {reply?.filed ? (
        <section className="notice success claim-slip" aria-labelledby="filed-heading" role="status">
          <h2 id="filed-heading">{t("assisted.filedTitle")}</h2>
          {reply.filed.held ? <p>{t("assisted.filedHeld")}</p> : null}
          <p>{t("assisted.claimCodeIntro", { url: claimUrl })}</p>
          <p>
            {t("assisted.claimCodeLabel")}: <strong className="claim-code" data-testid="claim-code">{reply.filed.code}</strong>
          </p>
          <p>{t("assisted.claimCodeExpires", { date: formatDate(reply.filed.expiresAt, locale) })}</p>
          <p className="hint">{t("assisted.claimCodeOnce")}</p>
          <p>
            <Link to={`/ideas/${reply.filed.ideaId}`}>{t("assisted.viewIdea")}</Link>
          </p>
        </section>
      ) : null}
      <h2>{t("assisted.fileTitle")}</h2>
      <ErrorSummary errors={errors} fieldLabels={labels} />
      <Form method="post" noValidate key={reply?.filed ? `filed-${reply.filed.ideaId}` : "file"}>
        <SelectField
          name="channel"
          label={labels.channel}
          required
          defaultValue={values?.channel ?? (preset ? "event" : "")}
          errors={errors?.channel}
          options={[{ value: "", label: t("assisted.chooseChannel") }, ...(["event", "paper", "phone"] as const).map((c) => ({ value: c, label: t(`assisted.channel.${c}`) }))]}
        />
        <Field name="consentRef" label={labels.consentRef} hint={t("assisted.consentRefHint", { max: CONSENT_REF_MAX })} required maxLength={maxLengthFor(CONSENT_REF_MAX)} defaultValue={values?.consentRef} errors={errors?.consentRef} autoComplete="off" />
        <EventPicker events={events} locale={locale} value={values?.eventId ?? preset} errors={errors?.eventId} />
        <IdeaFields choices={{ categories, regions, campaigns }} locale={locale} values={values} errors={errors} bodyRows={10} />
        <div className="actions">
          <button type="submit" disabled={busy}>
            {t("assisted.fileSubmit")}
          </button>
        </div>
      </Form>
      <section aria-labelledby="recent-heading">
        <h2 id="recent-heading">{t("assisted.recentTitle")}</h2>
        <p>{t("assisted.recentIntro")}</p>
        {ideas.length === 0 ? (
          <p>{t("assisted.noIdeas")}</p>
        ) : (
          <ul className="notice-list">
            {ideas.map((idea) => (
              <li key={idea.id}>
                <Link to={`/desk/ideas/${idea.id}${preset ? `?event=${preset}` : ""}`}>{t("assisted.paperLink", { title: idea.title })}</Link> <StatusBadge status={idea.status} />{" "}
                {t("assisted.counts.online", { count: idea.support_count })} · {t("assisted.counts.paper", { count: idea.paper_support_count })}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
