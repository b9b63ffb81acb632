// Duplicate clusters for moderators (decision 044): open ideas with close titles, grouped, with
// how many people support both and what merging into the most supported one would do. The merge
// itself is the existing one: each form posts to the idea's own page (intent "merge").
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/ui/translation";
import { requireStaff } from "~/auth/actor.server";
import { duplicateClusters } from "~/domain/moderation/duplicates.server";
import { canModerate } from "~/domain/moderation/permissions";
import { TextAreaField } from "~/ui/form";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = (args) =>
  pageTitle(args, (t) => [t("duplicates.title"), t("moderation.title")], (t) => [{ name: "description", content: t("duplicates.metaDescription") }]);

export async function loader({ request, context }: LoaderFunctionArgs) {
  requireStaff(context, request, canModerate);
  return json({ clusters: await duplicateClusters(context.services.db) });
}

export default function DuplicateClusters() {
  const { t } = useTranslation();
  const { clusters } = useLoaderData<typeof loader>();
  return (
    <div className="page">
      <p>
        <Link to="/moderation">{t("moderation.title")}</Link>
      </p>
      <h1>{t("duplicates.title")}</h1>
      <p className="lead">{t("duplicates.intro")}</p>
      {clusters.length === 0 ? <p role="status">{t("duplicates.none")}</p> : null}
      {clusters.map((c) => (
        <section key={c.target.id} className="card" aria-labelledby={`cluster-${c.target.id}`}>
          <h2 id={`cluster-${c.target.id}`}>
            <Link to={`/ideas/${c.target.id}`}>{c.target.title}</Link>
          </h2>
          <p>{t("duplicates.target", { count: c.target.supports })}</p>
          <ul>
            {c.members.map((m) => (
              <li key={m.id}>
                <p>
                  <Link to={`/ideas/${m.id}`}>{m.title}</Link> · {t("duplicates.supports", { count: m.supports })}
                </p>
                <p>{t("duplicates.shared", { count: m.shared })}</p>
                <p>{t("duplicates.preview", { count: m.wouldMove, already: m.alreadyOnTarget })}</p>
                <details>
                  <summary>{t("duplicates.merge")}</summary>
                  <Form method="post" action={`/ideas/${m.id}?index`} className="stack">
                    <input type="hidden" name="intent" value="merge" />
                    <input type="hidden" name="targetId" value={c.target.id} />
                    <input type="hidden" name="expectedStatus" value="open" />
                    <TextAreaField name="reason" id={`reason-${m.id}`} label={t("moderation.panel.mergeReason")} rows={2} required />
                    <button type="submit" className="secondary" aria-label={t("duplicates.mergeLabel", { from: m.title, into: c.target.title })}>
                      {t("moderation.panel.mergeSubmit")}
                    </button>
                  </Form>
                </details>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
