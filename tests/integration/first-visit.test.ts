// What a new user stumbled on (issue 20), below the pages: the demo committees' deliberation,
// the home region at sign-up, a grant without a role, a dismissal's note, the lists of /me, the
// report page's quote and the excerpts of ideas with headings.
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerUser } from "../../app/domain/accounts/accounts.server";
import type { Actor } from "../../app/domain/accounts/permissions";
import { grantRole, grantsOf } from "../../app/domain/accounts/roles.server";
import { commentOnIdea, removePost, stanceTally } from "../../app/domain/deliberation/deliberation.server";
import { myPosts } from "../../app/domain/deliberation/queries.server";
import { followedIdeas, supportedIdeas } from "../../app/domain/ideas/queries.server";
import { setFollow } from "../../app/domain/ideas/ideas.server";
import { decideItem, flagContent } from "../../app/domain/moderation/flags.server";
import { flagTarget } from "../../app/domain/moderation/queries.server";
import { up as recomputeExcerpts } from "../../db/migrations/2026-12-02-040-excerpts-without-headings";
import { loadDemo } from "../../db/demo";
import { citizenActor, createIdea, createUser, support, type RoleSpec } from "../../db/factories";
import { openTestDatabase, type TestDatabase } from "./db";

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
  await loadDemo(t.db);
}, 120_000);
afterAll(() => t?.close());

const DAY = 86_400_000;
const BODY = "A proposal long enough to pass the thirty character minimum.";

async function person(roles: RoleSpec[] = []): Promise<Actor> {
  const user = await createUser(t.db, { roles });
  return { ...citizenActor(user.id), displayName: user.display_name, grants: await grantsOf(t.db, user.id) };
}

describe("the demo committees deliberate before they recommend", () => {
  it("every recommendation's thread has posts dated between the fast track and the recommendation, and its stance counts are theirs", async () => {
    const recommendations = await t.db
      .selectFrom("recommendations")
      .innerJoin("threads", (join) => join.onRef("threads.idea_id", "=", "recommendations.idea_id").on("threads.kind", "=", "committee"))
      .select(["recommendations.idea_id", "recommendations.created_at", "recommendations.stance_for", "recommendations.stance_against", "recommendations.stance_neutral", "threads.id as thread_id", "threads.created_at as opened_at"])
      .execute();
    expect(recommendations.length).toBeGreaterThanOrEqual(5);
    for (const r of recommendations) {
      const posts = await t.db.selectFrom("posts").select(["created_at"]).where("thread_id", "=", r.thread_id).orderBy("id").execute();
      expect(posts.length, `idea ${r.idea_id}`).toBeGreaterThanOrEqual(2);
      const recorded = new Date(r.created_at).getTime();
      const opened = new Date(r.opened_at).getTime();
      for (const p of posts) {
        const at = new Date(p.created_at).getTime();
        expect(at).toBeLessThan(recorded);
        expect(at).toBeGreaterThan(opened);
      }
      // Recommended weeks ago: the thread was not "opened today".
      if (recorded < Date.now() - 7 * DAY) expect(opened).toBeLessThan(Date.now() - 7 * DAY);
      const tally = await stanceTally(t.db, r.thread_id);
      expect({ for: r.stance_for, against: r.stance_against, neutral: r.stance_neutral }).toEqual(tally);
      expect(tally.for + tally.against + tally.neutral).toBeGreaterThan(0);
    }
  });

  it("the idea still in deliberation has a conversation going", async () => {
    const row = await t.db
      .selectFrom("threads")
      .innerJoin("ideas", "ideas.id", "threads.idea_id")
      .select((eb) => ["threads.id", eb.selectFrom("posts").select(eb.fn.countAll<number>().as("n")).whereRef("posts.thread_id", "=", "threads.id").as("posts")])
      .where("ideas.status", "=", "in_deliberation")
      .where("threads.kind", "=", "committee")
      .executeTakeFirstOrThrow();
    expect(Number(row.posts)).toBeGreaterThanOrEqual(2);
  });
});

describe("signing up", () => {
  const deps = () => ({ db: t.db, publicUrl: "http://madang.test" });
  const join = (extra: Record<string, string>) =>
    registerUser(deps(), { email: `region-${Math.random().toString(36).slice(2)}@example.org`, displayName: "지역 시민", password: "a-long-enough-passphrase-7", ...extra }, "ko");

  it("keeps the home region chosen, or none", async () => {
    const withRegion = await join({ homeRegionId: "2" });
    if (!withRegion.ok) throw new Error(JSON.stringify(withRegion.errors));
    const without = await join({ homeRegionId: "" });
    if (!without.ok) throw new Error(JSON.stringify(without.errors));
    const rows = await t.db.selectFrom("users").select(["id", "home_region_id"]).where("id", "in", [withRegion.userId, without.userId]).execute();
    expect(rows.find((r) => r.id === withRegion.userId)?.home_region_id).toBe(2);
    expect(rows.find((r) => r.id === without.userId)?.home_region_id).toBeNull();
  });

  it("refuses a region that is not one of the 17, next to the field", async () => {
    const result = await join({ homeRegionId: "99" });
    expect(result).toMatchObject({ ok: false, status: 400, errors: { homeRegionId: [{ key: "errors.invalidChoice" }] } });
  });
});

describe("granting a role", () => {
  it("is refused until a role is chosen, with a message for the role field", async () => {
    const admin = await person([{ role: "admin" }]);
    const someone = await createUser(t.db);
    const result = await grantRole(t.db, admin, { userId: String(someone.id), role: "", committeeId: "", agencyId: "" });
    expect(result).toMatchObject({ ok: false, status: 400, errors: { role: [{ key: "admin.roleRequired" }] } });
    expect(await t.db.selectFrom("role_grants").select("id").where("user_id", "=", someone.id).execute()).toEqual([]);
  });
});

