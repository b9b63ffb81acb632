import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { consume, blockedFor } from "../../app/auth/rate-limit.server";
import { databaseReachable } from "../../app/domain/health.server";
import { deliverPending, enqueueEmail, type MailTransport } from "../../app/domain/notifications/outbox.server";
import { connect } from "../../db/connect";
import { demoLoaded, loadDemo, DEMO_ACCOUNTS } from "../../db/demo";
import { seedReference } from "../../db/seed";
import { openTestDatabase, type TestDatabase } from "./db";

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(() => t?.close());

describe("reference and demo data", () => {
  it("has the 17 regions, 4 sub-committees, categories and agencies, and loading again changes nothing", async () => {
    const counts = async () => ({
      regions: (await t.db.selectFrom("regions").select("id").execute()).length,
      committees: (await t.db.selectFrom("committees").select("id").execute()).length,
      categories: (await t.db.selectFrom("categories").select("id").execute()).length,
      agencies: (await t.db.selectFrom("agencies").select("id").execute()).length,
    });
    const first = await counts();
    expect(first.regions).toBe(17);
    expect(first.committees).toBe(4);
    expect(first.categories).toBeGreaterThanOrEqual(8);
    expect(first.agencies).toBeGreaterThanOrEqual(5);
    await seedReference(t.db);
    expect(await counts()).toEqual(first);
  });

  it("loads the demo accounts with their roles once, however often it runs", async () => {
    expect(await demoLoaded(t.db)).toBe(false);
    await loadDemo(t.db);
    await loadDemo(t.db);
    expect(await demoLoaded(t.db)).toBe(true);
    const users = await t.db
      .selectFrom("users")
      .select(["email", "email_verified_at"])
      .where("email", "in", DEMO_ACCOUNTS.map((a) => a.email))
      .execute();
    expect(users).toHaveLength(DEMO_ACCOUNTS.length);
    expect(users.every((u) => u.email_verified_at !== null)).toBe(true);
    const roles = await t.db
      .selectFrom("role_grants")
      .innerJoin("users", "users.id", "role_grants.user_id")
      .select(["users.email", "role_grants.role"])
      .execute();
    for (const role of ["admin", "moderator", "committee_chair", "committee_member", "agency_officer"]) {
      // Each demo account holds its role once, however often the loader runs (demo committees
      // may add members beyond DEMO_ACCOUNTS, so the count is per account, not a fixed number).
      const grants = roles.filter((r) => r.role === role && r.email.endsWith("@madang.example.org"));
      expect(grants.length).toBeGreaterThan(0);
      expect(grants).toHaveLength(new Set(grants.map((g) => g.email)).size);
    }
    const campaigns = await t.db.selectFrom("campaigns").select("slug").where("slug", "=", "everyday-recovery").execute();
    expect(campaigns).toHaveLength(1);
  });
});

describe("rate limits in the database", () => {
  it("blocks after the allowed attempts and says how long to wait", async () => {
    const key = `someone-${Date.now()}@example.org`;
    for (let i = 0; i < 10; i++) expect(await consume(t.services.limiters.loginEmail, key)).toBeNull();
    expect(await blockedFor(t.services.limiters.loginEmail, key)).toBeGreaterThanOrEqual(1);
    const wait = await consume(t.services.limiters.loginEmail, key);
    expect(wait).toBeGreaterThanOrEqual(1);
    expect(wait).toBeLessThanOrEqual(15);
    // Another key is not affected.
    expect(await consume(t.services.limiters.loginEmail, `other-${key}`)).toBeNull();
  });

  it("counts attempts from concurrent requests exactly", async () => {
    const key = `burst-${Date.now()}`;
    const results = await Promise.all(Array.from({ length: 15 }, () => consume(t.services.limiters.resetIp, key)));
    expect(results.filter((r) => r === null)).toHaveLength(10);
  });
});

describe("the e-mail outbox", () => {
  it("sends each message once, even with two deliverers at work, and retries failures later", async () => {
    const to = `outbox-${Date.now()}@example.org`;
    for (let i = 0; i < 6; i++) await enqueueEmail(t.db, { to, subject: `m${i}`, text: "hello", kind: "test" });
    await enqueueEmail(t.db, { to: `fail-${to}`, subject: "bounce", text: "x", kind: "test" });
    const sent: string[] = [];
    const transport: MailTransport = {
      async send(message) {
        if (message.to_address.startsWith("fail-")) throw new Error("mailbox unavailable");
        await new Promise((r) => setTimeout(r, 5));
        sent.push(message.subject);
      },
    };
    await Promise.all([deliverPending(t.db, transport), deliverPending(t.db, transport)]);
    expect(sent.sort()).toEqual(["m0", "m1", "m2", "m3", "m4", "m5"]);
    const failed = await t.db.selectFrom("email_outbox").selectAll().where("to_address", "=", `fail-${to}`).executeTakeFirstOrThrow();
    expect(failed.sent_at).toBeNull();
    expect(failed.attempts).toBe(1);
    expect(failed.last_error).toContain("mailbox unavailable");
    expect(new Date(failed.next_attempt_at).getTime()).toBeGreaterThan(Date.now());
    // Nothing is due now: a further round sends nothing again.
    expect(await deliverPending(t.db, transport)).toBe(0);
    expect(sent).toHaveLength(6);
  });
});

describe("health", () => {
  it("reports the database reachable, and unreachable when it is not", async () => {
    expect(await databaseReachable(t.db)).toBe(true);
    const dead = connect("postgres://postgres@127.0.0.1:1/none", { max: 1 });
    expect(await databaseReachable(dead.db, 1_000)).toBe(false);
    await dead.close();
  });
});
