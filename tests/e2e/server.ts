// The web server for the end-to-end tests (Playwright's webServer command):
//   node --import tsx tests/e2e/server.ts
// It gives the run a database of its own and never touches existing data:
// - with DATABASE_URL: a new database `madang_e2e_<pid>_<time>` on that server, dropped on exit;
// - without: the embedded database in a fresh folder tests/.tmp/e2e-<pid>, removed on exit.
// It starts a real OpenID Connect provider on this machine first (tests/e2e/identity-provider.ts),
// so that /me/verify offers it. Then it starts `app/server.ts` on it in demo mode (demo accounts,
// /dev/mail) and, when told to stop (SIGTERM/SIGINT/SIGHUP), stops the app, waits for it, and
// cleans up.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { startTestProvider, type TestProvider } from "../fixtures/oidc-provider";
import { claimsOf, identitySettings, providerPort } from "./identity-provider";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const port = Number(process.env.E2E_PORT ?? 3210);
const publicUrl = `http://localhost:${port}`;
const serverUrl = process.env.DATABASE_URL || undefined;

// global-teardown.ts drops leftovers of exactly this shape (madang_e2e_<pid>_<ms>), nothing else.
const databaseName = `madang_e2e_${process.pid}_${Date.now()}`;
const dataDir = path.join(root, "tests", ".tmp", `e2e-${process.pid}`);

function log(message: string) {
  console.log(`[e2e server] ${message}`);
}

function databaseUrlFor(base: string, database: string): string {
  const url = new URL(base);
  url.pathname = `/${database}`;
  return url.toString();
}

async function withAdminClient<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end().catch(() => {});
  }
}

let child: ChildProcess | null = null;
let provider: TestProvider | null = null;
let databaseCreated: Promise<void> | null = null;
let stopping: Promise<void> | null = null;

function childRunning(): boolean {
  return child !== null && child.exitCode === null && child.signalCode === null;
}

async function stopChild(): Promise<void> {
  const running = child;
  if (!running || !childRunning()) return;
  const exited = new Promise<void>((resolve) => running.once("exit", () => resolve()));
  running.kill("SIGTERM");
  const timer = setTimeout(() => {
    log("the app did not stop within 6 s; killing it");
    running.kill("SIGKILL");
  }, 6_000);
  await exited;
  clearTimeout(timer);
}

async function cleanUp(): Promise<void> {
  if (serverUrl) {
    if (!databaseCreated) return;
    await databaseCreated.catch(() => {});
    try {
      await withAdminClient((client) => client.query(`DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`));
      log(`dropped database ${databaseName}`);
    } catch (error) {
      console.error(`[e2e server] could not drop database ${databaseName}:`, error);
    }
  } else {
    fs.rmSync(dataDir, { recursive: true, force: true, maxRetries: 3 });
    log(`removed ${path.relative(root, dataDir)}`);
  }
}

/** Stops the app and cleans up, once, whatever asked for it; then exits. */
function shutdown(reason: string, code: number): void {
  if (!stopping) {
    log(`stopping (${reason})`);
    stopping = stopChild()
      .then(() => provider?.close())
      .then(cleanUp);
  }
  void stopping.finally(() => process.exit(code));
}

async function main() {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: "127.0.0.1",
    PUBLIC_URL: publicUrl,
    DEMO: "1",
    RATE_LIMIT_IP_SCALE: "20",
    NODE_ENV: "test",
    LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? "warn",
  };
  delete env.SMTP_URL; // e-mail must stay in the outbox, where the tests read it at /dev/mail
  delete env.DATABASE_REPLICA_URL; // .ci/run's replica serves tests/integration/replica.test.ts only

  if (serverUrl) {
    databaseCreated = withAdminClient(async (client) => {
      await client.query(`CREATE DATABASE "${databaseName}"`);
    });
    await databaseCreated;
    env.DATABASE_URL = databaseUrlFor(serverUrl, databaseName);
    delete env.MADANG_DATA_DIR;
    log(`created database ${databaseName}`);
  } else {
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.mkdirSync(dataDir, { recursive: true });
    delete env.DATABASE_URL;
    env.MADANG_DATA_DIR = dataDir;
    log(`embedded database in ${path.relative(root, dataDir)}`);
  }
  if (stopping) return; // told to stop while the database was being made

  // Up before the app: the app discovers it at the first verification, and the browser is sent there.
  provider = await startTestProvider([`${publicUrl}/me/verify/callback`], { port: providerPort(port), claimsOf });
  Object.assign(env, identitySettings(provider));
  log(`identity provider at ${provider.issuer}`);

  child = spawn(process.execPath, ["--import", "tsx", path.join(root, "app", "server.ts")], {
    cwd: root,
    env,
    stdio: ["ignore", "inherit", "inherit"],
  });
  child.once("exit", (code, signal) => {
    if (!stopping) shutdown(`the app exited early (code ${code}, signal ${signal})`, 1);
  });
}

process.on("SIGTERM", () => shutdown("SIGTERM", 0));
process.on("SIGINT", () => shutdown("SIGINT", 0));
process.on("SIGHUP", () => shutdown("SIGHUP", 0));
process.on("uncaughtException", (error) => {
  console.error("[e2e server]", error);
  shutdown("an error", 1);
});

main().catch((error) => {
  console.error("[e2e server] could not start:", error);
  shutdown("start-up failed", 1);
});
