import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { openCampaigns } from "~/domain/campaigns/queries.server";
import { parseListParams } from "~/domain/ideas/list";
import { listIdeas, pipelineCounts } from "~/domain/ideas/queries.server";
import { IdeaCards } from "~/ui/ideas";
import { getSettings } from "~/domain/settings.server";
import { formatDate } from "~/utils/i18n";
import { cacheHeaders, publicCache } from "~/utils/http.server";

export const meta: MetaFunction = () => [
  { title: "Madang · 마당" },
  { name: "description", content: "Citizen ideas, public deliberation, answers with deadlines." },
];

export async function loader({ context }: LoaderFunctionArgs) {
  const { db } = context.services;
  const [campaigns, settings, trending, counts] = await Promise.all([
    openCampaigns(db),
    getSettings(db),
    listIdeas(db, parseListParams(new URLSearchParams({ sort: "trending", status: "open" }))),
    pipelineCounts(db),
  ]);
  return json({ campaigns, settings, trending: trending.ideas.slice(0, 6), counts, locale: context.locale }, { headers: publicCache(context.actor) });
}

export const headers = cacheHeaders;

// Each step of the pipeline, the statuses counted in it, and which deadline applies.
const PIPELINE = [
  ["support", ["open"], null],
  ["committee", ["fast_tracked", "in_deliberation"], "committee"],
  ["agency", ["under_review"], "agency"],
  ["answered", ["answered"], null],
  ["implement", ["implementing", "implemented"], null],
] as const;

export default function Home() {
  const { t } = useTranslation();
  const { campaigns, settings, trending, counts, locale } = useLoaderData<typeof loader>();
  const ko = locale === "ko";
  return (
    <div className="page">
      <section className="hero">
        <h1>{t("home.title")}</h1>
        <p className="lead">{t("home.intro")}</p>
      </section>

      <section aria-labelledby="campaigns-heading">
        <h2 id="campaigns-heading">{t("home.openCampaigns")}</h2>
        {campaigns.length === 0 ? (
          <p>{t("home.noCampaigns")}</p>
        ) : (
          <ul className="card-list">
            {campaigns.map((c) => (
              <li key={c.id} className="card">
                <h3>
                  <Link to={`/campaigns/${c.slug}`}>{ko ? c.title_ko : c.title_en}</Link>
                </h3>
                <p>{ko ? c.description_ko : c.description_en}</p>
                <p className="card-meta">
                  <span>{(ko ? c.region_ko : c.region_en) ?? t("home.nationwide")}</span>
                  <span>{t("home.closes", { date: formatDate(c.closes_at, locale) })}</span>
                  <span>{t("home.threshold", { count: c.support_threshold })}</span>
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="trending-heading">
        <div className="page-head">
          <h2 id="trending-heading">{t("home.trending")}</h2>
          <Link to="/ideas">{t("home.allIdeas")}</Link>
        </div>
        {trending.length === 0 ? <p>{t("ideas.none")}</p> : <IdeaCards ideas={trending} locale={locale} />}
      </section>

      <section aria-labelledby="pipeline-heading">
        <h2 id="pipeline-heading">{t("home.pipelineTitle")}</h2>
        <ol className="pipeline-steps">
          {PIPELINE.map(([step, statuses, days]) => (
            <li key={step}>
              <Link to={`/ideas?status=${statuses[0]}`} className="pipeline-count">
                {statuses.reduce((n, s) => n + (counts[s] ?? 0), 0)}
                <span className="visually-hidden"> {t("home.ideasAtStep")}</span>
              </Link>
              <span>
                {t(`home.pipeline.${step}`, {
                  days: days === "committee" ? settings.committee_deadline_days : settings.agency_deadline_days,
                })}
              </span>
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
