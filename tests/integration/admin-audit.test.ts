// The admins' audit log page (/admin/audit): filtered by who acted, by kind and by date (Korea
// time), paged by a cursor that neither skips nor repeats a row (even rows written in the same
// instant), refusing bad filters with 400, and reading a page from an index in order (no sort of
// the whole log) whatever the filter.
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../app/domain/accounts/permissions";
import { auditLogPage, auditLogQuery } from "../../app/domain/admin/audit.server";
import { changeSetting } from "../../app/domain/admin/settings.server";
import { loader } from "../../app/routes/admin.audit";
import { person } from "../fixtures/roster";
import { openTestDatabase, type TestDatabase } from "./db";
import { call, contextFor } from "./harness";

let t: TestDatabase;
let admin: Actor;
let adminEmail = "";
let other: number;
let otherModerator: Actor;
const day = (iso: string) => new Date(iso);

beforeAll(async () => {
  t = await openTestDatabase();
  admin = await person(t.db, { displayName: "Audit Admin", roles: [{ role: "admin" }] });
  adminEmail = admin.email;
  otherModerator = await person(t.db, { roles: [{ role: "moderator" }] });
  other = otherModerator.id;
  // Rows of known dates (Korea time is UTC+9: 2026-03-01T20:00Z is 2 March in Seoul).
  const rows = [
    { actor_id: admin.id, action: "settings.change", target_type: "setting", target_id: "ideas_per_day", created_at: day("2026-03-01T10:00:00Z") },
    { actor_id: admin.id, action: "pages.edit", target_type: "page", target_id: "rules", created_at: day("2026-03-01T20:00:00Z") },
    { actor_id: other, action: "moderation.reject", target_type: "idea", target_id: "1", created_at: day("2026-03-02T10:00:00Z") },
    { actor_id: null, action: "moderation.autohide", target_type: "idea", target_id: "2", created_at: day("2026-03-03T10:00:00Z") },
  ];
  await t.db.insertInto("audit_log").values(rows.map((r) => ({ ...r, details: JSON.stringify({ note: r.action }) }))).execute();
  // Twelve rows written in the same instant: the cursor must still page through them exactly.
  await t.db
    .insertInto("audit_log")
    .values(Array.from({ length: 12 }, (_, i) => ({ actor_id: other, action: "workflow.answer", target_type: "idea", target_id: String(100 + i), details: "{}", created_at: day("2026-04-01T00:00:00Z") })))
    .execute();
}, 180_000);
afterAll(() => t?.close());

const page = async (filter: Record<string, string>, before: number | null = null, limit = 50) => {
  const p = await auditLogPage(t.db, { actor: "", kind: "", from: "", to: "", ...filter }, before, limit);
  if (!p.ok) throw new Error(JSON.stringify(p.errors));
  return p;
};

describe("filters", () => {
  it("by who acted: an e-mail address, an account number, or system", async () => {
    expect((await page({ actor: adminEmail.toUpperCase() })).entries.map((e) => e.action)).toEqual(["pages.edit", "settings.change"]);
    expect((await page({ actor: `#${admin.id}` })).entries).toHaveLength(2);
    expect((await page({ actor: "system" })).entries.map((e) => e.target_id)).toEqual(["2"]);
    const nobody = await page({ actor: "nobody@example.org" });
    expect(nobody.entries).toEqual([]);
    expect(nobody.actorUnknown).toBe(true);
  });

  it("by kind, the action's first word", async () => {
    expect((await page({ kind: "moderation" })).entries.map((e) => e.action)).toEqual(["moderation.autohide", "moderation.reject"]);
    expect((await page({ kind: "moderat" })).entries).toEqual([]);
  });

  it("by date, in Korea time, both ends included", async () => {
    const second = await page({ from: "2026-03-02", to: "2026-03-02" });
    expect(second.entries.map((e) => e.action)).toEqual(["moderation.reject", "pages.edit"]);
    expect((await page({ to: "2026-03-01" })).entries.map((e) => e.action)).toEqual(["settings.change"]);
    expect((await page({ from: "2026-03-03", kind: "moderation" })).entries.map((e) => e.target_id)).toEqual(["2"]);
  });

  it("a real change appears under its kind with who, old, new and why", async () => {
    await changeSetting(t.db, admin, { key: "screening_max_links", value: "4", reason: "More links in petitions" });
    const [entry] = (await page({ kind: "settings" })).entries;
    expect(entry).toMatchObject({ action: "settings.change", target_id: "screening_max_links", actor_id: admin.id, details: { from: 3, to: 4, reason: "More links in petitions" } });
  });
});

