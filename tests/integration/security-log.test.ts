// The security log in the database (issue 17, ASVS 7.1–7.2): sign-ins and refused requests land in
// `security_events` as they land on standard output, written in batches from a bounded buffer
// that counts what it drops; the retention job clears their addresses after the setting's days
// and removes them after the longer period; admins (only) read them at /admin/security-log,
// by kind and by network, a page at a time.
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { retention } from "../../app/jobs/retention.server";
import { runDueJobs } from "../../app/jobs/scheduler.server";
import { loader } from "../../app/routes/admin.security-log";
import { action as login } from "../../app/routes/login";
import { SecurityEventBuffer, securityEventWriter, type SecurityRow } from "../../app/utils/security-log.server";
import { createUser, FACTORY_PASSWORD } from "../../db/factories";
import { person, rosterIn, type Roster } from "../fixtures/roster";
import { openTestDatabase, type TestDatabase } from "./db";
import { call, contextFor, setSettings } from "./harness";

let t: TestDatabase;
let roster: Roster;
const DAY = 86_400_000;

beforeAll(async () => {
  t = await openTestDatabase();
  roster = await rosterIn(t.db);
}, 120_000);
afterAll(() => t?.close());

async function eventsFrom(ip: string) {
  return t.db
    .selectFrom("security_events")
    .select(["kind", "user_id", "account", "details", (eb) => eb.fn<string>("host", ["ip"]).as("ip")])
    .where("ip", "=", ip)
    .orderBy("id")
    .execute();
}


describe("sign-ins in the table", () => {
  it("a failed and a successful sign-in are written at the next flush, as standard output has them, without the address typed or the password", async () => {
    const lines: Record<string, unknown>[] = [];
    const services = { ...t.services, log: pino({ level: "info" }, { write: (line: string) => void lines.push(JSON.parse(line)) }) };
    const user = await createUser(t.db);
    const ip = "198.51.100.23";
    const signIn = (password: string) => call(login as never, { path: "/login", form: { email: user.email, password, next: "/" }, context: contextFor(services, null, ip) });
    expect((await signIn("not the password at all")).status).toBe(401);
    expect((await signIn(FACTORY_PASSWORD)).status).toBe(302);
    // Standard output at once, as before.
    expect(lines.map((l) => l.event)).toEqual(["login.failed", "login.succeeded"]);
    // The table at the next flush: nothing is written per request.
    expect(await eventsFrom(ip)).toEqual([]);
    await t.services.securityEvents.flush();
    const rows = await eventsFrom(ip);
    expect(rows).toEqual([
      { kind: "login.failed", ip, user_id: null, account: lines[0]!.account, details: { device: false } },
      { kind: "login.succeeded", ip, user_id: user.id, account: null, details: {} },
    ]);
    expect(rows[0]!.account).toMatch(/^[0-9a-f]{16}$/);
    const stored = JSON.stringify(await t.db.selectFrom("security_events").selectAll().execute());
    expect(stored).not.toContain(user.email);
    expect(stored).not.toContain("not the password");
  });
});

