// The Madang web process: `npm start`.
// Checks the settings, opens the database (embedded unless DATABASE_URL is set), migrates it,
// loads reference data (and demo data in demo mode), builds the app if needed, and serves it.
import { spawnSync } from "node:child_process";
import cluster from "node:cluster";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import express from "express";
import expressStaticGzip from "express-static-gzip";
import pino from "pino";
import { demoAccountsTable, demoLoaded, loadDemo } from "../db/demo";
import { migrateToLatest } from "../db/migrate";
import { precompress } from "../scripts/precompress";
import { openDatabase } from "../db/open";
import { connectReplica } from "../db/replica";
import { seedReference } from "../db/seed";
import { resolveActor, resolveLocale } from "./auth/actor.server";
import { bodyRefusal, FORM_TYPE, newNonce, REFUSAL_TEXT, securityHeaders, UPLOAD_PATH, uploadRequestBytes } from "./auth/headers.server";
import { isSafeMethod, sameOrigin, siteHost, siteUrlFor } from "./auth/origin.server";
import { startMailDelivery } from "./domain/notifications/delivery.server";
import { allJobs } from "./jobs/jobs.server";
import { startScheduler } from "./jobs/scheduler.server";
import { createServices, visitorServices, type RequestContext } from "./services.server";
import { canonicalPaths } from "./utils/canonical-path.server";
import { trackConnections, type Drain } from "./utils/drain.server";
import { createPageCache } from "./utils/page-cache.server";
import { remixHandler } from "./utils/remix-express.server";
import { newestSourceTime } from "./utils/source-time.server";
import { logRefusals } from "./utils/security-log.server";
import { reportListening, runWorkers } from "./utils/workers.server";
import { ConfigError, loadConfig } from "./utils/env.server";
import { cacheControl } from "./utils/http.server";

/** The longest a client may take to send its request's headers, and the whole request. */
const HEADERS_TIMEOUT_MS = 10_000;
const REQUEST_TIMEOUT_MS = 30_000;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const buildEntry = path.join(root, "build", "index.js");

/** Runs `remix build` when there is no build or the sources are newer than it. */
function ensureBuilt(log: pino.Logger): void {
  const built = fs.existsSync(buildEntry) ? fs.statSync(buildEntry).mtimeMs : 0;
  // The build bundles app/ and the parts of db/ it imports (schema types, reference data).
  const sources = fs.existsSync(path.join(root, "app", "routes"))
    ? newestSourceTime(root)
    : 0;
  if (built && built >= sources) return;
  let cli: string;
  try {
    cli = path.join(path.dirname(fileURLToPath(import.meta.resolve("@remix-run/dev/package.json"))), "dist", "cli.js");
  } catch {
    if (built) return; // a deployment without dev dependencies keeps the build it shipped with
    throw new ConfigError("There is no build and @remix-run/dev is not installed: run `npm install && npm run build`.");
  }
  log.info("building the app (remix build)…");
  const result = spawnSync(process.execPath, [cli, "build"], { cwd: root, stdio: "inherit" });
  if (result.status !== 0) throw new Error("remix build failed");
}


/** Every file under public/, as the address it is served at ("/styles.css", "/build/…"). */
function publicFiles(dir: string): Set<string> {
  const files = fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
  return new Set(files.map((entry) => "/" + path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join("/")));
}

/**
 * What runs once before serving, whatever the number of workers: migrations, reference data,
 * demo data (demo mode, first run), the build if needed. True when the demo data was just loaded.
 */
async function prepare(database: Awaited<ReturnType<typeof openDatabase>>, config: ReturnType<typeof loadConfig>, log: pino.Logger) {
  await migrateToLatest(database.db);
  await seedReference(database.db);
  let demoJustLoaded = false;
  if (config.demo && !(await demoLoaded(database.db))) {
    await loadDemo(database.db);
    demoJustLoaded = true;
  }
  ensureBuilt(log);
  // As `npm run build` does: static files compressed once, not per request (only those whose
  // compressed copies are missing or older: after a plain `remix build`, or a changed styles.css).
  precompress(path.join(root, "public"));
  return demoJustLoaded;
}

/** The lines `npm start` prints once the site answers. */
function announce(config: ReturnType<typeof loadConfig>, port: number, startedAt: number, demoJustLoaded: boolean) {
  const url = config.publicUrl.includes(`:${config.port}`) ? config.publicUrl.replace(`:${config.port}`, `:${port}`) : config.publicUrl;
  const where = config.databaseUrl ? "PostgreSQL at DATABASE_URL" : `embedded PostgreSQL in ${config.dataDir}`;
  const workers = config.workers > 1 ? `, ${config.workers} workers` : "";
  // With PUBLIC_URL set, the address people use differs from where this process listens: say both.
  const listening = `http://${config.host.includes(":") ? `[${config.host}]` : config.host}:${port}`;
  const on = config.publicUrlExplicit ? `listening on ${listening}; ` : "";
  console.log(`\nMadang is running at ${url}  (${on}${where}${workers}; ready in ${((Date.now() - startedAt) / 1000).toFixed(1)} s)`);
  if (config.demo) {
    console.log(demoJustLoaded ? "Demo data loaded on this first run." : "Demo mode.");
    console.log(demoAccountsTable());
    console.log("Staff accounts act without two-factor sign-in here (demo mode only; a deployment requires it, decision 047).");
    if (!config.smtpUrl && config.devMail) console.log(`E-mail is not sent (no SMTP_URL); read it at ${url}/dev/mail`);
  }
  console.log("");
}

