import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { LOCALE_COOKIE } from "~/auth/actor.server";
import { setPreferredLocale } from "~/domain/accounts/settings.server";
import { safeNext } from "~/utils/http.server";
import { isLocale } from "~/utils/i18n";

// The language switch in the header: a cookie for everyone, the account setting when signed in.
export async function action({ request, context }: ActionFunctionArgs) {
  const form = await request.formData();
  const locale = form.get("locale");
  const next = safeNext(form.get("next"));
  if (!isLocale(locale)) return redirect(next);
  if (context.actor) await setPreferredLocale(context.services.db, context.actor.id, locale);
  const secure = context.services.config.production ? "; Secure" : "";
  return redirect(next, {
    headers: { "Set-Cookie": `${LOCALE_COOKIE}=${locale}; Path=/; Max-Age=31536000; SameSite=Lax${secure}` },
  });
}

export async function loader() {
  return redirect("/");
}
