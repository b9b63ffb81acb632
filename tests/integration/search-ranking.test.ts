// Search results in the order a person expects, on a fixed corpus (issue 19: the relevance order
// must not get worse when the search query is made cheaper). Written before that change and
// run against both the embedded database and PostgreSQL.
//
// What "relevant" means here: every word searched must appear (a Korean word as the same
// syllables in a row, so 대중 강연 … 교통 is not 대중교통); an idea that has the word in its
// title comes before one that has it only in its body; among those, more mentions first; equal
// ideas newest first; hidden ideas and ideas not yet published never; and the second page goes
// on where the first stopped.
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createIdea, createUser } from "../../db/factories";
import { listIdeas, RANKED_CANDIDATES } from "../../app/domain/ideas/queries.server";
import { parseListParams } from "../../app/domain/ideas/list";
import { openTestDatabase, type TestDatabase } from "./db";
import { liftDailyLimits } from "./harness";

let t: TestDatabase;
const id: Record<string, number> = {};

const CORPUS: { key: string; title: string; body: string; category?: string }[] = [
  { key: "fares", title: "대중교통 요금을 낮춰 주세요", body: "출퇴근 시간 대중교통 요금 부담이 큽니다. 청년과 어르신 모두를 위한 정책이 필요합니다." },
  { key: "routes", title: "버스 노선을 다시 짜 주세요", body: "대중교통 이용이 불편합니다. 대중교통 노선이 겹치고, 대중교통 배차 간격이 깁니다. 주민 의견을 들어 주세요." },
  { key: "park", title: "공원 산책로를 넓혀 주세요", body: "주말마다 산책하는 주민이 많습니다. 공원까지 대중교통으로 오기도 어렵습니다. 길을 넓혀 주세요.", category: "transport" },
  { key: "lecture", title: "대중 강연을 열어 주세요", body: "도서관에서 교통 안전 강연을 열어 주시면 좋겠습니다. 누구나 들을 수 있게 해 주세요." },
  { key: "nightBus", title: "대중교통 심야 노선을 늘려 주세요", body: "밤늦게 일을 마치는 사람들이 집에 갈 방법이 없습니다. 심야 버스를 늘려 주세요." },
  { key: "students", title: "Free transit for students", body: "Students pay full fares today, which keeps many of them from evening classes and libraries." },
  { key: "shelters", title: "More bus shelters", body: "Transit riders wait in the rain. Transit stops need roofs, and transit maps need light at night." },
  { key: "library", title: "Longer library hours", body: "The library closes at six; people who work and ride transit home cannot reach it in time." },
  { key: "benches", title: "Bus stop benches", body: "Older people cannot stand for twenty minutes waiting at a stop: put benches at every bus stop." },
  { key: "cycling", title: "Cycle lanes on the main road", body: "A painted lane is not enough; the bus lane is no place for bikes either. Separate the lanes." },
  { key: "marketOld", title: "Quiet hours for the night market", body: "Residents near the night market ask for quiet after eleven, with the stalls closing on time." },
  { key: "marketNew", title: "Quiet hours for the night market", body: "Residents near the night market ask for quiet after eleven, with the stalls closing on time." },
  { key: "bikeTitle", title: "자전거 도로를 이어 주세요", body: "끊긴 길이 많아서 위험합니다. 구간마다 이어지도록 정비해 주세요." },
];
/** Ideas that mention 자전거 only in their body, for paging: more than a page of them. */
const BIKE_BODIES = 24;

