// Transfers between agencies, further study's follow-up answer, staff notes and citizens'
// follow-through (issue 15; decisions 035, 042), against a real database with a controllable
// clock (every use case takes `now`).
import type { AppLoadContext } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../app/domain/accounts/permissions";
import { reviseAnswer } from "../../app/domain/agencies/answers.server";
import { followThrough, rateAnswer } from "../../app/domain/agencies/follow-through.server";
import { sendDeadlineReminders } from "../../app/domain/agencies/reminders.server";
import { addStaffNote, staffNotes } from "../../app/domain/agencies/staff-notes.server";
import { acceptTransfer, declineTransfer, lapseTransfers, proposeTransfer } from "../../app/domain/agencies/transfers.server";
import { historyQuery, promisedAndDelivered, reviewHistory, transfersAwaitingReply } from "../../app/domain/agencies/history.server";
import { personalData } from "../../app/domain/privacy/export.server";
import { forgetSettings } from "../../app/domain/settings.server";
import { markOverdue } from "../../app/domain/workflow/automatic.server";
import { answerIdea } from "../../app/domain/workflow/workflow.server";
import { loader as eventsCsv } from "../../app/routes/api.v1.events[.]csv";
import { loader as eventsJson } from "../../app/routes/api.v1.events";
import { loader as ideasCsv } from "../../app/routes/api.v1.ideas[.]csv";
import { loader as ideasJson } from "../../app/routes/api.v1.ideas";
import { loader as feed } from "../../app/routes/feed[.]atom";
import { citizenActor } from "../../db/factories";
import { ANSWER, ideaAt, STUDY, CONCLUSION, TRANSFER_REASON } from "../fixtures/pipeline";
import { bodiesIn, person, rosterIn } from "../fixtures/roster";
import { openTestDatabase, type TestDatabase } from "./db";

let t: TestDatabase;
let moef = 0;
let mohw = 0;
let chair: Actor;
let member: Actor;
let officer: Actor;
let receiver: Actor;
let thirdOfficer: Actor;
let citizen: Actor;

const DECLINE = "The budget for these centres sits with the economy ministry's regional development fund.";

beforeAll(async () => {
  t = await openTestDatabase();
  ({ moef, mohw } = await bodiesIn(t.db));
  ({ chair, member, officer, otherOfficer: receiver, citizen } = await rosterIn(t.db));
  const third = (await t.db.selectFrom("agencies").select("slug").where("slug", "not in", ["moef", "mohw"]).orderBy("id").executeTakeFirstOrThrow()).slug;
  thirdOfficer = await person(t.db, { roles: [{ role: "agency_officer", agency: third }] });
});
afterAll(() => t?.close());

/** An idea forwarded to the economy ministry at `now`; its supporters returned. */
const underReview = (forwardedAt = new Date(), supporters = 2) => ideaAt(t.db, "under_review", { chair, forwardedAt, supporters });

const idea = (id: number) => t.db.selectFrom("ideas").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
const kinds = async (id: number) => (await t.db.selectFrom("idea_events").select("kind").where("idea_id", "=", id).orderBy("id").execute()).map((e) => e.kind);
const transfers = (id: number) => t.db.selectFrom("idea_transfers").selectAll().where("idea_id", "=", id).orderBy("id").execute();
const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

