// One page through Remix's own request handler, with no HTTP in between, against madang_bench on
// DATABASE_URL's server: signed in as the bench citizens in turn ("in", the session read as
// app/server.ts reads it) or as a visitor ("out"). Shared by bench/render-cpu.ts and
// bench/page-statements.ts.
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { createRequestHandler, ServerBuild } from "@remix-run/node";
import pino from "pino";
import { resolveActor } from "../../app/auth/actor.server";
import { createServices, type RequestContext } from "../../app/services.server";
import { loadConfig } from "../../app/utils/env.server";
import { renderedText } from "../../app/utils/rendered-text";
import { connect } from "../../db/connect";
import { BENCH_DB, requireDatabaseUrl, ROOT, SESSIONS_FILE, withDatabase } from "./common";

export type PageHandler = ReturnType<typeof createRequestHandler>;

/** A build's request handler with the services (and so the connection pool) its pages run on. */
export interface LoadedBuild {
  handler: PageHandler;
  services: ReturnType<typeof createServices>;
}

/** The build named by RENDER_CPU_BUILD, else this checkout's. */
export const defaultBuild = () => process.env.RENDER_CPU_BUILD ?? path.join(ROOT, "build", "index.js");

export function pageRenderer(pathname: string, mode: string) {
  const url = withDatabase(requireDatabaseUrl(), BENCH_DB);
  const config = loadConfig({ NODE_ENV: "production", DATABASE_URL: url, PUBLIC_URL: "http://127.0.0.1:3000", MADANG_SECRET_KEY: "bench-key-not-secret-bench-key-not-secret" });
  const open = () => {
    const handle = connect(url, { max: 4, named: true });
    return { handle, services: createServices(handle, config, pino({ level: "warn" })) };
  };
  // Each build loaded runs on a pool of its own (the first on `handle`), as each server has: the
  // named statements of two builds may differ in text (a column added), and a pool names the
  // first text it meets for a name and sends any other as plain text, planned every time, which
  // would be charged to whichever build came second.
  const pools = [open()];
  const sessions = (JSON.parse(fs.readFileSync(SESSIONS_FILE, "utf8")) as { sessions: string[] }).sessions;
  let next = 0;
  let loaded = 0;
  return {
    handle: pools[0].handle,
    label: `${pathname} ${mode === "in" ? "signed in" : "as a visitor"}`,
    /**
     * The build's request handler, made by the @remix-run/node that the build itself resolves
     * (another checkout's node_modules, patches included, when the build is another checkout's).
     */
    async load(file: string): Promise<LoadedBuild> {
      const remix = createRequire(file)("@remix-run/node") as { createRequestHandler: typeof createRequestHandler };
      const handler = remix.createRequestHandler((await import(pathToFileURL(file).href)) as ServerBuild, "production");
      const own = (pools[loaded] ??= open());
      loaded++;
      return { handler, services: own.services };
    },
    /**
     * One request as the next bench citizen (or a visitor): its status and the page's length.
     * `onPage` runs once the session is read, just before the page's own work; `path` asks
     * another page than the renderer's own (the same page with another query).
     */
    async once({ handler, services }: LoadedBuild, options: { citizen?: number; onPage?: () => void; path?: string } = {}) {
      const cookie = mode === "in" ? `__Host-madang_session=${sessions[(options.citizen ?? next++) % sessions.length]}` : "";
      const { actor, unread } = await resolveActor(services, cookie, true);
      const request = new Request(`http://127.0.0.1:3000${options.path ?? pathname}`, { headers: { accept: "text/html", cookie } });
      const context: RequestContext = { services, actor, locale: "ko", clientIp: "127.0.0.1", nonce: "bench", unread, siteUrl: services.config.publicUrl };
      options.onPage?.();
      const response = await handler(request, context as unknown as Parameters<PageHandler>[1]);
      // The text as the server's adapter takes it (a page's Response carries it), without making
      // the Response's stream, which the server never does either.
      const text = renderedText(response) ?? (await response.text());
      return { status: response.status, bytes: text.length };
    },
    /** Closes every build's pool. */
    async close() {
      await Promise.all(pools.map((o) => o.handle.close()));
    },
  };
}
