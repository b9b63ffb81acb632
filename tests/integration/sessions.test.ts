// Sessions and response headers, through the route actions and the request pipeline's own
// functions: a new session id at every login (fixation), logout and "sign out everywhere" end
// sessions on the server, sessions end after 7 idle days and 30 days in all, a suspension ends
// them, cookies are HttpOnly/SameSite (and __Host-/Secure in production), and every response
// carries the security headers. docs/security.md points here (ASVS V3, V14.4).
import { sql } from "kysely";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveActor } from "../../app/auth/actor.server";
import { validateSession } from "../../app/auth/session.server";
import { contentSecurityPolicy, securityHeaders } from "../../app/auth/headers.server";
import { createLucia } from "../../app/auth/lucia.server";
import { suspendAccount } from "../../app/domain/moderation/accounts.server";
import { action as login } from "../../app/routes/login";
import { action as logout } from "../../app/routes/logout";
import { action as settings } from "../../app/routes/me.settings";
import { createUser, FACTORY_PASSWORD } from "../../db/factories";
import { openTestDatabase, type TestDatabase } from "./db";
import { actorFor, contextFor } from "./harness";

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(() => t?.close());

const cookieOf = (response: Response) => (response.headers.get("set-cookie") ?? "").split(";")[0];
const sessionIdOf = (cookie: string) => cookie.split("=")[1] ?? "";
const valid = async (id: string) => (await t.services.auth.validateSession(id)).session !== null;

