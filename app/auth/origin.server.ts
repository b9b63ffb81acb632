// Cross-site request forgery defence: every request that can change something must come from
// a page of this site. Browsers send Origin on every POST; without it, Referer is used.
// "This site" is PUBLIC_URL: its scheme, host and port, never a header the client or a proxy
// sets (Host, X-Forwarded-Host). A development server without PUBLIC_URL answers on this
// machine's loopback names, so there a page from http://localhost, 127.0.0.1 or [::1] on the
// port the request came to is this site too.
import { isLoopbackHost } from "../utils/env.server";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function isSafeMethod(method: string): boolean {
  return SAFE_METHODS.has(method.toUpperCase());
}

type OriginHeaders = { origin?: string | null; referer?: string | null; host?: string | null };

/** The origin a request says it comes from (Origin, else Referer's), or null. */
function sourceOf(headers: OriginHeaders): URL | null {
  const text = headers.origin && headers.origin !== "null" ? headers.origin : headers.referer;
  if (!text) return null;
  try {
    return new URL(text);
  } catch {
    return null;
  }
}

function hostHeader(headers: OriginHeaders): URL | null {
  if (!headers.host) return null;
  try {
    return new URL(`http://${headers.host}`);
  } catch {
    return null;
  }
}

/** Whether `source` is a loopback page of a development server on the port the request came to. */
function loopbackSource(source: URL, headers: OriginHeaders): boolean {
  const target = hostHeader(headers);
  return source.protocol === "http:" && isLoopbackHost(source.hostname) && target !== null && isLoopbackHost(target.hostname) && source.port === target.port;
}

/**
 * Whether a request comes from a page of this site: same scheme, host and port as PUBLIC_URL
 * (or, with `developmentLoopback`, a loopback page as said above).
 */
export function sameOrigin(headers: OriginHeaders, publicUrl: string, developmentLoopback = false): boolean {
  const source = sourceOf(headers);
  if (!source) return false;
  const site = new URL(publicUrl);
  if (source.protocol === site.protocol && source.host === site.host) return true;
  return developmentLoopback && loopbackSource(source, headers);
}

/**
 * The Host the app should see: PUBLIC_URL's; on a development server, the loopback page's own
 * host when the request names one (so that Remix's check of Origin against Host agrees).
 * Null: keep the request's Host.
 */
export function siteHost(headers: OriginHeaders, publicUrl: string, developmentLoopback = false): string | null {
  if (!developmentLoopback) return new URL(publicUrl).host;
  const source = sourceOf(headers);
  if (source && loopbackSource(source, headers)) return source.host;
  return null;
}

/**
 * The address links in pages and e-mails use for this request. With PUBLIC_URL, PUBLIC_URL.
 * Without it (a demo or development server on this machine), the loopback address the request
 * came in on — http://127.0.0.1:3000 and http://localhost:8080 (a container's mapped port) both
 * get links that open where the person is — and PUBLIC_URL's default otherwise: a Host that is
 * not this machine's is never written into a link (a forged Host must not redirect a reset link).
 */
export function siteUrlFor(host: string | null | undefined, publicUrl: string, publicUrlExplicit: boolean): string {
  if (publicUrlExplicit) return publicUrl;
  const target = hostHeader({ host });
  if (!target || target.username || target.pathname !== "/" || !isLoopbackHost(target.hostname)) return publicUrl;
  return `http://${target.host}`;
}
