import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { editIdea, setFollow, submitIdea, withdrawIdea } from "../../app/domain/ideas/ideas.server";
import { DEFAULT_STATUSES, parseListParams } from "../../app/domain/ideas/list";
import { searchQuery } from "../../app/domain/ideas/search";
import { ideaWithReader, listIdeas, similarIdeas } from "../../app/domain/ideas/queries.server";
import { supportIdea, withdrawSupport } from "../../app/domain/ideas/supports.server";
import { refreshTrending } from "../../app/jobs/jobs.server";
import { runDueJobs } from "../../app/jobs/scheduler.server";
import { citizenActor, createCampaign, createIdea, createUser, support } from "../../db/factories";
import { person } from "../fixtures/roster";
import { openTestDatabase, type TestDatabase } from "./db";

let t: TestDatabase;
let categoryId: number;
beforeAll(async () => {
  t = await openTestDatabase();
  categoryId = (await t.db.selectFrom("categories").select("id").where("slug", "=", "transport").executeTakeFirstOrThrow()).id;
});
afterAll(() => t?.close());

const DAY = 86_400_000;
const BODY = "A proposal long enough to pass the thirty character minimum.";

const citizen = (spec: Parameters<typeof person>[1] = {}) => person(t.db, spec);

function input(extra: Record<string, string> = {}) {
  return { title: "Cheaper buses for everyone", body: BODY, categoryId: String(categoryId), regionId: "", campaignId: "", ...extra };
}

async function counts(ideaId: number) {
  const idea = await t.db.selectFrom("ideas").select(["support_count", "status"]).where("id", "=", ideaId).executeTakeFirstOrThrow();
  const rows = await t.db.selectFrom("supports").select((eb) => eb.fn.countAll<number>().as("n")).where("idea_id", "=", ideaId).executeTakeFirstOrThrow();
  const regions = await t.db
    .selectFrom("idea_support_regions")
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>("supports"), sql<number>`0`).as("n"))
    .where("idea_id", "=", ideaId)
    .executeTakeFirstOrThrow();
  return { counter: idea.support_count, rows: rows.n, regions: Number(regions.n), status: idea.status };
}

describe("submitting an idea", () => {
  it("opens it with a support window; the author supports and follows it; the timeline starts", async () => {
    const author = await citizen();
    const now = new Date();
    const result = await submitIdea(t.db, author, input({ title: "  Cheaper   buses for everyone " }), now);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const idea = await t.db.selectFrom("ideas").selectAll().where("id", "=", result.ideaId).executeTakeFirstOrThrow();
    expect(idea).toMatchObject({ status: "open", title: "Cheaper buses for everyone", support_count: 1, support_threshold: 50, support_window_days: 30 });
    expect(new Date(idea.support_ends_at!).getTime()).toBe(now.getTime() + 30 * DAY);
    expect(idea.body_html).toContain("<p>");
    const page = await ideaWithReader(t.db, result.ideaId, author);
    expect(page).toMatchObject({ supports: true, follows: true });
    expect(page!.events.map((e) => e.kind)).toEqual(["submitted"]);
    expect(await counts(result.ideaId)).toMatchObject({ counter: 1, rows: 1, regions: 1 });
  });

  it("refuses bad input with a message per field and stores nothing", async () => {
    const author = await citizen();
    const result = await submitIdea(t.db, author, { title: "Hi", body: "too short", categoryId: "x", regionId: "99", campaignId: "abc" });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.title?.[0].key).toBe("ideas.errors.titleLength");
    expect(result.errors.body?.[0].key).toBe("ideas.errors.bodyLength");
    expect(result.errors.categoryId).toBeDefined();
    expect(result.errors.campaignId).toBeDefined();
    const unknownRegion = await submitIdea(t.db, author, input({ regionId: "99" }));
    expect(unknownRegion).toMatchObject({ ok: false, errors: { regionId: [{ key: "errors.invalidChoice" }] } });
    const mine = await t.db.selectFrom("ideas").select("id").where("author_id", "=", author.id).execute();
    expect(mine).toHaveLength(0);
  });

  it("is for verified, unsuspended citizens only", async () => {
    expect(await submitIdea(t.db, null, input())).toMatchObject({ ok: false, status: 401 });
    expect(await submitIdea(t.db, await citizen({ verified: false }), input())).toMatchObject({ ok: false, status: 403 });
    const suspended = await citizen({ suspended: true });
    expect(await submitIdea(t.db, suspended, input())).toMatchObject({ ok: false, status: 403 });
  });

  it("takes the threshold and window of an open campaign, and its region when none is given", async () => {
    const author = await citizen();
    const campaign = await createCampaign(t.db, { threshold: 7, windowDays: 10, regionId: 2 });
    const result = await submitIdea(t.db, author, input({ campaignId: String(campaign.id) }));
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const idea = await t.db.selectFrom("ideas").selectAll().where("id", "=", result.ideaId).executeTakeFirstOrThrow();
    expect(idea).toMatchObject({ support_threshold: 7, support_window_days: 10, region_id: 2, campaign_id: campaign.id });
    const wrongRegion = await submitIdea(t.db, author, input({ campaignId: String(campaign.id), regionId: "3" }));
    expect(wrongRegion).toMatchObject({ ok: false, errors: { regionId: [{ key: "ideas.errors.campaignRegion" }] } });
    const closed = await createCampaign(t.db, { opensAt: new Date(Date.now() - 10 * DAY), closesAt: new Date(Date.now() - DAY) });
    expect(await submitIdea(t.db, author, input({ campaignId: String(closed.id) }))).toMatchObject({
      ok: false,
      errors: { campaignId: [{ key: "ideas.errors.campaignClosed" }] },
    });
  });

  it("allows five ideas per 24 hours, even when they are sent at once", async () => {
    const author = await citizen();
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => submitIdea(t.db, author, input({ title: `Parallel idea number ${i}` }))));
    expect(results.filter((r) => r.ok)).toHaveLength(5);
    expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.status === 429)).toBe(true);
    const tomorrow = new Date(Date.now() + DAY + 60_000);
    expect((await submitIdea(t.db, author, input(), tomorrow)).ok).toBe(true);
  });
});

