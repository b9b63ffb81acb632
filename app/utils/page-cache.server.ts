// A micro-cache for visitors' public pages (docs/decisions/019-page-cache.md): a page a route
// marked `Cache-Control: public` (publicCache in http.server.ts), rendered for a visitor who is
// not signed in, is kept for a second or two and sent as it is to the other visitors asking for
// the same address in the same language. While one request renders a page, the others asking
// for it wait for that one rather than rendering it again. What a CDN does in front, done in the
// process for a deployment without one: a crowd watching one idea costs one render a second.
import type { NextFunction, Request, Response } from "express";
import { createHash } from "node:crypto";
import type { KeepBody } from "./remix-express.server";
import { unixLineEnds } from "./text";
import { sendBody, type EncodedCopies } from "./wire.server";

interface Entry {
  status: number;
  headers: [string, string | string[]][];
  /** The page as every visitor gets it: without its render's nonce (see keptPage). */
  body: Buffer;
  /** The Content-Security-Policy sources of its inline scripts, by hash ('sha256-…'). */
  scripts: string[];
  /** The page compressed, per encoding, made for the first visitor who accepts it. */
  encoded: EncodedCopies;
  /** The page's bytes and its copies', as last counted. */
  bytes: number;
  storedAt: number;
  expires: number;
}

/**
 * Headers that belong to one response, not to the page: the connection's, and the
 * Content-Security-Policy, which names the response's own nonce (set before this middleware),
 * and Content-Encoding: the page is kept as text, and compressed for each encoding a visitor
 * asks for (wire.server.ts).
 */
const OWN_HEADERS = new Set(["date", "connection", "keep-alive", "transfer-encoding", "content-length", "age", "content-security-policy", "content-encoding"]);

/**
 * A rendered page made fit to share (decision 084): every `nonce="…"` attribute of its render
 * taken out, and each script element that carried it named by the hash of its text instead, for
 * the Content-Security-Policy of every response that sends the kept page. The page is then the
 * same bytes for every visitor, so it is compressed once, not once per visitor; and no nonce is
 * ever shown to more than the one visitor whose render made it.
 */
export function keptPage(body: Buffer, nonce: string | undefined): { body: Buffer; scripts: string[] } {
  if (!nonce) return { body, scripts: [] };
  const marker = Buffer.from(` nonce="${nonce}"`);
  const parts: Buffer[] = [];
  const scripts: string[] = [];
  let from = 0;
  for (let at = body.indexOf(marker, from); at >= 0; at = body.indexOf(marker, from)) {
    parts.push(body.subarray(from, at));
    from = at + marker.length;
    const tagStart = body.lastIndexOf("<", at);
    const tagEnd = body.indexOf(">", from);
    const close = body.indexOf("</script>", tagEnd);
    if (body.subarray(tagStart, tagStart + 8).toString("latin1").toLowerCase() === "<script " && tagEnd >= 0 && close >= 0) {
      scripts.push(scriptSource(body.subarray(tagEnd + 1, close)));
    }
  }
  if (parts.length === 0) return { body, scripts };
  parts.push(body.subarray(from));
  return { body: Buffer.concat(parts), scripts };
}

/**
 * A script's hash source as CSP level 2 defines it: the SHA-256 of its text in UTF-8, as the
 * browser's parser sees it (line ends made "\n" first).
 */
function scriptSource(text: Buffer): string {
  const normalized = text.includes(13) ? Buffer.from(unixLineEnds(text.toString("utf8"))) : text;
  return `'sha256-${createHash("sha256").update(normalized).digest("base64")}'`;
}

/** A response's Content-Security-Policy for a kept page: the kept scripts' hashes in place of its nonce. */
export function keptPolicy(policy: string, nonce: string, scripts: readonly string[]): string {
  return policy.replace(` 'nonce-${nonce}'`, scripts.map((source) => ` ${source}`).join(""));
}

/** Pages larger than this are not kept. */
const MAX_BODY = 512 * 1024;
/** Addresses remembered as asked once (an address is a few hundred bytes at most). */
const ASKED_MAX = 10_000;

