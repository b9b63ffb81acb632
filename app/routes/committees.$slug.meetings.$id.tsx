// A committee meeting in public (decision 029): when and where, the agenda with each idea's vote,
// every move and the cancellation with the chair's reason, the minutes (attendance, a decision
// per agenda item, the text) and their versions with what each changed. The chair's forms:
// move or cancel before the meeting, publish or correct the minutes after it.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "~/ui/translation";
import { MEETING_LIMITS } from "~/domain/committees/meetings";
import { cancelMeeting, moveMeeting, publishMinutes } from "~/domain/committees/meetings.server";
import { isCommitteeMeeting, meetingPage, type MeetingView } from "~/domain/committees/meetings-queries.server";
import { committeeBySlug } from "~/domain/deliberation/queries.server";
import { VoteCounts } from "~/ui/committees";
import { DiffView } from "~/ui/diff";
import { ErrorSummary, Field, PageForm, TextAreaField, useMessage, useFormBusy } from "~/ui/form";
import { StatusBadge } from "~/ui/ideas";
import { MeetingWhere } from "~/ui/meetings";
import { cacheHeaders, idParam, publicCache } from "~/utils/http.server";
import { formatDate, translator, type Locale } from "~/utils/i18n";
import { pageTitle } from "~/utils/meta";
import { formValues, type FieldErrors } from "~/utils/result";
import { maxLengthFor } from "~/utils/text";
import { toKoreaTimeInput } from "~/utils/korea-time";

export const meta: MetaFunction<typeof loader> = (args) =>
  pageTitle(
    args,
    (t) => (args.data ? [args.data.title, args.data.name] : null),
    (t) => (args.data ? [{ name: "description", content: t("meetings.description", { name: args.data.name }) }] : []),
  );

async function committeeFrom(context: LoaderFunctionArgs["context"], slug: string | undefined) {
  const committee = await committeeBySlug(context.services.db, slug ?? "");
  if (!committee) throw new Response("Not found", { status: 404 });
  return committee;
}

export async function loader({ params, context }: LoaderFunctionArgs) {
  const id = idParam(params);
  const committee = await committeeFrom(context, params.slug);
  const t = translator(context.locale);
  const meeting = await meetingPage(context.services.db, committee.id, id, context.actor, { present: t("meetings.minutes.present"), decision: t("meetings.minutes.decision") });
  if (!meeting) throw new Response("Not found", { status: 404 });
  const name = context.locale === "ko" ? committee.name_ko : committee.name_en;
  return json(
    { slug: committee.slug, name, title: t("meetings.titleOn", { date: formatDate(meeting.startsAt, context.locale, true) }), meeting, locale: context.locale },
    { headers: publicCache(context.actor) },
  );
}

export const headers = cacheHeaders;

type Reply = { errors?: FieldErrors; values?: Record<string, string>; present?: string[]; form?: string };

const INTENTS = ["move", "cancel", "minutes"] as const;

export async function action({ request, params, context }: ActionFunctionArgs) {
  const id = idParam(params);
  const committee = await committeeFrom(context, params.slug);
  const { db } = context.services;
  // The meeting must be this committee's: another committee's id is not found here.
  if (!(await isCommitteeMeeting(db, committee.id, id))) throw new Response("Not found", { status: 404 });
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  if (!(INTENTS as readonly string[]).includes(intent)) return json<Reply>({ errors: { _form: [{ key: "errors.invalidChoice" }] } }, { status: 400 });
  const values = formValues(form, ["startsAt", "place", "onlineUrl", "reason", "body", "note"]);
  const present = form.getAll("present").map(String);
  const decisions: Record<string, string> = {};
  for (const [key, value] of form.entries()) {
    const m = /^decision-(\d{1,15})$/.exec(key);
    if (m && typeof value === "string") {
      decisions[m[1]] = value;
      values[key] = value;
    }
  }
  const result =
    intent === "move"
      ? await moveMeeting(db, context.actor, id, values)
      : intent === "cancel"
        ? await cancelMeeting(db, context.actor, id, values)
        : await publishMinutes(db, context.actor, id, { body: values.body, note: values.note, present, decisions });
  if (!result.ok) return json<Reply>({ errors: result.errors, values, present, form: intent }, { status: result.status });
  return redirect(`/committees/${committee.slug}/meetings/${id}?done=${intent}`);
}

function Agenda({ meeting, decisions, locale }: { meeting: MeetingView; decisions: Map<number, string> | null; locale: Locale }) {
  const { t } = useTranslation();
  return (
    <ol className="agenda">
      {meeting.agenda.map((item) => (
        <li key={item.id}>
          <Link to={`/ideas/${item.id}`}>{item.title ?? t("moderation.hiddenIdeaTitle")}</Link> <StatusBadge status={item.status} />
          {item.vote ? (
            <p>
              <Link to={`/ideas/${item.id}#committee-vote`}>{t("meetings.vote")}</Link>:{" "}
              {item.vote.counts ? <VoteCounts counts={item.vote.counts} locale={locale} /> : t("meetings.voteOpen")}
            </p>
          ) : null}
          {decisions?.has(item.id) ? (
            <p>
              <strong>{t("meetings.minutes.decision")}:</strong> {decisions.get(item.id)}
            </p>
          ) : null}
        </li>
      ))}
    </ol>
  );
}