describe("editing and withdrawing", () => {
  it("the author edits while fewer than 10 others support it, then no more", async () => {
    const author = await citizen();
    const ideaId = await createIdea(t.db, { author, title: "An idea to be edited later" });
    expect((await editIdea(t.db, author, ideaId, { title: "An edited idea title", body: BODY })).ok).toBe(true);
    const other = await citizen();
    expect(await editIdea(t.db, other, ideaId, { title: "Vandalised title!", body: BODY })).toMatchObject({ ok: false, status: 403 });
    for (let i = 0; i < 9; i++) await support(t.db, (await createUser(t.db)).id, ideaId);
    expect((await editIdea(t.db, author, ideaId, { title: "Still editable title", body: BODY })).ok).toBe(true);
    await support(t.db, (await createUser(t.db)).id, ideaId);
    expect(await editIdea(t.db, author, ideaId, { title: "Too late to change", body: BODY })).toMatchObject({ ok: false, status: 409 });
    const idea = await t.db.selectFrom("ideas").select(["title", "edited_at"]).where("id", "=", ideaId).executeTakeFirstOrThrow();
    expect(idea.title).toBe("Still editable title");
    expect(idea.edited_at).not.toBeNull();
  });

  it("the author withdraws an open idea; it then takes no support; nobody else can withdraw it", async () => {
    const author = await citizen();
    const ideaId = await createIdea(t.db, { author });
    expect(await withdrawIdea(t.db, await citizen(), ideaId, {})).toMatchObject({ ok: false, status: 403 });
    expect((await withdrawIdea(t.db, author, ideaId, { note: "Merged my thoughts elsewhere" })).ok).toBe(true);
    expect(await withdrawIdea(t.db, author, ideaId, {})).toMatchObject({ ok: false, status: 409 });
    expect(await supportIdea(t.db, await citizen(), ideaId)).toMatchObject({ ok: false, status: 409 });
    const page = await ideaWithReader(t.db, ideaId, null);
    expect(page!.events.at(-1)).toMatchObject({ kind: "status", from_status: "open", to_status: "withdrawn", note: "Merged my thoughts elsewhere" });
  });
});

