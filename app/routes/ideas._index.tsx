import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/ui/translation";
import { listSearch, LISTABLE_STATUSES, parseListParams, SORTS } from "~/domain/ideas/list";
import { filterChoicesIn, listPage } from "~/domain/ideas/queries.server";
import { FollowedLink } from "~/ui/follow-link";
import { SelectField } from "~/ui/form";
import { IdeaCards } from "~/ui/ideas";
import { StaticIslands } from "~/ui/static-island";
import { badCursor, cacheHeaders, publicCache } from "~/utils/http.server";
import { metaDescription, pageTitle } from "~/utils/meta";
import { SEARCH_MAX } from "~/utils/text";

export const meta: MetaFunction = (args) => pageTitle(args, (t) => t("ideas.listTitle"), (t) => metaDescription(t("ideas.listDescription")));

export async function loader({ request, context }: LoaderFunctionArgs) {
  const params = parseListParams(new URL(request.url).searchParams);
  if (params.cursorInvalid) throw badCursor();
  const { db } = context.services;
  const [page, choices] = await Promise.all([listPage(db, params), filterChoicesIn(db, context.locale)]);
  return json({ params, ...page, ...choices, locale: context.locale }, { headers: publicCache(context.actor) });
}

export const headers = cacheHeaders;

export default function Ideas() {
  const { t } = useTranslation();
  const { params, ideas, nextCursor, categories, regions, campaigns, locale } = useLoaderData<typeof loader>();
  const sorts = SORTS.filter((s) => s !== "relevance" || params.q);
  return (
    <div className="page">
      <div className="page-head">
        <h1>{t("ideas.listTitle")}</h1>
        <Link to="/ideas/new" className="button">
          {t("ideas.propose")}
        </Link>
      </div>
      <div className="list-controls">
        <Form method="get" role="search" className="inline-form">
          <label htmlFor="idea-search">{t("ideas.searchLabel")}</label>
          <input id="idea-search" type="search" name="q" defaultValue={params.q} maxLength={SEARCH_MAX} />
          {params.status ? <input type="hidden" name="status" value={params.status} /> : null}
          {params.categoryId ? <input type="hidden" name="category" value={params.categoryId} /> : null}
          {params.regionId ? <input type="hidden" name="region" value={params.regionId} /> : null}
          {params.campaignId ? <input type="hidden" name="campaign" value={params.campaignId} /> : null}
          <button type="submit">{t("ideas.searchSubmit")}</button>
        </Form>
        <nav aria-label={t("ideas.sortLabel")}>
          <ul className="sort-links">
            {sorts.map((sort) => (
              <li key={sort}>
                <FollowedLink aria-current={params.sort === sort ? "true" : undefined} href={`/ideas${listSearch(params, { sort })}`}>
                  {t(`ideas.sort.${sort}`)}
                </FollowedLink>
              </li>
            ))}
          </ul>
        </nav>
        <details open={Boolean(params.status || params.categoryId || params.regionId || params.campaignId)}>
          <summary>{t("ideas.filters")}</summary>
          <Form method="get" className="filters">
            {params.q ? <input type="hidden" name="q" value={params.q} /> : null}
            <input type="hidden" name="sort" value={params.sort} />
            <SelectField
              name="status"
              label={t("ideas.status")}
              defaultValue={params.status ?? ""}
              options={[{ value: "", label: t("ideas.anyStatus") }, ...LISTABLE_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))]}
            />
            <SelectField
              name="category"
              label={t("ideas.category")}
              defaultValue={params.categoryId ? String(params.categoryId) : ""}
              options={[{ value: "", label: t("ideas.anyCategory") }, ...categories.map((c) => ({ value: String(c.id), label: c.name }))]}
            />
            <SelectField
              name="region"
              label={t("ideas.region")}
              defaultValue={params.regionId ? String(params.regionId) : ""}
              options={[{ value: "", label: t("ideas.anyRegion") }, ...regions.map((r) => ({ value: String(r.id), label: r.name }))]}
            />
            <SelectField
              name="campaign"
              label={t("ideas.campaign")}
              defaultValue={params.campaignId ? String(params.campaignId) : ""}
              options={[{ value: "", label: t("ideas.anyCampaign") }, ...campaigns.map((c) => ({ value: String(c.id), label: c.name }))]}
            />
            <button type="submit">{t("ideas.apply")}</button>
            <Link to="/ideas">{t("ideas.clear")}</Link>
          </Form>
        </details>
      </div>
      <section aria-labelledby="results-heading" aria-live="polite">
        <h2 id="results-heading" className="visually-hidden">
          {t("ideas.results")}
        </h2>
        {ideas.length === 0 ? (
          <p>{t("ideas.none")}</p>
        ) : (
          // The cards keep the server's markup until the results change (app/ui/static-island.tsx).
          <StaticIslands deps={[ideas, locale]} keep="idea-list">
            <IdeaCards ideas={ideas} locale={locale} />
          </StaticIslands>
        )}
      </section>
      <nav className="actions" aria-label={t("ideas.results")}>
        {params.cursor ? <Link to={listSearch(params)}>{t("ideas.first")}</Link> : null}
        {nextCursor ? (
          <Link to={listSearch(params, { cursor: nextCursor })} className="button" rel="next">
            {t("ideas.next")}
          </Link>
        ) : null}
      </nav>
    </div>
  );
}
