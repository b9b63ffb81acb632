// The committee decides by its vote (issue 14): votes and quorum, refusals, the recommendation
// that stores the count and who voted how, the dissent note, concurrency, and a member who leaves.
// Each test has a committee of its own, so that its members and quorum are known.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../app/domain/accounts/permissions";
import { grantsOf } from "../../app/domain/accounts/roles.server";
import { castVote, closeDueVotes, closeVote, extendVote, openVote, setQuorum } from "../../app/domain/committees/votes.server";
import { recordRecommendation, takeUp } from "../../app/domain/workflow/workflow.server";
import { latestRecommendation } from "../../app/domain/workflow/queries.server";
import { committeeRecord, committeeWorkspace, myCommittees } from "../../app/domain/committees/queries.server";
import { citizenActor, createCampaign, createIdea, createUser, support, writeDigest, type RoleSpec } from "../../db/factories";
import { openTestDatabase, type TestDatabase } from "./db";
import { toKoreaTimeInput } from "../../app/utils/korea-time";

let t: TestDatabase;
let moef = 0;
beforeAll(async () => {
  t = await openTestDatabase();
  moef = (await t.db.selectFrom("agencies").select("id").where("slug", "=", "moef").executeTakeFirstOrThrow()).id;
});
afterAll(() => t?.close());

const HOUR = 3_600_000;
const RATIONALE = "The committee finds broad support and a clear public benefit.";
const inHours = (h: number, from = Date.now()) => toKoreaTimeInput(new Date(from + h * HOUR));

async function person(roles: RoleSpec[] = [], name?: string): Promise<Actor> {
  const user = await createUser(t.db, { roles, displayName: name });
  return { ...citizenActor(user.id), displayName: user.display_name, grants: await grantsOf(t.db, user.id) };
}

/** A committee of its own: a chair and `members` members; an idea of it in deliberation. */
async function committeeWithIdea(members: number) {
  const slug = `c-${randomUUID().slice(0, 8)}`;
  const committee = await t.db.insertInto("committees").values({ slug, name_ko: `위원회 ${slug}`, name_en: `Committee ${slug}` }).returning("id").executeTakeFirstOrThrow();
  const chair = await person([{ role: "committee_chair", committee: slug }], `Chair ${slug}`);
  const people: Actor[] = [];
  for (let i = 0; i < members; i++) people.push(await person([{ role: "committee_member", committee: slug }], `Member ${i + 1} ${slug}`));
  const campaign = await createCampaign(t.db, { threshold: 2, committee: slug });
  const ideaId = await createIdea(t.db, { author: await createUser(t.db), campaignId: campaign.id, title: `Idea for ${slug}` });
  await support(t.db, (await createUser(t.db)).id, ideaId);
  expect((await takeUp(t.db, chair, ideaId, {})).ok).toBe(true);
  // The recommendation needs the digest (decision 034); these tests are about the vote.
  await writeDigest(t.db, ideaId);
  return { committeeId: committee.id, slug, chair, members: people, ideaId };
}

const vote = (a: Actor | null, ideaId: number, choice: string, reason = `I vote ${choice} on this.`) => castVote(t.db, a, ideaId, { choice, reason });
const recommend = (a: Actor, ideaId: number, extra: Record<string, string> = {}) =>
  recordRecommendation(t.db, a, ideaId, { decision: "forward", agencyId: String(moef), rationale: RATIONALE, ...extra });

