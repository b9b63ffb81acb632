import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { grantRole, grantsOf, revokeRole } from "../../app/domain/accounts/roles.server";
import { person } from "../fixtures/roster";
import { openTestDatabase, type TestDatabase } from "./db";

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(() => t?.close());

async function committeeId(slug: string) {
  return (await t.db.selectFrom("committees").select("id").where("slug", "=", slug).executeTakeFirstOrThrow()).id;
}

async function auditCount() {
  const row = await t.db.selectFrom("audit_log").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  return row.n;
}

describe("granting and revoking roles", () => {
  it("an admin grants a committee role; it is logged with who did it", async () => {
    const admin = await person(t.db, { roles: [{ role: "admin" }] });
    const citizen = await person(t.db);
    const economy = await committeeId("economy");
    const result = await grantRole(t.db, admin, {
      userId: String(citizen.id),
      role: "committee_member",
      committeeId: String(economy),
    });
    expect(result.ok).toBe(true);
    expect(await grantsOf(t.db, citizen.id)).toMatchObject([{ role: "committee_member", committeeId: economy }]);
    const log = await t.db
      .selectFrom("audit_log")
      .selectAll()
      .where("target_type", "=", "user")
      .where("target_id", "=", String(citizen.id))
      .execute();
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ actor_id: admin.id, action: "role.grant" });
    expect(log[0].details).toMatchObject({ role: "committee_member", committeeId: economy });
  });

  it("granting the same role twice keeps one grant", async () => {
    const admin = await person(t.db, { roles: [{ role: "admin" }] });
    const citizen = await person(t.db);
    for (let i = 0; i < 2; i++) await grantRole(t.db, admin, { userId: String(citizen.id), role: "moderator" });
    expect(await grantsOf(t.db, citizen.id)).toHaveLength(1);
  });

  it("needs a committee for committee roles and an agency for officers", async () => {
    const admin = await person(t.db, { roles: [{ role: "admin" }] });
    const citizen = await person(t.db);
    const noCommittee = await grantRole(t.db, admin, { userId: String(citizen.id), role: "committee_chair" });
    expect(noCommittee).toMatchObject({ ok: false, errors: { committeeId: [{ key: "errors.required" }] } });
    const noAgency = await grantRole(t.db, admin, { userId: String(citizen.id), role: "agency_officer", agencyId: "" });
    expect(noAgency).toMatchObject({ ok: false, errors: { agencyId: [{ key: "errors.required" }] } });
    const badRole = await grantRole(t.db, admin, { userId: String(citizen.id), role: "emperor" });
    expect(badRole.ok).toBe(false);
    expect(await grantsOf(t.db, citizen.id)).toHaveLength(0);
  });

  it("refuses everyone but admins and changes nothing", async () => {
    const before = await auditCount();
    const target = await person(t.db);
    for (const spec of [{}, { roles: [{ role: "moderator" as const }] }, { roles: [{ role: "committee_chair" as const, committee: "economy" }] }]) {
      const actor = await person(t.db, spec);
      const result = await grantRole(t.db, actor, { userId: String(target.id), role: "admin" });
      expect(result).toMatchObject({ ok: false, status: 403 });
    }
    expect(await grantRole(t.db, null, { userId: String(target.id), role: "admin" })).toMatchObject({ ok: false, status: 401 });
    expect(await grantsOf(t.db, target.id)).toHaveLength(0);
    expect(await auditCount()).toBe(before);
  });

  it("revokes a role with a log entry, but never the last admin's", async () => {
    // A fresh database of admins would share this file's; count admins to know who is last.
    const admin = await person(t.db, { roles: [{ role: "admin" }] });
    const other = await person(t.db, { roles: [{ role: "moderator" }] });
    const [grant] = other.grants;
    expect((await revokeRole(t.db, admin, { grantId: String(grant.id) })).ok).toBe(true);
    expect(await grantsOf(t.db, other.id)).toHaveLength(0);

    const admins = await t.db.selectFrom("role_grants").select(["id", "user_id"]).where("role", "=", "admin").execute();
    for (const a of admins.slice(0, -1)) await revokeRole(t.db, admin, { grantId: String(a.id) });
    const last = admins[admins.length - 1];
    const refused = await revokeRole(t.db, admin, { grantId: String(last.id) });
    expect(refused).toMatchObject({ ok: false, status: 409, errors: { _form: [{ key: "errors.lastAdmin" }] } });
    const remaining = await t.db.selectFrom("role_grants").select("id").where("role", "=", "admin").execute();
    expect(remaining).toHaveLength(1);
  });
});

describe("the audit log", () => {
  it("is append-only in the database: updates and deletes are refused", async () => {
    const admin = await person(t.db, { roles: [{ role: "admin" }] });
    const citizen = await person(t.db);
    await grantRole(t.db, admin, { userId: String(citizen.id), role: "moderator" });
    await expect(sql`update audit_log set action = 'forged'`.execute(t.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log`.execute(t.db)).rejects.toThrow(/append-only/);
    expect(await auditCount()).toBeGreaterThan(0);
  });
});
