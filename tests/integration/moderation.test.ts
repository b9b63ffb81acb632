import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../app/domain/accounts/permissions";
import { grantsOf } from "../../app/domain/accounts/roles.server";
import { commentOnIdea, createPost, createThread, editPost } from "../../app/domain/deliberation/deliberation.server";
import { submitIdea } from "../../app/domain/ideas/ideas.server";
import { parseListParams } from "../../app/domain/ideas/list";
import { ideaVisibleTo } from "../../app/domain/ideas/permissions";
import { listIdeas } from "../../app/domain/ideas/queries.server";
import { supportIdea, withdrawSupport } from "../../app/domain/ideas/supports.server";
import { liftSuspension, PERMANENT, suspendAccount } from "../../app/domain/moderation/accounts.server";
import { addBlockedTerm } from "../../app/domain/moderation/blocklist.server";
import { decideItem, flagContent } from "../../app/domain/moderation/flags.server";
import { approveIdea, mergeIdea, rejectIdea } from "../../app/domain/moderation/ideas.server";
import { invalidateSupports, previewInvalidation, reverseInvalidation, supportLimits } from "../../app/domain/moderation/integrity.server";
import { flagQueue, heldIdeas, ideaModeration, moderationLog, openAlerts } from "../../app/domain/moderation/queries.server";
import { citizenActor, createCampaign, createIdea, createUser, type RoleSpec } from "../../db/factories";
import { openTestDatabase, type TestDatabase } from "./db";

let t: TestDatabase;
let categoryId: number;
beforeAll(async () => {
  t = await openTestDatabase();
  categoryId = (await t.db.selectFrom("categories").select("id").where("slug", "=", "transport").executeTakeFirstOrThrow()).id;
});
afterAll(() => t?.close());

const DAY = 86_400_000;
const BODY = "A proposal long enough to pass the thirty character minimum.";

async function person(roles: RoleSpec[] = [], spec: { createdAt?: Date } = {}): Promise<Actor> {
  const user = await createUser(t.db, { roles, ...spec });
  return { ...citizenActor(user.id), displayName: user.display_name, grants: await grantsOf(t.db, user.id) };
}
const moderator = () => person([{ role: "moderator" }]);
const admin = () => person([{ role: "admin" }]);

function input(extra: Record<string, string> = {}) {
  return { title: "Cheaper buses for everyone", body: BODY, categoryId: String(categoryId), regionId: "", campaignId: "", ...extra };
}

async function idea(id: number) {
  return t.db.selectFrom("ideas").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
}
async function events(id: number) {
  return t.db.selectFrom("idea_events").selectAll().where("idea_id", "=", id).orderBy("id").execute();
}
async function notices(userId: number, kind?: string) {
  let q = t.db.selectFrom("notifications").selectAll().where("user_id", "=", userId);
  if (kind) q = q.where("kind", "=", kind);
  return q.orderBy("id").execute();
}

/**
 * The counter, the counting rows, the regional counters and the hour counters of an idea: all
 * four must agree after anything that moves supports.
 */
async function exact(ideaId: number) {
  const row = await sql<{ counter: number; valid: number; all: number; regions: number; hours: number }>`
    SELECT i.support_count AS counter,
      (SELECT count(*)::int FROM supports s WHERE s.idea_id = i.id AND s.invalidated_at IS NULL) AS valid,
      (SELECT count(*)::int FROM supports s WHERE s.idea_id = i.id) AS all,
      (SELECT coalesce(sum(supports), 0)::int FROM idea_support_regions r WHERE r.idea_id = i.id) AS regions,
      (SELECT coalesce(sum(supports), 0)::int FROM idea_support_hours h WHERE h.idea_id = i.id) AS hours
    FROM ideas i WHERE i.id = ${ideaId}`.execute(t.db);
  const r = row.rows[0];
  expect({ valid: r.valid, regions: r.regions, hours: r.hours }).toEqual({ valid: r.counter, regions: r.counter, hours: r.counter });
  return { count: r.counter, stored: r.all };
}

async function openIdea(extra: { threshold?: number } = {}) {
  const author = await person();
  const campaign = await createCampaign(t.db, { threshold: extra.threshold ?? 50, category: "transport" });
  const ideaId = await createIdea(t.db, { author, campaignId: campaign.id, category: "transport", title: `Idea ${randomUUID().slice(0, 8)}` });
  return { author, ideaId };
}

async function supporters(ideaId: number, n: number, clientIp?: string, at = new Date()) {
  const people: Actor[] = [];
  for (let i = 0; i < n; i++) {
    const p = await person();
    const result = await supportIdea(t.db, p, ideaId, at, clientIp);
    expect(result.ok, JSON.stringify(result)).toBe(true);
    people.push(p);
  }
  return people;
}

async function auditCount() {
  const row = await t.db.selectFrom("audit_log").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  return Number(row.n);
}