describe("the vote", () => {
  it("is opened by the chair; members and the chair vote with a public reason; each may change it until it closes, and the history keeps every version", async () => {
    const c = await committeeWithIdea(2);
    expect(await vote(c.members[0], c.ideaId, "for")).toMatchObject({ ok: false, status: 409, errors: { _form: [{ key: "committees.errors.voteNotOpen" }] } });
    expect(await openVote(t.db, c.members[0], c.ideaId, { closesAt: inHours(24) })).toMatchObject({ ok: false, status: 403, errors: { _form: [{ key: "committees.errors.notChair" }] } });
    expect(await openVote(t.db, c.chair, c.ideaId, { closesAt: inHours(24) })).toMatchObject({ ok: true });
    expect((await vote(c.chair, c.ideaId, "for")).ok).toBe(true);
    expect((await vote(c.members[0], c.ideaId, "against")).ok).toBe(true);
    expect((await vote(c.members[0], c.ideaId, "abstain", "On reflection I abstain.")).ok).toBe(true);
    const rows = await t.db.selectFrom("committee_votes").select(["user_id", "choice", "reason"]).where("idea_id", "=", c.ideaId).orderBy("user_id").execute();
    expect(rows).toEqual([
      { user_id: c.chair.id, choice: "for", reason: "I vote for on this." },
      { user_id: c.members[0].id, choice: "abstain", reason: "On reflection I abstain." },
    ]);
    const history = await t.db.selectFrom("committee_vote_history").select(["user_id", "choice"]).where("idea_id", "=", c.ideaId).orderBy("id").execute();
    expect(history).toEqual([
      { user_id: c.chair.id, choice: "for" },
      { user_id: c.members[0].id, choice: "against" },
      { user_id: c.members[0].id, choice: "abstain" },
    ]);
    // Every vote is a staff act with an audit row.
    const audit = await t.db.selectFrom("audit_log").select("action").where("target_id", "=", String(c.ideaId)).where("action", "like", "committee.vote.%").execute();
    expect(audit.map((a) => a.action)).toEqual(["committee.vote.open", "committee.vote.cast", "committee.vote.cast", "committee.vote.cast"]);
  });

  it("refuses a non-member, an idea not in deliberation, and a vote after closing, each with its own message", async () => {
    const c = await committeeWithIdea(1);
    const outsider = await person([{ role: "committee_member", committee: "economy" }]);
    expect((await openVote(t.db, c.chair, c.ideaId, { closesAt: inHours(24) })).ok).toBe(true);
    expect(await vote(outsider, c.ideaId, "for")).toMatchObject({ ok: false, status: 403, errors: { _form: [{ key: "committees.errors.notMember" }] } });
    expect(await vote(await person(), c.ideaId, "for")).toMatchObject({ ok: false, status: 403 });
    expect(await vote(null, c.ideaId, "for")).toMatchObject({ ok: false, status: 401 });
    expect(await vote(c.members[0], c.ideaId, "maybe")).toMatchObject({ ok: false, status: 400, errors: { choice: [{ key: "committees.errors.choice" }] } });
    expect(await vote(c.members[0], c.ideaId, "for", "ok")).toMatchObject({ ok: false, status: 400, errors: { reason: [{ key: "committees.errors.reason" }] } });
    expect((await closeVote(t.db, c.chair, c.ideaId)).ok).toBe(true);
    expect(await vote(c.members[0], c.ideaId, "for")).toMatchObject({ ok: false, status: 409, errors: { _form: [{ key: "committees.errors.voteClosed" }] } });
    // An idea still waiting for take-up.
    const waiting = await createIdea(t.db, { author: await createUser(t.db), campaignId: (await createCampaign(t.db, { threshold: 2, committee: c.slug })).id });
    await support(t.db, (await createUser(t.db)).id, waiting);
    expect(await vote(c.members[0], waiting, "for")).toMatchObject({ ok: false, status: 409, errors: { _form: [{ key: "committees.errors.notInDeliberation" }] } });
    expect(await t.db.selectFrom("committee_votes").select("id").where("user_id", "=", outsider.id).execute()).toEqual([]);
  });

  it("checks the closing time and is extended once only, to a later time", async () => {
    const c = await committeeWithIdea(1);
    expect(await openVote(t.db, c.chair, c.ideaId, { closesAt: "tomorrow" })).toMatchObject({ ok: false, status: 400, errors: { closesAt: [{ key: "committees.errors.closesAt" }] } });
    expect(await openVote(t.db, c.chair, c.ideaId, { closesAt: inHours(0.2) })).toMatchObject({ ok: false, status: 400, errors: { closesAt: [{ key: "committees.errors.closesSoon" }] } });
    expect(await openVote(t.db, c.chair, c.ideaId, { closesAt: inHours(24 * 40) })).toMatchObject({ ok: false, status: 400, errors: { closesAt: [{ key: "committees.errors.closesLate" }] } });
    expect((await openVote(t.db, c.chair, c.ideaId, { closesAt: inHours(24) })).ok).toBe(true);
    expect(await extendVote(t.db, c.chair, c.ideaId, { closesAt: inHours(12) })).toMatchObject({ ok: false, status: 400, errors: { closesAt: [{ key: "committees.errors.extendLater" }] } });
    expect(await extendVote(t.db, c.chair, c.ideaId, { closesAt: inHours(48) })).toMatchObject({ ok: true });
    expect(await extendVote(t.db, c.chair, c.ideaId, { closesAt: inHours(72) })).toMatchObject({ ok: false, status: 409, errors: { _form: [{ key: "committees.errors.alreadyExtended" }] } });
  });
});

