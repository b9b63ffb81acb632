// Moderation in the open: the rejected ideas (date, reason, and the title unless the reason is
// personal data or illegal content) and each month's moderation figures.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import type { TFunction } from "i18next";
import { useTranslation } from "~/ui/translation";
import { monthFigures, monthOf, recentMonths, rejectedIdeas } from "~/domain/admin/transparency.server";
import { badCursor, cacheHeaders, idCursor, publicCache } from "~/utils/http.server";
import { formatDate, formatDateWith, formatNumber } from "~/utils/i18n";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = (args) => pageTitle(args, (t) => t("transparency.title"));

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { db } = context.services;
  const url = new URL(request.url);
  const now = new Date();
  const months = recentMonths(now, 12);
  const month = url.searchParams.get("month") ?? monthOf(now);
  const [figures, rejected] = await Promise.all([monthFigures(db, month), rejectedIdeas(db, idCursor(url, "before"))]);
  if (!figures) throw badCursor();
  return json({ months, figures, rejected, locale: context.locale }, { headers: publicCache(context.actor, 60) });
}

export const headers = cacheHeaders;

function reasonName(t: TFunction, reason: string): string {
  return reason === "unstated" ? t("transparency.unstated") : t(`moderation.reason.${reason}`, { defaultValue: reason });
}

function hours(t: TFunction, value: number | null, locale: "ko" | "en"): string {
  if (value === null) return t("transparency.noneYet");
  return value < 48 ? t("transparency.hours", { count: value, formatted: formatNumber(value, locale) }) : t("transparency.days", { count: Math.round(value / 24) });
}

export default function Transparency() {
  const { t } = useTranslation();
  const { months, figures, rejected, locale } = useLoaderData<typeof loader>();
  const monthLabel = (m: string) => formatMonth(m, locale);
  return (
    <div className="page">
      <h1>{t("transparency.title")}</h1>
      <p className="lead">{t("transparency.intro")}</p>
      <p>
        <Link to="/pages/operating-rules">{t("footer.rules")}</Link>
      </p>

      <section aria-labelledby="figures-title">
        <h2 id="figures-title">{t("transparency.figuresTitle", { month: monthLabel(figures.month) })}</h2>
        <nav aria-label={t("transparency.months")}>
          <ul className="month-list">
            {months.map((m) => (
              <li key={m}>{m === figures.month ? <strong aria-current="page">{monthLabel(m)}</strong> : <Link to={`/transparency?month=${m}`}>{monthLabel(m)}</Link>}</li>
            ))}
          </ul>
        </nav>
        <dl className="figure-list">
          <dt>{t("transparency.medianDecision")}</dt>
          <dd>
            {hours(t, figures.medianHoursToDecision, locale)} {figures.decided ? t("transparency.overItems", { count: figures.decided }) : null}
          </dd>
          <dt>{t("transparency.medianHeld")}</dt>
          <dd>
            {hours(t, figures.medianHoursHeld, locale)} {figures.held ? t("transparency.overIdeas", { count: figures.held }) : null}
          </dd>
          <dt>{t("transparency.autoHides")}</dt>
          <dd>{t("transparency.autoHidesValue", { count: figures.autoHides, reversed: figures.autoHidesReversed })}</dd>
          <dt>{t("transparency.appeals")}</dt>
          <dd>{t("transparency.appealsValue", { count: figures.appeals.received, upheld: figures.appeals.upheld, reversed: figures.appeals.reversed })}</dd>
        </dl>
        <h3>{t("transparency.decisionsTitle")}</h3>
        {figures.decisions.length === 0 ? (
          <p>{t("transparency.noDecisions")}</p>
        ) : (
          <div className="table-scroll">
            <table className="stack-table">
              <caption className="visually-hidden">{t("transparency.decisionsTitle")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("transparency.decision")}</th>
                  <th scope="col">{t("transparency.reason")}</th>
                  <th scope="col">{t("transparency.count")}</th>
                </tr>
              </thead>
              <tbody>
                {figures.decisions.map((d) => (
                  <tr key={`${d.decision}-${d.reason}`}>
                    <td data-label={t("transparency.decision")}>{t(`transparency.decisionName.${d.decision}`, { defaultValue: d.decision })}</td>
                    <td data-label={t("transparency.reason")}>{reasonName(t, d.reason)}</td>
                    <td data-label={t("transparency.count")}>{formatNumber(d.count, locale)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <h3>{t("transparency.invalidationsTitle")}</h3>
        {figures.invalidations.length === 0 ? (
          <p>{t("transparency.noInvalidations")}</p>
        ) : (
          <div className="table-scroll">
            <table className="stack-table">
              <caption className="visually-hidden">{t("transparency.invalidationsTitle")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("transparency.why")}</th>
                  <th scope="col">{t("transparency.supports")}</th>
                  <th scope="col">{t("transparency.reinstated")}</th>
                </tr>
              </thead>
              <tbody>
                {figures.invalidations.map((i) => (
                  <tr key={i.reason}>
                    <td data-label={t("transparency.why")}>{i.reason}</td>
                    <td data-label={t("transparency.supports")}>{formatNumber(i.supports, locale)}</td>
                    <td data-label={t("transparency.reinstated")}>{formatNumber(i.reinstated, locale)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="rejected-title">
        <h2 id="rejected-title">{t("transparency.rejectedTitle")}</h2>
        <p className="hint">{t("transparency.rejectedIntro")}</p>
        {rejected.ideas.length === 0 ? (
          <p>{t("transparency.noRejected")}</p>
        ) : (
          <div className="table-scroll">
            <table className="stack-table">
              <caption className="visually-hidden">{t("transparency.rejectedTitle")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("transparency.date")}</th>
                  <th scope="col">{t("transparency.reason")}</th>
                  <th scope="col">{t("transparency.ideaTitle")}</th>
                </tr>
              </thead>
              <tbody>
                {rejected.ideas.map((idea) => (
                  <tr key={idea.id}>
                    <td data-label={t("transparency.date")}>
                      <time dateTime={idea.rejectedAt}>{formatDate(idea.rejectedAt, locale)}</time>
                    </td>
                    <td data-label={t("transparency.reason")}>{reasonName(t, idea.category)}</td>
                    <td data-label={t("transparency.ideaTitle")}>{idea.title ?? <em>{t("transparency.titleWithheld")}</em>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {rejected.next ? (
          <p>
            <Link to={`/transparency?month=${figures.month}&before=${rejected.next}`}>{t("transparency.olderRejected")}</Link>
          </p>
        ) : null}
      </section>
    </div>
  );
}

const MONTH: Intl.DateTimeFormatOptions = { year: "numeric", month: "long", timeZone: "UTC" };

function formatMonth(month: string, locale: "ko" | "en"): string {
  const [y, m] = month.split("-").map(Number);
  return formatDateWith(locale, MONTH, new Date(Date.UTC(y, m - 1, 1)));
}