describe("flags", () => {
  it("hide an idea at the threshold of distinct flags, in place, out of public lists", async () => {
    const { author, ideaId } = await openIdea();
    const flaggers = [await person(), await person(), await person()];
    const first = await flagContent(t.db, flaggers[0], { targetType: "idea", targetId: String(ideaId), reason: "spam" });
    const second = await flagContent(t.db, flaggers[1], { targetType: "idea", targetId: String(ideaId), reason: "abuse", details: "Insults." });
    expect(first, JSON.stringify(first)).toMatchObject({ ok: true, hidden: false });
    expect(second).toMatchObject({ ok: true, hidden: false });
    expect((await idea(ideaId)).hidden_at).toBeNull();
    const third = await flagContent(t.db, flaggers[2], { targetType: "idea", targetId: String(ideaId), reason: "spam" });
    expect(third).toMatchObject({ ok: true, hidden: true });
    expect(await idea(ideaId)).toMatchObject({ hidden_by: "flags", hidden_reason: null });

    const visitorView = await ideaModeration(t.db, ideaId, null);
    expect(visitorView).toMatchObject({ hiddenForReader: true, hidden: { by: "flags" } });
    expect(await ideaModeration(t.db, ideaId, author)).toMatchObject({ hiddenForReader: false });
    expect(await ideaModeration(t.db, ideaId, await moderator())).toMatchObject({ hiddenForReader: false });
    const listed = await listIdeas(t.db, parseListParams(new URLSearchParams({ sort: "new" })));
    expect(listed.ideas.map((i) => i.id)).not.toContain(ideaId);

    const queue = await flagQueue(t.db);
    const item = queue.items.find((i) => i.type === "idea" && i.id === ideaId)!;
    expect(item).toMatchObject({ flagCount: 3, hiddenBy: "flags", author: { id: author.id } });
    expect(item.flags.map((f) => f.reason)).toEqual(["spam", "abuse", "spam"]);
    const log = await moderationLog(t.db, null);
    expect(log.entries.find((e) => e.action === "moderation.autohide" && e.target_type === "idea" && e.target_id === String(ideaId))).toBeTruthy();
  });

  it("hides a comment and a committee post the same way, oldest first in the queue", async () => {
    const { ideaId } = await openIdea();
    const commenter = await person();
    const comment = await commentOnIdea(t.db, commenter, ideaId, { body: "A comment worth reporting.", stance: "neutral" });
    if (!comment.ok) throw new Error(JSON.stringify(comment.errors));
    const member = await person([{ role: "committee_member", committee: "economy" }]);
    const economy = (await t.db.selectFrom("committees").select("id").where("slug", "=", "economy").executeTakeFirstOrThrow()).id;
    const thread = await createThread(t.db, member, economy, { title: "Budget questions", body: "A committee post.", stance: "neutral" });
    if (!thread.ok) throw new Error(JSON.stringify(thread.errors));
    for (const target of [comment.postId, thread.postId]) {
      for (let i = 0; i < 3; i++) {
        const result = await flagContent(t.db, await person(), { targetType: "post", targetId: String(target), reason: "off_topic" });
        expect(result.ok).toBe(true);
      }
      const post = await t.db.selectFrom("posts").select(["hidden_by", "body"]).where("id", "=", target).executeTakeFirstOrThrow();
      expect(post.hidden_by).toBe("flags");
      // Hidden, not removed: the text is kept for the moderator and the author.
      expect(post.body.length).toBeGreaterThan(0);
    }
    const queue = await flagQueue(t.db);
    const positions = [comment.postId, thread.postId].map((id) => queue.items.findIndex((i) => i.type === "post" && i.id === id));
    expect(positions[0]).toBeGreaterThanOrEqual(0);
    expect(positions[0]).toBeLessThan(positions[1]);
    expect(queue.items[positions[0]].context).toMatchObject({ ideaId, threadKind: "idea_comments" });
    expect(queue.items[positions[1]].context).toMatchObject({ threadKind: "committee", threadTitle: "Budget questions" });
  });

  it("one flag per person, even sent twice at once; never on one's own item", async () => {
    const { author, ideaId } = await openIdea();
    const flagger = await person();
    const results = await Promise.all(
      Array.from({ length: 4 }, () => flagContent(t.db, flagger, { targetType: "idea", targetId: String(ideaId), reason: "duplicate" })),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok && r.status === 409)).toHaveLength(3);
    const own = await flagContent(t.db, author, { targetType: "idea", targetId: String(ideaId), reason: "spam" });
    expect(own).toMatchObject({ ok: false, status: 409, errors: { _form: [{ key: "moderation.errors.ownContent" }] } });
    const rows = await t.db.selectFrom("flags").selectAll().where("idea_id", "=", ideaId).execute();
    expect(rows).toHaveLength(1);
    // The database has the last word.
    await expect(
      t.db.insertInto("flags").values({ idea_id: ideaId, user_id: flagger.id, reason: "spam" }).execute(),
    ).rejects.toThrow();
  });

  it("a moderator hides with a reason (shown in place), the author is told, the log has it; then restores", async () => {
    const { author, ideaId } = await openIdea();
    const mod = await moderator();
    await flagContent(t.db, await person(), { targetType: "idea", targetId: String(ideaId), reason: "personal_data" });
    const hidden = await decideItem(t.db, mod, { targetType: "idea", targetId: String(ideaId), decision: "hide", reason: "personal_data", note: "A phone number in the second paragraph." });
    expect(hidden).toMatchObject({ ok: true });
    expect(await idea(ideaId)).toMatchObject({ hidden_by: "moderator", hidden_reason: "personal_data" });
    expect(await ideaModeration(t.db, ideaId, null)).toMatchObject({ hiddenForReader: true, hidden: { by: "moderator", reason: "personal_data" } });
    const flags = await t.db.selectFrom("flags").selectAll().where("idea_id", "=", ideaId).execute();
    expect(flags.every((f) => f.resolution === "hidden" && f.resolved_by === mod.id)).toBe(true);
    const told = await notices(author.id, "moderation");
    expect(told.at(-1)!.payload).toMatchObject({ reason: expect.stringContaining("A phone number in the second paragraph.") });
    const again = await decideItem(t.db, mod, { targetType: "idea", targetId: String(ideaId), decision: "hide", reason: "spam" });
    expect(again).toMatchObject({ ok: false, status: 409 });

    const restored = await decideItem(t.db, mod, { targetType: "idea", targetId: String(ideaId), decision: "restore", reason: "fixed_by_author" });
    expect(restored.ok).toBe(true);
    expect(await idea(ideaId)).toMatchObject({ hidden_at: null, hidden_by: null });
    const log = await moderationLog(t.db, null);
    const actions = log.entries.filter((e) => e.target_type === "idea" && e.target_id === String(ideaId)).map((e) => e.action);
    expect(actions).toEqual(["moderation.restore", "moderation.hide"]);
    expect(log.entries.find((e) => e.action === "moderation.hide" && e.target_type === "idea" && e.target_id === String(ideaId))).toMatchObject({
      subject_id: author.id,
      details: { reason: "personal_data" },
    });
  });

  it("dismissing the reports shows an auto-hidden item again and empties its queue entry", async () => {
    const { ideaId } = await openIdea();
    for (let i = 0; i < 3; i++) await flagContent(t.db, await person(), { targetType: "idea", targetId: String(ideaId), reason: "spam" });
    expect((await idea(ideaId)).hidden_by).toBe("flags");
    const mod = await moderator();
    const dismissed = await decideItem(t.db, mod, { targetType: "idea", targetId: String(ideaId), decision: "dismiss", reason: "no_violation" });
    expect(dismissed.ok).toBe(true);
    expect((await idea(ideaId)).hidden_at).toBeNull();
    expect((await flagQueue(t.db)).items.find((i) => i.type === "idea" && i.id === ideaId)).toBeUndefined();
    const nothing = await decideItem(t.db, mod, { targetType: "idea", targetId: String(ideaId), decision: "dismiss", reason: "no_violation" });
    expect(nothing).toMatchObject({ ok: false, status: 409 });
  });
});

