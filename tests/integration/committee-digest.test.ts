// The deliberation digest (issue 14, decision 034): written by the chair or the member the chair
// names, each argument drawing on posts of the idea's own discussions; visible to members while a
// draft; frozen with the recommendation and then shown to everyone, unchangeable.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../app/domain/accounts/permissions";
import { grantsOf } from "../../app/domain/accounts/roles.server";
import { ideaDigest, nameDigestWriter, saveDigest } from "../../app/domain/committees/digest.server";
import { commentOnIdea, createPost } from "../../app/domain/deliberation/deliberation.server";
import { exportIdeas } from "../../app/domain/opendata/queries.server";
import { recordRecommendation, takeUp } from "../../app/domain/workflow/workflow.server";
import { citizenActor, createCampaign, createIdea, createUser, holdCommitteeVote, support, type RoleSpec } from "../../db/factories";
import { openTestDatabase, type TestDatabase } from "./db";

let t: TestDatabase;
let moef = 0;
beforeAll(async () => {
  t = await openTestDatabase();
  moef = (await t.db.selectFrom("agencies").select("id").where("slug", "=", "moef").executeTakeFirstOrThrow()).id;
});
afterAll(() => t?.close());

async function person(roles: RoleSpec[] = [], name?: string): Promise<Actor> {
  const user = await createUser(t.db, { roles, displayName: name });
  return { ...citizenActor(user.id), displayName: user.display_name, grants: await grantsOf(t.db, user.id) };
}

async function deliberation() {
  const slug = `d-${randomUUID().slice(0, 8)}`;
  await t.db.insertInto("committees").values({ slug, name_ko: `위원회 ${slug}`, name_en: `Committee ${slug}` }).execute();
  const chair = await person([{ role: "committee_chair", committee: slug }], `Chair ${slug}`);
  const member = await person([{ role: "committee_member", committee: slug }], `Member ${slug}`);
  const other = await person([{ role: "committee_member", committee: slug }], `Other ${slug}`);
  const campaign = await createCampaign(t.db, { threshold: 1, committee: slug });
  const ideaId = await createIdea(t.db, { author: await createUser(t.db), campaignId: campaign.id, title: `Idea ${slug}` });
  await support(t.db, (await createUser(t.db)).id, ideaId);
  expect((await takeUp(t.db, chair, ideaId, {})).ok).toBe(true);
  const thread = await t.db.selectFrom("threads").select("id").where("idea_id", "=", ideaId).where("kind", "=", "committee").executeTakeFirstOrThrow();
  const pro = await createPost(t.db, member, thread.id, { body: "Shade at bus stops saves lives in heat waves.", stance: "for" });
  const con = await createPost(t.db, other, thread.id, { body: "The budget is already committed for this year.", stance: "against" });
  const citizen = await person();
  const comment = await commentOnIdea(t.db, citizen, ideaId, { body: "Our stop has no shade at all.", stance: "for" });
  if (!pro.ok || !con.ok || !comment.ok) throw new Error(JSON.stringify({ pro, con, comment }));
  return { slug, chair, member, other, ideaId, posts: { pro: pro.postId, con: con.postId, comment: comment.postId } };
}

const digestOf = (d: Awaited<ReturnType<typeof deliberation>>) => ({
  for1: "Shade prevents heat illness for people waiting.",
  for1Posts: `${d.posts.pro}, ${d.posts.comment}`,
  against1: "The money is committed elsewhere this year.",
  against1Posts: `#${d.posts.con}`,
  questions: "What would shade cost per stop?\nWhich stops are hottest?",
  evidence: "The agency's heat-illness figures by district.",
});

