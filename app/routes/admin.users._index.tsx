import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/ui/translation";
import { requireStaff } from "~/auth/actor.server";
import { canManageRoles } from "~/domain/accounts/permissions";
import { listUsers } from "~/domain/accounts/queries.server";
import { idCursor } from "~/utils/http.server";
import { formatDate } from "~/utils/i18n";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = (args) => pageTitle(args, (t) => [t("admin.users"), t("admin.title")]);

export async function loader({ request, context }: LoaderFunctionArgs) {
  requireStaff(context, request, canManageRoles);
  const url = new URL(request.url);
  const q = (url.searchParams.get("q") ?? "").trim().slice(0, 100);
  const before = idCursor(url, "before") ?? undefined;
  const page = await listUsers(context.services.db, { q: q || undefined, before });
  return json({ ...page, q, locale: context.locale });
}

export default function AdminUsers() {
  const { t } = useTranslation();
  const { users, nextBefore, q, locale } = useLoaderData<typeof loader>();
  return (
    <div className="page">
      <p>
        <Link to="/admin">{t("admin.title")}</Link>
      </p>
      <h1>{t("admin.users")}</h1>
      <Form method="get" className="inline-form" role="search">
        <label htmlFor="user-search">{t("admin.search")}</label>
        <input id="user-search" type="search" name="q" defaultValue={q} />
        <button type="submit">{t("admin.searchSubmit")}</button>
      </Form>
      {users.length === 0 ? (
        <p>{t("admin.noUsers")}</p>
      ) : (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("admin.name")}</th>
                <th scope="col">{t("admin.email")}</th>
                <th scope="col">{t("admin.roles")}</th>
                <th scope="col">{t("admin.joined")}</th>
              </tr>
            </thead>
            <tbody>
              {users.map((u) => (
                <tr key={u.id}>
                  <td>
                    <Link to={`/admin/users/${u.id}`}>{u.display_name}</Link>
                  </td>
                  <td>
                    {u.email}
                    {u.email_verified_at ? null : <span className="tag">{t("admin.unverified")}</span>}
                  </td>
                  <td>{u.roles.map((r) => t(`roles.${r}`)).join(", ")}</td>
                  <td>{formatDate(u.created_at, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {nextBefore ? (
        <p>
          <Link to={`?${new URLSearchParams({ ...(q ? { q } : {}), before: String(nextBefore) })}`}>{t("admin.next")}</Link>
        </p>
      ) : null}
    </div>
  );
}