describe("transfers", () => {
  it("the receiving agency accepts: the idea is its own, with a full answer period from the acceptance", async () => {
    // Forwarded on Friday 18 September 2026: due at the end of Friday 23 October (21 business days).
    const { ideaId } = await underReview(new Date("2026-09-18T03:00:00Z"));
    const proposedAt = new Date("2026-09-21T01:00:00Z"); // Monday 21 September, 10:00 in Seoul
    expect(await proposeTransfer(t.db, officer, ideaId, { agencyId: String(moef), reason: TRANSFER_REASON }, proposedAt)).toMatchObject({ ok: false, status: 400, errors: { agencyId: [{ key: "transfers.errors.sameAgency" }] } });
    expect(await proposeTransfer(t.db, officer, ideaId, { agencyId: String(mohw), reason: "Too short" }, proposedAt)).toMatchObject({ ok: false, status: 400, errors: { reason: [{ key: "transfers.errors.reason" }] } });
    expect(await proposeTransfer(t.db, receiver, ideaId, { agencyId: String(mohw), reason: TRANSFER_REASON }, proposedAt)).toMatchObject({ ok: false, status: 403 });
    expect(await proposeTransfer(t.db, chair, ideaId, { agencyId: String(mohw), reason: TRANSFER_REASON }, proposedAt)).toMatchObject({ ok: false, status: 403 });
    // The reply is due at the end of the fifth business day (Chuseok falls in between).
    const proposed = await proposeTransfer(t.db, officer, ideaId, { agencyId: String(mohw), reason: TRANSFER_REASON, expectedStatus: "under_review" }, proposedAt);
    expect(proposed).toMatchObject({ ok: true, status: "under_review" });
    // One proposal at a time.
    expect(await proposeTransfer(t.db, officer, ideaId, { agencyId: String(mohw), reason: TRANSFER_REASON }, proposedAt)).toMatchObject({ ok: false, status: 409 });
    // Nobody but the receiving agency's officers replies.
    const acceptedAt = new Date("2026-09-22T02:00:00Z");
    expect(await acceptTransfer(t.db, officer, ideaId, acceptedAt)).toMatchObject({ ok: false, status: 403 });
    expect(await acceptTransfer(t.db, thirdOfficer, ideaId, acceptedAt)).toMatchObject({ ok: false, status: 403 });
    expect(await acceptTransfer(t.db, citizen, ideaId, acceptedAt)).toMatchObject({ ok: false, status: 403 });
    const accepted = await acceptTransfer(t.db, receiver, ideaId, acceptedAt);
    expect(accepted.ok).toBe(true);
    const after = await idea(ideaId);
    expect(after.agency_id).toBe(mohw);
    expect(after.status).toBe("under_review");
    // 21 business days from Tuesday 22 September, skipping Chuseok and the weekends.
    expect(accepted.ok && accepted.dueAt).toBe(iso(after.agency_due_at));
    expect(new Date(after.agency_due_at!).getTime()).toBeGreaterThan(new Date("2026-10-23T15:00:00Z").getTime());
    const [row] = await transfers(ideaId);
    expect(row).toMatchObject({ state: "accepted", from_agency_id: moef, to_agency_id: mohw, reason: TRANSFER_REASON, decided_by: receiver.id });
    expect(iso(row.agency_due_at)).toBe("2026-10-23T15:00:00.000Z");
    expect(await kinds(ideaId)).toEqual(expect.arrayContaining(["transfer_proposed", "transfer_accepted", "deadline_reset"]));
    // The proposing agency's officers no longer answer it; the receiving agency's do.
    expect(await answerIdea(t.db, officer, ideaId, { outcome: "accepted", answer: ANSWER }, acceptedAt)).toMatchObject({ ok: false, status: 403 });
    expect((await answerIdea(t.db, receiver, ideaId, { outcome: "accepted", answer: ANSWER }, acceptedAt)).ok).toBe(true);
    // The audit log has both steps.
    const audit = await t.db.selectFrom("audit_log").select("action").where("target_id", "=", String(ideaId)).execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(["transfer.propose", "transfer.accept"]));
  });

  it("declining needs a reason and returns the idea with its due date unchanged", async () => {
    const { ideaId } = await underReview(new Date("2026-11-02T03:00:00Z"));
    const before = await idea(ideaId);
    const at = new Date("2026-11-03T01:00:00Z");
    expect((await proposeTransfer(t.db, officer, ideaId, { agencyId: String(mohw), reason: TRANSFER_REASON }, at)).ok).toBe(true);
    const empty = await declineTransfer(t.db, receiver, ideaId, { reason: "" }, at);
    expect(empty).toMatchObject({ ok: false, status: 400 });
    expect(!empty.ok && empty.errors.reason?.[0]).toMatchObject({ key: "errors.required" });
    expect(await declineTransfer(t.db, receiver, ideaId, { reason: "No." }, at)).toMatchObject({ ok: false, status: 400 });
    expect(await declineTransfer(t.db, officer, ideaId, { reason: DECLINE }, at)).toMatchObject({ ok: false, status: 403 });
    expect((await declineTransfer(t.db, receiver, ideaId, { reason: DECLINE }, at)).ok).toBe(true);
    const after = await idea(ideaId);
    expect(after.agency_id).toBe(moef);
    expect(iso(after.agency_due_at)).toBe(iso(before.agency_due_at));
    expect(await transfers(ideaId)).toMatchObject([{ state: "declined", decline_reason: DECLINE }]);
    expect(await kinds(ideaId)).toContain("transfer_declined");
    // Declined, it can be answered by the proposing agency (and a new proposal could be made).
    expect(await acceptTransfer(t.db, receiver, ideaId, at)).toMatchObject({ ok: false, status: 409 });
  });

  it("a proposal without a reply in time lapses, once, and can no longer be accepted", async () => {
    const { ideaId } = await underReview(new Date("2026-11-02T03:00:00Z"));
    const at = new Date("2026-11-03T01:00:00Z"); // Tuesday 3 November
    expect((await proposeTransfer(t.db, officer, ideaId, { agencyId: String(mohw), reason: TRANSFER_REASON }, at)).ok).toBe(true);
    // Five business days: due at the end of Tuesday 10 November (Korea time).
    const [pending] = await transfers(ideaId);
    expect(iso(pending.reply_due_at)).toBe("2026-11-10T15:00:00.000Z");
    const late = new Date("2026-11-10T15:00:00Z");
    expect(await acceptTransfer(t.db, receiver, ideaId, late)).toMatchObject({ ok: false, status: 409, errors: { _form: [{ key: "transfers.errors.lapsed" }] } });
    expect(await lapseTransfers(t.db, late)).toBeGreaterThanOrEqual(1);
    expect(await lapseTransfers(t.db, late)).toBe(0);
    expect(await transfers(ideaId)).toMatchObject([{ state: "lapsed" }]);
    expect((await kinds(ideaId)).filter((k) => k === "transfer_lapsed")).toHaveLength(1);
    expect((await idea(ideaId)).agency_id).toBe(moef);
  });

  // The race needs two connections; the embedded database has one, and no race.
  it.skipIf(!process.env.DATABASE_URL)("an acceptance and an answer at the same moment give one consistent result", async () => {
    for (let round = 0; round < 4; round++) {
      const { ideaId } = await underReview(new Date());
      expect((await proposeTransfer(t.db, officer, ideaId, { agencyId: String(mohw), reason: TRANSFER_REASON })).ok).toBe(true);
      const [accepted, answered] = await Promise.all([acceptTransfer(t.db, receiver, ideaId), answerIdea(t.db, officer, ideaId, { outcome: "accepted", answer: ANSWER, expectedStatus: "under_review" })]);
      expect([accepted.ok, answered.ok].filter(Boolean)).toHaveLength(1);
      const after = await idea(ideaId);
      const [row] = await transfers(ideaId);
      if (accepted.ok) {
        expect(after).toMatchObject({ status: "under_review", agency_id: mohw, official_answer: null });
        expect(row.state).toBe("accepted");
      } else {
        expect(after).toMatchObject({ status: "answered", agency_id: moef, outcome: "accepted" });
        expect(row.state).toBe("withdrawn");
      }
    }
  });

  it("answering while a proposal waits withdraws it", async () => {
    const { ideaId } = await underReview(new Date());
    expect((await proposeTransfer(t.db, officer, ideaId, { agencyId: String(mohw), reason: TRANSFER_REASON })).ok).toBe(true);
    expect((await answerIdea(t.db, officer, ideaId, { outcome: "accepted", answer: ANSWER })).ok).toBe(true);
    expect(await transfers(ideaId)).toMatchObject([{ state: "withdrawn" }]);
    expect(await acceptTransfer(t.db, receiver, ideaId)).toMatchObject({ ok: false, status: 409 });
  });
});

