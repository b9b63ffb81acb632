// Object-level authorisation of ideas (issue 21 item 2) and hidden ideas (issue 13): one rule for
// whose content a person may see, applied by every use case that takes an idea id and by every
// list of ideas for a person. Expectations are written from the issues, not read from the code.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "../../app/domain/accounts/permissions";
import { editIdea, setFollow, submitIdea } from "../../app/domain/ideas/ideas.server";
import { ideaContentVisibleTo } from "../../app/domain/ideas/permissions";
import { followedIdeas, pipelineCounts, supportedIdeas } from "../../app/domain/ideas/queries.server";
import { supportIdea, withdrawSupport } from "../../app/domain/ideas/supports.server";
import { contentVisibleTo } from "../../app/domain/ideas/visibility.server";
import { decideItem } from "../../app/domain/moderation/flags.server";
import { rejectIdea } from "../../app/domain/moderation/ideas.server";
import { fanOutFollowerEmails } from "../../app/domain/notifications/digest.server";
import { notificationCentre, unreadCount } from "../../app/domain/notifications/queries.server";
import { validateSession } from "../../app/auth/session.server";
import { fastTrackDue } from "../../app/domain/workflow/automatic.server";
import { citizenActor, createCampaign, createIdea, createUser, support } from "../../db/factories";
import { person } from "../fixtures/roster";
import { openTestDatabase, type TestDatabase } from "./db";
import * as countRoute from "../../app/routes/ideas.$id.count";
import { call, contextFor, liftDailyLimits, type RouteFunction } from "./harness";

let t: TestDatabase;
let moderator: Actor;
beforeAll(async () => {
  t = await openTestDatabase();
  await liftDailyLimits(t.db);
  moderator = await person(t.db, { roles: [{ role: "moderator" }] });
});
afterAll(() => t?.close());

const DAY = 86_400_000;
const BODY = "A proposal long enough to pass the thirty character minimum.";
const LINKS = [1, 2, 3, 4].map((n) => `https://example.org/source-${n}`).join(" ");
const MISSING = 2_000_000_000;

const citizen = (spec: Parameters<typeof person>[1] = {}) => person(t.db, spec);

async function hide(ideaId: number) {
  const result = await decideItem(t.db, moderator, { targetType: "idea", targetId: String(ideaId), decision: "hide", reason: "spam", note: "" });
  expect(result.ok).toBe(true);
}

async function restore(ideaId: number) {
  const result = await decideItem(t.db, moderator, { targetType: "idea", targetId: String(ideaId), decision: "restore", reason: "no_violation", note: "" });
  expect(result.ok).toBe(true);
}

/** An open idea, one held for review (too many links), one rejected, one hidden by a moderator. */
async function ideasOfEveryKind(author: Actor) {
  const open = await createIdea(t.db, { author, title: "An open idea anyone sees", body: BODY });
  const pending = await createIdea(t.db, { author, title: "A held idea with links", body: `${BODY} ${LINKS}` });
  const rejected = await createIdea(t.db, { author, title: "A rejected idea", body: BODY });
  expect((await rejectIdea(t.db, moderator, rejected, { reason: "Off topic for this site." })).ok).toBe(true);
  const hidden = await createIdea(t.db, { author, title: "A hidden idea", body: BODY });
  await hide(hidden);
  return { open, pending, rejected, hidden };
}

describe("following an idea the person may not see", () => {
  it("is refused exactly like following a missing idea, for a verified or an unverified account", async () => {
    const author = await citizen();
    const ideas = await ideasOfEveryKind(author);
    for (const reader of [await citizen(), await citizen({ verified: false })]) {
      const missing = await setFollow(t.db, reader, MISSING, true);
      expect(missing).toMatchObject({ ok: false, status: 404 });
      for (const id of [ideas.pending, ideas.rejected, ideas.hidden]) {
        expect(await setFollow(t.db, reader, id, true)).toEqual(missing);
      }
    }
    const follows = await t.db.selectFrom("follows").select("idea_id").where("idea_id", "in", [ideas.pending, ideas.rejected, ideas.hidden]).where("user_id", "!=", author.id).execute();
    expect(follows).toEqual([]);
    // An open idea: followed; its author and moderators may follow the others.
    expect(await setFollow(t.db, await citizen(), ideas.open, true)).toEqual({ ok: true, following: true });
    expect(await setFollow(t.db, moderator, ideas.hidden, true)).toEqual({ ok: true, following: true });
  });

  it("supporting one answers the same as a missing idea too", async () => {
    const ideas = await ideasOfEveryKind(await citizen());
    const reader = await citizen();
    const missing = await supportIdea(t.db, reader, MISSING);
    expect(missing).toMatchObject({ ok: false, status: 404 });
    for (const id of [ideas.pending, ideas.rejected, ideas.hidden]) {
      expect(await supportIdea(t.db, reader, id)).toEqual(missing);
      expect(await withdrawSupport(t.db, reader, id)).toEqual(missing);
    }
  });
});

