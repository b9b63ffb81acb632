import { sql, type KyselyPlugin } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../app/domain/accounts/permissions";
import { commentOnIdea, createPost, createThread, editPost, ensureDeliberationThread, ideaDeliberationTally, lockThread, markRead, removePost, stanceTally, unlockThread } from "../../app/domain/deliberation/deliberation.server";
import { committeeList, committeePage, ideaDiscussion, myPosts, POSTS_MAX_AGE_MS, threadPage } from "../../app/domain/deliberation/queries.server";
import { committeeWorkspace } from "../../app/domain/committees/queries.server";
import { agencyPage } from "../../app/domain/workflow/queries.server";
import { ideaPage } from "../../app/domain/ideas/page.server";
import type { PostView } from "../../app/domain/deliberation/queries.server";
import type { TreeNode } from "../../app/domain/deliberation/rules";
import { createIdea } from "../../db/factories";
import { ideaAt } from "../fixtures/pipeline";
import { person, ROLES } from "../fixtures/roster";
import { statementCounter } from "../fixtures/statements";
import { openTestDatabase, type TestDatabase } from "./db";

let t: TestDatabase;
let economy: number;
let society: number;
beforeAll(async () => {
  t = await openTestDatabase();
  const committees = await t.db.selectFrom("committees").select(["id", "slug"]).execute();
  economy = committees.find((c) => c.slug === "economy")!.id;
  society = committees.find((c) => c.slug === "society-culture")!.id;
});
afterAll(() => t?.close());

const MINUTE = 60_000;

const member = () => person(t.db, { roles: [...ROLES.member] });
const chair = () => person(t.db, { roles: [...ROLES.chair] });

async function openThread(by: Actor, title = "Support for small shops", now = new Date()) {
  const result = await createThread(t.db, by, economy, { title, body: "Let us begin.", stance: "neutral" }, now);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result;
}

async function postsOf(threadId: number) {
  return t.db.selectFrom("posts").selectAll().where("thread_id", "=", threadId).orderBy("id").execute();
}

/**
 * A thread opened an hour ago, a reader whose first visit was half an hour ago (no earlier mark),
 * and a post by the thread's opener since then.
 */
async function readThenNewPost(title: string, post: { body: string; stance: "for" | "against" | "neutral" }) {
  const m = await member();
  const reader = await member();
  const { threadId } = await openThread(m, title, new Date(Date.now() - 60 * MINUTE));
  expect(await markRead(t.db, reader, threadId, new Date(Date.now() - 30 * MINUTE))).toBeNull();
  const fresh = await createPost(t.db, m, threadId, post);
  return { m, reader, threadId, fresh };
}

function flatten(nodes: TreeNode<PostView>[]): PostView[] {
  return nodes.flatMap((n) => [n.post, ...flatten(n.replies)]);
}

