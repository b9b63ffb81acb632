import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCampaign, updateCampaign } from "../../app/domain/campaigns/campaigns.server";
import { campaignChoices } from "../../app/domain/stats/queries.server";
import {
  allCampaigns,
  campaignBySlug,
  campaignForAdmin,
  campaignsByPhase,
  CLOSED_LIMIT,
} from "../../app/domain/campaigns/queries.server";
import type { IdeaStatus } from "../../db/schema";
import { createCampaign as insertCampaign, createIdea, createUser, support } from "../../db/factories";
import { person } from "../fixtures/roster";
import { openTestDatabase, type TestDatabase } from "./db";

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(() => t?.close());

async function idOf(table: "categories" | "committees", slug: string) {
  return (await t.db.selectFrom(table).select("id").where("slug", "=", slug).executeTakeFirstOrThrow()).id;
}

async function auditCount() {
  const row = await t.db.selectFrom("audit_log").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  return Number(row.n);
}

async function campaignCount() {
  const row = await t.db.selectFrom("campaigns").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  return Number(row.n);
}

let counter = 0;
function form(extra: Record<string, string> = {}): Record<string, string> {
  counter += 1;
  return {
    slug: `call-${counter}-${Date.now().toString(36)}`,
    titleKo: "청년 주거 공모",
    titleEn: "Youth housing",
    descriptionKo: "**청년**의 주거 문제",
    descriptionEn: "Housing for **young people**",
    categoryId: "",
    regionId: "",
    committeeId: "",
    opensAt: "2026-03-01T09:00",
    closesAt: "2026-03-31T18:00",
    supportThreshold: "100",
    supportWindowDays: "30",
    ...extra,
  };
}

/** An idea row as the submit use case would leave it; only what the campaign queries read matters. */
async function insertIdea(campaignId: number, status: IdeaStatus) {
  const author = await createUser(t.db);
  await t.db
    .insertInto("ideas")
    .values({
      author_id: author.id,
      title: `Idea ${status}`,
      body: "A proposal long enough to be a real one, for the test.",
      body_html: "<p>A proposal</p>",
      excerpt: "A proposal",
      category_id: await idOf("categories", "housing"),
      campaign_id: campaignId,
      status,
      support_threshold: 5,
      support_window_days: 30,
      support_ends_at: new Date(Date.now() + 86_400_000),
      search_vector: sql<string>`to_tsvector('simple', 'proposal')`,
    })
    .execute();
}