describe("further study owes a follow-up answer", () => {
  it("needs a date; the follow-up is reminded, goes overdue, and a concluding revision fulfils it", async () => {
    const { ideaId } = await underReview(new Date("2026-09-18T03:00:00Z"));
    const answeredAt = new Date("2026-10-05T01:00:00Z"); // Monday 5 October
    expect(await answerIdea(t.db, officer, ideaId, { outcome: "further_study", answer: STUDY }, answeredAt)).toMatchObject({
      ok: false,
      status: 400,
      errors: { followUpDate: [{ key: "transfers.errors.followUpRequired" }] },
    });
    expect(await answerIdea(t.db, officer, ideaId, { outcome: "further_study", answer: STUDY, followUpDate: "2026-10-05" }, answeredAt)).toMatchObject({
      ok: false,
      status: 400,
      errors: { followUpDate: [{ key: "transfers.errors.followUpRange" }] },
    });
    expect(await answerIdea(t.db, officer, ideaId, { outcome: "further_study", answer: STUDY, followUpDate: "2028-10-05" }, answeredAt)).toMatchObject({ ok: false, status: 400 });
    // Other outcomes need no date.
    expect((await answerIdea(t.db, officer, ideaId, { outcome: "further_study", answer: STUDY, followUpDate: "2026-11-20" }, answeredAt)).ok).toBe(true);
    const [owed] = await t.db.selectFrom("follow_ups").selectAll().where("idea_id", "=", ideaId).execute();
    expect(owed).toMatchObject({ kind: "further_study", agency_id: moef, fulfilled_at: null });
    // Due at the end of Friday 20 November, Korea time.
    expect(iso(owed.due_at)).toBe("2026-11-20T15:00:00.000Z");
    expect(await kinds(ideaId)).toContain("follow_up_set");

    const reminders = async () =>
      (await t.db.selectFrom("deadline_reminders").select(["kind"]).where("idea_id", "=", ideaId).where("step", "=", "follow_up").orderBy("kind").execute()).map((r) => r.kind);
    // Nothing before three business days ahead.
    await sendDeadlineReminders(t.db, new Date("2026-11-15T00:00:00Z"));
    expect(await reminders()).toEqual([]);
    // Three business days before Friday 20 November: from the start of Tuesday 17 November (KST).
    await sendDeadlineReminders(t.db, new Date("2026-11-16T15:00:00Z"));
    await sendDeadlineReminders(t.db, new Date("2026-11-16T16:00:00Z"));
    expect(await reminders()).toEqual(["before_3"]);
    const notes = await t.db.selectFrom("notifications").select("kind").where("idea_id", "=", ideaId).where("user_id", "=", officer.id).execute();
    expect(notes.filter((n) => n.kind === "deadline_in_3")).toHaveLength(1);
    // Overdue once passed, once.
    const past = new Date("2026-11-21T00:00:00Z");
    await markOverdue(t.db, past);
    await markOverdue(t.db, past);
    expect(await t.db.selectFrom("overdue_steps").select("step").where("idea_id", "=", ideaId).execute()).toEqual([{ step: "follow_up" }]);

    // A revision that stays at further study does not conclude it; a revision may not begin one.
    expect(await reviseAnswer(t.db, officer, ideaId, { answer: `${STUDY} The regional offices answer by December.`, reason: "The study takes longer than planned." }, past)).toMatchObject({ ok: true });
    expect((await t.db.selectFrom("follow_ups").select("fulfilled_at").where("idea_id", "=", ideaId).executeTakeFirstOrThrow()).fulfilled_at).toBeNull();
    // The conclusion: partially accepted.
    const done = await reviseAnswer(t.db, officer, ideaId, { outcome: "partially_accepted", answer: CONCLUSION, reason: "The study is finished: this is the ministry's conclusion." }, past);
    expect(done).toMatchObject({ ok: true, version: 3 });
    const fulfilled = await t.db.selectFrom("follow_ups").selectAll().where("idea_id", "=", ideaId).executeTakeFirstOrThrow();
    expect(fulfilled.fulfilled_version).toBe(3);
    expect((await idea(ideaId)).outcome).toBe("partially_accepted");
    // Nothing more is owed: no escalation later.
    await sendDeadlineReminders(t.db, new Date("2027-01-30T00:00:00Z"));
    expect(await reminders()).toEqual(["before_3"]);
  });

  it("a revision cannot begin further study", async () => {
    const { ideaId } = await underReview(new Date());
    expect((await answerIdea(t.db, officer, ideaId, { outcome: "accepted", answer: ANSWER })).ok).toBe(true);
    expect(await reviseAnswer(t.db, officer, ideaId, { outcome: "further_study", answer: STUDY, reason: "We need to study it after all." })).toMatchObject({
      ok: false,
      errors: { outcome: [{ key: "transfers.errors.noNewStudy" }] },
    });
  });
});