describe("the recommendation", () => {
  it("is refused without a vote, while the vote is open, and when it closed short of quorum, naming how many votes are missing", async () => {
    const c = await committeeWithIdea(4); // five people: quorum 3
    expect(await recommend(c.chair, c.ideaId)).toMatchObject({ ok: false, status: 409, errors: { _form: [{ key: "committees.errors.noVote" }] } });
    expect((await openVote(t.db, c.chair, c.ideaId, { closesAt: inHours(24) })).ok).toBe(true);
    expect((await vote(c.members[0], c.ideaId, "for")).ok).toBe(true);
    expect(await recommend(c.chair, c.ideaId)).toMatchObject({ ok: false, status: 409, errors: { _form: [{ key: "committees.errors.stillOpen" }] } });
    expect((await closeVote(t.db, c.chair, c.ideaId)).ok).toBe(true);
    expect(await recommend(c.chair, c.ideaId)).toMatchObject({
      ok: false,
      status: 409,
      errors: { _form: [{ key: "committees.errors.noQuorum", values: { count: 2, cast: 1, needed: 3 } }] },
    });
    const idea = await t.db.selectFrom("ideas").select("status").where("id", "=", c.ideaId).executeTakeFirstOrThrow();
    expect(idea.status).toBe("in_deliberation");
    expect(await t.db.selectFrom("recommendations").select("id").where("idea_id", "=", c.ideaId).execute()).toEqual([]);
    // Opened again: the vote already cast stays; two more make the quorum.
    expect((await openVote(t.db, c.chair, c.ideaId, { closesAt: inHours(24) })).ok).toBe(true);
    expect((await vote(c.members[1], c.ideaId, "for")).ok).toBe(true);
    expect((await vote(c.chair, c.ideaId, "against", "I doubt the budget for this.")).ok).toBe(true);
    expect((await closeVote(t.db, c.chair, c.ideaId)).ok).toBe(true);
    expect(await recommend(c.chair, c.ideaId)).toMatchObject({ ok: true, status: "under_review" });
    const rec = await t.db.selectFrom("recommendations").selectAll().where("idea_id", "=", c.ideaId).executeTakeFirstOrThrow();
    expect(rec).toMatchObject({ vote_for: 2, vote_against: 1, vote_abstain: 0, vote_members: 5, vote_quorum: 3, dissent_note: null });
    const byName = Object.fromEntries(rec.votes!.map((v) => [v.name, [v.choice, v.reason]]));
    expect(byName).toEqual({
      [c.members[0].displayName]: ["for", "I vote for on this."],
      [c.members[1].displayName]: ["for", "I vote for on this."],
      [c.chair.displayName]: ["against", "I doubt the budget for this."],
    });
    // The page's view of it.
    expect(await latestRecommendation(t.db, c.ideaId)).toMatchObject({ vote_for: 2, vote_against: 1, vote_quorum: 3 });
  });

  it("against the majority needs the chair's dissent note, which is stored and shown with it", async () => {
    const c = await committeeWithIdea(2);
    expect((await openVote(t.db, c.chair, c.ideaId, { closesAt: inHours(24) })).ok).toBe(true);
    for (const m of c.members) expect((await vote(m, c.ideaId, "for")).ok).toBe(true);
    expect((await vote(c.chair, c.ideaId, "against")).ok).toBe(true);
    expect((await closeVote(t.db, c.chair, c.ideaId)).ok).toBe(true);
    const refused = await recordRecommendation(t.db, c.chair, c.ideaId, { decision: "not_recommended", rationale: RATIONALE, dissentNote: "" });
    expect(refused).toMatchObject({ ok: false, status: 400, errors: { dissentNote: [{ key: "committees.errors.dissentRequired", values: { for: 2, against: 1 } }] } });
    const note = "The ministry already funds the same programme; forwarding would duplicate it.";
    expect(await recordRecommendation(t.db, c.chair, c.ideaId, { decision: "not_recommended", rationale: RATIONALE, dissentNote: note })).toMatchObject({ ok: true, status: "closed" });
    const shown = await latestRecommendation(t.db, c.ideaId);
    expect(shown?.dissent_note_html).toContain("duplicate it");
    expect(shown).toMatchObject({ decision: "not_recommended", vote_for: 2, vote_against: 1 });
  });

  it("keeps the votes of a member who left the committee", async () => {
    const c = await committeeWithIdea(2); // three people: quorum 2
    expect((await openVote(t.db, c.chair, c.ideaId, { closesAt: inHours(24) })).ok).toBe(true);
    expect((await vote(c.members[0], c.ideaId, "for", "Leaving soon, but I support it.")).ok).toBe(true);
    expect((await vote(c.chair, c.ideaId, "for")).ok).toBe(true);
    await t.db.deleteFrom("role_grants").where("user_id", "=", c.members[0].id).execute();
    expect((await closeVote(t.db, c.chair, c.ideaId)).ok).toBe(true);
    expect(await recommend(c.chair, c.ideaId)).toMatchObject({ ok: true });
    const rec = await t.db.selectFrom("recommendations").select(["votes", "vote_for", "vote_members"]).where("idea_id", "=", c.ideaId).executeTakeFirstOrThrow();
    expect(rec.vote_for).toBe(2);
    expect(rec.vote_members).toBe(2);
    expect(rec.votes!.map((v) => v.name)).toContain(c.members[0].displayName);
    expect(await t.db.selectFrom("committee_votes").select("reason").where("user_id", "=", c.members[0].id).execute()).toEqual([{ reason: "Leaving soon, but I support it." }]);
  });
});

