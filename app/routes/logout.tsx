import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form } from "@remix-run/react";
import { useTranslation } from "~/ui/translation";
import { sessionIdFrom } from "~/auth/actor.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = (args) => pageTitle(args, (t) => t("logout.title"));

export async function action({ request, context }: ActionFunctionArgs) {
  const { auth } = context.services;
  const sessionId = sessionIdFrom(context.services, request.headers.get("Cookie"));
  if (sessionId) await auth.invalidateSession(sessionId);
  return redirect("/", { headers: { "Set-Cookie": auth.createBlankSessionCookie().serialize() } });
}

// Logging out changes state, so it is a POST; a GET shows the button.
export default function Logout() {
  const { t } = useTranslation();
  return (
    <div className="page narrow">
      <h1>{t("logout.title")}</h1>
      <p>{t("logout.confirm")}</p>
      <Form method="post">
        <button type="submit">{t("logout.submit")}</button>
      </Form>
    </div>
  );
}