beforeAll(async () => {
  t = await openTestDatabase();
  await liftDailyLimits(t.db);
  const author = await createUser(t.db);
  const start = Date.UTC(2026, 10, 1);
  let n = 0;
  for (const idea of CORPUS) {
    id[idea.key] = await createIdea(t.db, { author, title: idea.title, body: idea.body, category: idea.category, createdAt: new Date(start + n++ * 60_000) });
  }
  for (let i = 0; i < BIKE_BODIES; i++) {
    id[`bike${i}`] = await createIdea(t.db, {
      author,
      title: `동네 길 정비 제안 ${i + 1}`,
      body: `우리 동네 골목에 자전거 보관대와 쉼터가 필요합니다. 제안 번호 ${i + 1}번입니다.`,
      createdAt: new Date(start + n++ * 60_000),
    });
  }
  // Published ideas only: one hidden by a moderator, one waiting for review.
  const hidden = await createIdea(t.db, { author, title: "대중교통 안내판을 바꿔 주세요", body: "글씨가 작아서 읽기 어렵습니다. 큰 글씨로 바꿔 주세요." });
  await t.db.updateTable("ideas").set({ hidden_at: new Date(), hidden_by: "moderator" }).where("id", "=", hidden).execute();
  id.hidden = hidden;
  const pending = await createIdea(t.db, { author, title: "대중교통 환승 할인을 넓혀 주세요", body: "환승할 때마다 요금을 다시 내야 합니다. 할인을 넓혀 주세요." });
  await t.db.updateTable("ideas").set({ status: "pending" }).where("id", "=", pending).execute();
  id.pending = pending;
}, 120_000);

afterAll(async () => {
  await t?.close();
});

async function search(query: string): Promise<{ ids: number[]; next: string | null }> {
  const { ideas, nextCursor } = await listIdeas(t.db, parseListParams(new URLSearchParams(query)));
  return { ids: ideas.map((i) => i.id), next: nextCursor };
}

const keys = (...names: string[]) => names.map((k) => id[k]);

describe("search: relevance order on a fixed corpus", () => {
  it("a Korean word: title matches first, then by how often the body has it; the syllables must be together", async () => {
    const { ids } = await search("q=대중교통");
    // Title matches (the one that also has it in its body first), then the body with three mentions, then one.
    expect(ids).toEqual(keys("fares", "nightBus", "routes", "park"));
    expect(ids).not.toContain(id.lecture);
  });

  it("a Korean word is found inside longer words, with particles", async () => {
    // "대중교통으로" in the body is found by "대중교통"; "교통" is in all five, 대중 강연 included.
    expect((await search("q=대중교통")).ids).toContain(id.park);
    expect((await search("q=교통")).ids).toEqual(expect.arrayContaining(keys("fares", "routes", "park", "nightBus", "lecture")));
  });

  it("a two-syllable word: title matches first, then more mentions, equal ideas newest first", async () => {
    // 교통 in the title and once in the body, in the title only, three times in the body, then
    // once in the body (lecture is newer than park).
    expect((await search("q=교통")).ids).toEqual(keys("fares", "nightBus", "routes", "lecture", "park"));
  });

  it("an English word: the title match first, then the body with three mentions, then one; letter case aside", async () => {
    expect((await search("q=transit")).ids).toEqual(keys("students", "shelters", "library"));
    expect((await search("q=Transit")).ids).toEqual(keys("students", "shelters", "library"));
  });

  it("two words: both must appear; both in the title first", async () => {
    const { ids } = await search("q=bus+stop");
    expect(ids).toEqual(keys("benches", "shelters"));
    expect(ids).not.toContain(id.cycling);
  });

  it("ideas alike are listed newest first", async () => {
    expect((await search("q=night+market")).ids).toEqual(keys("marketNew", "marketOld"));
  });

  it("never lists hidden ideas, nor ideas waiting for review", async () => {
    const { ids } = await search("q=대중교통");
    expect(ids).not.toContain(id.hidden);
    expect(ids).not.toContain(id.pending);
  });

  it("keeps filters: a category narrows the results in the same order", async () => {
    const transport = await t.db.selectFrom("categories").select("id").where("slug", "=", "transport").executeTakeFirstOrThrow();
    expect((await search(`q=대중교통&category=${transport.id}`)).ids).toEqual(keys("park"));
  });

  it("pages on: the title match first, then every body match once, newest first, across two pages", async () => {
    const first = await search("q=자전거");
    expect(first.ids).toHaveLength(20);
    expect(first.next).not.toBeNull();
    const second = await search(`q=자전거&cursor=${encodeURIComponent(first.next!)}`);
    expect(second.next).toBeNull();
    const all = [...first.ids, ...second.ids];
    const bodies = Array.from({ length: BIKE_BODIES }, (_, i) => id[`bike${BIKE_BODIES - 1 - i}`]);
    expect(all).toEqual([id.bikeTitle, ...bodies]);
  });

  it("other sorts keep the search: newest first among the matches", async () => {
    expect((await search("q=transit&sort=new")).ids).toEqual(keys("library", "shelters", "students"));
  });

  it("follows the ideas as they change: edited words, hidden and restored, withdrawn", async () => {
    const author = await createUser(t.db);
    const changing = await createIdea(t.db, { author, title: "Rooftop gardens on schools", body: "Flat school roofs could grow vegetables for the canteen and teach children." });
    expect((await search("q=rooftop")).ids).toEqual([changing]);
    // Edited (the vector is written again): found by the new words only.
    await t.db
      .updateTable("ideas")
      .set({ search_vector: sql<string>`setweight(to_tsvector('simple', 'greenhouse gardens on schools'), 'A')` })
      .where("id", "=", changing)
      .execute();
    expect((await search("q=rooftop")).ids).toEqual([]);
    expect((await search("q=greenhouse")).ids).toEqual([changing]);
    await t.db.updateTable("ideas").set({ hidden_at: new Date(), hidden_by: "flags" }).where("id", "=", changing).execute();
    expect((await search("q=greenhouse")).ids).toEqual([]);
    await t.db.updateTable("ideas").set({ hidden_at: null, hidden_by: null }).where("id", "=", changing).execute();
    expect((await search("q=greenhouse")).ids).toEqual([changing]);
    await t.db.updateTable("ideas").set({ status: "withdrawn" }).where("id", "=", changing).execute();
    expect((await search("q=greenhouse")).ids).toEqual([]);
    expect((await search("q=greenhouse&status=withdrawn")).ids).toEqual([changing]);
  });
});

