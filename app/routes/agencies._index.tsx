import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/ui/translation";
import { agenciesOverview } from "~/domain/workflow/queries.server";
import { formatNumber, formatPercent as percent } from "~/utils/i18n";
import { cacheHeaders, publicCache } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = (args) => pageTitle(args, (t) => t("agencies.title"));

export async function loader({ context }: LoaderFunctionArgs) {
  return json(
    { agencies: await agenciesOverview(context.services.db), locale: context.locale },
    { headers: publicCache(context.actor, 30) },
  );
}

export const headers = cacheHeaders;

export default function Agencies() {
  const { t } = useTranslation();
  const { agencies, locale } = useLoaderData<typeof loader>();
  return (
    <div className="page">
      <h1>{t("agencies.title")}</h1>
      <p>{t("agencies.intro")}</p>
      <div className="table-scroll">
        <table className="stack-table">
          <thead>
            <tr>
              <th scope="col">{t("agencies.title")}</th>
              <th scope="col" className="num">{t("agencies.underReview")}</th>
              <th scope="col" className="num">{t("agencies.overdue")}</th>
              <th scope="col" className="num">{t("agencies.answered")}</th>
              <th scope="col" className="num">
                <abbr title={t("agencies.onTimeHelp")}>{t("agencies.onTimeRate")}</abbr>
              </th>
            </tr>
          </thead>
          <tbody>
            {agencies.map((a) => (
              <tr key={a.id}>
                <th scope="row">
                  <Link to={`/agencies/${a.slug}`}>{locale === "ko" ? a.name_ko : a.name_en}</Link>{" "}
                  <span className="tag">{t(`agencies.${a.kind}`)}</span>
                </th>
                <td className="num" data-label={t("agencies.underReview")}>{formatNumber(a.underReview, locale)}</td>
                <td className="num" data-label={t("agencies.overdue")}>{formatNumber(a.overdue, locale)}</td>
                <td className="num" data-label={t("agencies.answered")}>{formatNumber(a.answered, locale)}</td>
                <td className="num" data-label={t("agencies.onTimeRate")}>{percent(a.onTimeRate, locale) ?? t("agencies.noRate")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="hint">{t("agencies.onTimeHelp")}</p>
    </div>
  );
}
