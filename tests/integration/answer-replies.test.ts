// The remaining parts of issues 14 and 15 (decision 055), against a real database with a
// controllable clock: the agency's replies to the open questions of the frozen deliberation
// digest (stored per answer version, kept with the draft, revised, public, in open data); an
// extension once per step and holder (a receiving agency after a transfer, each follow-up
// answer); reminders before a transfer's reply period ends, and what its lapse tells.
import type { AppLoadContext } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../app/domain/accounts/permissions";
import { extendDeadline, reviseAnswer, saveDraft } from "../../app/domain/agencies/answers.server";
import { promisedAndDelivered } from "../../app/domain/agencies/history.server";
import { agencyRecord } from "../../app/domain/agencies/queries.server";
import { sendDeadlineReminders } from "../../app/domain/agencies/reminders.server";
import { acceptTransfer, lapseTransfers, proposeTransfer } from "../../app/domain/agencies/transfers.server";
import { saveDigest } from "../../app/domain/committees/digest.server";
import { createPost } from "../../app/domain/deliberation/deliberation.server";
import { ideaPage } from "../../app/domain/ideas/page.server";
import { answerIdea, recordRecommendation } from "../../app/domain/workflow/workflow.server";
import { loader as ideasJson } from "../../app/routes/api.v1.ideas";
import { holdCommitteeVote } from "../../db/factories";
import { ANSWER, RATIONALE, ideaAt, STUDY, CONCLUSION, TRANSFER_REASON } from "../fixtures/pipeline";
import { bodiesIn, person, rosterIn } from "../fixtures/roster";
import { openTestDatabase, type TestDatabase } from "./db";

let t: TestDatabase;
let moef = 0;
let mohw = 0;
let chair: Actor;
let member: Actor;
let officer: Actor;
let receiver: Actor;

const QUESTIONS = ["What would the pilot cost per region?", "Which regions have the longest waiting lists?", "Who evaluates the pilot?"];
const REPLY_COST = "About 1.2 billion won per region per year, from the regional development fund.";
const REPLY_REGIONS = "Gangwon and North Gyeongsang, according to the 2025 survey.";
const REPLY_EVALUATION = "An outside institute chosen by open tender evaluates it after one year.";
const MORE_TIME = "The regional offices need two more weeks to send the figures on waiting lists that the answer relies on.";

beforeAll(async () => {
  t = await openTestDatabase();
  ({ moef, mohw } = await bodiesIn(t.db));
  ({ chair, member, officer, otherOfficer: receiver } = await rosterIn(t.db));
});
afterAll(() => t?.close());

/** An idea forwarded to the economy ministry at `at` with a frozen digest holding three open questions. */
async function forwardedWithQuestions(at = new Date()) {
  const { ideaId, author } = await ideaAt(t.db, "in_deliberation", { chair });
  const thread = await t.db.selectFrom("threads").select("id").where("idea_id", "=", ideaId).where("kind", "=", "committee").executeTakeFirstOrThrow();
  const post = await createPost(t.db, member, thread.id, { body: "Waiting lists are longest in rural regions.", stance: "for" });
  if (!post.ok) throw new Error(JSON.stringify(post));
  const saved = await saveDigest(t.db, chair, ideaId, { for1: "Rural waiting lists are long.", for1Posts: String(post.postId), questions: QUESTIONS.join("\n"), evidence: "" });
  expect(saved.ok).toBe(true);
  await holdCommitteeVote(t.db, ideaId, { at: new Date(at.getTime() - 60_000) });
  expect(await recordRecommendation(t.db, chair, ideaId, { decision: "forward", agencyId: String(moef), rationale: RATIONALE }, { now: at })).toMatchObject({ ok: true });
  return { ideaId, author };
}

const replyRows = (ideaId: number) =>
  t.db.selectFrom("answer_question_replies").select(["version", "question_index", "question", "reply"]).where("idea_id", "=", ideaId).orderBy("version").orderBy("question_index").execute();