describe("staff notes", () => {
  const SECRET = "Private: the minister's office asked for this one to wait until the budget talks.";

  it("are written and read by the committee and the agency staff only, and never leave through open data or an export", async () => {
    const { ideaId, author } = await underReview(new Date());
    const facts = { committeeId: (await idea(ideaId)).committee_id, agencyId: moef };
    expect((await addStaffNote(t.db, officer, ideaId, { body: SECRET })).ok).toBe(true);
    expect((await addStaffNote(t.db, member, ideaId, { body: "The committee agrees to wait." })).ok).toBe(true);
    for (const outsider of [citizen, receiver, thirdOfficer, citizenActor(author.id)]) {
      expect(await addStaffNote(t.db, outsider, ideaId, { body: "let me in" })).toMatchObject({ ok: false, status: 403 });
      expect(await staffNotes(t.db, ideaId, outsider, facts)).toBeNull();
    }
    expect(await addStaffNote(t.db, null, ideaId, { body: "x" })).toMatchObject({ ok: false, status: 401 });
    expect((await staffNotes(t.db, ideaId, chair, facts))!.map((n) => n.body)).toEqual([SECRET, "The committee agrees to wait."]);
    // The audit row names the idea, not the words.
    const audit = await t.db.selectFrom("audit_log").selectAll().where("action", "=", "staffNote.add").where("target_id", "=", String(ideaId)).execute();
    expect(audit).toHaveLength(2);
    expect(JSON.stringify(audit)).not.toContain("minister");

    const context = { services: t.services, actor: null, locale: "en", clientIp: "127.0.0.1", nonce: "test" } as AppLoadContext;
    type Loader = (args: { request: Request; context: AppLoadContext; params: Record<string, string> }) => unknown;
    for (const [loader, path] of [
      [ideasJson, "/api/v1/ideas?limit=500"],
      [ideasCsv, "/api/v1/ideas.csv?limit=500"],
      [eventsJson, "/api/v1/events?limit=500"],
      [eventsCsv, "/api/v1/events.csv?limit=500"],
      [feed, "/feed.atom"],
    ] as [Loader, string][]) {
      const res = (await loader({ request: new Request(`http://madang.test${path}`), context, params: {} })) as Response;
      expect(res.status, path).toBe(200);
      const body = await res.text();
      expect(body, path).not.toContain("minister's office");
      expect(body, path).not.toContain("committee agrees to wait");
    }
    // Not in the writer's own personal-data export either (decision 035).
    const exported = JSON.stringify(await personalData(t.db, officer.id));
    expect(exported).not.toContain("minister's office");
  });
});

