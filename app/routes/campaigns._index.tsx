import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/ui/translation";
import { campaignsByPhase, type CampaignPhase } from "~/domain/campaigns/queries.server";
import { formatDate, type Locale } from "~/utils/i18n";
import { cacheHeaders, publicCache } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";
import { MetaLine } from "~/ui/meta-line";
import { ProposeInCall } from "~/ui/ideas";

export const meta: MetaFunction = (args) => pageTitle(args, (t) => t("campaigns.title"));

export async function loader({ context }: LoaderFunctionArgs) {
  const phases = await campaignsByPhase(context.services.db, new Date());
  return json({ ...phases, locale: context.locale }, { headers: publicCache(context.actor) });
}

export const headers = cacheHeaders;

interface Summary {
  id: number;
  slug: string;
  title_ko: string;
  title_en: string;
  excerpt_ko: string;
  excerpt_en: string;
  opens_at: string;
  closes_at: string;
  support_threshold: number;
  region_ko: string | null;
  region_en: string | null;
}

function CampaignCards({ campaigns, phase, locale }: { campaigns: Summary[]; phase: CampaignPhase; locale: Locale }) {
  const { t } = useTranslation();
  const ko = locale === "ko";
  if (campaigns.length === 0) return <p>{t("campaigns.none")}</p>;
  return (
    <ul className="card-list">
      {campaigns.map((c) => {
        // An English page falls back to the Korean text where no English was written.
        const excerpt = (ko ? c.excerpt_ko : c.excerpt_en) || c.excerpt_ko;
        return (
          <li key={c.id} className="card">
            <h3 className="card-title">
              <Link to={`/campaigns/${c.slug}`}>{ko ? c.title_ko : c.title_en}</Link>
            </h3>
            {excerpt ? <p className="excerpt">{excerpt}</p> : null}
            <MetaLine>
              <span>{(ko ? c.region_ko : c.region_en) ?? t("campaigns.nationwide")}</span>
              {phase === "upcoming" ? (
                <span>{t("campaigns.opens", { date: formatDate(c.opens_at, locale, true) })}</span>
              ) : null}
              <span>
                {phase === "closed"
                  ? t("campaigns.closedOn", { date: formatDate(c.closes_at, locale) })
                  : t("campaigns.closes", { date: formatDate(c.closes_at, locale, true) })}
              </span>
              <span>{t("campaigns.threshold", { count: c.support_threshold })}</span>
            </MetaLine>
            {phase === "open" ? <ProposeInCall campaignId={c.id} title={ko ? c.title_ko : c.title_en} /> : null}
          </li>
        );
      })}
    </ul>
  );
}

export default function Campaigns() {
  const { t } = useTranslation();
  const { open, upcoming, closed, locale } = useLoaderData<typeof loader>();
  return (
    <div className="page">
      <h1>{t("campaigns.title")}</h1>
      <p className="lead">{t("campaigns.intro")}</p>
      <p>
        <Link to="/ideas/new">{t("ideas.propose")}</Link>
      </p>
      <section aria-labelledby="open-heading">
        <h2 id="open-heading">{t("campaigns.open")}</h2>
        <CampaignCards campaigns={open} phase="open" locale={locale} />
      </section>
      <section aria-labelledby="upcoming-heading">
        <h2 id="upcoming-heading">{t("campaigns.upcoming")}</h2>
        <CampaignCards campaigns={upcoming} phase="upcoming" locale={locale} />
      </section>
      <section aria-labelledby="closed-heading">
        <h2 id="closed-heading">{t("campaigns.closed")}</h2>
        <CampaignCards campaigns={closed} phase="closed" locale={locale} />
      </section>
    </div>
  );
}
