// The committee's and the agency's public pages at scale (decision 071): each list shows one page
// of 25, what is late first in the queues and the newest first in the record and the answers,
// with its total; the other pages follow through the address, which keeps the other lists'
// pages; a page number that is not one shows the first page, one past the end the last, never a
// 500. The record's figures change as soon as the committee recommends again.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as committeeRoute from "../../app/routes/committees.$slug._index";
import * as agencyRoute from "../../app/routes/agencies.$slug";
import { createIdea, createUser } from "../../db/factories";
import { person } from "../fixtures/roster";
import { openTestDatabase, type TestDatabase } from "./db";
import { call, contextFor, type RouteFunction } from "./harness";

const DAY = 86_400_000;
const PAGE = 25;
let t: TestDatabase;
let committeeId: number;
let agencyId: number;
let chairId: number;
const now = Date.now();
/** The committee's queue as the page must order it: earliest deadline first, then by id. */
let queue: { id: number; due: number }[] = [];
/** The recommendations, newest first. */
let record: { id: number; ideaId: number }[] = [];
let underReview: { id: number; due: number }[] = [];
let answered: { id: number; at: number }[] = [];

beforeAll(async () => {
  t = await openTestDatabase();
  chairId = (await createUser(t.db)).id;
  committeeId = (await t.db.insertInto("committees").values({ slug: "paging-test", name_ko: "쪽 시험 분과", name_en: "Paging test committee", quorum_kind: null, quorum_value: null }).returning("id").executeTakeFirstOrThrow()).id;
  agencyId = (await t.db.insertInto("agencies").values({ slug: "paging-agency", kind: "ministry", name_ko: "쪽 시험 부처", name_en: "Paging test ministry", region_id: null }).returning("id").executeTakeFirstOrThrow()).id;
  const ideas: number[] = [];
  for (let i = 0; i < 2 * (PAGE + 5) + 40; i++) ideas.push(await createIdea(t.db, { author: await createUser(t.db), title: `Paging idea ${i}` }));
  // 30 in the committee's care, their deadlines shuffled: 7 past (late), the rest to come.
  const inCare = ideas.slice(0, 30);
  for (const [i, id] of inCare.entries()) {
    const due = now + ((i * 7) % 30 - 7) * DAY + DAY / 2;
    await t.db.updateTable("ideas").set({ status: i % 2 ? "in_deliberation" : "fast_tracked", committee_id: committeeId, committee_due_at: new Date(due) }).where("id", "=", id).execute();
    queue.push({ id, due });
  }
  queue.sort((a, b) => a.due - b.due || a.id - b.id);
  // 30 under the agency's review (5 late) and 40 answered, on dates of their own.
  for (const [i, id] of ideas.slice(30, 60).entries()) {
    const due = now + ((i * 11) % 30 - 5) * DAY + DAY / 2;
    await t.db.updateTable("ideas").set({ status: "under_review", agency_id: agencyId, agency_due_at: new Date(due) }).where("id", "=", id).execute();
    underReview.push({ id, due });
  }
  underReview.sort((a, b) => a.due - b.due || a.id - b.id);
  // The answered ideas were recommended by the committee: the record has 40 rows.
  for (const [i, id] of ideas.slice(60, 100).entries()) {
    const at = now - ((i * 13) % 40) * DAY - 3600_000 - i * 1000;
    const fastTracked = at - 20 * DAY;
    const recommended = at - 10 * DAY;
    await t.db
      .updateTable("ideas")
      .set({ status: "answered", outcome: "accepted", committee_id: committeeId, committee_due_at: new Date(fastTracked + 14 * DAY), agency_id: agencyId, agency_due_at: new Date(at + DAY), answered_at: new Date(at) })
      .where("id", "=", id)
      .execute();
    await t.db.insertInto("idea_events").values({ idea_id: id, actor_id: null, kind: "status", from_status: "open", to_status: "fast_tracked", note: null, created_at: new Date(fastTracked) }).execute();
    const rec = await t.db
      .insertInto("recommendations")
      .values({ idea_id: id, committee_id: committeeId, decision: "forward", agency_id: agencyId, rationale: "Sound.", rationale_html: "<p>Sound.</p>", recorded_by: chairId, created_at: new Date(recommended) })
      .returning("id")
      .executeTakeFirstOrThrow();
    answered.push({ id, at });
    record.push({ id: rec.id, ideaId: id });
  }
  const recommendedAt = new Map(answered.map((a) => [a.id, a.at - 10 * DAY]));
  record.sort((a, b) => recommendedAt.get(b.ideaId)! - recommendedAt.get(a.ideaId)! || b.id - a.id);
  answered.sort((a, b) => b.at - a.at || b.id - a.id);
}, 240_000);
afterAll(() => t?.close());

