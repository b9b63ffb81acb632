import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/ui/translation";
import { latestCampaignSlug } from "~/domain/campaigns/queries.server";
import { LISTABLE_STATUSES } from "~/domain/ideas/list";
import { ALL_TIMELINE_KINDS } from "~/domain/ideas/timeline-kinds";
import { DEFAULT_LIMIT, MAX_LIMIT } from "~/domain/opendata/params";
import { getSettings } from "~/domain/settings.server";
import { API_CACHE, cacheHeaders, publicCache } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";

/** How many rows a page of the API holds, by default and at most (the descriptions state them). */
const PAGE_SIZES = { size: DEFAULT_LIMIT, max: MAX_LIMIT };

export const meta: MetaFunction = (args) => pageTitle(args, (t) => t("openData.title"));

export async function loader({ context }: LoaderFunctionArgs) {
  const [campaign, settings] = await Promise.all([latestCampaignSlug(context.services.db), getSettings(context.services.db)]);
  return json(
    { base: context.siteUrl, exampleCampaign: campaign ?? "everyday-recovery", licence: settings.open_data_licence },
    { headers: publicCache(context.actor, API_CACHE) },
  );
}

export const headers = cacheHeaders;

const FIELD_KEYS = [
  "id",
  "url",
  "title",
  "body",
  "status",
  "support_count",
  "support_threshold",
  "paper_support_count",
  "paper_counted",
  "channel",
  "event_id",
  "author",
  "category",
  "region",
  "campaign",
  "committee",
  "agency",
  "recommendation",
  "vote_for",
  "outcome",
  "official_answer",
  "progress_percent",
  "merged_into_id",
  "dates",
  "status_changes",
  "deadlines",
  "accountability",
] as const;

export default function OpenData() {
  const { t } = useTranslation();
  const { base, exampleCampaign, licence } = useLoaderData<typeof loader>();
  const endpoints = [
    ["/api/v1/ideas", "ideas"],
    ["/api/v1/ideas.csv", "ideasCsv"],
    ["/api/v1/events", "events"],
    ["/api/v1/events.csv", "eventsCsv"],
    ["/api/v1/stats", "stats"],
    ["/api/v1/stats.csv", "statsCsv"],
    ["/api/v1/transparency", "transparency"],
    ["/api/v1/transparency.csv", "transparencyCsv"],
    ["/api/v1/support-roots", "supportRoots"],
    ["/api/v1/support-roots.csv", "supportRootsCsv"],
    ["/api/v1/support-roots/{day}", "supportRootsDay"],
    ["/feed.atom", "feed"],
  ] as const;
  const describe = (key: (typeof endpoints)[number][1]) => (key === "supportRoots" || key === "supportRootsCsv" || key === "supportRootsDay" ? t(`openDataRoots.${key}`) : t(`openData.${key}`, PAGE_SIZES));
  const filters = [
    ["status", t("openData.filterStatus", { statuses: LISTABLE_STATUSES.join(", ") })],
    ["category", t("openData.filterCategory")],
    ["region", t("openData.filterRegion")],
    ["campaign", t("openData.filterCampaign")],
    ["updated_since", t("openData.filterUpdatedSince")],
    ["since", t("openData.filterSince")],
    ["idea", t("openData.filterIdea")],
    ["kind", t("openData.filterKind", { kinds: ALL_TIMELINE_KINDS.join(", ") })],
    ["limit", t("openData.filterLimit", PAGE_SIZES)],
    ["format", t("openData.filterFormat")],
  ] as const;
  const examples = [
    `curl "${base}/api/v1/ideas?status=answered&limit=50"`,
    `curl "${base}/api/v1/ideas?campaign=${exampleCampaign}&updated_since=2026-01-01"`,
    `curl -o ideas.csv "${base}/api/v1/ideas.csv?category=economy&region=seoul"`,
    `curl "${base}/api/v1/events?since=2026-05-01T00:00:00%2B09:00"`,
    `curl -o stats.csv "${base}/api/v1/stats.csv?from=2026-01-01&to=2026-06-30"`,
    `curl "${base}/feed.atom?campaign=${exampleCampaign}&lang=en"`,
  ];
  return (
    <div className="page open-data">
      <h1>{t("openData.title")}</h1>
      <p className="lead">{t("openData.intro")}</p>

      <h2>{t("openData.licenceTitle")}</h2>
      <p>{t("openData.licence", { licence })}</p>

      <h2>{t("openData.privacyTitle")}</h2>
      <p>{t("openData.privacy")}</p>

      <h2>{t("openData.endpointsTitle")}</h2>
      <div className="table-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">{t("openData.endpoint")}</th>
              <th scope="col">{t("openData.what")}</th>
            </tr>
          </thead>
          <tbody>
            {endpoints.map(([path, key]) => (
              <tr key={path}>
                <th scope="row">
                  <code>GET {path}</code>
                </th>
                <td>{describe(key)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2 id="support-roots">{t("openDataRoots.title")}</h2>
      <p>{t("openDataRoots.body")}</p>
      <p>
        <Link to="/verify-receipt">{t("receipts.title")}</Link>
      </p>
      <pre className="code-block" tabIndex={0}>
        <code>{`curl "${base}/api/v1/support-roots?from=2026-12-01"\nnpm run verify-receipt -- madang-receipt.json`}</code>
      </pre>

      <h2>{t("openData.filtersTitle")}</h2>
      <div className="table-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">{t("openData.parameter")}</th>
              <th scope="col">{t("openData.meaning")}</th>
            </tr>
          </thead>
          <tbody>
            {filters.map(([name, meaning]) => (
              <tr key={name}>
                <th scope="row">
                  <code>{name}</code>
                </th>
                <td>{meaning}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2>{t("openData.pagingTitle")}</h2>
      <p>{t("openData.paging")}</p>

      <h2>{t("openData.fieldsTitle")}</h2>
      <div className="table-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">{t("openData.field")}</th>
              <th scope="col">{t("openData.meaning")}</th>
            </tr>
          </thead>
          <tbody>
            {FIELD_KEYS.map((key) => (
              <tr key={key}>
                <th scope="row">
                  <code>{key === "dates" ? "*_at" : key}</code>
                </th>
                <td>{t(`openData.fields.${key}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2>{t("openData.eventFieldsTitle")}</h2>
      <p>{t("openData.eventFields")}</p>

      <h2>{t("openData.csvTitle")}</h2>
      <p>{t("openData.csv")}</p>

      <h2>{t("openData.errorsTitle")}</h2>
      <p>{t("openData.errors")}</p>

      <h2>{t("openData.cachingTitle")}</h2>
      <p>{t("openData.caching")}</p>

      <h2>{t("openData.examplesTitle")}</h2>
      <pre className="code-block" tabIndex={0}>
        <code>{examples.join("\n")}</code>
      </pre>

      <p>
        <Link to="/stats">{t("nav.stats")}</Link>
      </p>
    </div>
  );
}