describe("search: a word in more ideas than are ranked", () => {
  // More ideas mention "lantern" than a search ranks (decision 059): the newest matches are
  // ranked, and an idea with the word in its title is ranked however old it is.
  const ONCE = RANKED_CANDIDATES;
  const THRICE = 60;
  let titled: number;
  let thrice: number[];

  beforeAll(async () => {
    const author = await createUser(t.db);
    const start = Date.UTC(2026, 10, 10);
    titled = await createIdea(t.db, { author, title: "Lanterns along the old bridge", body: "The bridge is dark after sunset and people walk home across it every evening.", createdAt: new Date(start) });
    const once = await createIdea(t.db, { author, title: "Evening walks by the river", body: "A paper lantern festival would bring neighbours out to the river path in autumn.", createdAt: new Date(start + 1000) });
    const three = await createIdea(t.db, { author, title: "Light for the harbour steps", body: "A lantern at the top, a lantern halfway and a lantern at the bottom of the harbour steps.", createdAt: new Date(start + 2000) });
    // Copies of the two, newer, in one statement each (the trigger fills the search table).
    const copy = (template: number, count: number, from: number) =>
      sql<{ id: number }>`INSERT INTO ideas (author_id, title, body, body_html, excerpt, category_id, status, support_threshold,
          support_window_days, support_ends_at, search_vector, created_at)
        SELECT author_id, title || ' ' || g, body, body_html, excerpt, category_id, status, support_threshold,
          support_window_days, support_ends_at, search_vector, created_at + (${from}::int + g) * interval '1 minute'
        FROM ideas, generate_series(1, ${count}::int) AS g WHERE id = ${template}
        RETURNING id`.execute(t.db);
    await copy(once, ONCE, 0);
    thrice = (await copy(three, THRICE, ONCE)).rows.map((r) => Number(r.id));
  }, 120_000);

  it("the oldest idea, with the word in its title, still comes first; then more mentions, newest first", async () => {
    const { ids, next } = await search("q=lantern");
    const newestThrice = [...thrice].reverse();
    expect(ids).toEqual([titled, ...newestThrice.slice(0, 19)]);
    expect(next).not.toBeNull();
  });

  it("pages on without repeating an idea", async () => {
    const seen: number[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 4; page++) {
      const { ids, next } = await search(`q=lantern${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
      seen.push(...ids);
      cursor = next;
    }
    expect(seen).toHaveLength(80);
    expect(new Set(seen).size).toBe(80);
    // The title match, then every idea with three mentions, newest first, then the others.
    expect(seen.slice(0, 1 + THRICE)).toEqual([titled, ...[...thrice].reverse()]);
  });
});
