import { translator } from "~/utils/i18n";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { quorumRefusal } from "~/domain/committees/permissions";
import { setQuorum } from "~/domain/committees/votes.server";
import { QuorumForm, VoteCounts } from "~/ui/committees";
import { committeeRecord } from "~/domain/committees/queries.server";
import { scheduleRefusal } from "~/domain/committees/meetings";
import { committeeMeetings } from "~/domain/committees/meetings-queries.server";
import { MeetingList } from "~/ui/meetings";
import { formValues, type FieldErrors } from "~/utils/result";
import { useTranslation } from "~/ui/translation";
import { canOpenThread } from "~/domain/deliberation/permissions";
import { committeeBySlug, committeePage } from "~/domain/deliberation/queries.server";
import { StatusBadge } from "~/ui/ideas";
import { formatDate, formatNumber } from "~/utils/i18n";
import { cacheHeaders, idCursor, publicCache } from "~/utils/http.server";
import { pageParam, withParam } from "~/utils/paging";
import { Pager } from "~/ui/pager";
import { metaDescription, pageTitle } from "~/utils/meta";
import { MetaLine } from "~/ui/meta-line";
import { nextEvents } from "~/domain/events/queries.server";
import { OrganiserEvents } from "~/ui/events";
import { useFormBusy } from "~/ui/form";

export const meta: MetaFunction<typeof loader> = (args) => pageTitle(args, () => args.data?.name, metaDescription(args.data?.description));

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { db } = context.services;
  const committee = await committeeBySlug(db, params.slug ?? "");
  if (!committee) throw new Response("Not found", { status: 404 });
  const url = new URL(request.url);
  const cursor = idCursor(url, "cursor", 0);
  const [page, record, events, meetings] = await Promise.all([
    committeePage(db, committee.id, cursor, new Date(), context.actor, pageParam(url.searchParams, "queue")),
    committeeRecord(db, committee.id, pageParam(url.searchParams, "record"), context.actor),
    nextEvents(db, context.locale, { committeeId: committee.id }),
    committeeMeetings(db, committee.id),
  ]);
  // The title of an idea hidden from this reader is not shown (ideaTitleFor): a notice is.
  const hidden = translator(context.locale)("moderation.hiddenIdeaTitle");
  const ko = context.locale === "ko";
  return json({
    slug: committee.slug,
    name: ko ? committee.name_ko : committee.name_en,
    description: (ko ? committee.description_ko : committee.description_en) || committee.description_ko,
    ...page,
    ideas: page.ideas.map((idea) => ({ ...idea, title: idea.title ?? hidden })),
    threads: page.threads.map((thread) => ({ ...thread, title: thread.title ?? hidden, idea_title: thread.title === null ? hidden : thread.idea_title })),
    cursor,
    canOpen: canOpenThread(context.actor, committee.id),
    quorum: { kind: committee.quorum_kind, value: committee.quorum_value },
    record: { ...record, recommendations: record.recommendations.map((r) => ({ ...r, title: r.title ?? hidden })) },
    events,
    committeeId: committee.id,
    meetings,
    canSchedule: scheduleRefusal(context.actor, committee.id) === null,
    canSetQuorum: quorumRefusal(context.actor) === null,
    locale: context.locale,
  }, { headers: publicCache(context.actor) });
}

type Reply = { errors?: FieldErrors; values?: Record<string, string>; done?: string };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { db } = context.services;
  const committee = await committeeBySlug(db, params.slug ?? "");
  if (!committee) throw new Response("Not found", { status: 404 });
  const form = await request.formData();
  const intent = form.get("intent");
  const values = formValues(form, ["quorumKind", "quorumValue"]);
  if (intent !== "quorum") return json<Reply>({ errors: { _form: [{ key: "errors.invalidChoice" }] } }, { status: 400 });
  const result = await setQuorum(db, context.actor, committee.id, values);
  if (!result.ok) return json<Reply>({ errors: result.errors, values }, { status: result.status });
  return json<Reply>({ done: "quorum" });
}

export const headers = cacheHeaders;

