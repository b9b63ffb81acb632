// One event: what, when (Korea time), where and how to get in (access, interpretation, the
// online link), who organises it, the places left; registration and the waiting list; the
// calendar file; the minutes once published. The organiser also sees the list of people,
// marks attendance, and may edit or cancel the event. The ideas born at the event (filed there
// by staff: decision 040) are listed once it has started.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/ui/translation";
import { ideasBornAt, paperAt } from "~/domain/events/born-here.server";
import { cancelEvent } from "~/domain/events/events.server";
import { currentMinutes } from "~/domain/events/minutes.server";
import { eventStaffRefusal } from "~/domain/events/permissions";
import { eventById, eventRoster, registrationOf } from "~/domain/events/queries.server";
import { cancelRegistration, markAttendance, registerForEvent } from "~/domain/events/registrations.server";
import { EVENT_LIMITS } from "~/domain/events/limits";
import { dispatchIntent, type IntentReply } from "~/http/intents.server";
import { AccessList, EventTime, organiserName } from "~/ui/events";
import { Field, FormErrors, PageForm, useFormBusy } from "~/ui/form";
import { StatusBadge } from "~/ui/ideas";
import { MetaLine } from "~/ui/meta-line";
import { cacheHeaders, idParam, publicCache } from "~/utils/http.server";
import { formatDate, formatNumber } from "~/utils/i18n";
import { renderMarkdown } from "~/utils/markdown.server";
import { pageTitle } from "~/utils/meta";
import { maxLengthFor } from "~/utils/text";

export const meta: MetaFunction<typeof loader> = (args) =>
  pageTitle(args, (t) => [args.data?.event.title, t("events.title")], args.data ? [{ name: "description", content: args.data.summary }] : []);

export async function loader({ params, context }: LoaderFunctionArgs) {
  const { db } = context.services;
  const id = idParam(params);
  const event = await eventById(db, id, context.locale);
  if (!event) throw new Response("Not found", { status: 404 });
  const actor = context.actor;
  const manages = eventStaffRefusal(actor, { committee_id: event.committeeId, agency_id: event.agencyId }) === null;
  const [minutes, mine, roster, born, paper] = await Promise.all([
    currentMinutes(db, id),
    actor ? registrationOf(db, id, actor.id) : null,
    manages ? eventRoster(db, id) : null,
    ideasBornAt(db, id),
    paperAt(db, id),
  ]);
  const now = Date.now();
  const { description, ...rest } = event;
  return json(
    {
      event: rest,
      descriptionHtml: description ? renderMarkdown(description) : "",
      summary: description.replace(/\s+/g, " ").slice(0, 160) || event.title,
      minutes,
      born,
      paper,
      mine,
      roster,
      manages,
      signedIn: Boolean(actor),
      started: new Date(event.startsAt).getTime() <= now,
      ended: new Date(event.endsAt).getTime() <= now,
      locale: context.locale,
    },
    { headers: publicCache(actor) },
  );
}

export const headers = cacheHeaders;

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { db } = context.services;
  const id = idParam(params);
  const actor = context.actor;
  return dispatchIntent(await request.formData(), {
    register: { fields: [], panel: () => "registration", run: () => registerForEvent(db, actor, id) },
    unregister: { fields: [], panel: () => "registration", run: () => cancelRegistration(db, actor, id) },
    cancel: { fields: ["reason"], panel: () => "cancel", run: (values) => cancelEvent(db, actor, id, values) },
    attendance: {
      fields: ["registrationId", "attended"],
      panel: (values) => `attendance:${values.registrationId}`,
      run: (values) => markAttendance(db, actor, id, values),
    },
  });
}