async function main() {
  const config = loadConfig();
  const log = pino({ level: config.logLevel, base: undefined });
  const startedAt = Date.now();

  // Several workers (docs/decisions/026): this process prepares, then forks and watches them.
  if (cluster.isPrimary && config.workers > 1) {
    const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: 2 });
    const demoJustLoaded = await prepare(database, config, log);
    await database.close();
    runWorkers({ count: config.workers, log, ready: (port) => announce(config, port, startedAt, demoJustLoaded) });
    return;
  }

  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    poolSize: config.poolSize,
  });
  // A worker's primary prepared everything already.
  const demoJustLoaded = cluster.isWorker ? false : await prepare(database, config, log);
  const build = (await import(pathToFileURL(buildEntry).href)) as ServerBuild;

  // Visitors' pages read from the replica when there is one (decision 045); it says when it
  // stops or starts answering, and reads go to the primary meanwhile.
  const replica = config.replicaUrl
    ? connectReplica(config.replicaUrl, database.pool, {
        max: config.poolSize,
        onChange: (up) => (up ? log.info("the read replica answers again: visitors' pages read from it") : log.warn("the read replica does not answer: visitors' pages read from the primary")),
      })
    : null;
  const services = createServices(database, config, log, replica);
  const forVisitors = visitorServices(services);

  const app = express();
  let connections: Drain | null = null;
  app.disable("x-powered-by");
  // Remix reads each address itself; Express's parse of every query string (qs) went unread.
  app.set("query parser", false);
  if (config.trustProxy) app.set("trust proxy", config.trustProxy);

  // Security headers on every response, static files and refusals included, so that each is
  // set in one place before anything can answer.
  app.use((_req, res, next) => {
    const nonce = newNonce();
    res.locals.nonce = nonce;
    res.set(securityHeaders(nonce, config.production));
    next();
  });

  // A load balancer stops sending traffic once this answers 503.
  app.get("/healthz", (_req, res, next) => {
    if (!connections?.stopping()) return next();
    res.status(503).set(cacheControl("no-store")).json({ status: "stopping" });
  });
  // Static files: compressed at build time (scripts/precompress.ts); the .br or .gz beside a
  // file is sent when the browser accepts it, with Content-Encoding and Vary: Accept-Encoding.
  const precompressed = { enableBrotli: true, orderPreference: ["br", "gz"], index: false };
  // Only the files that are there: asking the file system about every page's address cost a
  // stat() a request (public/ changes only with a build, which restarts the app).
  const staticFiles = publicFiles(path.join(root, "public"));
  const statics = express.Router();
  statics.use("/build", expressStaticGzip(path.join(root, "public", "build"), { ...precompressed, serveStatic: { immutable: true, maxAge: "1y", index: false } }));
  statics.use(expressStaticGzip(path.join(root, "public"), { ...precompressed, serveStatic: { maxAge: "1h", index: false } }));
  app.use((req, res, next) => {
    if (!staticFiles.has(req.path)) return next();
    statics(req, res, (error?: unknown) => {
      if (error) return next(error);
      // Listed when the app started and gone since (a build under a running app): express-static-gzip
      // had set the Content-Encoding and Content-Type of the compressed copy it meant to send.
      for (const header of ["Content-Encoding", "Content-Type", "Vary"]) res.removeHeader(header);
      if (req.method !== "GET" && req.method !== "HEAD") return next();
      res.status(404).set(cacheControl("no-store")).type("text/plain; charset=utf-8").send("Not found.\n찾을 수 없습니다.");
    });
  });

  // Refused requests (401, 403, 429) are security events for the operators.
  app.use(logRefusals(services, (res) => (res.locals.context as RequestContext | undefined)?.actor?.id ?? null));

  const canonicalPath = canonicalPaths(build.routes);
  app.use((req, res, next) => {
    if (!isSafeMethod(req.method)) {
      if (!sameOrigin(req.headers, config.publicUrl, !config.publicUrlExplicit)) {
        res.status(403).type("text/plain; charset=utf-8").send("Cross-origin request refused.\n다른 사이트에서 온 요청이라 거부했습니다.");
        return;
      }
      const refusal = bodyRefusal(req.headers, UPLOAD_PATH.test(req.path) ? uploadRequestBytes(config.paperScanMaxBytes) : undefined);
      if (refusal) {
        res.set("Connection", "close");
        res.status(refusal).type("text/plain; charset=utf-8").send(REFUSAL_TEXT[refusal]);
        return;
      }
      // An empty body is an empty form, so that an action reading it finds no fields.
      req.headers["content-type"] ??= FORM_TYPE;
    } else if (req.method === "GET" || req.method === "HEAD") {
      // One address per page (letter case, trailing slash): one entry in the page cache.
      const canonical = canonicalPath(req.path);
      if (canonical !== null) {
        const query = req.originalUrl.indexOf("?");
        res.redirect(301, canonical + (query >= 0 ? req.originalUrl.slice(query) : ""));
        return;
      }
    }
    // The site's own address is PUBLIC_URL's, whatever Host a proxy passes on, and never a
    // client's X-Forwarded-Host: Remix compares Origin with it before every action.
    const host = siteHost(req.headers, config.publicUrl, !config.publicUrlExplicit);
    if (host) req.headers.host = host;
    delete req.headers["x-forwarded-host"];
    next();
  });

  app.use(async (req, res, next) => {
    try {
      const cookieHeader = req.headers.cookie ?? "";
      const page = req.method === "GET" || req.method === "HEAD";
      const { actor, setCookies, unread } = await resolveActor(services, cookieHeader, page);
      for (const cookie of setCookies) res.append("Set-Cookie", cookie);
      const context: RequestContext = {
        // A visitor's page reads from the replica (if any); anything signed in, and every form, the primary.
        services: page && actor === null ? forVisitors : services,
        actor,
        locale: resolveLocale(actor, cookieHeader, req.headers["accept-language"] ?? null),
        clientIp: req.ip ?? req.socket.remoteAddress ?? "unknown",
        nonce: res.locals.nonce as string,
        unread,
        siteUrl: siteUrlFor(req.headers.host, config.publicUrl, config.publicUrlExplicit),
      };
      res.locals.context = context;
      next();
    } catch (error) {
      next(error);
    }
  });

  // Visitors' public pages, kept a second and shared (0 s outside production by default).
  const pages = createPageCache({ seconds: config.pageCacheSeconds, nonceOf: (res) => res.locals.nonce as string | undefined });
  app.use(
    pages.middleware(
      (_req, res) => (res.locals.context as RequestContext).actor === null,
      // A page's links follow the address it was asked at when PUBLIC_URL is not set (a demo).
      (_req, res) => {
        const context = res.locals.context as RequestContext;
        return config.publicUrlExplicit ? context.locale : `${context.locale} ${context.siteUrl}`;
      },
    ),
  );

  // Pages, data and errors, each compressed in one call as it is sent (app/utils/wire.server.ts,
  // decision 068); the page cache above is handed a page's text before it is compressed.
  app.all("*", remixHandler({ build, getLoadContext: (_req, res) => res.locals.context, mode: config.nodeEnv }));

  app.use((error: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    // A request Express itself cannot read (an address with broken %-escapes) is the client's error.
    const status = (error as { status?: unknown }).status;
    if (typeof status === "number" && status >= 400 && status < 500) {
      res.status(status).type("text/plain; charset=utf-8").send("Bad request.\n잘못된 요청입니다.");
      return;
    }
    log.error({ err: error }, "request failed before reaching the app");
    res.status(503).type("text/plain; charset=utf-8").send("Service unavailable. Please try again shortly.\n잠시 후 다시 시도해 주세요.");
  });

  if (!config.smtpUrl && !config.devMail) {
    log.warn("SMTP_URL is not set: e-mail (verification, password reset) stays in the outbox and is not delivered");
  }
  const stopMail = startMailDelivery(services);
  const stopSecurityEvents = services.securityEvents.start();
  const stopScheduler = startScheduler(database.db, allJobs(config.publicUrl), log);
  // A client that sends its request too slowly is cut off instead of holding a connection: no
  // more than 10 s for the headers and 30 s for the whole request. Node checks these every
  // connectionsCheckingInterval (30 s by default, which let slow clients stay 57 s and 32 s).
  const server = http.createServer(
    { headersTimeout: HEADERS_TIMEOUT_MS, requestTimeout: REQUEST_TIMEOUT_MS, connectionsCheckingInterval: 1_000, keepAliveTimeout: 5_000 },
    app,
  );
  server.listen(config.port, config.host, () => {
    const address = server.address();
    const port = typeof address === "object" && address ? address.port : config.port;
    if (cluster.isWorker) reportListening(port);
    else announce(config, port, startedAt, demoJustLoaded);
  });

  const drain = trackConnections(server);
  connections = drain;
  async function shutdown(signal: string) {
    if (drain.stopping()) return;
    log.info({ signal }, "shutting down: finishing requests in flight");
    const force = setTimeout(() => process.exit(1), 20_000);
    force.unref();
    stopMail();
    await Promise.all([drain.drain(), stopScheduler()]);
    await stopSecurityEvents().catch(() => {});
    await replica?.close().catch(() => {});
    await database.close().catch(() => {});
    process.exit(0);
  }
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
}

main().catch((error) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
