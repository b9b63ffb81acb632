import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/ui/translation";
import { agencyPage } from "~/domain/workflow/queries.server";
import { promisedAndDelivered } from "~/domain/agencies/history.server";
import { QueueTable } from "~/ui/queue";
import { nextEvents } from "~/domain/events/queries.server";
import { OrganiserEvents } from "~/ui/events";
import { formatDate, formatNumber, formatPercent as percent } from "~/utils/i18n";
import { pageParam } from "~/utils/paging";
import { Pager } from "~/ui/pager";
import { cacheHeaders, publicCache } from "~/utils/http.server";
import { metaLocale, pageTitle } from "~/utils/meta";

export const meta: MetaFunction<typeof loader> = (args) =>
  pageTitle(args, (t) => [args.data && (metaLocale(args) === "ko" ? args.data.agency.name_ko : args.data.agency.name_en), t("agencies.title")]);

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const search = new URL(request.url).searchParams;
  const pages = { queue: pageParam(search, "queue"), answers: pageParam(search, "answers") };
  const page = await agencyPage(context.services.db, String(params.slug ?? "").slice(0, 100), context.actor, new Date(), pages);
  if (!page) throw new Response("Not found", { status: 404 });
  const [events, record] = await Promise.all([
    nextEvents(context.services.db, context.locale, { agencyId: page.agency.id }),
    // The answer figures are kept until the agency answers again (its counts change): decision 071.
    promisedAndDelivered(context.services.db, page.agency.id, page.stats),
  ]);
  return json(
    { ...page, events, record, locale: context.locale, now: new Date().toISOString() },
    { headers: publicCache(context.actor, 30) },
  );
}

export const headers = cacheHeaders;

export default function Agency() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const { agency, stats, events, record, locale, now, queuePage, answersPage } = data;
  // An idea hidden from this reader keeps its place under a notice instead of its title.
  const titled = <T extends { title: string | null }>(rows: T[]) => rows.map((r) => ({ ...r, title: r.title ?? t("moderation.hiddenIdeaTitle") }));
  const queue = titled(data.queue);
  const answers = titled(data.answers);
  return (
    <div className="page">
      <p>
        <Link to="/agencies">{t("agencies.title")}</Link>
      </p>
      <h1>{locale === "ko" ? agency.name_ko : agency.name_en}</h1>
      <dl className="stat-row">
        <div>
          <dt>{t("agencies.underReview")}</dt>
          <dd>{stats.under_review}</dd>
        </div>
        <div>
          <dt>{t("agencies.overdue")}</dt>
          <dd>{stats.overdue}</dd>
        </div>
        <div>
          <dt>{t("agencies.answered")}</dt>
          <dd>{stats.answered}</dd>
        </div>
        <div>
          <dt>{t("agencies.onTimeRate")}</dt>
          <dd>{percent(stats.onTimeRate, locale) ?? t("agencies.noRate")}</dd>
        </div>
      </dl>
      <p className="hint">{t("agencies.onTimeHelp")}</p>
      <section aria-labelledby="promised-title">
        <h2 id="promised-title">{t("transfers.promised.title")}</h2>
        <p className="hint">{t("transfers.promised.intro")}</p>
        <dl className="stat-row">
          {(
            [
              ["onTimeOriginal", record.onTimeOriginal],
              ["onTimeExtended", record.onTimeExtended],
              ["late", record.late],
              ["medianDays", record.medianDays ?? t("transfers.promised.noMedian")],
              ["transferredOut", record.transfers.outAccepted],
              ["transferredIn", record.transfers.inAccepted],
              ["declined", record.transfers.inDeclined],
              ["followedUp", `${record.followUps.given} / ${record.followUps.owed}`],
              // Follow-up answers measured like answers: against the date first set and the extended one (decision 055).
              ["followUpsOnTimeOriginal", record.followUps.onTimeOriginal],
              ["followUpsOnTimeExtended", record.followUps.onTimeExtended],
              ["followUpsExtended", record.followUps.extended],
            ] as const
          ).map(([key, value]) => (
            <div key={key}>
              <dt>{t(`transfers.promised.${key}`)}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
        {record.extensions.length > 0 ? (
          <>
            <h3>{t("transfers.promised.extensionsTitle")}</h3>
            <ul className="link-list">
              {record.extensions.map((e) => (
                <li key={e.id}>
                  {e.title ? <Link to={`/ideas/${e.idea_id}`}>{e.title}</Link> : t("transfers.promised.hiddenIdea")} — {t(e.step === "follow_up" ? "transfers.promised.followUpExtension" : "transfers.promised.extension", { count: e.business_days })} (
                  {formatDate(e.created_at, locale)})<p className="timeline-note">{e.reason}</p>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>
      <h2 id="queue-title">{t("agencies.queue")}</h2>
      {queuePage.total > 0 ? (
        <p>{t("agencies.queueCount", { count: queuePage.total, formatted: formatNumber(queuePage.total, locale), overdue: formatNumber(stats.overdue, locale) })}</p>
      ) : null}
      {queue.length === 0 ? <p>{t("agencies.queueEmpty")}</p> : <QueueTable rows={queue} locale={locale} now={now} />}
      <Pager page={queuePage.page} pageCount={queuePage.pageCount} param="queue" hash="queue-title" label={t("agencies.queuePages")} locale={locale} />
      <h2 id="answers-title">{t("agencies.answers")}</h2>
      {answersPage.total > 0 ? <p>{t("agencies.answersCount", { count: answersPage.total, formatted: formatNumber(answersPage.total, locale) })}</p> : null}
      {answers.length === 0 ? (
        <p>{t("agencies.answersEmpty")}</p>
      ) : (
        <div className="table-scroll">
          <table className="stack-table">
            <thead>
              <tr>
                <th scope="col">{t("agencies.idea")}</th>
                <th scope="col">{t("agencies.outcome")}</th>
                <th scope="col">{t("agencies.date")}</th>
              </tr>
            </thead>
            <tbody>
              {answers.map((a) => (
                <tr key={a.id}>
                  <td>
                    <Link to={`/ideas/${a.id}`}>{a.title}</Link>
                  </td>
                  <td data-label={t("agencies.outcome")}>{a.outcome ? t(`workflow.outcome.${a.outcome}`) : "—"}</td>
                  <td data-label={t("agencies.date")}>{a.answered_at ? formatDate(a.answered_at, locale) : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager page={answersPage.page} pageCount={answersPage.pageCount} param="answers" hash="answers-title" label={t("agencies.answersPages")} locale={locale} />
      <OrganiserEvents events={events} locale={locale} organiser={`agency:${agency.id}`} />
    </div>
  );
}