export interface PageCacheOptions {
  seconds: number;
  /**
   * The CSP nonce of this response (app/server.ts sets it before the cache runs): taken out of
   * the page a render keeps (keptPage), and out of the policy of each response that sends a kept
   * page, whose scripts it allows by their hashes instead. No two visitors ever share a nonce: a
   * nonce seen by one person must not let script run in another person's page.
   */
  nonceOf?: (res: Response) => string | undefined;
  maxEntries?: number;
  /**
   * Keep a page from its second request within its seconds (the default), not its first: a page
   * asked once in a while (most searches) is rendered and sent as a signed-in person's is,
   * without being made fit to share, compressed harder and kept for nobody (decision 099).
   */
  keepFromSecond?: boolean;
  /** The most bytes kept: the pages and their compressed copies. */
  maxBytes?: number;
  now?: () => number;
}

export function createPageCache({
  seconds,
  maxEntries = 300,
  maxBytes = 16 * 1024 * 1024,
  now = Date.now,
  nonceOf = () => undefined,
  keepFromSecond = true,
}: PageCacheOptions) {
  const entries = new Map<string, Entry>();
  const rendering = new Map<string, Promise<void>>();
  /** When each address not kept was last asked (at most ASKED_MAX; emptied when full). */
  const asked = new Map<string, number>();
  let bytes = 0;

  /**
   * Whether a page is worth keeping: asked before within its seconds (or kept from the first
   * request when so configured). A kept page is sent again only within its seconds: a page asked
   * less often than that would be kept for nobody.
   */
  function worthKeeping(key: string): boolean {
    if (!keepFromSecond) return true;
    const at = now();
    const before = asked.get(key);
    if (before !== undefined && at - before < seconds * 1000) {
      asked.delete(key);
      return true;
    }
    if (asked.size >= ASKED_MAX) asked.clear();
    asked.set(key, at);
    return false;
  }

  const sizeOf = (entry: Entry) => [...entry.encoded.values()].reduce((sum, copy) => sum + copy.length, entry.body.length);

  function drop(key: string) {
    const entry = entries.get(key);
    if (!entry) return;
    bytes -= entry.bytes;
    entries.delete(key);
  }

  /**
   * Drops the oldest pages (a Map keeps insertion order, and every page is kept as long): those
   * gone stale, which nobody will be sent again, then any beyond the limits. A stale page held
   * on was memory the process kept for nothing after a burst of different addresses.
   */
  function trim() {
    const at = now();
    for (const [key, entry] of entries) {
      if (entry.expires > at && entries.size <= maxEntries && bytes <= maxBytes) break;
      drop(key);
    }
  }

  function store(key: string, entry: Entry) {
    drop(key);
    entries.set(key, entry);
    bytes += entry.bytes;
    trim();
  }

  /** Counts a kept page again once a compressed copy was added to it. */
  function recount(key: string, entry: Entry) {
    const size = sizeOf(entry);
    if (entries.get(key) === entry) bytes += size - entry.bytes;
    entry.bytes = size;
    trim();
  }

  async function send(req: Request, res: Response, key: string, entry: Entry) {
    res.status(entry.status);
    for (const [name, value] of entry.headers) res.setHeader(name, value);
    res.setHeader("Age", String(Math.floor((now() - entry.storedAt) / 1000)));
    // This response's nonce is in none of the kept page's scripts: its policy names their hashes.
    const nonce = nonceOf(res);
    const policy = res.getHeader("Content-Security-Policy");
    if (nonce && typeof policy === "string") res.setHeader("Content-Security-Policy", keptPolicy(policy, nonce, entry.scripts));
    const copies = entry.encoded.size;
    await sendBody(req, res, entry.body, entry.encoded);
    if (entry.encoded.size !== copies) recount(key, entry);
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
          const kept = keptPage(body, nonceOf(res));
          store(key, { status: 200, headers, ...kept, encoded: new Map(), bytes: kept.body.length, storedAt: at, expires: at + seconds * 1000 });
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
      if (entry) return send(req, res, key, entry);
      if (req.method === "HEAD" || !worthKeeping(key)) return next();
      const done = render(key, res, next);
      rendering.set(key, done);
      void done.finally(() => {
        if (rendering.get(key) === done) rendering.delete(key);
      });
    };
  }

  return {
    middleware,
    size: () => entries.size,
    bytes: () => bytes,
    clear: () => {
      entries.clear();
      bytes = 0;
    },
  };
}
