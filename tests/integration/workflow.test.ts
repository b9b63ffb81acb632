import { sql, type KyselyPlugin } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { validateSession } from "../../app/auth/session.server";
import { dueAfter } from "../../app/domain/agencies/clock";
import { loadHolidays } from "../../app/domain/agencies/holidays.server";
import type { Actor } from "../../app/domain/accounts/permissions";
import { unsubscribe } from "../../app/domain/accounts/settings.server";
import { DIGEST_WAIT_MS, fanOutFollowerEmails, sendDigests } from "../../app/domain/notifications/digest.server";
import { markAllRead, notificationCentre, unreadCount } from "../../app/domain/notifications/queries.server";
import { supportIdea } from "../../app/domain/ideas/supports.server";
import { expireDue, markOverdue } from "../../app/domain/workflow/automatic.server";
import { agencyPage } from "../../app/domain/workflow/queries.server";
import { runDueJobs, type Job } from "../../app/jobs/scheduler.server";
import { answerIdea, assignOfficer, postProgress, reassign, recordRecommendation, takeUp } from "../../app/domain/workflow/workflow.server";
import { citizenActor, createCampaign, createIdea, createUser, holdCommitteeVote, support, writeDigest } from "../../db/factories";
import * as reviewRoute from "../../app/routes/review";
import { decideItem } from "../../app/domain/moderation/flags.server";
import { call, contextFor, type RouteFunction } from "./harness";
import { bodiesIn, person, rosterIn, type Roster } from "../fixtures/roster";
import { ideaAt } from "../fixtures/pipeline";
import { openTestDatabase, type TestDatabase } from "./db";
import { statusesWithDeadline } from "../../app/domain/workflow/statuses";

let t: TestDatabase;
let ids: Awaited<ReturnType<typeof bodiesIn>>;
let roster: Roster;
beforeAll(async () => {
  t = await openTestDatabase();
  ids = await bodiesIn(t.db);
  roster = await rosterIn(t.db);
});
afterAll(() => t?.close());

const DAY = 86_400_000;
const ANSWER = "The ministry accepts this proposal. ".repeat(4) + "Funding is planned in next year's budget.";
const RATIONALE = "The committee finds broad support and a clear public benefit.";

async function idea(id: number) {
  return t.db.selectFrom("ideas").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
}
async function events(id: number) {
  return t.db.selectFrom("idea_events").selectAll().where("idea_id", "=", id).orderBy("id").execute();
}

describe("the fast track at the threshold", () => {
  it("concurrent supports that cross the threshold fast-track the idea exactly once", async () => {
    const chair = await person(t.db, { roles: [{ role: "committee_chair", committee: "economy" }] });
    const campaign = await createCampaign(t.db, { threshold: 10 });
    const author = await createUser(t.db);
    const ideaId = await createIdea(t.db, { author, campaignId: campaign.id, category: "economy" });
    const users = await Promise.all(Array.from({ length: 30 }, () => createUser(t.db)));
    const now = new Date();
    const results = await Promise.all(users.map((u) => supportIdea(t.db, citizenActor(u.id), ideaId, now)));
    // Exactly the supports up to the threshold were taken; the rest found it moved on.
    expect(results.filter((r) => r.ok)).toHaveLength(9);
    expect(results.filter((r) => !r.ok && r.status === 409)).toHaveLength(21);
    const row = await idea(ideaId);
    expect(row).toMatchObject({ status: "fast_tracked", support_count: 10, committee_id: ids.economy });
    // Ten business days (the default), due at midnight in Seoul: two weekends, so at least twelve
    // days (counted from a Sunday evening in Seoul, the shortest), at the end of a weekday.
    const committeeDue = new Date(row.committee_due_at!);
    expect(committeeDue.getTime()).toBeGreaterThanOrEqual(now.getTime() + 12 * DAY);
    expect(committeeDue.getUTCHours()).toBe(15);
    expect(committeeDue.getTime()).toBe(dueAfter(now, 10, await loadHolidays(t.db)).getTime());
    const moves = (await events(ideaId)).filter((e) => e.kind === "status");
    expect(moves).toMatchObject([{ from_status: "open", to_status: "fast_tracked", actor_id: null }]);
    const notes = await t.db.selectFrom("notifications").selectAll().where("idea_id", "=", ideaId).execute();
    expect(notes.filter((n) => n.user_id === author.id && n.kind === "status")).toHaveLength(1);
    expect(notes.filter((n) => n.user_id === chair.id && n.kind === "committee_assigned")).toHaveLength(1);
  });

  it("goes to the campaign's committee when it names one, else to the category's", async () => {
    const campaign = await createCampaign(t.db, { threshold: 2, committee: "society-culture" });
    const ideaId = await createIdea(t.db, { author: await createUser(t.db), campaignId: campaign.id, category: "economy" });
    await support(t.db, (await createUser(t.db)).id, ideaId);
    expect(await idea(ideaId)).toMatchObject({ status: "fast_tracked", committee_id: ids.society });
  });
});

