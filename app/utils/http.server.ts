// Small helpers that keep route modules thin.
import { json } from "@remix-run/node";
import type { Failure, FieldErrors } from "./result";
import { parseId } from "./ids";

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

/** The id in a route's address (`:id`, or the segment `name`), or a 404 for anything else. */
export function idParam(params: Record<string, string | undefined>, name = "id"): number {
  const id = parseId(params[name]);
  if (id === null) throw new Response("Not found", { status: 404 });
  return id;
}

/**
 * How a response may be kept, the one way every route writes Cache-Control (decision 064):
 * - `{ shared: seconds, … }`: anyone, a CDN included, may keep it that long; with
 *   `staleWhileRevalidate` serve it stale while it refreshes, with `staleIfError` while the
 *   app is down;
 * - `"private"`: only the reader's browser keeps it, and asks before using it again (a page
 *   rendered for a signed-in person);
 * - `"personal"`: no one keeps it, the browser's history included (a person's own data, a file
 *   only staff may read);
 * - `"no-store"`: no one keeps it (an answer that is only true now: health, a one-time challenge).
 */
export type SharedCache = { shared: number; staleWhileRevalidate?: number; staleIfError?: number };
export type CachePolicy = SharedCache | "private" | "personal" | "no-store";

/** A public page for visitors: a few seconds, stale for a minute while it refreshes, ten while the app is down. */
const PAGE: Omit<SharedCache, "shared"> = { staleWhileRevalidate: 60, staleIfError: 600 };
/** The open data API and the pages built from it: a minute, stale for five while it refreshes. */
export const API_CACHE: SharedCache = { shared: 60, staleWhileRevalidate: 300 };

/** The Cache-Control header of a policy. */
export function cacheControl(policy: CachePolicy): { "Cache-Control": string } {
  if (policy === "private") return { "Cache-Control": "private, no-cache" };
  if (policy === "personal") return { "Cache-Control": "private, no-store" };
  if (policy === "no-store") return { "Cache-Control": "no-store" };
  const parts = [`public, max-age=${policy.shared}`];
  if (policy.staleWhileRevalidate !== undefined) parts.push(`stale-while-revalidate=${policy.staleWhileRevalidate}`);
  if (policy.staleIfError !== undefined) parts.push(`stale-if-error=${policy.staleIfError}`);
  return { "Cache-Control": parts.join(", ") };
}

/**
 * Cache headers for a public page: for visitors a CDN may keep it briefly and serve it stale
 * while it refreshes or when the app is down (a crowd watching one idea costs one render per
 * few seconds); signed-in pages are private. `shared` is the visitors' policy, or just its
 * seconds for a page's usual one. Pair with `export const headers = cacheHeaders`.
 */
export function publicCache(actor: unknown, shared: number | SharedCache = 10): Record<string, string> {
  if (actor) return cacheControl("private");
  const policy = typeof shared === "number" ? { shared, ...PAGE } : shared;
  return { ...cacheControl(policy), Vary: "Cookie, Accept-Language" };
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
  // A cursor may be 0 where the list allows it (the page after "the post before the first").
  const n = value === "0" ? 0 : parseId(value);
  if (n === null || n < min) throw badCursor();
  return n;
}