describe("batches", () => {
  it("many events are one write a second; past the buffer's capacity they are counted and the count is written", async () => {
    const batches: number[] = [];
    const write = securityEventWriter(t.db);
    const buffer = new SecurityEventBuffer(
      async (rows) => {
        batches.push(rows.length);
        await write(rows);
      },
      { capacity: 2_500 },
    );
    const ip = "192.0.2.77";
    for (let i = 0; i < 3_000; i++) buffer.push({ event: "request.refused", status: 429, method: "POST", path: `/ideas/${i}/support`, userId: null, ip });
    expect(buffer.pending).toBe(2_500);
    expect(buffer.dropped).toBe(500);
    const at = new Date();
    expect(await buffer.flush(at)).toBe(2_501);
    expect(batches).toEqual([2_501]);
    expect(await buffer.flush()).toBe(0); // nothing waits: no write at all
    expect(batches).toEqual([2_501]);

    const written = await t.db.selectFrom("security_events").select((eb) => eb.fn.countAll<string>().as("n")).where("ip", "=", ip).executeTakeFirstOrThrow();
    expect(Number(written.n)).toBe(2_500);
    const dropped = await t.db.selectFrom("security_events").select(["details", "ip"]).where("kind", "=", "log.dropped").where("at", "=", at).execute();
    expect(dropped).toEqual([{ details: { count: 500 }, ip: null }]);
  });

  it("a write that fails loses that batch, counts it, and says so in the next batch", async () => {
    let fail = true;
    const kept: SecurityRow[][] = [];
    const errors: number[] = [];
    const buffer = new SecurityEventBuffer(
      async (rows) => {
        if (fail) throw new Error("the database does not answer");
        kept.push(rows);
      },
      { onError: (_e, lost) => errors.push(lost) },
    );
    for (let i = 0; i < 3; i++) buffer.push({ event: "login.failed", ip: "203.0.113.9", account: "ab12" });
    expect(await buffer.flush()).toBe(0);
    expect(errors).toEqual([3]);
    expect(buffer.pending).toBe(0); // not kept for ever: the buffer does not grow while the database is down
    fail = false;
    buffer.push({ event: "login.succeeded", ip: "203.0.113.9", userId: 1 });
    expect(await buffer.flush()).toBe(2);
    expect(kept[0]!.map((r) => [r.kind, r.details])).toEqual([
      ["login.succeeded", {}],
      ["log.dropped", { count: 3 }],
    ]);
    expect(buffer.dropped).toBe(3);
  });

  it("keeps an address PostgreSQL can store (an IPv4 client seen through IPv6 as IPv4), never a word that is not one", async () => {
    const rows: SecurityRow[] = [];
    const buffer = new SecurityEventBuffer(async (batch) => void rows.push(...batch));
    buffer.push({ event: "request.refused", ip: "::ffff:192.0.2.1" });
    buffer.push({ event: "request.refused", ip: "unknown" });
    buffer.push({ event: "request.refused", ip: "2001:db8::7" });
    buffer.push({ event: "request.refused", ip: "10.0.0.1", path: `/${"x".repeat(1_000)}`, account: "not hex!" });
    await buffer.flush();
    expect(rows.map((r) => r.ip)).toEqual(["192.0.2.1", null, "2001:db8::7", "10.0.0.1"]);
    expect(String(rows[3]!.details.path)).toHaveLength(300);
    expect(rows[3]!.account).toBeNull();
  });
});

describe("retention", () => {
  it("clears exactly the addresses older than the setting, and removes exactly the events older than the longer one", async () => {
    await setSettings(t.db, { retention_security_address_days: 10, retention_security_event_days: 30 });
    // The job's clock is 200 days ahead of the rows' real dates.
    const now = new Date(Date.now() + 200 * DAY);
    const ago = (days: number) => new Date(now.getTime() - days * DAY);
    const insert = async (ip: string, days: number) =>
      (
        await t.db
          .insertInto("security_events")
          .values({ at: ago(days), kind: "login.failed", ip, account: "00ff", details: "{}" })
          .returning("id")
          .executeTakeFirstOrThrow()
      ).id;
    const fresh = await insert("100.64.0.1", 9.9);
    const oldAddress = await insert("100.64.0.2", 10.1);
    const olderAddress = await insert("100.64.0.3", 29.9);
    const gone = await insert("100.64.0.4", 30.1);
    const before = await t.db.selectFrom("security_events").select("id").where("at", ">", ago(1)).execute();

    expect(await runDueJobs(t.db, [retention], now)).toEqual(["privacy-retention"]);
    const rows = await t.db
      .selectFrom("security_events")
      .select(["id", (eb) => eb.fn<string | null>("host", ["ip"]).as("ip"), "account"])
      .where("id", "in", [fresh, oldAddress, olderAddress, gone])
      .orderBy("id")
      .execute();
    expect(rows).toEqual([
      { id: fresh, ip: "100.64.0.1", account: "00ff" },
      { id: oldAddress, ip: null, account: "00ff" },
      { id: olderAddress, ip: null, account: "00ff" },
    ]);
    // Events of the last day (earlier tests') are untouched.
    expect(await t.db.selectFrom("security_events").select("id").where("at", ">", ago(1)).execute()).toEqual(before);
    expect(await retention.run(t.db, now)).toBe("cleared 0 support networks, 0 e-mail bodies, 0 alert networks, 0 security-log addresses, 0 old security events");
    await setSettings(t.db, { retention_security_address_days: 90, retention_security_event_days: 365 });
  });
});