describe("a job cut off midway", () => {
  /** Counts statements, and fails every one after the first `limit` (a lost connection). */
  function statements(limit = Infinity) {
    const seen = { count: 0 };
    const plugin: KyselyPlugin = {
      transformQuery: (args) => {
        if (++seen.count > limit) throw new Error("connection to the database lost");
        return args.node;
      },
      transformResult: async (args) => args.result,
    };
    return { db: t.db.withPlugin(plugin), seen };
  }
  const overdueIdea = async () => createIdea(t.db, { author: await createUser(t.db), createdAt: new Date(Date.now() - 400 * DAY) });

  it("runs again at the next tick and finishes the work, doing none of it twice", async () => {
    const now = new Date();
    await expireDue(t.db, now); // nothing else due in this database
    // How many statements expiring one idea takes (the query for due ideas, then one transaction).
    const probe = statements();
    await overdueIdea();
    expect(await expireDue(probe.db, now)).toBe(1);
    const perIdea = probe.seen.count - 1;

    const due: number[] = [];
    for (let i = 0; i < 6; i++) due.push(await overdueIdea());
    const broken = statements(1 + 3 * perIdea);
    let healthy = false;
    const job: Job = { name: `expiry-cut-off-${Date.now()}`, everySeconds: 3600, run: async (_db, at) => `${await expireDue(healthy ? t.db : broken.db, at)} expired` };
    // The first run dies after three ideas: their changes are committed, the fourth's is not.
    expect(await runDueJobs(t.db, [job], now)).toEqual([]);
    const statuses = async () => (await t.db.selectFrom("ideas").select("status").where("id", "in", due).orderBy("id").execute()).map((r) => r.status);
    expect((await statuses()).filter((s) => s === "expired")).toHaveLength(3);
    // A failed job is not held back for its whole period: the next tick runs it again.
    healthy = true;
    expect(await runDueJobs(t.db, [job], new Date(now.getTime() + 1000))).toEqual([job.name]);
    expect(await statuses()).toEqual(Array(6).fill("expired"));
    for (const ideaId of due) {
      const moves = (await events(ideaId)).filter((e) => e.kind === "status");
      expect(moves, `idea ${ideaId}`).toMatchObject([{ from_status: "open", to_status: "expired" }]);
    }
    // And a third tick within the period does not run it at all.
    expect(await runDueJobs(t.db, [job], new Date(now.getTime() + 2000))).toEqual([]);
  });
});

describe("expiry", () => {
  it("expires open ideas whose window closed below the threshold, once, with a timeline event", async () => {
    const ideaId = await createIdea(t.db, { author: await createUser(t.db), createdAt: new Date(Date.now() - 40 * DAY) });
    const fresh = await createIdea(t.db, { author: await createUser(t.db) });
    const later = new Date();
    expect(await expireDue(t.db, later)).toBeGreaterThanOrEqual(1);
    expect(await expireDue(t.db, later)).toBe(0);
    expect((await idea(ideaId)).status).toBe("expired");
    expect((await idea(fresh)).status).toBe("open");
    expect((await events(ideaId)).at(-1)).toMatchObject({ kind: "status", from_status: "open", to_status: "expired" });
  });
});