async function post(fn: typeof login, path: string, form: Record<string, string>, cookie = "", ip = "10.9.0.1", services = t.services) {
  const request = new Request(`http://madang.test${path}`, {
    method: "POST",
    body: new URLSearchParams(form),
    headers: { "content-type": "application/x-www-form-urlencoded", cookie },
  });
  const actor = cookie ? (await resolveActor(t.services, cookie)).actor : null;
  try {
    return (await fn({ request, params: {}, context: contextFor(services, actor, ip) })) as Response;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

describe("sessions", () => {
  it("logging in issues a new session id and ends the one the browser brought (no fixation)", async () => {
    const user = await createUser(t.db);
    const planted = await t.services.auth.createSession(user.id, {});
    const plantedCookie = t.services.auth.createSessionCookie(planted.id).serialize().split(";")[0];
    const response = await post(login, "/login", { email: user.email, password: FACTORY_PASSWORD, next: "/" }, plantedCookie);
    expect(response.status).toBe(302);
    const fresh = sessionIdOf(cookieOf(response));
    expect(fresh).not.toBe("");
    expect(fresh).not.toBe(planted.id);
    expect(await valid(fresh)).toBe(true);
    expect(await valid(planted.id)).toBe(false);
  });

  it("the cookie is HttpOnly and SameSite=Lax; in production also Secure and __Host- prefixed", () => {
    const dev = t.services.auth.createSessionCookie("abc").serialize();
    expect(dev).toMatch(/HttpOnly/i);
    expect(dev).toMatch(/SameSite=Lax/i);
    const production = createLucia(t.services.pool, { secure: true }).createSessionCookie("abc").serialize();
    expect(production).toMatch(/^__Host-madang_session=abc;/);
    expect(production).toMatch(/Secure/);
    expect(production).toMatch(/Path=\//);
    expect(production).not.toMatch(/Domain=/i);
  });

  it("logging out ends the session on the server, not only in the browser", async () => {
    const user = await createUser(t.db);
    const session = await t.services.auth.createSession(user.id, {});
    const cookie = t.services.auth.createSessionCookie(session.id).serialize().split(";")[0];
    const response = await post(logout, "/logout", {}, cookie);
    expect(response.status).toBe(302);
    expect(response.headers.get("set-cookie")).toMatch(/Max-Age=0/i);
    expect(await valid(session.id)).toBe(false);
  });

  it("sign out everywhere ends every session of the account, and only of that account", async () => {
    const user = await createUser(t.db);
    const other = await createUser(t.db);
    const sessions = await Promise.all([1, 2, 3].map(() => t.services.auth.createSession(user.id, {})));
    const others = await t.services.auth.createSession(other.id, {});
    const cookie = t.services.auth.createSessionCookie(sessions[0].id).serialize().split(";")[0];
    const response = await post(settings as typeof login, "/me/settings", { intent: "signOutEverywhere" }, cookie);
    expect(response.status).toBe(302);
    for (const s of sessions) expect(await valid(s.id)).toBe(false);
    expect(await valid(others.id)).toBe(true);
  });

  it("a session ends after 7 idle days, and 30 days after sign-in however active", async () => {
    const user = await createUser(t.db);
    const idle = await t.services.auth.createSession(user.id, {});
    await sql`UPDATE sessions SET expires_at = now() - interval '1 minute' WHERE id = ${idle.id}`.execute(t.db);
    expect(await valid(idle.id)).toBe(false);

    const old = await t.services.auth.createSession(user.id, {});
    await sql`UPDATE sessions SET created_at = now() - interval '31 days' WHERE id = ${old.id}`.execute(t.db);
    expect(await valid(old.id)).toBe(true); // Lucia alone would keep it…
    const cookie = t.services.auth.createSessionCookie(old.id).serialize().split(";")[0];
    const resolved = await resolveActor(t.services, cookie);
    expect(resolved.actor).toBeNull(); // …the app does not, and clears the cookie
    expect(resolved.setCookies.join()).toMatch(/Max-Age=0/i);
    expect(await valid(old.id)).toBe(false);
  });

  it("a session used in the second half of its idle week runs a full week from then, with its cookie sent again; earlier, nothing moves", async () => {
    const user = await createUser(t.db);
    const session = await t.services.auth.createSession(user.id, {});
    const cookie = t.services.auth.createSessionCookie(session.id).serialize().split(";")[0];
    const row = () => t.db.selectFrom("sessions").select(["expires_at", "last_seen_at"]).where("id", "=", session.id).executeTakeFirstOrThrow();
    const DAY = 86_400_000;

    // Two days left of seven: used now, it is extended to seven days from now.
    await sql`UPDATE sessions SET expires_at = now() + interval '2 days', last_seen_at = now() WHERE id = ${session.id}`.execute(t.db);
    const before = Date.now();
    const extended = await resolveActor(t.services, cookie);
    expect(extended.actor?.id).toBe(Number(user.id));
    expect(extended.setCookies).toHaveLength(1);
    expect(extended.setCookies[0]).toContain(session.id);
    const after = await row();
    expect(new Date(after.expires_at).getTime()).toBeGreaterThanOrEqual(before + 7 * DAY);
    expect(new Date(after.expires_at).getTime()).toBeLessThanOrEqual(Date.now() + 7 * DAY);

    // Six days left (first half), seen a minute ago: no cookie, and the row is as it was.
    await sql`UPDATE sessions SET expires_at = now() + interval '6 days', last_seen_at = now() - interval '1 minute' WHERE id = ${session.id}`.execute(t.db);
    const kept = await row();
    const again = await resolveActor(t.services, cookie);
    expect(again.actor?.id).toBe(Number(user.id));
    expect(again.setCookies).toEqual([]);
    expect(await row()).toEqual(kept);
  });

  it("requests that arrive together each get their own account, however many, whatever the order, a session twice or none", async () => {
    const people = await Promise.all(Array.from({ length: 7 }, (_, i) => createUser(t.db, { displayName: `함께 온 사람 ${i}` })));
    const sessions = await Promise.all(people.map((p) => t.services.auth.createSession(p.id, {})));
    // The same browser twice, a made-up id and a session that has expired, between the others.
    const expired = await t.services.auth.createSession(people[0].id, {});
    await sql`UPDATE sessions SET expires_at = now() - interval '1 minute' WHERE id = ${expired.id}`.execute(t.db);
    const ids = [sessions[3].id, "nosuchsession0000000000000000000", ...sessions.map((s) => s.id), expired.id, sessions[3].id];
    const owners = [people[3], null, ...people, null, people[3]];

    const found = await Promise.all(ids.map((id) => validateSession(t.services.pool, id, { withUnread: true })));
    expect(found.map((f) => (f ? [f.user.id, f.user.displayName] : null))).toEqual(owners.map((p) => (p ? [Number(p.id), p.display_name] : null)));
    // Each was noted as seen; the expired one is gone.
    const seen = await t.db.selectFrom("sessions").select(["id", "last_seen_at"]).where("id", "in", sessions.map((s) => s.id)).execute();
    expect(seen.every((s) => s.last_seen_at !== null)).toBe(true);
    expect(await t.db.selectFrom("sessions").select("id").where("id", "=", expired.id).executeTakeFirst()).toBeUndefined();
  });

  it("a crowd of requests in one instant, more than one statement reads, each gets its own account", async () => {
    const people = await Promise.all([0, 1, 2].map((i) => createUser(t.db, { displayName: `군중 ${i}` })));
    const sessions = await Promise.all(people.map((p) => t.services.auth.createSession(p.id, {})));
    const asked = Array.from({ length: 450 }, (_, i) => i % 3);
    const found = await Promise.all(asked.map((k) => validateSession(t.services.pool, sessions[k].id)));
    expect(found.map((f) => f?.user.id)).toEqual(asked.map((k) => Number(people[k].id)));
  });

  // The embedded database's connections share one backend session, so one cannot hold a lock
  // while another waits.
  it.skipIf(!process.env.DATABASE_URL)("a session another request is writing is read without waiting for it", async () => {
    const user = await createUser(t.db);
    const session = await t.services.auth.createSession(user.id, {});
    await sql`UPDATE sessions SET last_seen_at = NULL WHERE id = ${session.id}`.execute(t.db);
    const other = await t.services.pool.connect();
    try {
      await other.query("BEGIN");
      await other.query("SELECT 1 FROM sessions WHERE id = $1 FOR UPDATE", [session.id]);
      // Had it waited for the lock, this would never resolve while the lock is held.
      const found = await validateSession(t.services.pool, session.id, { withUnread: true });
      expect(found?.user.id).toBe(Number(user.id));
    } finally {
      await other.query("ROLLBACK");
      other.release();
    }
    // The next request writes what this one left to the other.
    await validateSession(t.services.pool, session.id);
    const row = await t.db.selectFrom("sessions").select("last_seen_at").where("id", "=", session.id).executeTakeFirstOrThrow();
    expect(row.last_seen_at).not.toBeNull();
  });

  it("a staff member's session ends 12 hours after sign-in; a citizen's does not", async () => {
    const chair = await actorFor(t.db, { roles: [{ role: "committee_chair", committee: "economy" }] });
    const citizen = await createUser(t.db);
    const resolve = async (userId: number, hours: number) => {
      const session = await t.services.auth.createSession(userId, {});
      await sql`UPDATE sessions SET created_at = now() - make_interval(hours => ${hours}) WHERE id = ${session.id}`.execute(t.db);
      const cookie = t.services.auth.createSessionCookie(session.id).serialize().split(";")[0];
      return { resolved: await resolveActor(t.services, cookie), stillValid: await valid(session.id) };
    };
    expect((await resolve(chair.id, 11)).resolved.actor?.id).toBe(chair.id);
    const staffLate = await resolve(chair.id, 13);
    expect(staffLate.resolved.actor).toBeNull();
    expect(staffLate.stillValid).toBe(false);
    expect((await resolve(citizen.id, 13)).resolved.actor?.id).toBe(citizen.id);
  });

  it("logs failed, refused and successful logins as security events, without the address or the password", async () => {
    const events: Record<string, unknown>[] = [];
    const log = pino({ level: "info" }, { write: (line: string) => void events.push(JSON.parse(line)) });
    const services = { ...t.services, log };
    const user = await createUser(t.db);
    const ip = "10.77.0.9";
    expect((await post(login, "/login", { email: user.email, password: "not the password at all", next: "/" }, "", ip, services)).status).toBe(401);
    expect((await post(login, "/login", { email: user.email, password: FACTORY_PASSWORD, next: "/" }, "", ip, services)).status).toBe(302);
    expect(events.map((e) => e.event)).toEqual(["login.failed", "login.succeeded"]);
    expect(events[0]).toMatchObject({ ip, account: expect.stringMatching(/^[0-9a-f]{16}$/) });
    expect(events[1]).toMatchObject({ ip, userId: user.id });
    const written = JSON.stringify(events);
    expect(written).not.toContain(user.email);
    expect(written).not.toContain("not the password");
    expect(written).not.toContain(FACTORY_PASSWORD);
  });

  it("a suspension ends the account's sessions at once", async () => {
    const moderator = await actorFor(t.db, { roles: [{ role: "moderator" }] });
    const user = await createUser(t.db);
    const session = await t.services.auth.createSession(user.id, {});
    expect((await suspendAccount(t.db, moderator, user.id, { days: "3", reason: "Spam in every comment." })).ok).toBe(true);
    expect(await valid(session.id)).toBe(false);
  });
});

describe("response headers", () => {
  it("scripts only with the response's nonce, no framing, no sniffing, a referrer policy; HSTS in production", () => {
    const csp = contentSecurityPolicy("n0nce", false);
    expect(csp).toMatch(/script-src 'self' 'nonce-n0nce'(;|$)/);
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    expect(csp).toMatch(/frame-ancestors 'none'/);
    expect(csp).toMatch(/object-src 'none'/);
    expect(csp).toMatch(/base-uri 'self'/);
    expect(csp).toMatch(/form-action 'self'/);
    const dev = securityHeaders("n0nce", false);
    expect(dev).toMatchObject({ "X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY", "Referrer-Policy": "strict-origin-when-cross-origin" });
    expect(dev["Permissions-Policy"]).toMatch(/camera=\(\), microphone=\(\), geolocation=\(\)/);
    expect(dev["Strict-Transport-Security"]).toBeUndefined();
    expect(securityHeaders("n0nce", true)["Strict-Transport-Security"]).toMatch(/max-age=\d{8}/);
    expect(contentSecurityPolicy("n0nce", true)).toMatch(/upgrade-insecure-requests/);
  });
});