describe("screening new ideas", () => {
  it("personal data holds the idea as pending, told why, out of lists, no support window yet", async () => {
    const author = await person();
    const result = await submitIdea(t.db, author, input({ body: `${BODY} Call me at 010-1234-5678.` }));
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.held).toBe(true);
    const row = await idea(result.ideaId);
    expect(row).toMatchObject({ status: "pending", support_ends_at: null });
    expect(row.screening).toEqual([{ kind: "personal_data", what: "phone", match: "010-••••-••78" }]);
    expect((await events(result.ideaId)).map((e) => [e.kind, e.to_status])).toEqual([["held", "pending"]]);
    expect(ideaVisibleTo(null, { authorId: author.id, status: row.status })).toBe(false);
    expect(await ideaModeration(t.db, result.ideaId, author)).toMatchObject({ screening: [{ kind: "personal_data" }] });
    expect(await ideaModeration(t.db, result.ideaId, await person())).toMatchObject({ screening: [] });
    expect((await heldIdeas(t.db)).map((h) => h.id)).toContain(result.ideaId);
    const listed = await listIdeas(t.db, parseListParams(new URLSearchParams({ sort: "new" })));
    expect(listed.ideas.map((i) => i.id)).not.toContain(result.ideaId);
  });

  it("holds ideas from young accounts, with too many links, or with a blocked term; publishes the rest", async () => {
    const young = await person([], { createdAt: new Date(Date.now() - 10 * 60_000) });
    const held = await submitIdea(t.db, young, input());
    expect(held.ok && held.held).toBe(true);
    const links = await submitIdea(t.db, await person(), input({ body: `${BODY} https://a.example https://b.example https://c.example https://d.example` }));
    expect(links.ok && links.held).toBe(true);
    const term = `blocked${Math.floor(Math.random() * 1e6)}`;
    expect((await addBlockedTerm(t.db, await admin(), { term })).ok).toBe(true);
    expect((await addBlockedTerm(t.db, await moderator(), { term: "other" })).ok).toBe(false);
    const blocked = await submitIdea(t.db, await person(), input({ title: `Please ${term.toUpperCase()} now` }));
    expect(blocked.ok && blocked.held).toBe(true);
    expect((await idea((blocked as { ideaId: number }).ideaId)).screening).toEqual([{ kind: "blocked_term", match: term }]);
    const fine = await submitIdea(t.db, await person(), input());
    expect(fine.ok && fine.held).toBe(false);
  });

  it("approve opens the idea and starts its support window then", async () => {
    const author = await person([], { createdAt: new Date() });
    const result = await submitIdea(t.db, author, input());
    if (!result.ok || !result.held) throw new Error("not held");
    const approvedAt = new Date(Date.now() + 3 * DAY);
    const approved = await approveIdea(t.db, await moderator(), result.ideaId, { expectedStatus: "pending" }, approvedAt);
    expect(approved).toMatchObject({ ok: true, status: "open" });
    const row = await idea(result.ideaId);
    expect(new Date(row.support_ends_at!).getTime()).toBe(approvedAt.getTime() + 30 * DAY);
    expect((await events(result.ideaId)).map((e) => [e.kind, e.from_status, e.to_status])).toEqual([
      ["held", null, "pending"],
      ["status", "pending", "open"],
    ]);
    expect((await notices(author.id, "status")).at(-1)!.payload).toMatchObject({ from: "pending", to: "open" });
    const supported = await supportIdea(t.db, await person(), result.ideaId);
    expect(supported).toMatchObject({ ok: true, supportCount: 2 });
    // Approving twice: the second finds it moved on.
    expect(await approveIdea(t.db, await moderator(), result.ideaId, { expectedStatus: "pending" })).toMatchObject({ ok: false, status: 409 });
  });

  it("reject keeps the idea out of public lists and tells the author why", async () => {
    const author = await person([], { createdAt: new Date() });
    const result = await submitIdea(t.db, author, input({ title: "A held idea to reject" }));
    if (!result.ok) throw new Error("refused");
    const short = await rejectIdea(t.db, await moderator(), result.ideaId, { reason: "no" });
    expect(short).toMatchObject({ ok: false, status: 400, errors: { reason: [{ key: "moderation.errors.reasonLength" }] } });
    const rejected = await rejectIdea(t.db, await moderator(), result.ideaId, { reason: "This is an advertisement.", expectedStatus: "pending" });
    expect(rejected).toMatchObject({ ok: true, status: "rejected" });
    expect(ideaVisibleTo(null, { authorId: author.id, status: "rejected" })).toBe(false);
    expect(await ideaModeration(t.db, result.ideaId, author)).toMatchObject({ rejection: { reason: "This is an advertisement." } });
    for (const sort of ["new", "top", "trending"]) {
      const listed = await listIdeas(t.db, parseListParams(new URLSearchParams({ sort })));
      expect(listed.ideas.map((i) => i.id)).not.toContain(result.ideaId);
    }
    expect(parseListParams(new URLSearchParams({ status: "rejected" })).status).toBeNull();
    expect((await notices(author.id, "moderation")).at(-1)!.payload).toMatchObject({ reason: expect.stringContaining("This is an advertisement.") });
  });
});

