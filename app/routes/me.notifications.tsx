import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/ui/translation";
import { notificationValues } from "~/domain/notifications/notification-values";
import { digestSections } from "~/domain/notifications/digest-text";
import { requireActor } from "~/auth/actor.server";
import { markAllRead, notificationCentre } from "~/domain/notifications/queries.server";
import { formatDate } from "~/utils/i18n";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = (args) => pageTitle(args, (t) => t("notifications.title"));

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request);
  const items = await notificationCentre(context.services.db, actor);
  return json({ items, locale: context.locale });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = requireActor(context, request);
  await markAllRead(context.services.db, actor.id);
  return json({ done: true });
}

export default function Notifications() {
  const { t } = useTranslation();
  const { items, locale } = useLoaderData<typeof loader>();
  const unread = items.filter((i) => i.unread).length;
  return (
    <div className="page narrow-wide">
      <p>
        <Link to="/me">{t("me.title")}</Link>
      </p>
      <div className="page-head">
        <h1>{t("notifications.title")}</h1>
        {unread > 0 ? (
          <Form method="post">
            <button type="submit" className="secondary small">
              {t("notifications.markRead")}
            </button>
          </Form>
        ) : null}
      </div>
      {items.length === 0 ? (
        <p>{t("notifications.empty")}</p>
      ) : (
        <ul className="notice-list">
          {items.map((n) => {
            const values = notificationValues(n.payload, (key) => t(key), locale);
            return (
              <li key={n.key} className={n.unread ? "unread" : undefined}>
                {n.unread ? <span className="tag">{t("notifications.new")}</span> : null}{" "}
                {n.threadId ? (
                  <Link to={`/threads/${n.threadId}`}>{t(`notifications.kind.${n.kind}`, values)}</Link>
                ) : n.ideaId ? (
                  <Link to={`/ideas/${n.ideaId}`}>{t(`notifications.kind.${n.kind}`, values)}</Link>
                ) : n.kind.startsWith("event_") && /^\d+$/.test(String(n.payload.eventId ?? "")) ? (
                  <Link to={`/events/${n.payload.eventId}`}>{t(`notifications.kind.${n.kind}`, values)}</Link>
                ) : (
                  t(`notifications.kind.${n.kind}`, values)
                )}
                {n.digest ? (
                  <details className="notice-digest">
                    <summary>{t("digest.title")}</summary>
                    {digestSections(n.digest, t).map((section) => (
                      <div key={section.heading}>
                        <p>
                          <strong>{section.heading}</strong>
                        </p>
                        <ul>
                          {section.lines.map((line, i) => (
                            <li key={i}>{line}</li>
                          ))}
                        </ul>
                      </div>
                    ))}
                  </details>
                ) : null}
                <br />
                <time className="hint" dateTime={n.at}>
                  {formatDate(n.at, locale, true)}
                </time>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