function ChairForms({ meeting, reply, busy }: { meeting: MeetingView; reply?: Reply; busy: boolean }) {
  const { t } = useTranslation();
  const mine = (form: string) => (reply?.form === form ? reply : undefined);
  const move = mine("move");
  const cancel = mine("cancel");
  const minutes = mine("minutes");
  const presentNow = minutes?.present ?? meeting.minutes?.attendance.map((a) => String(a.userId)) ?? [];
  const decided = new Map(meeting.minutes?.decisions.map((d) => [d.ideaId, d.decision]) ?? []);
  return (
    <section className="panel staff" aria-labelledby="chair-heading">
      <h2 id="chair-heading">{t("meetings.chair.title")}</h2>
      {meeting.can.change ? (
        <>
          <details open={Boolean(move)}>
            <summary>{t("meetings.chair.move")}</summary>
            <PageForm noValidate>
              <input type="hidden" name="intent" value="move" />
              <ErrorSummary errors={move?.errors} />
              <Field name="startsAt" id="move-startsAt" type="datetime-local" label={t("meetings.form.startsAt")} required defaultValue={move?.values?.startsAt ?? toKoreaTimeInput(meeting.startsAt)} errors={move?.errors?.startsAt} />
              <Field name="place" id="move-place" label={t("meetings.form.place")} hint={t("meetings.form.whereHint")} maxLength={maxLengthFor(MEETING_LIMITS.place)} defaultValue={move?.values?.place ?? meeting.place ?? ""} errors={move?.errors?.place} />
              <Field name="onlineUrl" id="move-onlineUrl" type="url" label={t("meetings.form.onlineUrl")} maxLength={maxLengthFor(MEETING_LIMITS.url)} defaultValue={move?.values?.onlineUrl ?? meeting.onlineUrl ?? ""} errors={move?.errors?.onlineUrl} />
              <TextAreaField name="reason" id="move-reason" label={t("meetings.form.reason")} hint={t("meetings.form.reasonHint", { min: MEETING_LIMITS.reasonMin, max: MEETING_LIMITS.reason })} rows={2} maxLength={maxLengthFor(MEETING_LIMITS.reason)} required defaultValue={move?.values?.reason} errors={move?.errors?.reason} />
              <button type="submit" disabled={busy}>
                {t("meetings.chair.moveSubmit")}
              </button>
            </PageForm>
          </details>
          <details open={Boolean(cancel)}>
            <summary>{t("meetings.chair.cancel")}</summary>
            <PageForm noValidate>
              <input type="hidden" name="intent" value="cancel" />
              <ErrorSummary errors={cancel?.errors} />
              <TextAreaField name="reason" id="cancel-reason" label={t("meetings.form.reason")} hint={t("meetings.form.reasonHint", { min: MEETING_LIMITS.reasonMin, max: MEETING_LIMITS.reason })} rows={2} maxLength={maxLengthFor(MEETING_LIMITS.reason)} required defaultValue={cancel?.values?.reason} errors={cancel?.errors?.reason} />
              <button type="submit" className="secondary" disabled={busy}>
                {t("meetings.chair.cancelSubmit")}
              </button>
            </PageForm>
          </details>
        </>
      ) : null}
      {meeting.can.minutes ? (
        <PageForm noValidate aria-labelledby="minutes-form-heading">
          <h3 id="minutes-form-heading">{meeting.minutes ? t("meetings.chair.correct") : t("meetings.chair.publish")}</h3>
          <input type="hidden" name="intent" value="minutes" />
          <ErrorSummary errors={minutes?.errors} />
          <fieldset className="field">
            <legend>{t("meetings.minutes.attendance")}</legend>
            {minutes?.errors?.present ? <FieldMessages id="present-error" messages={minutes.errors.present} /> : null}
            {meeting.members.map((m) => (
              <label key={m.id} className="choice">
                <input type="checkbox" name="present" value={m.id} defaultChecked={presentNow.includes(String(m.id))} /> {m.name}
              </label>
            ))}
          </fieldset>
          {meeting.agenda.map((item) => (
            <TextAreaField
              key={item.id}
              name={`decision-${item.id}`}
              label={t("meetings.minutes.decisionOn", { title: item.title ?? `#${item.id}` })}
              rows={2}
              maxLength={maxLengthFor(MEETING_LIMITS.decision)}
              required
              defaultValue={minutes?.values?.[`decision-${item.id}`] ?? decided.get(item.id) ?? ""}
              errors={minutes?.errors?.[`decision-${item.id}`]}
            />
          ))}
          <TextAreaField name="body" label={t("meetings.minutes.body")} hint={t("meetings.minutes.bodyHint")} rows={10} maxLength={maxLengthFor(MEETING_LIMITS.body)} required defaultValue={minutes?.values?.body ?? meeting.minutes?.body ?? ""} errors={minutes?.errors?.body} />
          {meeting.minutes ? (
            <Field name="note" label={t("meetings.minutes.note")} hint={t("meetings.minutes.noteHint")} maxLength={maxLengthFor(MEETING_LIMITS.note)} required defaultValue={minutes?.values?.note} errors={minutes?.errors?.note} />
          ) : null}
          <button type="submit" disabled={busy}>
            {meeting.minutes ? t("meetings.chair.correctSubmit") : t("meetings.chair.publishSubmit")}
          </button>
        </PageForm>
      ) : null}
    </section>
  );
}