describe("committee threads", () => {
  it("a member opens a thread with its first post; the thread is logged and counted", async () => {
    const m = await member();
    const { threadId, postId } = await openThread(m);
    const thread = await t.db.selectFrom("threads").selectAll().where("id", "=", threadId).executeTakeFirstOrThrow();
    expect(thread).toMatchObject({ kind: "committee", committee_id: economy, created_by: m.id, post_count: 1, idea_id: null });
    expect((await postsOf(threadId)).map((p) => p.id)).toEqual([postId]);
    const audit = await t.db.selectFrom("audit_log").select("action").where("target_type", "=", "thread").where("target_id", "=", String(threadId)).execute();
    expect(audit.map((a) => a.action)).toEqual(["thread.open"]);
  });

  it("refuses a post from anyone outside the committee, and stores nothing", async () => {
    const { threadId } = await openThread(await chair());
    const outsiders = [
      await person(t.db),
      await person(t.db, { roles: [{ role: "committee_member", committee: "society-culture" }] }),
      await person(t.db, { roles: [{ role: "admin" }] }),
      await person(t.db, { roles: [...ROLES.member], suspended: true }),
    ];
    for (const outsider of outsiders) {
      const result = await createPost(t.db, outsider, threadId, { body: "May I?", stance: "for" });
      expect(result).toMatchObject({ ok: false, status: 403 });
    }
    expect(await createPost(t.db, null, threadId, { body: "May I?", stance: "for" })).toMatchObject({ ok: false, status: 401 });
    expect(await createThread(t.db, outsiders[0], economy, { title: "An outsider's thread", body: "x", stance: "for" })).toMatchObject({
      ok: false,
      status: 403,
    });
    expect(await postsOf(threadId)).toHaveLength(1);
    const thread = await t.db.selectFrom("threads").select("post_count").where("id", "=", threadId).executeTakeFirstOrThrow();
    expect(thread.post_count).toBe(1);
  });

  it("a member posts and replies with stances; Markdown is stored sanitized", async () => {
    const m = await member();
    const { threadId, postId } = await openThread(await chair());
    const result = await createPost(t.db, m, threadId, { body: "**Yes**, but <script>alert(1)</script> carefully.", stance: "for" });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const reply = await createPost(t.db, m, threadId, { body: "And a reply.", stance: "against", replyTo: String(postId) });
    if (!reply.ok) throw new Error(JSON.stringify(reply.errors));
    const posts = await postsOf(threadId);
    const stored = posts.find((p) => p.id === result.postId)!;
    expect(stored.body_html).toContain("<strong>Yes</strong>");
    expect(stored.body_html).not.toContain("<script");
    expect(posts.find((p) => p.id === reply.postId)).toMatchObject({ parent_id: postId, root_id: postId, depth: 1, stance: "against" });
    expect(posts.find((p) => p.id === postId)!.reply_count).toBe(1);
    const bad = await createPost(t.db, m, threadId, { body: "", stance: "perhaps" });
    expect(bad).toMatchObject({ ok: false, status: 400 });
    if (!bad.ok) expect(Object.keys(bad.errors).sort()).toEqual(["body", "stance"]);
    const elsewhere = await openThread(m, "Another thread");
    expect(await createPost(t.db, m, threadId, { body: "x", stance: "for", replyTo: String(elsewhere.postId) })).toMatchObject({
      ok: false,
      status: 404,
    });
  });

  it("nests replies to depth 3 and attaches deeper ones to the depth-3 ancestor", async () => {
    const m = await member();
    const { threadId, postId: root } = await openThread(m);
    let target = root;
    const ids: number[] = [];
    for (let i = 0; i < 6; i++) {
      const r = await createPost(t.db, m, threadId, { body: `Reply ${i}`, stance: "neutral", replyTo: String(target) });
      if (!r.ok) throw new Error(JSON.stringify(r.errors));
      ids.push(r.postId);
      target = r.postId;
    }
    const posts = new Map((await postsOf(threadId)).map((p) => [p.id, p]));
    expect(ids.map((id) => posts.get(id)!.depth)).toEqual([1, 2, 3, 3, 3, 3]);
    const anchor = ids[2];
    expect(ids.slice(3).map((id) => posts.get(id)!.parent_id)).toEqual([anchor, anchor, anchor]);
    // The post answered is kept when it is not the parent.
    expect(ids.slice(3).map((id) => posts.get(id)!.reply_to_id)).toEqual([null, ids[3], ids[4]]);
    expect(ids.every((id) => posts.get(id)!.root_id === root)).toBe(true);
    const page = await threadPage(t.db, threadId, null, { cursor: null });
    const tree = page!.posts[0];
    expect(tree.replies[0].replies[0].replies[0].post.id).toBe(anchor);
    expect(tree.replies[0].replies[0].replies[0].replies.map((n) => n.post.id)).toEqual(ids.slice(3));
    expect(tree.replies[0].replies[0].replies[0].replies[1].post.reply_to_name).toBe(m.displayName);
  });

  it("the chair locks a thread with a reason; a locked thread refuses posts and edits", async () => {
    const c = await chair();
    const m = await member();
    const { threadId } = await openThread(c);
    const mine = await createPost(t.db, m, threadId, { body: "Before the lock.", stance: "for" });
    if (!mine.ok) throw new Error("post failed");
    expect(await lockThread(t.db, m, threadId, { reason: "Members cannot lock" })).toMatchObject({ ok: false, status: 403 });
    expect(await lockThread(t.db, c, threadId, { reason: "" })).toMatchObject({ ok: false, status: 400 });
    expect((await lockThread(t.db, c, threadId, { reason: "Moved to the deliberation thread" })).ok).toBe(true);
    expect(await lockThread(t.db, c, threadId, { reason: "Again and again" })).toMatchObject({ ok: false, status: 409 });
    const refused = await createPost(t.db, m, threadId, { body: "After the lock.", stance: "for" });
    expect(refused).toMatchObject({ ok: false, status: 409, errors: { _form: [{ key: "deliberation.errors.locked" }] } });
    expect(await createPost(t.db, c, threadId, { body: "Even the chair.", stance: "for" })).toMatchObject({ ok: false, status: 409 });
    expect(await editPost(t.db, m, mine.postId, { body: "Edited after the lock.", stance: "for" })).toMatchObject({ ok: false, status: 409 });
    expect(await postsOf(threadId)).toHaveLength(2);
    const page = await threadPage(t.db, threadId, m, { cursor: null });
    expect(page!.thread).toMatchObject({ lock_reason: "Moved to the deliberation thread", locked_by_name: c.displayName });
    expect(page!.mayPost).toBe(false);
    expect(page!.postRefusal).toBe("locked");
    expect(page!.canUnlock).toBe(false);
  });

  it("the chair reopens a locked thread; members post again and the lock stays in the audit log", async () => {
    const c = await chair();
    const m = await member();
    const { threadId } = await openThread(c);
    expect(await unlockThread(t.db, c, threadId)).toMatchObject({ ok: false, status: 409 });
    expect((await lockThread(t.db, c, threadId, { reason: "Waiting for the agency's figures" })).ok).toBe(true);
    expect((await threadPage(t.db, threadId, c, { cursor: null }))!.canUnlock).toBe(true);
    expect(await unlockThread(t.db, m, threadId)).toMatchObject({ ok: false, status: 403 });
    expect(await unlockThread(t.db, null, threadId)).toMatchObject({ ok: false, status: 401 });
    expect((await unlockThread(t.db, c, threadId)).ok).toBe(true);
    const page = await threadPage(t.db, threadId, m, { cursor: null });
    expect(page!.thread).toMatchObject({ locked_at: null, lock_reason: null });
    expect(page!.mayPost).toBe(true);
    expect((await createPost(t.db, m, threadId, { body: "The figures are in.", stance: "for" })).ok).toBe(true);
    const audit = await t.db
      .selectFrom("audit_log")
      .select(["action", "details"])
      .where("target_type", "=", "thread")
      .where("target_id", "=", String(threadId))
      .orderBy("id")
      .execute();
    expect(audit.map((a) => a.action)).toEqual(["thread.open", "thread.lock", "thread.unlock"]);
    expect(audit[2].details).toMatchObject({ reason: "Waiting for the agency's figures" });
  });
});