describe("personal data in comments and posts", () => {
  it("is refused with a message that points at the match; nothing is stored", async () => {
    const { ideaId } = await openIdea();
    const commenter = await person();
    const refused = await commentOnIdea(t.db, commenter, ideaId, { body: "Good idea.\nMy number is 010-1234-5678, call me.", stance: "for" });
    expect(refused).toMatchObject({
      ok: false,
      status: 400,
      errors: { body: [{ key: "moderation.personalData.phone", values: { match: "010-••••-••78", line: 2 } }] },
    });
    expect(await t.db.selectFrom("posts").select("id").where("author_id", "=", commenter.id).execute()).toHaveLength(0);
    const ok = await commentOnIdea(t.db, commenter, ideaId, { body: "Good idea, without any number.", stance: "for" });
    expect(ok.ok).toBe(true);
    if (!ok.ok) return;
    const edit = await editPost(t.db, commenter, ok.postId, { body: "Write to minji@example.org", stance: "for" });
    expect(edit).toMatchObject({ ok: false, errors: { body: [{ key: "moderation.personalData.email" }] } });
    const reply = await createPost(t.db, commenter, ok.threadId, { body: "주민번호 900101-1234567", stance: "for", replyTo: String(ok.postId) });
    expect(reply).toMatchObject({ ok: false, errors: { body: [{ key: "moderation.personalData.rrn" }] } });
  });
});

