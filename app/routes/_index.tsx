import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/ui/translation";
import { homeCampaigns } from "~/domain/campaigns/queries.server";
import { parseListParams } from "~/domain/ideas/list";
import { keptPipelineCounts, listPage } from "~/domain/ideas/queries.server";
import { IdeaCards, ProposeInCall } from "~/ui/ideas";
import { getSettings } from "~/domain/settings.server";
import { formatDate, formatNumber } from "~/utils/i18n";
import { cacheHeaders, publicCache } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";
import { MetaLine } from "~/ui/meta-line";
import { PIPELINE_STAGES, STATUS_TABLE, statusesWhere } from "~/domain/workflow/statuses";
import { homeEvents } from "~/domain/events/queries.server";
import { EventCards } from "~/ui/events";
import { StaticIslands } from "~/ui/static-island";

export const meta: MetaFunction = (args) =>
  pageTitle(args, (t) => t("home.title"), (t) => [{ name: "description", content: t("site.tagline") }]);

export async function loader({ context }: LoaderFunctionArgs) {
  const { db } = context.services;
  const [campaigns, settings, trending, counts, events] = await Promise.all([
    homeCampaigns(db),
    getSettings(db),
    // The list page's own kept copy of the same list (decision 088): the same for every reader.
    listPage(db, parseListParams(new URLSearchParams({ sort: "trending", status: "open" }))),
    keptPipelineCounts(db),
    homeEvents(db, context.locale),
  ]);
  return json({ campaigns, settings, trending: trending.ideas.slice(0, 6), counts, events, locale: context.locale }, { headers: publicCache(context.actor) });
}

export const headers = cacheHeaders;

// Each stage of the pipeline, the statuses counted in it, and which deadline applies: from the
// status table (app/domain/workflow/statuses.ts).
const PIPELINE = PIPELINE_STAGES.map((stage) => {
  const statuses = statusesWhere((s) => s.stage === stage);
  return [stage, statuses, STATUS_TABLE[statuses[0]].deadline] as const;
});

export default function Home() {
  const { t } = useTranslation();
  const { campaigns, settings, trending, counts, events, locale } = useLoaderData<typeof loader>();
  const ko = locale === "ko";
  const atStep = (statuses: readonly string[]) => statuses.reduce((n, s) => n + (counts[s] ?? 0), 0);
  return (
    <div className="page">
      <section className="hero">
        <h1>{t("home.title")}</h1>
        <p className="lead">{t("home.intro")}</p>
        <p>
          <Link to="/ideas/new" className="button">
            {t("ideas.propose")}
          </Link>
        </p>
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
                <p className="excerpt">{(ko ? c.excerpt_ko : c.excerpt_en) || c.excerpt_ko}</p>
                <MetaLine>
                  <span>{(ko ? c.region_ko : c.region_en) ?? t("home.nationwide")}</span>
                  <span>{t("home.closes", { date: formatDate(c.closes_at, locale) })}</span>
                  <span>{t("home.threshold", { count: c.support_threshold })}</span>
                </MetaLine>
                <ProposeInCall campaignId={c.id} title={ko ? c.title_ko : c.title_en} />
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
        {trending.length === 0 ? (
          <p>{t("ideas.none")}</p>
        ) : (
          // The cards keep the server's markup until the list changes (app/ui/static-island.tsx).
          <StaticIslands deps={[trending, locale]} keep="home-trending">
            <IdeaCards ideas={trending} locale={locale} />
          </StaticIslands>
        )}
      </section>

      {events.length ? (
        <section aria-labelledby="events-heading">
          <div className="page-head">
            <h2 id="events-heading">{t("events.homeHeading")}</h2>
            <Link to="/events">{t("events.allEvents")}</Link>
          </div>
          <EventCards events={events} locale={locale} />
        </section>
      ) : null}

      <section aria-labelledby="pipeline-heading">
        <h2 id="pipeline-heading">{t("home.pipelineTitle")}</h2>
        <ol className="pipeline-steps">
          {PIPELINE.map(([step, statuses, days]) => (
            <li key={step}>
              <Link to={`/ideas?status=${statuses[0]}`} className="pipeline-count" aria-label={t("home.ideasAtStep", { count: atStep(statuses) })}>
                {formatNumber(atStep(statuses), locale)}
              </Link>
              <span>
                {t(`home.pipeline.${step}`, {
                  count: days === "committee" ? settings.committee_deadline_days : settings.agency_deadline_days,
                })}
              </span>
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
