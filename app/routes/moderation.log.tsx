// The moderation log: every moderator action (and the automatic hides), newest first, from the
// append-only audit log.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/ui/translation";
import { requireStaff } from "~/auth/actor.server";
import { canModerate } from "~/domain/moderation/permissions";
import { moderationLog } from "~/domain/moderation/queries.server";
import { reasonLabel } from "~/ui/moderation";
import { idCursor } from "~/utils/http.server";
import { formatDate } from "~/utils/i18n";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = (args) => pageTitle(args, (t) => [t("moderation.log.title"), t("moderation.title")]);

export async function loader({ request, context }: LoaderFunctionArgs) {
  requireStaff(context, request, canModerate);
  const log = await moderationLog(context.services.db, idCursor(new URL(request.url), "before"));
  return json({ ...log, locale: context.locale });
}

function targetHref(type: string, id: string, details: Record<string, unknown>): string | null {
  if (type === "idea") return `/ideas/${id}`;
  if (type === "post") {
    if (details.ideaId) return `/ideas/${details.ideaId}#post-${id}`;
    if (details.threadId) return `/threads/${details.threadId}#post-${id}`;
  }
  if (type === "user") return `/moderation/accounts/${id}`;
  if ((type === "alert" || type === "appeal") && details.ideaId) return `/ideas/${details.ideaId}`;
  return null;
}

export default function ModerationLog() {
  const { t } = useTranslation();
  const { entries, next, locale } = useLoaderData<typeof loader>();
  return (
    <div className="page">
      <p>
        <Link to="/moderation">{t("moderation.title")}</Link>
      </p>
      <h1>{t("moderation.log.title")}</h1>
      <p className="hint">{t("moderation.log.intro")}</p>
      {entries.length === 0 ? (
        <p>{t("moderation.log.none")}</p>
      ) : (
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">{t("moderation.log.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("moderation.log.when")}</th>
                <th scope="col">{t("moderation.log.who")}</th>
                <th scope="col">{t("moderation.log.what")}</th>
                <th scope="col">{t("moderation.log.target")}</th>
                <th scope="col">{t("moderation.log.reason")}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => {
                const d = e.details;
                const href = targetHref(e.target_type, e.target_id, d);
                const action = e.action.startsWith("moderation.") ? e.action.slice("moderation.".length) : "post_remove";
                const reason = [reasonLabel(t as never, (d.reason as string) ?? null), (d.note as string) ?? ""].filter(Boolean).join(" — ");
                return (
                  <tr key={e.id}>
                    <td>
                      <time dateTime={e.created_at}>{formatDate(e.created_at, locale, true)}</time>
                    </td>
                    <td>{e.actor_name ?? t("moderation.log.automatic")}</td>
                    <td>
                      {t(`moderation.action.${action}`)}
                      {typeof d.count === "number" ? ` (${d.count})` : null}
                    </td>
                    <td>
                      {href ? <Link to={href}>{t(`moderation.log.targetType.${e.target_type}`, { id: e.target_id })}</Link> : t(`moderation.log.targetType.${e.target_type}`, { id: e.target_id })}
                      {e.subject_id && e.target_type !== "user" ? (
                        <>
                          {" "}
                          · <Link to={`/moderation/accounts/${e.subject_id}`}>{e.subject_name}</Link>
                        </>
                      ) : null}
                    </td>
                    <td>{reason || "—"}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {next ? (
        <p>
          <Link to={`/moderation/log?before=${next}`}>{t("moderation.log.older")}</Link>
        </p>
      ) : null}
    </div>
  );
}