describe("supports", () => {
  it("support and withdrawal move every counter, and supporting twice counts once", async () => {
    const ideaId = await createIdea(t.db, { author: await citizen() });
    const actor = await citizen();
    await t.db.updateTable("users").set({ home_region_id: 5 }).where("id", "=", actor.id).execute();
    expect(await supportIdea(t.db, actor, ideaId)).toMatchObject({ ok: true, supportCount: 2, supported: true });
    expect(await supportIdea(t.db, actor, ideaId)).toMatchObject({ ok: true, supportCount: 2 });
    const region = await t.db.selectFrom("idea_support_regions").selectAll().where("idea_id", "=", ideaId).where("region_id", "=", 5).executeTakeFirstOrThrow();
    expect(region.supports).toBe(1);
    expect(await withdrawSupport(t.db, actor, ideaId)).toMatchObject({ ok: true, supportCount: 1, supported: false });
    expect(await withdrawSupport(t.db, actor, ideaId)).toMatchObject({ ok: true, supportCount: 1 });
    expect(await counts(ideaId)).toMatchObject({ counter: 1, rows: 1, regions: 1 });
  });

  it("200 citizens supporting at once: 200 supports stored and counted, exactly", async () => {
    const campaign = await createCampaign(t.db, { threshold: 1000 });
    const ideaId = await createIdea(t.db, { author: await citizen(), campaignId: campaign.id });
    const users = await Promise.all(Array.from({ length: 200 }, () => createUser(t.db)));
    const results = await Promise.all(users.map((u) => supportIdea(t.db, citizenActor(u.id), ideaId)));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(await counts(ideaId)).toMatchObject({ counter: 201, rows: 201, regions: 201 });
  });

  it("one citizen double-submitting 20 times at once: exactly one support", async () => {
    const ideaId = await createIdea(t.db, { author: await citizen() });
    const actor = await citizen();
    const results = await Promise.all(Array.from({ length: 20 }, () => supportIdea(t.db, actor, ideaId)));
    expect(results.every((r) => r.ok)).toBe(true);
    const mine = await t.db.selectFrom("supports").select("user_id").where("idea_id", "=", ideaId).where("user_id", "=", actor.id).execute();
    expect(mine).toHaveLength(1);
    expect(await counts(ideaId)).toMatchObject({ counter: 2, rows: 2 });
  });

  it("records the moment the threshold is reached once, in the support that reached it", async () => {
    const campaign = await createCampaign(t.db, { threshold: 5 });
    const ideaId = await createIdea(t.db, { author: await citizen(), campaignId: campaign.id });
    const users = await Promise.all(Array.from({ length: 10 }, () => createUser(t.db)));
    const results = await Promise.all(users.map((u) => supportIdea(t.db, citizenActor(u.id), ideaId)));
    expect(results.filter((r) => r.ok && r.reachedThreshold)).toHaveLength(1);
    const events = await t.db.selectFrom("idea_events").selectAll().where("idea_id", "=", ideaId).where("kind", "=", "threshold_reached").execute();
    expect(events).toHaveLength(1);
    expect(events[0].note).toBe("5");
    const idea = await t.db.selectFrom("ideas").select("threshold_reached_at").where("id", "=", ideaId).executeTakeFirstOrThrow();
    expect(idea.threshold_reached_at).not.toBeNull();
  });

  it("takes no support after the window closes, and none from unverified accounts or visitors", async () => {
    const ideaId = await createIdea(t.db, { author: await citizen(), createdAt: new Date(Date.now() - 31 * DAY) });
    expect(await supportIdea(t.db, await citizen(), ideaId)).toMatchObject({ ok: false, status: 409 });
    const fresh = await createIdea(t.db, { author: await citizen() });
    expect(await supportIdea(t.db, await citizen({ verified: false }), fresh)).toMatchObject({ ok: false, status: 403 });
    expect(await supportIdea(t.db, null, fresh)).toMatchObject({ ok: false, status: 401 });
    expect(await supportIdea(t.db, await citizen(), 987654321)).toMatchObject({ ok: false, status: 404 });
    expect(await counts(fresh)).toMatchObject({ counter: 1, rows: 1 });
  });

  it("follow and unfollow", async () => {
    const ideaId = await createIdea(t.db, { author: await citizen() });
    const actor = await citizen();
    expect(await setFollow(t.db, actor, ideaId, true)).toMatchObject({ ok: true, following: true });
    expect((await ideaWithReader(t.db, ideaId, actor))!.follows).toBe(true);
    await setFollow(t.db, actor, ideaId, false);
    expect((await ideaWithReader(t.db, ideaId, actor))!.follows).toBe(false);
  });
});

