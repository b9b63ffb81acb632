// Calling route modules the way Remix does, for the tests that attack the server: a Request, the
// load context app/server.ts builds, and the answer as a Response whether the module returned it
// or threw it. Anything else thrown would have been a 500.
import type { AppLoadContext } from "@remix-run/node";
import { sql, type Kysely } from "kysely";
import type { Actor } from "../../app/domain/accounts/permissions";
import type { Services } from "../../app/services.server";
import type { Database } from "../../db/schema";
import { forgetSettings } from "../../app/domain/settings.server";

export const ORIGIN = "http://madang.test";

export type RouteFunction = (args: { request: Request; params: Record<string, string | undefined>; context: AppLoadContext }) => unknown;

export interface Answer {
  status: number;
  location: string | null;
  /** The JSON body, when there is one. */
  data: unknown;
  text: string;
  /** The body as sent, byte for byte (a CSV's byte-order mark, which `text` drops). */
  bytes: Buffer;
  headers: Headers;
}

export function contextFor(services: Services, actor: Actor | null, clientIp = "127.0.0.1"): AppLoadContext {
  // The site's address as app/server.ts gives it when PUBLIC_URL is set (siteUrlFor).
  return { services, actor, locale: "en", clientIp, nonce: "", siteUrl: services.config.publicUrl } as AppLoadContext;
}

export interface CallOptions {
  path: string;
  method?: string;
  /** A form (URL-encoded like a browser's), or raw bytes / text with `contentType`. */
  form?: Record<string, string | string[]> | URLSearchParams;
  body?: BodyInit;
  contentType?: string;
  params?: Record<string, string | undefined>;
  context: AppLoadContext;
}

function formBody(form: Record<string, string | string[]> | URLSearchParams): URLSearchParams {
  if (form instanceof URLSearchParams) return form;
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries(form)) {
    for (const v of Array.isArray(value) ? value : [value]) body.append(key, v);
  }
  return body;
}

/** Runs a loader or an action; a thrown Response is the answer too (redirects, 401/403/404). */
export async function call(fn: RouteFunction, options: CallOptions): Promise<Answer> {
  const method = options.method ?? (options.form || options.body !== undefined ? "POST" : "GET");
  const headers = new Headers();
  let body: BodyInit | undefined;
  if (options.form) {
    body = formBody(options.form);
    headers.set("content-type", "application/x-www-form-urlencoded;charset=UTF-8");
  } else if (options.body !== undefined) {
    body = options.body;
    headers.set("content-type", options.contentType ?? "application/x-www-form-urlencoded");
  }
  const request = new Request(`${ORIGIN}${options.path}`, { method, body, headers });
  let result: unknown;
  try {
    result = await fn({ request, params: options.params ?? {}, context: options.context });
  } catch (thrown) {
    if (!(thrown instanceof Response)) throw thrown;
    result = thrown;
  }
  if (!(result instanceof Response)) {
    const text = JSON.stringify(result ?? null);
    return { status: 200, location: null, data: result, text, bytes: Buffer.from(text), headers: new Headers() };
  }
  const bytes = Buffer.from(await result.arrayBuffer());
  const text = new TextDecoder().decode(bytes);
  let data: unknown = null;
  if ((result.headers.get("content-type") ?? "").includes("json")) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  return { status: result.status, location: result.headers.get("location"), data, text, bytes, headers: result.headers };
}

// ——— People ———

/** The one way tests make a signed-in person (tests/fixtures/roster.ts), by its older name. */
export { person as actorFor } from "../fixtures/roster";

/** Site settings written directly, and read at once (as an admin's change through /admin/settings is). */
export async function setSettings(db: Kysely<Database>, values: Record<string, number>): Promise<void> {
  for (const [key, value] of Object.entries(values)) {
    await db
      .insertInto("settings")
      .values({ key, value: JSON.stringify(value) })
      .onConflict((oc) => oc.column("key").doUpdateSet({ value: JSON.stringify(value) }))
      .execute();
  }
  // The process keeps settings for a few seconds (decision 032): written behind its back, forgotten.
  forgetSettings(db);
}

/** Limits that would stop a test acting many times as one person (ideas a day, comments). */
export async function liftDailyLimits(db: Kysely<Database>): Promise<void> {
  await setSettings(db, { ideas_per_day: 100_000, comments_per_10_minutes: 100_000 });
}

// ——— What the database holds ———

/** Tables that change without anyone acting on content: rate-limit counters, sessions, caches, job bookkeeping, the security log. */
const BOOKKEEPING = new Set(["rate_limits", "sessions", "scheduled_jobs", "stats_cache", "kysely_migration", "kysely_migration_lock", "security_events"]);

/** The databases whose content tables log their writes (`watchWrites`). */
const watched = new WeakSet<Kysely<Database>>();

/**
 * Makes every content table log each row it inserts, updates or deletes (and each truncate) in
 * `test_writes`, a table of this test database only: one row per write, appended, so that two
 * transactions never wait on each other for it, and a write rolled back leaves nothing.
 */
async function watchWrites(db: Kysely<Database>): Promise<void> {
  const tables = (
    await sql<{ name: string }>`SELECT table_name AS name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`.execute(db)
  ).rows
    .map((r) => r.name)
    .filter((name) => !BOOKKEEPING.has(name) && /^[a-z_]+$/.test(name));
  await sql`CREATE TABLE test_writes (id bigserial PRIMARY KEY, name text NOT NULL)`.execute(db);
  await sql`CREATE FUNCTION test_log_write() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO test_writes (name) VALUES (TG_TABLE_NAME);
      RETURN NULL;
    END $$`.execute(db);
  for (const name of tables) {
    await sql`CREATE TRIGGER test_log_write AFTER INSERT OR UPDATE OR DELETE ON ${sql.table(name)} FOR EACH ROW EXECUTE FUNCTION test_log_write()`.execute(db);
    await sql`CREATE TRIGGER test_log_truncate AFTER TRUNCATE ON ${sql.table(name)} FOR EACH STATEMENT EXECUTE FUNCTION test_log_write()`.execute(db);
  }
  watched.add(db);
}

/**
 * Where each content table stands: the last of its writes (`watchWrites`, set up at the first
 * call). Two snapshots differ for a table written in between, even with the same values.
 */
export async function snapshot(db: Kysely<Database>): Promise<Record<string, string>> {
  if (!watched.has(db)) await watchWrites(db);
  const result = await sql<{ name: string; last: string }>`SELECT name, max(id)::text AS last FROM test_writes GROUP BY name`.execute(db);
  return Object.fromEntries(result.rows.map((r) => [r.name, r.last]));
}

/** The tables whose content differs between two snapshots. */
export function changedTables(before: Record<string, string>, after: Record<string, string>): string[] {
  return Object.keys({ ...before, ...after }).filter((k) => before[k] !== after[k]);
}
