// The site settings an administrator changes (/admin/settings, decision 032): every key refused
// outside its range with a message naming the range, every change audited (who, old, new, why),
// applied to steps that start after it and not to those under way, and seen by another app
// process (another cache over the same database) within its few seconds.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../app/domain/accounts/permissions";
import { changeSetting } from "../../app/domain/admin/settings.server";
import { SETTING_KEYS, SETTINGS } from "../../app/domain/settings";
import { KeptValue } from "../../app/domain/kept.server";
import { getSettings, readSettings, type SiteSettings } from "../../app/domain/settings.server";
import { action, loader } from "../../app/routes/admin.settings";
import { createIdea } from "../../db/factories";
import { connect } from "../../db/connect";
import { person } from "../fixtures/roster";
import { openTestDatabase, type TestDatabase } from "./db";
import { call, contextFor } from "./harness";

let t: TestDatabase;
let admin: Actor;
beforeAll(async () => {
  t = await openTestDatabase();
  admin = await person(t.db, { displayName: "Settings Admin", roles: [{ role: "admin" }] });
}, 180_000);
afterAll(() => t?.close());

async function stored(key: string): Promise<unknown> {
  const row = await t.db.selectFrom("settings").select("value").where("key", "=", key).executeTakeFirst();
  return row?.value;
}

async function settingAudit(key: string) {
  return t.db
    .selectFrom("audit_log")
    .select(["actor_id", "action", "details", "created_at"])
    .where("target_type", "=", "setting")
    .where("target_id", "=", key)
    .orderBy("id", "desc")
    .execute();
}

describe("each setting is checked against its own range", () => {
  // Written from the registry's numbers, not from the code that checks them.
  for (const key of SETTING_KEYS) {
    const d = SETTINGS[key] as { unit: string; min?: number; max?: number; default: unknown };
    if (d.unit === "text") {
      it(`${key}: an empty text and a text over ${d.max} characters are refused; a text within is kept`, async () => {
        for (const value of ["   ", "x".repeat((d.max ?? 100) + 1)]) {
          const result = await changeSetting(t.db, admin, { key, value, reason: "" });
          expect(result.ok).toBe(false);
          if (!result.ok) {
            expect(result.status).toBe(400);
            expect(Object.keys(result.errors)).toEqual(["value"]);
          }
        }
        const ok = await changeSetting(t.db, admin, { key, value: "Some text", reason: "" });
        expect(ok.ok).toBe(true);
      });
      continue;
    }
    const { min, max } = d as { min: number; max: number };
    it(`${key}: ${min - 1}, ${max + 1}, 1.5 and "abc" are refused naming ${min}–${max}; ${min} and ${max} are accepted`, async () => {
      const before = await stored(key);
      for (const value of [String(min - 1), String(max + 1), "1.5", "abc", ""]) {
        const result = await changeSetting(t.db, admin, { key, value, reason: "testing the range" });
        expect(result.ok, `${key}=${value}`).toBe(false);
        if (result.ok) continue;
        expect(result.status).toBe(400);
        expect(result.errors.value?.[0]?.values).toEqual({ min, max });
      }
      expect(await stored(key)).toEqual(before);
      for (const value of [String(min), String(max)]) {
        const result = await changeSetting(t.db, admin, { key, value, reason: "" });
        expect(result.ok, `${key}=${value}: ${JSON.stringify(result)}`).toBe(true);
        expect(await stored(key)).toBe(Number(value));
      }
      // Back to its default, for the tests after this one.
      expect((await changeSetting(t.db, admin, { key, value: String(d.default), reason: "" })).ok).toBe(true);
    });
  }
});

describe("a change", () => {
  it("is audited with who, the old and the new value, when and why", async () => {
    const started = Date.now();
    const result = await changeSetting(t.db, admin, { key: "flag_hide_threshold", value: "4", was: "3", reason: "Fewer false hides" });
    expect(result).toMatchObject({ ok: true, changed: true, from: 3, to: 4 });
    const [row] = await settingAudit("flag_hide_threshold");
    expect(row.actor_id).toBe(admin.id);
    expect(row.action).toBe("settings.change");
    expect(row.details).toMatchObject({ from: 3, to: 4, reason: "Fewer false hides" });
    expect(new Date(row.created_at).getTime()).toBeGreaterThanOrEqual(started - 1000);
    await changeSetting(t.db, admin, { key: "flag_hide_threshold", value: "3", reason: "" });
  });

  it("to the value it has already changes nothing and leaves no audit row", async () => {
    const before = (await settingAudit("screening_max_links")).length;
    const result = await changeSetting(t.db, admin, { key: "screening_max_links", value: "3", reason: "" });
    expect(result).toMatchObject({ ok: true, changed: false });
    expect((await settingAudit("screening_max_links")).length).toBe(before);
  });

  it("is refused, not overwritten, when someone changed the setting after the page showed it", async () => {
    expect((await changeSetting(t.db, admin, { key: "burst_new_accounts", value: "12", was: "10", reason: "" })).ok).toBe(true);
    // A second admin's page still showed 10.
    const late = await changeSetting(t.db, admin, { key: "burst_new_accounts", value: "20", was: "10", reason: "" });
    expect(late).toMatchObject({ ok: false, status: 409 });
    if (!late.ok) expect(late.errors.value?.[0]).toMatchObject({ key: "settings.errors.changedMeanwhile", values: { value: "12" } });
    expect(await stored("burst_new_accounts")).toBe(12);
    await changeSetting(t.db, admin, { key: "burst_new_accounts", value: "10", reason: "" });
  });

  it("is refused to anyone but an unsuspended administrator", async () => {
    const moderator = await person(t.db, { roles: [{ role: "moderator" }] });
    const asModerator = await changeSetting(t.db, moderator, { key: "ideas_per_day", value: "7" });
    expect(asModerator).toMatchObject({ ok: false, status: 403 });
    expect(await changeSetting(t.db, null, { key: "ideas_per_day", value: "7" })).toMatchObject({ ok: false, status: 401 });
    const suspended = { ...admin, suspendedUntil: new Date(Date.now() + 86_400_000) };
    expect(await changeSetting(t.db, suspended, { key: "ideas_per_day", value: "7" })).toMatchObject({ ok: false, status: 403 });
    expect(await stored("ideas_per_day")).toBe(5);
  });

  it("of an unknown key is refused with 400", async () => {
    const result = await changeSetting(t.db, admin, { key: "no_such_setting", value: "1" });
    expect(result).toMatchObject({ ok: false, status: 400 });
  });
});