const context = () => ({ services: t.services, actor: null, locale: "en", clientIp: "127.0.0.1", nonce: "test" }) as AppLoadContext;

async function openDataRecord(ideaId: number) {
  const response = (await ideasJson({ request: new Request("http://madang.test/api/v1/ideas?limit=500"), context: context(), params: {} } as never)) as Response;
  const json = (await response.json()) as { data: { id: number; accountability: { answer_versions: { version: number; question_replies: unknown[] }[]; extensions: unknown[] } }[] };
  return { record: json.data.find((d) => d.id === ideaId)!, text: JSON.stringify(json) };
}

describe("replies to the digest's open questions", () => {
  it("are kept with the draft for the agency alone, published with the answer, shown under each question and in open data", async () => {
    const { ideaId } = await forwardedWithQuestions();
    // The officer sees the three questions on the page, with nothing answered yet.
    const page = await ideaPage(t.db, ideaId, officer, "en");
    expect(page!.openQuestions).toEqual(QUESTIONS);
    expect(page!.answerReplies).toEqual([]);

    // A reply too long is refused next to its field; nothing is kept.
    const long = await answerIdea(t.db, officer, ideaId, { outcome: "accepted", answer: ANSWER, reply1: "x".repeat(5_001) });
    expect(long).toMatchObject({ ok: false, status: 400, errors: { reply1: [{ key: "answerReplies.errors.length", values: { max: 5000 } }] } });

    // The draft keeps the replies; only the agency's officers read them; not the open data.
    expect((await saveDraft(t.db, officer, ideaId, { outcome: "accepted", answer: ANSWER, reply0: REPLY_COST, reply1: "", reply2: "Draft: an institute, to be chosen." })).ok).toBe(true);
    const forOfficer = await agencyRecord(t.db, { id: ideaId, agency_id: moef, official_answer: null }, officer);
    expect(forOfficer.draft?.replies).toEqual([REPLY_COST, "", "Draft: an institute, to be chosen."]);
    expect((await agencyRecord(t.db, { id: ideaId, agency_id: moef, official_answer: null }, null)).draft).toBeNull();
    expect((await openDataRecord(ideaId)).text).not.toContain("Draft: an institute");

    // Published with two of the three questions answered: allowed; the empty one has no row.
    expect(await answerIdea(t.db, officer, ideaId, { outcome: "accepted", answer: ANSWER, reply0: REPLY_COST, reply1: "", reply2: REPLY_EVALUATION })).toMatchObject({ ok: true, status: "answered" });
    expect(await replyRows(ideaId)).toEqual([
      { version: 1, question_index: 0, question: QUESTIONS[0], reply: REPLY_COST },
      { version: 1, question_index: 2, question: QUESTIONS[2], reply: REPLY_EVALUATION },
    ]);

    // A visitor reads them under the questions (the page's data) and in the open data.
    const visitor = await ideaPage(t.db, ideaId, null, "en");
    expect(visitor!.openQuestions).toEqual(QUESTIONS);
    expect(visitor!.answerReplies.map((r) => [r.question_index, r.reply])).toEqual([
      [0, REPLY_COST],
      [2, REPLY_EVALUATION],
    ]);
    const { record } = await openDataRecord(ideaId);
    expect(record.accountability.answer_versions).toEqual([
      expect.objectContaining({
        version: 1,
        question_replies: [
          { question_index: 0, question: QUESTIONS[0], reply: REPLY_COST },
          { question_index: 2, question: QUESTIONS[2], reply: REPLY_EVALUATION },
        ],
      }),
    ]);
  });

  it("a revision can add, change or keep each reply; every version keeps its own, readable", async () => {
    const { ideaId } = await forwardedWithQuestions();
    expect((await answerIdea(t.db, officer, ideaId, { outcome: "accepted", answer: ANSWER, reply0: REPLY_COST })).ok).toBe(true);
    // Only a reply changes: that is a revision (the reply fields not sent keep their replies).
    const revised = await reviseAnswer(t.db, officer, ideaId, { answer: ANSWER, reason: "The regions with the longest waiting lists are now named.", reply1: REPLY_REGIONS });
    expect(revised).toMatchObject({ ok: true, version: 2 });
    // The same again changes nothing and is refused.
    expect(await reviseAnswer(t.db, officer, ideaId, { answer: ANSWER, reason: "Nothing new, sent twice by mistake today.", reply0: REPLY_COST, reply1: REPLY_REGIONS })).toMatchObject({
      ok: false,
      status: 400,
      errors: { answer: [{ key: "agencyWork.errors.unchanged" }] },
    });
    // A reply sent empty removes it from the new version.
    expect((await reviseAnswer(t.db, officer, ideaId, { answer: ANSWER, reason: "The cost is withdrawn until the budget is final.", reply0: "" })).ok).toBe(true);
    expect((await replyRows(ideaId)).map((r) => [r.version, r.question_index, r.reply])).toEqual([
      [1, 0, REPLY_COST],
      [2, 0, REPLY_COST],
      [2, 1, REPLY_REGIONS],
      [3, 1, REPLY_REGIONS],
    ]);
    // The page shows the latest replies under the questions, and each version with what changed.
    const page = await ideaPage(t.db, ideaId, null, "en");
    expect(page!.answerReplies.map((r) => r.question_index)).toEqual([1]);
    const versions = page!.agency.versions;
    expect(versions.map((v) => [v.version, v.replies.length, v.changedReplies])).toEqual([
      [3, 1, [0]],
      [2, 2, [1]],
      [1, 1, []],
    ]);
    const { record } = await openDataRecord(ideaId);
    expect(record.accountability.answer_versions.map((v) => v.question_replies.length)).toEqual([1, 2, 1]);
  });

  it("an idea without a frozen digest is answered as before, with no replies", async () => {
    const { ideaId } = await ideaAt(t.db, "under_review", { chair });
    // As an idea recommended before the digest was required (decision 034, amended) has none.
    await t.db.deleteFrom("deliberation_digests").where("idea_id", "=", ideaId).execute();
    expect((await answerIdea(t.db, officer, ideaId, { outcome: "accepted", answer: ANSWER, reply0: "A reply to no question." })).ok).toBe(true);
    expect(await replyRows(ideaId)).toEqual([]);
    expect((await ideaPage(t.db, ideaId, null, "en"))!.openQuestions).toEqual([]);
  });
});