describe("editing and removing posts", () => {
  it("the author edits within 15 minutes (marked edited), not after, and nobody else", async () => {
    const m = await member();
    const written = new Date(Date.now() - 20 * MINUTE);
    const { threadId, postId } = await openThread(m, "A thread to edit", written);
    const edited = await editPost(t.db, m, postId, { body: "Corrected *text*.", stance: "against" }, new Date(written.getTime() + 14 * MINUTE));
    expect(edited.ok).toBe(true);
    let post = (await postsOf(threadId))[0];
    expect(post).toMatchObject({ body: "Corrected *text*.", stance: "against" });
    expect(post.body_html).toContain("<em>text</em>");
    expect(post.edited_at).not.toBeNull();
    const late = await editPost(t.db, m, postId, { body: "Too late.", stance: "for" }, new Date(written.getTime() + 16 * MINUTE));
    expect(late).toMatchObject({ ok: false, status: 409, errors: { _form: [{ key: "deliberation.errors.editWindow" }] } });
    const other = await member();
    expect(await editPost(t.db, other, postId, { body: "Not mine.", stance: "for" }, new Date(written.getTime() + MINUTE))).toMatchObject({
      ok: false,
      status: 403,
    });
    post = (await postsOf(threadId))[0];
    expect(post.body).toBe("Corrected *text*.");
  });

  it("removal keeps the post and its replies, shows who removed it, and clears the text", async () => {
    const author = await member();
    const other = await member();
    const moderator = await person(t.db, { roles: [{ role: "moderator" }] });
    const { threadId, postId } = await openThread(author, "A thread with removals");
    const reply = await createPost(t.db, other, threadId, { body: "A reply that stays.", stance: "against", replyTo: String(postId) });
    const second = await createPost(t.db, other, threadId, { body: "Something out of place.", stance: "for" });
    if (!reply.ok || !second.ok) throw new Error("post failed");

    expect(await removePost(t.db, other, postId)).toMatchObject({ ok: false, status: 403 });
    expect(await removePost(t.db, await chair(), postId)).toMatchObject({ ok: false, status: 403 });
    expect((await removePost(t.db, author, postId)).ok).toBe(true);
    expect((await removePost(t.db, author, postId)).ok).toBe(true); // twice: still once
    expect((await removePost(t.db, moderator, second.postId, { reason: "Off topic" })).ok).toBe(true);

    const posts = await postsOf(threadId);
    expect(posts).toHaveLength(3);
    expect(posts.find((p) => p.id === postId)).toMatchObject({ removal: "author", removed_by: author.id, body: "", body_html: "" });
    expect(posts.find((p) => p.id === reply.postId)).toMatchObject({ removal: null, body: "A reply that stays." });
    expect(posts.find((p) => p.id === second.postId)).toMatchObject({ removal: "moderator", removed_by: moderator.id });

    const page = await threadPage(t.db, threadId, null, { cursor: null });
    const shown = flatten(page!.posts);
    expect(shown.find((p) => p.id === postId)).toMatchObject({ removal: "author", body_html: "" });
    expect(shown.find((p) => p.id === reply.postId)).toMatchObject({ removal: null });
    expect(shown.find((p) => p.id === second.postId)).toMatchObject({ removal: "moderator" });
    // Nobody replies to, edits or removes a removed post.
    expect(shown.find((p) => p.id === postId)!.can).toEqual({ reply: false, edit: false, remove: null });
    expect(await createPost(t.db, other, threadId, { body: "To a removed post", stance: "for", replyTo: String(postId) })).toMatchObject({
      ok: false,
      status: 409,
    });
    const audit = await t.db
      .selectFrom("audit_log")
      .select(["action", "actor_id"])
      .where("target_type", "=", "post")
      .where("target_id", "in", [String(postId), String(second.postId)])
      .orderBy("id")
      .execute();
    expect(audit).toEqual([
      { action: "post.withdraw", actor_id: author.id },
      { action: "post.remove", actor_id: moderator.id },
    ]);
  });
});

describe("the stance tally", () => {
  it("counts each member once, with the stance of their latest post that stands", async () => {
    const [a, b, c] = [await member(), await member(), await chair()];
    const { threadId } = await openThread(a, "Tally thread"); // a: neutral
    await createPost(t.db, a, threadId, { body: "Now for.", stance: "for" });
    await createPost(t.db, b, threadId, { body: "Against.", stance: "against" });
    await createPost(t.db, b, threadId, { body: "Still against.", stance: "against" });
    const last = await createPost(t.db, c, threadId, { body: "For.", stance: "for" });
    expect(await stanceTally(t.db, threadId)).toEqual({ for: 2, against: 1, neutral: 0 });
    if (!last.ok) throw new Error("post failed");
    await removePost(t.db, c, last.postId);
    expect(await stanceTally(t.db, threadId)).toEqual({ for: 1, against: 1, neutral: 0 });
    // b changes their mind; a removed post gives way to its author's earlier one that stands.
    await createPost(t.db, b, threadId, { body: "Persuaded: for.", stance: "for" });
    const d = await member();
    await createPost(t.db, d, threadId, { body: "Undecided.", stance: "neutral" });
    const taken = await createPost(t.db, d, threadId, { body: "Against after all.", stance: "against" });
    if (!taken.ok) throw new Error("post failed");
    expect(await stanceTally(t.db, threadId)).toEqual({ for: 2, against: 1, neutral: 0 });
    await removePost(t.db, d, taken.postId);
    expect(await stanceTally(t.db, threadId)).toEqual({ for: 2, against: 0, neutral: 1 });
  });
});

describe("the tally a thread's page shows (kept per thread, decision 078)", () => {
  it("follows the posts: one written in another process shows at the next view, one removed in this process at once", async () => {
    const [a, b] = [await member(), await member()];
    const { threadId } = await openThread(a, "Kept tally thread"); // a: neutral
    // Another process: a handle of its own, which keeps its own copy.
    const other = statementCounter(t.url);
    try {
      expect((await threadPage(other.db, threadId, null, { cursor: null }))!.tally).toEqual({ for: 0, against: 0, neutral: 1 });
      const written = await createPost(t.db, b, threadId, { body: "Against.", stance: "against" });
      if (!written.ok) throw new Error("post failed");
      expect((await threadPage(other.db, threadId, null, { cursor: null }))!.tally).toEqual({ for: 0, against: 1, neutral: 1 });
      // Removed through this handle's use case: its copy is forgotten at the commit.
      await removePost(other.db, b, written.postId);
      expect((await threadPage(other.db, threadId, null, { cursor: null }))!.tally).toEqual({ for: 0, against: 0, neutral: 1 });
    } finally {
      await other.close();
    }
  });
});

