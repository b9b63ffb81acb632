import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireStaff } from "~/auth/actor.server";
import { hasRole } from "~/domain/accounts/permissions";
import { reviewQueue } from "~/domain/workflow/queries.server";
import { QueueTable } from "~/ui/queue";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = (args) => pageTitle(args, (t) => t("review.title"));

// An officer's triage queue; answering, assigning and progress happen on each idea's page.
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireStaff(context, request, (a) => hasRole(a, "agency_officer") || hasRole(a, "admin"));
  const queue = await reviewQueue(context.services.db, actor);
  return json({ ...queue, locale: context.locale, now: new Date().toISOString() });
}

export default function Review() {
  const { t } = useTranslation();
  const { agencyIds, queue, implementing, locale, now } = useLoaderData<typeof loader>();
  return (
    <div className="page">
      <h1>{t("review.title")}</h1>
      {agencyIds.length === 0 ? (
        <p>{t("review.notOfficer")}</p>
      ) : (
        <>
          <p>{t("review.intro")}</p>
          {queue.length === 0 ? <p>{t("review.empty")}</p> : <QueueTable rows={queue} locale={locale} now={now} showOfficer />}
          <h2>{t("review.implementing")}</h2>
          {implementing.length === 0 ? (
            <p>{t("mine.none")}</p>
          ) : (
            <ul className="link-list">
              {implementing.map((i) => (
                <li key={i.id}>
                  <Link to={`/ideas/${i.id}`}>{i.title}</Link> — {t(`status.${i.status}`)}
                  {i.progress_percent !== null ? ` (${i.progress_percent}%)` : null}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </div>
  );
}