describe("citizens' follow-through", () => {
  const setting = (key: string, n: number) =>
    t.db.insertInto("settings").values({ key, value: JSON.stringify(n) }).onConflict((oc) => oc.column("key").doUpdateSet({ value: JSON.stringify(n) })).execute();

  it("the author and supporters rate; only they; the totals are public, the comments for the officers alone", async () => {
    const { ideaId, author, backers } = await underReview(new Date(), 3);
    expect(await rateAnswer(t.db, citizenActor(author.id), ideaId, { rating: "no" })).toMatchObject({ ok: false, status: 409 });
    expect((await answerIdea(t.db, officer, ideaId, { outcome: "not_accepted", answer: ANSWER })).ok).toBe(true);
    expect(await rateAnswer(t.db, citizen, ideaId, { rating: "no" })).toMatchObject({ ok: false, status: 403, errors: { _form: [{ key: "transfers.errors.notSupporter" }] } });
    expect(await rateAnswer(t.db, null, ideaId, { rating: "no" })).toMatchObject({ ok: false, status: 401 });
    expect(await rateAnswer(t.db, citizenActor(author.id), ideaId, { rating: "maybe" })).toMatchObject({ ok: false, status: 400 });
    expect((await rateAnswer(t.db, citizenActor(author.id), ideaId, { rating: "no", comment: "It ignores the rural areas." })).ok).toBe(true);
    expect((await rateAnswer(t.db, citizenActor(backers[0]), ideaId, { rating: "partly" })).ok).toBe(true);
    // A rating may change; one per person.
    expect((await rateAnswer(t.db, citizenActor(backers[0]), ideaId, { rating: "yes" })).ok).toBe(true);
    const visitor = await followThrough(t.db, ideaId, null, moef);
    expect(visitor).toMatchObject({ tally: { yes: 1, partly: 0, no: 1, total: 2 }, mine: null, comments: null });
    const staffView = await followThrough(t.db, ideaId, officer, moef);
    expect(staffView.comments).toEqual([expect.objectContaining({ rating: "no", comment: "It ignores the rural areas." })]);
    // Who wrote it is not part of what officers read: the rating, the words and the time only.
    expect(Object.keys(staffView.comments![0]).sort()).toEqual(["comment", "rating", "updated_at"]);
  });

  it("the threshold obliges one follow-up answer, once, even as more people say no (both back ends)", async () => {
    await setting("follow_through_min_raters", 2);
    await setting("follow_through_no_percent", 50);
    forgetSettings(t.db);
    try {
      const { ideaId, author, backers } = await underReview(new Date(), 3);
      expect((await answerIdea(t.db, officer, ideaId, { outcome: "not_accepted", answer: ANSWER })).ok).toBe(true);
      // One "no" of one rater: fewer raters than needed.
      expect(await rateAnswer(t.db, citizenActor(author.id), ideaId, { rating: "no" })).toMatchObject({ ok: true, followUpOwed: false });
      // One "yes" and one "no": 50 % of 2 raters say no.
      expect(await rateAnswer(t.db, citizenActor(backers[0]), ideaId, { rating: "yes" })).toMatchObject({ ok: true, followUpOwed: true });
      expect(await rateAnswer(t.db, citizenActor(backers[1]), ideaId, { rating: "no" })).toMatchObject({ ok: true, followUpOwed: false });
      expect(await t.db.selectFrom("follow_ups").select("kind").where("idea_id", "=", ideaId).execute()).toEqual([{ kind: "follow_through" }]);
      expect((await kinds(ideaId)).filter((k) => k === "follow_through_owed")).toHaveLength(1);
    } finally {
      await t.db.deleteFrom("settings").where("key", "in", ["follow_through_min_raters", "follow_through_no_percent"]).execute();
      forgetSettings(t.db);
    }
  });

  // The race needs several connections; the embedded database has one, and no race.
  it.skipIf(!process.env.DATABASE_URL)("enough raters saying no oblige one follow-up answer, exactly once, however many rate at the same moment", async () => {
    await setting("follow_through_min_raters", 4);
    await setting("follow_through_no_percent", 50);
    forgetSettings(t.db);
    try {
      const { ideaId, author, backers } = await underReview(new Date(), 9);
      expect((await answerIdea(t.db, officer, ideaId, { outcome: "not_accepted", answer: ANSWER })).ok).toBe(true);
      // Three say no: below the number of raters needed.
      for (const id of [author.id, backers[0], backers[1]]) expect((await rateAnswer(t.db, citizenActor(id), ideaId, { rating: "no" })).ok).toBe(true);
      expect(await t.db.selectFrom("follow_ups").select("id").where("idea_id", "=", ideaId).execute()).toHaveLength(0);
      // Seven more at once, each of them enough to cross the line.
      const results = await Promise.all(backers.slice(2).map((id) => rateAnswer(t.db, citizenActor(id), ideaId, { rating: "no" })));
      expect(results.every((r) => r.ok)).toBe(true);
      expect(results.filter((r) => r.ok && r.followUpOwed)).toHaveLength(1);
      const owed = await t.db.selectFrom("follow_ups").selectAll().where("idea_id", "=", ideaId).execute();
      expect(owed).toMatchObject([{ kind: "follow_through", agency_id: moef, fulfilled_at: null }]);
      expect((await kinds(ideaId)).filter((k) => k === "follow_through_owed")).toHaveLength(1);
      const told = await t.db.selectFrom("notifications").select("user_id").where("idea_id", "=", ideaId).where("kind", "=", "follow_up_owed").execute();
      expect(told.map((n) => n.user_id)).toEqual([officer.id]);
      // A revision is the follow-up answer.
      expect((await reviseAnswer(t.db, officer, ideaId, { answer: CONCLUSION, outcome: "partially_accepted", reason: "Citizens asked us to look again; this is our follow-up." })).ok).toBe(true);
      expect((await t.db.selectFrom("follow_ups").select("fulfilled_version").where("idea_id", "=", ideaId).executeTakeFirstOrThrow()).fulfilled_version).toBe(2);
      // Rating on after that owes nothing more.
      expect(await rateAnswer(t.db, citizenActor(author.id), ideaId, { rating: "no", comment: "Still no." })).toMatchObject({ ok: true, followUpOwed: false });
      expect(await t.db.selectFrom("follow_ups").select("id").where("idea_id", "=", ideaId).execute()).toHaveLength(1);
    } finally {
      await t.db.deleteFrom("settings").where("key", "in", ["follow_through_min_raters", "follow_through_no_percent"]).execute();
      forgetSettings(t.db);
    }
  });
});