describe("my page and my notifications", () => {
  it("list no idea the person may not see (by SQL, as the pure rule says); the author still sees their own", async () => {
    const author = await citizen();
    const ideas = await ideasOfEveryKind(author);
    const reader = await citizen();
    // Followed and supported while they were open; then held again, rejected, hidden.
    const later = { pending: await createIdea(t.db, { author, body: BODY }), rejected: await createIdea(t.db, { author, body: BODY }), hidden: await createIdea(t.db, { author, body: BODY }) };
    for (const id of Object.values(later)) {
      await support(t.db, reader.id, id);
      await setFollow(t.db, reader, id, true);
    }
    const follower = await citizen();
    for (const id of Object.values(later)) await setFollow(t.db, follower, id, true);
    expect((await editIdea(t.db, author, later.pending, { title: "Now with many links", body: `${BODY} ${LINKS}` })).ok).toBe(true);
    expect((await rejectIdea(t.db, moderator, later.rejected, { reason: "Off topic for this site." })).ok).toBe(true);
    await hide(later.hidden);
    expect(await supportedIdeas(t.db, reader)).toEqual([]);
    expect(await followedIdeas(t.db, follower)).toEqual([]);
    // The moderator sees them all; so does the author, in "my ideas" (not a list of others' ideas).
    await setFollow(t.db, moderator, later.hidden, true);
    expect((await followedIdeas(t.db, moderator)).map((i) => i.id)).toContain(later.hidden);

    // The SQL condition and the pure rule agree on every idea for every reader.
    const all = [...Object.values(ideas), ...Object.values(later)];
    const rows = await t.db.selectFrom("ideas").select(["id", "author_id", "status", "hidden_at"]).where("id", "in", all).execute();
    for (const who of [null, reader, author, moderator]) {
      const bySql = await t.db.selectFrom("ideas").select("id").where("id", "in", all).where(contentVisibleTo(who)).orderBy("id").execute();
      const byRule = rows.filter((r) => ideaContentVisibleTo(who, { authorId: r.author_id, status: r.status, hiddenAt: r.hidden_at })).map((r) => r.id);
      expect(bySql.map((r) => r.id)).toEqual(byRule.sort((a, b) => a - b));
    }
    // Written independently: a visitor sees exactly the open idea of the first four.
    expect(rows.filter((r) => [ideas.open, ideas.pending, ideas.rejected, ideas.hidden].includes(r.id) && ideaContentVisibleTo(null, { authorId: r.author_id, status: r.status, hiddenAt: r.hidden_at })).map((r) => r.id)).toEqual([ideas.open]);
  });

  it("show no title of a hidden or held idea in the notification centre, and e-mail none", async () => {
    const author = await citizen();
    const campaign = await createCampaign(t.db, { threshold: 2, category: "economy" });
    const chair = await createUser(t.db, { roles: [{ role: "committee_chair", committee: "economy" }] });
    const title = `Secret title ${Date.now().toString(36)}`; // 13 digits could read as a resident number and hold the idea
    const ideaId = await createIdea(t.db, { author, campaignId: campaign.id, category: "economy", title, body: BODY });
    const supporter = await citizen();
    await support(t.db, supporter.id, ideaId); // reaches 2: fast-tracked, the chair is told
    const chairActor = citizenActor(chair.id);
    expect(JSON.stringify(await notificationCentre(t.db, supporter))).toContain(title);
    expect(JSON.stringify(await notificationCentre(t.db, chairActor))).toContain(title);
    await hide(ideaId);
    const supporterView = await notificationCentre(t.db, supporter);
    expect(JSON.stringify(supporterView)).not.toContain(title);
    const chairView = await notificationCentre(t.db, chairActor);
    expect(JSON.stringify(chairView)).not.toContain(title);
    // The header's count (read with the session) and the centre's agree: the hidden idea's news is not unread news.
    await t.db.updateTable("users").set({ feed_seen_at: new Date(0) }).where("id", "=", supporter.id).execute();
    const sessionId = `test-${Date.now()}`;
    await t.db.insertInto("sessions").values({ id: sessionId, user_id: supporter.id, expires_at: new Date(Date.now() + DAY) }).execute();
    const session = await validateSession(t.services.pool, sessionId, { withUnread: true });
    expect(session?.unread).toBe(0); // its only news is the hidden idea's fast track
    expect(await unreadCount(t.db, supporter)).toBe(0);
    expect(session?.unread).toBe(supporterView.filter((n) => n.unread).length);
    // The chair's own notice stays, without its words or link.
    expect(chairView.find((n) => n.kind === "redacted")).toMatchObject({ ideaId: null, payload: {} });
    // The author still reads theirs.
    expect(JSON.stringify(await notificationCentre(t.db, author))).toContain(title);
    // Supporters who asked for e-mail get no copy of a hidden idea's news.
    await t.db.updateTable("users").set({ email_on_followed_ideas: true }).where("id", "=", supporter.id).execute();
    await fanOutFollowerEmails(t.db, new Date());
    const mails = await t.db.selectFrom("notifications").select("payload").where("user_id", "=", supporter.id).where("kind", "=", "followed_status").execute();
    expect(JSON.stringify(mails)).not.toContain(title);
  });
});