describe("a moderator's decision", () => {
  async function reportedIdea() {
    const author = await createUser(t.db);
    const ideaId = await createIdea(t.db, { author, body: BODY });
    await flagContent(t.db, await person(), { targetType: "idea", targetId: String(ideaId), reason: "spam" });
    return { author, ideaId };
  }
  const lastNotice = async (userId: number) =>
    JSON.stringify((await t.db.selectFrom("notifications").select("payload").where("user_id", "=", userId).orderBy("id", "desc").executeTakeFirstOrThrow()).payload);

  it("dismissing the reports tells the author the reason, and keeps the note in the log only", async () => {
    const { author, ideaId } = await reportedIdea();
    const note = "The reporter reports everything this person writes.";
    const result = await decideItem(t.db, await person([{ role: "moderator" }]), { targetType: "idea", targetId: String(ideaId), decision: "dismiss", reason: "no_violation", note });
    expect(result.ok).toBe(true);
    expect(await lastNotice(author.id)).not.toContain(note);
    const audit = await t.db.selectFrom("audit_log").select("details").where("action", "=", "moderation.dismiss").where("target_id", "=", String(ideaId)).executeTakeFirstOrThrow();
    expect(JSON.stringify(audit.details)).toContain(note);
  });

  it("hiding sends the author the note with the reason", async () => {
    const { author, ideaId } = await reportedIdea();
    const note = "Please remove the advertising and it can be restored.";
    await decideItem(t.db, await person([{ role: "moderator" }]), { targetType: "idea", targetId: String(ideaId), decision: "hide", reason: "spam", note });
    expect(await lastNotice(author.id)).toContain(note);
  });
});

describe("my page's lists", () => {
  it("lists an idea I support and follow once, with the supported ones", async () => {
    const author = await createUser(t.db);
    const me = await createUser(t.db);
    const both = await createIdea(t.db, { author, body: BODY });
    const followedOnly = await createIdea(t.db, { author, body: BODY });
    await support(t.db, me.id, both);
    await setFollow(t.db, citizenActor(me.id), both, true);
    await setFollow(t.db, citizenActor(me.id), followedOnly, true);
    expect((await supportedIdeas(t.db, citizenActor(me.id))).map((i) => i.id)).toEqual([both]);
    expect((await followedIdeas(t.db, citizenActor(me.id))).map((i) => i.id)).toEqual([followedOnly]);
  });

  it("lists my comments, newest first, each with the address of its page at the post; removed ones are left out", async () => {
    const author = await createUser(t.db);
    const me = await person();
    const ideaId = await createIdea(t.db, { author, title: "Benches in every park", body: BODY });
    const first = await commentOnIdea(t.db, me, ideaId, { body: "**Yes**, and shade over them.", stance: "for" });
    const second = await commentOnIdea(t.db, me, ideaId, { body: "Second thought: fewer, better benches.", stance: "neutral" }, new Date(Date.now() + 1000));
    const gone = await commentOnIdea(t.db, me, ideaId, { body: "A comment I take back.", stance: "neutral" }, new Date(Date.now() + 2000));
    if (!first.ok || !second.ok || !gone.ok) throw new Error("comment refused");
    const removed = await removePost(t.db, me, gone.postId, { reason: "" }, new Date(Date.now() + 3000), { ideaId });
    expect(removed.ok).toBe(true);
    const posts = await myPosts(t.db, me);
    expect(posts.map((p) => p.id)).toEqual([second.postId, first.postId]);
    const thread = (await t.db.selectFrom("posts").select("thread_id").where("id", "=", first.postId).executeTakeFirstOrThrow()).thread_id;
    // Comments read newest first: the page that starts at the post is the one before the next id.
    expect(posts[1]).toMatchObject({ comment: true, where: "Benches in every park", excerpt: "Yes, and shade over them.", href: `/threads/${thread}?cursor=${first.postId + 1}#post-${first.postId}` });
  });
});

describe("text shown for lists and quotes", () => {
  it("the report page quotes a post as it reads, not its Markdown", async () => {
    const author = await createUser(t.db);
    const ideaId = await createIdea(t.db, { author, body: BODY });
    const comment = await commentOnIdea(t.db, await person(), ideaId, { body: "This is **really** bad:\n\n- one\n- two", stance: "against" });
    if (!comment.ok) throw new Error("comment refused");
    const target = await flagTarget(t.db, "post", comment.postId, await person());
    expect(target?.quoteHtml).toContain("<strong>really</strong>");
    expect(target?.quoteHtml).toContain("<li>one</li>");
    expect(target?.quoteHtml).not.toContain("**");
  });

  it("an idea's excerpt leaves its Markdown headings out, and the migration mends excerpts stored before", async () => {
    const author = await createUser(t.db);
    const body = "## 문제\n동네 가게들은 손님이 줄었습니다.\n\n## 제안\n온라인 주문 교육을 지원해 주세요.";
    const ideaId = await createIdea(t.db, { author, body });
    const stored = async () => (await t.db.selectFrom("ideas").select("excerpt").where("id", "=", ideaId).executeTakeFirstOrThrow()).excerpt;
    expect(await stored()).toBe("동네 가게들은 손님이 줄었습니다. 온라인 주문 교육을 지원해 주세요.");
    await sql`UPDATE ideas SET excerpt = ${"문제 동네 가게들은 손님이 줄었습니다. 제안 온라인 주문 교육을 지원해 주세요."} WHERE id = ${ideaId}`.execute(t.db);
    await recomputeExcerpts(t.db);
    expect(await stored()).toBe("동네 가게들은 손님이 줄었습니다. 온라인 주문 교육을 지원해 주세요.");
  });
});