describe("merging duplicates", () => {
  it("moves A's supports to B once each, followers too; counts stay exact; both timelines; everyone told", async () => {
    const a = await openIdea();
    const b = await openIdea();
    const both = await person();
    const onlyA = await supporters(a.ideaId, 3);
    await supportIdea(t.db, both, a.ideaId);
    await supportIdea(t.db, both, b.ideaId);
    const onlyB = await supporters(b.ideaId, 2);
    const follower = await person();
    await t.db.insertInto("follows").values({ user_id: follower.id, idea_id: a.ideaId }).execute();
    // One of A's supports was invalidated earlier: it stays on A, counting nowhere.
    const mod = await moderator();
    const bad = await invalidateSupports(t.db, mod, { ideaId: String(a.ideaId), accounts: String(onlyA[2].id), reason: "A coordinated account found in review." });
    expect(bad.ok).toBe(true);
    expect((await exact(a.ideaId)).count).toBe(1 + 3 + 1 - 1);
    expect((await exact(b.ideaId)).count).toBe(1 + 1 + 2);

    const merged = await mergeIdea(t.db, mod, a.ideaId, { targetId: String(b.ideaId), reason: "The same proposal as B.", expectedStatus: "open" });
    expect(merged).toMatchObject({ ok: true, status: "merged", moved: 3, duplicates: 1 });
    // B: its author, `both`, two of its own, plus A's author and two of A's supporters.
    expect(await exact(b.ideaId)).toEqual({ count: 4 + 3, stored: 7 });
    expect(await exact(a.ideaId)).toEqual({ count: 0, stored: 1 });
    const onB = await t.db.selectFrom("supports").select(["user_id", "merged_from_id"]).where("idea_id", "=", b.ideaId).execute();
    expect(new Set(onB.map((s) => s.user_id)).size).toBe(onB.length);
    expect(onB.filter((s) => s.merged_from_id === a.ideaId).map((s) => s.user_id).sort()).toEqual(
      [a.author.id, onlyA[0].id, onlyA[1].id].sort(),
    );
    expect(await idea(a.ideaId)).toMatchObject({ status: "merged", merged_into_id: b.ideaId, support_count: 0 });
    const follows = await t.db.selectFrom("follows").select("user_id").where("idea_id", "=", b.ideaId).execute();
    expect(follows.map((f) => f.user_id)).toEqual(expect.arrayContaining([follower.id, a.author.id, b.author.id]));
    expect((await events(a.ideaId)).at(-1)).toMatchObject({ kind: "status", from_status: "open", to_status: "merged", note: "The same proposal as B." });
    expect((await events(b.ideaId)).at(-1)).toMatchObject({ kind: "merged_in", note: expect.stringContaining(`#${a.ideaId}`) });
    expect(await ideaModeration(t.db, a.ideaId, null)).toMatchObject({ mergedInto: { id: b.ideaId } });
    expect((await notices(a.author.id, "moderation")).at(-1)!.payload).toMatchObject({ reason: expect.stringContaining("The same proposal as B.") });
    expect(await notices(b.author.id, "moderation_notice")).toHaveLength(1);
    for (const s of [onlyA[0], onlyA[1], both]) expect(await notices(s.id, "moderation_notice")).toHaveLength(1);
    // The invalidated supporter is not told that a support which did not count moved.
    expect(await notices(onlyA[2].id, "moderation_notice")).toHaveLength(0);
    for (const s of onlyB) expect(await notices(s.id, "moderation_notice")).toHaveLength(0);

    // Merging again finds A moved on; B's count does not move.
    const again = await mergeIdea(t.db, mod, a.ideaId, { targetId: String(b.ideaId), reason: "The same proposal as B." });
    expect(again).toMatchObject({ ok: false, status: 409 });
    expect((await exact(b.ideaId)).count).toBe(7);
  });

  it("refuses itself, a missing idea and one that ended; a merge that reaches B's threshold fast-tracks B", async () => {
    const mod = await moderator();
    const a = await openIdea();
    expect(await mergeIdea(t.db, mod, a.ideaId, { targetId: String(a.ideaId), reason: "Same idea." })).toMatchObject({ ok: false, status: 400 });
    expect(await mergeIdea(t.db, mod, a.ideaId, { targetId: "999999999", reason: "Same idea." })).toMatchObject({ ok: false, status: 400 });
    const held = await submitIdea(t.db, await person([], { createdAt: new Date() }), input());
    if (!held.ok) throw new Error("refused");
    expect(await mergeIdea(t.db, mod, a.ideaId, { targetId: String(held.ideaId), reason: "Same idea." })).toMatchObject({ ok: false, status: 409 });
    expect((await idea(a.ideaId)).status).toBe("open");

    const b = await openIdea({ threshold: 4 });
    await supporters(a.ideaId, 2);
    const merged = await mergeIdea(t.db, mod, a.ideaId, { targetId: String(b.ideaId), reason: "Same idea." });
    expect(merged.ok).toBe(true);
    expect(await idea(b.ideaId)).toMatchObject({ status: "fast_tracked", support_count: 4 });
    expect(await exact(b.ideaId)).toEqual({ count: 4, stored: 4 });
  });
});

