// Who is making this request: the session cookie checked once per request (in app/server.ts),
// with the account's staff roles, and the language to answer in.
import { json, redirect } from "@remix-run/node";
import { SESSION_MAX_DAYS, STAFF_SESSION_MAX_HOURS } from "./lucia.server";
import { validateSession } from "./session.server";
import type { Actor, Refusal } from "../domain/accounts/permissions";
import { defaultLocale, isLocale, localeFromAcceptLanguage, type Locale } from "../utils/i18n";
import type { RequestContext, Services } from "../services.server";
import { readCookie } from "./cookies.server";
import { DAY_MS, HOUR_MS } from "../utils/korea-time";

export const LOCALE_COOKIE = "madang_lang";

/** `withUnread`: also count the person's unread notifications (for a page's header). */
export async function resolveActor(
  services: Services,
  cookieHeader: string,
  withUnread = false,
): Promise<{ actor: Actor | null; setCookies: string[]; unread: number | null }> {
  const { auth } = services;
  const sessionId = sessionIdFrom(services, cookieHeader);
  if (!sessionId) return { actor: null, setCookies: [], unread: null };
  const found = await validateSession(services.pool, sessionId, { withUnread, prepared: Boolean(services.config.databaseUrl) });
  if (!found) return { actor: null, setCookies: [auth.createBlankSessionCookie().serialize()], unread: null };
  const { session, user, grants } = found;
  // However active: 30 days after sign-in for citizens, 12 hours for staff.
  const limit = grants.length > 0 ? STAFF_SESSION_MAX_HOURS * HOUR_MS : SESSION_MAX_DAYS * DAY_MS;
  if (Date.now() - session.createdAt.getTime() > limit) {
    await auth.invalidateSession(session.id);
    return { actor: null, setCookies: [auth.createBlankSessionCookie().serialize()], unread: null };
  }
  const setCookies = session.fresh ? [auth.createSessionCookie(session.id).serialize()] : [];
  // Staff roles apply once the account signs in with a second factor (decision 047); until then
  // it acts as a citizen, and pages say how to enrol. A demo's published accounts are exempt.
  const rolesOnHold = grants.length > 0 && !found.twoFactor && !services.config.demo;
  const actor: Actor = {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    emailVerified: user.emailVerified,
    locale: user.locale,
    suspendedUntil: user.suspendedUntil ? new Date(user.suspendedUntil) : null,
    grants: rolesOnHold ? [] : grants,
    ...(rolesOnHold ? { rolesOnHold } : {}),
  };
  return { actor, setCookies, unread: found.unread };
}

/**
 * The session id the request carries, if any. An unreadable cookie counts as none, and so does
 * one that cannot be a session id (Lucia's are 40 lower-case base32 characters): a NUL byte or a
 * megabyte of text never reaches the database.
 */
export function sessionIdFrom(services: Pick<Services, "auth">, cookieHeader: string | null): string | null {
  const value = readCookie(cookieHeader, services.auth.sessionCookieName);
  return value && /^[a-z0-9]{16,128}$/.test(value) ? value : null;
}

/** The account's setting, then the language cookie, then Accept-Language; Korean by default. */
export function resolveLocale(actor: Actor | null, cookieHeader: string, acceptLanguage: string | null): Locale {
  if (actor?.locale) return actor.locale;
  const chosen = readCookie(cookieHeader, LOCALE_COOKIE);
  if (isLocale(chosen)) return chosen;
  return localeFromAcceptLanguage(acceptLanguage) ?? defaultLocale;
}

/**
 * For pages: a visitor is sent to log in and brought back afterwards. A form sent without a
 * session (it expired, or it was forged) is answered 401, like every other refused action.
 */
export function requireActor(context: RequestContext, request: Request): Actor {
  if (context.actor) return context.actor;
  refuse("signin", request);
}

/** Throws the HTTP answer for a refusal from the permission functions. */
export function refuse(refusal: Refusal, request: Request): never {
  if (refusal === "signin") {
    if (request.method === "GET") {
      const url = new URL(request.url);
      throw redirect(`/login?next=${encodeURIComponent(url.pathname + url.search)}`);
    }
    throw json({ error: "signin" }, { status: 401 });
  }
  throw json({ error: refusal }, { status: 403 });
}

/** For staff pages and actions: refuses (401/403, or a login redirect for pages) unless allowed. */
export function requireStaff(
  context: RequestContext,
  request: Request,
  allowed: (actor: Actor | null) => boolean,
): Actor {
  const actor = context.actor;
  if (!actor) refuse("signin", request);
  if (!allowed(actor)) refuse("forbidden", request);
  return actor;
}
