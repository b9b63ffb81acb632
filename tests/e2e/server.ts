// The web server for the end-to-end tests (Playwright's webServer command):
//   node --import tsx tests/e2e/server.ts
// It starts the app the way every test does (tests/fixtures/app.ts): built if the build is stale,
// on a database of its own that never touches existing data —
// - with DATABASE_URL: a new database `madang_e2e_<pid>_<time>` on that server, dropped on exit;
// - without: the embedded database in a fresh folder tests/.tmp/e2e-<pid>, removed on exit —
// in demo mode (demo accounts, /dev/mail) on E2E_PORT. A real OpenID Connect provider
// (tests/e2e/identity-provider.ts) starts first, so that /me/verify offers it. When told to stop
// (SIGTERM/SIGINT/SIGHUP) it stops the app and the provider, waits for them, and cleans up.
import { startApp, type TestApp } from "../fixtures/app";
import { startTestProvider } from "../fixtures/oidc-provider";
import { claimsOf, identitySettings, providerPort } from "./identity-provider";

const port = Number(process.env.E2E_PORT ?? 3210);

function log(message: string) {
  console.log(`[e2e server] ${message}`);
}

// Up before the app: the app discovers it at the first verification, and the browser is sent there.
const providing = startTestProvider([`http://localhost:${port}/me/verify/callback`], { port: providerPort(port), claimsOf });
const starting: Promise<TestApp> = providing.then((provider) => {
  log(`identity provider at ${provider.issuer}`);
  return startApp({
    database: "fresh",
    purpose: "e2e", // global-teardown.ts drops leftovers of exactly this shape, nothing else
    echo: true,
    // Within Playwright's gracefulShutdown (10 s).
    graceMs: 6_000,
    env: {
      PORT: String(port),
      PUBLIC_URL: `http://localhost:${port}`,
      DEMO: "1",
      RATE_LIMIT_IP_SCALE: "20",
      LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? "warn",
      ...identitySettings(provider),
    },
  });
});

let stopping: Promise<unknown> | null = null;

/** Stops the app and cleans up, once, whatever asked for it; then exits. */
function shutdown(reason: string, code: number): void {
  if (!stopping) {
    log(`stopping (${reason})`);
    // Told to stop while starting: wait for the start, then stop what it started.
    stopping = starting
      .then((app) => app.stop(), () => undefined)
      .then(() => providing.then((provider) => provider.close(), () => undefined));
  }
  void stopping.finally(() => process.exit(code));
}

starting.then(
  (app) => {
    log(`app at ${app.url}, database ${app.databaseUrl ? new URL(app.databaseUrl).pathname.slice(1) : "embedded"}`);
    void app.exited.then((exitCode) => {
      if (!stopping) shutdown(`the app exited early (code ${exitCode})`, 1);
    });
  },
  (error) => {
    console.error("[e2e server] could not start:", error);
    shutdown("start-up failed", 1);
  },
);

process.on("SIGTERM", () => shutdown("SIGTERM", 0));
process.on("SIGINT", () => shutdown("SIGINT", 0));
process.on("SIGHUP", () => shutdown("SIGHUP", 0));
process.on("uncaughtException", (error) => {
  console.error("[e2e server]", error);
  shutdown("an error", 1);
});