describe("at the same time", () => {
  it("two members voting at once both count; one member in two tabs leaves one vote and both in the history", async () => {
    const c = await committeeWithIdea(3);
    expect((await openVote(t.db, c.chair, c.ideaId, { closesAt: inHours(24) })).ok).toBe(true);
    const both = await Promise.all([vote(c.members[0], c.ideaId, "for"), vote(c.members[1], c.ideaId, "against")]);
    expect(both.every((r) => r.ok)).toBe(true);
    const tabs = await Promise.all([vote(c.members[2], c.ideaId, "for"), vote(c.members[2], c.ideaId, "against")]);
    expect(tabs.every((r) => r.ok || r.status === 409)).toBe(true);
    const mine = await t.db.selectFrom("committee_votes").select(["id", "choice"]).where("idea_id", "=", c.ideaId).where("user_id", "=", c.members[2].id).execute();
    expect(mine).toHaveLength(1);
    const history = await t.db.selectFrom("committee_vote_history").select("choice").where("vote_id", "=", mine[0].id).orderBy("id").execute();
    // The vote left is the last one written.
    expect(history.at(-1)!.choice).toBe(mine[0].choice);
    expect(history.length).toBe(tabs.filter((r) => r.ok).length);
    const all = await t.db.selectFrom("committee_votes").select("user_id").where("idea_id", "=", c.ideaId).execute();
    expect(all).toHaveLength(3);
  });

  it("the chair closing while a vote arrives: the vote is either counted in the closed vote or refused, never lost", async () => {
    for (let round = 0; round < 3; round++) {
      const c = await committeeWithIdea(2);
      expect((await openVote(t.db, c.chair, c.ideaId, { closesAt: inHours(24) })).ok).toBe(true);
      expect((await vote(c.chair, c.ideaId, "for")).ok).toBe(true);
      const [closed, cast] = await Promise.all([closeVote(t.db, c.chair, c.ideaId), vote(c.members[0], c.ideaId, "for")]);
      expect(closed.ok).toBe(true);
      const rows = await t.db.selectFrom("committee_votes").select("user_id").where("idea_id", "=", c.ideaId).execute();
      if (cast.ok) {
        expect(rows).toHaveLength(2);
        expect(closed).toMatchObject({ for: 2 });
      } else {
        expect(cast).toMatchObject({ status: 409, errors: { _form: [{ key: "committees.errors.voteClosed" }] } });
        expect(rows).toHaveLength(1);
        expect(closed).toMatchObject({ for: 1 });
      }
      // The recommendation recorded while another vote arrives: one of them waits for the other.
      const [recorded, late] = await Promise.all([recommend(c.chair, c.ideaId), vote(c.members[1], c.ideaId, "against")]);
      expect(late).toMatchObject({ ok: false, status: 409 });
      if (cast.ok) expect(recorded.ok).toBe(true);
    }
  });
});

