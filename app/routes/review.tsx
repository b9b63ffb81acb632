import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/ui/translation";
import { requireStaff } from "~/auth/actor.server";
import { hasRole } from "~/domain/accounts/permissions";
import { supervisorQueue } from "~/domain/agencies/queries.server";
import { HISTORY_STATUSES, historyQuery, reviewHistory, transfersAwaitingReply } from "~/domain/agencies/history.server";
import { OUTCOMES } from "~/domain/workflow/transitions";
import { formatDate } from "~/utils/i18n";
import { reviewQueue } from "~/domain/workflow/queries.server";
import { QueueTable } from "~/ui/queue";
import { pageTitle } from "~/utils/meta";
import { SEARCH_MAX } from "~/utils/text";
import { Pager } from "~/ui/pager";

export const meta: MetaFunction = (args) => pageTitle(args, (t) => t("review.title"));

// The triage queue of an officer's agencies, or of every agency for an admin, with a filter by
// agency; answering, assigning and progress happen on each idea's page.
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireStaff(context, request, (a) => hasRole(a, "agency_officer") || hasRole(a, "agency_supervisor") || hasRole(a, "admin"));
  const params = new URL(request.url).searchParams;
  const agency = params.get("agency") || null;
  const query = historyQuery(params);
  const { db } = context.services;
  const [queue, supervision, history, transfers] = await Promise.all([
    reviewQueue(db, actor, agency),
    supervisorQueue(db, actor),
    reviewHistory(db, actor, query),
    transfersAwaitingReply(db, actor),
  ]);
  return json({ ...queue, ...supervision, history, query, statuses: HISTORY_STATUSES, transfers, admin: hasRole(actor, "admin"), locale: context.locale, now: new Date().toISOString() });
}

