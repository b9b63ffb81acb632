// The answer's lifecycle (issue 15): an extension once per step with a public reason and the
// original due date kept; interim replies; a draft private to the agency; revisions, every
// version readable with what changed, followers told.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../app/domain/accounts/permissions";
import { extendDeadline, postInterimReply, reviseAnswer, saveDraft } from "../../app/domain/agencies/answers.server";
import { agencyRecord } from "../../app/domain/agencies/queries.server";
import { setFollow } from "../../app/domain/ideas/ideas.server";
import { answerIdea, postProgress } from "../../app/domain/workflow/workflow.server";
import { citizenActor, createUser } from "../../db/factories";
import { ANSWER, ideaAt } from "../fixtures/pipeline";
import { rosterIn } from "../fixtures/roster";
import { openTestDatabase, type TestDatabase } from "./db";

let t: TestDatabase;
let chair: Actor;
let officer: Actor;
let outsider: Actor;
beforeAll(async () => {
  t = await openTestDatabase();
  ({ chair, officer, otherOfficer: outsider } = await rosterIn(t.db));
});
afterAll(() => t?.close());

const REASON = "We asked the sixteen regional offices for their figures; they reply by the end of next week.";
const REVISED = "The ministry accepts the proposal. Twelve pilot centres open in 2027, funded from the regional budget, and the results are published each quarter.";

const underReview = (forwardedAt = new Date()) => ideaAt(t.db, "under_review", { chair, forwardedAt });

const idea = (id: number) => t.db.selectFrom("ideas").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
const kinds = async (id: number) => (await t.db.selectFrom("idea_events").select("kind").where("idea_id", "=", id).orderBy("id").execute()).map((e) => e.kind);

describe("extensions", () => {
  it("the officer extends once, by business days after the current due date, with a public reason; the original is kept", async () => {
    // Forwarded on Friday 18 September 2026: due at the end of Friday 23 October (21 business days).
    const { ideaId } = await underReview(new Date("2026-09-18T03:00:00Z"));
    const askedAt = new Date("2026-10-20T01:00:00Z");
    expect(await extendDeadline(t.db, officer, ideaId, "agency", { days: "5", reason: "Too short." }, askedAt)).toMatchObject({
      ok: false,
      status: 400,
      errors: { reason: [{ key: "agencyWork.errors.extensionReason" }] },
    });
    expect(await extendDeadline(t.db, officer, ideaId, "agency", { days: "11", reason: REASON }, askedAt)).toMatchObject({
      ok: false,
      status: 400,
      errors: { days: [{ key: "agencyWork.errors.daysMax", values: { max: 10 } }] },
    });
    expect(await extendDeadline(t.db, outsider, ideaId, "agency", { days: "5", reason: REASON }, askedAt)).toMatchObject({ ok: false, status: 403 });
    expect(await extendDeadline(t.db, chair, ideaId, "agency", { days: "5", reason: REASON }, askedAt)).toMatchObject({ ok: false, status: 403 });
    // Five business days after Friday 23 October: 26–30 October → the end of Friday 30 October.
    const done = await extendDeadline(t.db, officer, ideaId, "agency", { days: "5", reason: REASON, expectedStatus: "under_review" }, askedAt);
    expect(done).toMatchObject({ ok: true, status: "under_review", dueAt: "2026-10-30T15:00:00.000Z" });
    expect(new Date((await idea(ideaId)).agency_due_at!).toISOString()).toBe("2026-10-30T15:00:00.000Z");
    const row = await t.db.selectFrom("step_extensions").selectAll().where("idea_id", "=", ideaId).executeTakeFirstOrThrow();
    expect(new Date(row.original_due_at).toISOString()).toBe("2026-10-23T15:00:00.000Z");
    expect(row).toMatchObject({ step: "agency", business_days: 5, reason: REASON, requested_by: officer.id });
    expect(await kinds(ideaId)).toContain("extended");
    // Once per step.
    expect(await extendDeadline(t.db, officer, ideaId, "agency", { days: "2", reason: REASON }, askedAt)).toMatchObject({
      ok: false,
      status: 409,
      errors: { days: [{ key: "agencyWork.errors.alreadyExtended" }] },
    });
    const audit = await t.db.selectFrom("audit_log").select(["action", "actor_id"]).where("target_id", "=", String(ideaId)).where("action", "=", "deadline.extend").execute();
    expect(audit).toEqual([{ action: "deadline.extend", actor_id: officer.id }]);
    // Public: anyone reads the extension with both dates and the reason.
    const record = await agencyRecord(t.db, await idea(ideaId), null);
    expect(record.extensions).toMatchObject([{ step: "agency", original_due_at: "2026-10-23T15:00:00.000Z", new_due_at: "2026-10-30T15:00:00.000Z", reason: REASON }]);
  });

  it("is refused once the deadline has passed", async () => {
    const { ideaId } = await underReview(new Date("2026-09-18T03:00:00Z"));
    expect(await extendDeadline(t.db, officer, ideaId, "agency", { days: "5", reason: REASON }, new Date("2026-10-23T15:00:00Z"))).toMatchObject({
      ok: false,
      status: 409,
      errors: { days: [{ key: "agencyWork.errors.extensionLate" }] },
    });
  });
});

