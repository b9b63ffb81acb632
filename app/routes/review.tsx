import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireStaff } from "~/auth/actor.server";
import { hasRole } from "~/domain/accounts/permissions";
import { supervisorQueue } from "~/domain/agencies/queries.server";
import { reviewQueue } from "~/domain/workflow/queries.server";
import { QueueTable } from "~/ui/queue";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = (args) => pageTitle(args, (t) => t("review.title"));

// The triage queue of an officer's agencies, or of every agency for an admin, with a filter by
// agency; answering, assigning and progress happen on each idea's page.
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireStaff(context, request, (a) => hasRole(a, "agency_officer") || hasRole(a, "agency_supervisor") || hasRole(a, "admin"));
  const agency = new URL(request.url).searchParams.get("agency") || null;
  const [queue, supervision] = await Promise.all([reviewQueue(context.services.db, actor, agency), supervisorQueue(context.services.db, actor)]);
  return json({ ...queue, ...supervision, admin: hasRole(actor, "admin"), locale: context.locale, now: new Date().toISOString() });
}

export default function Review() {
  const { t } = useTranslation();
  const { agencies, chosen, admin, queue, implementing, supervised, escalated, locale, now } = useLoaderData<typeof loader>();
  const ko = locale === "ko";
  const titled = <T extends { title: string; hidden: boolean }>(rows: T[]) => rows.map((r) => (r.hidden ? { ...r, title: t("moderation.hidden.title") } : r));
  return (
    <div className="page">
      <h1>{t("review.title")}</h1>
      {supervised.length > 0 ? (
        <section aria-labelledby="escalated-title">
          <h2 id="escalated-title">{t("clock.escalatedTitle")}</h2>
          <p>{t("clock.escalatedIntro")}</p>
          {escalated.length === 0 ? <p>{t("clock.escalatedNone")}</p> : <QueueTable rows={titled(escalated)} locale={locale} now={now} showOfficer />}
        </section>
      ) : null}
      {agencies.length === 0 && supervised.length > 0 ? null : agencies.length === 0 ? (
        <p>{t("review.notOfficer")}</p>
      ) : (
        <>
          <p>{admin ? t("review.introAdmin") : t("review.intro")}</p>
          {agencies.length > 1 ? (
            <Form method="get" className="actions filter-form" aria-label={t("review.filter")}>
              <label htmlFor="review-agency">{t("review.agency")}</label>
              <select id="review-agency" name="agency" defaultValue={chosen ?? ""}>
                <option value="">{t("review.allAgencies")}</option>
                {agencies.map((a) => (
                  <option key={a.id} value={a.slug}>
                    {ko ? a.name_ko : a.name_en}
                  </option>
                ))}
              </select>
              <button type="submit" className="secondary small">
                {t("review.show")}
              </button>
            </Form>
          ) : null}
          <h2>{t("review.underReview")}</h2>
          {queue.length === 0 ? <p>{t("review.empty")}</p> : <QueueTable rows={titled(queue)} locale={locale} now={now} showOfficer />}
          <h2>{t("review.implementing")}</h2>
          {implementing.length === 0 ? (
            <p>{t("mine.none")}</p>
          ) : (
            <ul className="link-list">
              {titled(implementing).map((i) => (
                <li key={i.id}>
                  <Link to={`/ideas/${i.id}`}>{i.title}</Link> — {ko ? i.agency_ko : i.agency_en} — {t(`status.${i.status}`)}
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