describe("extensions: once per step and holder", () => {
  it("the receiving agency after an accepted transfer holds a new step and may extend it once; both agencies' records count their own", async () => {
    // Forwarded on Monday 2 November 2026: due at the end of Tuesday 1 December (21 business days).
    const { ideaId } = await ideaAt(t.db, "under_review", { chair, forwardedAt: new Date("2026-11-02T01:00:00Z") });
    const at = new Date("2026-11-03T01:00:00Z");
    expect(await extendDeadline(t.db, officer, ideaId, "agency", { days: "5", reason: MORE_TIME }, at)).toMatchObject({ ok: true, dueAt: "2026-12-08T15:00:00.000Z" });
    expect(await extendDeadline(t.db, officer, ideaId, "agency", { days: "5", reason: MORE_TIME }, at)).toMatchObject({ ok: false, status: 409, errors: { days: [{ key: "agencyWork.errors.alreadyExtended" }] } });
    expect((await proposeTransfer(t.db, officer, ideaId, { agencyId: String(mohw), reason: TRANSFER_REASON }, at)).ok).toBe(true);
    // Accepted on Wednesday 4 November: a full period of its own, due at the end of Thursday 3 December.
    const accepted = await acceptTransfer(t.db, receiver, ideaId, new Date("2026-11-04T01:00:00Z"));
    expect(accepted).toMatchObject({ ok: true, dueAt: "2026-12-03T15:00:00.000Z" });
    // The page tells the receiving officer the step is theirs to extend once.
    const page = await ideaPage(t.db, ideaId, receiver, "en", new Date("2026-11-05T01:00:00Z"));
    expect(page!.extension).toEqual({ step: "agency", used: false, afterTransfer: true });
    const later = new Date("2026-11-05T01:00:00Z");
    expect(await extendDeadline(t.db, receiver, ideaId, "agency", { days: "3", reason: MORE_TIME }, later)).toMatchObject({ ok: true, dueAt: "2026-12-08T15:00:00.000Z" });
    expect(await extendDeadline(t.db, receiver, ideaId, "agency", { days: "1", reason: MORE_TIME }, later)).toMatchObject({ ok: false, status: 409 });
    expect((await ideaPage(t.db, ideaId, receiver, "en", later))!.extension).toMatchObject({ used: true });
    const rows = await t.db.selectFrom("step_extensions").select(["agency_id", "original_due_at", "new_due_at"]).where("idea_id", "=", ideaId).orderBy("id").execute();
    expect(rows.map((r) => [r.agency_id, new Date(r.original_due_at).toISOString(), new Date(r.new_due_at).toISOString()])).toEqual([
      [moef, "2026-12-01T15:00:00.000Z", "2026-12-08T15:00:00.000Z"],
      [mohw, "2026-12-03T15:00:00.000Z", "2026-12-08T15:00:00.000Z"],
    ]);
    // The timeline shows both extensions.
    const events = await t.db.selectFrom("idea_events").select("kind").where("idea_id", "=", ideaId).where("kind", "=", "extended").execute();
    expect(events).toHaveLength(2);
    // Answered after its original date, within the extended one: on time only against the extended date.
    const before = await promisedAndDelivered(t.db, mohw);
    expect((await answerIdea(t.db, receiver, ideaId, { outcome: "accepted", answer: ANSWER }, new Date("2026-12-07T01:00:00Z"))).ok).toBe(true);
    const after = await promisedAndDelivered(t.db, mohw);
    expect(after.onTimeOriginal - before.onTimeOriginal).toBe(0);
    expect(after.onTimeExtended - before.onTimeExtended).toBe(1);
    expect(after.extensions.map((e) => e.idea_id)).toContain(ideaId);
    // The proposing agency keeps its own extension on its record.
    expect((await promisedAndDelivered(t.db, moef)).extensions.map((e) => e.idea_id)).toContain(ideaId);
  });

  it("a follow-up answer is a step of its own: extended once, before it is due, with its reminders moved and its record counted", async () => {
    const { ideaId } = await ideaAt(t.db, "under_review", { chair, forwardedAt: new Date("2026-10-05T01:00:00Z") });
    const answeredAt = new Date("2026-10-06T01:00:00Z");
    // Further study: the follow-up answer is due at the end of Friday 30 October 2026.
    expect((await answerIdea(t.db, officer, ideaId, { outcome: "further_study", answer: STUDY, followUpDate: "2026-10-30" }, answeredAt)).ok).toBe(true);
    const page = await ideaPage(t.db, ideaId, officer, "en", answeredAt);
    expect(page!.extension).toEqual({ step: "follow_up", used: false, afterTransfer: false });
    expect((await ideaPage(t.db, ideaId, receiver, "en", answeredAt))!.actions).not.toContain("extendFollowUp");
    expect(await extendDeadline(t.db, receiver, ideaId, "follow_up", { days: "5", reason: MORE_TIME }, answeredAt)).toMatchObject({ ok: false, status: 403 });
    expect(await extendDeadline(t.db, officer, ideaId, "follow_up", { days: "11", reason: MORE_TIME }, answeredAt)).toMatchObject({ ok: false, status: 400, errors: { days: [{ key: "agencyWork.errors.daysMax" }] } });
    // Five business days after Friday 30 October: Friday 6 November.
    const extendedAt = new Date("2026-10-20T01:00:00Z");
    expect(await extendDeadline(t.db, officer, ideaId, "follow_up", { days: "5", reason: MORE_TIME }, extendedAt)).toMatchObject({ ok: true, dueAt: "2026-11-06T15:00:00.000Z" });
    expect(await extendDeadline(t.db, officer, ideaId, "follow_up", { days: "5", reason: MORE_TIME }, extendedAt)).toMatchObject({ ok: false, status: 409, errors: { days: [{ key: "agencyWork.errors.alreadyExtended" }] } });
    const followUp = await t.db.selectFrom("follow_ups").select(["id", "due_at"]).where("idea_id", "=", ideaId).executeTakeFirstOrThrow();
    expect(new Date(followUp.due_at).toISOString()).toBe("2026-11-06T15:00:00.000Z");
    const ext = await t.db.selectFrom("step_extensions").selectAll().where("idea_id", "=", ideaId).executeTakeFirstOrThrow();
    expect(ext).toMatchObject({ step: "follow_up", follow_up_id: followUp.id, agency_id: moef });
    expect(new Date(ext.original_due_at).toISOString()).toBe("2026-10-30T15:00:00.000Z");
    const event = await t.db.selectFrom("idea_events").select(["kind", "note"]).where("idea_id", "=", ideaId).where("kind", "=", "follow_up_extended").execute();
    expect(event).toEqual([{ kind: "follow_up_extended", note: MORE_TIME }]);
    // No reminder for the old due date (Tuesday 27 October would have been three business days before it).
    await sendDeadlineReminders(t.db, new Date("2026-10-27T01:00:00Z"));
    const reminders = () => t.db.selectFrom("deadline_reminders").select(["step", "due_at", "kind"]).where("idea_id", "=", ideaId).execute();
    expect(await reminders()).toEqual([]);
    // Three business days before Friday 6 November: Tuesday 3 November.
    await sendDeadlineReminders(t.db, new Date("2026-11-03T01:00:00Z"));
    expect((await reminders()).map((r) => [r.step, new Date(r.due_at).toISOString(), r.kind])).toEqual([["follow_up", "2026-11-06T15:00:00.000Z", "before_3"]]);
    // Given after the first date and before the extended one.
    const before = await promisedAndDelivered(t.db, moef);
    expect((await reviseAnswer(t.db, officer, ideaId, { outcome: "partially_accepted", answer: CONCLUSION, reason: "The study is finished and the ministry concludes." }, new Date("2026-11-04T01:00:00Z"))).ok).toBe(true);
    const after = await promisedAndDelivered(t.db, moef);
    expect(after.followUps.given - before.followUps.given).toBe(1);
    expect(after.followUps.onTimeOriginal - before.followUps.onTimeOriginal).toBe(0);
    expect(after.followUps.onTimeExtended - before.followUps.onTimeExtended).toBe(1);
    expect(after.followUps.extended).toBeGreaterThanOrEqual(1);
    const { record } = await openDataRecord(ideaId);
    expect(record.accountability.extensions).toEqual([expect.objectContaining({ step: "follow_up", agency: "moef", reason: MORE_TIME })]);
  });
});

