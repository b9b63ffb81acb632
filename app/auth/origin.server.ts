// Cross-site request forgery defence: every request that can change something must come from
// a page of this site. Browsers send Origin on every POST; without it, Referer is used.
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function isSafeMethod(method: string): boolean {
  return SAFE_METHODS.has(method.toUpperCase());
}

export function sameOrigin(
  headers: { origin?: string | null; referer?: string | null; host?: string | null },
  publicUrl: string,
): boolean {
  let source: string | null = headers.origin && headers.origin !== "null" ? headers.origin : null;
  if (!source && headers.referer) {
    try {
      source = new URL(headers.referer).origin;
    } catch {
      return false;
    }
  }
  if (!source) return false;
  let sourceHost: string;
  try {
    sourceHost = new URL(source).host;
  } catch {
    return false;
  }
  const allowed = new Set([new URL(publicUrl).host]);
  if (headers.host) allowed.add(headers.host);
  return allowed.has(sourceHost);
}