describe("comments on ideas", () => {
  it("the first comment creates the comment thread; a refused one leaves none", async () => {
    const author = await person(t.db);
    const ideaId = await createIdea(t.db, { author });
    const citizen = await person(t.db);
    expect(await commentOnIdea(t.db, citizen, ideaId, { body: "", stance: "for" })).toMatchObject({ ok: false, status: 400 });
    expect(await commentOnIdea(t.db, null, ideaId, { body: "Hello", stance: "for" })).toMatchObject({ ok: false, status: 401 });
    expect(await commentOnIdea(t.db, { ...citizen, emailVerified: false }, ideaId, { body: "Hello", stance: "for" })).toMatchObject({
      ok: false,
      status: 403,
    });
    expect(await t.db.selectFrom("threads").select("id").where("idea_id", "=", ideaId).execute()).toHaveLength(0);
    const before = await ideaDiscussion(t.db, ideaId, citizen);
    expect(before).toMatchObject({ threadId: null, postCount: 0, posts: [], postRefusal: null, deliberation: null });

    const [one, two] = await Promise.all([
      commentOnIdea(t.db, citizen, ideaId, { body: "I support this.", stance: "for" }),
      commentOnIdea(t.db, author, ideaId, { body: "Thank you.", stance: "neutral" }),
    ]);
    if (!one.ok || !two.ok) throw new Error("comment failed");
    expect(one.threadId).toBe(two.threadId);
    const threads = await t.db.selectFrom("threads").selectAll().where("idea_id", "=", ideaId).execute();
    expect(threads).toHaveLength(1);
    expect(threads[0]).toMatchObject({ kind: "idea_comments", committee_id: null, post_count: 2 });
    const reply = await commentOnIdea(t.db, author, ideaId, { body: "A reply.", stance: "for", replyTo: String(one.postId) });
    expect(reply.ok).toBe(true);

    const page = await ideaDiscussion(t.db, ideaId, null);
    expect(page!.postCount).toBe(3);
    expect(page!.postRefusal).toBe("signin");
    // Newest first on the idea page; the reply under its comment.
    expect(page!.posts.map((n) => n.post.id)).toEqual([two.postId, one.postId].sort((x, y) => y - x));
    expect(page!.posts.find((n) => n.post.id === one.postId)!.replies.map((n) => n.post.body_html.trim())).toEqual(["<p>A reply.</p>"]);
    expect(page!.tally).toEqual({ for: 2, against: 0, neutral: 0 });
  });

  it("allows 10 comments per citizen in 10 minutes, even sent at once, with a clear message", async () => {
    const author = await person(t.db);
    const ideaId = await createIdea(t.db, { author });
    const otherIdea = await createIdea(t.db, { author });
    const citizen = await person(t.db);
    const now = new Date();
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => commentOnIdea(t.db, citizen, i % 2 ? ideaId : otherIdea, { body: `Comment ${i}`, stance: "neutral" }, now)),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(10);
    const refused = results.find((r) => !r.ok);
    expect(refused).toMatchObject({
      ok: false,
      status: 429,
      errors: { _form: [{ key: "deliberation.errors.rateLimited", values: { count: 10 } }] },
    });
    const stored = await t.db.selectFrom("posts").select("id").where("author_id", "=", citizen.id).execute();
    expect(stored).toHaveLength(10);
    // Committee posts do not count; ten minutes later the citizen may comment again.
    expect((await commentOnIdea(t.db, citizen, ideaId, { body: "Later.", stance: "for" }, new Date(now.getTime() + 10 * MINUTE + 1000))).ok).toBe(
      true,
    );
  });

  it("takes no comments on an idea that is not public; hides its comments from others", async () => {
    const author = await person(t.db);
    const ideaId = await createIdea(t.db, { author });
    const first = await commentOnIdea(t.db, author, ideaId, { body: "First.", stance: "for" });
    if (!first.ok) throw new Error("comment failed");
    await t.db.updateTable("ideas").set({ status: "rejected" }).where("id", "=", ideaId).execute();
    const citizen = await person(t.db);
    expect(await commentOnIdea(t.db, citizen, ideaId, { body: "Hello", stance: "for" })).toMatchObject({ ok: false, status: 404 });
    expect(await commentOnIdea(t.db, author, ideaId, { body: "Hello", stance: "for" })).toMatchObject({ ok: false, status: 409 });
    expect(await createPost(t.db, citizen, first.threadId, { body: "Hello", stance: "for" })).toMatchObject({ ok: false, status: 404 });
    expect(await threadPage(t.db, first.threadId, citizen, { cursor: null })).toBeNull();
  });
});

