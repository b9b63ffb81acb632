// One address per page. Remix matches routes in any letter case and with or without a trailing
// slash, so /IDEAS, /Ideas and /ideas/ all show the list: three entries in the visitors' page
// cache (decision 019), three addresses for search engines and for a CDN. The canonical path
// keeps the route's own spelling for the fixed parts (all lower case here) and what was typed
// for the parts that are values (ids, slugs, a catch-all): a value is never changed, since only
// the route knows what it means (a slug in capitals is simply not found).
import type { ServerBuild } from "@remix-run/node";

type Segment = { fixed: string } | { value: true } | { rest: true };

interface Pattern {
  segments: Segment[];
  /** How many fixed segments: the more, the better the match (as Remix ranks /ideas/new above /ideas/:id). */
  fixed: number;
}

function patternsOf(routes: ServerBuild["routes"]): Pattern[] {
  const fullPath = (id: string): string[] => {
    const route = routes[id];
    if (!route) return [];
    const own = route.path ? route.path.split("/").filter(Boolean) : [];
    return [...(route.parentId ? fullPath(route.parentId) : []), ...own];
  };
  const patterns: Pattern[] = [];
  for (const id of Object.keys(routes)) {
    const parts = fullPath(id);
    if (parts.length === 0) continue;
    const segments: Segment[] = parts.map((p) => (p === "*" ? { rest: true } : p.startsWith(":") ? { value: true } : { fixed: p }));
    patterns.push({ segments, fixed: segments.filter((s) => "fixed" in s).length });
  }
  return patterns.sort((a, b) => b.fixed - a.fixed);
}

function canonicalFor(pattern: Pattern, parts: string[]): string | null {
  const out: string[] = [];
  for (let i = 0; i < pattern.segments.length; i++) {
    const segment = pattern.segments[i];
    if ("rest" in segment) return null; // the catch-all (not found): nothing to correct
    const part = parts[i];
    if (part === undefined) return null;
    if ("fixed" in segment) {
      if (part.toLowerCase() !== segment.fixed.toLowerCase()) return null;
      out.push(segment.fixed);
    } else {
      out.push(part);
    }
  }
  return out.length === parts.length ? `/${out.join("/")}` : null;
}

/**
 * Returns a function giving, for a request path, the canonical path when it differs (a redirect
 * is due), or null when the path is canonical or matches no route.
 */
export function canonicalPaths(routes: ServerBuild["routes"]) {
  const patterns = patternsOf(routes);
  return (pathname: string): string | null => {
    if (pathname === "/") return null;
    const trimmed = pathname.replace(/\/+$/, "");
    const parts = trimmed.split("/").slice(1);
    if (parts.length === 0) return "/";
    for (const pattern of patterns) {
      if (pattern.segments.length !== parts.length) continue;
      const canonical = canonicalFor(pattern, parts);
      if (canonical !== null) return canonical === pathname || canonical.startsWith("//") ? null : canonical;
    }
    return null;
  };
}