describe("interim replies and drafts", () => {
  it("an interim reply is public and changes no status; only the agency's officers post one", async () => {
    const { ideaId } = await underReview();
    expect(await postInterimReply(t.db, outsider, ideaId, { body: REASON })).toMatchObject({ ok: false, status: 403 });
    expect(await postInterimReply(t.db, officer, ideaId, { body: "short" })).toMatchObject({ ok: false, status: 400, errors: { body: [{ key: "agencyWork.errors.interimLength" }] } });
    expect(await postInterimReply(t.db, officer, ideaId, { body: REASON })).toMatchObject({ ok: true, status: "under_review" });
    expect((await idea(ideaId)).status).toBe("under_review");
    expect(await kinds(ideaId)).toContain("interim_reply");
    const record = await agencyRecord(t.db, await idea(ideaId), null);
    expect(record.interim).toHaveLength(1);
    expect(record.interim[0].body_html).toContain("sixteen regional offices");
  });

  it("a draft is seen by the agency's officers only, and publishing the answer removes it", async () => {
    const { ideaId } = await underReview();
    expect(await saveDraft(t.db, outsider, ideaId, { outcome: "accepted", answer: "Draft" })).toMatchObject({ ok: false, status: 403 });
    expect(await saveDraft(t.db, officer, ideaId, { outcome: "", answer: "First thoughts, not for the public yet." })).toMatchObject({ ok: true });
    expect(await saveDraft(t.db, officer, ideaId, { outcome: "accepted", answer: ANSWER })).toMatchObject({ ok: true });
    expect((await agencyRecord(t.db, await idea(ideaId), officer)).draft).toMatchObject({ outcome: "accepted", answer: ANSWER });
    for (const reader of [null, outsider, chair]) expect((await agencyRecord(t.db, await idea(ideaId), reader)).draft).toBeNull();
    // A draft is no answer: the idea is still under review, with nothing published.
    expect(await idea(ideaId)).toMatchObject({ status: "under_review", official_answer: null });
    expect((await answerIdea(t.db, officer, ideaId, { outcome: "accepted", answer: ANSWER })).ok).toBe(true);
    expect((await agencyRecord(t.db, await idea(ideaId), officer)).draft).toBeNull();
  });
});

describe("revisions", () => {
  it("a revision keeps every version readable with what changed, and tells the author and followers", async () => {
    const { ideaId, author } = await underReview();
    const follower = await createUser(t.db);
    expect((await setFollow(t.db, citizenActor(follower.id), ideaId, true)).ok).toBe(true);
    expect((await answerIdea(t.db, officer, ideaId, { outcome: "accepted", answer: ANSWER })).ok).toBe(true);
    expect(await reviseAnswer(t.db, officer, ideaId, { answer: ANSWER, reason: "Nothing really changed here." })).toMatchObject({
      ok: false,
      status: 400,
      errors: { answer: [{ key: "agencyWork.errors.unchanged" }] },
    });
    expect(await reviseAnswer(t.db, officer, ideaId, { answer: REVISED, reason: "short" })).toMatchObject({ ok: false, status: 400, errors: { reason: [{ key: "agencyWork.errors.revisionReason" }] } });
    expect(await reviseAnswer(t.db, outsider, ideaId, { answer: REVISED, reason: "The budget office confirmed two more centres." })).toMatchObject({ ok: false, status: 403 });
    const done = await reviseAnswer(t.db, officer, ideaId, { answer: REVISED, reason: "The budget office confirmed two more centres." });
    expect(done).toMatchObject({ ok: true, status: "answered", version: 2 });
    expect(await idea(ideaId)).toMatchObject({ official_answer: REVISED, outcome: "accepted" });
    const record = await agencyRecord(t.db, await idea(ideaId), null);
    expect(record.versions.map((v) => v.version)).toEqual([2, 1]);
    expect(record.versions[0]).toMatchObject({ reason: "The budget office confirmed two more centres." });
    expect(record.versions[0].changes).toEqual(
      expect.arrayContaining([
        { op: "removed", text: "Ten" },
        { op: "added", text: "Twelve" },
      ]),
    );
    expect(record.versions[1].answer_html).toContain("Ten pilot centres");
    const told = await t.db.selectFrom("notifications").select("user_id").where("idea_id", "=", ideaId).where("kind", "=", "answer_revised").execute();
    expect(told.map((n) => n.user_id).sort()).toEqual([author.id, follower.id].sort());
    expect(await kinds(ideaId)).toContain("answer_revised");
    const audit = await t.db.selectFrom("audit_log").select("action").where("target_id", "=", String(ideaId)).where("action", "=", "answer.revise").execute();
    expect(audit).toHaveLength(1);
  });

  it("once implementation has begun the outcome stands, but the words may be corrected", async () => {
    const { ideaId } = await underReview();
    expect((await answerIdea(t.db, officer, ideaId, { outcome: "accepted", answer: ANSWER })).ok).toBe(true);
    expect((await postProgress(t.db, officer, ideaId, { percent: "20", note: "Sites chosen in four regions." })).ok).toBe(true);
    expect(await reviseAnswer(t.db, officer, ideaId, { outcome: "not_accepted", answer: REVISED, reason: "The budget was cut by the assembly." })).toMatchObject({
      ok: false,
      status: 409,
      errors: { outcome: [{ key: "agencyWork.errors.outcomeFixed" }] },
    });
    expect(await reviseAnswer(t.db, officer, ideaId, { outcome: "", answer: REVISED, reason: "A typing error in the number of centres." })).toMatchObject({ ok: true, status: "implementing", version: 2 });
  });

  it("two revisions at once make two versions, never the same number twice", async () => {
    const { ideaId } = await underReview();
    expect((await answerIdea(t.db, officer, ideaId, { outcome: "accepted", answer: ANSWER })).ok).toBe(true);
    const results = await Promise.all(
      [REVISED, `${REVISED} Updated.`].map((answer) => reviseAnswer(t.db, officer, ideaId, { answer, reason: "Corrections from the budget office." })),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    const versions = await t.db.selectFrom("answer_revisions").select("version").where("idea_id", "=", ideaId).orderBy("version").execute();
    expect(versions.map((v) => v.version)).toEqual([1, 2, 3]);
  });
});