describe("a transfer's reply period", () => {
  it("reminds the receiving agency's officers three and one business days before it ends, once each; a lapse tells the proposing agency", async () => {
    // The Ministry of Education's officers are this test's alone.
    const moe = (await t.db.selectFrom("agencies").select("id").where("slug", "=", "moe").executeTakeFirstOrThrow()).id;
    const receivers = [await person(t.db, { roles: [{ role: "agency_officer", agency: "moe" }] }), await person(t.db, { roles: [{ role: "agency_officer", agency: "moe" }] })];
    const { ideaId } = await ideaAt(t.db, "under_review", { chair, forwardedAt: new Date("2026-11-02T01:00:00Z") });
    // Proposed on Tuesday 3 November: the reply is due at the end of Tuesday 10 November.
    expect((await proposeTransfer(t.db, officer, ideaId, { agencyId: String(moe), reason: TRANSFER_REASON }, new Date("2026-11-03T01:00:00Z"))).ok).toBe(true);
    const notices = () =>
      t.db
        .selectFrom("notifications")
        .select(["user_id", "kind", "payload", "email"])
        .where("idea_id", "=", ideaId)
        .where("kind", "in", ["deadline_in_3", "deadline_in_1", "escalated", "transfer_lapsed"])
        .orderBy("id")
        .execute();
    const to = (kind: string) => async () => (await notices()).filter((n) => n.kind === kind).map((n) => n.user_id).sort();
    const ids = receivers.map((r) => r.id).sort();
    // Wednesday 4 November, 23:00 in Seoul: not yet.
    await sendDeadlineReminders(t.db, new Date("2026-11-04T14:00:00Z"));
    expect(await notices()).toEqual([]);
    // Thursday 5 November (three business days before Tuesday 10: 5, 6, 9), twice.
    await sendDeadlineReminders(t.db, new Date("2026-11-04T15:30:00Z"));
    await sendDeadlineReminders(t.db, new Date("2026-11-05T05:00:00Z"));
    expect(await to("deadline_in_3")()).toEqual(ids);
    expect((await notices()).every((n) => (n.payload as { step: string }).step === "transfer_reply" && n.email)).toBe(true);
    // Monday 9 November, the business day before.
    await Promise.all([sendDeadlineReminders(t.db, new Date("2026-11-09T01:00:00Z")), sendDeadlineReminders(t.db, new Date("2026-11-09T01:00:01Z"))]);
    expect(await to("deadline_in_1")()).toEqual(ids);
    expect(await notices()).toHaveLength(4);
    // The reply period ends: the proposal lapses, the proposing agency is told, nothing escalates.
    const end = new Date("2026-11-10T15:00:00Z");
    expect(await lapseTransfers(t.db, end)).toBeGreaterThanOrEqual(1);
    await sendDeadlineReminders(t.db, new Date("2026-11-30T15:00:00Z"));
    const lapsed = (await notices()).filter((n) => n.kind === "transfer_lapsed");
    expect(lapsed.map((n) => n.user_id)).toContain(officer.id);
    expect(lapsed.map((n) => n.user_id)).not.toContain(receivers[0].id);
    expect((await notices()).filter((n) => n.kind === "escalated" || (n.payload as { step?: string }).step === "transfer_reply")).toHaveLength(4);
    // The idea stays with the proposing agency, its due date unchanged, on the timeline.
    const row = await t.db.selectFrom("ideas").select(["agency_id", "agency_due_at"]).where("id", "=", ideaId).executeTakeFirstOrThrow();
    expect(row.agency_id).toBe(moef);
    expect(new Date(row.agency_due_at!).toISOString()).toBe("2026-12-01T15:00:00.000Z");
    expect((await t.db.selectFrom("idea_events").select("kind").where("idea_id", "=", ideaId).where("kind", "=", "transfer_lapsed").execute()).length).toBe(1);
  });

  it("an accepted transfer ends its reminders", async () => {
    const { ideaId } = await ideaAt(t.db, "under_review", { chair, forwardedAt: new Date("2026-11-02T01:00:00Z") });
    expect((await proposeTransfer(t.db, officer, ideaId, { agencyId: String(mohw), reason: TRANSFER_REASON }, new Date("2026-11-03T01:00:00Z"))).ok).toBe(true);
    expect((await acceptTransfer(t.db, receiver, ideaId, new Date("2026-11-04T01:00:00Z"))).ok).toBe(true);
    await sendDeadlineReminders(t.db, new Date("2026-11-05T01:00:00Z"));
    const rows = await t.db.selectFrom("deadline_reminders").select("step").where("idea_id", "=", ideaId).where("step", "=", "transfer_reply").execute();
    expect(rows).toEqual([]);
  });
});
