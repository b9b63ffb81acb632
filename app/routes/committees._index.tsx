import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/ui/translation";
import { committeeList } from "~/domain/deliberation/queries.server";
import { formatNumber } from "~/utils/i18n";
import { cacheHeaders, publicCache } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = (args) => pageTitle(args, (t) => t("deliberation.committees.title"));

export async function loader({ context }: LoaderFunctionArgs) {
  const committees = await committeeList(context.services.db);
  return json({ committees, locale: context.locale }, { headers: publicCache(context.actor) });
}

export const headers = cacheHeaders;

export default function Committees() {
  const { t } = useTranslation();
  const { committees, locale } = useLoaderData<typeof loader>();
  const ko = locale === "ko";
  return (
    <div className="page">
      <h1>{t("deliberation.committees.title")}</h1>
      <p className="lead">{t("deliberation.committees.intro")}</p>
      <ul className="card-list">
        {committees.map((c) => (
          <li key={c.id} className="card committee-card">
            <h2 className="card-title">
              <Link to={`/committees/${c.slug}`}>{ko ? c.name_ko : c.name_en}</Link>
            </h2>
            <p className="excerpt">{(ko ? c.description_ko : c.description_en) || c.description_ko}</p>
            <dl className="meta-list">
              <dt>{t("deliberation.committees.members")}</dt>
              <dd>{formatNumber(c.member_count, locale)}</dd>
              <dt>{t("deliberation.committees.deliberating")}</dt>
              <dd>{formatNumber(c.deliberating_count, locale)}</dd>
              <dt>{t("deliberation.committees.awaiting")}</dt>
              <dd>{formatNumber(c.awaiting_count, locale)}</dd>
            </dl>
          </li>
        ))}
      </ul>
    </div>
  );
}