describe("/admin/security-log", () => {
  const visit = (path: string, who = roster.admin) => call(loader as never, { path, context: contextFor(t.services, who) });
  type Listed = { events: { kind: string; ip: string | null; userId: number | null }[]; next: number | null };

  it("filters by kind and by network (an address, a /24, an IPv6 /48), newest first, and pages without skipping or repeating", async () => {
    const at = new Date(Date.now() - 60_000);
    await t.db
      .insertInto("security_events")
      .values([
        { at, kind: "request.refused", ip: "203.0.113.5", details: JSON.stringify({ status: 403, method: "POST", path: "/admin/settings" }) },
        { at, kind: "login.failed", ip: "203.0.113.200", account: "aa11", details: "{}" },
        { at, kind: "login.failed", ip: "203.0.114.1", account: "bb22", details: "{}" },
        { at, kind: "login.succeeded", ip: "2001:db8:77:1::9", user_id: roster.citizen.id, details: "{}" },
        { at, kind: "login.succeeded", ip: "2001:db8:78::1", user_id: roster.citizen.id, details: "{}" },
      ])
      .execute();
    const listed = async (query: string) => (await visit(`/admin/security-log?${query}`)).data as Listed;
    expect((await listed("network=203.0.113.0/24")).events.map((e) => e.ip)).toEqual(["203.0.113.200", "203.0.113.5"]);
    expect((await listed("network=203.0.113.77/24")).events).toHaveLength(2);
    expect((await listed("network=203.0.113.5")).events.map((e) => e.ip)).toEqual(["203.0.113.5"]);
    expect((await listed("network=203.0.113.0/24&kind=login.failed")).events.map((e) => e.ip)).toEqual(["203.0.113.200"]);
    expect((await listed("network=2001:db8:77::/48")).events).toMatchObject([{ ip: "2001:db8:77:1::9", userId: roster.citizen.id }]);
    expect((await listed("network=198.18.0.0/15")).events).toEqual([]);

    // Two at a time through the five of 203.0.0.0/8 and 2001:db8::/32 written at the same instant.
    const seen: string[] = [];
    for (const network of ["203.0.0.0/8", "2001:db8::/32"]) {
      let before = "";
      for (let i = 0; i < 5; i++) {
        const page = await listed(`network=${encodeURIComponent(network)}${before}`);
        seen.push(...page.events.map((e) => e.ip!));
        if (!page.next) break;
        before = `&before=${page.next}`;
      }
    }
    expect(seen.sort()).toEqual(["2001:db8:77:1::9", "2001:db8:78::1", "203.0.113.200", "203.0.113.5", "203.0.114.1"]);
  });

  it("refuses a network or kind that is not one with 400 and a message for the field; a bad cursor with 400", async () => {
    const bad = await visit("/admin/security-log?network=203.0.113.0/33&kind=login.maybe");
    expect(bad.status).toBe(400);
    expect(bad.data).toMatchObject({ errors: { network: [{ key: "securityLog.errors.network" }], kind: [{ key: "errors.invalidChoice" }] }, filter: { network: "203.0.113.0/33" } });
    for (const network of ["203.0.113", "example.org", "1.2.3.4/8/8", "'; DROP TABLE users; --", "1.2.3.4\u0000"]) {
      expect((await visit(`/admin/security-log?network=${encodeURIComponent(network)}`)).status, network).toBe(400);
    }
    expect((await visit("/admin/security-log?before=abc")).status).toBe(400);
  });

  it("is for administrators only: every other kind of account is refused, a visitor is sent to sign in", async () => {
    // Written from the design (admins read the security log), not from the permission functions.
    const expected: Record<string, number> = {
      citizen: 403,
      author: 403,
      member: 403,
      chair: 403,
      otherChair: 403,
      officer: 403,
      otherOfficer: 403,
      supervisor: 403,
      moderator: 403,
      admin: 200,
      organiser: 403,
      verifier: 403,
    };
    const answered: Record<string, number> = {};
    for (const [name, who] of Object.entries(roster)) answered[name] = (await visit("/admin/security-log", who)).status;
    expect(answered).toEqual(expected);
    const suspendedAdmin = await person(t.db, { roles: [{ role: "admin" }], suspended: true });
    expect((await visit("/admin/security-log", suspendedAdmin)).status).toBe(403);
    const visitor = await call(loader as never, { path: "/admin/security-log", context: contextFor(t.services, null) });
    expect(visitor.status).toBe(302);
    expect(visitor.location).toMatch(/^\/login\?next=/);
  });
});
