// Bodies and taxonomy kept by admins (/admin/committees, /admin/agencies, /admin/categories,
// /admin/regions): renamed in Korean and English and created, audited, refused with 400 next to
// the field, and never undone by seeding the reference data again.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../app/domain/accounts/permissions";
import { activeBodies, archiveBody, bodiesFor, BODY_KINDS, createBody, renameBody, restoreBody, setBodyDetails } from "../../app/domain/admin/bodies.server";
import { filterChoices, formChoices } from "../../app/domain/ideas/queries.server";
import { reassign } from "../../app/domain/workflow/workflow.server";
import { action as categoriesAction } from "../../app/routes/admin.categories";
import { createIdea } from "../../db/factories";
import { seedReference } from "../../db/seed";
import { person } from "../fixtures/roster";
import { openTestDatabase, type TestDatabase } from "./db";
import { call, contextFor } from "./harness";

let t: TestDatabase;
let admin: Actor;
beforeAll(async () => {
  t = await openTestDatabase();
  admin = await person(t.db, { roles: [{ role: "admin" }] });
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
    const moderator = await person(t.db, { roles: [{ role: "moderator" }] });
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

  it("the list's filters offer a new category and a new name at once to the admin's process, though they are kept between views", async () => {
    const names = async () => (await filterChoices(t.db)).categories.map((c) => c.name_en);
    const before = await names();
    // Written behind the app's back: the kept copy does not see it.
    await t.db.updateTable("categories").set({ name_en: "Renamed behind the app" }).where("slug", "=", "animal-welfare").execute();
    expect(await names()).toEqual(before);
    expect(await createBody(t.db, admin, "categories", { slug: "night-markets", nameKo: "야시장", nameEn: "Night markets" })).toMatchObject({ ok: true });
    const after = await names();
    expect(after).toContain("Night markets");
    expect(after).toContain("Renamed behind the app");
    expect(after).toHaveLength(before.length + 1);
  });
});

describe("archiving", () => {
  async function committeeWithIdeas(slug: string, n: number) {
    const created = await createBody(t.db, admin, "committees", { slug, nameKo: `${slug} 위원회`, nameEn: `${slug} committee` });
    if (!created.ok) throw new Error(JSON.stringify(created));
    const author = await person(t.db);
    const ideas: number[] = [];
    for (let i = 0; i < n; i++) {
      const id = await createIdea(t.db, { author });
      // Set up directly: the idea is in this committee's care (fast-tracked to it).
      await t.db.updateTable("ideas").set({ status: i === 0 ? "in_deliberation" : "fast_tracked", committee_id: created.id }).where("id", "=", id).execute();
      ideas.push(id);
    }
    return { id: created.id, ideas, author };
  }

  it("a committee with ideas in its care asks where they go, then moves each as a reassignment, notified and on the timeline", async () => {
    const old = await committeeWithIdeas("old-board", 2);
    const [target] = await t.db.selectFrom("committees").select("id").where("slug", "=", "society-culture").execute();
    const asked = await archiveBody(t.db, admin, "committees", { id: String(old.id) });
    expect(asked).toMatchObject({ ok: false, status: 400, errors: { targetId: [{ key: "bodies.errors.chooseTarget", values: { count: 2 } }] } });
    expect((await t.db.selectFrom("committees").select("archived_at").where("id", "=", old.id).executeTakeFirstOrThrow()).archived_at).toBeNull();

    const done = await archiveBody(t.db, admin, "committees", { id: String(old.id), targetId: String(target.id), reason: "The board was merged into the society committee." });
    expect(done, JSON.stringify(done)).toMatchObject({ ok: true, moved: 2 });
    const rows = await t.db.selectFrom("ideas").select(["id", "status", "committee_id"]).where("id", "in", old.ideas).orderBy("id").execute();
    expect(rows.map((r) => [r.status, r.committee_id])).toEqual([
      ["in_deliberation", target.id],
      ["fast_tracked", target.id],
    ]);
    const events = await t.db.selectFrom("idea_events").select(["idea_id", "kind", "note"]).where("idea_id", "in", old.ideas).where("kind", "=", "reassigned_committee").execute();
    expect(events).toHaveLength(2);
    expect(events[0].note).toBe("The board was merged into the society committee.");
    const audits = await t.db.selectFrom("audit_log").select(["action", "target_id"]).where("action", "in", ["idea.reassign_committee", "bodies.archive"]).where("actor_id", "=", admin.id).execute();
    expect(audits.filter((a) => a.action === "idea.reassign_committee").map((a) => Number(a.target_id)).sort()).toEqual([...old.ideas].sort());
    expect(audits.some((a) => a.action === "bodies.archive" && Number(a.target_id) === old.id)).toBe(true);
    // The archived committee leaves the choosers, stays on its rows, and takes no reassignment.
    expect((await activeBodies(t.db, "committees")).map((c) => c.id)).not.toContain(old.id);
    expect((await bodiesFor(t.db, "committees", "old-board"))[0]).toMatchObject({ archived: true });
    const back = await reassign(t.db, admin, old.ideas[0], "committee", { targetId: String(old.id), reason: "Trying to send it back there." });
    expect(back).toMatchObject({ ok: false, errors: { targetId: expect.anything() } });
  });

  it("a failed reassignment rolls the whole archive back; an archived body is restored", async () => {
    const old = await committeeWithIdeas("fragile-board", 1);
    const refused = await archiveBody(t.db, admin, "committees", { id: String(old.id), targetId: "999999", reason: "Nowhere to go at all, really." });
    expect(refused).toMatchObject({ ok: false });
    expect(await t.db.selectFrom("ideas").select("committee_id").where("id", "=", old.ideas[0]).executeTakeFirstOrThrow()).toEqual({ committee_id: old.id });
    expect((await t.db.selectFrom("committees").select("archived_at").where("id", "=", old.id).executeTakeFirstOrThrow()).archived_at).toBeNull();
    const [category] = await bodiesFor(t.db, "categories");
    expect(await archiveBody(t.db, admin, "categories", { id: String(category.id) })).toMatchObject({ ok: true, moved: 0 });
    expect(await archiveBody(t.db, admin, "categories", { id: String(category.id) })).toMatchObject({ ok: false, status: 409 });
    expect(await restoreBody(t.db, admin, "categories", { id: String(category.id) })).toMatchObject({ ok: true });
  });

  it("an archived category is not offered to new ideas; ideas in it keep it", async () => {
    const author = await person(t.db);
    const id = await createIdea(t.db, { author, category: "culture" });
    const culture = await t.db.selectFrom("categories").select("id").where("slug", "=", "culture").executeTakeFirstOrThrow();
    expect(await archiveBody(t.db, admin, "categories", { id: String(culture.id) })).toMatchObject({ ok: true });
    expect((await formChoices(t.db)).categories.map((c) => c.id)).not.toContain(culture.id);
    expect(await t.db.selectFrom("ideas").select("category_id").where("id", "=", id).executeTakeFirstOrThrow()).toEqual({ category_id: culture.id });
    await expect(createIdea(t.db, { author, category: "culture" })).rejects.toThrow(/invalidChoice/);
    await restoreBody(t.db, admin, "categories", { id: String(culture.id) });
  });
});

