// Starts the real app as a child process on a database of its own, for tests that need to
// signal it or pull the database from under it.
import type { ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { spawnApp } from "../integration/app-server";

export interface RunningApp {
  url: string;
  /** What the app printed (its log), to show when a test fails. */
  output(): string;
  child: ChildProcess;
  databaseUrl: string | null;
  exited: Promise<number | null>;
  stop(): Promise<void>;
}

function databaseUrlFor(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function startApp(): Promise<RunningApp> {
  const serverUrl = process.env.DATABASE_URL;
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    PORT: "0",
    HOST: "127.0.0.1",
    NODE_ENV: "test",
    DEMO: "1",
    LOG_LEVEL: "warn",
    RATE_LIMIT_IP_SCALE: "100",
  };
  delete env.PUBLIC_URL;
  delete env.SMTP_URL;
  delete env.DATABASE_REPLICA_URL; // .ci/run's replica serves tests/integration/replica.test.ts only
  let cleanup: () => Promise<void>;
  let databaseUrl: string | null = null;
  if (serverUrl) {
    const name = `madang_faults_${process.pid}_${Date.now()}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    databaseUrl = env.DATABASE_URL = databaseUrlFor(serverUrl, name);
    cleanup = async () => {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    };
  } else {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "madang-faults-"));
    env.MADANG_DATA_DIR = dir;
    delete env.DATABASE_URL;
    cleanup = async () => fs.rmSync(dir, { recursive: true, force: true });
  }
  const { child, exited, url, output } = await spawnApp(env);
  return {
    url,
    output,
    child,
    databaseUrl,
    exited,
    async stop() {
      if (child.exitCode === null) child.kill("SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
      if (child.exitCode === null) child.kill("SIGKILL");
      await cleanup();
    },
  };
}

/** Signs in through the login form and returns the session cookie. */
export async function signIn(url: string, email: string, password = "madang-demo-2026"): Promise<string> {
  const response = await fetch(`${url}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", origin: url },
    body: new URLSearchParams({ email, password, next: "/" }),
  });
  const cookie = response.headers.getSetCookie().find((c) => c.includes("madang_session="));
  if (!cookie) throw new Error(`sign-in failed for ${email}: ${response.status}`);
  return cookie.split(";")[0];
}

/** Supports an idea through the page's form action; true only when the app said it stored it. */
export async function supportByForm(url: string, cookie: string, ideaId: number): Promise<boolean> {
  try {
    const response = await fetch(`${url}/ideas/${ideaId}?index&_data=${encodeURIComponent("routes/ideas.$id._index")}`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: url, cookie },
      body: "intent=support",
    });
    if (response.status !== 200) return false;
    const data = (await response.json()) as { done?: string };
    return data.done === "support";
  } catch {
    return false;
  }
}