describe("finding ideas", () => {
  const ids: Record<string, number> = {};
  beforeAll(async () => {
    const author = await citizen();
    const make = async (key: string, title: string, body = BODY) => {
      ids[key] = await createIdea(t.db, { author: await citizen(), title, body });
    };
    await make("carbon", "탄소중립 실천 방안", "공공기관부터 에너지를 아끼고 재생에너지를 늘리는 구체적인 방안을 제안합니다.");
    await make("transit", "대중교통 요금을 낮춰 주세요", "출퇴근 교통비 부담을 줄이기 위해 요금 인하와 환승 할인 확대를 요청합니다.");
    await make("english", "Public transit fares", "Lower fares on buses and the metro would help families and the climate alike.");
    await make("other", "도서관 운영 시간 연장", "야간에도 공부할 수 있도록 공공 도서관 운영 시간을 늘려 주세요. 탄소 이야기는 없습니다.");
    void author;
  });

  const search = (q: string) => listIdeas(t.db, parseListParams(new URLSearchParams({ q })));

  it("finds Korean compounds by a part, and words with particles", async () => {
    const carbon = await search("탄소");
    expect(carbon.ideas.map((i) => i.id)).toContain(ids.carbon);
    expect(carbon.ideas[0].id).toBe(ids.carbon); // a title match ranks above a body match
    const transit = await search("대중교통");
    expect(transit.ideas.map((i) => i.id)).toContain(ids.transit);
    expect(transit.ideas.map((i) => i.id)).not.toContain(ids.other);
    expect((await search("요금")).ideas.map((i) => i.id)).toEqual(expect.arrayContaining([ids.transit]));
  });

  it("finds English words, also by their beginning", async () => {
    const result = await search("transit");
    expect(result.ideas.map((i) => i.id)).toContain(ids.english);
    expect((await search("TRANS")).ideas.map((i) => i.id)).toContain(ids.english);
    expect((await search("nothing-like-this-anywhere")).ideas).toEqual([]);
  });

  it("ignores punctuation and query syntax instead of failing", async () => {
    for (const q of ["'; drop table ideas; --", "a & b | !c", "(((", ":*", "<->", "\u0000"]) {
      await expect(search(q)).resolves.toBeDefined();
    }
  });

  it("suggests similar ideas while a title is typed, not ideas that only share a common ending", async () => {
    const similar = await similarIdeas(t.db, "대중교통 요금 인하");
    expect(similar[0].id).toBe(ids.transit);
    expect((await similarIdeas(t.db, "대중교통"))[0].id).toBe(ids.transit);
    const unrelated = await similarIdeas(t.db, "학교 급식을 무상으로 해 주세요");
    expect(unrelated.map((i) => i.id)).not.toContain(ids.transit);
    expect((await similarIdeas(t.db, "Public transit fares for all")).map((i) => i.id)).toContain(ids.english);
    expect(await similarIdeas(t.db, "")).toEqual([]);
  });

  it("suggests what comparing the text with every idea would, whether many titles are close or few", async () => {
    const places = ["Seoul", "Busan", "Incheon", "Daegu", "Gwangju", "Ulsan"];
    const shade: number[] = [];
    for (const place of places) shade.push(await createIdea(t.db, { author: await person(t.db), title: `Shade trees for every bus stop in ${place}` }));
    await t.db.updateTable("ideas").set({ status: "open" }).where("id", "in", shade).execute();
    // The definition, asked of every idea at once: a shared word piece, and a title at least 0.3
    // close (pg_trgm) or every word in the idea; the closest first, then the most supported, then the newest.
    const closeness = (text: string) => sql`greatest(similarity(title, ${text}), word_similarity(${text}, title))`;
    const expected = async (text: string) =>
      (
        await sql<{ id: number }>`SELECT id FROM ideas
          WHERE search_vector @@ to_tsquery('simple', ${searchQuery(text, "any")})
            AND (${closeness(text)} >= 0.3::real OR search_vector @@ to_tsquery('simple', ${searchQuery(text, "all")}))
            AND status IN (${sql.join(DEFAULT_STATUSES)}) AND hidden_at IS NULL
          ORDER BY ${closeness(text)} DESC, support_count DESC, id DESC LIMIT 5`.execute(t.db)
      ).rows.map((r) => r.id);
    const closeAt = async (text: string, at: number) =>
      (await sql<{ n: number }>`SELECT count(*)::int AS n FROM ideas WHERE id IN (${sql.join(shade)}) AND ${closeness(text)} >= ${at}::real`.execute(t.db)).rows[0].n;
    // Six titles 0.6 close to the first text (more than the five suggested), one to the second,
    // none to the third.
    expect(await closeAt("Shade trees for every bus stop", 0.6)).toBe(6);
    expect(await closeAt("Seoul bus stop shade", 0.6)).toBe(1);
    expect(await closeAt("Shade trees in Busan", 0.6)).toBe(0);
    for (const text of ["Shade trees for every bus stop", "Seoul bus stop shade", "Shade trees in Busan"]) {
      const suggested = (await similarIdeas(t.db, text)).map((i) => i.id);
      expect(suggested, text).toEqual(await expected(text));
      expect(suggested.length, text).toBeGreaterThan(0);
    }
  });
});

