// How a page, a route's data or an error goes on the wire (docs/decisions/068-one-pass-to-the-wire.md):
// the app renders each of them to one string, so it is compressed in one call (Brotli, or gzip
// for a client without it) and sent with its length, instead of through a compression stream
// made for each response (`compression`, decision 025), which cost several times the
// compression itself: a native stream, its buffers and a thread-pool hop per response.
import zlib from "node:zlib";
import type { Request as ExpressRequest, Response as ExpressResponse } from "express";

export type Encoding = "br" | "gzip";

/** Smaller bodies go as they are: the headers would cost more than the bytes saved. */
export const COMPRESS_FROM_BYTES = 1024;

/** Larger bodies are compressed off the main thread, so that one big export does not stall every other request. */
const COMPRESS_OFF_THREAD_FROM_BYTES = 256 * 1024;

/**
 * Brotli's quality for a body compressed for one response (a signed-in page, data): 1. On this
 * app's pages it costs two thirds of the CPU of quality 2 for 4–6 % more bytes (decision 086).
 * 4 is what `compression` used; 2 cost about a third as much as 4 for 5–8 % more (decision 068).
 * Static files are compressed once at build time at 11 (scripts/precompress.ts).
 */
const BROTLI_QUALITY = 1;
/** For a body kept and sent again (the page cache's copies, `sendBody`'s `copies`): compressed once, sent many times. */
const BROTLI_QUALITY_KEPT = 2;
const GZIP_LEVEL = 4;

/**
 * The encoding to send given an Accept-Encoding header: Brotli when the client accepts it,
 * else gzip, else none. `br;q=0` refuses Brotli; `*` accepts what is not named.
 */
export function preferredEncoding(acceptEncoding: string | undefined): Encoding | null {
  if (!acceptEncoding) return null;
  const weights = new Map<string, number>();
  for (const item of acceptEncoding.split(",")) {
    const [name, ...params] = item.trim().toLowerCase().split(";");
    if (!name) continue;
    const q = params.map((p) => /^\s*q\s*=\s*([0-9.]+)\s*$/.exec(p)).find(Boolean);
    weights.set(name, q ? Number(q[1]) : 1);
  }
  const accepts = (name: Encoding) => (weights.get(name) ?? (name === "gzip" ? weights.get("x-gzip") : undefined) ?? weights.get("*") ?? 0) > 0;
  if (accepts("br")) return "br";
  if (accepts("gzip")) return "gzip";
  return null;
}

/** Text worth compressing: pages, JSON, CSV, feeds, scripts, SVG. Images and PDFs are compressed already. */
export function compressibleType(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const type = contentType.split(";")[0].trim().toLowerCase();
  return type.startsWith("text/") || /^application\/(.+\+)?(json|xml|javascript)$/.test(type) || type === "image/svg+xml";
}

/**
 * Brotli's window, as a power of two: the smallest that holds the whole body (a window of 2^w
 * bytes reaches back 2^w − 16), so the output is the same as with Brotli's default of 4 MB, and
 * compressing a 60 KB page does not set one up: the process's memory kept growing by them.
 */
export function brotliWindow(bytes: number): number {
  return Math.min(zlib.constants.BROTLI_DEFAULT_WINDOW, Math.max(zlib.constants.BROTLI_MIN_WINDOW_BITS, Math.ceil(Math.log2(bytes + 16))));
}

function compress(body: Buffer, encoding: Encoding, quality: number): Promise<Buffer> | Buffer {
  const options =
    encoding === "br"
      ? {
          params: {
            [zlib.constants.BROTLI_PARAM_QUALITY]: quality,
            [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length,
            [zlib.constants.BROTLI_PARAM_LGWIN]: brotliWindow(body.length),
          },
        }
      : { level: GZIP_LEVEL };
  if (body.length < COMPRESS_OFF_THREAD_FROM_BYTES) {
    return encoding === "br" ? zlib.brotliCompressSync(body, options) : zlib.gzipSync(body, options);
  }
  return new Promise((resolve, reject) => {
    const done = (error: Error | null, result: Buffer) => (error ? reject(error) : resolve(result));
    if (encoding === "br") zlib.brotliCompress(body, options, done);
    else zlib.gzip(body, options, done);
  });
}

/** A body's compressed forms, kept by whoever sends the same body again (the page cache). */
export type EncodedCopies = Map<Encoding, Buffer>;

/**
 * Ends the response with this body, compressed when the client accepts it and the body is text
 * of some size, with Vary: Accept-Encoding whenever the choice depended on the request. Status
 * and other headers are set before. A HEAD request gets the headers only. With `copies`, the
 * body is compressed once per encoding, at BROTLI_QUALITY_KEPT: a copy made before is sent as it
 * is, and one made now is kept there.
 */
export async function sendBody(req: ExpressRequest, res: ExpressResponse, body: Buffer, copies?: EncodedCopies): Promise<void> {
  const contentType = res.getHeader("Content-Type");
  const transformable = !/\bno-transform\b/.test(String(res.getHeader("Cache-Control") ?? ""));
  if (compressibleType(typeof contentType === "string" ? contentType : undefined) && transformable && !res.getHeader("Content-Encoding")) {
    res.vary("Accept-Encoding");
    const encoding = body.length >= COMPRESS_FROM_BYTES ? preferredEncoding(req.headers["accept-encoding"]) : null;
    if (encoding) {
      let encoded = copies?.get(encoding);
      if (!encoded) {
        encoded = await compress(body, encoding, copies ? BROTLI_QUALITY_KEPT : BROTLI_QUALITY);
        copies?.set(encoding, encoded);
      }
      body = encoded;
      res.setHeader("Content-Encoding", encoding);
    }
  }
  res.setHeader("Content-Length", body.length);
  res.end(req.method === "HEAD" ? undefined : body);
}