export default function CommitteePage() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const busy = useFormBusy();
  const { search } = useLocation();
  const { locale, ideasPage } = data;
  return (
    <div className="page">
      <p>
        <Link to="/committees">{t("deliberation.committees.title")}</Link>
      </p>
      <h1>{data.name}</h1>
      <p className="lead">{data.description}</p>

      <section aria-labelledby="members-heading">
        <h2 id="members-heading">{t("deliberation.committee.members")}</h2>
        {data.members.length === 0 ? (
          <p>{t("deliberation.committee.noMembers")}</p>
        ) : (
          <ul className="member-list">
            {data.members.map((m) => (
              <li key={m.id}>
                {m.display_name} <span className="tag">{m.chair ? t("deliberation.committee.chair") : t("deliberation.committee.member")}</span>
              </li>
            ))}
          </ul>
        )}
        <p>{t(`committees.quorum.current.${data.quorum.kind ?? "majority"}`, { value: data.quorum.value ?? "" })}</p>
        {data.canSetQuorum ? (
          <QuorumForm quorum={data.quorum} errors={reply?.errors} values={reply?.values} saved={reply?.done === "quorum"} busy={busy} />
        ) : null}
      </section>

      <section aria-labelledby="care-heading">
        <h2 id="care-heading">{t("deliberation.committee.ideas")}</h2>
        <p className="hint">{t("deliberation.committee.ideasHint")}</p>
        {ideasPage.total > 0 ? (
          <p>{t("deliberation.committee.ideasCount", { count: ideasPage.total, formatted: formatNumber(ideasPage.total, locale), overdue: formatNumber(ideasPage.overdue, locale) })}</p>
        ) : null}
        {data.ideas.length === 0 ? (
          <p>{t("deliberation.committee.noIdeas")}</p>
        ) : (
          <div className="table-scroll">
            <table className="stack-table">
              <thead>
                <tr>
                  <th scope="col">{t("deliberation.committee.idea")}</th>
                  <th scope="col">{t("deliberation.committee.status")}</th>
                  <th scope="col">{t("deliberation.committee.deadline")}</th>
                  <th scope="col">{t("deliberation.committee.thread")}</th>
                </tr>
              </thead>
              <tbody>
                {data.ideas.map((idea) => (
                  <tr key={idea.id} className={idea.overdue ? "overdue-row" : undefined}>
                    <td>
                      <Link to={`/ideas/${idea.id}`}>{idea.title}</Link>
                    </td>
                    <td data-label={t("deliberation.committee.status")}>
                      <StatusBadge status={idea.status} />
                    </td>
                    <td data-label={t("deliberation.committee.deadline")}>
                      {idea.committee_due_at ? (
                        idea.overdue ? (
                          <strong className="overdue-text">
                            {t("deliberation.committee.overdue", { date: formatDate(idea.committee_due_at, locale) })}
                          </strong>
                        ) : (
                          t("deliberation.committee.dueOn", { date: formatDate(idea.committee_due_at, locale) })
                        )
                      ) : (
                        "—"
                      )}
                    </td>
                    <td data-label={t("deliberation.committee.thread")}>
                      {idea.thread_id ? <Link to={`/threads/${idea.thread_id}`}>{t("deliberation.committee.readThread")}</Link> : "—"}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <Pager page={ideasPage.page} pageCount={ideasPage.pageCount} param="queue" hash="care-heading" label={t("deliberation.committee.ideasPages")} locale={locale} />
      </section>

      <section aria-labelledby="meetings-heading">
        <div className="page-head">
          <h2 id="meetings-heading">{t("meetings.upcoming")}</h2>
          {data.canSchedule ? (
            <Link to={`/committees/${data.slug}/meetings/new`} className="button">
              {t("meetings.schedule")}
            </Link>
          ) : null}
        </div>
        {data.meetings.upcoming.length === 0 ? <p>{t("meetings.noneUpcoming")}</p> : <MeetingList slug={data.slug} meetings={data.meetings.upcoming} locale={locale} past={false} />}
      </section>

      <section aria-labelledby="past-meetings-heading">
        <h2 id="past-meetings-heading">{t("meetings.past")}</h2>
        {data.meetings.past.length === 0 ? <p>{t("meetings.nonePast")}</p> : <MeetingList slug={data.slug} meetings={data.meetings.past} locale={locale} past />}
      </section>

      <section aria-labelledby="record-heading">
        <h2 id="record-heading">{t("committees.history.title")}</h2>
        <p className="hint">{t("committees.history.intro")}</p>
        {data.record.medianDays !== null || data.record.onTimeShare !== null ? (
          <ul className="record-figures">
            {data.record.medianDays !== null ? (
              <li>{t("committees.history.median", { days: t("committees.history.medianDays", { count: data.record.medianDays, formatted: formatNumber(data.record.medianDays, locale) }) })}</li>
            ) : null}
            {data.record.onTimeShare !== null ? (
              <li>{t("committees.history.onTime", { share: `${formatNumber(Math.round(data.record.onTimeShare * 100), locale)}%` })}</li>
            ) : null}
          </ul>
        ) : null}
        {data.record.total > 0 ? <p>{t("committees.history.count", { count: data.record.total, formatted: formatNumber(data.record.total, locale) })}</p> : null}
        {data.record.recommendations.length === 0 ? (
          <p>{t("committees.history.none")}</p>
        ) : (
          <div className="table-scroll">
            <table className="stack-table">
              <thead>
                <tr>
                  <th scope="col">{t("deliberation.committee.idea")}</th>
                  <th scope="col">{t("committees.history.date")}</th>
                  <th scope="col">{t("committees.history.decision")}</th>
                  <th scope="col">{t("committees.history.votes")}</th>
                  <th scope="col">{t("committees.history.answer")}</th>
                </tr>
              </thead>
              <tbody>
                {data.record.recommendations.map((r) => (
                  <tr key={r.id}>
                    <td>
                      <Link to={`/ideas/${r.ideaId}`}>{r.title}</Link>
                    </td>
                    <td data-label={t("committees.history.date")}>{formatDate(r.createdAt, locale)}</td>
                    <td data-label={t("committees.history.decision")}>
                      {t(`workflow.decision.${r.decision}`, { agency: r.agency ? (locale === "ko" ? r.agency.name_ko : r.agency.name_en) : "" })}
                    </td>
                    <td data-label={t("committees.history.votes")}>
                      {r.votes ? <VoteCounts counts={r.votes} locale={locale} /> : t("committees.history.noVoteRecorded")}
                      {r.dissent ? ` (${t("committees.history.dissent")})` : null}
                    </td>
                    <td data-label={t("committees.history.answer")}>
                      {r.outcome ? t(`workflow.outcome.${r.outcome}`) : r.decision === "forward" ? t("committees.history.noAnswer") : "—"}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <Pager page={data.record.page} pageCount={data.record.pageCount} param="record" hash="record-heading" label={t("committees.history.pages")} locale={locale} />
      </section>

      <section aria-labelledby="threads-heading">
        <div className="page-head">
          <h2 id="threads-heading">{t("deliberation.committee.threads")}</h2>
          {data.canOpen ? (
            <Link to={`/committees/${data.slug}/threads/new`} className="button">
              {t("deliberation.committee.newThread")}
            </Link>
          ) : null}
        </div>
        {data.threads.length === 0 ? (
          <p>{t("deliberation.committee.noThreads")}</p>
        ) : (
          <ul className="thread-list">
            {data.threads.map((thread) => (
              <li key={thread.id}>
                <Link to={`/threads/${thread.id}`} className="thread-title">
                  {thread.title}
                </Link>
                {thread.idea_id ? <span className="tag">{t("deliberation.committee.deliberationTag")}</span> : null}
                {thread.locked_at ? <span className="tag">{t("deliberation.locked")}</span> : null}
                <MetaLine as="span">
                  <span>{t("deliberation.postCount", { count: thread.post_count, formatted: formatNumber(thread.post_count, locale) })}</span>
                  <span>
                    {thread.last_post_at
                      ? t("deliberation.lastPost", { date: formatDate(thread.last_post_at, locale, true) })
                      : t("deliberation.openedOn", { date: formatDate(thread.created_at, locale) })}
                  </span>
                </MetaLine>
              </li>
            ))}
          </ul>
        )}
        <nav className="actions" aria-label={t("deliberation.committee.threads")}>
          {data.cursor !== null ? <Link to={`/committees/${data.slug}${withParam(search, "cursor", null)}#threads-heading`}>{t("deliberation.firstPage")}</Link> : null}
          {data.nextCursor !== null ? (
            <Link to={`/committees/${data.slug}${withParam(search, "cursor", String(data.nextCursor))}#threads-heading`} rel="next" className="button secondary">
              {t("deliberation.committee.moreThreads")}
            </Link>
          ) : null}
        </nav>
      </section>
      <OrganiserEvents events={data.events} locale={locale} organiser={`committee:${data.committeeId}`} />
    </div>
  );
}