function FieldMessages({ id, messages }: { id: string; messages: { key: string; values?: Record<string, string | number> }[] }) {
  const render = useMessage();
  return (
    <ul id={id} className="field-errors">
      {messages.map((e) => (
        <li key={e.key}>{render(e)}</li>
      ))}
    </ul>
  );
}

export default function MeetingPage() {
  const { t } = useTranslation();
  const { slug, name, title, meeting, locale } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const busy = useFormBusy();
  const done = new URLSearchParams(useLocation().search).get("done");
  const decisions = meeting.minutes ? new Map(meeting.minutes.decisions.map((d) => [d.ideaId, d.decision])) : null;
  return (
    <article className="page">
      <p>
        <Link to={`/committees/${slug}`}>{name}</Link>
      </p>
      <h1>{title}</h1>
      {done && ["scheduled", "move", "cancel", "minutes"].includes(done) ? (
        <p className="notice success" role="status">
          {t(`meetings.done.${done}`)}
        </p>
      ) : null}
      {meeting.cancelledAt ? (
        <p className="notice error" role="note">
          {t("meetings.cancelledOn", { date: formatDate(meeting.cancelledAt, locale) })}
        </p>
      ) : null}
      <p>
        <MeetingWhere place={meeting.place} onlineUrl={meeting.onlineUrl} />
      </p>
      <div className="idea-layout">
        <div>
          <section aria-labelledby="agenda-heading">
            <h2 id="agenda-heading">{t("meetings.agenda")}</h2>
            <Agenda meeting={meeting} decisions={decisions} locale={locale} />
          </section>
          {meeting.changes.length > 0 ? (
            <section aria-labelledby="changes-heading">
              <h2 id="changes-heading">{t("meetings.changes")}</h2>
              <ul className="link-list">
                {meeting.changes.map((c) => (
                  <li key={c.id}>
                    {c.kind === "moved"
                      ? t("meetings.moved", { from: formatDate(c.from, locale, true), to: formatDate(c.to!, locale, true) })
                      : t("meetings.cancelled", { date: formatDate(c.at, locale) })}{" "}
                    {t("meetings.because", { reason: c.reason })}
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          <section aria-labelledby="minutes-heading">
            <h2 id="minutes-heading">{t("meetings.minutes.title")}</h2>
            {meeting.minutes ? (
              <>
                <p className="hint">
                  {t("meetings.minutes.version", { version: meeting.minutes.version, date: formatDate(meeting.minutes.createdAt, locale, true) })}
                </p>
                <p>
                  <strong>{t("meetings.minutes.attendance")}:</strong>{" "}
                  {meeting.minutes.attendance.length ? meeting.minutes.attendance.map((a) => a.name).join(", ") : t("meetings.minutes.nobody")}
                </p>
                {/* body_html was sanitized when the minutes were written (app/utils/markdown.server.ts). */}
                <div className="idea-body" dangerouslySetInnerHTML={{ __html: meeting.minutes.bodyHtml }} />
                {meeting.history.length > 1 ? (
                  <section aria-labelledby="versions-heading">
                    <h3 id="versions-heading">{t("meetings.minutes.versions")}</h3>
                    {meeting.history.map((v) => (
                      <details key={v.version}>
                        <summary>
                          {t("meetings.minutes.version", { version: v.version, date: formatDate(v.createdAt, locale, true) })}
                          {v.note ? ` — ${v.note}` : null}
                        </summary>
                        {v.diff ? <DiffView diff={v.diff} label={t("meetings.minutes.changesOf", { version: v.version })} /> : <p>{t("pages.firstVersion")}</p>}
                      </details>
                    ))}
                  </section>
                ) : null}
              </>
            ) : (
              <p>{meeting.held ? t("meetings.minutes.notYet") : t("meetings.minutes.afterMeeting")}</p>
            )}
          </section>
        </div>
        <aside>{meeting.can.change || meeting.can.minutes ? <ChairForms meeting={meeting} reply={reply} busy={busy} /> : null}</aside>
      </div>
    </article>
  );
}