describe("what the fast track uses", () => {
  it("an idea hidden by a moderator keeps its title off its thread and its committee's page, except for its author and moderators", async () => {
    const author = await person(t.db);
    const title = "A title a moderator hid";
    const ideaId = await createIdea(t.db, { author, title });
    await t.db.updateTable("ideas").set({ status: "fast_tracked", committee_id: economy }).where("id", "=", ideaId).execute();
    const threadId = await t.db.transaction().execute((trx) => ensureDeliberationThread(trx, { ideaId, committeeId: economy, title }));
    const citizen = await person(t.db);
    const commented = await commentOnIdea(t.db, citizen, ideaId, { body: "A comment written before the idea was hidden.", stance: "neutral" });
    expect(commented.ok).toBe(true);
    await t.db.updateTable("ideas").set({ hidden_at: new Date(), hidden_by: "moderator", hidden_reason: "personal_data" }).where("id", "=", ideaId).execute();
    const moderator = await person(t.db, { roles: [{ role: "moderator" }] });
    const { threadById } = await import("../../app/domain/deliberation/queries.server");
    const { flagTarget } = await import("../../app/domain/moderation/queries.server");
    for (const reader of [null, citizen]) {
      const page = await committeePage(t.db, economy, null, new Date(), reader);
      expect(JSON.stringify(page)).not.toContain(title);
      expect(page.ideas.find((i) => i.id === ideaId)?.title).toBeNull();
      expect(page.threads.find((th) => th.id === threadId)).toMatchObject({ title: null, idea_title: null });
      expect(await threadById(t.db, threadId, reader)).toMatchObject({ title: null, idea_title: null });
    }
    expect((await flagTarget(t.db, "idea", ideaId, citizen))?.title).toBeNull();
    for (const insider of [author, moderator]) {
      expect((await committeePage(t.db, economy, null, new Date(), insider)).ideas.find((i) => i.id === ideaId)?.title).toBe(title);
      expect(await threadById(t.db, threadId, insider)).toMatchObject({ title, idea_title: title });
      expect((await flagTarget(t.db, "idea", ideaId, insider))?.title).toBe(title);
    }
    // Its agency's public page (in the queue, then among the answers) and a commenter's own list on /me.
    const moef = (await t.db.selectFrom("agencies").select("id").where("slug", "=", "moef").executeTakeFirstOrThrow()).id;
    await t.db.updateTable("ideas").set({ status: "under_review", agency_id: moef, agency_due_at: new Date(Date.now() + 86_400_000) }).where("id", "=", ideaId).execute();
    for (const reader of [null, citizen]) {
      const agency = await agencyPage(t.db, "moef", reader);
      expect(JSON.stringify(agency)).not.toContain(title);
      expect(agency?.queue.find((i) => i.id === ideaId)?.title).toBeNull();
    }
    expect((await myPosts(t.db, citizen)).map((p) => p.where)).toEqual([null]);
    expect((await agencyPage(t.db, "moef", author))?.queue.find((i) => i.id === ideaId)?.title).toBe(title);
    await t.db.updateTable("ideas").set({ status: "answered", outcome: "accepted", answered_at: new Date() }).where("id", "=", ideaId).execute();
    expect((await agencyPage(t.db, "moef", citizen))?.answers.find((i) => i.id === ideaId)?.title).toBeNull();
    expect((await agencyPage(t.db, "moef", moderator))?.answers.find((i) => i.id === ideaId)?.title).toBe(title);
  });

  it("ensureDeliberationThread is idempotent and follows a reassignment", async () => {
    const author = await person(t.db);
    const ideaId = await createIdea(t.db, { author, title: "An idea to deliberate" });
    const ids = await t.db.transaction().execute(async (trx) => [
      await ensureDeliberationThread(trx, { ideaId, committeeId: economy, title: "An idea to deliberate" }),
      await ensureDeliberationThread(trx, { ideaId, committeeId: economy, title: "An idea to deliberate" }),
    ]);
    const again = await t.db.transaction().execute((trx) => ensureDeliberationThread(trx, { ideaId, committeeId: economy, title: "Other" }));
    expect(new Set([...ids, again]).size).toBe(1);
    // The comment thread of the same idea is a different thread.
    const comment = await commentOnIdea(t.db, author, ideaId, { body: "A comment.", stance: "for" });
    if (!comment.ok) throw new Error("comment failed");
    expect(comment.threadId).not.toBe(again);
    const threads = await t.db.selectFrom("threads").selectAll().where("idea_id", "=", ideaId).orderBy("id").execute();
    expect(threads.map((th) => [th.kind, th.title])).toEqual([
      ["committee", "An idea to deliberate"],
      ["idea_comments", "An idea to deliberate"],
    ]);
    const moved = await t.db.transaction().execute((trx) => ensureDeliberationThread(trx, { ideaId, committeeId: society, title: "x" }));
    expect(moved).toBe(again);
    const row = await t.db.selectFrom("threads").select("committee_id").where("id", "=", moved).executeTakeFirstOrThrow();
    expect(row.committee_id).toBe(society);
    // A member of the new committee posts; the economy member no longer may.
    const societyMember = await person(t.db, { roles: [{ role: "committee_member", committee: "society-culture" }] });
    expect((await createPost(t.db, societyMember, moved, { body: "We take it.", stance: "for" })).ok).toBe(true);
    expect(await createPost(t.db, await member(), moved, { body: "Us too?", stance: "for" })).toMatchObject({ ok: false, status: 403 });
    expect(await ideaDeliberationTally(t.db, ideaId)).toEqual({ for: 1, against: 0, neutral: 0 });
    const discussion = await ideaDiscussion(t.db, ideaId, null);
    expect(discussion!.deliberation).toMatchObject({ threadId: moved, postCount: 1 });
  });

  it("the deliberation thread shows the recommendation once recorded, with its stored tally", async () => {
    const author = await person(t.db);
    const c = await chair();
    const ideaId = await createIdea(t.db, { author });
    const threadId = await t.db.transaction().execute((trx) => ensureDeliberationThread(trx, { ideaId, committeeId: economy, title: "Deliberation" }));
    expect((await threadPage(t.db, threadId, null, { cursor: null }))!.recommendation).toBeNull();
    const agency = await t.db.selectFrom("agencies").select(["id", "name_en"]).orderBy("id").limit(1).executeTakeFirstOrThrow();
    await t.db
      .insertInto("recommendations")
      .values({
        idea_id: ideaId,
        committee_id: economy,
        decision: "forward",
        agency_id: agency.id,
        rationale: "Good",
        rationale_html: "<p>Good</p>",
        stance_for: 3,
        stance_against: 1,
        stance_neutral: 0,
        recorded_by: c.id,
      })
      .execute();
    const page = await threadPage(t.db, threadId, null, { cursor: null });
    expect(page!.recommendation).toMatchObject({ decision: "forward", agency_en: agency.name_en, stance_for: 3, stance_against: 1, rationale_html: "<p>Good</p>" });
    expect(page!.thread).toMatchObject({ idea_id: ideaId, kind: "committee" });
  });
});

