import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/ui/translation";
import { cachedDashboard } from "~/domain/stats/cache.server";
import { FUNNEL_STEPS, type BodyStats } from "~/domain/stats/dashboard";
import { parseStatsParams, statsSearch, type StatsParamErrors } from "~/domain/stats/period";
import { campaignChoices, resolveScope } from "~/domain/stats/queries.server";
import { API_CACHE, cacheHeaders, publicCache } from "~/utils/http.server";
import { BarChart, FunnelChart, WeekChart, weekLabel } from "~/ui/charts";
import { Field, SelectField } from "~/ui/form";
import { formatDate, formatNumber, formatPercent, type Locale } from "~/utils/i18n";
import { metaDescription, pageTitle } from "~/utils/meta";
import { ScrollTable } from "~/ui/table";
import { StaticIsland, StaticIslands } from "~/ui/static-island";

export const meta: MetaFunction = (args) => pageTitle(args, (t) => t("stats.title"), (t) => metaDescription(t("stats.description")));
export const links: LinksFunction = () => [{ rel: "alternate", type: "application/atom+xml", href: "/feed.atom", title: "Madang" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { params, errors } = parseStatsParams(new URL(request.url).searchParams);
  const { db } = context.services;
  const [{ scope, campaignError }, campaigns] = await Promise.all([resolveScope(db, params), campaignChoices(db)]);
  const allErrors: StatsParamErrors = { ...errors, ...(campaignError ? { campaign: "stats.errors.unknownCampaign" } : {}) };
  const dashboard = await cachedDashboard(db, scope, new Date(), context.services.primary);
  return json(
    { params, errors: allErrors, dashboard, campaigns, locale: context.locale },
    {
      status: Object.keys(allErrors).length ? 400 : 200,
      headers: publicCache(context.actor, API_CACHE),
    },
  );
}

export const headers = cacheHeaders;

function rate(share: number | null, locale: Locale, none: string) {
  return formatPercent(share, locale) ?? none;
}

function BodiesTable({
  caption,
  nameHeader,
  answeredHeader,
  onHandHeader,
  rows,
  link,
  locale,
}: {
  caption: string;
  nameHeader: string;
  answeredHeader: string;
  onHandHeader: string;
  rows: BodyStats[];
  link: string;
  locale: Locale;
}) {
  const { t } = useTranslation();
  const n = (v: number) => formatNumber(v, locale);
  return (
    <ScrollTable label={t("stats.chart.tableRegion", { title: caption })}>
      <table>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{nameHeader}</th>
            <th scope="col" className="num">{onHandHeader}</th>
            <th scope="col" className="num">{t("stats.overdue")}</th>
            <th scope="col" className="num">{answeredHeader}</th>
            <th scope="col" className="num">{t("stats.onTime")}</th>
            <th scope="col" className="num">{t("stats.onTimeRate")}</th>
          </tr>
        </thead>
        <StaticIsland as="tbody">
          {() =>
            rows.map((r) => (
              <tr key={r.slug}>
                <th scope="row">
                  <Link to={`${link}/${r.slug}`}>{locale === "ko" ? r.name_ko : r.name_en}</Link>
                </th>
                <td className="num">{n(r.onHand)}</td>
                <td className="num">{r.overdue > 0 ? <strong>{n(r.overdue)}</strong> : n(r.overdue)}</td>
                <td className="num">{n(r.answered)}</td>
                <td className="num">{n(r.onTime)}</td>
                <td className="num">{rate(r.onTimeRate, locale, t("agencies.noRate"))}</td>
              </tr>
            ))
          }
        </StaticIsland>
      </table>
    </ScrollTable>
  );
}

export default function Stats() {
  const { t } = useTranslation();
  const { params, errors, dashboard: d, campaigns, locale } = useLoaderData<typeof loader>();
  const ko = locale === "ko";
  const n = (v: number) => formatNumber(v, locale);
  const fieldErrors = (name: keyof StatsParamErrors) => (errors[name] ? [{ key: errors[name]! }] : undefined);
  const campaign = campaigns.find((c) => c.slug === d.filter.campaign);
  const query = statsSearch(d.filter);
  const listOf = (items: string[]) => items.join(ko ? ", " : ", ");

  const weekSummary = (weeks: { week: string; count: number }[]) => {
    const first = weekLabel(d.weeks.first, locale, true);
    const last = weekLabel(d.weeks.last, locale, true);
    const total = weeks.reduce((s, w) => s + w.count, 0);
    if (total === 0) return t("stats.summaryWeeksEmpty", { count: weeks.length, first, last });
    const peak = weeks.reduce((a, b) => (b.count > a.count ? b : a));
    return t("stats.summaryWeeks", { count: weeks.length, first, last, total: n(total), peak: n(peak.count), peakWeek: weekLabel(peak.week, locale, true) });
  };
  const reached = Object.fromEntries(d.funnel.map((f) => [f.step, n(f.count)]));
  const days = (v: number | null) => (v === null ? t("stats.noData") : n(v));
  const regionRows = d.regions
    .filter((r) => r.code !== null || r.supports > 0)
    .map((r) => ({ key: r.code ?? "none", label: r.code ? (ko ? r.name_ko! : r.name_en!) : t("stats.noRegion"), value: r.supports }));
  const topRegions = [...regionRows].filter((r) => r.value > 0).sort((a, b) => b.value - a.value).slice(0, 3);

  // The charts and tables keep the server's markup until the figures change (app/ui/static-island.tsx).
  return (
    <StaticIslands deps={[d, locale]} keep="stats">
      <div className="page stats-page">
        <h1>{t("stats.title")}</h1>
        <p className="lead">{t("stats.intro")}</p>

        <Form method="get" className="filters stats-filters" aria-label={t("stats.filtersLabel")}>
          <SelectField
            name="campaign"
            label={t("stats.campaign")}
            defaultValue={params.campaign ?? ""}
            errors={fieldErrors("campaign")}
            options={[{ value: "", label: t("stats.anyCampaign") }, ...campaigns.map((c) => ({ value: c.slug, label: ko ? c.title_ko : c.title_en }))]}
          />
          <Field name="from" type="date" label={t("stats.from")} hint={t("stats.dateHint")} defaultValue={params.from ?? ""} errors={fieldErrors("from")} />
          <Field name="to" type="date" label={t("stats.to")} hint={t("stats.dateHint")} defaultValue={params.to ?? ""} errors={fieldErrors("to")} />
          <button type="submit">{t("stats.apply")}</button>
          <Link to="/stats">{t("stats.clear")}</Link>
        </Form>

        <p className="hint stats-scope">
          {campaign ? `${t("stats.scopeCampaign", { campaign: ko ? campaign.title_ko : campaign.title_en })} ` : null}
          {d.filter.from && d.filter.to
            ? t("stats.scopePeriod", { from: d.filter.from, to: d.filter.to })
            : d.filter.from
              ? t("stats.scopeFrom", { from: d.filter.from })
              : d.filter.to
                ? t("stats.scopeTo", { to: d.filter.to })
                : campaign
                  ? null
                  : t("stats.scopeAll")}{" "}
          {t("stats.asOf", { time: formatDate(d.computedAt, locale, true) })}
        </p>

        <section aria-labelledby="stats-totals">
          <h2 id="stats-totals">{t("stats.totalsTitle")}</h2>
          <dl className="stat-row">
            {(["ideas", "supports", "verifiedSupports", "answered", "implemented"] as const).map((k) => (
              <div key={k}>
                <dt>{t(`stats.totals.${k}`)}</dt>
                <dd>{n(d.totals[k])}</dd>
              </div>
            ))}
          </dl>
        </section>

        <section aria-labelledby="stats-ideas-week">
          <h2 id="stats-ideas-week">{t("stats.ideasPerWeek")}</h2>
          <p className="hint">
            {t("stats.weeksNote")} {d.weeks.clamped ? t("stats.clampedNote", { count: d.ideasPerWeek.length }) : null}
          </p>
          <WeekChart
            id="chart-ideas-week"
            title={t("stats.ideasPerWeek")}
            summary={weekSummary(d.ideasPerWeek)}
            weeks={d.ideasPerWeek}
            locale={locale}
            headers={[t("stats.week"), t("stats.ideasColumn")]}
          />
        </section>

        <section aria-labelledby="stats-supports-week">
          <h2 id="stats-supports-week">{t("stats.supportsPerWeek")}</h2>
          <WeekChart
            id="chart-supports-week"
            title={t("stats.supportsPerWeek")}
            summary={weekSummary(d.supportsPerWeek)}
            weeks={d.supportsPerWeek}
            locale={locale}
            headers={[t("stats.week"), t("stats.supportsColumn")]}
          />
        </section>

        <section aria-labelledby="stats-funnel">
          <h2 id="stats-funnel">{t("stats.funnelTitle")}</h2>
          <p className="hint">{t("stats.funnelHint")}</p>
          <FunnelChart
            id="chart-funnel"
            title={t("stats.funnelTitle")}
            summary={t("stats.summaryFunnel", reached)}
            steps={FUNNEL_STEPS.map((step, i) => ({ key: step, label: t(`stats.funnel.${step}`), value: d.funnel[i].count }))}
            locale={locale}
            headers={[t("stats.step"), t("stats.ideasColumn"), t("stats.funnelShare")]}
          />
        </section>

        <section aria-labelledby="stats-durations">
          <h2 id="stats-durations">{t("stats.durationsTitle")}</h2>
          <p className="hint">{t("stats.durationsHint")}</p>
          <BarChart
            id="chart-durations"
            title={t("stats.durationsTitle")}
            summary={t("stats.summaryDurations", {
              list: listOf(d.durations.map((s) => `${t(`stats.duration.${s.step}`)} ${days(s.medianDays)}`)),
            })}
            rows={d.durations.map((s) => ({
              key: s.step,
              label: t(`stats.duration.${s.step}`),
              value: s.medianDays ?? 0,
              text: s.medianDays === null ? t("stats.noData") : t("stats.durationText", { count: s.medianDays, median: days(s.medianDays), p90: days(s.p90Days) }),
              cells: [days(s.medianDays), days(s.p90Days), n(s.count)],
            }))}
            locale={locale}
            headers={[t("stats.step"), t("stats.median"), t("stats.p90"), t("stats.measured")]}
          />
        </section>

        <section aria-labelledby="stats-committees">
          <h2 id="stats-committees">{t("stats.committeesTitle")}</h2>
          <BodiesTable
            caption={t("stats.committeesTitle")}
            nameHeader={t("stats.committee")}
            onHandHeader={t("stats.onHand")}
            answeredHeader={t("stats.recommended")}
            rows={d.committees}
            link="/committees"
            locale={locale}
          />
        </section>

        <section aria-labelledby="stats-agencies">
          <h2 id="stats-agencies">{t("stats.agenciesTitle")}</h2>
          <BodiesTable
            caption={t("stats.agenciesTitle")}
            nameHeader={t("stats.agency")}
            onHandHeader={t("stats.underReview")}
            answeredHeader={t("stats.answered")}
            rows={d.agencies}
            link="/agencies"
            locale={locale}
          />
          <p className="hint">{t("stats.onTimeHelp")}</p>
        </section>

        <section aria-labelledby="stats-outcomes">
          <h2 id="stats-outcomes">{t("stats.outcomesTitle")}</h2>
          <BarChart
            id="chart-outcomes"
            title={t("stats.outcomesTitle")}
            summary={t("stats.summaryList", { list: listOf(d.outcomes.map((o) => `${t(`workflow.outcome.${o.outcome}`)} ${n(o.count)}`)) })}
            rows={d.outcomes.map((o) => ({ key: o.outcome, label: t(`workflow.outcome.${o.outcome}`), value: o.count }))}
            locale={locale}
            headers={[t("stats.outcome"), t("stats.count")]}
          />
          <h3>{t("stats.outcomesByAgency")}</h3>
          {d.agencies.every((a) => a.answered === 0) ? (
            <p>{t("agencies.answersEmpty")}</p>
          ) : (
            <ScrollTable label={t("stats.chart.tableRegion", { title: t("stats.outcomesByAgency") })}>
              <table>
                <caption className="visually-hidden">{t("stats.outcomesByAgency")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("stats.agency")}</th>
                    {d.outcomes.map((o) => (
                      <th key={o.outcome} scope="col" className="num">
                        {t(`workflow.outcome.${o.outcome}`)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <StaticIsland as="tbody">
                  {() =>
                    d.agencies
                      .filter((a) => a.answered > 0)
                      .map((a) => (
                        <tr key={a.slug}>
                          <th scope="row">{ko ? a.name_ko : a.name_en}</th>
                          {d.outcomes.map((o) => (
                            <td key={o.outcome} className="num">
                              {n(a.outcomes[o.outcome])}
                            </td>
                          ))}
                        </tr>
                      ))
                  }
                </StaticIsland>
              </table>
            </ScrollTable>
          )}
        </section>

        <section aria-labelledby="stats-regions">
          <h2 id="stats-regions">{t("stats.regionsTitle")}</h2>
          <p className="hint">{t("stats.regionsHint")}</p>
          <BarChart
            id="chart-regions"
            title={t("stats.regionsTitle")}
            summary={
              topRegions.length
                ? t("stats.summaryRegions", { list: listOf(topRegions.map((r) => `${r.label} ${n(r.value)}`)) })
                : t("stats.summaryNone")
            }
            rows={regionRows}
            locale={locale}
            headers={[t("stats.region"), t("stats.supportsColumn")]}
            collapsedTable
          />
        </section>

        <section aria-labelledby="stats-downloads">
          <h2 id="stats-downloads">{t("stats.downloads")}</h2>
          <ul className="link-list">
            <li>
              <a href={`/api/v1/stats${query}`} type="application/json">
                {t("stats.downloadJson")}
              </a>
            </li>
            <li>
              <a href={`/api/v1/stats.csv${query}`} type="text/csv">
                {t("stats.downloadCsv")}
              </a>
            </li>
            <li>
              <Link to="/open-data">{t("stats.openDataLink")}</Link>
            </li>
          </ul>
        </section>
      </div>
    </StaticIslands>
  );
}