describe("the list", () => {
  it("pages through every idea once with keyset cursors, in each sort", async () => {
    for (const sort of ["new", "top", "trending", "closing"]) {
      const seen: number[] = [];
      let cursor: string | null = null;
      for (let i = 0; i < 50; i++) {
        const params = parseListParams(new URLSearchParams({ sort, ...(cursor ? { cursor } : {}) }));
        const page = await listIdeas(t.db, params);
        seen.push(...page.ideas.map((idea) => idea.id));
        cursor = page.nextCursor;
        if (!cursor) break;
      }
      expect(new Set(seen).size).toBe(seen.length);
      const expected = await t.db
        .selectFrom("ideas")
        .select("id")
        .where("status", "in", sort === "closing" ? ["open"] : ["open", "expired", "fast_tracked", "in_deliberation", "closed", "under_review", "answered", "implementing", "implemented"])
        .where((eb) => (sort === "closing" ? eb("support_ends_at", ">", new Date()) : eb.lit(true)))
        .execute();
      expect(seen.sort()).toEqual(expected.map((r) => r.id).sort());
    }
  });

  it("keeps withdrawn ideas out of the default list but shows them when asked", async () => {
    const author = await citizen();
    const ideaId = await createIdea(t.db, { author, title: "To be withdrawn soon" });
    await withdrawIdea(t.db, author, ideaId, {});
    const all = async (status?: string) => {
      const page = await listIdeas(t.db, parseListParams(new URLSearchParams({ sort: "new", ...(status ? { status } : {}) })));
      return page.ideas.map((i) => i.id);
    };
    expect(await all()).not.toContain(ideaId);
    expect(await all("withdrawn")).toContain(ideaId);
  });

  it("sorts by support gained in the last 72 hours once the trending job has run", async () => {
    const old = await createIdea(t.db, { author: await citizen(), title: "Old but popular idea", createdAt: new Date(Date.now() - 10 * DAY) });
    for (let i = 0; i < 6; i++) await support(t.db, (await createUser(t.db)).id, old, new Date(Date.now() - 9 * DAY));
    const hot = await createIdea(t.db, { author: await citizen(), title: "New and rising idea" });
    for (let i = 0; i < 3; i++) await support(t.db, (await createUser(t.db)).id, hot);
    await refreshTrending.run(t.db, new Date());
    const scores = await t.db.selectFrom("ideas").select(["id", "trending_score"]).where("id", "in", [old, hot]).execute();
    expect(Object.fromEntries(scores.map((s) => [s.id, s.trending_score]))).toEqual({ [old]: 0, [hot]: 4 });
    const page = await listIdeas(t.db, parseListParams(new URLSearchParams({ sort: "trending" })));
    expect(page.ideas.findIndex((i) => i.id === hot)).toBeLessThan(page.ideas.findIndex((i) => i.id === old) === -1 ? 999 : page.ideas.findIndex((i) => i.id === old));
    // Four days on, with no support since, the rising idea trends no more.
    await refreshTrending.run(t.db, new Date(Date.now() + 4 * DAY));
    const later = await t.db.selectFrom("ideas").select("trending_score").where("id", "=", hot).executeTakeFirstOrThrow();
    expect(later.trending_score).toBe(0);
  });
});

describe("the scheduler", () => {
  it("runs a due job once even when two processes tick at the same moment, and not again within its period", async () => {
    let runs = 0;
    const job = { name: `test-job-${Date.now()}`, everySeconds: 60, run: async () => void runs++ };
    const now = new Date();
    await Promise.all([runDueJobs(t.db, [job], now), runDueJobs(t.db, [job], now)]);
    expect(runs).toBe(1);
    await runDueJobs(t.db, [job], new Date(now.getTime() + 30_000));
    expect(runs).toBe(1);
    await runDueJobs(t.db, [job], new Date(now.getTime() + 61_000));
    expect(runs).toBe(2);
  });
});
