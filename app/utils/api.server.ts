// Responses of the open data API (/api/v1, /feed.atom): open to any origin for reading,
// cacheable by a CDN for a minute, and a 400 with a message for a parameter it cannot use.
import { toCsv, type CsvValue } from "./csv";
import { API_CACHE, cacheControl } from "./http.server";

export const CORS_HEADERS: Record<string, string> = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
  "Access-Control-Allow-Headers": "Accept, Content-Type",
  "Access-Control-Expose-Headers": "Link",
  "Access-Control-Max-Age": "86400",
};

/** The answer to a CORS preflight (OPTIONS reaches a resource route's loader). */
export function preflight(): Response {
  return new Response(null, { status: 204, headers: CORS_HEADERS });
}

function linkHeader(next: string | null): Record<string, string> {
  return next ? { Link: `<${next}>; rel="next"` } : {};
}

export function apiJson(data: unknown, next: string | null = null): Response {
  return new Response(JSON.stringify(data), {
    headers: {
      ...CORS_HEADERS,
      ...linkHeader(next),
      "Content-Type": "application/json; charset=utf-8",
      ...cacheControl(API_CACHE),
    },
  });
}

export function apiCsv<K extends string>(
  filename: string,
  columns: readonly K[],
  rows: readonly Partial<Record<K, CsvValue>>[],
  next: string | null = null,
): Response {
  return new Response(toCsv(columns, rows), {
    headers: {
      ...CORS_HEADERS,
      ...linkHeader(next),
      "Content-Type": "text/csv; charset=utf-8; header=present",
      "Content-Disposition": `attachment; filename="${filename}"`,
      ...cacheControl(API_CACHE),
    },
  });
}

/** A parameter the API cannot use: 400, JSON, naming it. */
function apiError(status: number, error: Record<string, string>, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify({ error: { status, ...error } }), {
    status,
    headers: { ...CORS_HEADERS, "Content-Type": "application/json; charset=utf-8", ...headers },
  });
}

export function apiBadRequest(parameter: string, message: string): Response {
  return apiError(400, { parameter, message }, cacheControl(API_CACHE));
}

/** Nothing there yet (not kept by caches: a day's root, say, is published later). */
export function apiNotFound(message: string): Response {
  return apiError(404, { message });
}

/** This request's URL on the public address, with `changes` applied to its query. */
export function publicLink(request: Request, publicUrl: string, changes: Record<string, string | null>): string {
  const url = new URL(request.url);
  const out = new URL(url.pathname + url.search, publicUrl);
  for (const [name, value] of Object.entries(changes)) {
    if (value === null) out.searchParams.delete(name);
    else out.searchParams.set(name, value);
  }
  return out.toString();
}