describe("the committee's steps", () => {
  it("the chair takes up and forwards; members, other chairs and citizens cannot", async () => {
    const chair = await person(t.db, { roles: [{ role: "committee_chair", committee: "economy" }] });
    const { ideaId } = await ideaAt(t.db, "fast_tracked", roster);
    for (const other of [
      await person(t.db, { roles: [{ role: "committee_member", committee: "economy" }] }),
      await person(t.db, { roles: [{ role: "committee_chair", committee: "local-safety" }] }),
      await person(t.db),
      await person(t.db, { roles: [{ role: "moderator" }] }),
    ]) {
      expect(await takeUp(t.db, other, ideaId, {})).toMatchObject({ ok: false, status: 403 });
    }
    expect(await takeUp(t.db, null, ideaId, {})).toMatchObject({ ok: false, status: 401 });
    expect(await takeUp(t.db, chair, ideaId, { expectedStatus: "fast_tracked" })).toMatchObject({ ok: true, status: "in_deliberation" });
    const bad = await recordRecommendation(t.db, chair, ideaId, { decision: "forward", agencyId: "", rationale: "short" });
    expect(bad).toMatchObject({ ok: false, status: 400, errors: { agencyId: [{ key: "workflow.errors.agency" }], rationale: [{ key: "workflow.errors.rationale" }] } });
    await holdCommitteeVote(t.db, ideaId);
    await writeDigest(t.db, ideaId);
    const before = Date.now();
    const tally = async () => ({ for: 3, against: 1, neutral: 2 });
    const done = await recordRecommendation(t.db, chair, ideaId, { decision: "forward", agencyId: String(ids.moef), rationale: RATIONALE }, { tally });
    expect(done).toMatchObject({ ok: true, status: "under_review" });
    const row = await idea(ideaId);
    expect(row.agency_id).toBe(ids.moef);
    // 21 business days (the default): four weeks and a day at least (tests/integration/clock.test.ts has exact dates).
    expect(new Date(row.agency_due_at!).getTime()).toBeGreaterThanOrEqual(before + 29 * DAY);
    const rec = await t.db.selectFrom("recommendations").selectAll().where("idea_id", "=", ideaId).executeTakeFirstOrThrow();
    expect(rec).toMatchObject({ decision: "forward", agency_id: ids.moef, stance_for: 3, stance_against: 1, stance_neutral: 2, recorded_by: chair.id });
  });

  it("not recommended closes the idea with the rationale on the timeline", async () => {
    const chair = await person(t.db, { roles: [{ role: "committee_chair", committee: "economy" }] });
    const { ideaId } = await ideaAt(t.db, "in_deliberation", { ...roster, chair });
    await holdCommitteeVote(t.db, ideaId, { choices: ["against"] });
    await writeDigest(t.db, ideaId);
    expect(await recordRecommendation(t.db, chair, ideaId, { decision: "not_recommended", rationale: RATIONALE })).toMatchObject({ ok: true, status: "closed" });
    expect((await events(ideaId)).at(-1)).toMatchObject({ to_status: "closed", note: RATIONALE });
  });

  it("a chair acting on an old page is told the idea moved on, and nothing changes", async () => {
    const chair = await person(t.db, { roles: [{ role: "committee_chair", committee: "economy" }] });
    const { ideaId } = await ideaAt(t.db, "in_deliberation", { ...roster, chair });
    expect(await takeUp(t.db, chair, ideaId, { expectedStatus: "fast_tracked" })).toMatchObject({
      ok: false,
      status: 409,
      errors: { _form: [{ key: "workflow.errors.movedOn" }] },
    });
    // A tie (no majority): either decision needs no dissent note.
    await holdCommitteeVote(t.db, ideaId, { choices: ["abstain"] });
    await writeDigest(t.db, ideaId);
    const racing = await Promise.all([
      recordRecommendation(t.db, chair, ideaId, { decision: "forward", agencyId: String(ids.moef), rationale: RATIONALE, expectedStatus: "in_deliberation" }),
      recordRecommendation(t.db, chair, ideaId, { decision: "not_recommended", rationale: RATIONALE, expectedStatus: "in_deliberation" }),
    ]);
    expect(racing.filter((r) => r.ok)).toHaveLength(1);
    expect(racing.filter((r) => !r.ok && r.status === 409)).toHaveLength(1);
    const recs = await t.db.selectFrom("recommendations").select("id").where("idea_id", "=", ideaId).execute();
    expect(recs).toHaveLength(1);
  });
});

