// Which title matches a search ranks when a word is in more ideas than are ranked (decisions
// 059, 077): the newest RANKED_CANDIDATES matches, and the newest RANKED_CANDIDATES title matches
// — no further back, and none left out when most of those are among the newest matches already.
// Run against both the embedded database and PostgreSQL.
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createIdea, createUser } from "../../db/factories";
import { listIdeas, RANKED_CANDIDATES } from "../../app/domain/ideas/queries.server";
import { parseListParams } from "../../app/domain/ideas/list";
import { searchVector } from "../../app/domain/ideas/ideas.server";
import { openTestDatabase, type TestDatabase } from "./db";
import { liftDailyLimits } from "./harness";

let t: TestDatabase;
let oldest: number;
let older: number;
let titled: number[];

beforeAll(async () => {
  t = await openTestDatabase();
  await liftDailyLimits(t.db);
  const author = await createUser(t.db);
  const start = Date.UTC(2026, 10, 20);
  // Two old ideas about 해돋이 in title and body (ranked above every other match), then ideas
  // with 해돋이 in the title only, then the newest idea, with it in the body only: the newest
  // RANKED_CANDIDATES matches hold every title match but the two old ones.
  const text = { title: "해돋이 명소에 전망대를 세워 주세요", body: "해돋이를 보러 오는 사람이 많습니다. 해돋이 때 안전하게 볼 자리가 필요합니다." };
  oldest = await createIdea(t.db, { author, ...text, createdAt: new Date(start) });
  older = await createIdea(t.db, { author, ...text, createdAt: new Date(start + 60_000) });
  // Between the two old ideas and the rest: a title with both pieces of 해돋이 (해돋, 돋이) but not
  // side by side, and a body without them. The title index is asked for the pieces in any order
  // (decision 100); the phrase is checked after, so this idea is no title match and takes no slot.
  await createIdea(t.db, {
    author,
    title: "해돋움 공원의 돋이 정원",
    body: "공원에 꽃밭과 의자를 더 놓아 주세요. 아이들과 어르신이 함께 쉴 곳이 필요합니다.",
    createdAt: new Date(start + 90_000),
  });
  const template = await createIdea(t.db, {
    author,
    title: "해돋이 산책길 정비",
    body: "바닷가 산책길이 좁고 어둡습니다. 가로등과 난간을 설치해 주세요.",
    createdAt: new Date(start + 120_000),
  });
  const copies = await sql<{ id: number }>`INSERT INTO ideas (author_id, title, body, body_html, excerpt, category_id, status,
      support_threshold, support_window_days, support_ends_at, search_vector, created_at)
    SELECT author_id, title || ' ' || g, body, body_html, excerpt, category_id, status, support_threshold,
      support_window_days, support_ends_at, search_vector, created_at + g * interval '1 minute'
    FROM ideas, generate_series(1, ${RANKED_CANDIDATES - 2}::int) AS g WHERE id = ${template}
    RETURNING id`.execute(t.db);
  titled = [template, ...copies.rows.map((r) => Number(r.id))];
  await createIdea(t.db, {
    author,
    title: "바닷가 주차장을 넓혀 주세요",
    body: "주말 아침마다 해돋이를 보러 온 차들로 길이 막힙니다.",
    createdAt: new Date(start + 86_400_000),
  });
}, 120_000);

afterAll(async () => {
  await t?.close();
});

describe("search: title matches of a word in more ideas than are ranked", () => {
  it("ranks the newest title matches as far back as the newest set leaves room for, and no further", async () => {
    const { ideas } = await listIdeas(t.db, parseListParams(new URLSearchParams("q=해돋이")));
    const ids = ideas.map((i) => i.id);
    // The newer of the two old ideas is the one newest title match that the newest matches lack:
    // it comes first. The oldest, one title match further back, is not ranked.
    expect(ids[0]).toBe(older);
    expect(ids).not.toContain(oldest);
    // Then the title matches, equal, newest first.
    expect(ids.slice(1)).toEqual([...titled].reverse().slice(0, ids.length - 1));
  });
});

describe("search: the title set follows the ideas as they change", () => {
  it("an idea hidden leaves the title set, and the next older title match takes its place", async () => {
    // The title set reads its own narrow table, kept by a trigger (decision 101): hiding `older`
    // must take it out there too, or its place among the title matches would stay taken.
    await sql`UPDATE ideas SET hidden_at = now(), hidden_by = 'moderator' WHERE id = ${older}`.execute(t.db);
    const { ideas } = await listIdeas(t.db, parseListParams(new URLSearchParams("q=해돋이")));
    const ids = ideas.map((i) => i.id);
    expect(ids).not.toContain(older);
    expect(ids[0]).toBe(oldest);
  });

  it("an edited title is searched by its new words, its filters by their new values", async () => {
    await sql`UPDATE ideas SET hidden_at = NULL, hidden_by = NULL WHERE id = ${older}`.execute(t.db);
    // The oldest idea's title no longer has the word: the slot is the restored idea's again.
    const title = "일출 명소에 전망대를 세워 주세요";
    const body = "해돋이를 보러 오는 사람이 많습니다. 해돋이 때 안전하게 볼 자리가 필요합니다.";
    await sql`UPDATE ideas SET title = ${title},
        search_vector = ${searchVector(title, body)},
        category_id = (SELECT max(id) FROM categories)
      WHERE id = ${oldest}`.execute(t.db);
    const { ideas } = await listIdeas(t.db, parseListParams(new URLSearchParams("q=해돋이")));
    expect(ideas[0].id).toBe(older);
    // Both tables carry the same rows and values.
    const differ = await sql<{ n: number }>`SELECT count(*)::int AS n FROM idea_search s FULL JOIN idea_titles t ON t.idea_id = s.idea_id
      WHERE t.idea_id IS NULL OR s.idea_id IS NULL OR (s.status, s.category_id, s.region_id, s.campaign_id, s.title_vector)
        IS DISTINCT FROM (t.status, t.category_id, t.region_id, t.campaign_id, t.title_vector)`.execute(t.db);
    expect(differ.rows[0].n).toBe(0);
  });
});