describe("closing time and quorum", () => {
  it("a vote whose time ran out is sealed by the scheduler and its chair is told", async () => {
    const c = await committeeWithIdea(1);
    const opened = Date.now() - 3 * HOUR;
    expect((await openVote(t.db, c.chair, c.ideaId, { closesAt: inHours(2, opened) }, new Date(opened))).ok).toBe(true);
    expect((await castVote(t.db, c.members[0], c.ideaId, { choice: "for", reason: "In time for this." }, new Date(opened + HOUR))).ok).toBe(true);
    expect(await closeDueVotes(t.db)).toBeGreaterThanOrEqual(1);
    const ballot = await t.db.selectFrom("committee_ballots").selectAll().where("idea_id", "=", c.ideaId).executeTakeFirstOrThrow();
    expect(ballot).toMatchObject({ closed_by: null, member_count: 2, quorum_needed: 2 });
    const notes = await t.db.selectFrom("notifications").select(["user_id", "kind"]).where("idea_id", "=", c.ideaId).where("kind", "=", "vote_closed").execute();
    expect(notes).toEqual([{ user_id: c.chair.id, kind: "vote_closed" }]);
    expect(await closeDueVotes(t.db)).toBe(0);
    // One vote of the two needed.
    expect(await recommend(c.chair, c.ideaId)).toMatchObject({ ok: false, errors: { _form: [{ key: "committees.errors.noQuorum", values: { count: 1 } }] } });
  });

  it("an admin sets the quorum (a number or a share); others may not; bad values are told next to the field", async () => {
    const c = await committeeWithIdea(3); // four people: a majority is 3
    const admin = await person([{ role: "admin" }]);
    expect(await setQuorum(t.db, c.chair, c.committeeId, { quorumKind: "count", quorumValue: "1" })).toMatchObject({ ok: false, status: 403 });
    expect(await setQuorum(t.db, admin, c.committeeId, { quorumKind: "share", quorumValue: "150" })).toMatchObject({ ok: false, status: 400, errors: { quorumValue: [{ key: "committees.errors.quorumShare" }] } });
    expect(await setQuorum(t.db, admin, c.committeeId, { quorumKind: "count", quorumValue: "x" })).toMatchObject({ ok: false, status: 400, errors: { quorumValue: [{ key: "committees.errors.quorumCount" }] } });
    expect(await setQuorum(t.db, admin, c.committeeId, { quorumKind: "share", quorumValue: "25" })).toMatchObject({ ok: true });
    expect((await openVote(t.db, c.chair, c.ideaId, { closesAt: inHours(24) })).ok).toBe(true);
    expect((await vote(c.members[0], c.ideaId, "for")).ok).toBe(true);
    expect((await closeVote(t.db, c.chair, c.ideaId)).ok).toBe(true);
    // 25% of four: one vote is the quorum.
    expect(await recommend(c.chair, c.ideaId)).toMatchObject({ ok: true });
    const audit = await t.db.selectFrom("audit_log").select(["action", "actor_id"]).where("target_type", "=", "committee").where("target_id", "=", String(c.committeeId)).execute();
    expect(audit).toEqual([{ action: "committee.quorum", actor_id: admin.id }]);
  });
});

describe("the committee's workspace and public record", () => {
  it("the workspace lists the open votes with whether I voted; the record has every recommendation with its vote, the median days and the share on time", async () => {
    const c = await committeeWithIdea(2);
    const member = c.members[0];
    expect((await openVote(t.db, c.chair, c.ideaId, { closesAt: inHours(24) })).ok).toBe(true);
    expect((await vote(c.chair, c.ideaId, "for")).ok).toBe(true);
    const before = await committeeWorkspace(t.db, c.committeeId, member);
    expect(before.openVotes.map((i) => [i.id, i.myChoice])).toEqual([[c.ideaId, null]]);
    expect(before.deliberating.map((i) => i.id)).toEqual([c.ideaId]);
    expect((await vote(member, c.ideaId, "against")).ok).toBe(true);
    expect((await committeeWorkspace(t.db, c.committeeId, member)).openVotes[0].myChoice).toBe("against");
    expect((await myCommittees(t.db, member)).map((m) => [m.slug, m.chair])).toEqual([[c.slug, false]]);
    expect((await myCommittees(t.db, c.chair)).map((m) => [m.slug, m.chair])).toEqual([[c.slug, true]]);
    expect(await myCommittees(t.db, await person())).toEqual([]);

    expect((await committeeRecord(t.db, c.committeeId)).recommendations).toEqual([]);
    expect((await closeVote(t.db, c.chair, c.ideaId)).ok).toBe(true);
    // A tie: either decision stands without a note.
    expect(await recommend(c.chair, c.ideaId)).toMatchObject({ ok: true });
    const record = await committeeRecord(t.db, c.committeeId);
    expect(record.recommendations).toMatchObject([{ ideaId: c.ideaId, decision: "forward", votes: { for: 1, against: 1, abstain: 0 }, outcome: null, agency: { slug: "moef" } }]);
    // Fast-tracked and recommended within this test: well under a day, and on time.
    expect(record.medianDays).toBeGreaterThanOrEqual(0);
    expect(record.medianDays).toBeLessThan(1);
    expect(record.onTimeShare).toBe(1);
    expect((await committeeWorkspace(t.db, c.committeeId, member)).deliberating).toEqual([]);
  });
});
