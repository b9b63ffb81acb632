import { resolveLocale } from "../../app/auth/actor.server";
import type { Actor } from "../../app/domain/accounts/permissions";
export { localeFromAcceptLanguage } from "../../app/utils/i18n";

export function resolveLocaleForTest(accountLocale: "ko" | "en" | null, cookie: string, acceptLanguage: string | null) {
  const actor = accountLocale
    ? ({ locale: accountLocale, grants: [] } as unknown as Actor)
    : null;
  return resolveLocale(actor, cookie, acceptLanguage);
}
