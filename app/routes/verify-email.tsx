import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/ui/translation";
import { refuse } from "~/auth/actor.server";
import { rememberDevice } from "~/auth/devices.server";
import { resendVerification, verifyEmail } from "~/domain/accounts/accounts.server";
import { pageTitle } from "~/utils/meta";
import { sessionPlace } from "~/auth/session-device.server";

export const meta: MetaFunction = (args) => pageTitle(args, (t) => t("verify.title"));

export async function loader({ request, context }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const token = url.searchParams.get("token");
  const email = context.actor?.email ?? null;
  if (token === null) return json({ state: url.searchParams.has("sent") ? "sent" : "idle", email } as const);
  const { services } = context;
  const result = await verifyEmail({ db: services.primary, publicUrl: context.siteUrl }, token);
  if (!result.ok) return json({ state: "failed", email } as const, { status: 400 });
  // Joining signs no one in (the page must not tell a new address from a known one): the link,
  // which proves the person reads the address's mail, does, unless someone is signed in already.
  const headers = new Headers();
  if (!context.actor) {
    const session = await services.auth.createSession(result.userId, sessionPlace(request.headers.get("User-Agent"), context.clientIp));
    headers.append("Set-Cookie", services.auth.createSessionCookie(session.id).serialize());
    headers.append("Set-Cookie", await rememberDevice(services.primary, result.userId, request.headers.get("Cookie"), services.config.production));
  }
  return json({ state: "verified", email } as const, { headers });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { actor, services } = context;
  if (!actor) refuse("signin", request);
  await resendVerification({ db: services.db, publicUrl: context.siteUrl }, actor.id);
  return json({ resent: actor.email });
}

export default function VerifyEmail() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  return (
    <div className="page narrow">
      <h1>{data.state === "sent" ? t("join.checkMailTitle") : t("verify.title")}</h1>
      <div role="status">
        {reply?.resent ? <p>{t("verify.resent", { email: reply.resent })}</p> : null}
        {data.state === "sent" && !reply ? <p>{t("join.checkMail", { email: data.email ?? "" })}</p> : null}
        {data.state === "verified" ? <p className="notice success">{t("verify.done")}</p> : null}
        {data.state === "failed" ? <p className="notice error">{t("verify.failed")}</p> : null}
      </div>
      {data.state === "verified" ? (
        <p>
          <Link to="/ideas">{t("nav.ideas")}</Link>
        </p>
      ) : null}
    </div>
  );
}
