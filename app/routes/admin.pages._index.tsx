// The pages admins write: each with its newest version's date and note, a search by address or
// title, and a form to start a new page.
import { searchText } from "~/utils/text";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/ui/translation";
import { requireStaff } from "~/auth/actor.server";
import { canAdminister } from "~/domain/admin/permissions";
import { pagesForAdmin } from "~/domain/pages/pages.server";
import { Field } from "~/ui/form";
import { formatDate } from "~/utils/i18n";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = (args) => pageTitle(args, (t) => [t("pages.adminTitle"), t("admin.title")]);

export async function loader({ request, context }: LoaderFunctionArgs) {
  requireStaff(context, request, canAdminister);
  const q = searchText(new URL(request.url).searchParams.get("q"));
  return json({ pages: await pagesForAdmin(context.services.db, q), q, locale: context.locale });
}

export default function AdminPages() {
  const { t } = useTranslation();
  const { pages, q, locale } = useLoaderData<typeof loader>();
  return (
    <div className="page">
      <p>
        <Link to="/admin">{t("admin.title")}</Link>
      </p>
      <h1>{t("pages.adminTitle")}</h1>
      <p className="lead">{t("pages.adminIntro")}</p>
      <p>
        <Link to="/admin/pages/new" className="button">
          {t("pages.new")}
        </Link>
      </p>
      <Form method="get" role="search" className="inline-form" aria-label={t("pages.search")}>
        <Field name="q" type="search" label={t("pages.search")} defaultValue={q} />
        <button type="submit">{t("admin.searchSubmit")}</button>
      </Form>
      {pages.length === 0 ? (
        <p role="status">{t("pages.none")}</p>
      ) : (
        <div className="table-scroll">
          <table className="stack-table">
            <caption className="visually-hidden">{t("pages.adminTitle")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("pages.title")}</th>
                <th scope="col">{t("pages.address")}</th>
                <th scope="col">{t("pages.lastVersion")}</th>
                <th scope="col">{t("pages.note")}</th>
              </tr>
            </thead>
            <tbody>
              {pages.map((p) => (
                <tr key={p.slug}>
                  <td data-label={t("pages.title")}>
                    <Link to={`/admin/pages/${p.slug}`} aria-label={t("pages.editLabel", { title: locale === "en" ? p.title_en : p.title_ko })}>
                      {locale === "en" ? p.title_en : p.title_ko}
                    </Link>
                  </td>
                  <td data-label={t("pages.address")}>
                    <Link to={`/pages/${p.slug}`}>/pages/{p.slug}</Link>
                  </td>
                  <td data-label={t("pages.lastVersion")}>{t("pages.versionTitle", { version: p.version, date: formatDate(p.created_at, locale) })}</td>
                  <td data-label={t("pages.note")}>{p.note || "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
