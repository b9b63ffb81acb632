// The idea page's read (issue 13): one domain function (app/domain/ideas/page.server.ts) reads
// the idea once and gives the route the redacted view, the permission facts and the allowed
// actions. Its statements are counted: a part of the page that starts reading the idea again,
// or a table read twice, shows here.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ideaPage } from "../../app/domain/ideas/page.server";
import { getSettings } from "../../app/domain/settings.server";
import * as route from "../../app/routes/ideas.$id._index";
import { createIdea, support } from "../../db/factories";
import { ANSWER, ideaAt } from "../fixtures/pipeline";
import { person, rosterIn, type Roster } from "../fixtures/roster";
import { statementCounter } from "../fixtures/statements";
import { openTestDatabase, type TestDatabase } from "./db";
import { call, contextFor, type RouteFunction } from "./harness";

let t: TestDatabase;
let roster: Roster;
let counter: ReturnType<typeof statementCounter>;
beforeAll(async () => {
  t = await openTestDatabase();
  roster = await rosterIn(t.db);
  counter = statementCounter(t.url);
}, 60_000);
afterAll(async () => {
  await counter?.close();
  await t?.close();
});

/** The statements the page's read sends (the settings are the process's cached copy, read beforehand). */
async function statementsFor(ideaId: number, who: Roster[keyof Roster] | null) {
  await getSettings(counter.db);
  return counter.statementsOf(() => ideaPage(counter.db, ideaId, who, "ko"));
}
const readsOfIdeas = (statements: string[]) => statements.filter((s) => /\bfrom "ideas"/.test(s));
/** The table each statement reads first (its FROM; the record's probes of other tables left out). */
const tablesRead = (statements: string[]) =>
  statements.map((s) => /\bfrom "?(\w+)"?/.exec(s.replace(/exists \(select [^()]*\)/g, "").replace(/\(select max\([^)]*\) from [^)]*\)/g, ""))?.[1]);

const loadPage = (ideaId: number, who: Roster[keyof Roster] | null) =>
  call(route.loader as RouteFunction, { path: `/ideas/${ideaId}`, params: { id: String(ideaId) }, context: contextFor(t.services, who) });

describe("the idea page's read", () => {
  it("reads the idea row once, whoever reads and at whatever step", async () => {
    const open = await ideaAt(t.db, "open", roster);
    const answered = await ideaAt(t.db, "answered", roster);
    for (const [ideaId, who] of [
      [open.ideaId, null],
      [open.ideaId, roster.moderator],
      [answered.ideaId, roster.officer],
      [answered.ideaId, roster.chair],
      [answered.ideaId, null],
    ] as const) {
      expect(readsOfIdeas(await statementsFor(ideaId, who))).toHaveLength(1);
    }
  });

  it("a visitor on an open idea costs 3 statements; the idea's own agency officer on one under review, 15", async () => {
    const open = await ideaAt(t.db, "open", roster);
    // The idea (which also says which of its later steps' tables have a row for it); its
    // timeline; its supports by region. The recommendation, progress, digest, paper batches,
    // in-person supports, extensions, interim replies, answer versions, transfers and follow-ups
    // are not read when the idea has none, nor the holidays without a deadline to count to.
    // (Was 14 when each was read for every idea, 20 when each part read the idea itself.)
    const opened = await statementsFor(open.ideaId, null);
    expect(opened).toHaveLength(3);
    // The reads after the idea's own run together: in any order.
    expect(tablesRead(opened).sort()).toEqual(["idea_events", "idea_support_regions", "ideas"]);
    const review = await ideaAt(t.db, "under_review", roster);
    // The same 3 (the record also says whether the officer supports it, follows it, has a home
    // region and reported it); the recommendation and the digest, which it has; the holidays (its
    // agency's deadline); the committee's vote (ballot, votes, quorum rule, member count); the
    // agency's draft; staff notes; the agencies to transfer to; the officers to assign; the posts
    // its digest's arguments draw on. (Was 16 when the reader's marks were a statement of their
    // own, 17 when whether they reported it was another, 25 when the tables it has no row in were
    // read too, 31 before that.)
    const reviewed = await statementsFor(review.ideaId, roster.officer);
    expect(reviewed).toHaveLength(15);
    expect(tablesRead(reviewed)).toEqual(expect.arrayContaining(["recommendations", "deliberation_digests", "holidays"]));
    expect(tablesRead(reviewed)).not.toEqual(expect.arrayContaining(["progress_updates"]));
  });
});

