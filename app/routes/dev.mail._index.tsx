import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/ui/translation";
import { recentEmails } from "~/domain/notifications/outbox.server";
import { formatDate } from "~/utils/i18n";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = (args) => pageTitle(args, (t) => t("devMail.title"));

// Demo mode and local development only: a deployment with a public address answers 404.
export async function loader({ context }: LoaderFunctionArgs) {
  if (!context.services.config.devMail) throw new Response("Not found", { status: 404 });
  return json({ emails: await recentEmails(context.services.db), locale: context.locale });
}

export default function DevMail() {
  const { t } = useTranslation();
  const { emails, locale } = useLoaderData<typeof loader>();
  return (
    <div className="page">
      <h1>{t("devMail.title")}</h1>
      <p>{t("devMail.intro")}</p>
      {emails.length === 0 ? (
        <p>{t("devMail.empty")}</p>
      ) : (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("devMail.to")}</th>
                <th scope="col">{t("devMail.subject")}</th>
                <th scope="col">{t("devMail.sentAt")}</th>
              </tr>
            </thead>
            <tbody>
              {emails.map((e) => (
                <tr key={e.id}>
                  <td>{e.to_address}</td>
                  <td>
                    <Link to={`/dev/mail/${e.id}`}>{e.subject}</Link>
                  </td>
                  <td>{formatDate(e.created_at, locale, true)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