describe("suspension", () => {
  it("ends the account's sessions and blocks acting; reading stays; an admin lifts it; all logged", async () => {
    const target = await person();
    const { ideaId } = await openIdea();
    const session = await t.services.auth.createSession(target.id, {});
    await t.services.auth.createSession(target.id, {});
    expect(await t.db.selectFrom("sessions").select("id").where("user_id", "=", target.id).execute()).toHaveLength(2);
    const mod = await moderator();
    const result = await suspendAccount(t.db, mod, target.id, { days: "7", reason: "Repeated harassment." });
    expect(result).toMatchObject({ ok: true, sessionsEnded: 2 });
    expect(await t.db.selectFrom("sessions").select("id").where("user_id", "=", target.id).execute()).toHaveLength(0);
    expect((await t.services.auth.validateSession(session.id)).session).toBeNull();

    const row = await t.db.selectFrom("users").select(["suspended_until", "suspension_reason"]).where("id", "=", target.id).executeTakeFirstOrThrow();
    expect(row.suspension_reason).toBe("Repeated harassment.");
    const suspended: Actor = { ...target, suspendedUntil: new Date(row.suspended_until!) };
    expect(await supportIdea(t.db, suspended, ideaId)).toMatchObject({ ok: false, status: 403 });
    expect(await commentOnIdea(t.db, suspended, ideaId, { body: "Still here.", stance: "for" })).toMatchObject({ ok: false, status: 403 });
    expect(await flagContent(t.db, suspended, { targetType: "idea", targetId: String(ideaId), reason: "spam" })).toMatchObject({ ok: false, status: 403 });
    expect(await submitIdea(t.db, suspended, input())).toMatchObject({ ok: false, status: 403 });
    expect(ideaVisibleTo(suspended, { authorId: 1, status: "open" })).toBe(true);
    expect((await notices(target.id, "moderation_notice")).at(-1)!.payload).toMatchObject({ reason: expect.stringContaining("Repeated harassment.") });

    expect(await liftSuspension(t.db, mod, target.id, { reason: "Appeal accepted." })).toMatchObject({ ok: false, status: 403 });
    const lifted = await liftSuspension(t.db, await admin(), target.id, { reason: "Appeal accepted." });
    expect(lifted.ok).toBe(true);
    expect(await t.db.selectFrom("users").select("suspended_until").where("id", "=", target.id).executeTakeFirstOrThrow()).toEqual({ suspended_until: null });
    const actions = (await moderationLog(t.db, null)).entries.filter((e) => e.subject_id === target.id).map((e) => e.action);
    expect(actions).toEqual(["moderation.lift", "moderation.suspend"]);
  });

  it("permanently; never oneself; only an admin suspends staff", async () => {
    const mod = await moderator();
    const target = await person();
    expect(await suspendAccount(t.db, mod, target.id, { days: "permanent", reason: "Spam bot account." })).toMatchObject({ ok: true });
    const row = await t.db.selectFrom("users").select("suspended_until").where("id", "=", target.id).executeTakeFirstOrThrow();
    expect(new Date(row.suspended_until!).getTime()).toBe(PERMANENT.getTime());
    expect(await suspendAccount(t.db, mod, mod.id, { days: "1", reason: "Testing myself." })).toMatchObject({ ok: false, status: 403 });
    const otherMod = await moderator();
    expect(await suspendAccount(t.db, mod, otherMod.id, { days: "1", reason: "Staff dispute." })).toMatchObject({ ok: false, status: 403 });
    expect(await suspendAccount(t.db, await admin(), otherMod.id, { days: "1", reason: "Staff dispute." })).toMatchObject({ ok: true });
  });
});