describe("what each process keeps of an idea's page (decision 078)", () => {
  it("a second view reads the idea alone; an event written elsewhere shows at the next view, the support count at once", async () => {
    const { ideaId } = await ideaAt(t.db, "open", roster);
    const first = await counter.statementsOf(() => ideaPage(counter.db, ideaId, null, "ko"));
    expect(tablesRead(first).sort()).toEqual(["idea_events", "idea_support_regions", "ideas"]);
    // Nothing changed: the timeline and the regions are this process's copies.
    const again = await counter.statementsOf(() => ideaPage(counter.db, ideaId, null, "ko"));
    expect(tablesRead(again)).toEqual(["ideas"]);
    // Another process (another handle) records a support and an event.
    const before = (await ideaPage(counter.db, ideaId, null, "ko"))!.idea.support_count;
    const supporter = await person(t.db);
    await support(t.db, supporter.id, ideaId);
    await t.db.insertInto("idea_events").values({ idea_id: ideaId, actor_id: null, kind: "edited", note: "Written by another process" }).execute();
    let page = null as Awaited<ReturnType<typeof ideaPage>>;
    const next = await counter.statementsOf(async () => {
      page = await ideaPage(counter.db, ideaId, null, "ko");
    });
    // The record says the timeline has a newer event: it is read again, at once.
    expect(tablesRead(next).sort()).toEqual(["idea_events", "ideas"]);
    expect(page!.events.at(-1)).toMatchObject({ kind: "edited", note: "Written by another process" });
    // The count is the record's: exact at once (the supports by region follow within seconds).
    expect(page!.idea.support_count).toBe(before + 1);
  });
});

describe("what the page shows", () => {
  it("an idea hidden by a moderator: a visitor gets the notice without its words; the author and moderators read it", async () => {
    const { ideaId, author } = await ideaAt(t.db, "open", roster);
    await t.db.updateTable("ideas").set({ hidden_at: new Date(), hidden_by: "moderator", hidden_reason: "personal_data" }).where("id", "=", ideaId).execute();
    const visitor = (await loadPage(ideaId, null)).data as { idea: { title: string; body: string; body_html: string; excerpt: string }; moderation: { hiddenForReader: boolean } };
    expect(visitor.moderation.hiddenForReader).toBe(true);
    expect(visitor.idea).toMatchObject({ title: "", body: "", body_html: "", excerpt: "" });
    for (const insider of [{ ...roster.citizen, id: author.id }, roster.moderator]) {
      const page = await ideaPage(t.db, ideaId, insider, "ko");
      expect(page!.moderation.hiddenForReader).toBe(false);
      expect(page!.idea.title).toMatch(/^Pipeline idea/);
    }
  });

  it("an idea held for review is not found by others; its author sees why it was held", async () => {
    const author = await person(t.db);
    const links = [1, 2, 3, 4].map((n) => `https://example.org/source-${n}`).join(" ");
    const ideaId = await createIdea(t.db, { author, body: `A proposal with enough words to pass the minimum length. ${links}` });
    expect((await loadPage(ideaId, roster.citizen)).status).toBe(404);
    expect((await loadPage(ideaId, null)).status).toBe(404);
    const own = await ideaPage(t.db, ideaId, author, "ko");
    expect(own!.idea.status).toBe("pending");
    expect(own!.moderation.screening.length).toBeGreaterThan(0);
    expect(await ideaPage(t.db, 2_000_000_000, null, "ko")).toBeNull();
  });

  it("the staff actions follow the step and the person: the chair takes up, the officer answers, others see none", async () => {
    const fast = await ideaAt(t.db, "fast_tracked", roster);
    expect((await ideaPage(t.db, fast.ideaId, roster.chair, "ko"))!.actions).toContain("takeUp");
    expect((await ideaPage(t.db, fast.ideaId, roster.otherChair, "ko"))!.actions).not.toContain("takeUp");
    const review = await ideaAt(t.db, "under_review", roster);
    expect((await ideaPage(t.db, review.ideaId, roster.officer, "ko"))!.actions).toContain("answer");
    for (const who of [null, roster.citizen, roster.otherOfficer, roster.member]) {
      expect((await ideaPage(t.db, review.ideaId, who, "ko"))!.actions).not.toContain("answer");
    }
    // The deadline under way is the agency's, counted in business days.
    expect((await ideaPage(t.db, review.ideaId, null, "ko"))!.deadline).toMatchObject({ step: "agency", overdue: false });
  });

  it("the answer's source text goes to its agency's officers only; supporters and the author may rate it", async () => {
    const { ideaId, author, backers } = await ideaAt(t.db, "answered", roster);
    expect((await ideaPage(t.db, ideaId, roster.officer, "ko"))!.agency.currentAnswer).toBe(ANSWER);
    for (const who of [null, roster.citizen, roster.otherOfficer, roster.chair]) expect((await ideaPage(t.db, ideaId, who, "ko"))!.agency.currentAnswer).toBeNull();
    const backer = { ...roster.citizen, id: backers[0] };
    expect((await ideaPage(t.db, ideaId, backer, "ko"))!.canRate).toBe(true);
    expect((await ideaPage(t.db, ideaId, { ...roster.citizen, id: author.id }, "ko"))!.canRate).toBe(true);
    expect((await ideaPage(t.db, ideaId, roster.citizen, "ko"))!.canRate).toBe(false);
    await support(t.db, roster.citizen.id, (await ideaAt(t.db, "open", roster)).ideaId);
    expect((await ideaPage(t.db, ideaId, roster.citizen, "ko"))!.canRate).toBe(false);
  });
});