describe("reading long threads", () => {
  it("pages through 300 top-level posts once each, with the same few queries per page (the tally kept after the first)", async () => {
    const m = await member();
    const other = await member();
    const { threadId, postId: first } = await openThread(m, "A long thread");
    await sql`
      INSERT INTO posts (thread_id, depth, author_id, body, body_html, stance, created_at)
      SELECT ${threadId}, 0, ${m.id}, 'Post ' || g, '<p>Post ' || g || '</p>', 'neutral', now() - (400 - g) * interval '1 second'
      FROM generate_series(1, 299) g`.execute(t.db);
    const tops = (await postsOf(threadId)).map((p) => p.id);
    expect(tops).toHaveLength(300);
    // Replies under a few posts on different pages, one of them three deep.
    for (const target of [first, tops[45], tops[150], tops[299]]) {
      const r = await createPost(t.db, other, threadId, { body: "A reply.", stance: "for", replyTo: String(target) });
      if (!r.ok) throw new Error(JSON.stringify(r.errors));
      const deeper = await createPost(t.db, m, threadId, { body: "A deeper reply.", stance: "against", replyTo: String(r.postId) });
      if (!deeper.ok) throw new Error("reply failed");
    }

    let queries = 0;
    const counting: KyselyPlugin = {
      transformQuery: (args) => {
        queries++;
        return args.node;
      },
      transformResult: async (args) => args.result,
    };
    const db = t.db.withPlugin(counting);
    const seen: number[] = [];
    const perPage: number[] = [];
    let replies = 0;
    let cursor: number | null = null;
    let pages = 0;
    do {
      queries = 0;
      const page = await threadPage(db, threadId, other, { cursor });
      perPage.push(queries);
      seen.push(...page!.posts.map((n) => n.post.id));
      replies += flatten(page!.posts).length - page!.posts.length;
      cursor = page!.nextCursor;
      pages++;
    } while (cursor !== null && pages < 50);
    expect(seen).toEqual(tops);
    expect(new Set(seen).size).toBe(300);
    expect(replies).toBe(8);
    expect(pages).toBe(15);
    // The first page reads the stance tally; the next ones find it kept (decision 078).
    expect(new Set(perPage.slice(1)).size).toBe(1);
    expect(perPage[0]).toBe(perPage[1] + 1);
    expect(perPage[0]).toBeLessThanOrEqual(7);
  });

  it("reads a page's posts and every reply under them in one statement, nested under their own (decision 085)", async () => {
    const m = await member();
    const { threadId, postId: first } = await openThread(m, "One statement a page");
    const second = await createPost(t.db, m, threadId, { body: "A second post.", stance: "for" });
    if (!second.ok) throw new Error("post failed");
    const reply = async (to: number, body: string) => {
      const r = await createPost(t.db, m, threadId, { body, stance: "neutral", replyTo: String(to) });
      if (!r.ok) throw new Error("reply failed");
      return r.postId;
    };
    const underFirst = await reply(first, "Under the first.");
    const deeper = await reply(underFirst, "Under that reply.");
    const underSecond = await reply(second.postId, "Under the second.");
    const counter = statementCounter(t.url);
    try {
      let page: Awaited<ReturnType<typeof threadPage>> = null;
      const statements = await counter.statementsOf(async () => (page = await threadPage(counter.db, threadId, m, { cursor: null })));
      expect(statements.filter((s) => /\bfrom "posts"/.test(s))).toHaveLength(1);
      const shape = page!.posts.map((n) => [n.post.id, flatten(n.replies).map((r) => r.id)]);
      expect(shape.sort((a, b) => Number(a[0]) - Number(b[0]))).toEqual([
        [first, [underFirst, deeper]],
        [second.postId, [underSecond]],
      ]);
    } finally {
      await counter.close();
    }
  });

  it("marks posts written since the reader's last visit, not their own", async () => {
    const { m, reader, threadId, fresh } = await readThenNewPost("New posts thread", { body: "Something new.", stance: "for" });
    const own = await createPost(t.db, reader, threadId, { body: "My own.", stance: "for" });
    if (!fresh.ok || !own.ok) throw new Error("post failed");
    const page = await threadPage(t.db, threadId, reader, { cursor: null });
    const marks = Object.fromEntries(flatten(page!.posts).map((p) => [p.id, p.fresh]));
    expect(Object.values(marks).filter(Boolean)).toHaveLength(1);
    expect(marks[fresh.postId]).toBe(true);
    expect(marks[own.postId]).toBe(false);
    // The visit moved the mark: nothing is new on the next visit.
    const next = await threadPage(t.db, threadId, reader, { cursor: null });
    expect(flatten(next!.posts).some((p) => p.fresh)).toBe(false);
    // A visitor gets no marks and no row.
    const visitor = await threadPage(t.db, threadId, null, { cursor: null });
    expect(flatten(visitor!.posts).some((p) => p.fresh)).toBe(false);
  });

  it("a view with nothing new since the last writes nothing; a view after a new post moves the mark", async () => {
    const c = await chair();
    const reader = await member();
    const { ideaId } = await ideaAt(t.db, "in_deliberation", { chair: c });
    const { id: threadId } = await t.db.selectFrom("threads").select("id").where("idea_id", "=", ideaId).where("kind", "=", "committee").executeTakeFirstOrThrow();
    const opening = await createPost(t.db, c, threadId, { body: "Let us weigh it.", stance: "neutral" });
    if (!opening.ok) throw new Error("post failed");
    // The reader's row as stored: its version (xmin), whether anything locked it since (xmax).
    const stored = async () =>
      (
        await sql<{ xmin: string; xmax: string; last_read_at: Date }>`
          SELECT xmin::text AS xmin, xmax::text AS xmax, last_read_at FROM thread_reads WHERE user_id = ${reader.id} AND thread_id = ${threadId}`.execute(t.db)
      ).rows[0];
    const workspaceUnread = async () => (await committeeWorkspace(t.db, economy, reader)).deliberating.find((i) => i.id === ideaId)!.unread;
    const freshIds = (page: Awaited<ReturnType<typeof threadPage>>) => flatten(page!.posts).filter((p) => p.fresh).map((p) => p.id);

    expect(await workspaceUnread()).toBe(true);
    expect(freshIds(await threadPage(t.db, threadId, reader, { cursor: null }))).toEqual([]);
    const first = await stored();
    expect(first).toBeDefined();
    expect(await workspaceUnread()).toBe(false);
    // Nothing new: the next views find nothing new and leave the row as it was.
    expect(freshIds(await threadPage(t.db, threadId, reader, { cursor: null }))).toEqual([]);
    expect(freshIds(await threadPage(t.db, threadId, reader, { cursor: null }))).toEqual([]);
    expect(await stored()).toEqual(first);
    // A new post: unread in the workspace, marked new on the next view, which moves the mark.
    const later = await createPost(t.db, c, threadId, { body: "A new argument.", stance: "against" });
    if (!later.ok) throw new Error("post failed");
    expect(await workspaceUnread()).toBe(true);
    expect(freshIds(await threadPage(t.db, threadId, reader, { cursor: null }))).toEqual([later.postId]);
    const moved = await stored();
    expect(moved.xmin).not.toBe(first.xmin);
    expect(new Date(moved.last_read_at).getTime()).toBeGreaterThan(new Date(first.last_read_at).getTime());
    expect(await workspaceUnread()).toBe(false);
    expect(freshIds(await threadPage(t.db, threadId, reader, { cursor: null }))).toEqual([]);
    expect(await stored()).toEqual(moved);
  });
});

