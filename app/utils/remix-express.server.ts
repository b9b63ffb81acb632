// Remix behind Express: the request handed to Remix, and Remix's answer sent back. It does what
// @remix-run/express's handler does, except that a text answer (every page, route data, error,
// feed or export the app renders, each one string) goes out in one piece, compressed in one
// call, and is shown to the page cache before it is compressed (docs/decisions/068-one-pass-to-the-wire.md).
// Answers that are not text (a scanned paper form from a file) stream as they did.
import { createReadableStreamFromReadable, createRequestHandler, writeReadableStreamToWritable, type AppLoadContext, type ServerBuild } from "@remix-run/node";
import type { NextFunction, Request as ExpressRequest, Response as ExpressResponse } from "express";
import { renderedText } from "./rendered-text";
import { compressibleType, sendBody } from "./wire.server";

/** Set on `res.locals` by whoever wants the text of the answer as rendered (the page cache). */
export type KeepBody = (body: Buffer) => void;

export function remixHandler({
  build,
  mode,
  getLoadContext,
}: {
  build: ServerBuild;
  mode: string;
  getLoadContext: (req: ExpressRequest, res: ExpressResponse) => AppLoadContext;
}) {
  const handle = createRequestHandler(build, mode);
  return async (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => {
    try {
      const response = await handle(fetchRequest(req, res), getLoadContext(req, res));
      await send(req, res, response);
    } catch (error) {
      next(error);
    }
  };
}

/** The request as Remix reads it; aborted when the client goes away before the answer is sent. */
function fetchRequest(req: ExpressRequest, res: ExpressResponse): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const one of value) headers.append(name, one);
    else headers.set(name, value);
  }
  let controller: AbortController | null = new AbortController();
  res.on("finish", () => (controller = null));
  res.on("close", () => controller?.abort());
  const init: RequestInit & { duplex?: "half" } = { method: req.method, headers, signal: controller.signal };
  if (req.method !== "GET" && req.method !== "HEAD") {
    init.body = createReadableStreamFromReadable(req);
    init.duplex = "half";
  }
  // app/server.ts has set Host to the site's own host (PUBLIC_URL) before this runs.
  return new Request(`${req.protocol}://${req.headers.host ?? "localhost"}${req.originalUrl}`, init);
}

async function send(req: ExpressRequest, res: ExpressResponse, response: globalThis.Response): Promise<void> {
  res.statusMessage = response.statusText;
  res.status(response.status);
  for (const [name, value] of response.headers) res.append(name, value);
  // A page's text, or json()'s, is sent as is: its Response's stream is never read (nor made).
  const contentType = response.headers.get("Content-Type") ?? undefined;
  const text = compressibleType(contentType) ? renderedText(response) : undefined;
  if (text === undefined) {
    if (!response.body) {
      res.end();
      return;
    }
    if (!compressibleType(contentType) || /^text\/event-stream/i.test(contentType ?? "")) {
      await writeReadableStreamToWritable(response.body, res);
      return;
    }
  }
  const body = text === undefined ? Buffer.from(await response.arrayBuffer()) : Buffer.from(text);
  (res.locals.keepBody as KeepBody | undefined)?.(body);
  await sendBody(req, res, body);
}
