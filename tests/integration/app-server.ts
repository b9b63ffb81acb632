// The real app (app/server.ts: Express, the origin check, body limits, security headers, Remix)
// as a child process on this test file's own database, for the tests that must see what the
// HTTP stack answers. With the embedded database the child shares the test's PGlite through
// its socket with one connection; the test must not query while the app runs (pglite-socket
// serves one conversation at a time, docs/decisions/002-embedded-database.md).
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { Services } from "../../app/services.server";
import { enrolTwoFactor } from "../../db/factories";

const root = path.resolve(import.meta.dirname, "../..");

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

/**
 * Builds the app when the build is older than the sources, one test file at a time: two files
 * starting their apps at once must not both write build/.
 */
async function ensureBuilt(): Promise<void> {
  const entry = path.join(root, "build", "index.js");
  const stale = () => !fs.existsSync(entry) || fs.statSync(entry).mtimeMs < Math.max(newestMtime(path.join(root, "app")), newestMtime(path.join(root, "db")));
  if (!stale()) return;
  const lock = path.join(root, "tests", ".tmp", "remix-build.lock");
  fs.mkdirSync(path.dirname(lock), { recursive: true });
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch {
      // A lock older than two minutes was left by a run that died.
      if (fs.existsSync(lock) && Date.now() - fs.statSync(lock).mtimeMs > 120_000) fs.rmSync(lock, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error("waited too long for another test's remix build");
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  try {
    if (stale()) {
      const cli = path.join(root, "node_modules", "@remix-run", "dev", "dist", "cli.js");
      // Vitest sets NODE_ENV=test, which `remix build` would take as a development build (React's
      // development bundle, 1.4 MB): build what production serves, as `npm run build` does.
      const result = spawnSync(process.execPath, [cli, "build"], { cwd: root, encoding: "utf8", env: { ...process.env, NODE_ENV: "production" } });
      if (result.status !== 0) throw new Error(`remix build failed:\n${result.stdout}\n${result.stderr}`);
    }
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

export interface TestApp {
  url: string;
  /** Everything the app wrote to stdout and stderr (its error log). */
  output(): string;
  stop(): Promise<void>;
}

/**
 * A `Cookie` header value signing in as this user (made before the app starts: see above). Staff
 * are enrolled in two-factor sign-in first, as their roles need outside demo mode (decision 047);
 * tests/integration/two-factor.test.ts signs in unenrolled staff on purpose, without this helper.
 */
export async function sessionCookie(services: Services, userId: number): Promise<string> {
  const staff = await services.db.selectFrom("role_grants").select("id").where("user_id", "=", userId).executeTakeFirst();
  if (staff) await enrolTwoFactor(services.db, userId);
  const session = await services.auth.createSession(userId, {});
  return services.auth.createSessionCookie(session.id).serialize().split(";")[0];
}

export async function startTestApp(databaseUrl: string, extraEnv: Record<string, string> = {}): Promise<TestApp> {
  await ensureBuilt();
  const embedded = !process.env.DATABASE_URL;
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    PORT: "0",
    HOST: "127.0.0.1",
    NODE_ENV: "test",
    DATABASE_URL: databaseUrl,
    DATABASE_POOL_SIZE: embedded ? "1" : "4",
    LOG_LEVEL: "error",
    RATE_LIMIT_IP_SCALE: "1000",
    PAGE_CACHE_SECONDS: "0",
    // One process is enough for these tests (the fault tests run the default, a worker per core).
    WEB_CONCURRENCY: "1",
    ...extraEnv,
  };
  for (const name of ["PUBLIC_URL", "SMTP_URL", "DEMO", "MADANG_DATA_DIR", "DATABASE_REPLICA_URL"]) if (!(name in extraEnv)) delete env[name];
  const { child, exited, url, output } = await spawnApp(env);
  return {
    url,
    output,
    async stop() {
      if (child.exitCode === null) child.kill("SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
      if (child.exitCode === null) child.kill("SIGKILL");
    },
  };
}

/** The newest e-mail to an address in a running app's development outbox (/dev/mail), as text. */
export async function newestMail(appUrl: string, address: string, subject: string): Promise<string> {
  const list = await (await fetch(`${appUrl}/dev/mail`)).text();
  const rows = list.split("<tr").filter((row) => row.includes(address) && row.includes(subject));
  const id = rows.length ? /\/dev\/mail\/(\d+)/.exec(rows[0])?.[1] : undefined;
  if (!id) throw new Error(`no mail "${subject}" to ${address}`);
  return (await (await fetch(`${appUrl}/dev/mail/${id}`)).text()).replace(/&amp;/g, "&");
}

/** Starts app/server.ts with this environment and waits until it says where it listens. */
export async function spawnApp(env: Record<string, string>) {
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "app/server.ts"], { cwd: root, env: env as NodeJS.ProcessEnv, stdio: ["ignore", "pipe", "pipe"] });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code: number | null) => resolve(code)));
  let output = "";
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the app did not start:\n${output}`)), 90_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      // With PUBLIC_URL set, the app also says where it listens; that is where to send requests.
      const match = output.match(/running at \S+\s+\(listening on (http:\/\/[^\s;]+);/) ?? output.match(/running at (http:\/\/\S+?)\s+\((?!listening)/);
      if (match) {
        clearTimeout(timer);
        resolve(match[1].replace("localhost", "127.0.0.1"));
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    void exited.then(() => reject(new Error(`the app exited:\n${output}`)));
  });
  return { child, exited, url, output: () => output };
}