describe("the agency's steps", () => {
  it("two officers answering at once: exactly one answer is published", async () => {
    const a = await person(t.db, { roles: [{ role: "agency_officer", agency: "moef" }] });
    const b = await person(t.db, { roles: [{ role: "agency_officer", agency: "moef" }] });
    const { ideaId } = await ideaAt(t.db, "under_review", roster);
    const results = await Promise.all([
      answerIdea(t.db, a, ideaId, { outcome: "accepted", answer: ANSWER, expectedStatus: "under_review" }),
      answerIdea(t.db, b, ideaId, { outcome: "not_accepted", answer: ANSWER, expectedStatus: "under_review" }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok && r.status === 409)).toHaveLength(1);
    expect((await events(ideaId)).filter((e) => e.to_status === "answered")).toHaveLength(1);
  });

  it("only the agency's officers answer; the answer needs an outcome and 100 characters", async () => {
    const { ideaId } = await ideaAt(t.db, "under_review", roster);
    const elsewhere = await person(t.db, { roles: [{ role: "agency_officer", agency: "mohw" }] });
    expect(await answerIdea(t.db, elsewhere, ideaId, { outcome: "accepted", answer: ANSWER })).toMatchObject({ ok: false, status: 403 });
    const officer = await person(t.db, { roles: [{ role: "agency_officer", agency: "moef" }] });
    expect(await answerIdea(t.db, officer, ideaId, { outcome: "maybe", answer: "Too short." })).toMatchObject({
      ok: false,
      status: 400,
      errors: { outcome: [{ key: "workflow.errors.outcome" }], answer: [{ key: "workflow.errors.answerLength" }] },
    });
    expect((await idea(ideaId)).status).toBe("under_review");
  });

  it("an officer assigns a colleague of the same agency only", async () => {
    const officer = await person(t.db, { roles: [{ role: "agency_officer", agency: "moef" }] });
    const colleague = await person(t.db, { roles: [{ role: "agency_officer", agency: "moef" }] });
    const outsider = await person(t.db, { roles: [{ role: "agency_officer", agency: "mohw" }] });
    const { ideaId } = await ideaAt(t.db, "under_review", roster);
    expect((await assignOfficer(t.db, officer, ideaId, { officerId: String(colleague.id) })).ok).toBe(true);
    expect((await idea(ideaId)).assigned_officer_id).toBe(colleague.id);
    expect(await assignOfficer(t.db, officer, ideaId, { officerId: String(outsider.id) })).toMatchObject({ ok: false, errors: { officerId: [{ key: "workflow.errors.officer" }] } });
    expect(await assignOfficer(t.db, outsider, ideaId, { officerId: String(outsider.id) })).toMatchObject({ ok: false, status: 403 });
  });

  it("progress updates lead to implemented, for accepted ideas only", async () => {
    const officer = await person(t.db, { roles: [{ role: "agency_officer", agency: "moef" }] });
    const { ideaId } = await ideaAt(t.db, "answered", { ...roster, officer });
    expect(await postProgress(t.db, officer, ideaId, { percent: "40", note: "Pilot in three districts started." })).toMatchObject({ ok: true, status: "implementing" });
    expect(await postProgress(t.db, officer, ideaId, { percent: "140", note: "Too much progress." })).toMatchObject({ ok: false, status: 400 });
    expect(await postProgress(t.db, officer, ideaId, { percent: "100", note: "Rolled out nationwide." })).toMatchObject({ ok: true, status: "implemented" });
    expect((await idea(ideaId)).progress_percent).toBe(100);
    const updates = await t.db.selectFrom("progress_updates").select("percent").where("idea_id", "=", ideaId).orderBy("id").execute();
    expect(updates.map((u) => u.percent)).toEqual([40, 100]);

    const rejectedOne = await ideaAt(t.db, "under_review", roster);
    await answerIdea(t.db, officer, rejectedOne.ideaId, { outcome: "not_accepted", answer: ANSWER });
    expect(await postProgress(t.db, officer, rejectedOne.ideaId, { percent: "10", note: "Should not be possible." })).toMatchObject({ ok: false, status: 409 });
  });

  it("the agency page counts answers on time and overdue ideas in its on-time rate", async () => {
    // An agency of this test's own, with ideas forwarded to it in the past through the real steps:
    // two answered before their due date, one after it, one under review past due, one under
    // review with time left.
    const agency = await t.db.insertInto("agencies").values({ slug: "on-time-test-agency", kind: "ministry", name_ko: "정시 시험청", name_en: "On-time Test Agency" }).returning("id").executeTakeFirstOrThrow();
    const officer = await person(t.db, { roles: [{ role: "agency_officer", agency: "on-time-test-agency" }] });
    const now = Date.now();
    const forwarded = async (daysAgo: number) => {
      const { ideaId } = await ideaAt(t.db, "under_review", { chair: roster.chair, agencyId: agency.id, forwardedAt: new Date(now - daysAgo * DAY) });
      return { ideaId, due: (await idea(ideaId)).agency_due_at!.getTime() };
    };
    /** Answered `late` days after its due date (negative: early). */
    const answered = async (late: number) => {
      const { ideaId, due } = await forwarded(120);
      expect(await answerIdea(t.db, officer, ideaId, { outcome: "accepted", answer: ANSWER }, new Date(due + late * DAY))).toMatchObject({ ok: true });
    };
    await answered(-2); // two days early
    await answered(0); // at the last moment
    await answered(5); // five days late
    // The agency's 21 business days (the default) are at most six weeks, holidays included:
    // forwarded 60 days ago it is overdue; forwarded today it has time left.
    expect((await forwarded(60)).due).toBeLessThan(now);
    expect((await forwarded(0)).due).toBeGreaterThan(now);
    const page = await agencyPage(t.db, "on-time-test-agency", null);
    // On time over everything whose time came: 2 of (3 answered + 1 overdue).
    expect(page!.stats).toEqual({ under_review: 2, overdue: 1, answered: 3, on_time: 2, onTimeRate: 0.5, agency_id: agency.id });
    expect(await agencyPage(t.db, "no-such-agency", null)).toBeNull();
  });
});

describe("the status table and the database", () => {
  it("the partial indexes that serve the committees' and agencies' queues cover exactly the statuses their deadlines run in", async () => {
    const { rows } = await sql<{ indexname: string; indexdef: string }>`SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'ideas' AND indexname IN ('ideas_committee', 'ideas_agency')`.execute(t.db);
    const listed = (name: string) => [...(rows.find((r) => r.indexname === name)?.indexdef ?? "").matchAll(/'([a-z_]+)'/g)].map((m) => m[1]).sort();
    expect(listed("ideas_committee")).toEqual([...statusesWithDeadline("committee")].sort());
    expect(listed("ideas_agency")).toEqual([...statusesWithDeadline("agency")].sort());
  });
});

describe("reassignment", () => {
  it("an admin reassigns with a reason that is logged; nobody else may", async () => {
    const admin = roster.admin;
    const chair = await person(t.db, { roles: [{ role: "committee_chair", committee: "economy" }] });
    const { ideaId } = await ideaAt(t.db, "fast_tracked", roster);
    expect(await reassign(t.db, chair, ideaId, "committee", { targetId: String(ids.society), reason: "Better fit there." })).toMatchObject({ ok: false, status: 403 });
    expect(await reassign(t.db, admin, ideaId, "committee", { targetId: String(ids.society), reason: "Short" })).toMatchObject({ ok: false, status: 400 });
    expect((await reassign(t.db, admin, ideaId, "committee", { targetId: String(ids.society), reason: "It is about culture, not the economy." })).ok).toBe(true);
    expect(await idea(ideaId)).toMatchObject({ status: "fast_tracked", committee_id: ids.society });
    const audit = await t.db.selectFrom("audit_log").selectAll().where("target_type", "=", "idea").where("target_id", "=", String(ideaId)).execute();
    expect(audit).toMatchObject([{ actor_id: admin.id, action: "idea.reassign_committee" }]);
    expect((await events(ideaId)).at(-2)).toMatchObject({ kind: "reassigned_committee", note: "It is about culture, not the economy." });
  });

  it("tells the new committee's chairs and resets its deadline to a full period (10 business days), shown on the timeline", async () => {
    const admin = roster.admin;
    const newChair = await person(t.db, { roles: [{ role: "committee_chair", committee: "society-culture" }] });
    const oldChair = await person(t.db, { roles: [{ role: "committee_chair", committee: "economy" }] });
    const { ideaId } = await ideaAt(t.db, "in_deliberation", { ...roster, chair: oldChair });
    const later = new Date(Date.now() + 10 * DAY); // 10 of the economy committee's 14 days gone
    const result = await reassign(t.db, admin, ideaId, "committee", { targetId: String(ids.society), reason: "It is about culture, not the economy." }, later);
    expect(result.ok).toBe(true);
    // A full period in business days (decision 030): the default 10, due at midnight in Seoul.
    const due = dueAfter(later, 10, await loadHolidays(t.db));
    expect(new Date((await idea(ideaId)).committee_due_at!).getTime()).toBe(due.getTime());
    expect((await events(ideaId)).at(-1)).toMatchObject({ kind: "deadline_reset", note: due.toISOString(), actor_id: null });
    const told = await t.db.selectFrom("notifications").select(["user_id", "kind", "payload"]).where("idea_id", "=", ideaId).where("kind", "=", "committee_reassigned").execute();
    const chairs = await t.db.selectFrom("role_grants").select("user_id").where("role", "=", "committee_chair").where("committee_id", "=", ids.society).execute();
    expect(told.map((n) => n.user_id).sort()).toEqual(chairs.map((c) => c.user_id).sort());
    expect(told).toContainEqual({ user_id: newChair.id, kind: "committee_reassigned", payload: expect.objectContaining({ due: due.toISOString() }) });
    expect(told.map((n) => n.user_id)).not.toContain(oldChair.id);
    const audit = await t.db.selectFrom("audit_log").select("details").where("target_id", "=", String(ideaId)).where("action", "=", "idea.reassign_committee").executeTakeFirstOrThrow();
    expect(audit.details).toMatchObject({ dueAt: due.toISOString(), to: ids.society });
  });

  it("tells the new agency's officers and gives it a full period (21 business days) to answer", async () => {
    const admin = roster.admin;
    const officers = [await person(t.db, { roles: [{ role: "agency_officer", agency: "mohw" }] }), await person(t.db, { roles: [{ role: "agency_officer", agency: "mohw" }] })];
    const oldOfficer = await person(t.db, { roles: [{ role: "agency_officer", agency: "moef" }] });
    const { ideaId } = await ideaAt(t.db, "under_review", roster);
    const later = new Date(Date.now() + 20 * DAY);
    expect((await reassign(t.db, admin, ideaId, "agency", { targetId: String(ids.mohw), reason: "Health, not finance, runs this programme." }, later)).ok).toBe(true);
    const due = dueAfter(later, 21, await loadHolidays(t.db)); // the default 21 business days
    expect(await idea(ideaId)).toMatchObject({ agency_id: ids.mohw, assigned_officer_id: null });
    expect(new Date((await idea(ideaId)).agency_due_at!).getTime()).toBe(due.getTime());
    const told = await t.db.selectFrom("notifications").select("user_id").where("idea_id", "=", ideaId).where("kind", "=", "agency_reassigned").execute();
    // Every officer of the new agency (these two, and those other tests made), once each.
    const mohwOfficers = await t.db.selectFrom("role_grants").select("user_id").where("role", "=", "agency_officer").where("agency_id", "=", ids.mohw).execute();
    expect(told.map((n) => n.user_id).sort()).toEqual(mohwOfficers.map((o) => o.user_id).sort());
    expect(told.map((n) => n.user_id)).toEqual(expect.arrayContaining(officers.map((o) => o.id)));
    expect(told.map((n) => n.user_id)).not.toContain(oldOfficer.id);
  });
});

describe("the review queue (/review)", () => {
  type Queue = { agencies: { slug: string }[]; queue: { id: number; title: string }[] };
  const queueOf = async (who: Actor, query = "") => {
    const answer = await call(reviewRoute.loader as RouteFunction, { path: `/review${query}`, context: contextFor(t.services, who) });
    expect(answer.status).toBe(200);
    return answer.data as Queue;
  };

  it("shows an admin every agency's queue, with a filter by agency; an officer only their own", async () => {
    const admin = roster.admin;
    const officer = await person(t.db, { roles: [{ role: "agency_officer", agency: "moef" }] });
    const atMoef = (await ideaAt(t.db, "under_review", roster)).ideaId;
    const atMohw = (await ideaAt(t.db, "under_review", roster)).ideaId;
    expect((await reassign(t.db, admin, atMohw, "agency", { targetId: String(ids.mohw), reason: "Health runs this programme." })).ok).toBe(true);

    const all = await queueOf(admin);
    expect(all.queue.map((r) => r.id)).toEqual(expect.arrayContaining([atMoef, atMohw]));
    expect(all.agencies.map((a) => a.slug)).toEqual(expect.arrayContaining(["moef", "mohw"]));
    const mohw = await queueOf(admin, "?agency=mohw");
    expect(mohw.queue.map((r) => r.id)).toContain(atMohw);
    expect(mohw.queue.map((r) => r.id)).not.toContain(atMoef);

    const own = await queueOf(officer);
    expect(own.agencies.map((a) => a.slug)).toEqual(["moef"]);
    expect(own.queue.map((r) => r.id)).toContain(atMoef);
    expect(own.queue.map((r) => r.id)).not.toContain(atMohw);
    // Another agency's queue through the filter: nothing.
    expect((await queueOf(officer, "?agency=mohw")).queue).toEqual([]);
    // Hidden by a moderator: it keeps its place, but only the admin (who sees hidden content) reads its title.
    const title = (await idea(atMoef)).title;
    expect((await decideItem(t.db, admin, { targetType: "idea", targetId: String(atMoef), decision: "hide", reason: "spam", note: "" })).ok).toBe(true);
    expect((await queueOf(officer)).queue.find((r) => r.id === atMoef)).toMatchObject({ title: "", hidden: true });
    expect(JSON.stringify(await queueOf(officer))).not.toContain(title);
    expect((await queueOf(admin)).queue.find((r) => r.id === atMoef)).toMatchObject({ title, hidden: false });
    // A citizen is not let in.
    const refused = await call(reviewRoute.loader as RouteFunction, { path: "/review", context: contextFor(t.services, citizenActor((await createUser(t.db)).id)) });
    expect(refused.status).toBe(403);
  });
});

describe("deadlines", () => {
  it("marks an overdue step once and notifies the chair and the admins once", async () => {
    const chair = await person(t.db, { roles: [{ role: "committee_chair", committee: "economy" }] });
    const admin = roster.admin;
    const { ideaId } = await ideaAt(t.db, "fast_tracked", roster);
    const late = new Date(Date.now() + 15 * DAY);
    expect(await markOverdue(t.db, late)).toBeGreaterThanOrEqual(1);
    await markOverdue(t.db, new Date(late.getTime() + DAY));
    const rows = await t.db.selectFrom("overdue_steps").selectAll().where("idea_id", "=", ideaId).execute();
    expect(rows).toMatchObject([{ step: "committee" }]);
    const notes = await t.db.selectFrom("notifications").selectAll().where("idea_id", "=", ideaId).where("kind", "=", "overdue").execute();
    expect(notes.filter((n) => n.user_id === chair.id)).toHaveLength(1);
    expect(notes.filter((n) => n.user_id === admin.id)).toHaveLength(1);
  });
});

describe("notifications", () => {
  it("supporters see status changes in their feed; the unread count clears when read", async () => {
    const supporter = await createUser(t.db);
    const campaign = await createCampaign(t.db, { threshold: 3 });
    const ideaId = await createIdea(t.db, { author: await createUser(t.db), campaignId: campaign.id, category: "economy" });
    await support(t.db, supporter.id, ideaId);
    expect(await unreadCount(t.db, citizenActor(supporter.id))).toBe(0);
    await support(t.db, (await createUser(t.db)).id, ideaId); // reaches 3: fast-tracked
    expect(await unreadCount(t.db, citizenActor(supporter.id))).toBe(1);
    const centre = await notificationCentre(t.db, citizenActor(supporter.id));
    expect(centre[0]).toMatchObject({ kind: "followed_status", ideaId, unread: true, payload: { to: "fast_tracked" } });
    await markAllRead(t.db, supporter.id);
    expect(await unreadCount(t.db, citizenActor(supporter.id))).toBe(0);
  });

  it("e-mails opted-in supporters once per change and sends each person one digest for many events", async () => {
    const optedIn = await createUser(t.db);
    const quiet = await createUser(t.db);
    await t.db.updateTable("users").set({ email_on_followed_ideas: true }).where("id", "=", optedIn.id).execute();
    const now = new Date();
    const campaign = await createCampaign(t.db, { threshold: 3 });
    const ideaIds: number[] = [];
    for (let i = 0; i < 3; i++) {
      const ideaId = await createIdea(t.db, { author: await createUser(t.db), campaignId: campaign.id, category: "economy" });
      await support(t.db, optedIn.id, ideaId);
      await support(t.db, quiet.id, ideaId); // the third support fast-tracks it
      ideaIds.push(ideaId);
    }
    while ((await fanOutFollowerEmails(t.db, now)) > 0);
    const mine = await t.db.selectFrom("notifications").selectAll().where("user_id", "=", optedIn.id).where("kind", "=", "followed_status").execute();
    expect(mine).toHaveLength(3);
    const theirs = await t.db.selectFrom("notifications").selectAll().where("user_id", "=", quiet.id).where("kind", "=", "followed_status").execute();
    expect(theirs).toHaveLength(0);
    // The header counts each change once, as the centre lists it: the e-mail copies are not news twice.
    expect(await unreadCount(t.db, citizenActor(optedIn.id))).toBe(3);
    expect((await notificationCentre(t.db, citizenActor(optedIn.id))).filter((n) => n.unread)).toHaveLength(3);
    const sessionId = `digest-${optedIn.id}`;
    await t.db.insertInto("sessions").values({ id: sessionId, user_id: optedIn.id, expires_at: new Date(Date.now() + 86_400_000) }).execute();
    expect((await validateSession(t.services.pool, sessionId, { withUnread: true }))?.unread).toBe(3);
    // Nothing goes out until the notifications have gathered for a few minutes, then one e-mail.
    await sendDigests(t.db, "http://madang.test", now);
    const before = await t.db.selectFrom("email_outbox").selectAll().where("to_address", "=", optedIn.email).execute();
    expect(before).toHaveLength(0);
    await sendDigests(t.db, "http://madang.test", new Date(now.getTime() + DIGEST_WAIT_MS + 1000));
    const mails = await t.db.selectFrom("email_outbox").selectAll().where("to_address", "=", optedIn.email).execute();
    expect(mails).toHaveLength(1);
    for (const id of ideaIds) expect(mails[0].text_body).toContain(`http://madang.test/ideas/${id}`);
    expect(mails[0].unsubscribe_url).toMatch(/\/unsubscribe\?token=[0-9a-f]{32}$/);
    await sendDigests(t.db, "http://madang.test", new Date(now.getTime() + 2 * DIGEST_WAIT_MS));
    expect(await t.db.selectFrom("email_outbox").select("id").where("to_address", "=", optedIn.email).execute()).toHaveLength(1);
  });

  it("unsubscribe tokens come from a cryptographic generator, one per person, found by an index", async () => {
    const { rows } = await sql<{ def: string }>`
      SELECT pg_get_expr(d.adbin, d.adrelid) AS def FROM pg_attrdef d
      JOIN pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum
      WHERE d.adrelid = 'users'::regclass AND a.attname = 'unsubscribe_token'`.execute(t.db);
    expect(rows[0].def).toContain("gen_random_uuid()");
    const people = await Promise.all(Array.from({ length: 40 }, () => createUser(t.db)));
    const tokens = await t.db.selectFrom("users").select("unsubscribe_token").where("id", "in", people.map((p) => p.id)).execute();
    expect(new Set(tokens.map((r) => r.unsubscribe_token)).size).toBe(40);
    // 32 hex digits of a version-4 UUID: 122 random bits.
    for (const { unsubscribe_token: token } of tokens) expect(token).toMatch(/^[0-9a-f]{12}4[0-9a-f]{3}[89ab][0-9a-f]{15}$/);
    const index = await sql<{ indexdef: string }>`SELECT indexdef FROM pg_indexes WHERE tablename = 'users' AND indexdef LIKE '%(unsubscribe_token)%'`.execute(t.db);
    expect(index.rows.map((r) => r.indexdef)).toEqual([expect.stringContaining("CREATE UNIQUE INDEX")]);
  });

  it("one click on the unsubscribe link stops notification e-mails", async () => {
    const user = await createUser(t.db);
    const row = await t.db.selectFrom("users").select("unsubscribe_token").where("id", "=", user.id).executeTakeFirstOrThrow();
    expect(await unsubscribe(t.db, "not-a-token")).toBe(false);
    expect(await unsubscribe(t.db, row.unsubscribe_token)).toBe(true);
    const after = await t.db.selectFrom("users").select(["email_on_own_ideas", "email_on_followed_ideas", "email_on_staff_deadlines"]).where("id", "=", user.id).executeTakeFirstOrThrow();
    expect(after).toEqual({ email_on_own_ideas: false, email_on_followed_ideas: false, email_on_staff_deadlines: false });
  });
});
