import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { useTranslation } from "~/ui/translation";
import { requireStaff } from "~/auth/actor.server";
import { canManageRoles } from "~/domain/accounts/permissions";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = (args) => pageTitle(args, (t) => t("admin.title"));

export async function loader({ request, context }: LoaderFunctionArgs) {
  requireStaff(context, request, canManageRoles);
  return null;
}

export default function AdminHome() {
  const { t } = useTranslation();
  return (
    <div className="page">
      <h1>{t("admin.title")}</h1>
      <ul className="link-list">
        <li>
          <Link to="/admin/users">{t("admin.users")}</Link>
        </li>
        <li>
          <Link to="/admin/campaigns">{t("adminCampaigns.title")}</Link>
        </li>
        <li>
          <Link to="/admin/blocklist">{t("moderation.blocklist.title")}</Link>
        </li>
        <li>
          <Link to="/admin/settings">{t("settings.title")}</Link>
        </li>
        <li>
          <Link to="/admin/pages">{t("pages.adminTitle")}</Link>
        </li>
        <li>
          <Link to="/admin/committees">{t("bodies.committees.title")}</Link>
        </li>
        <li>
          <Link to="/admin/agencies">{t("bodies.agencies.title")}</Link>
        </li>
        <li>
          <Link to="/admin/categories">{t("bodies.categories.title")}</Link>
        </li>
        <li>
          <Link to="/admin/regions">{t("bodies.regions.title")}</Link>
        </li>
        <li>
          <Link to="/admin/holidays">{t("holidays.title")}</Link>
        </li>
        <li>
          <Link to="/admin/audit">{t("auditLog.title")}</Link>
        </li>
        <li>
          <Link to="/admin/security-log">{t("securityLog.title")}</Link>
        </li>
        <li>
          <Link to="/identity-desk#revoke">{t("trust.revoke.title")}</Link>
        </li>
        <li>
          <Link to="/admin/holidays">{t("holidays.title")}</Link>
        </li>
      </ul>
    </div>
  );
}