interface CommitteeData {
  ideas: { id: number; overdue: boolean }[];
  ideasPage: { page: number; pageCount: number; total: number; overdue: number };
  record: { recommendations: { id: number; ideaId: number }[]; page: number; pageCount: number; total: number; medianDays: number | null; onTimeShare: number | null };
}
interface AgencyData {
  queue: { id: number }[];
  queuePage: { page: number; pageCount: number; total: number };
  answers: { id: number }[];
  answersPage: { page: number; pageCount: number; total: number };
}

async function committeePage(query = "") {
  const answer = await call(committeeRoute.loader as RouteFunction, { path: `/committees/paging-test${query}`, params: { slug: "paging-test" }, context: contextFor(t.services, null) });
  expect(answer.status).toBe(200);
  return answer.data as CommitteeData;
}

async function agencyPage(query = "") {
  const answer = await call(agencyRoute.loader as RouteFunction, { path: `/agencies/paging-agency${query}`, params: { slug: "paging-agency" }, context: contextFor(t.services, null) });
  expect(answer.status).toBe(200);
  return answer.data as AgencyData;
}

describe("the committee's page", () => {
  it("shows 25 ideas of its queue, the late ones first, with the total and how many are late; page 2 has the other 5", async () => {
    const first = await committeePage();
    expect(first.ideas.map((i) => i.id)).toEqual(queue.slice(0, PAGE).map((q) => q.id));
    expect(first.ideas.filter((i) => i.overdue)).toHaveLength(7);
    expect(first.ideas.slice(0, 7).every((i) => i.overdue)).toBe(true);
    expect(first.ideasPage).toMatchObject({ page: 1, pageCount: 2, total: 30, overdue: 7 });
    const second = await committeePage("?queue=2");
    expect(second.ideas.map((i) => i.id)).toEqual(queue.slice(PAGE).map((q) => q.id));
    expect(second.ideasPage).toMatchObject({ page: 2, pageCount: 2, total: 30 });
  });

  it("shows 25 recommendations of its record, newest first, with the total; page 2 has the other 15; each list keeps its own page", async () => {
    const first = await committeePage();
    expect(first.record.recommendations.map((r) => r.id)).toEqual(record.slice(0, PAGE).map((r) => r.id));
    expect(first.record).toMatchObject({ page: 1, pageCount: 2, total: 40 });
    const both = await committeePage("?queue=2&record=2");
    expect(both.record.recommendations.map((r) => r.id)).toEqual(record.slice(PAGE).map((r) => r.id));
    expect(both.ideas.map((i) => i.id)).toEqual(queue.slice(PAGE).map((q) => q.id));
  });

  it("the record's figures cover every recommendation, not only the page's, and count a new one at once", async () => {
    // Fast-tracked 20 days before the answer, recommended 10 days later, due 14 days after the fast track.
    const page = await committeePage("?record=2");
    expect(page.record.medianDays).toBe(10);
    expect(page.record.onTimeShare).toBe(1);
    // A late recommendation (fast-tracked 40 days ago, due 14 days later, recommended today).
    const ideaId = queue[0].id;
    await t.db.insertInto("idea_events").values({ idea_id: ideaId, actor_id: null, kind: "status", from_status: "open", to_status: "fast_tracked", note: null, created_at: new Date(now - 40 * DAY) }).execute();
    await t.db.updateTable("ideas").set({ committee_due_at: new Date(now - 26 * DAY) }).where("id", "=", ideaId).execute();
    const rec = await t.db
      .insertInto("recommendations")
      .values({ idea_id: ideaId, committee_id: committeeId, decision: "not_recommended", agency_id: null, rationale: "No.", rationale_html: "<p>No.</p>", recorded_by: chairId })
      .returning("id")
      .executeTakeFirstOrThrow();
    try {
      const after = await committeePage();
      expect(after.record.total).toBe(41);
      expect(after.record.recommendations[0].id).toBe(rec.id);
      expect(after.record.onTimeShare).toBeCloseTo(40 / 41);
    } finally {
      await t.db.deleteFrom("recommendations").where("id", "=", rec.id).execute();
    }
    expect((await committeePage()).record.onTimeShare).toBe(1);
  });
});