describe("the officers' history and the agency's record", () => {
  it("searches the agency's ideas by title and filters, overdue first; others' agencies stay out", async () => {
    const tag = `Zebra ${Math.floor(Math.random() * 1e6)}`;
    const late = await underReview(new Date("2026-01-05T03:00:00Z"));
    const soon = await underReview(new Date());
    const done = await underReview(new Date());
    for (const { ideaId } of [late, soon, done]) await t.db.updateTable("ideas").set({ title: `${tag} ${ideaId}` }).where("id", "=", ideaId).execute();
    expect((await answerIdea(t.db, officer, done.ideaId, { outcome: "accepted", answer: ANSWER })).ok).toBe(true);
    const search = (q: string) => reviewHistory(t.db, officer, historyQuery(new URLSearchParams(q)));
    const all = await search(`q=${encodeURIComponent(tag)}`);
    expect(all.rows.map((r) => r.id)).toEqual([late.ideaId, soon.ideaId, done.ideaId]);
    expect(all.rows[0].overdue).toBe(true);
    expect((await search(`q=${encodeURIComponent(tag)}&status=answered`)).rows.map((r) => r.id)).toEqual([done.ideaId]);
    expect((await search(`q=${encodeURIComponent(tag)}&outcome=accepted`)).rows.map((r) => r.id)).toEqual([done.ideaId]);
    expect((await search(`q=${encodeURIComponent(tag)}&due=overdue`)).rows.map((r) => r.id)).toEqual([late.ideaId]);
    expect((await search(`q=${encodeURIComponent(tag)}&assignee=me`)).rows).toEqual([]);
    // Nonsense in the address is ignored, not an error.
    expect((await search(`q=${encodeURIComponent(tag)}&status=bogus&page=-3&assignee=1;drop`)).rows).toHaveLength(3);
    // Another agency's officer sees none of them.
    expect((await reviewHistory(t.db, receiver, historyQuery(new URLSearchParams(`q=${encodeURIComponent(tag)}`)))).rows).toEqual([]);
    // Pages of 25.
    const page1 = await search("");
    const page2 = await search("page=2");
    if (page1.hasNext) expect(page2.rows[0]?.id).not.toBe(page1.rows[0].id);
  });

  it("both agencies' records count a transfer; the receiving agency sees it waiting", async () => {
    const beforeFrom = await promisedAndDelivered(t.db, moef);
    const beforeTo = await promisedAndDelivered(t.db, mohw);
    const { ideaId } = await underReview(new Date());
    expect((await proposeTransfer(t.db, officer, ideaId, { agencyId: String(mohw), reason: TRANSFER_REASON })).ok).toBe(true);
    expect((await transfersAwaitingReply(t.db, receiver)).map((x) => x.id)).toContain(ideaId);
    expect(await transfersAwaitingReply(t.db, officer)).not.toContainEqual(expect.objectContaining({ id: ideaId }));
    expect((await acceptTransfer(t.db, receiver, ideaId)).ok).toBe(true);
    const afterFrom = await promisedAndDelivered(t.db, moef);
    const afterTo = await promisedAndDelivered(t.db, mohw);
    expect(afterFrom.transfers.outAccepted).toBe(beforeFrom.transfers.outAccepted + 1);
    expect(afterTo.transfers.inAccepted).toBe(beforeTo.transfers.inAccepted + 1);
    expect((await answerIdea(t.db, receiver, ideaId, { outcome: "accepted", answer: ANSWER })).ok).toBe(true);
    const answered = await promisedAndDelivered(t.db, mohw);
    expect(answered.answered).toBe(afterTo.answered + 1);
    expect(answered.onTimeOriginal).toBe(afterTo.onTimeOriginal + 1);
    expect(answered.medianDays).not.toBeNull();
  });
});

