// Appeals (issue 16, decision 044): the author of a rejected idea or a hidden post appeals once,
// within 14 days, with a reason; only a moderator other than the one who decided rules on it;
// a reversal reopens the idea or shows the post again; the author is told; the figures count it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../app/domain/accounts/permissions";
import { monthFigures, monthOf } from "../../app/domain/admin/transparency.server";
import { commentOnIdea } from "../../app/domain/deliberation/deliberation.server";
import { pendingAppeals, ruleOnAppeal, sendAppeal } from "../../app/domain/moderation/appeals.server";
import { approveIdea } from "../../app/domain/moderation/ideas.server";
import { decideItem } from "../../app/domain/moderation/flags.server";
import { rejectIdea } from "../../app/domain/moderation/ideas.server";
import { createIdea } from "../../db/factories";
import { person } from "../fixtures/roster";
import { openTestDatabase, type TestDatabase } from "./db";
import { liftDailyLimits } from "./harness";

let t: TestDatabase;
let first: Actor;
let second: Actor;
const DAY = 86_400_000;
const REASON = "My idea is about public transport policy, not advertising; please look again.";

const moderatorActor = () => person(t.db, { roles: [{ role: "moderator" }] });

async function rejected(at = new Date()) {
  const author = await person(t.db);
  const ideaId = await createIdea(t.db, { author, title: `Night buses ${Math.random().toString(36).slice(2, 8)}`, createdAt: new Date(at.getTime() - DAY) });
  const status = (await t.db.selectFrom("ideas").select("status").where("id", "=", ideaId).executeTakeFirstOrThrow()).status;
  if (status === "pending") expect(await approveIdea(t.db, second, ideaId, { note: "" }, new Date(at.getTime() - DAY / 2))).toMatchObject({ ok: true });
  expect(await rejectIdea(t.db, first, ideaId, { reason: "Advertising a bus company." }, at)).toMatchObject({ ok: true });
  return { author, ideaId };
}

beforeAll(async () => {
  t = await openTestDatabase();
  await liftDailyLimits(t.db);
  first = await moderatorActor();
  second = await moderatorActor();
}, 180_000);
afterAll(() => t?.close());

describe("appealing", () => {
  it("the author appeals a rejected idea once, with a reason; nobody else may", async () => {
    const { author, ideaId } = await rejected();
    const stranger = await person(t.db);
    expect(await sendAppeal(t.db, stranger, { type: "idea", id: String(ideaId), reason: REASON })).toMatchObject({ ok: false, status: 403 });
    expect(await sendAppeal(t.db, author, { type: "idea", id: String(ideaId), reason: "Too short" })).toMatchObject({ ok: false, status: 400, errors: { reason: [{ key: "appeals.errors.reasonLength" }] } });
    expect(await sendAppeal(t.db, author, { type: "idea", id: String(ideaId), reason: REASON })).toMatchObject({ ok: true });
    expect(await sendAppeal(t.db, author, { type: "idea", id: String(ideaId), reason: REASON })).toMatchObject({ ok: false, status: 409, errors: { _form: [{ key: "appeals.errors.already" }] } });
    expect(await t.db.selectFrom("appeals").select(["author_id", "decided_by_original", "outcome"]).where("idea_id", "=", ideaId).execute()).toEqual([
      { author_id: author.id, decided_by_original: first.id, outcome: null },
    ]);
  });

  it("within 14 days of the decision, not after", async () => {
    const decided = new Date(Date.now() - 20 * DAY);
    const { author, ideaId } = await rejected(decided);
    expect(await sendAppeal(t.db, author, { type: "idea", id: String(ideaId), reason: REASON }, new Date(decided.getTime() + 14 * DAY + 60_000))).toMatchObject({
      ok: false,
      status: 409,
      errors: { _form: [{ key: "appeals.errors.closed" }] },
    });
    expect(await sendAppeal(t.db, author, { type: "idea", id: String(ideaId), reason: REASON }, new Date(decided.getTime() + 13 * DAY))).toMatchObject({ ok: true });
  });

  it("an open idea (nothing decided) cannot be appealed", async () => {
    const author = await person(t.db);
    const ideaId = await createIdea(t.db, { author });
    expect(await sendAppeal(t.db, author, { type: "idea", id: String(ideaId), reason: REASON })).toMatchObject({ ok: false, status: 409 });
  });
});

