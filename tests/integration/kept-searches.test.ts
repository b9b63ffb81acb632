// A search's results, kept by each process for everyone who runs it again within
// SEARCH_MAX_AGE_MS (decision 083), and a list without a query within LIST_MAX_AGE_MS (decision
// 088): the list page's second reader of the same query, filters and page reads nothing; an idea
// withdrawn or submitted through this process leaves or joins the results at once, a change made
// elsewhere shows once the copy is older than its time. Run against both the embedded database
// and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { submitIdea, withdrawIdea } from "../../app/domain/ideas/ideas.server";
import { parseListParams } from "../../app/domain/ideas/list";
import { LIST_MAX_AGE_MS, listPage, SEARCH_MAX_AGE_MS } from "../../app/domain/ideas/queries.server";
import { createIdea } from "../../db/factories";
import { person } from "../fixtures/roster";
import { statementCounter } from "../fixtures/statements";
import { openTestDatabase, type TestDatabase } from "./db";

let t: TestDatabase;
// A handle of its own, as one process of the app: what it keeps is its own.
let counter: ReturnType<typeof statementCounter>;
beforeAll(async () => {
  t = await openTestDatabase();
  counter = statementCounter(t.url);
});
afterAll(async () => {
  await counter?.close();
  await t?.close();
});

const params = (query: Record<string, string>) => parseListParams(new URLSearchParams(query));
const titles = async (query: Record<string, string>) => (await listPage(counter.db, params(query))).ideas.map((i) => i.title);

describe("a search kept for its next readers", () => {
  it("is read once for the same query, filters and page; another query or filter is read", async () => {
    const author = await person(t.db);
    await createIdea(t.db, { author, title: "물레방아 축제 주차장 확충", body: "축제 때마다 주차할 곳이 없어 골목마다 차가 줄지어 서 있습니다. 임시 주차장을 마련해 주세요." });
    const first = await counter.statementsOf(async () => expect(await titles({ q: "물레방아" })).toEqual(["물레방아 축제 주차장 확충"]));
    expect(first.length).toBeGreaterThan(0);
    // Another reader, a moment later: the same results, no statement.
    expect(await counter.statementsOf(async () => expect(await titles({ q: "물레방아" })).toEqual(["물레방아 축제 주차장 확충"]))).toEqual([]);
    expect((await counter.statementsOf(() => titles({ q: "물레방아", status: "open" }))).length).toBeGreaterThan(0);
    expect((await counter.statementsOf(() => titles({ q: "주차장" }))).length).toBeGreaterThan(0);
  });

  it("leaves out an idea withdrawn through this process at once; shows a change made elsewhere once the copy is old", async () => {
    const author = await person(t.db);
    const withdrawn = await createIdea(t.db, { author, title: "징검다리 보수 요청", body: "징검다리 돌이 흔들려서 아이들과 어르신들이 건너기 무섭습니다. 돌을 고정해 주세요." });
    const renamed = await createIdea(t.db, { author, title: "징검다리 옆 벤치", body: "산책하다 쉬어 갈 자리가 없어 어르신들이 힘들어하십니다. 개울가에 벤치를 놓아 주세요." });
    expect((await titles({ q: "징검다리" })).sort()).toEqual(["징검다리 보수 요청", "징검다리 옆 벤치"]);
    expect((await withdrawIdea(counter.db, author, withdrawn, {})).ok).toBe(true);
    expect(await titles({ q: "징검다리" })).toEqual(["징검다리 옆 벤치"]);
    // Another process renames the other (outside the use cases): this one still has its copy.
    await t.db.updateTable("ideas").set({ title: "징검다리 옆 그늘막" }).where("id", "=", renamed).execute();
    expect(await titles({ q: "징검다리" })).toEqual(["징검다리 옆 벤치"]);
    await new Promise((resolve) => setTimeout(resolve, SEARCH_MAX_AGE_MS + 100));
    expect(await titles({ q: "징검다리" })).toEqual(["징검다리 옆 그늘막"]);
  });
});

describe("a list without a query kept for its next readers", () => {
  const newest = async () => (await titles({ sort: "new" }))[0];

  it("is read once a moment for the same sort and page, again once its copy is old", async () => {
    const author = await person(t.db);
    await createIdea(t.db, { author, title: "느티나무 쉼터 그늘막", body: "한여름 느티나무 아래 쉼터에 그늘막을 달아 어르신들이 쉬어 가실 수 있게 해 주세요." });
    expect((await counter.statementsOf(async () => expect(await newest()).toBe("느티나무 쉼터 그늘막"))).length).toBeGreaterThan(0);
    expect(await counter.statementsOf(async () => expect(await newest()).toBe("느티나무 쉼터 그늘막"))).toEqual([]);
    // Another sort, and the next page of this one, are lists of their own.
    expect((await counter.statementsOf(() => titles({ sort: "top" }))).length).toBeGreaterThan(0);
    // Made elsewhere (outside the use cases): shown once the copy is older than its time.
    await createIdea(t.db, { author, title: "느티나무 쉼터 평상", body: "쉼터에 평상을 두어 이웃들이 모여 앉아 이야기 나눌 수 있게 해 주세요. 지금은 앉을 곳이 없습니다." });
    expect(await newest()).toBe("느티나무 쉼터 그늘막");
    await new Promise((resolve) => setTimeout(resolve, LIST_MAX_AGE_MS + 100));
    expect(await newest()).toBe("느티나무 쉼터 평상");
  });

  it("shows an idea submitted through this process at once", async () => {
    const author = await person(t.db);
    await newest();
    const submitted = await submitIdea(counter.db, author, {
      title: "느티나무 쉼터 음수대",
      body: "산책로 쉼터에 음수대가 없어 여름마다 물을 사러 멀리 가야 합니다. 음수대를 놓아 주세요.",
      categoryId: "1",
      regionId: "",
      campaignId: "",
    });
    expect(submitted.ok).toBe(true);
    expect(await newest()).toBe("느티나무 쉼터 음수대");
  });
});
