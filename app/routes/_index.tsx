import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { openCampaigns } from "~/domain/campaigns/queries.server";
import { getSettings } from "~/domain/settings.server";
import { formatDate } from "~/utils/i18n";

export const meta: MetaFunction = () => [
  { title: "Madang · 마당" },
  { name: "description", content: "Citizen ideas, public deliberation, answers with deadlines." },
];

export async function loader({ context }: LoaderFunctionArgs) {
  const { db } = context.services;
  const [campaigns, settings] = await Promise.all([openCampaigns(db), getSettings(db)]);
  return json({ campaigns, settings, locale: context.locale });
}

export default function Home() {
  const { t } = useTranslation();
  const { campaigns, settings, locale } = useLoaderData<typeof loader>();
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

      <section aria-labelledby="pipeline-heading">
        <h2 id="pipeline-heading">{t("home.pipelineTitle")}</h2>
        <ol className="pipeline">
          <li>{t("home.pipeline.propose")}</li>
          <li>{t("home.pipeline.support")}</li>
          <li>{t("home.pipeline.committee", { days: settings.committee_deadline_days })}</li>
          <li>{t("home.pipeline.agency", { days: settings.agency_deadline_days })}</li>
          <li>{t("home.pipeline.implement")}</li>
        </ol>
      </section>
    </div>
  );
}