describe("ruling", () => {
  it("the moderator who rejected may not rule; another reverses, the idea opens again and the author is told", async () => {
    const { author, ideaId } = await rejected();
    expect(await sendAppeal(t.db, author, { type: "idea", id: String(ideaId), reason: REASON })).toMatchObject({ ok: true });
    const appeal = await t.db.selectFrom("appeals").select("id").where("idea_id", "=", ideaId).executeTakeFirstOrThrow();
    const queue = await pendingAppeals(t.db);
    expect(queue.appeals.find((a) => a.id === appeal.id)).toMatchObject({ type: "idea", ideaId, decisionReason: "Advertising a bus company.", reason: REASON });

    expect(await ruleOnAppeal(t.db, first, appeal.id, { outcome: "reversed", reason: "I would like to undo my own decision." })).toMatchObject({
      ok: false,
      status: 403,
      errors: { _form: [{ key: "appeals.errors.ownDecision" }] },
    });
    const citizen = await person(t.db);
    expect(await ruleOnAppeal(t.db, citizen, appeal.id, { outcome: "reversed", reason: "Not a moderator at all here." })).toMatchObject({ ok: false, status: 403 });
    expect(await ruleOnAppeal(t.db, second, appeal.id, { outcome: "maybe", reason: "Not a real outcome here." })).toMatchObject({ ok: false, status: 400, errors: { outcome: expect.anything() } });

    const done = await ruleOnAppeal(t.db, second, appeal.id, { outcome: "reversed", reason: "It proposes a policy; the company is only an example." });
    expect(done, JSON.stringify(done)).toMatchObject({ ok: true });
    const idea = await t.db.selectFrom("ideas").select(["status", "support_ends_at"]).where("id", "=", ideaId).executeTakeFirstOrThrow();
    expect(idea.status).toBe("open");
    expect(new Date(idea.support_ends_at!).getTime()).toBeGreaterThan(Date.now());
    const events = await t.db.selectFrom("idea_events").select(["from_status", "to_status", "actor_id"]).where("idea_id", "=", ideaId).orderBy("id", "desc").limit(1).execute();
    expect(events).toEqual([{ from_status: "rejected", to_status: "open", actor_id: second.id }]);
    const notices = await t.db.selectFrom("notifications").select(["kind", "payload"]).where("user_id", "=", author.id).where("kind", "=", "moderation_notice").execute();
    expect(JSON.stringify(notices)).toContain("It proposes a policy; the company is only an example.");
    expect(await t.db.selectFrom("appeals").select(["outcome", "decided_by"]).where("id", "=", appeal.id).executeTakeFirstOrThrow()).toEqual({ outcome: "reversed", decided_by: second.id });
    // Ruled once.
    expect(await ruleOnAppeal(t.db, second, appeal.id, { outcome: "upheld", reason: "Changing my mind afterwards." })).toMatchObject({ ok: false, status: 409 });
    const audit = await t.db.selectFrom("audit_log").select(["action", "actor_id"]).where("target_type", "=", "appeal").where("target_id", "=", String(appeal.id)).execute();
    expect(audit).toEqual([{ action: "moderation.appealRuled", actor_id: second.id }]);
  });

  it("an upheld appeal leaves the idea rejected; a hidden post's appeal reversed shows the post again", async () => {
    const { author, ideaId } = await rejected();
    await sendAppeal(t.db, author, { type: "idea", id: String(ideaId), reason: REASON });
    const appeal = await t.db.selectFrom("appeals").select("id").where("idea_id", "=", ideaId).executeTakeFirstOrThrow();
    expect(await ruleOnAppeal(t.db, second, appeal.id, { outcome: "upheld", reason: "It advertises one company by name." })).toMatchObject({ ok: true });
    expect((await t.db.selectFrom("ideas").select("status").where("id", "=", ideaId).executeTakeFirstOrThrow()).status).toBe("rejected");

    const open = await createIdea(t.db, { author: await person(t.db) });
    await t.db.updateTable("ideas").set({ status: "open" }).where("id", "=", open).execute();
    const commenter = await person(t.db);
    const comment = await commentOnIdea(t.db, commenter, open, { body: "A sharp but fair comment on this idea.", stance: "against" });
    if (!comment.ok) throw new Error(JSON.stringify(comment));
    expect(await decideItem(t.db, first, { targetType: "post", targetId: String(comment.postId), decision: "hide", reason: "abuse", note: "" })).toMatchObject({ ok: true });
    expect(await sendAppeal(t.db, commenter, { type: "post", id: String(comment.postId), reason: REASON })).toMatchObject({ ok: true });
    const postAppeal = await t.db.selectFrom("appeals").select(["id", "decided_by_original"]).where("post_id", "=", comment.postId).executeTakeFirstOrThrow();
    expect(postAppeal.decided_by_original).toBe(first.id);
    expect(await ruleOnAppeal(t.db, first, postAppeal.id, { outcome: "reversed", reason: "My own decision again here." })).toMatchObject({ ok: false, status: 403 });
    expect(await ruleOnAppeal(t.db, second, postAppeal.id, { outcome: "reversed", reason: "Sharp, but not abusive." })).toMatchObject({ ok: true });
    expect(await t.db.selectFrom("posts").select("hidden_at").where("id", "=", comment.postId).executeTakeFirstOrThrow()).toEqual({ hidden_at: null });
  });

  it("the month's transparency figures count appeals received, upheld and reversed", async () => {
    const figures = await monthFigures(t.db, monthOf(new Date()));
    expect(figures!.appeals.received).toBeGreaterThanOrEqual(4);
    expect(figures!.appeals.upheld).toBe(1);
    expect(figures!.appeals.reversed).toBe(2);
  });
});
