// Bodies and taxonomy kept by admins (/admin/committees, /admin/agencies, /admin/categories,
// /admin/regions): renamed in Korean and English and created, audited, refused with 400 next to
// the field, and never undone by seeding the reference data again.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../app/domain/accounts/permissions";
import { grantsOf } from "../../app/domain/accounts/roles.server";
import { bodiesFor, BODY_KINDS, createBody, renameBody } from "../../app/domain/admin/bodies.server";
import { action as categoriesAction } from "../../app/routes/admin.categories";
import { citizenActor, createUser } from "../../db/factories";
import { seedReference } from "../../db/seed";
import { openTestDatabase, type TestDatabase } from "./db";
import { call, contextFor } from "./harness";

let t: TestDatabase;
let admin: Actor;
beforeAll(async () => {
  t = await openTestDatabase();
  const user = await createUser(t.db, { roles: [{ role: "admin" }] });
  admin = { ...citizenActor(user.id), grants: await grantsOf(t.db, user.id) };
}, 180_000);
afterAll(() => t?.close());

describe("renaming", () => {
  for (const kind of BODY_KINDS) {
    it(`${kind}: renamed in both languages, audited, and kept when the seed runs again`, async () => {
      const [first] = await bodiesFor(t.db, kind);
      const result = await renameBody(t.db, admin, kind, { id: String(first.id), nameKo: `새 이름 ${kind}`, nameEn: `New name ${kind}` });
      expect(result, JSON.stringify(result)).toMatchObject({ ok: true });
      await seedReference(t.db);
      const after = (await bodiesFor(t.db, kind)).find((r) => r.id === first.id)!;
      expect(after).toMatchObject({ name_ko: `새 이름 ${kind}`, name_en: `New name ${kind}` });
      const audit = await t.db.selectFrom("audit_log").selectAll().where("action", "=", "bodies.rename").orderBy("id", "desc").executeTakeFirstOrThrow();
      expect(audit).toMatchObject({ actor_id: admin.id, target_id: String(first.id), details: { from: { ko: first.name_ko, en: first.name_en }, to: { ko: `새 이름 ${kind}`, en: `New name ${kind}` } } });
    });
  }

  it("an empty name is refused with 400 next to its field, the typed values kept", async () => {
    const [category] = await bodiesFor(t.db, "categories");
    const answer = await call(categoriesAction as never, {
      path: "/admin/categories",
      form: { intent: "rename", id: String(category.id), nameKo: "  ", nameEn: "Kept as typed" },
      context: contextFor(t.services, admin),
    });
    expect(answer.status).toBe(400);
    expect(answer.data).toMatchObject({ intent: "rename", id: String(category.id), errors: { nameKo: [{ key: "errors.required" }] }, values: { nameEn: "Kept as typed" } });
  });

  it("an unknown id is a 404; a moderator is refused", async () => {
    expect(await renameBody(t.db, admin, "committees", { id: "999999", nameKo: "가", nameEn: "A" })).toMatchObject({ ok: false, status: 404 });
    const m = await createUser(t.db, { roles: [{ role: "moderator" }] });
    const moderator = { ...citizenActor(m.id), grants: await grantsOf(t.db, m.id) };
    const [c] = await bodiesFor(t.db, "committees");
    expect(await renameBody(t.db, moderator, "committees", { id: String(c.id), nameKo: "가", nameEn: "A" })).toMatchObject({ ok: false, status: 403 });
  });
});

describe("creating", () => {
  it("a category and an agency (which needs its kind); an address is used once; regions are not created", async () => {
    expect(await createBody(t.db, admin, "categories", { slug: "animal-welfare", nameKo: "동물 복지", nameEn: "Animal welfare" })).toMatchObject({ ok: true });
    expect(await createBody(t.db, admin, "categories", { slug: "animal-welfare", nameKo: "동물 복지", nameEn: "Animal welfare" })).toMatchObject({ ok: false, status: 409, errors: { slug: [{ key: "bodies.errors.slugTaken" }] } });
    expect(await createBody(t.db, admin, "agencies", { slug: "new-ministry", nameKo: "신설부", nameEn: "New Ministry", kind: "" })).toMatchObject({ ok: false, status: 400, errors: { kind: expect.anything() } });
    expect(await createBody(t.db, admin, "agencies", { slug: "new-ministry", nameKo: "신설부", nameEn: "New Ministry", kind: "ministry" })).toMatchObject({ ok: true });
    expect(await createBody(t.db, admin, "regions", { slug: "mars", nameKo: "화성", nameEn: "Mars" })).toMatchObject({ ok: false, status: 403 });
    expect((await bodiesFor(t.db, "categories", "animal")).map((r) => r.slug)).toEqual(["animal-welfare"]);
  });
});