describe("committee pages", () => {
  it("list members, ideas in care with deadlines (overdue flagged) and counts", async () => {
    const c = await chair();
    const now = new Date();
    // Taken up today: its ten business days have not run. Fast-tracked 30 days ago and never
    // taken up: ten business days are at most three weeks, so it is overdue.
    const { ideaId } = await ideaAt(t.db, "in_deliberation", { chair: c });
    const { ideaId: lateId } = await ideaAt(t.db, "fast_tracked", { fastTrackedAt: new Date(now.getTime() - 30 * 86_400_000) });
    const page = await committeePage(t.db, economy, null, now);
    expect(page.members.find((x) => x.id === c.id)).toMatchObject({ chair: true });
    const ideas = Object.fromEntries(page.ideas.map((i) => [i.id, i.overdue]));
    expect(ideas[ideaId]).toBe(false);
    expect(ideas[lateId]).toBe(true);
    const list = await committeeList(t.db);
    expect(list).toHaveLength(4);
    const row = list.find((x) => x.id === economy)!;
    expect(row.deliberating_count).toBeGreaterThanOrEqual(1);
    expect(row.awaiting_count).toBeGreaterThanOrEqual(1);
    expect(row.member_count).toBeGreaterThanOrEqual(1);
  });
});

describe("the read mark of an idea's comments, moved by its page (decision 089)", () => {
  it("marks comments written since the reader's last view, in the record's own statement, and writes nothing when nothing is new", async () => {
    const author = await person(t.db);
    const neighbour = await person(t.db);
    const reader = await person(t.db);
    const ideaId = await createIdea(t.db, { author });
    const counter = statementCounter(t.url);
    try {
      const freshIds = async () => {
        const page = await ideaPage(counter.db, ideaId, reader, "ko");
        return flatten(page!.discussion.posts).filter((p) => p.fresh).map((p) => p.id);
      };
      const stored = async () =>
        (await sql<{ xmin: string; last_read_at: Date }>`SELECT xmin::text AS xmin, last_read_at FROM thread_reads WHERE user_id = ${reader.id}`.execute(t.db)).rows;
      // No comments yet: no thread, no mark.
      expect(await freshIds()).toEqual([]);
      expect(await stored()).toEqual([]);
      const first = await commentOnIdea(t.db, neighbour, ideaId, { body: "좋은 제안입니다. 동네 어르신들도 반기실 거예요.", stance: "for" });
      if (!first.ok) throw new Error("comment failed");
      // A first view: nothing is new (no earlier mark), and the mark is written, without a statement of its own.
      const statements = await counter.statementsOf(async () => expect(await freshIds()).toEqual([]));
      expect(statements.some((s) => s.includes("thread-read"))).toBe(false);
      const marked = await stored();
      expect(marked).toHaveLength(1);
      // Nothing new since: the row stays as it was.
      expect(await freshIds()).toEqual([]);
      expect(await stored()).toEqual(marked);
      // A new comment, and the reader's own: only the other's is new, once; the mark moves.
      const later = await commentOnIdea(t.db, neighbour, ideaId, { body: "예산은 구청 예비비로 충분할 것 같습니다.", stance: "neutral" });
      const own = await commentOnIdea(t.db, reader, ideaId, { body: "저도 찬성합니다. 주말에 특히 필요합니다.", stance: "for" });
      if (!later.ok || !own.ok) throw new Error("comment failed");
      expect(await freshIds()).toEqual([later.postId]);
      const moved = await stored();
      expect(moved[0].xmin).not.toBe(marked[0].xmin);
      expect(await freshIds()).toEqual([]);
      // A visitor's view marks nothing and writes no row.
      const visitor = await ideaPage(counter.db, ideaId, null, "ko");
      expect(flatten(visitor!.discussion.posts).some((p) => p.fresh)).toBe(false);
      expect(Number((await sql<{ n: string }>`SELECT count(*) AS n FROM thread_reads WHERE thread_id = (SELECT id FROM threads WHERE idea_id = ${ideaId})`.execute(t.db)).rows[0].n)).toBe(1);
    } finally {
      await counter.close();
    }
  });

  it("a thread's page moves the mark in the thread's record too: the same posts are new, without a statement of its own", async () => {
    const { threadId, reader, fresh } = await readThenNewPost("Mark in the record thread", { body: "Since your last visit.", stance: "against" });
    if (!fresh.ok) throw new Error("post failed");
    const counter = statementCounter(t.url);
    try {
      let page: Awaited<ReturnType<typeof threadPage>> = null;
      const statements = await counter.statementsOf(async () => (page = await threadPage(counter.db, threadId, reader, { cursor: null })));
      expect(statements.some((s) => s.includes("thread-read"))).toBe(false);
      expect(flatten(page!.posts).filter((p) => p.fresh).map((p) => p.id)).toEqual([fresh.postId]);
      // The page says when the reader was last here, and the next view finds nothing new.
      expect(new Date(page!.lastReadAt!).getTime()).toBeLessThan(Date.now() - 29 * MINUTE);
      const next = await threadPage(counter.db, threadId, reader, { cursor: null });
      expect(flatten(next!.posts).some((p) => p.fresh)).toBe(false);
    } finally {
      await counter.close();
    }
  });
});