export default function EventPage() {
  const { t } = useTranslation();
  const { event: e, descriptionHtml, minutes, born, paper, mine, roster, manages, signedIn, started, ended, locale } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>() as IntentReply | undefined;
  const busy = useFormBusy();
  const errorsFor = (panel: string) => (reply?.form === panel ? reply.errors : undefined);
  const full = e.capacity !== null && e.registered >= e.capacity;
  return (
    <div className="page narrow">
      <p>
        <Link to="/events">{t("events.title")}</Link>
      </p>
      <h1>{e.title}</h1>
      {e.cancelled ? (
        <p className="notice error" role="status">
          {t("events.cancelledBecause", { reason: e.cancelReason })}
        </p>
      ) : null}
      <MetaLine>
        <span>{t(`events.kind.${e.kind}`)}</span>
        <span>
          {t("events.organisedBy", { name: organiserName(e.organiser, t) })}
        </span>
      </MetaLine>
      <dl className="event-facts">
        <dt>{t("events.when")}</dt>
        <dd>
          <EventTime startsAt={e.startsAt} endsAt={e.endsAt} locale={locale} /> {t("events.koreaTime")}
        </dd>
        {e.place ? (
          <>
            <dt>{t("events.where")}</dt>
            <dd>
              {e.place}
              {e.address ? (
                <>
                  <br />
                  {e.address}
                </>
              ) : null}
              {e.region ? ` (${e.region})` : null}
            </dd>
          </>
        ) : null}
        {e.onlineUrl ? (
          <>
            <dt>{t("events.onlineLink")}</dt>
            <dd>
              <a href={e.onlineUrl} rel="nofollow noopener" target="_blank">
                {e.onlineUrl}
              </a>
            </dd>
          </>
        ) : null}
        <dt>{t("events.access.title")}</dt>
        <dd>
          <AccessList access={e.access} />
          {e.accessNotes ? <p>{e.accessNotes}</p> : null}
          {!e.access.stepFree && !e.access.signLanguage && !e.access.captioning && !e.access.interpretation && !e.accessNotes ? t("events.access.none") : null}
        </dd>
        <dt>{t("events.placesTitle")}</dt>
        <dd>{e.capacity === null ? t("events.noLimit", { count: e.registered }) : t("events.places", { taken: e.registered, capacity: e.capacity })}</dd>
      </dl>
      {e.organiser.href ? (
        <p>
          <Link to={e.organiser.href}>{t("events.aboutOrganiser", { name: e.organiser.name })}</Link>
        </p>
      ) : null}
      {descriptionHtml ? <div className="page-body" dangerouslySetInnerHTML={{ __html: descriptionHtml }} /> : null}
      <p>
        <a href={`/events/${e.id}.ics`} download>
          {t("events.calendarOne")}
        </a>
      </p>

      <section aria-labelledby="registration-heading">
        <h2 id="registration-heading">{t("events.registration")}</h2>
        <FormErrors messages={errorsFor("registration")?._form ?? []} />
        {e.cancelled ? (
          <p>{t("events.registrationClosedCancelled")}</p>
        ) : started ? (
          <p>{t("events.registrationClosed")}</p>
        ) : mine ? (
          <>
            <p role="status">{mine.state === "registered" ? t("events.youAreRegistered") : t("events.youAreWaiting", { position: mine.position })}</p>
            <PageForm>
              <button type="submit" name="intent" value="unregister" className="secondary" disabled={busy}>
                {mine.state === "registered" ? t("events.unregister") : t("events.leaveWaitingList")}
              </button>
            </PageForm>
          </>
        ) : signedIn ? (
          <PageForm>
            {full ? <p>{t("events.fullJoinWaiting")}</p> : null}
            <button type="submit" name="intent" value="register" disabled={busy}>
              {full ? t("events.joinWaitingList") : t("events.register")}
            </button>
          </PageForm>
        ) : (
          <p>
            <Link to={`/login?next=${encodeURIComponent(`/events/${e.id}`)}`}>{t("events.signInToRegister")}</Link>
          </p>
        )}
      </section>

      {minutes ? (
        <section aria-labelledby="minutes-heading">
          <h2 id="minutes-heading">{t("events.minutes.title")}</h2>
          <p className="hint">
            {t("events.minutes.facts", { attendance: formatNumber(minutes.attendance, locale), facilitator: minutes.facilitator })}{" "}
            {t("events.minutes.version", { version: minutes.version, date: formatDate(minutes.changedAt, locale) })}{" "}
            <Link to={`/events/${e.id}/history`}>{t("events.minutes.history")}</Link>
          </p>
          <div className="page-body" dangerouslySetInnerHTML={{ __html: minutes.html }} />
          {minutes.ideas.length ? (
            <>
              <h3>{t("events.minutes.ideas")}</h3>
              <ul>
                {minutes.ideas.map((i) => (
                  <li key={i.id}>
                    <Link to={`/ideas/${i.id}`}>{i.title}</Link>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </section>
      ) : ended && !e.cancelled ? (
        <p>{t("events.minutes.none")}</p>
      ) : null}

      {born.length > 0 || (started && !e.cancelled) ? (
        <section aria-labelledby="born-heading" data-testid="born-here">
          <h2 id="born-heading">{t("events.bornHere.title")}</h2>
          {born.length === 0 ? (
            <p>{t("events.bornHere.none")}</p>
          ) : (
            <>
              <p>{t("events.bornHere.intro")}</p>
              <ul className="notice-list">
                {born.map((i) => (
                  <li key={i.id}>
                    <Link to={`/ideas/${i.id}`}>{i.title}</Link> <StatusBadge status={i.status} />{" "}
                    <span className="hint">{t("events.bornHere.counts", { online: formatNumber(i.support_count, locale), paper: formatNumber(i.paper_support_count, locale) })}</span>
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      ) : null}

      {paper.batches > 0 || paper.inPerson > 0 ? (
        <section aria-labelledby="paper-heading" data-testid="paper-at-event">
          <h2 id="paper-heading">{t("events.paper.title")}</h2>
          <p>{t("events.paper.intro")}</p>
          <dl>
            <dt>{t("events.paper.batches")}</dt>
            <dd>{formatNumber(paper.batches, locale)}</dd>
            <dt>{t("events.paper.claimed")}</dt>
            <dd>{formatNumber(paper.claimed, locale)}</dd>
            <dt>{t("events.paper.verified")}</dt>
            <dd>{formatNumber(paper.verified, locale)}</dd>
            <dt>{t("events.paper.inPerson")}</dt>
            <dd>{formatNumber(paper.inPerson, locale)}</dd>
          </dl>
        </section>
      ) : null}

      {manages ? (
        <section aria-labelledby="organiser-heading">
          <h2 id="organiser-heading">{t("events.organiserTools")}</h2>
          {!e.cancelled ? (
            <p>
              <Link to={`/events/${e.id}/edit`}>{t("events.edit")}</Link>
              {started ? (
                <>
                  {" · "}
                  <Link to={`/events/${e.id}/minutes`}>{minutes ? t("events.minutes.edit") : t("events.minutes.write")}</Link>
                  {" · "}
                  <Link to={`/desk?event=${e.id}`}>{t("events.paper.desk")}</Link>
                </>
              ) : null}
            </p>
          ) : null}
          {roster ? (
            <>
              <h3>{t("events.registeredList", { count: roster.registered.length })}</h3>
              {roster.registered.length === 0 ? (
                <p>{t("events.nobody")}</p>
              ) : (
                <ol className="roster">
                  {roster.registered.map((r) => (
                    <li key={r.id}>
                      <span>{r.name}</span>
                      {r.attended !== null ? <span className="tag">{r.attended ? t("events.attended") : t("events.absent")}</span> : null}
                      {started ? (
                        <PageForm aria-label={t("events.attendanceFor", { name: r.name })}>
                          <input type="hidden" name="registrationId" value={r.id} />
                          <FormErrors messages={errorsFor(`attendance:${r.id}`)?._form ?? []} />
                          <button type="submit" name="attended" value="yes" className="small secondary" disabled={busy}>
                            {t("events.markAttended")}
                          </button>{" "}
                          <button type="submit" name="attended" value="no" className="small secondary" disabled={busy}>
                            {t("events.markAbsent")}
                          </button>
                          <input type="hidden" name="intent" value="attendance" />
                        </PageForm>
                      ) : null}
                    </li>
                  ))}
                </ol>
              )}
              <h3>{t("events.waitingList", { count: roster.waiting.length })}</h3>
              {roster.waiting.length === 0 ? (
                <p>{t("events.nobody")}</p>
              ) : (
                <ol className="roster">
                  {roster.waiting.map((r) => (
                    <li key={r.id}>
                      {r.name} <span className="hint">{formatDate(r.since, locale, true)}</span>
                    </li>
                  ))}
                </ol>
              )}
            </>
          ) : null}
          {!e.cancelled && !ended ? (
            <details open={reply?.form === "cancel"}>
              <summary>{t("events.cancel")}</summary>
              <PageForm className="stack">
                <FormErrors messages={errorsFor("cancel")?._form ?? []} />
                <Field name="reason" label={t("events.cancelReason")} required maxLength={maxLengthFor(EVENT_LIMITS.reason)} defaultValue={reply?.form === "cancel" ? reply.values?.reason : ""} errors={errorsFor("cancel")?.reason} />
                <button type="submit" name="intent" value="cancel" disabled={busy}>
                  {t("events.cancelConfirm")}
                </button>
              </PageForm>
            </details>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}
