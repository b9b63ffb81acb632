// Reading the Cookie header. Any site under the same registrable domain can set a cookie here
// (a sibling subdomain, a shared host), so the header is untrusted input: a value that cannot be
// decoded (a broken %-escape such as `foo=%E0`) is left out, as if it were absent, and the
// other cookies are read as usual. Decoding must never throw: every request reads the header.

/** The cookies of a request by name; the first of a repeated name wins (the browser sends the most specific first). */
export function readCookies(header: string | null | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  if (!header) return cookies;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    if (!name || cookies.has(name)) continue;
    let value = part.slice(eq + 1).trim();
    if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) value = value.slice(1, -1);
    try {
      cookies.set(name, value.includes("%") ? decodeURIComponent(value) : value);
    } catch {
      // Unreadable: absent.
    }
  }
  return cookies;
}

/** One cookie's value, or null when it is absent or unreadable. */
export function readCookie(header: string | null | undefined, name: string): string | null {
  return readCookies(header).get(name) ?? null;
}