describe("a page of posts kept per thread version (decision 090)", () => {
  const postStatements = (statements: string[]) => statements.filter((s) => /\bfrom "posts"/.test(s));
  /** A thread's first page through `counter`'s handle (another process): its posts, tally, and how many statements read posts. */
  const viewThread = async (counter: ReturnType<typeof statementCounter>, threadId: number, who: Actor | null) => {
    let page: Awaited<ReturnType<typeof threadPage>> = null;
    const statements = await counter.statementsOf(async () => (page = await threadPage(counter.db, threadId, who, { cursor: null })));
    return { posts: flatten(page!.posts), read: postStatements(statements).length, tally: page!.tally };
  };
  const version = async (threadId: number) =>
    Number((await t.db.selectFrom("threads").select("posts_version").where("id", "=", threadId).executeTakeFirstOrThrow()).posts_version);

  it("every statement that writes posts moves the version of each thread it touched, and only theirs", async () => {
    const m = await member();
    const one = await openThread(m, "Version thread one");
    const two = await openThread(m, "Version thread two");
    const three = await openThread(m, "Version thread three");
    const before = { one: await version(one.threadId), two: await version(two.threadId), three: await version(three.threadId) };
    // One statement over two threads' posts (as an erasure or an administrator's SQL would).
    await t.db.updateTable("posts").set({ hidden_reason: null }).where("id", "in", [one.postId, two.postId]).execute();
    expect(await version(one.threadId)).toBe(before.one + 1);
    expect(await version(two.threadId)).toBe(before.two + 1);
    expect(await version(three.threadId)).toBe(before.three);
    // A statement that matches no post moves nothing.
    await t.db.updateTable("posts").set({ hidden_reason: null }).where("id", "=", -1).execute();
    expect(await version(one.threadId)).toBe(before.one + 1);
    // A post added, then deleted outright.
    const added = await createPost(t.db, m, three.threadId, { body: "Added.", stance: "for" });
    if (!added.ok) throw new Error("post failed");
    const afterAdd = await version(three.threadId);
    expect(afterAdd).toBeGreaterThan(before.three);
    await t.db.deleteFrom("posts").where("id", "=", added.postId).execute();
    expect(await version(three.threadId)).toBe(afterAdd + 1);
  });

  it("a second view of a thread reads no posts; a post, an edit, a removal and a hiding done elsewhere show at the next view", async () => {
    const author = await member();
    const other = await member();
    const { threadId, postId: opening } = await openThread(author, "Kept posts thread");
    // Another process: a handle of its own, which keeps its own copies (nothing it does forgets them).
    const counter = statementCounter(t.url);
    try {
      const view = () => viewThread(counter, threadId, null);
      expect((await view()).read).toBe(1);
      const again = await view();
      expect(again.read).toBe(0);
      expect(again.posts.map((p) => p.id)).toEqual([opening]);

      const written = await createPost(t.db, other, threadId, { body: "Written in another process.", stance: "against" });
      if (!written.ok) throw new Error("post failed");
      let next = await view();
      expect(next.read).toBe(1);
      expect(next.posts.map((p) => p.id)).toEqual([opening, written.postId]);
      expect(next.tally).toEqual({ for: 0, against: 1, neutral: 1 });

      expect((await editPost(t.db, other, written.postId, { body: "Edited in *another* process.", stance: "for" })).ok).toBe(true);
      next = await view();
      expect(next.posts.find((p) => p.id === written.postId)!.body_html).toContain("<em>another</em>");
      // The tally follows the edit at once too (it is kept per version as well).
      expect(next.tally).toEqual({ for: 1, against: 0, neutral: 1 });

      await sql`UPDATE posts SET hidden_at = now(), hidden_by = 'moderator', hidden_reason = 'spam' WHERE id = ${written.postId}`.execute(t.db);
      next = await view();
      expect(next.posts.find((p) => p.id === written.postId)).toMatchObject({ body_html: "", hidden: { forReader: true } });

      expect((await removePost(t.db, author, opening)).ok).toBe(true);
      next = await view();
      expect(next.posts.find((p) => p.id === opening)).toMatchObject({ body_html: "" });
      expect(next.posts.find((p) => p.id === opening)!.removal).not.toBeNull();
      expect((await view()).read).toBe(0);
    } finally {
      await counter.close();
    }
  });

  it("what each reader may do is worked out per reader from the kept rows: the author's post is editable for the author only", async () => {
    const author = await member();
    const reader = await member();
    const { threadId, postId } = await openThread(author, "Kept rows, readers apart");
    const counter = statementCounter(t.url);
    try {
      const postFor = async (who: Actor | null) => {
        const { posts, read } = await viewThread(counter, threadId, who);
        return { post: posts.find((p) => p.id === postId)!, read };
      };
      const own = await postFor(author);
      expect(own.post.can.edit).toBe(true);
      expect(own.post.body).toBe("Let us begin.");
      const theirs = await postFor(reader);
      expect(theirs.read).toBe(0);
      expect(theirs.post.can.edit).toBe(false);
      // The source text goes only to who may edit it.
      expect(theirs.post.body).toBeNull();
      const visitor = await postFor(null);
      expect(visitor.post).toMatchObject({ body: null, flaggable: true, can: { edit: false, reply: false } });
      // The author's view after the others' is still the author's.
      expect((await postFor(author)).post.can.edit).toBe(true);
    } finally {
      await counter.close();
    }
  });

  it("an idea's comments: a second view reads none; a comment written elsewhere shows at once; a new display name within a second", async () => {
    const author = await person(t.db);
    const commenter = await person(t.db, { displayName: "Before Rename" });
    const ideaId = await createIdea(t.db, { author });
    const first = await commentOnIdea(t.db, commenter, ideaId, { body: "첫 댓글입니다. 좋은 제안이에요.", stance: "for" });
    if (!first.ok) throw new Error("comment failed");
    const counter = statementCounter(t.url);
    try {
      const view = async () => {
        let page: Awaited<ReturnType<typeof ideaPage>> = null;
        const statements = await counter.statementsOf(async () => (page = await ideaPage(counter.db, ideaId, null, "ko")));
        return { posts: flatten(page!.discussion.posts), read: postStatements(statements).length };
      };
      expect((await view()).read).toBe(1);
      expect((await view()).read).toBe(0);
      const second = await commentOnIdea(t.db, author, ideaId, { body: "감사합니다. 검토해 보겠습니다.", stance: "neutral" });
      if (!second.ok) throw new Error("comment failed");
      const next = await view();
      expect(next.read).toBe(1);
      expect(next.posts.map((p) => p.id)).toEqual([second.postId, first.postId]);
      // A name is not part of the posts' version: it shows once the kept copy is POSTS_MAX_AGE_MS old.
      await t.db.updateTable("users").set({ display_name: "After Rename" }).where("id", "=", commenter.id).execute();
      await new Promise((resolve) => setTimeout(resolve, POSTS_MAX_AGE_MS + 50));
      expect((await view()).posts.find((p) => p.id === first.postId)!.author_name).toBe("After Rename");
    } finally {
      await counter.close();
    }
  });
});
