import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/ui/translation";
import { CallRulesNote } from "~/ui/eligibility";
import { campaignBySlug, campaignPhase } from "~/domain/campaigns/queries.server";
import { parseListParams } from "~/domain/ideas/list";
import { listIdeas } from "~/domain/ideas/queries.server";
import { IdeaCards } from "~/ui/ideas";
import { formatDate } from "~/utils/i18n";
import { renderMarkdown } from "~/utils/markdown.server";
import { cacheHeaders, publicCache } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction<typeof loader> = (args) =>
  pageTitle(args, (t) => [args.data?.title, t("campaigns.title")], args.data?.summary ? [{ name: "description", content: args.data.summary }] : []);

export async function loader({ params, context }: LoaderFunctionArgs) {
  const { db } = context.services;
  const campaign = await campaignBySlug(db, params.slug ?? "");
  if (!campaign) throw new Response("Not found", { status: 404 });
  const { ideas, nextCursor } = await listIdeas(db, {
    ...parseListParams(new URLSearchParams()),
    sort: "top",
    campaignId: campaign.id,
  });
  const ko = context.locale === "ko";
  // An English page falls back to the Korean text where no English was written.
  const description = (ko ? campaign.description_ko : campaign.description_en) || campaign.description_ko;
  const { description_ko: _ko, description_en: _en, ...rest } = campaign;
  return json({
    campaign: rest,
    title: ko ? campaign.title_ko : campaign.title_en,
    descriptionHtml: renderMarkdown(description),
    summary: description.replace(/\s+/g, " ").slice(0, 160),
    phase: campaignPhase(campaign),
    ideas,
    more: nextCursor !== null,
    locale: context.locale,
    signedIn: context.actor !== null,
  }, { headers: publicCache(context.actor) });
}

export const headers = cacheHeaders;

export default function CampaignPage() {
  const { t } = useTranslation();
  const { campaign: c, title, descriptionHtml, phase, ideas, locale, signedIn } = useLoaderData<typeof loader>();
  const ko = locale === "ko";
  const committee = (ko ? c.committee_ko : c.committee_en) ?? t("campaigns.committeeByCategory");
  return (
    <div className="page">
      <p>
        <Link to="/campaigns">{t("campaigns.title")}</Link>
      </p>
      <h1>{title}</h1>
      <p>
        <span className="tag">{t(`campaigns.${phase}`)}</span>
      </p>
      {phase === "open" ? (
        <p>
          <Link to={`/ideas/new?campaign=${c.id}`} className="button">
            {t("campaigns.propose")}
          </Link>
        </p>
      ) : (
        <p className="notice" role="note">
          {phase === "closed"
            ? t("campaigns.closedNotice")
            : t("campaigns.upcomingNotice", { date: formatDate(c.opens_at, locale, true) })}
        </p>
      )}
      <CallRulesNote
        signedIn={signedIn}
        rules={{
          level: Math.max(c.propose_level, c.support_level),
          regionName: (ko ? c.eligible_region_ko : c.eligible_region_en) ?? null,
          minAge: c.min_age,
          countsVerified: c.verified_threshold,
        }}
      />
      {descriptionHtml ? (
        // renderMarkdown (app/utils/markdown.server.ts) sanitises its HTML with an allow-list:
        // no script, style, event handler or javascript: link can reach the page.
        <div className="campaign-description" dangerouslySetInnerHTML={{ __html: descriptionHtml }} />
      ) : null}
      <dl className="meta-list">
        <dt>{t("campaigns.scope")}</dt>
        <dd>{(ko ? c.region_ko : c.region_en) ?? t("campaigns.nationwide")}</dd>
        <dt>{t("campaigns.theme")}</dt>
        <dd>{(ko ? c.category_ko : c.category_en) ?? t("campaigns.anyTheme")}</dd>
        <dt>{t("campaigns.period")}</dt>
        <dd>
          {t("campaigns.periodValue", {
            opens: formatDate(c.opens_at, locale, true),
            closes: formatDate(c.closes_at, locale, true),
          })}
        </dd>
        <dt>{t("campaigns.thresholdLabel")}</dt>
        <dd>{t("campaigns.supportsCount", { count: c.support_threshold })}</dd>
        <dt>{t("campaigns.windowLabel")}</dt>
        <dd>{t("campaigns.daysCount", { count: c.support_window_days })}</dd>
        <dt>{t("assisted.paperRuleLabel")}</dt>
        <dd>{t(`assisted.paperRule.${c.paper_supports}`)}</dd>
        <dt>{t("campaigns.committee")}</dt>
        <dd>{committee}</dd>
      </dl>

      <section aria-labelledby="ideas-heading">
        <h2 id="ideas-heading">
          {/* One name, said once: "이 공모의 제안 (11건)", not the heading and then a pill that repeats it. */}
          {t("campaigns.ideasWithCount", { count: c.idea_count })}
        </h2>
        {ideas.length === 0 ? <p>{t("campaigns.noIdeas")}</p> : <IdeaCards ideas={ideas} locale={locale} />}
        {c.idea_count > 0 ? (
          <p>
            <Link to={`/ideas?campaign=${c.id}`}>{t("campaigns.allIdeas")}</Link>
          </p>
        ) : null}
      </section>
    </div>
  );
}
