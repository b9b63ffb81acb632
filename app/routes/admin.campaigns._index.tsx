import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/ui/translation";
import { requireStaff } from "~/auth/actor.server";
import { canManageCampaigns } from "~/domain/accounts/permissions";
import { allCampaigns } from "~/domain/campaigns/queries.server";
import { formatDate } from "~/utils/i18n";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = (args) => pageTitle(args, (t) => [t("adminCampaigns.title"), t("admin.title")]);

export async function loader({ request, context }: LoaderFunctionArgs) {
  requireStaff(context, request, canManageCampaigns);
  const campaigns = await allCampaigns(context.services.db);
  return json({ campaigns, locale: context.locale });
}

export default function AdminCampaigns() {
  const { t } = useTranslation();
  const { campaigns, locale } = useLoaderData<typeof loader>();
  const ko = locale === "ko";
  return (
    <div className="page">
      <p>
        <Link to="/admin">{t("admin.title")}</Link>
      </p>
      <h1>{t("adminCampaigns.title")}</h1>
      <p>
        <Link to="/admin/campaigns/new" className="button">
          {t("adminCampaigns.new")}
        </Link>
      </p>
      <h2>{t("adminCampaigns.list")}</h2>
      {campaigns.length === 0 ? (
        <p>{t("adminCampaigns.none")}</p>
      ) : (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("adminCampaigns.name")}</th>
                <th scope="col">{t("adminCampaigns.slug")}</th>
                <th scope="col">{t("adminCampaigns.phase")}</th>
                <th scope="col">{t("adminCampaigns.opensAt")}</th>
                <th scope="col">{t("adminCampaigns.closesAt")}</th>
                <th scope="col">{t("adminCampaigns.region")}</th>
              </tr>
            </thead>
            <tbody>
              {campaigns.map((c) => {
                const title = ko ? c.title_ko : c.title_en;
                return (
                  <tr key={c.id}>
                    <td>
                      <Link to={`/admin/campaigns/${c.id}`} aria-label={`${t("adminCampaigns.edit")}: ${title}`}>
                        {title}
                      </Link>
                    </td>
                    <td>
                      <Link to={`/campaigns/${c.slug}`}>{c.slug}</Link>
                    </td>
                    <td>{t(`campaigns.${c.phase}`)}</td>
                    <td>{formatDate(c.opens_at, locale, true)}</td>
                    <td>{formatDate(c.closes_at, locale, true)}</td>
                    <td>{(ko ? c.region_ko : c.region_en) ?? t("campaigns.nationwide")}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