describe("a recommendation of an idea hidden by moderation", () => {
  it("shows a notice instead of its title to a visitor, and the title to a moderator", async () => {
    const newest = record[0];
    const { title } = await t.db.selectFrom("ideas").select("title").where("id", "=", newest.ideaId).executeTakeFirstOrThrow();
    await t.db.updateTable("ideas").set({ hidden_at: new Date(), hidden_by: "moderator" }).where("id", "=", newest.ideaId).execute();
    try {
      const shown = (await committeePage()).record.recommendations.find((r) => r.ideaId === newest.ideaId) as { title: string } | undefined;
      expect(shown?.title).toBe("(an idea hidden by moderation)");
      const moderator = await person(t.db, { roles: [{ role: "moderator" }] });
      const answer = await call(committeeRoute.loader as RouteFunction, { path: "/committees/paging-test", params: { slug: "paging-test" }, context: contextFor(t.services, moderator) });
      const toModerator = (answer.data as CommitteeData).record.recommendations.find((r) => r.ideaId === newest.ideaId) as { title: string } | undefined;
      expect(toModerator?.title).toBe(title);
    } finally {
      await t.db.updateTable("ideas").set({ hidden_at: null, hidden_by: null }).where("id", "=", newest.ideaId).execute();
    }
  });
});

describe("the agency's page", () => {
  it("shows 25 ideas under review, the late ones first, and 25 answers, newest first, with their totals; page 2 has the rest", async () => {
    const first = await agencyPage();
    expect(first.queue.map((i) => i.id)).toEqual(underReview.slice(0, PAGE).map((q) => q.id));
    expect(first.queuePage).toMatchObject({ page: 1, pageCount: 2, total: 30 });
    expect(first.answers.map((i) => i.id)).toEqual(answered.slice(0, PAGE).map((a) => a.id));
    expect(first.answersPage).toMatchObject({ page: 1, pageCount: 2, total: 40 });
    const second = await agencyPage("?queue=2&answers=2");
    expect(second.queue.map((i) => i.id)).toEqual(underReview.slice(PAGE).map((q) => q.id));
    expect(second.answers.map((i) => i.id)).toEqual(answered.slice(PAGE).map((a) => a.id));
    expect(second.answersPage).toMatchObject({ page: 2, pageCount: 2, total: 40 });
  });
});

describe("a page number that is not one", () => {
  for (const bad of ["abc", "-1", "0", "1.5", "", "%00", "１", "99999999999999999999"]) {
    it(`(${JSON.stringify(bad)}) shows the first page`, async () => {
      const committee = await committeePage(`?queue=${bad}&record=${bad}`);
      expect(committee.ideasPage.page).toBe(1);
      expect(committee.ideas.map((i) => i.id)).toEqual(queue.slice(0, PAGE).map((q) => q.id));
      expect(committee.record.page).toBe(1);
      const agency = await agencyPage(`?queue=${bad}&answers=${bad}`);
      expect(agency.queuePage.page).toBe(1);
      expect(agency.answersPage.page).toBe(1);
    });
  }

  it("past the last page shows the last page", async () => {
    const committee = await committeePage("?queue=99999&record=3");
    expect(committee.ideasPage.page).toBe(2);
    expect(committee.ideas.map((i) => i.id)).toEqual(queue.slice(PAGE).map((q) => q.id));
    expect(committee.record.page).toBe(2);
    expect(committee.record.recommendations).toHaveLength(15);
    const agency = await agencyPage("?answers=100000");
    expect(agency.answersPage.page).toBe(2);
    expect(agency.answers).toHaveLength(15);
  });
});
