// A committee's new-meeting and new-thread pages (issue 13): one domain function says which
// committee, whether this person may send the form (the use case's own refusal), and which
// ideas a meeting's agenda may list.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { committeeForm } from "../../app/domain/committees/queries.server";
import * as meetingNew from "../../app/routes/committees.$slug.meetings.new";
import * as threadNew from "../../app/routes/committees.$slug.threads.new";
import { ideaAt } from "../fixtures/pipeline";
import { rosterIn, type Roster } from "../fixtures/roster";
import { openTestDatabase, type TestDatabase } from "./db";
import { call, contextFor, type RouteFunction } from "./harness";

let t: TestDatabase;
let roster: Roster;
beforeAll(async () => {
  t = await openTestDatabase();
  roster = await rosterIn(t.db);
});
afterAll(() => t?.close());

describe("a committee's form pages", () => {
  it("the chair schedules with the ideas in the committee's care; members open threads; others may do neither", async () => {
    const fast = await ideaAt(t.db, "fast_tracked", roster);
    const deliberating = await ideaAt(t.db, "in_deliberation", roster);
    const review = await ideaAt(t.db, "under_review", roster);
    const meeting = await committeeForm(t.db, "economy", roster.chair, "meeting");
    expect(meeting).toMatchObject({ committee: { slug: "economy" }, allowed: true });
    const listed = meeting!.choices.map((c) => c.id);
    expect(listed).toEqual(expect.arrayContaining([fast.ideaId, deliberating.ideaId]));
    expect(listed).not.toContain(review.ideaId);
    // A member may not schedule, and is shown no agenda; a member may open a thread.
    expect(await committeeForm(t.db, "economy", roster.member, "meeting")).toMatchObject({ allowed: false, choices: [] });
    expect(await committeeForm(t.db, "economy", roster.member, "thread")).toMatchObject({ allowed: true, choices: [] });
    for (const outsider of [roster.citizen, roster.otherChair, roster.officer]) {
      expect(await committeeForm(t.db, "economy", outsider, "thread")).toMatchObject({ allowed: false });
      expect(await committeeForm(t.db, "economy", outsider, "meeting")).toMatchObject({ allowed: false, choices: [] });
    }
    expect(await committeeForm(t.db, "no-such-committee", roster.chair, "meeting")).toBeNull();
  });

  it("the pages name the committee in the reader's language, and an unknown committee is not found", async () => {
    for (const [route, path] of [
      [meetingNew, "meetings"],
      [threadNew, "threads"],
    ] as const) {
      const page = await call(route.loader as RouteFunction, { path: `/committees/economy/${path}/new`, params: { slug: "economy" }, context: contextFor(t.services, roster.chair) });
      expect(page.status).toBe(200);
      expect(page.data).toMatchObject({ slug: "economy", name: "Economy and Public Livelihood", allowed: true });
      const missing = await call(route.loader as RouteFunction, { path: `/committees/nowhere/${path}/new`, params: { slug: "nowhere" }, context: contextFor(t.services, roster.chair) });
      expect(missing.status).toBe(404);
    }
  });
});