describe("open data", () => {
  it("carries each step's original and extended due dates, transfers, versions, follow-ups and the ratings' totals", async () => {
    const { ideaId, author } = await underReview(new Date());
    expect((await proposeTransfer(t.db, officer, ideaId, { agencyId: String(mohw), reason: TRANSFER_REASON })).ok).toBe(true);
    expect((await declineTransfer(t.db, receiver, ideaId, { reason: DECLINE })).ok).toBe(true);
    expect((await answerIdea(t.db, officer, ideaId, { outcome: "further_study", answer: STUDY, followUpDate: "2099-01-01" })).ok).toBe(false);
    const followUpDate = new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 10);
    expect((await answerIdea(t.db, officer, ideaId, { outcome: "further_study", answer: STUDY, followUpDate })).ok).toBe(true);
    expect((await rateAnswer(t.db, citizenActor(author.id), ideaId, { rating: "partly", comment: "A secret comment for the agency." })).ok).toBe(true);
    const context = { services: t.services, actor: null, locale: "en", clientIp: "127.0.0.1", nonce: "test" } as AppLoadContext;
    const json = (await (
      (await ideasJson({ request: new Request(`http://madang.test/api/v1/ideas?limit=500&status=answered`), context, params: {} } as never)) as Response
    ).json()) as { data: Record<string, unknown>[] };
    const record = json.data.find((d) => d.id === ideaId)!;
    expect(record).toMatchObject({ transfers: 1, answer_versions: 1, follow_through_partly: 1, follow_through_no: 0 });
    expect(record.follow_up_due_at).toBe(`${followUpDate}T15:00:00.000Z`);
    expect(record.agency_original_due_at).toBe(record.agency_due_at);
    expect(record.accountability).toMatchObject({ transfers: [{ from_agency: "moef", to_agency: "mohw", state: "declined", reason: TRANSFER_REASON, decline_reason: DECLINE }], follow_ups: [{ kind: "further_study" }] });
    expect(JSON.stringify(json)).not.toContain("A secret comment");
    const csv = await ((await ideasCsv({ request: new Request(`http://madang.test/api/v1/ideas.csv?limit=500&status=answered`), context, params: {} } as never)) as Response).text();
    expect(csv.split("\n")[0]).toContain("agency_original_due_at");
    expect(csv).not.toContain("A secret comment");
  });
});
