// A search's results, kept by each process for everyone who runs it again within
// SEARCH_MAX_AGE_MS (decision 083): the list page's second reader of the same query, filters and
// page reads nothing; a list without a query is read every time; an idea withdrawn through this
// process leaves the results at once, a change made elsewhere shows once the copy is older than
// its time. Run against both the embedded database and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withdrawIdea } from "../../app/domain/ideas/ideas.server";
import { parseListParams } from "../../app/domain/ideas/list";
import { listPage, SEARCH_MAX_AGE_MS } from "../../app/domain/ideas/queries.server";
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
  it("is read once for the same query, filters and page; another query or filter, and a list without a query, are read", async () => {
    const author = await person(t.db);
    await createIdea(t.db, { author, title: "물레방아 축제 주차장 확충", body: "축제 때마다 주차할 곳이 없어 골목마다 차가 줄지어 서 있습니다. 임시 주차장을 마련해 주세요." });
    const first = await counter.statementsOf(async () => expect(await titles({ q: "물레방아" })).toEqual(["물레방아 축제 주차장 확충"]));
    expect(first.length).toBeGreaterThan(0);
    // Another reader, a moment later: the same results, no statement.
    expect(await counter.statementsOf(async () => expect(await titles({ q: "물레방아" })).toEqual(["물레방아 축제 주차장 확충"]))).toEqual([]);
    expect((await counter.statementsOf(() => titles({ q: "물레방아", status: "open" }))).length).toBeGreaterThan(0);
    expect((await counter.statementsOf(() => titles({ q: "주차장" }))).length).toBeGreaterThan(0);
    for (let i = 0; i < 2; i++) expect((await counter.statementsOf(() => titles({ sort: "new" }))).length).toBeGreaterThan(0);
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
