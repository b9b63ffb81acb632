// Small helpers that keep route modules thin.
import { json } from "@remix-run/node";
import type { Failure, FieldErrors } from "./result";

/** What a form's action answers: errors and typed values when refused, or what was done. */
export interface FormReply {
  errors?: FieldErrors;
  values: Record<string, string>;
  done?: string;
  /** The address a message was sent to, for pages that confirm it. */
  sentTo?: string;
}

export function formDone(done: string, extra: Partial<FormReply> = {}) {
  return json<FormReply>({ values: {}, done, ...extra });
}

/** A refused form: the errors, the values typed so far (never passwords), and the status. */
export function formFailure(result: Failure, values: Record<string, string> = {}) {
  return json<FormReply>({ errors: result.errors, values }, { status: result.status });
}

/**
 * Where to go after signing in: only a path on this site, never another host, and only
 * printable ASCII (a Location header cannot carry control characters, and a path the site
 * makes is percent-encoded).
 */
export function safeNext(next: unknown, fallback = "/"): string {
  if (typeof next !== "string" || !next.startsWith("/") || next.startsWith("//") || next.includes("\\") || /[^\x20-\x7e]/.test(next)) {
    return fallback;
  }
  return next;
}

export function withoutPassword(values: Record<string, string>): Record<string, string> {
  const { password: _password, ...rest } = values;
  return rest;
}

/** A numeric id from the URL, or a 404 for anything else. */
export function ideaIdFrom(params: { id?: string }): number {
  const id = Number(params.id);
  if (!params.id || !/^\d{1,15}$/.test(params.id) || !Number.isSafeInteger(id) || id <= 0) {
    throw new Response("Not found", { status: 404 });
  }
  return id;
}

/**
 * Cache headers for a public page: for visitors a CDN may keep it briefly and serve it stale
 * while it refreshes or when the app is down (a crowd watching one idea costs one render per
 * few seconds); signed-in pages are private. Pair with `export const headers = cacheHeaders`.
 */
export function publicCache(actor: unknown, maxAgeSeconds = 10): Record<string, string> {
  return actor
    ? { "Cache-Control": "private, no-cache" }
    : {
        "Cache-Control": `public, max-age=${maxAgeSeconds}, stale-while-revalidate=60, stale-if-error=600`,
        Vary: "Cookie, Accept-Language",
      };
}

/** A route's `headers` export that passes its loader's cache headers on to the page. */
export function cacheHeaders({ loaderHeaders }: { loaderHeaders: Headers }): Headers {
  const out = new Headers();
  for (const name of ["Cache-Control", "Vary"]) {
    const value = loaderHeaders.get(name);
    if (value) out.set(name, value);
  }
  return out;
}

/**
 * A list's page cursor that the list cannot have written (tampered with, cut short, from another
 * sort): a 400 with a clear message and a link to the first page (the root error boundary), never
 * the first page in silence, and never a value sent on to the database.
 */
export function badCursor(): Response {
  return json({ error: "cursor" }, { status: 400 });
}

/**
 * An id-valued page cursor from the query (`?cursor=`, `?before=`): null when absent, the id when
 * it is a whole number in range, else a thrown 400 (badCursor).
 */
export function idCursor(url: URL, name: string, min = 1): number | null {
  const value = url.searchParams.get(name);
  if (value === null || value === "") return null;
  const n = Number(value);
  if (!/^\d{1,16}$/.test(value) || !Number.isSafeInteger(n) || n < min) throw badCursor();
  return n;
}