describe("paging", () => {
  it("walks the whole log a few rows at a time, newest first, with no row skipped or repeated", async () => {
    const all = (await page({}, null, 1000)).entries.map((e) => e.id);
    const seen: number[] = [];
    let before: number | null = null;
    for (let i = 0; i < 100; i++) {
      const p = await page({}, before, 5);
      seen.push(...p.entries.map((e) => e.id));
      if (p.next === null) break;
      before = p.next;
    }
    expect(seen).toEqual(all);
    expect(new Set(seen).size).toBe(seen.length);
    const times = (await page({}, null, 1000)).entries.map((e) => e.created_at);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it("keeps the filter from page to page", async () => {
    const first = await page({ kind: "workflow" }, null, 5);
    const second = await page({ kind: "workflow" }, first.next, 5);
    const third = await page({ kind: "workflow" }, second.next, 5);
    expect([...first.entries, ...second.entries, ...third.entries].every((e) => e.action === "workflow.answer")).toBe(true);
    expect(first.entries.length + second.entries.length + third.entries.length).toBe(12);
    expect(third.next).toBeNull();
  });
});

describe("the page", () => {
  it("refuses a bad date or kind with 400 and a message for the field", async () => {
    const bad = await call(loader as never, { path: "/admin/audit?from=2026-02-30&kind=DROP%20TABLE", context: contextFor(t.services, admin) });
    expect(bad.status).toBe(400);
    expect(bad.data).toMatchObject({ errors: { from: [{ key: "auditLog.errors.date" }], kind: [{ key: "auditLog.errors.kind" }] }, filter: { from: "2026-02-30" } });
    const order = await call(loader as never, { path: "/admin/audit?from=2026-03-05&to=2026-03-01", context: contextFor(t.services, admin) });
    expect(order.status).toBe(400);
    const cursor = await call(loader as never, { path: "/admin/audit?before=abc", context: contextFor(t.services, admin) });
    expect(cursor.status).toBe(400);
  });

  it("is for administrators only", async () => {
    expect((await call(loader as never, { path: "/admin/audit", context: contextFor(t.services, otherModerator) })).status).toBe(403);
    expect((await call(loader as never, { path: "/admin/audit", context: contextFor(t.services, null) })).status).toBeGreaterThanOrEqual(300);
  });
});

describe("at scale", () => {
  it("each filter reads its page from an index, in order, without sorting the log", async () => {
    // 60,000 more rows over a year, from a few hundred actors, of a few kinds.
    await sql`INSERT INTO audit_log (actor_id, action, target_type, target_id, details, created_at)
      SELECT CASE WHEN g % 7 = 0 THEN NULL ELSE ${other}::bigint END,
             (ARRAY['settings.change','moderation.reject','workflow.answer','pages.edit'])[1 + g % 4],
             'idea', g::text, '{}'::jsonb, timestamptz '2025-01-01' + (g || ' minutes')::interval * 9
      FROM generate_series(1, 60000) g`.execute(t.db);
    await sql`ANALYZE audit_log`.execute(t.db);
    const filters = [
      { actor: other as number | null | "anyone", kind: "", from: "", to: "" },
      { actor: "anyone" as const, kind: "moderation", from: "", to: "" },
      { actor: "anyone" as const, kind: "", from: "2025-06-01", to: "2025-06-30" },
      { actor: "anyone" as const, kind: "", from: "", to: "" },
    ];
    const last = (await t.db.selectFrom("audit_log").select((eb) => eb.fn.max("id").as("id")).executeTakeFirstOrThrow()).id as number;
    for (const f of filters) {
      for (const before of [null, last - 30_000]) {
        const compiled = auditLogQuery(t.db, { actor: "", kind: f.kind, from: f.from, to: f.to }, f.actor, before).compile();
        const plan = (await sql<{ "QUERY PLAN": string }>`EXPLAIN ${sql.raw(compiled.sql.replace(/\$(\d+)/g, (_, n) => literal(compiled.parameters[Number(n) - 1])))}`.execute(t.db)).rows
          .map((r) => r["QUERY PLAN"])
          .join("\n");
        expect(plan, JSON.stringify(f)).toMatch(/Index (Only )?Scan/);
        expect(plan, `${JSON.stringify(f)}\n${plan}`).not.toMatch(/^\s*(->\s*)?Sort\b/m);
      }
    }
  }, 120_000);
});

function literal(value: unknown): string {
  if (value === null) return "NULL";
  if (value instanceof Date) return `'${value.toISOString()}'::timestamptz`;
  if (typeof value === "number") return String(value);
  return `'${String(value).replace(/'/g, "''")}'`;
}