describe("a hidden idea (issue 13)", () => {
  it("takes no support, by the one-statement path or the one that fast-tracks, until restored", async () => {
    const campaign = await createCampaign(t.db, { threshold: 3, category: "economy" });
    const far = await createIdea(t.db, { author: await citizen(), body: BODY }); // threshold 50: the fast path
    const near = await createIdea(t.db, { author: await citizen(), campaignId: campaign.id, category: "economy", body: BODY });
    await support(t.db, (await citizen()).id, near); // 2 of 3: the next support reaches the threshold
    await hide(far);
    await hide(near);
    for (const id of [far, near]) {
      const before = await t.db.selectFrom("ideas").select(["support_count", "status"]).where("id", "=", id).executeTakeFirstOrThrow();
      // A moderator sees the idea, and is told why it takes no support.
      expect(await supportIdea(t.db, moderator, id)).toMatchObject({ ok: false, status: 409, errors: { _form: [{ key: "ideas.errors.hiddenNoSupport" }] } });
      expect(await supportIdea(t.db, await citizen(), id)).toMatchObject({ ok: false, status: 404 });
      expect(await t.db.selectFrom("ideas").select(["support_count", "status"]).where("id", "=", id).executeTakeFirstOrThrow()).toEqual(before);
    }
    await restore(near);
    const result = await supportIdea(t.db, await citizen(), near);
    expect(result).toMatchObject({ ok: true, supportCount: 3, reachedThreshold: true });
    expect((await t.db.selectFrom("ideas").select("status").where("id", "=", near).executeTakeFirstOrThrow()).status).toBe("fast_tracked");
  });

  it("is not counted on the home page and is not fast-tracked by the catch-up until restored", async () => {
    const idea = await createIdea(t.db, { author: await citizen(), body: BODY });
    const before = await pipelineCounts(t.db);
    await hide(idea);
    const after = await pipelineCounts(t.db);
    expect(after.open ?? 0).toBe((before.open ?? 0) - 1);
    // Its threshold is met (a merge, a lowered threshold): the scheduler leaves it while hidden.
    await t.db.updateTable("ideas").set({ support_threshold: 1 }).where("id", "=", idea).execute();
    await fastTrackDue(t.db, new Date());
    expect((await t.db.selectFrom("ideas").select("status").where("id", "=", idea).executeTakeFirstOrThrow()).status).toBe("open");
    await restore(idea);
    await fastTrackDue(t.db, new Date());
    expect((await t.db.selectFrom("ideas").select("status").where("id", "=", idea).executeTakeFirstOrThrow()).status).toBe("fast_tracked");
  });
});

