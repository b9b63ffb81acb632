// A micro-cache for visitors' public pages (docs/decisions/019-page-cache.md): a page a route
// marked `Cache-Control: public` (publicCache in http.server.ts), rendered for a visitor who is
// not signed in, is kept for a second or two and sent as it is to the other visitors asking for
// the same address in the same language. While one request renders a page, the others asking
// for it wait for that one rather than rendering it again. What a CDN does in front, done in the
// process for a deployment without one: a crowd watching one idea costs one render a second.
import type { NextFunction, Request, Response } from "express";
import type { KeepBody } from "./remix-express.server";
import { sendBody } from "./wire.server";

interface Entry {
  status: number;
  headers: [string, string | string[]][];
  /** The page cut where its render's CSP nonce stood: each response joins it with its own nonce. */
  parts: Buffer[];
  storedAt: number;
  expires: number;
}

/**
 * Headers that belong to one response, not to the page: the connection's, and the
 * Content-Security-Policy, which names the response's own nonce (set before this middleware),
 * and Content-Encoding: the page is kept as text, and each response is encoded for its own client
 * (wire.server.ts).
 */
const OWN_HEADERS = new Set(["date", "connection", "keep-alive", "transfer-encoding", "content-length", "age", "content-security-policy", "content-encoding"]);

/** Splits a page at every `nonce="…"` attribute carrying this nonce. */
function cutAtNonce(body: Buffer, nonce: string | undefined): Buffer[] {
  if (!nonce) return [body];
  const marker = Buffer.from(`nonce="${nonce}"`);
  const parts: Buffer[] = [];
  let from = 0;
  for (let at = body.indexOf(marker, from); at >= 0; at = body.indexOf(marker, from)) {
    parts.push(body.subarray(from, at));
    from = at + marker.length;
  }
  parts.push(body.subarray(from));
  return parts;
}

function withNonce(parts: Buffer[], nonce: string | undefined): Buffer {
  if (parts.length === 1) return parts[0];
  const marker = Buffer.from(`nonce="${nonce ?? ""}"`);
  return Buffer.concat(parts.flatMap((part, i) => (i === 0 ? [part] : [marker, part])));
}
/** Pages larger than this are not kept. */
const MAX_BODY = 512 * 1024;

export interface PageCacheOptions {
  seconds: number;
  /**
   * The CSP nonce of this response (app/server.ts sets it before the cache runs). A kept page
   * gets the nonce of each response it is sent in, so that no two visitors share one: a nonce
   * seen by one person must not let script run in another person's page.
   */
  nonceOf?: (res: Response) => string | undefined;
  maxEntries?: number;
  now?: () => number;
}

export function createPageCache({ seconds, maxEntries = 300, now = Date.now, nonceOf = () => undefined }: PageCacheOptions) {
  const entries = new Map<string, Entry>();
  const rendering = new Map<string, Promise<void>>();

  function store(key: string, entry: Entry) {
    entries.delete(key);
    entries.set(key, entry);
    // The oldest entries go first (a Map keeps insertion order).
    while (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
  }

  function send(req: Request, res: Response, entry: Entry) {
    res.status(entry.status);
    for (const [name, value] of entry.headers) res.setHeader(name, value);
    res.setHeader("Age", String(Math.floor((now() - entry.storedAt) / 1000)));
    return sendBody(req, res, withNonce(entry.parts, nonceOf(res)));
  }

  /**
   * Runs the rest of the stack and keeps the page it sends, when it may be kept: the Remix
   * handler shows the page's text here before compressing it (remix-express.server.ts).
   */
  function render(key: string, res: Response, next: NextFunction): Promise<void> {
    return new Promise<void>((resolve) => {
      const keepBody: KeepBody = (body) => {
        const cacheControl = String(res.getHeader("Cache-Control") ?? "");
        if (res.statusCode === 200 && /\bpublic\b/.test(cacheControl) && !res.getHeader("Set-Cookie") && body.length <= MAX_BODY) {
          const headers = Object.entries(res.getHeaders())
            .filter(([name]) => !OWN_HEADERS.has(name))
            .map(([name, value]) => [name, Array.isArray(value) ? value : String(value)] as [string, string | string[]]);
          const at = now();
          store(key, { status: 200, headers, parts: cutAtNonce(body, nonceOf(res)), storedAt: at, expires: at + seconds * 1000 });
        }
      };
      res.locals.keepBody = keepBody;
      res.on("finish", () => resolve());
      res.on("close", () => resolve());
      next();
    });
  }

  /**
   * The middleware. `visitor(req, res)` says whether the request comes from someone not signed
   * in (after the session was read); `variant(req, res)` is what else the page depends on (the
   * language).
   */
  function middleware(visitor: (req: Request, res: Response) => boolean, variant: (req: Request, res: Response) => string) {
    return async (req: Request, res: Response, next: NextFunction) => {
      if (seconds <= 0 || (req.method !== "GET" && req.method !== "HEAD") || !visitor(req, res)) return next();
      const key = `${variant(req, res)} ${req.originalUrl}`;
      const fresh = () => {
        const entry = entries.get(key);
        return entry && entry.expires > now() ? entry : null;
      };
      let entry = fresh();
      if (!entry && rendering.has(key)) {
        await rendering.get(key);
        entry = fresh();
      }
      if (entry) return send(req, res, entry);
      if (req.method === "HEAD") return next();
      const done = render(key, res, next);
      rendering.set(key, done);
      void done.finally(() => {
        if (rendering.get(key) === done) rendering.delete(key);
      });
    };
  }

  return { middleware, size: () => entries.size, clear: () => entries.clear() };
}
