import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireActor, sessionIdFrom } from "~/auth/actor.server";
import { activeSessions, endOtherSessions, endSession, sessionHandle } from "~/domain/privacy/sessions.server";
import { ErrorSummary } from "~/ui/form";
import { formDone, formFailure } from "~/utils/http.server";
import { formatDate } from "~/utils/i18n";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = (args) => pageTitle(args, (t) => t("privacy.security.title"));

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request);
  const current = sessionIdFrom(context.services, request.headers.get("Cookie"));
  const sessions = await activeSessions(context.services.db, actor.id, current);
  return json({ sessions, locale: context.locale }, { headers: { "Cache-Control": "private, no-store" } });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = requireActor(context, request);
  const { services } = context;
  const form = await request.formData();
  const current = sessionIdFrom(services, request.headers.get("Cookie"));
  const currentHandle = current ? sessionHandle(current) : null;
  if (form.get("intent") === "endOthers") {
    const result = await endOtherSessions(services.db, actor, { keep: currentHandle ?? "0".repeat(32) });
    if (!result.ok) return formFailure(result);
    return formDone("endedOthers");
  }
  const handle = String(form.get("handle") ?? "");
  const result = await endSession(services.db, actor, { handle });
  if (!result.ok) return formFailure(result);
  // Ending the session in use is signing out here.
  if (handle === currentHandle) return redirect("/login", { headers: { "Set-Cookie": services.auth.createBlankSessionCookie().serialize() } });
  return formDone("ended");
}

export default function Security() {
  const { t } = useTranslation();
  const { sessions, locale } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const others = sessions.filter((s) => !s.current).length;
  return (
    <div className="page narrow">
      <p>
        <Link to="/me/settings">{t("mine.settingsTitle")}</Link>
      </p>
      <h1>{t("privacy.security.title")}</h1>
      <p>{t("privacy.security.intro")}</p>
      {reply?.done ? (
        <p className="notice success" role="status">
          {t(reply.done === "endedOthers" ? "privacy.security.endedOthers" : "privacy.security.ended")}
        </p>
      ) : null}
      <ErrorSummary errors={reply?.errors} />
      <h2 id="sessions-title">{t("privacy.security.sessions", { count: sessions.length })}</h2>
      <ul className="notice-list" aria-labelledby="sessions-title">
        {sessions.map((s) => (
          <li key={s.handle}>
            <p>
              {s.current ? <strong>{t("privacy.security.thisBrowser")} · </strong> : null}
              {t("privacy.security.signedInAt", { date: formatDate(s.signedInAt, locale, true) })}
              {" · "}
              {t("privacy.security.endsBy", { date: formatDate(s.expiresAt, locale, true) })}
            </p>
            <Form method="post">
              <input type="hidden" name="handle" value={s.handle} />
              <button
                type="submit"
                name="intent"
                value="end"
                className="secondary"
                aria-label={t("privacy.security.endLabel", { date: formatDate(s.signedInAt, locale, true) })}
              >
                {s.current ? t("privacy.security.endThis") : t("privacy.security.end")}
              </button>
            </Form>
          </li>
        ))}
      </ul>
      {others > 0 ? (
        <Form method="post">
          <button type="submit" name="intent" value="endOthers">
            {t("privacy.security.endOthers")}
          </button>
        </Form>
      ) : null}
      <p className="hint">{t("privacy.security.noDevice")}</p>
    </div>
  );
}