describe("the ideas-per-day limit (issue 21 item 6)", () => {
  const setLimit = (n: number) =>
    t.db.insertInto("settings").values({ key: "ideas_per_day", value: JSON.stringify(n) }).onConflict((oc) => oc.column("key").doUpdateSet({ value: JSON.stringify(n) })).execute();
  const input = (i: number) => ({ title: `Idea number ${i} today`, body: BODY, categoryId: "1", regionId: "", campaignId: "" });
  afterEach(async () => {
    vi.useRealTimers();
    await liftDailyLimits(t.db);
  });

  // The race needs two connections; the embedded database has one, and no race.
  it.skipIf(!process.env.DATABASE_URL)("counts a submission that committed while this one waited for the lock", async () => {
    await setLimit(2);
    const author = await citizen();
    expect((await submitIdea(t.db, author, input(1))).ok).toBe(true);
    // Someone holds the author's row (as a parallel submission does) while two more arrive.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    const holder = t.db.transaction().execute(async (trx) => {
      await trx.selectFrom("users").select("id").where("id", "=", author.id).forUpdate().execute();
      locked();
      await held;
    });
    await isLocked;
    vi.useFakeTimers({ toFake: ["Date"] });
    const start = Date.now();
    // The first to queue read a later clock than the second: the second must still count it.
    vi.setSystemTime(start + 2000);
    const first = submitIdea(t.db, author, input(2));
    await new Promise((resolve) => setTimeout(resolve, 200));
    vi.setSystemTime(start + 1000);
    const second = submitIdea(t.db, author, input(3));
    await new Promise((resolve) => setTimeout(resolve, 200));
    vi.setSystemTime(start + 3000);
    release();
    await holder;
    const results = await Promise.all([first, second]);
    expect(results.map((r) => r.ok)).toEqual([true, false]);
    expect(results[1]).toMatchObject({ status: 429, errors: { _form: [{ key: "ideas.errors.dailyLimit" }] } });
    expect((await t.db.selectFrom("ideas").select("id").where("author_id", "=", author.id).execute()).length).toBe(2);
  });

  it("lets parallel submissions reach the limit and no further; a day later it starts again", async () => {
    await setLimit(5);
    const author = await citizen();
    const results = await Promise.all(Array.from({ length: 9 }, (_, i) => submitIdea(t.db, author, input(i))));
    expect(results.filter((r) => r.ok)).toHaveLength(5);
    expect(results.filter((r) => !r.ok && r.status === 429)).toHaveLength(4);
    expect((await submitIdea(t.db, author, input(10), new Date(Date.now() + DAY + 60_000))).ok).toBe(true);
  });
});

describe("editing runs the same screen as submitting (issue 21 item 5)", () => {
  it("an open idea edited to carry links or a blocked term is held again, and its author is told", async () => {
    await t.db.insertInto("blocked_terms").values({ term: "casinoking" }).execute();
    for (const body of [`${BODY} ${LINKS}`, `${BODY} Visit casinoking today.`]) {
      const author = await citizen();
      const ideaId = await createIdea(t.db, { author, body: BODY });
      const result = await editIdea(t.db, author, ideaId, { title: "A changed title here", body });
      expect(result).toMatchObject({ ok: true, held: true });
      const idea = await t.db.selectFrom("ideas").select(["status", "title", "support_ends_at", "screening"]).where("id", "=", ideaId).executeTakeFirstOrThrow();
      expect(idea).toMatchObject({ status: "pending", title: "A changed title here", support_ends_at: null });
      expect(idea.screening).not.toBeNull();
      // Out of public lists, and its author is told it moved to review.
      expect(await setFollow(t.db, await citizen(), ideaId, true)).toMatchObject({ ok: false, status: 404 });
      const told = await t.db.selectFrom("notifications").select(["kind", "payload"]).where("user_id", "=", author.id).where("idea_id", "=", ideaId).execute();
      expect(told).toContainEqual({ kind: "status", payload: expect.objectContaining({ from: "open", to: "pending" }) });
    }
  });

  it("a clean edit stays open; personal data is still refused next to its field", async () => {
    const author = await citizen();
    const ideaId = await createIdea(t.db, { author, body: BODY });
    expect(await editIdea(t.db, author, ideaId, { title: "A clean new title", body: BODY })).toMatchObject({ ok: true, held: false });
    expect((await t.db.selectFrom("ideas").select("status").where("id", "=", ideaId).executeTakeFirstOrThrow()).status).toBe("open");
    const phone = await editIdea(t.db, author, ideaId, { title: "A clean new title", body: `${BODY} Call me at 010-1234-5678.` });
    expect(phone).toMatchObject({ ok: false, status: 400 });
    expect(phone.ok ? [] : Object.keys(phone.errors)).toEqual(["body"]);
  });
});

describe("GET /ideas/:id/count, which an open idea's page polls", () => {
  it("answers the current count; a held or missing idea is not found", async () => {
    const author = await citizen();
    const open = await createIdea(t.db, { author, body: BODY });
    const held = await createIdea(t.db, { author, body: `${BODY} ${LINKS}` });
    const get = (id: number) => call(countRoute.loader as RouteFunction, { path: `/ideas/${id}/count`, params: { id: String(id) }, context: contextFor(t.services, null) });
    const first = await get(open);
    expect(first).toMatchObject({ status: 200, data: { supportCount: 1, threshold: 50, status: "open" } });
    await support(t.db, (await citizen()).id, open);
    await support(t.db, (await citizen()).id, open);
    expect((await get(open)).data).toMatchObject({ supportCount: 3 });
    expect((await get(held)).status).toBe(404);
    expect((await get(MISSING)).status).toBe(404);
  });
});