describe("invalidating supports", () => {
  it("by network, then reversed: they stop and start counting, stay stored, counts exact, logged", async () => {
    const { ideaId } = await openIdea();
    await supporters(ideaId, 3, "203.0.113.7");
    await supporters(ideaId, 2, "198.51.100.9");
    expect(await exact(ideaId)).toEqual({ count: 6, stored: 6 });
    const mod = await moderator();
    // Counting first needs no reason.
    const preview = await previewInvalidation(t.db, mod, { ideaId: String(ideaId), ipPrefix: "203.0.113.0/24" });
    expect(preview).toMatchObject({ ok: true, count: 3 });
    const result = await invalidateSupports(t.db, mod, { ideaId: String(ideaId), ipPrefix: "203.0.113.0/24", reason: "Ten accounts from one office network." });
    expect(result).toMatchObject({ ok: true, count: 3, supportCount: 3 });
    expect(await exact(ideaId)).toEqual({ count: 3, stored: 6 });
    const kept = await t.db.selectFrom("supports").select(["invalidation_id", "invalidated_at"]).where("idea_id", "=", ideaId).where("ip_prefix", "=", "203.0.113.0/24").execute();
    expect(kept.every((s) => s.invalidation_id === (result as { invalidationId: number }).invalidationId && s.invalidated_at !== null)).toBe(true);
    const stored = await t.db.selectFrom("support_invalidations").selectAll().where("idea_id", "=", ideaId).executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ support_count: 3, reason: "Ten accounts from one office network.", reversed_at: null });
    expect((await events(ideaId)).at(-1)).toMatchObject({ kind: "supports_invalidated", note: "3" });
    // Nothing matches twice.
    expect(await invalidateSupports(t.db, mod, { ideaId: String(ideaId), ipPrefix: "203.0.113.0/24", reason: "Ten accounts from one office network." })).toMatchObject({
      ok: false,
      status: 409,
    });

    const reversed = await reverseInvalidation(t.db, mod, { invalidationId: String(stored.id), reason: "The office is a real community centre." });
    expect(reversed).toMatchObject({ ok: true, count: 3, supportCount: 6 });
    expect(await exact(ideaId)).toEqual({ count: 6, stored: 6 });
    expect(await reverseInvalidation(t.db, mod, { invalidationId: String(stored.id), reason: "The office is a real community centre." })).toMatchObject({
      ok: false,
      status: 409,
    });
    const actions = (await moderationLog(t.db, null)).entries
      .filter((e) => e.target_type === "idea" && e.target_id === String(ideaId))
      .map((e) => e.action);
    expect(actions).toEqual(["moderation.reinstate", "moderation.invalidate"]);
  });

  it("by accounts and by time range; withdrawing an invalidated support moves no counter; reversal re-checks the threshold", async () => {
    const { ideaId } = await openIdea({ threshold: 5 });
    const early = await supporters(ideaId, 2, undefined, new Date(Date.now() - 2 * 3_600_000));
    const late = await supporters(ideaId, 2);
    expect((await exact(ideaId)).count).toBe(5 - 0);
    // The fifth support above reached the threshold: the idea was fast-tracked.
    expect((await idea(ideaId)).status).toBe("fast_tracked");

    const { ideaId: other } = await openIdea({ threshold: 5 });
    const first = await supporters(other, 2, undefined, new Date(Date.now() - 2 * 3_600_000));
    const second = await supporters(other, 1);
    const mod = await moderator();
    const byTime = await invalidateSupports(t.db, mod, {
      ideaId: String(other),
      from: new Date(Date.now() - 3 * 3_600_000).toISOString(),
      to: new Date(Date.now() - 3_600_000).toISOString(),
      reason: "A burst of throwaway accounts.",
    });
    expect(byTime).toMatchObject({ ok: true, count: 2, supportCount: 2 });
    const byAccount = await invalidateSupports(t.db, mod, { ideaId: String(other), accounts: `${second[0].id}`, reason: "Account bought on a market." });
    expect(byAccount).toMatchObject({ ok: true, count: 1, supportCount: 1 });
    expect(await exact(other)).toEqual({ count: 1, stored: 4 });
    const withdrawn = await withdrawSupport(t.db, second[0], other);
    expect(withdrawn).toMatchObject({ ok: true, supportCount: 1 });
    expect(await exact(other)).toEqual({ count: 1, stored: 3 });
    // Two more real supports, then the time-range invalidation is undone: 5 reaches the threshold.
    await supporters(other, 2);
    expect((await idea(other)).status).toBe("open");
    const undo = await reverseInvalidation(t.db, mod, { invalidationId: String((byTime as { invalidationId: number }).invalidationId), reason: "They were real people after all." });
    expect(undo).toMatchObject({ ok: true, count: 2, supportCount: 5 });
    expect(await idea(other)).toMatchObject({ status: "fast_tracked", support_count: 5 });
    expect(await exact(other)).toEqual({ count: 5, stored: 5 });
    expect(early.length + late.length + first.length).toBe(6);
  });

  it("unknown accounts and empty criteria are refused with a message by the field", async () => {
    const { ideaId } = await openIdea();
    const mod = await moderator();
    expect(await invalidateSupports(t.db, mod, { ideaId: String(ideaId), reason: "No criteria at all here." })).toMatchObject({
      ok: false,
      errors: { accounts: [{ key: "moderation.errors.criteria" }] },
    });
    expect(await invalidateSupports(t.db, mod, { ideaId: String(ideaId), accounts: "nobody@example.invalid", reason: "An unknown account here." })).toMatchObject({
      ok: false,
      errors: { accounts: [{ key: "moderation.errors.unknownAccounts" }] },
    });
  });
});