describe("details", () => {
  it("an agency's kind, region and supervising office, and a committee's default categories, kept when the seed runs again", async () => {
    const [ministry, local] = await Promise.all([
      t.db.selectFrom("agencies").select("id").where("kind", "=", "ministry").orderBy("id").executeTakeFirstOrThrow(),
      t.db.selectFrom("agencies").select(["id", "kind"]).where("kind", "=", "local").orderBy("id").executeTakeFirstOrThrow(),
    ]);
    const saved = await setBodyDetails(t.db, admin, "agencies", { id: String(local.id), kind: "local", regionId: "1", supervisorId: String(ministry.id) });
    expect(saved, JSON.stringify(saved)).toMatchObject({ ok: true });
    expect(await setBodyDetails(t.db, admin, "agencies", { id: String(local.id), kind: "local", regionId: "1", supervisorId: String(local.id) })).toMatchObject({
      ok: false,
      status: 400,
      errors: { supervisorId: [{ key: "bodies.errors.ownSupervisor" }] },
    });
    const economy = await t.db.selectFrom("committees").select("id").where("slug", "=", "economy").executeTakeFirstOrThrow();
    const categories = await t.db.selectFrom("categories").select("id").where("archived_at", "is", null).orderBy("id").limit(2).execute();
    expect(await setBodyDetails(t.db, admin, "committees", { id: String(economy.id), categoryIds: categories.map((c) => c.id).join(",") })).toMatchObject({ ok: true });
    const archived = await committeeArchivedForSeedCheck();
    await seedReference(t.db);
    expect(await t.db.selectFrom("agencies").select(["region_id", "supervising_agency_id"]).where("id", "=", local.id).executeTakeFirstOrThrow()).toEqual({ region_id: 1, supervising_agency_id: ministry.id });
    const mine = await t.db.selectFrom("categories").select("id").where("default_committee_id", "=", economy.id).orderBy("id").execute();
    expect(mine.map((c) => c.id)).toEqual(categories.map((c) => c.id));
    expect((await t.db.selectFrom("committees").select("archived_at").where("id", "=", archived).executeTakeFirstOrThrow()).archived_at).not.toBeNull();
  });

  async function committeeArchivedForSeedCheck() {
    // A seeded committee (its slug is in the reference data), archived with nothing in its care.
    const seeded = await t.db.selectFrom("committees").select("id").where("slug", "=", "quarantine-healthcare").executeTakeFirstOrThrow();
    await t.db.updateTable("ideas").set({ committee_id: null, status: "open" }).where("committee_id", "=", seeded.id).where("status", "in", ["fast_tracked", "in_deliberation"]).execute();
    const result = await archiveBody(t.db, admin, "committees", { id: String(seeded.id) });
    if (!result.ok) throw new Error(JSON.stringify(result));
    return seeded.id;
  }
});