export default function Review() {
  const { t } = useTranslation();
  const { agencies, chosen, admin, queue, implementing, supervised, escalated, locale, now, history, query, statuses, transfers } = useLoaderData<typeof loader>();
  const ko = locale === "ko";
  const titled = <T extends { title: string; hidden: boolean }>(rows: T[]) => rows.map((r) => (r.hidden ? { ...r, title: t("moderation.hidden.title") } : r));
  return (
    <div className="page">
      <h1>{t("review.title")}</h1>
      {supervised.length > 0 ? (
        <section aria-labelledby="escalated-title">
          <h2 id="escalated-title">{t("clock.escalatedTitle")}</h2>
          <p>{t("clock.escalatedIntro")}</p>
          {escalated.length === 0 ? <p>{t("clock.escalatedNone")}</p> : <QueueTable rows={titled(escalated)} locale={locale} now={now} showOfficer />}
        </section>
      ) : null}
      {agencies.length === 0 && supervised.length > 0 ? null : agencies.length === 0 ? (
        <p>{t("review.notOfficer")}</p>
      ) : (
        <>
          <p>{admin ? t("review.introAdmin") : t("review.intro")}</p>
          {agencies.length > 1 ? (
            <Form method="get" className="actions filter-form" aria-label={t("review.filter")}>
              <label htmlFor="review-agency">{t("review.agency")}</label>
              <select id="review-agency" name="agency" defaultValue={chosen ?? ""}>
                <option value="">{t("review.allAgencies")}</option>
                {agencies.map((a) => (
                  <option key={a.id} value={a.slug}>
                    {ko ? a.name_ko : a.name_en}
                  </option>
                ))}
              </select>
              <button type="submit" className="secondary small">
                {t("review.show")}
              </button>
            </Form>
          ) : null}
          <h2>{t("review.underReview")}</h2>
          {queue.length === 0 ? <p>{t("review.empty")}</p> : <QueueTable rows={titled(queue)} locale={locale} now={now} showOfficer />}
          {transfers.length > 0 ? (
            <section aria-labelledby="transfers-title">
              <h2 id="transfers-title">{t("transfers.pendingTitle")}</h2>
              <ul className="link-list">
                {transfers.map((x) => (
                  <li key={x.id}>
                    <Link to={`/ideas/${x.id}`}>{x.title}</Link> — {t("transfers.from")}: {ko ? x.from_ko : x.from_en} — {t("transfers.replyBy")}{" "}
                    {formatDate(x.reply_due_at, locale, true)}
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          <h2>{t("review.implementing")}</h2>
          {implementing.length === 0 ? (
            <p>{t("mine.none")}</p>
          ) : (
            <ul className="link-list">
              {titled(implementing).map((i) => (
                <li key={i.id}>
                  <Link to={`/ideas/${i.id}`}>{i.title}</Link> — {ko ? i.agency_ko : i.agency_en} — {t(`status.${i.status}`)}
                  {i.progress_percent !== null ? ` (${i.progress_percent}%)` : null}
                </li>
              ))}
            </ul>
          )}
          <HistorySection history={history} query={query} statuses={statuses} locale={locale} />
        </>
      )}
    </div>
  );
}

type Loaded = ReturnType<typeof useLoaderData<typeof loader>>;

/** History and search of the agencies' ideas: filters in the address (a GET form), paged. */
function HistorySection({ history, query, statuses, locale }: { history: Loaded["history"]; query: Loaded["query"]; statuses: Loaded["statuses"]; locale: Loaded["locale"] }) {
  const { t } = useTranslation();
  const pageLink = (page: number) => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries({ ...query, page: String(page) })) if (v && !(k === "sort" && v === "due") && !(k === "page" && v === "1")) p.set(k, String(v));
    return `/review?${p}#history-title`;
  };
  const select = (name: string, label: string, value: string, options: [string, string][]) => (
    <div className="field">
      <label htmlFor={`history-${name}`}>{label}</label>
      <select id={`history-${name}`} name={name} defaultValue={value}>
        {options.map(([v, l]) => (
          <option key={v} value={v}>
            {l}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <section aria-labelledby="history-title">
      <h2 id="history-title">{t("transfers.history.title")}</h2>
      <p>{t("transfers.history.intro")}</p>
      <Form method="get" className="filter-form history-form" aria-labelledby="history-title">
        <div className="field">
          <label htmlFor="history-q">{t("transfers.history.q")}</label>
          <input id="history-q" name="q" type="search" defaultValue={query.q} maxLength={SEARCH_MAX} />
        </div>
        {select("status", t("transfers.history.status"), query.status, [["", t("transfers.history.anyStatus")], ...statuses.map((s): [string, string] => [s, t(`status.${s}`)])])}
        {select("outcome", t("transfers.history.outcome"), query.outcome, [["", t("transfers.history.anyOutcome")], ...OUTCOMES.map((o): [string, string] => [o, t(`workflow.outcome.${o}`)])])}
        {select("assignee", t("transfers.history.assignee"), query.assignee, [
          ["", t("transfers.history.anyone")],
          ["me", t("transfers.history.me")],
          ["none", t("transfers.history.none")],
          ...history.officers.map((o): [string, string] => [String(o.id), o.display_name]),
        ])}
        {select("due", t("transfers.history.due"), query.due, [
          ["", t("transfers.history.anyDue")],
          ["overdue", t("transfers.history.overdue")],
          ["week", t("transfers.history.week")],
        ])}
        {select("sort", t("transfers.history.sort"), query.sort, [
          ["due", t("transfers.history.sortDue")],
          ["recent", t("transfers.history.sortRecent")],
        ])}
        <button type="submit" className="secondary small">
          {t("transfers.history.search")}
        </button>
      </Form>
      {history.rows.length === 0 ? (
        <p>{t("transfers.history.empty")}</p>
      ) : (
        <div className="table-scroll">
          <table className="stack-table">
            <thead>
              <tr>
                <th scope="col">{t("agencies.idea")}</th>
                <th scope="col">{t("transfers.history.status")}</th>
                <th scope="col">{t("agencies.due")}</th>
                <th scope="col">{t("review.assigned")}</th>
                <th scope="col">{t("transfers.history.ratings")}</th>
              </tr>
            </thead>
            <tbody>
              {history.rows.map((r) => (
                <tr key={r.id} className={r.overdue ? "overdue-row" : undefined}>
                  <td>
                    <Link to={`/ideas/${r.id}`}>{r.hidden ? t("moderation.hidden.title") : r.title}</Link>
                  </td>
                  <td data-label={t("transfers.history.status")}>
                    {t(`status.${r.status}`)}
                    {r.outcome ? ` · ${t(`workflow.outcome.${r.outcome}`)}` : null}
                  </td>
                  <td data-label={t("agencies.due")}>
                    {r.agency_due_at ? formatDate(r.agency_due_at, locale) : "—"}
                    {r.overdue ? <strong className="overdue-tag"> {t("workflow.overdue")}</strong> : null}
                    {r.answered_at ? ` (${t("transfers.history.answered")}: ${formatDate(r.answered_at, locale)})` : null}
                  </td>
                  <td data-label={t("review.assigned")}>{r.officer_name ?? t("review.unassigned")}</td>
                  <td data-label={t("transfers.history.ratings")}>
                    {r.rated_yes + r.rated_partly + r.rated_no > 0 ? `${r.rated_yes} / ${r.rated_partly} / ${r.rated_no}` : "—"}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager page={query.page} pageCount={null} hasNext={history.hasNext} href={pageLink} label={t("transfers.history.pages")} locale={locale} />
    </section>
  );
}