describe("creating and changing calls for ideas", () => {
  it("an admin creates a call: stored in Korea time, logged with who did it", async () => {
    const admin = await person(t.db, { roles: [{ role: "admin" }] });
    const housing = await idOf("categories", "housing");
    const economy = await idOf("committees", "economy");
    const values = form({ categoryId: String(housing), committeeId: String(economy), regionId: "1" });
    const result = await createCampaign(t.db, admin, values);
    expect(result).toMatchObject({ ok: true, slug: values.slug });
    if (!result.ok) return;
    const row = await campaignForAdmin(t.db, result.campaignId);
    expect(row).toMatchObject({
      slug: values.slug,
      title_ko: "청년 주거 공모",
      description_en: "Housing for **young people**",
      category_id: housing,
      committee_id: economy,
      region_id: 1,
      support_threshold: 100,
      support_window_days: 30,
    });
    expect(new Date(row!.opens_at).toISOString()).toBe("2026-03-01T00:00:00.000Z");
    expect(new Date(row!.closes_at).toISOString()).toBe("2026-03-31T09:00:00.000Z");
    const log = await t.db
      .selectFrom("audit_log")
      .selectAll()
      .where("target_type", "=", "campaign")
      .where("target_id", "=", String(result.campaignId))
      .execute();
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ actor_id: admin.id, action: "campaign.create" });
    expect(log[0].details).toMatchObject({ slug: values.slug });
  });

  it("the statistics' choice of calls shows a call an admin has just created, though each process keeps the list a few seconds", async () => {
    const admin = await person(t.db, { roles: [{ role: "admin" }] });
    await campaignChoices(t.db);
    const values = form();
    expect(await createCampaign(t.db, admin, values)).toMatchObject({ ok: true });
    expect((await campaignChoices(t.db)).map((c) => c.slug)).toContain(values.slug);
  });

  it("an admin updates a call; the change is logged with the fields that changed", async () => {
    const admin = await person(t.db, { roles: [{ role: "admin" }] });
    const created = await createCampaign(t.db, admin, form());
    if (!created.ok) throw new Error("create failed");
    const values = form({ titleEn: "Homes for the young", supportThreshold: "250", closesAt: "2026-04-30T18:00" });
    const result = await updateCampaign(t.db, admin, created.campaignId, values);
    expect(result).toMatchObject({ ok: true, campaignId: created.campaignId, slug: values.slug });
    const row = await campaignForAdmin(t.db, created.campaignId);
    expect(row).toMatchObject({ slug: values.slug, title_en: "Homes for the young", support_threshold: 250 });
    expect(new Date(row!.closes_at).toISOString()).toBe("2026-04-30T09:00:00.000Z");
    const log = await t.db
      .selectFrom("audit_log")
      .selectAll()
      .where("target_type", "=", "campaign")
      .where("target_id", "=", String(created.campaignId))
      .orderBy("id")
      .execute();
    expect(log.map((l) => l.action)).toEqual(["campaign.create", "campaign.update"]);
    expect(log[1]).toMatchObject({ actor_id: admin.id });
    expect((log[1].details as { changed: string[] }).changed.sort()).toEqual(["closes_at", "slug", "support_threshold", "title_en"]);

    // Saving again without a change writes nothing more.
    expect((await updateCampaign(t.db, admin, created.campaignId, values)).ok).toBe(true);
    const again = await t.db.selectFrom("audit_log").select("id").where("target_id", "=", String(created.campaignId)).where("target_type", "=", "campaign").execute();
    expect(again).toHaveLength(2);
  });

  it("refuses citizens, moderators, committee chairs, suspended admins and visitors, and writes nothing", async () => {
    const admin = await person(t.db, { roles: [{ role: "admin" }] });
    const existing = await createCampaign(t.db, admin, form());
    if (!existing.ok) throw new Error("create failed");
    const before = { audit: await auditCount(), campaigns: await campaignCount(), row: await campaignForAdmin(t.db, existing.campaignId) };
    const suspendedAdmin = { ...(await person(t.db, { roles: [{ role: "admin" }] })), suspendedUntil: new Date(Date.now() + 86_400_000) };
    for (const actor of [
      await person(t.db, {}),
      await person(t.db, { roles: [{ role: "moderator" }] }),
      await person(t.db, { roles: [{ role: "committee_chair", committee: "economy" }] }),
      suspendedAdmin,
    ]) {
      // A suspended admin is told why: the suspension, not a missing role.
      const key = actor === suspendedAdmin ? "errors.suspended" : "errors.forbidden";
      expect(await createCampaign(t.db, actor, form())).toMatchObject({ ok: false, status: 403, errors: { _form: [{ key }] } });
      expect(await updateCampaign(t.db, actor, existing.campaignId, form({ titleEn: "Hijacked" }))).toMatchObject({ ok: false, status: 403 });
    }
    expect(await createCampaign(t.db, null, form())).toMatchObject({ ok: false, status: 401 });
    expect(await updateCampaign(t.db, null, existing.campaignId, form())).toMatchObject({ ok: false, status: 401 });
    expect(await auditCount()).toBe(before.audit);
    expect(await campaignCount()).toBe(before.campaigns);
    expect(await campaignForAdmin(t.db, existing.campaignId)).toEqual(before.row);
  });

  it("refuses a slug another call uses, with an error on the slug field", async () => {
    const admin = await person(t.db, { roles: [{ role: "admin" }] });
    const first = form();
    const created = await createCampaign(t.db, admin, first);
    const other = await createCampaign(t.db, admin, form());
    if (!created.ok || !other.ok) throw new Error("create failed");
    const before = { audit: await auditCount(), campaigns: await campaignCount() };

    const duplicate = await createCampaign(t.db, admin, form({ slug: first.slug }));
    expect(duplicate).toEqual({ ok: false, status: 400, errors: { slug: [{ key: "adminCampaigns.errors.slugTaken" }] } });
    const renamed = await updateCampaign(t.db, admin, other.campaignId, form({ slug: first.slug }));
    expect(renamed).toEqual({ ok: false, status: 400, errors: { slug: [{ key: "adminCampaigns.errors.slugTaken" }] } });
    expect(await auditCount()).toBe(before.audit);
    expect(await campaignCount()).toBe(before.campaigns);

    // Keeping its own slug is not a conflict.
    expect((await updateCampaign(t.db, admin, created.campaignId, form({ slug: first.slug, titleEn: "Renamed" }))).ok).toBe(true);
  });

  it("two admins creating the same slug at once: one call, one error", async () => {
    const admin = await person(t.db, { roles: [{ role: "admin" }] });
    const values = form();
    const results = await Promise.all([createCampaign(t.db, admin, values), createCampaign(t.db, admin, values)]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toMatchObject({ errors: { slug: [{ key: "adminCampaigns.errors.slugTaken" }] } });
    const rows = await t.db.selectFrom("campaigns").select("id").where("slug", "=", values.slug).execute();
    expect(rows).toHaveLength(1);
  });

  it("two admins renaming two calls to the same slug at once: one succeeds, one gets the field error", async () => {
    const admin = await person(t.db, { roles: [{ role: "admin" }] });
    const a = await createCampaign(t.db, admin, form());
    const b = await createCampaign(t.db, admin, form());
    if (!a.ok || !b.ok) throw new Error("create failed");
    const slug = `renamed-${Date.now().toString(36)}`;
    const results = await Promise.all([
      updateCampaign(t.db, admin, a.campaignId, form({ slug })),
      updateCampaign(t.db, admin, b.campaignId, form({ slug })),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toEqual({ ok: false, status: 400, errors: { slug: [{ key: "adminCampaigns.errors.slugTaken" }] } });
    const rows = await t.db.selectFrom("campaigns").select("id").where("slug", "=", slug).execute();
    expect(rows).toHaveLength(1);
  });

  it("reports bad input and unknown choices next to the fields", async () => {
    const admin = await person(t.db, { roles: [{ role: "admin" }] });
    const before = await campaignCount();
    expect(await createCampaign(t.db, admin, form({ slug: "Bad Slug", closesAt: "2026-02-01T00:00" }))).toMatchObject({
      ok: false,
      status: 400,
      errors: { slug: [{ key: "adminCampaigns.errors.slug" }], closesAt: [{ key: "adminCampaigns.errors.dates" }] },
    });
    expect(await createCampaign(t.db, admin, form({ categoryId: "99999", regionId: "999", committeeId: "99999" }))).toEqual({
      ok: false,
      status: 400,
      errors: {
        categoryId: [{ key: "errors.invalidChoice" }],
        regionId: [{ key: "errors.invalidChoice" }],
        committeeId: [{ key: "errors.invalidChoice" }],
      },
    });
    expect(await updateCampaign(t.db, admin, 99_999_999, form())).toMatchObject({ ok: false, status: 404 });
    expect(await campaignCount()).toBe(before);
  });
});

describe("reading calls for ideas", () => {
  const now = new Date("2031-06-15T03:00:00Z");
  const day = 86_400_000;
  const at = (days: number) => new Date(now.getTime() + days * day);

  it("sorts calls into open, upcoming and closed at a given time", async () => {
    const tag = Date.now().toString(36);
    const open = await insertCampaign(t.db, { slug: `open-${tag}`, opensAt: at(-10), closesAt: at(5) });
    const openingNow = await insertCampaign(t.db, { slug: `opening-${tag}`, opensAt: now, closesAt: at(1) });
    const upcoming = await insertCampaign(t.db, { slug: `upcoming-${tag}`, opensAt: at(3), closesAt: at(30) });
    const closedNow = await insertCampaign(t.db, { slug: `closing-${tag}`, opensAt: at(-30), closesAt: now });
    const closedEarlier = await insertCampaign(t.db, { slug: `closed-${tag}`, opensAt: at(-60), closesAt: at(-20) });

    const phases = await campaignsByPhase(t.db, now);
    const slugs = (list: { slug: string }[]) => list.map((c) => c.slug);
    expect(slugs(phases.open)).toEqual(expect.arrayContaining([open.slug, openingNow.slug]));
    expect(slugs(phases.open).indexOf(openingNow.slug)).toBeLessThan(slugs(phases.open).indexOf(open.slug));
    expect(slugs(phases.upcoming)).toContain(upcoming.slug);
    // Closed: the most recently closed first (these close after every other call in this file).
    expect(slugs(phases.closed).slice(0, 2)).toEqual([closedNow.slug, closedEarlier.slug]);
    for (const c of [open, openingNow, upcoming, closedNow, closedEarlier]) {
      const where = (["open", "upcoming", "closed"] as const).filter((p) => slugs(phases[p]).includes(c.slug));
      expect(where, c.slug).toHaveLength(1);
    }
    expect(phases.closed.length).toBeLessThanOrEqual(CLOSED_LIMIT);

    const admin = await allCampaigns(t.db, now);
    expect(admin.find((c) => c.slug === upcoming.slug)?.phase).toBe("upcoming");
    expect(admin.find((c) => c.slug === closedNow.slug)?.phase).toBe("closed");
    expect(admin.find((c) => c.slug === openingNow.slug)?.phase).toBe("open");
  });

  it("shows at most the 50 most recently closed calls", async () => {
    for (let i = 0; i < CLOSED_LIMIT + 2; i++) {
      await insertCampaign(t.db, { opensAt: at(-400 - i), closesAt: at(-300 - i) });
    }
    const { closed } = await campaignsByPhase(t.db, now);
    expect(closed).toHaveLength(CLOSED_LIMIT);
    const times = closed.map((c) => new Date(c.closes_at).getTime());
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it("gives a plain-text excerpt of the description, not its Markdown", async () => {
    const c = await insertCampaign(t.db, { descriptionEn: "**Bold** and <script>x()</script> [link](https://example.org)", opensAt: at(-1), closesAt: at(1) });
    const { open } = await campaignsByPhase(t.db, now);
    const found = open.find((o) => o.slug === c.slug)!;
    expect(found.excerpt_en).toBe("Bold and link");
    expect(found).not.toHaveProperty("description_en");
  });

  it("finds a call by its slug with its names and counts only its public ideas", async () => {
    const region = await t.db.selectFrom("regions").select(["id", "name_en"]).orderBy("id").executeTakeFirstOrThrow();
    const c = await insertCampaign(t.db, { regionId: region.id, category: "housing", committee: "society-culture" });
    for (const status of ["open", "open", "fast_tracked", "answered", "pending", "rejected", "withdrawn"] as const) {
      await insertIdea(c.id, status);
    }
    const other = await insertCampaign(t.db);
    await insertIdea(other.id, "open");

    const page = await campaignBySlug(t.db, c.slug);
    expect(page).toMatchObject({
      id: c.id,
      slug: c.slug,
      region_en: region.name_en,
      category_en: "Housing",
      committee_slug: "society-culture",
      idea_count: 4,
    });
    expect(await campaignBySlug(t.db, "no-such-call")).toBeNull();
    expect(await campaignBySlug(t.db, "x".repeat(500))).toBeNull();
  });

  it("sends a themed call's ideas to the committee its page names, whatever category each author chose", async () => {
    // Health's committee is quarantine-healthcare; transport's is local-safety.
    const themed = await insertCampaign(t.db, { category: "health", threshold: 1 });
    const page = await campaignBySlug(t.db, themed.slug);
    expect(page?.committee_slug).toBe("quarantine-healthcare");
    const author = await createUser(t.db);
    const ideaId = await createIdea(t.db, { author, campaignId: themed.id, category: "transport" });
    await t.db.updateTable("ideas").set({ status: "open" }).where("id", "=", ideaId).where("status", "=", "pending").execute();
    await support(t.db, (await createUser(t.db)).id, ideaId);
    const idea = await t.db
      .selectFrom("ideas")
      .innerJoin("committees", "committees.id", "ideas.committee_id")
      .select(["ideas.status", "committees.slug"])
      .where("ideas.id", "=", ideaId)
      .executeTakeFirstOrThrow();
    expect(idea).toEqual({ status: "fast_tracked", slug: page?.committee_slug });
    // A call with no theme and no committee names none; its ideas go by their own category.
    const open = await insertCampaign(t.db, { threshold: 1 });
    expect((await campaignBySlug(t.db, open.slug))?.committee_slug).toBeNull();
    const other = await createIdea(t.db, { author, campaignId: open.id, category: "transport" });
    await t.db.updateTable("ideas").set({ status: "open" }).where("id", "=", other).where("status", "=", "pending").execute();
    await support(t.db, (await createUser(t.db)).id, other);
    const routed = await t.db.selectFrom("ideas").innerJoin("committees", "committees.id", "ideas.committee_id").select("committees.slug").where("ideas.id", "=", other).executeTakeFirstOrThrow();
    expect(routed.slug).toBe("local-safety");
  });

  it("names the theme's committee when the call has none, and nothing when it has no theme", async () => {
    const themed = await insertCampaign(t.db, { category: "health" });
    expect(await campaignBySlug(t.db, themed.slug)).toMatchObject({ committee_slug: "quarantine-healthcare", region_en: null, idea_count: 0 });
    const open = await insertCampaign(t.db);
    expect(await campaignBySlug(t.db, open.slug)).toMatchObject({ committee_slug: null, category_en: null, idea_count: 0 });
  });
});