describe("applies to steps that start after it", () => {
  it("a new idea gets the new support threshold and window; an idea already open keeps its own", async () => {
    const author = await person(t.db);
    const before = await createIdea(t.db, { author, title: "An idea submitted before the change" });
    expect((await changeSetting(t.db, admin, { key: "default_support_threshold", value: "7", reason: "A small town" })).ok).toBe(true);
    expect((await changeSetting(t.db, admin, { key: "default_support_window_days", value: "10", reason: "" })).ok).toBe(true);
    const after = await createIdea(t.db, { author, title: "An idea submitted after the change" });
    const rows = await t.db
      .selectFrom("ideas")
      .select(["id", "support_threshold", "support_window_days", "created_at", "support_ends_at"])
      .where("id", "in", [before, after])
      .execute();
    const byId = Object.fromEntries(rows.map((r) => [r.id, r]));
    expect(byId[before]).toMatchObject({ support_threshold: 50, support_window_days: 30 });
    expect(byId[after]).toMatchObject({ support_threshold: 7, support_window_days: 10 });
    const days = (new Date(byId[after].support_ends_at!).getTime() - new Date(byId[after].created_at).getTime()) / 86_400_000;
    expect(Math.round(days)).toBe(10);
    await changeSetting(t.db, admin, { key: "default_support_threshold", value: "50", reason: "" });
    await changeSetting(t.db, admin, { key: "default_support_window_days", value: "30", reason: "" });
  });
});

describe("every app process sees a change within seconds", () => {
  it("a second process's cache shows the old value until it is a few seconds old, then the new one", async () => {
    // A second app process: its own connection pool and its own cache, over the same database.
    const other = connect(t.url, { max: 2 });
    try {
      let now = 1_000_000;
      const copy = new KeptValue<SiteSettings>(5_000, () => now);
      const cache = { get: (db: typeof other.db) => copy.get(() => readSettings(db)) };
      expect((await cache.get(other.db)).ideas_per_day).toBe(5);
      expect((await changeSetting(t.db, admin, { key: "ideas_per_day", value: "9", reason: "" })).ok).toBe(true);
      // The process that made the change sees it at once.
      expect((await getSettings(t.db)).ideas_per_day).toBe(9);
      now += 1_000;
      expect((await cache.get(other.db)).ideas_per_day).toBe(5);
      now += 4_500;
      expect((await cache.get(other.db)).ideas_per_day).toBe(9);
      expect((await readSettings(other.db)).ideas_per_day).toBe(9);
    } finally {
      await other.close();
      await changeSetting(t.db, admin, { key: "ideas_per_day", value: "5", reason: "" });
    }
  });

  it("getSettings keeps a copy between reads (no query per request) and reads again after it expires", async () => {
    const first = await getSettings(t.db);
    // Written behind the app's back: this process still has its copy.
    await t.db.updateTable("settings").set({ value: JSON.stringify(6) }).where("key", "=", "ideas_per_day").execute();
    expect((await getSettings(t.db)).ideas_per_day).toBe(first.ideas_per_day);
    // Inside a transaction the settings are read as they are.
    expect(await t.db.transaction().execute(async (trx) => (await getSettings(trx)).ideas_per_day)).toBe(6);
    await t.db.updateTable("settings").set({ value: JSON.stringify(5) }).where("key", "=", "ideas_per_day").execute();
  });
});

describe("the page", () => {
  it("lists every setting of the registry with its current value, to admins only", async () => {
    const page = await call(loader as never, { path: "/admin/settings", context: contextFor(t.services, admin) });
    expect(page.status).toBe(200);
    const keys = (page.data as { groups: { settings: { key: string }[] }[] }).groups.flatMap((g) => g.settings.map((s) => s.key));
    expect(keys.sort()).toEqual([...SETTING_KEYS].sort());
    const moderator = await person(t.db, { roles: [{ role: "moderator" }] });
    const refused = await call(loader as never, {
      path: "/admin/settings",
      context: contextFor(t.services, moderator),
    });
    expect(refused.status).toBe(403);
  });

  it("answers a value out of range with 400, the message next to the field, and the typed value kept", async () => {
    const answer = await call(action as never, {
      path: "/admin/settings",
      form: { key: "committee_deadline_days", value: "400", was: "10", reason: "Longer" },
      context: contextFor(t.services, admin),
    });
    expect(answer.status).toBe(400);
    expect(answer.data).toMatchObject({
      key: "committee_deadline_days",
      values: { value: "400", reason: "Longer" },
      errors: { value: [{ key: "settings.errors.range", values: { min: 1, max: 130 } }] },
    });
    expect(await stored("committee_deadline_days")).toBe(10);
  });
});
