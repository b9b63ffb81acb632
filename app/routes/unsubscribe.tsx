import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/ui/translation";
import { unsubscribe } from "~/domain/accounts/settings.server";
import { pageTitle } from "~/utils/meta";
import { cacheControl } from "~/utils/http.server";

export const meta: MetaFunction = (args) => pageTitle(args, (t) => t("notifications.unsubscribedTitle"));

// One click from an e-mail turns notification e-mails off (they can be turned on again in
// the settings). Mail programs may also POST here (List-Unsubscribe-Post).
async function handle(request: Request, db: Parameters<typeof unsubscribe>[0]) {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  const ok = await unsubscribe(db, token);
  return json({ ok }, { status: ok ? 200 : 400, headers: cacheControl("no-store") });
}

export const loader = ({ request, context }: LoaderFunctionArgs) => handle(request, context.services.primary);

export default function Unsubscribe() {
  const { t } = useTranslation();
  const { ok } = useLoaderData<typeof loader>();
  return (
    <div className="page narrow">
      <h1>{t("notifications.unsubscribedTitle")}</h1>
      <p className={ok ? "notice success" : "notice error"} role="status">
        {ok ? t("notifications.unsubscribed") : t("notifications.unsubscribeFailed")}
      </p>
      <p>
        <Link to="/me/settings">{t("mine.settings")}</Link>
      </p>
    </div>
  );
}
