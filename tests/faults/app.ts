// The real app for the fault tests, on a database of its own (tests/fixtures/app.ts): in demo
// mode (its demo accounts and ideas), with the default number of workers, so a test can signal it
// or pull the database from under it.
import { startApp as start, type TestApp } from "../fixtures/app";

export type RunningApp = TestApp;

export function startApp(): Promise<RunningApp> {
  return start({ database: "fresh", purpose: "faults", env: { DEMO: "1", LOG_LEVEL: "warn", RATE_LIMIT_IP_SCALE: "100" } });
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