describe("the integrity of support", () => {
  it("a burst of new accounts or of one network raises one alert with evidence; nothing is refused", async () => {
    const { ideaId } = await openIdea();
    const mod = await moderator();
    const now = new Date();
    // Ten new accounts, each from a network of its own: the new-accounts alert.
    for (let i = 0; i < 10; i++) {
      const fresh = await person([], { createdAt: new Date(now.getTime() - 30 * 60_000) });
      expect((await supportIdea(t.db, fresh, ideaId, now, `198.18.${i}.1`)).ok).toBe(true);
    }
    let alerts = (await openAlerts(t.db)).filter((a) => a.idea_id === ideaId);
    expect(alerts).toMatchObject([{ kind: "new_accounts", support_count: 10, ip_prefix: null }]);
    expect(alerts[0].evidence.accounts).toHaveLength(10);
    // Ten older accounts from one /24: the network alert, once.
    for (let i = 0; i < 10; i++) expect((await supportIdea(t.db, await person(), ideaId, now, `192.0.2.${i + 1}`)).ok).toBe(true);
    alerts = (await openAlerts(t.db)).filter((a) => a.idea_id === ideaId);
    expect(alerts.map((a) => [a.kind, a.ip_prefix, a.support_count]).sort()).toEqual([
      ["ip_prefix", "192.0.2.0/24", 10],
      ["new_accounts", null, 10],
    ]);
    // One more new account from that network: both alerts grow; still two.
    const more = await person([], { createdAt: new Date(now.getTime() - 10 * 60_000) });
    expect((await supportIdea(t.db, more, ideaId, now, "192.0.2.200")).ok).toBe(true);
    alerts = (await openAlerts(t.db)).filter((a) => a.idea_id === ideaId);
    expect(alerts.map((a) => [a.kind, a.ip_prefix, a.support_count]).sort()).toEqual([
      ["ip_prefix", "192.0.2.0/24", 11],
      ["new_accounts", null, 11],
    ]);
    expect(await notices(mod.id, "moderation_notice")).toHaveLength(2);
    expect(await exact(ideaId)).toEqual({ count: 22, stored: 22 });
    // The network is stored, never the address.
    const prefixes = await t.db.selectFrom("supports").select("ip_prefix").where("idea_id", "=", ideaId).execute();
    expect(prefixes.filter((p) => p.ip_prefix === "192.0.2.0/24")).toHaveLength(11);
    expect(prefixes.every((p) => p.ip_prefix === null || p.ip_prefix.endsWith(".0/24"))).toBe(true);
  });

  const supportCountOf = async (ideaId: number) => (await t.db.selectFrom("ideas").select("support_count").where("id", "=", ideaId).executeTakeFirstOrThrow()).support_count;

  it("rate limits supporting per account with a clear message, and a refused support is not added", async () => {
    const actor = await person();
    const { ideaId } = await openIdea();
    const first = await supportCountOf(ideaId);
    const limited = (who: Actor, id: number, address: string) => supportIdea(t.db, who, id, new Date(), address, supportLimits(t.services.limiters, who.id, address));
    // 60 attempts an hour per account: a support, then 59 that change nothing, each spends one.
    for (let i = 0; i < 60; i++) expect(await limited(actor, ideaId, "10.1.2.3")).toMatchObject({ ok: true, supportCount: first + 1 });
    const { ideaId: other } = await openIdea();
    const before = await supportCountOf(other);
    const refused = await limited(actor, other, "10.1.2.3");
    expect(refused).toMatchObject({ ok: false, status: 429, errors: { _form: [{ key: "moderation.errors.supportRate", values: { count: 60 } }] } });
    expect(await supportCountOf(other)).toBe(before);
    // Refused before anything else, also where the support would take the transactional path
    // (an idea whose next support reaches its threshold).
    const { ideaId: nearly } = await openIdea({ threshold: before + 1 });
    expect(await limited(actor, nearly, "10.1.2.3")).toMatchObject({ ok: false, status: 429 });
    expect(await supportCountOf(nearly)).toBe(before);
    // Another account from another address is not held back by this one's limit.
    expect(await limited(await person(), other, "10.9.9.9")).toMatchObject({ ok: true, supportCount: before + 1 });
  });

  it("rate limits supporting per address too, across accounts", async () => {
    const accounts = await Promise.all(Array.from({ length: 5 }, () => person()));
    const address = "10.7.7.7";
    const { ideaId } = await openIdea({ threshold: 1000 });
    const before = await supportCountOf(ideaId);
    // 200 attempts an hour from one address (RATE_LIMIT_IP_SCALE 1), whichever accounts make them.
    for (let i = 0; i < 200; i++) {
      const who = accounts[i % 5];
      expect(await supportIdea(t.db, who, ideaId, new Date(), address, supportLimits(t.services.limiters, who.id, address))).toMatchObject({ ok: true });
    }
    const newcomer = await person();
    const refused = await supportIdea(t.db, newcomer, ideaId, new Date(), address, supportLimits(t.services.limiters, newcomer.id, address));
    expect(refused).toMatchObject({ ok: false, status: 429, errors: { _form: [{ key: "moderation.errors.supportRate" }] } });
    expect(await supportCountOf(ideaId)).toBe(before + 5);
  });
});

describe("only moderators moderate", () => {
  it("a citizen gets 403 for every moderator action, and nothing changes", async () => {
    const citizen = await person();
    const { author, ideaId } = await openIdea();
    const { ideaId: other } = await openIdea();
    const held = await submitIdea(t.db, await person([], { createdAt: new Date() }), input());
    if (!held.ok) throw new Error("refused");
    await flagContent(t.db, await person(), { targetType: "idea", targetId: String(ideaId), reason: "spam" });
    const before = { audit: await auditCount(), a: await idea(ideaId), b: await idea(other), held: await idea(held.ideaId), counts: await exact(ideaId) };
    const attempts = [
      decideItem(t.db, citizen, { targetType: "idea", targetId: String(ideaId), decision: "hide", reason: "spam" }),
      approveIdea(t.db, citizen, held.ideaId, {}),
      rejectIdea(t.db, citizen, held.ideaId, { reason: "I do not like it." }),
      mergeIdea(t.db, citizen, ideaId, { targetId: String(other), reason: "I do not like it." }),
      suspendAccount(t.db, citizen, author.id, { days: "7", reason: "I do not like them." }),
      invalidateSupports(t.db, citizen, { ideaId: String(ideaId), accounts: String(author.id), reason: "I do not like them." }),
      liftSuspension(t.db, citizen, author.id, { reason: "I do not like them." }),
      addBlockedTerm(t.db, citizen, { term: "madang" }),
    ];
    for (const result of await Promise.all(attempts)) expect(result).toMatchObject({ ok: false, status: 403 });
    expect(await auditCount()).toBe(before.audit);
    expect(await idea(ideaId)).toEqual(before.a);
    expect(await idea(other)).toEqual(before.b);
    expect(await idea(held.ideaId)).toEqual(before.held);
    expect(await exact(ideaId)).toEqual(before.counts);
    expect(await t.db.selectFrom("users").select("suspended_until").where("id", "=", author.id).executeTakeFirstOrThrow()).toEqual({ suspended_until: null });
  });
});