describe("the deliberation digest", () => {
  it("is written by the chair, or by the member the chair names; others are refused", async () => {
    const d = await deliberation();
    expect(await saveDigest(t.db, d.member, d.ideaId, digestOf(d))).toMatchObject({ ok: false, status: 403, errors: { _form: [{ key: "digest.errors.notWriter" }] } });
    expect(await nameDigestWriter(t.db, d.member, d.ideaId, { writerId: String(d.member.id) })).toMatchObject({ ok: false, status: 403 });
    const outsider = await person();
    expect(await nameDigestWriter(t.db, d.chair, d.ideaId, { writerId: String(outsider.id) })).toMatchObject({ ok: false, status: 400, errors: { writerId: [{ key: "digest.errors.writer" }] } });
    expect(await nameDigestWriter(t.db, d.chair, d.ideaId, { writerId: String(d.member.id) })).toMatchObject({ ok: true });
    expect(await saveDigest(t.db, d.member, d.ideaId, digestOf(d))).toMatchObject({ ok: true });
    expect(await saveDigest(t.db, d.other, d.ideaId, digestOf(d))).toMatchObject({ ok: false, status: 403 });
    expect(await saveDigest(t.db, d.chair, d.ideaId, { ...digestOf(d), evidence: "Figures by district, and the cost per stop." })).toMatchObject({ ok: true });
  });

  it("is required before the recommendation: refused without it, next to the form; a writer named with nothing saved is not a digest; the named member's digest lets the chair record", async () => {
    const d = await deliberation();
    await holdCommitteeVote(t.db, d.ideaId);
    const input = { decision: "forward", agencyId: String(moef), rationale: "The committee finds a clear public benefit in shade." };
    const refused = { ok: false, status: 409, errors: { digest: [{ key: "digest.errors.required" }] } };
    expect(await recordRecommendation(t.db, d.chair, d.ideaId, input)).toMatchObject(refused);
    // Not recommending needs it too: the digest is the committee's public reasoning either way.
    expect(await recordRecommendation(t.db, d.chair, d.ideaId, { decision: "not_recommended", rationale: input.rationale })).toMatchObject(refused);
    expect(await nameDigestWriter(t.db, d.chair, d.ideaId, { writerId: String(d.member.id) })).toMatchObject({ ok: true });
    expect(await recordRecommendation(t.db, d.chair, d.ideaId, input)).toMatchObject(refused);
    expect((await t.db.selectFrom("ideas").select("status").where("id", "=", d.ideaId).executeTakeFirstOrThrow()).status).toBe("in_deliberation");
    expect(await t.db.selectFrom("recommendations").select("id").where("idea_id", "=", d.ideaId).execute()).toEqual([]);
    expect(await saveDigest(t.db, d.member, d.ideaId, digestOf(d))).toMatchObject({ ok: true });
    expect(await recordRecommendation(t.db, d.chair, d.ideaId, input)).toMatchObject({ ok: true, status: "under_review" });
    const row = await t.db.selectFrom("deliberation_digests").select(["frozen_at", "written_by"]).where("idea_id", "=", d.ideaId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ written_by: d.member.id, frozen_at: expect.anything() });
  });

  it("refuses an argument without the posts it draws on, and a post from another idea's discussion", async () => {
    const d = await deliberation();
    const e = await deliberation();
    expect(await saveDigest(t.db, d.chair, d.ideaId, { ...digestOf(d), for1Posts: "" })).toMatchObject({ ok: false, status: 400, errors: { for1Posts: [{ key: "digest.errors.drawsOn" }] } });
    expect(await saveDigest(t.db, d.chair, d.ideaId, { ...digestOf(d), for1Posts: "twelve" })).toMatchObject({ ok: false, status: 400, errors: { for1Posts: [{ key: "digest.errors.posts" }] } });
    expect(await saveDigest(t.db, d.chair, d.ideaId, { ...digestOf(d), against1Posts: String(e.posts.con) })).toMatchObject({
      ok: false,
      status: 400,
      errors: { against1Posts: [{ key: "digest.errors.postNotHere", values: { post: e.posts.con } }] },
    });
    expect(await saveDigest(t.db, d.chair, d.ideaId, { questions: "Only a question?" })).toMatchObject({ ok: false, status: 400, errors: { for1: [{ key: "digest.errors.empty" }] } });
  });

  it("is a draft for the committee's members only, then frozen with the recommendation, shown to everyone and unchangeable", async () => {
    const d = await deliberation();
    expect((await saveDigest(t.db, d.chair, d.ideaId, digestOf(d))).ok).toBe(true);
    const visitor = await ideaDigest(t.db, d.ideaId, null);
    expect(visitor?.digest).toBeNull();
    const draft = await ideaDigest(t.db, d.ideaId, d.member);
    expect(draft?.digest).toMatchObject({ frozenAt: null, questions: ["What would shade cost per stop?", "Which stops are hottest?"] });
    expect(draft?.digest?.for[0].posts).toEqual([
      { id: d.posts.pro, href: expect.stringMatching(new RegExp(`^/threads/\\d+#post-${d.posts.pro}$`)) },
      { id: d.posts.comment, href: `/ideas/${d.ideaId}#post-${d.posts.comment}` },
    ]);

    await holdCommitteeVote(t.db, d.ideaId);
    const recorded = await recordRecommendation(t.db, d.chair, d.ideaId, { decision: "forward", agencyId: String(moef), rationale: "The committee finds a clear public benefit in shade." });
    expect(recorded.ok).toBe(true);
    const rec = await t.db.selectFrom("recommendations").select("id").where("idea_id", "=", d.ideaId).executeTakeFirstOrThrow();
    const row = await t.db.selectFrom("deliberation_digests").select(["frozen_at", "recommendation_id"]).where("idea_id", "=", d.ideaId).executeTakeFirstOrThrow();
    expect(row.recommendation_id).toBe(rec.id);
    expect(row.frozen_at).not.toBeNull();

    const shown = await ideaDigest(t.db, d.ideaId, null);
    expect(shown?.digest).toMatchObject({ evidence: "The agency's heat-illness figures by district.", against: [{ text: "The money is committed elsewhere this year." }] });
    expect(shown?.digest?.frozenAt).not.toBeNull();
    expect(await saveDigest(t.db, d.chair, d.ideaId, { ...digestOf(d), evidence: "Changed after the fact." })).toMatchObject({ ok: false, status: 409, errors: { _form: [{ key: "digest.errors.frozen" }] } });
    expect((await ideaDigest(t.db, d.ideaId, d.chair))?.can).toEqual({ write: false, name: false });

    // The open data carries the recommendation and its vote counts (three members, all for).
    const { records } = await exportIdeas(t.db, { statuses: ["under_review"], category: null, region: null, campaign: null, updatedSince: null, limit: 500, after: null }, { categoryId: null, regionId: null, campaignId: null }, "http://madang.test");
    expect(records.find((r) => r.id === d.ideaId)).toMatchObject({ recommendation: "forward", vote_for: 3, vote_against: 0, vote_abstain: 0, vote_quorum: 2, vote_members: 3 });
  });
});
