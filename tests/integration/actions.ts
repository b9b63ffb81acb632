// Every mutating action of the app — each intent of each route action — as data: the target it
// needs (fresh rows made by the factories and the real use cases), a valid request, and who may
// do it according to the app's own permission functions. tests/integration/authorization.test.ts
// tries each as every kind of actor; tests/integration/hostile-input.test.ts fuzzes each.
import { randomBytes, randomUUID } from "node:crypto";
import { expect } from "vitest";
import {
  isAdmin,
  participationRefusal,
  sitsOnCommittee,
  staffRefusal,
  type Actor,
} from "../../app/domain/accounts/permissions";
import { issueToken } from "../../app/domain/accounts/tokens.server";
import { CHALLENGE_FIELD, quicklySolvedChallenge } from "../fixtures/signup-challenge";
import { canEditPost, canLockThread, canUnlockThread, postRefusal, removalBy, type DiscussionRefusal, type ThreadFacts } from "../../app/domain/deliberation/permissions";
import { commentOnIdea, createPost, createThread, lockThread } from "../../app/domain/deliberation/deliberation.server";
import { canEditIdea, followRefusal, supportRefusal, type IdeaFacts } from "../../app/domain/ideas/permissions";
import { invalidateSupports } from "../../app/domain/moderation/integrity.server";
import { leaveRefusal } from "../../app/domain/privacy/permissions";
import { adminRefusal, flagRefusal, moderationRefusal, suspendRefusal } from "../../app/domain/moderation/permissions";
import { getSettings } from "../../app/domain/settings.server";
import { transitionRefusal, type WorkflowAction, type WorkflowIdea } from "../../app/domain/workflow/transitions";
import { answerIdea, recordRecommendation, takeUp } from "../../app/domain/workflow/workflow.server";
import * as adminBlocklist from "../../app/routes/admin.blocklist";
import * as adminHolidays from "../../app/routes/admin.holidays";
import * as deskRoute from "../../app/routes/desk._index";
import * as deskIdeaRoute from "../../app/routes/desk.ideas.$id";
import * as claimRoute from "../../app/routes/claim";
import { fileAssistedIdea } from "../../app/domain/assisted/assisted.server";
import { recordInPersonSupport, recordPaperBatch } from "../../app/domain/assisted/paper.server";
import { deskRefusal, eventDeskRefusal } from "../../app/domain/assisted/permissions";
import * as adminCampaign from "../../app/routes/admin.campaigns.$id";
import * as adminCampaignNew from "../../app/routes/admin.campaigns.new";
import * as adminUser from "../../app/routes/admin.users.$id";
import * as adminSettings from "../../app/routes/admin.settings";
import * as adminPage from "../../app/routes/admin.pages.$slug";
import * as adminPageNew from "../../app/routes/admin.pages.new";
import * as adminCommittees from "../../app/routes/admin.committees";
import * as adminAgencies from "../../app/routes/admin.agencies";
import * as adminCategories from "../../app/routes/admin.categories";
import * as adminRegions from "../../app/routes/admin.regions";
import * as threadNew from "../../app/routes/committees.$slug.threads.new";
import * as committeePage from "../../app/routes/committees.$slug._index";
import * as eventPage from "../../app/routes/events.$id._index";
import * as eventEdit from "../../app/routes/events.$id.edit";
import * as eventMinutes from "../../app/routes/events.$id.minutes";
import * as eventNew from "../../app/routes/events.new";
import * as meetingNew from "../../app/routes/committees.$slug.meetings.new";
import * as meetingPage from "../../app/routes/committees.$slug.meetings.$id";
import * as digestPage from "../../app/routes/ideas.$id.digest";
import { changeMeetingRefusal, minutesRefusal, scheduleRefusal, type MeetingRefusal } from "../../app/domain/committees/meetings";
import { scheduleMeeting } from "../../app/domain/committees/meetings.server";
import { nameDigestWriter } from "../../app/domain/committees/digest.server";
import { nameWriterRefusal, writeDigestRefusal, type DigestFacts, type DigestRefusal } from "../../app/domain/committees/digest";
import { closeVoteRefusal, extendVoteRefusal, openVoteRefusal, quorumRefusal, voteRefusal, type VoteFacts, type VoteRefusal } from "../../app/domain/committees/permissions";
import { openVote } from "../../app/domain/committees/votes.server";
import { inviteGuestRefusal, withdrawGuestRefusal, type GuestRefusal } from "../../app/domain/deliberation/guests";
import { inviteGuest } from "../../app/domain/deliberation/guests.server";
import { proposeTransfer } from "../../app/domain/agencies/transfers.server";
import * as flagRoute from "../../app/routes/flag";
import * as ideaPage from "../../app/routes/ideas.$id._index";
import * as ideaEdit from "../../app/routes/ideas.$id.edit";
import * as ideaNew from "../../app/routes/ideas.new";
import * as joinRoute from "../../app/routes/join";
import * as languageRoute from "../../app/routes/language";
import * as loginRoute from "../../app/routes/login";
import * as logoutRoute from "../../app/routes/logout";
import * as notificationsRoute from "../../app/routes/me.notifications";
import * as deleteRoute from "../../app/routes/me.delete";
import * as securityRoute from "../../app/routes/me.security";
import * as settingsRoute from "../../app/routes/me.settings";
import * as moderationQueue from "../../app/routes/moderation._index";
import * as moderationAccount from "../../app/routes/moderation.accounts.$id";
import * as moderationSupports from "../../app/routes/moderation.supports";
import * as moderationAppeals from "../../app/routes/moderation.appeals";
import * as appealRoute from "../../app/routes/appeal";
import { appealRefusal, rulingRefusal } from "../../app/domain/moderation/appeals";
import { sendAppeal } from "../../app/domain/moderation/appeals.server";
import { rejectIdea } from "../../app/domain/moderation/ideas.server";
import * as resetRoute from "../../app/routes/reset-password";
import * as threadPage from "../../app/routes/threads.$id";
import * as unsubscribeRoute from "../../app/routes/unsubscribe";
import * as verifyRoute from "../../app/routes/verify-email";
import * as verifyReceiptRoute from "../../app/routes/verify-receipt";
import * as identityDesk from "../../app/routes/identity-desk";
import { inPersonRefusal, revokeRefusal } from "../../app/domain/identity/verification.server";
import * as confirmEmailRoute from "../../app/routes/confirm-email";
import * as secureAccountRoute from "../../app/routes/secure-account";
import { decodeBase32IgnorePadding, encodeBase32UpperCaseNoPadding } from "@oslojs/encoding";
import { generateTOTP } from "@oslojs/otp";
import { openSignInChallenge } from "../../app/domain/accounts/two-factor.server";
import { createCampaign, createIdea, createUser, enrolTwoFactor, FACTORY_PASSWORD, FACTORY_TOTP_SECRET, grant, holdCommitteeVote, support, writeDigest } from "../../db/factories";
import type { TestDatabase } from "./db";
import { actorFor, call, contextFor, liftDailyLimits, type RouteFunction } from "./harness";
import { toKoreaTimeInput } from "../../app/utils/korea-time";

let t: TestDatabase;
export const ids = { economy: 0, society: 0, moef: 0, mohw: 0, category: 0 };
let slow: { id: number };
let fast: { id: number };

// ——— The actors ———

export const ACTOR_KINDS = [
  "visitor",
  "unverified",
  "citizen",
  "author",
  "member (own committee)",
  "member (other committee)",
  "chair (own committee)",
  "chair (other committee)",
  "officer (own agency)",
  "officer (other agency)",
  "moderator",
  "admin",
  "suspended",
  "suspended admin",
  "event organiser (economy)",
  "event organiser (operator)",
  "identity verifier",
] as const;
export type Kind = (typeof ACTOR_KINDS)[number];
const actors = {} as Record<Kind, Actor | null>;
export const actor = (kind: Kind) => actors[kind];

/** Creates the actors and the campaigns every target uses, in this test file's database. */
export async function setUpWorld(database: TestDatabase): Promise<void> {
  t = database;
  const db = t.db;
  const by = async (table: "committees" | "agencies" | "categories", slug: string) =>
    (await db.selectFrom(table).select("id").where("slug", "=", slug).executeTakeFirstOrThrow()).id;
  Object.assign(ids, {
    economy: await by("committees", "economy"),
    society: await by("committees", "society-culture"),
    moef: await by("agencies", "moef"),
    mohw: await by("agencies", "mohw"),
    category: await by("categories", "economy"),
  });
  await liftDailyLimits(db);
  slow = await createCampaign(db, { threshold: 100_000, category: "economy" });
  fast = await createCampaign(db, { threshold: 2, category: "economy" });
  actors.visitor = null;
  actors.unverified = await actorFor(db, { verified: false });
  actors.citizen = await actorFor(db);
  actors.author = await actorFor(db);
  actors["member (own committee)"] = await actorFor(db, { roles: [{ role: "committee_member", committee: "economy" }] });
  actors["member (other committee)"] = await actorFor(db, { roles: [{ role: "committee_member", committee: "society-culture" }] });
  actors["chair (own committee)"] = await actorFor(db, { roles: [{ role: "committee_chair", committee: "economy" }] });
  actors["chair (other committee)"] = await actorFor(db, { roles: [{ role: "committee_chair", committee: "society-culture" }] });
  actors["officer (own agency)"] = await actorFor(db, { roles: [{ role: "agency_officer", agency: "moef" }] });
  actors["officer (other agency)"] = await actorFor(db, { roles: [{ role: "agency_officer", agency: "mohw" }] });
  actors.moderator = await actorFor(db, { roles: [{ role: "moderator" }] });
  actors.admin = await actorFor(db, { roles: [{ role: "admin" }] });
  actors["identity verifier"] = await actorFor(db, { roles: [{ role: "identity_verifier" }] });
  actors.suspended = await actorFor(db, { suspended: true });
  actors["suspended admin"] = await actorFor(db, { suspended: true, roles: [{ role: "admin" }, { role: "moderator" }] });
  actors["event organiser (economy)"] = await actorFor(db, { roles: [{ role: "event_organiser", committee: "economy" }] });
  actors["event organiser (operator)"] = await actorFor(db, { roles: [{ role: "event_organiser" }] });
}

// ——— Targets: fresh rows in the state each action needs ———

const BODY = "A proposal with enough words to pass the minimum length of thirty characters.";
const RATIONALE = "The committee finds broad support and a clear public benefit.";
const ANSWER = "The ministry accepts this proposal. ".repeat(4) + "Funding is planned in next year's budget.";
const unique = (prefix: string) => `${prefix} ${randomUUID().slice(0, 8)}`;

async function ideaRow(id: number) {
  return t.db.selectFrom("ideas").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
}

interface IdeaTarget {
  ideaId: number;
  facts: IdeaFacts;
  wf: WorkflowIdea;
}

async function ideaTarget(ideaId: number): Promise<IdeaTarget> {
  const row = await ideaRow(ideaId);
  const facts = { authorId: row.author_id, status: row.status, supportCount: row.support_count, supportEndsAt: row.support_ends_at, hiddenAt: row.hidden_at };
  const wf = { status: row.status, authorId: row.author_id, committeeId: row.committee_id, agencyId: row.agency_id, outcome: row.outcome };
  return { ideaId, facts, wf };
}

export async function openIdea(): Promise<IdeaTarget> {
  return ideaTarget(await createIdea(t.db, { author: actor("author")!, campaignId: slow.id, category: "economy", title: unique("Open idea") }));
}

/** Held for review by the screening: more links than allowed. */
export async function pendingIdea(): Promise<IdeaTarget> {
  const links = [1, 2, 3, 4].map((n) => `https://example.org/source-${n}`).join(" ");
  const ideaId = await createIdea(t.db, { author: actor("author")!, category: "economy", title: unique("Held idea"), body: `${BODY} ${links}` });
  const target = await ideaTarget(ideaId);
  expect(target.facts.status).toBe("pending");
  return target;
}

/** An idea of the economy committee, pushed along the pipeline by its chair and the MOEF officer. */
export async function ideaAt(stage: "fast_tracked" | "in_deliberation" | "under_review" | "answered"): Promise<IdeaTarget> {
  const ideaId = await createIdea(t.db, { author: actor("author")!, campaignId: fast.id, category: "economy", title: unique("Pipeline idea") });
  await support(t.db, (await createUser(t.db)).id, ideaId);
  const chair = actor("chair (own committee)");
  const officer = actor("officer (own agency)");
  if (stage !== "fast_tracked") expect((await takeUp(t.db, chair, ideaId, {})).ok).toBe(true);
  if (stage === "under_review" || stage === "answered") {
    await holdCommitteeVote(t.db, ideaId);
    await writeDigest(t.db, ideaId);
    const forwarded = await recordRecommendation(t.db, chair, ideaId, { decision: "forward", agencyId: String(ids.moef), rationale: RATIONALE });
    expect(forwarded.ok).toBe(true);
  }
  if (stage === "answered") expect((await answerIdea(t.db, officer, ideaId, { outcome: "accepted", answer: ANSWER })).ok).toBe(true);
  const target = await ideaTarget(ideaId);
  expect(target.facts.status).toBe(stage);
  return target;
}

interface PostTarget extends IdeaTarget {
  threadId: number;
  postId: number;
  thread: ThreadFacts;
  post: { authorId: number; createdAt: Date; removedAt: null };
}

export async function ideaComment(): Promise<PostTarget> {
  const idea = await openIdea();
  const written = await commentOnIdea(t.db, actor("author"), idea.ideaId, { body: "A first comment on this idea.", stance: "for", replyTo: "" });
  if (!written.ok) throw new Error(JSON.stringify(written.errors));
  return {
    ...idea,
    threadId: written.threadId,
    postId: written.postId,
    thread: { kind: "idea_comments", committeeId: null, lockedAt: null, ideaStatus: idea.facts.status },
    post: { authorId: actor("author")!.id, createdAt: new Date(), removedAt: null },
  };
}

/** A thread of the economy committee opened by one of its members, with its first post. */
export async function committeeThread() {
  const member = actor("member (own committee)")!;
  const written = await createThread(t.db, member, ids.economy, { title: unique("Committee thread"), body: "What do we think of this?", stance: "neutral" });
  if (!written.ok) throw new Error(JSON.stringify(written.errors));
  return {
    threadId: written.threadId,
    postId: written.postId,
    thread: { kind: "committee", committeeId: ids.economy, lockedAt: null } satisfies ThreadFacts,
    post: { authorId: member.id, createdAt: new Date(), removedAt: null },
  };
}

/** A committee thread its chair has locked. */
async function lockedCommitteeThread() {
  const target = await committeeThread();
  const locked = await lockThread(t.db, actor("chair (own committee)"), target.threadId, { reason: "Waiting for the agency's figures." });
  if (!locked.ok) throw new Error(JSON.stringify(locked.errors));
  return { ...target, thread: { ...target.thread, lockedAt: new Date() } };
}

async function alert() {
  const idea = await openIdea();
  const row = await t.db
    .insertInto("moderation_alerts")
    .values({ kind: "ip_prefix", idea_id: idea.ideaId, ip_prefix: `10.${Math.floor(Math.random() * 250)}.0.0/24`, window_start: new Date(Date.now() - 3_600_000), window_end: new Date(), support_count: 12, evidence: JSON.stringify({ supporters: [] }) })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { alertId: row.id };
}

async function supportedIdea() {
  const idea = await openIdea();
  const voter = await createUser(t.db);
  await support(t.db, voter.id, idea.ideaId);
  return { ...idea, voterId: voter.id };
}

async function invalidation() {
  const idea = await supportedIdea();
  const done = await invalidateSupports(t.db, actor("moderator"), { ideaId: String(idea.ideaId), accounts: String(idea.voterId), reason: "A burst of new accounts from one network." });
  if (!done.ok) throw new Error(JSON.stringify(done.errors));
  return { invalidationId: done.invalidationId };
}

export function campaignForm(slug: string) {
  const day = 86_400_000;
  return {
    slug,
    titleKo: "시민 제안 공모",
    titleEn: unique("Call for ideas"),
    descriptionKo: "설명",
    descriptionEn: "A description.",
    categoryId: "",
    regionId: "",
    committeeId: "",
    opensAt: toKoreaTimeInput(new Date(Date.now() - day)),
    closesAt: toKoreaTimeInput(new Date(Date.now() + 30 * day)),
    supportThreshold: "100",
    supportWindowDays: "30",
  };
}

// ——— Rules: what the app's own permission functions say ———

export type Refusal = "signin" | "unverified" | "suspended" | "forbidden" | "notFound" | "own" | "already" | "locked" | "closed" | "hidden" | "movedOn" | "notApplicable";
export type Rule<T> = (actor: Actor | null, target: T) => Refusal | null;
/** A discussion's refusal as a status: a guest's thread closed by the recommendation is a 409 like any closed one. */
const asPosting = (r: DiscussionRefusal | null): Refusal | null => (r === "guestClosed" ? "closed" : r);

export const STATUS: Record<Refusal, number> = {
  signin: 401,
  unverified: 403,
  suspended: 403,
  forbidden: 403,
  notFound: 404,
  own: 409,
  already: 409,
  locked: 409,
  closed: 409,
  hidden: 409,
  movedOn: 409,
  notApplicable: 409,
};

export const anyone: Rule<unknown> = () => null;
export const signedIn: Rule<unknown> = (a) => (a ? null : "signin");
const participant: Rule<unknown> = (a) => participationRefusal(a);
const admins: Rule<unknown> = (a) => staffRefusal(a, isAdmin(a));
const moderators: Rule<unknown> = (a) => moderationRefusal(a);
const transition =
  (action: WorkflowAction): Rule<{ wf: WorkflowIdea }> =>
  (a, target) =>
    a ? transitionRefusal(action, a, target.wf) : "signin";
/** A page that only staff open: signed-in staff with the right role first, then the move itself. */
const staffThen =
  <T>(page: Rule<unknown>, then: Rule<T>): Rule<T> =>
  (a, target) =>
    page(a, target) ?? then(a, target);

// ——— Every action ———

export interface Case<T> {
  name: string;
  route: string;
  fn: RouteFunction;
  setup: () => Promise<T>;
  request: (target: T, actor: Actor | null) => { path: string; params?: Record<string, string>; form?: Record<string, string>; method?: string };
  rule: Rule<T>;
  /** A link opened from an e-mail (a GET whose query carries a token), not a form. */
  link?: boolean;
  /** Whether an allowed call must change the database (not when it may already be so). */
  changes?: boolean;
}

export const cases: Case<any>[] = [];
function add<T>(c: Case<T>) {
  cases.push(c);
}

export const ideaPath = (target: { ideaId: number }) => ({ path: `/ideas/${target.ideaId}?index`, params: { id: String(target.ideaId) } });

// /ideas/:id — support, follow, withdraw
add({
  name: "support",
  route: "ideas.$id._index",
  fn: ideaPage.action,
  setup: openIdea,
  request: (g) => ({ ...ideaPath(g), form: { intent: "support" } }),
  rule: (a, g) => supportRefusal(a, g.facts),
  changes: false, // the author supports from the start
});
add({
  name: "unsupport",
  route: "ideas.$id._index",
  fn: ideaPage.action,
  setup: openIdea,
  request: (g) => ({ ...ideaPath(g), form: { intent: "unsupport" } }),
  rule: (a, g) => supportRefusal(a, g.facts),
  changes: false,
});
add({ name: "follow", route: "ideas.$id._index", fn: ideaPage.action, setup: openIdea, request: (g) => ({ ...ideaPath(g), form: { intent: "follow" } }), rule: (a, g) => followRefusal(a, g.facts), changes: false });
add({ name: "unfollow", route: "ideas.$id._index", fn: ideaPage.action, setup: openIdea, request: (g) => ({ ...ideaPath(g), form: { intent: "unfollow" } }), rule: (a, g) => followRefusal(a, g.facts), changes: false });
// Object-level authorisation (issue 21 item 2): a held idea is followed by its author and moderators only.
add({ name: "follow a held idea", route: "ideas.$id._index", fn: ideaPage.action, setup: pendingIdea, request: (g) => ({ ...ideaPath(g), form: { intent: "follow" } }), rule: (a, g) => followRefusal(a, g.facts), changes: false });
add({
  name: "withdraw",
  route: "ideas.$id._index",
  fn: ideaPage.action,
  setup: openIdea,
  request: (g) => ({ ...ideaPath(g), form: { intent: "withdraw", note: "I changed my mind." } }),
  rule: (a, g) => participationRefusal(a) ?? transitionRefusal("withdraw", a, g.wf),
});
// /ideas/:id — comments
add({
  name: "comment",
  route: "ideas.$id._index",
  fn: ideaPage.action,
  setup: openIdea,
  request: (g) => ({ ...ideaPath(g), form: { intent: "discussion:post", body: "I agree with this proposal.", stance: "for", replyTo: "" } }),
  rule: (a, g) => asPosting(postRefusal(a, { kind: "idea_comments", committeeId: null, lockedAt: null, ideaStatus: g.facts.status })),
});
add({
  name: "edit a comment",
  route: "ideas.$id._index",
  fn: ideaPage.action,
  setup: ideaComment,
  request: (g) => ({ ...ideaPath(g), form: { intent: "discussion:edit", postId: String(g.postId), body: "I agree, on second thought.", stance: "neutral" } }),
  rule: (a, g) => (!a ? "signin" : a.id !== g.post.authorId ? "forbidden" : canEditPost(a, g.post, g.thread) ? null : asPosting(postRefusal(a, g.thread))),
});
add({
  name: "remove a comment",
  route: "ideas.$id._index",
  fn: ideaPage.action,
  setup: ideaComment,
  request: (g) => ({ ...ideaPath(g), form: { intent: "discussion:remove", postId: String(g.postId), reason: "" } }),
  rule: (a, g) => (!a ? "signin" : removalBy(a, g.post) ? null : "forbidden"),
});
add({
  name: "lock the comments",
  route: "ideas.$id._index",
  fn: ideaPage.action,
  setup: ideaComment,
  request: (g) => ({ ...ideaPath(g), form: { intent: "discussion:lock", threadId: String(g.threadId), reason: "The discussion went off topic." } }),
  rule: (a, g) => (!a ? "signin" : canLockThread(a, g.thread) ? null : "forbidden"),
});
// /ideas/:id — the moderator's moves
add({
  name: "approve a held idea",
  route: "ideas.$id._index",
  fn: ideaPage.action,
  setup: pendingIdea,
  request: (g) => ({ ...ideaPath(g), form: { intent: "approve", note: "", expectedStatus: "pending" } }),
  rule: transition("approve"),
});
add({
  name: "reject",
  route: "ideas.$id._index",
  fn: ideaPage.action,
  setup: openIdea,
  request: (g) => ({ ...ideaPath(g), form: { intent: "reject", reason: "Off topic for this platform.", expectedStatus: "open" } }),
  rule: transition("reject"),
});
add({
  name: "merge",
  route: "ideas.$id._index",
  fn: ideaPage.action,
  setup: async () => ({ ...(await openIdea()), into: (await openIdea()).ideaId }),
  request: (g) => ({ ...ideaPath(g), form: { intent: "merge", targetId: String(g.into), reason: "The same proposal as the other one." } }),
  rule: transition("merge"),
});
// /ideas/:id — the fast track
add({
  name: "take up",
  route: "ideas.$id._index",
  fn: ideaPage.action,
  setup: () => ideaAt("fast_tracked"),
  request: (g) => ({ ...ideaPath(g), form: { intent: "takeUp", expectedStatus: "fast_tracked" } }),
  rule: transition("takeUp"),
});
add({
  name: "recommend",
  route: "ideas.$id._index",
  fn: ideaPage.action,
  setup: async () => {
    const target = await ideaAt("in_deliberation");
    await holdCommitteeVote(t.db, target.ideaId);
    await writeDigest(t.db, target.ideaId);
    return target;
  },
  request: (g) => ({ ...ideaPath(g), form: { intent: "recommend", decision: "forward", agencyId: String(ids.moef), rationale: RATIONALE } }),
  rule: transition("forward"),
});
add({
  name: "assign an officer",
  route: "ideas.$id._index",
  fn: ideaPage.action,
  setup: () => ideaAt("under_review"),
  request: (g) => ({ ...ideaPath(g), form: { intent: "assign", officerId: String(actor("officer (own agency)")!.id) } }),
  rule: transition("answer"),
});
add({
  name: "answer",
  route: "ideas.$id._index",
  fn: ideaPage.action,
  setup: () => ideaAt("under_review"),
  request: (g) => ({ ...ideaPath(g), form: { intent: "answer", outcome: "accepted", answer: ANSWER } }),
  rule: transition("answer"),
});
// The answer's lifecycle (issue 15): extension, interim reply, draft, revision.
const EXTENSION_REASON = "We asked the sixteen regional offices for their figures; they reply by the end of next week.";
add({
  name: "extend the agency's deadline",
  route: "ideas.$id._index",
  fn: ideaPage.action,
  setup: () => ideaAt("under_review"),
  request: (g) => ({ ...ideaPath(g), form: { intent: "extend", expectedStatus: "under_review", days: "3", reason: EXTENSION_REASON } }),
  rule: transition("extendAgency"),
});
add({
  name: "extend the committee's deadline",
  route: "ideas.$id._index",
  fn: ideaPage.action,
  setup: () => ideaAt("in_deliberation"),
  request: (g) => ({ ...ideaPath(g), form: { intent: "extend", expectedStatus: "in_deliberation", days: "3", reason: EXTENSION_REASON } }),
  rule: transition("extendCommittee"),
});
// A follow-up answer owed is a step of its own, extended once (decision 055).
add({
  name: "extend a follow-up answer's due date",
  route: "ideas.$id._index",
  fn: ideaPage.action,
  setup: async () => {
    const target = await ideaAt("under_review");
    const followUpDate = new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 10);
    expect((await answerIdea(t.db, actor("officer (own agency)")!, target.ideaId, { outcome: "further_study", answer: ANSWER, followUpDate })).ok).toBe(true);
    return ideaTarget(target.ideaId);
  },
  request: (g) => ({ ...ideaPath(g), form: { intent: "extend", expectedStatus: "answered", days: "3", reason: EXTENSION_REASON } }),
  rule: transition("extendFollowUp"),
});
add({
  name: "post an interim reply",
  route: "ideas.$id._index",
  fn: ideaPage.action,
  setup: () => ideaAt("under_review"),
  request: (g) => ({ ...ideaPath(g), form: { intent: "interim", body: EXTENSION_REASON } }),
  rule: transition("interimReply"),
});
add({
  name: "save a draft answer",
  route: "ideas.$id._index",
  fn: ideaPage.action,
  setup: () => ideaAt("under_review"),
  request: (g) => ({ ...ideaPath(g), form: { intent: "draft", outcome: "accepted", answer: ANSWER } }),
  rule: transition("answer"),
  changes: false, // the second save writes the same draft
});
add({
  name: "revise the answer",
  route: "ideas.$id._index",
  fn: ideaPage.action,
  setup: () => ideaAt("answered"),
  request: (g) => ({ ...ideaPath(g), form: { intent: "revise", outcome: "", answer: `${ANSWER} Revised.`, reason: "Corrections from the budget office." } }),
  rule: transition("reviseAnswer"),
});
// Transfers, staff notes and follow-through (issue 15; decisions 035, 042). The expectations
// name the people, not the permission functions.
const TRANSFER_REASON = "Health centres are run by the Ministry of Health and Welfare, which holds the budget.";
/** Only these kinds of actor may; a visitor is asked to sign in; everyone else is refused. */
const only =
  (...kinds: Kind[]): Rule<unknown> =>
  (a) =>
    !a ? "signin" : kinds.some((k) => actor(k)?.id === a.id) ? null : "forbidden";
async function transferProposed(): Promise<IdeaTarget> {
  const target = await ideaAt("under_review");
  const proposed = await proposeTransfer(t.db, actor("officer (own agency)"), target.ideaId, { agencyId: String(ids.mohw), reason: TRANSFER_REASON });
  expect(proposed.ok).toBe(true);
  return target;
}
add({
  name: "propose a transfer to another agency",
  route: "ideas.$id._index",
  fn: ideaPage.action,
  setup: () => ideaAt("under_review"),
  request: (g) => ({ ...ideaPath(g), form: { intent: "transferPropose", expectedStatus: "under_review", agencyId: String(ids.mohw), reason: TRANSFER_REASON } }),
  rule: only("officer (own agency)"),
});
add({
  name: "accept a transfer",
  route: "ideas.$id._index",
  fn: ideaPage.action,
  setup: transferProposed,
  request: (g) => ({ ...ideaPath(g), form: { intent: "transferAccept" } }),
  // The receiving agency's officers (here the other agency's), no one else.
  rule: only("officer (other agency)"),
});
add({
  name: "decline a transfer",
  route: "ideas.$id._index",
  fn: ideaPage.action,
  setup: transferProposed,
  request: (g) => ({ ...ideaPath(g), form: { intent: "transferDecline", reason: "The budget sits with the economy ministry's regional fund." } }),
  rule: only("officer (other agency)"),
});
add({
  name: "write a staff note",
  route: "ideas.$id._index",
  fn: ideaPage.action,
  setup: () => ideaAt("under_review"),
  request: (g) => ({ ...ideaPath(g), form: { intent: "staffNote", body: "Waiting for the budget office's figures." } }),
  rule: only("member (own committee)", "chair (own committee)", "officer (own agency)"),
});
add({
  name: "rate the answer (follow-through)",
  route: "ideas.$id._index",
  fn: ideaPage.action,
  setup: () => ideaAt("answered"),
  request: (g) => ({ ...ideaPath(g), form: { intent: "rate", rating: "partly", comment: "" } }),
  // The author (and supporters); a person who may not take part is refused as such first.
  rule: (a) => (!a ? "signin" : a.id === actor("unverified")?.id ? "unverified" : a.id === actor("suspended")?.id || a.id === actor("suspended admin")?.id ? "suspended" : a.id === actor("author")?.id ? null : "forbidden"),
});
add({
  name: "post progress",
  route: "ideas.$id._index",
  fn: ideaPage.action,
  setup: () => ideaAt("answered"),
  request: (g) => ({ ...ideaPath(g), form: { intent: "progress", percent: "40", note: "Procurement has started." } }),
  rule: transition("progress"),
});
add({
  name: "reassign the committee",
  route: "ideas.$id._index",
  fn: ideaPage.action,
  setup: () => ideaAt("fast_tracked"),
  request: (g) => ({ ...ideaPath(g), form: { intent: "reassignCommittee", targetId: String(ids.society), reason: "It is a question of culture." } }),
  rule: transition("reassignCommittee"),
});
add({
  name: "reassign the agency",
  route: "ideas.$id._index",
  fn: ideaPage.action,
  setup: () => ideaAt("under_review"),
  request: (g) => ({ ...ideaPath(g), form: { intent: "reassignAgency", targetId: String(ids.mohw), reason: "The health ministry is responsible." } }),
  rule: transition("reassignAgency"),
});
// /ideas/:id — the committee's vote (app/domain/committees)
const inHours = (h: number) => toKoreaTimeInput(new Date(Date.now() + h * 3_600_000));
/** An idea in deliberation whose vote the chair has opened (or not, `open: false`). */
async function voteTarget(open = true) {
  const idea = await ideaAt("in_deliberation");
  if (open) expect((await openVote(t.db, actor("chair (own committee)"), idea.ideaId, { closesAt: inHours(48) })).ok).toBe(true);
  const ballot = open ? { closesAt: new Date(Date.now() + 47 * 3_600_000), closedAt: null, extendedAt: null, quorumMet: false } : null;
  const facts: VoteFacts = { ideaStatus: "in_deliberation", committeeId: ids.economy, ballot };
  return { ...idea, facts };
}
/** The committee's own refusals, as the HTTP statuses the matrix knows. */
const asRefusal = (r: VoteRefusal | null): Refusal | null =>
  r === null ? null : r === "notMember" || r === "notChair" ? "forbidden" : r === "signin" || r === "unverified" || r === "suspended" || r === "forbidden" ? r : "closed";
add({
  name: "cast a committee vote",
  route: "ideas.$id._index",
  fn: ideaPage.action,
  setup: () => voteTarget(),
  request: (g) => ({ ...ideaPath(g), form: { intent: "committee:vote", choice: "for", reason: "A clear public benefit." } }),
  rule: (a, g) => asRefusal(voteRefusal(a, g.facts)),
});
add({
  name: "open a committee vote",
  route: "ideas.$id._index",
  fn: ideaPage.action,
  setup: () => voteTarget(false),
  request: (g) => ({ ...ideaPath(g), form: { intent: "committee:openVote", closesAt: inHours(24) } }),
  rule: (a, g) => asRefusal(openVoteRefusal(a, g.facts)),
});
add({
  name: "extend a committee vote",
  route: "ideas.$id._index",
  fn: ideaPage.action,
  setup: () => voteTarget(),
  request: (g) => ({ ...ideaPath(g), form: { intent: "committee:extendVote", closesAt: inHours(96) } }),
  rule: (a, g) => asRefusal(extendVoteRefusal(a, g.facts)),
});
add({
  name: "close a committee vote",
  route: "ideas.$id._index",
  fn: ideaPage.action,
  setup: () => voteTarget(),
  request: (g) => ({ ...ideaPath(g), form: { intent: "committee:closeVote" } }),
  rule: (a, g) => asRefusal(closeVoteRefusal(a, g.facts)),
});
// /committees/:slug — the admin sets the quorum
add({
  name: "set a committee's quorum",
  route: "committees.$slug._index",
  fn: committeePage.action,
  setup: async () => ({}),
  request: () => ({ path: "/committees/society-culture", params: { slug: "society-culture" }, form: { intent: "quorum", quorumKind: "count", quorumValue: String(1 + Math.floor(Math.random() * 9)) } }),
  rule: (a) => quorumRefusal(a),
});
// /committees/:slug/meetings — the chair schedules, moves, cancels, publishes minutes (decision 029)
const asMeetingRefusal = (r: MeetingRefusal | DigestRefusal | null): Refusal | null =>
  r === null ? null : r === "notChair" || r === "notWriter" ? "forbidden" : r === "signin" || r === "unverified" || r === "suspended" || r === "forbidden" ? r : "closed";
/** A meeting of the economy committee on an idea in its care: to come, or started an hour ago. */
async function meetingTarget(held = false) {
  const idea = await ideaAt("in_deliberation");
  const now = held ? new Date(Date.now() - 3 * 3_600_000) : new Date();
  const scheduled = await scheduleMeeting(t.db, actor("chair (own committee)"), ids.economy, { startsAt: toKoreaTimeInput(new Date(now.getTime() + 2 * 3_600_000)), place: "Room 1", agenda: [String(idea.ideaId)] }, now);
  if (!scheduled.ok) throw new Error(JSON.stringify(scheduled.errors));
  const facts = { committeeId: ids.economy, startsAt: new Date(now.getTime() + 2 * 3_600_000), cancelledAt: null };
  return { ...idea, meetingId: scheduled.meetingId, facts };
}
const meetingPath = (g: { meetingId: number }) => ({ path: `/committees/economy/meetings/${g.meetingId}`, params: { slug: "economy", id: String(g.meetingId) } });
add({
  name: "schedule a committee meeting",
  route: "committees.$slug.meetings.new",
  fn: meetingNew.action,
  setup: () => ideaAt("in_deliberation"),
  request: (g) => ({ path: "/committees/economy/meetings/new", params: { slug: "economy" }, form: { startsAt: inHours(30), place: "Room 2", onlineUrl: "", agenda: String(g.ideaId) } }),
  rule: (a) => asMeetingRefusal(scheduleRefusal(a, ids.economy)),
});
add({
  name: "move a committee meeting",
  route: "committees.$slug.meetings.$id",
  fn: meetingPage.action,
  setup: () => meetingTarget(),
  request: (g) => ({ ...meetingPath(g), form: { intent: "move", startsAt: inHours(50), place: "Room 3", reason: "The room was double-booked." } }),
  rule: (a, g) => asMeetingRefusal(changeMeetingRefusal(a, g.facts)),
});
add({
  name: "cancel a committee meeting",
  route: "committees.$slug.meetings.$id",
  fn: meetingPage.action,
  setup: () => meetingTarget(),
  request: (g) => ({ ...meetingPath(g), form: { intent: "cancel", reason: "The agenda item was withdrawn." } }),
  rule: (a, g) => asMeetingRefusal(changeMeetingRefusal(a, g.facts)),
});
add({
  name: "publish a meeting's minutes",
  route: "committees.$slug.meetings.$id",
  fn: meetingPage.action,
  setup: () => meetingTarget(true),
  request: (g) => ({ ...meetingPath(g), form: { intent: "minutes", body: "The committee discussed the idea.", [`decision-${g.ideaId}`]: "A vote will be opened." } }),
  rule: (a, g) => asMeetingRefusal(minutesRefusal(a, g.facts)),
});
// /ideas/:id/digest — the deliberation digest (decision 034)
async function digestTarget() {
  const idea = await ideaAt("in_deliberation");
  const thread = await t.db.selectFrom("threads").select("id").where("idea_id", "=", idea.ideaId).where("kind", "=", "committee").executeTakeFirstOrThrow();
  const post = await createPost(t.db, actor("member (own committee)"), thread.id, { body: "The benefit is clear from the figures.", stance: "for" });
  if (!post.ok) throw new Error(JSON.stringify(post.errors));
  const digest: DigestFacts = { committeeId: ids.economy, ideaStatus: "in_deliberation", writerId: null, frozen: false };
  return { ...idea, postId: post.postId, digest };
}
const saveDigestRequest = (g: Awaited<ReturnType<typeof digestTarget>>) => ({
  path: `/ideas/${g.ideaId}/digest`,
  params: { id: String(g.ideaId) },
  form: { intent: "save", for1: "A clear public benefit.", for1Posts: String(g.postId), questions: "What would it cost?", evidence: "Costs by region." },
});
add({
  name: "write a deliberation digest",
  route: "ideas.$id.digest",
  fn: digestPage.action,
  setup: digestTarget,
  request: saveDigestRequest,
  rule: (a, g) => asMeetingRefusal(writeDigestRefusal(a, g.digest)),
});
add({
  name: "write a deliberation digest as the member the chair named",
  route: "ideas.$id.digest",
  fn: digestPage.action,
  setup: async () => {
    const target = await digestTarget();
    const named = actor("member (own committee)")!;
    const done = await nameDigestWriter(t.db, actor("chair (own committee)"), target.ideaId, { writerId: String(named.id) });
    if (!done.ok) throw new Error(JSON.stringify(done.errors));
    return { ...target, digest: { ...target.digest, writerId: named.id } };
  },
  request: saveDigestRequest,
  rule: (a, g) => asMeetingRefusal(writeDigestRefusal(a, g.digest)),
});
add({
  name: "name a digest writer",
  route: "ideas.$id.digest",
  fn: digestPage.action,
  setup: digestTarget,
  request: (g, a) => ({ path: `/ideas/${g.ideaId}/digest`, params: { id: String(g.ideaId) }, form: { intent: "nameWriter", writerId: String(a?.id ?? 1) } }),
  rule: (a, g) => asMeetingRefusal(nameWriterRefusal(a, g.digest)),
});
// /ideas/:id/edit, /ideas/new
add({
  name: "edit an idea",
  route: "ideas.$id.edit",
  fn: ideaEdit.action,
  setup: async () => ({ ...(await openIdea()), maxOthers: (await getSettings(t.db)).edit_max_other_supporters }),
  request: (g) => ({ path: `/ideas/${g.ideaId}/edit`, params: { id: String(g.ideaId) }, form: { title: unique("Edited title"), body: `${BODY} Edited.` } }),
  rule: (a, g) =>
    participationRefusal(a) ?? (a!.id !== g.facts.authorId ? "forbidden" : canEditIdea(a, g.facts, g.maxOthers) ? null : "closed"),
});
add({
  name: "propose an idea",
  route: "ideas.new",
  fn: ideaNew.action,
  setup: async () => ({}),
  request: () => ({ path: "/ideas/new", form: { intent: "submit", title: unique("A new idea"), body: BODY, categoryId: String(ids.category), regionId: "", campaignId: "" } }),
  rule: participant,
});
add({
  name: "preview an idea (writes nothing)",
  route: "ideas.new",
  fn: ideaNew.action,
  setup: async () => ({}),
  request: () => ({ path: "/ideas/new", form: { intent: "preview", title: "A preview", body: BODY, categoryId: String(ids.category), regionId: "", campaignId: "" } }),
  rule: anyone,
  changes: false,
});
// /flag
add({
  name: "flag an idea",
  route: "flag",
  fn: flagRoute.action,
  setup: openIdea,
  request: (g) => ({ path: "/flag", form: { targetType: "idea", targetId: String(g.ideaId), reason: "spam", details: "" } }),
  rule: (a, g) => flagRefusal(a, { authorId: g.facts.authorId }),
});
add({
  name: "flag a comment",
  route: "flag",
  fn: flagRoute.action,
  setup: ideaComment,
  request: (g) => ({ path: "/flag", form: { targetType: "post", targetId: String(g.postId), reason: "abuse", details: "" } }),
  rule: (a, g) => flagRefusal(a, { authorId: g.post.authorId }),
});
// Committees and their threads
add({
  name: "open a committee thread",
  route: "committees.$slug.threads.new",
  fn: threadNew.action,
  setup: async () => ({}),
  request: () => ({ path: "/committees/economy/threads/new", params: { slug: "economy" }, form: { title: unique("Agenda"), body: "Let us discuss the agenda.", stance: "neutral" } }),
  rule: (a) => staffRefusal(a, sitsOnCommittee(a, ids.economy)),
});
const threadPath = (g: { threadId: number }) => ({ path: `/threads/${g.threadId}`, params: { id: String(g.threadId) } });
add({
  name: "post in a committee thread",
  route: "threads.$id",
  fn: threadPage.action,
  setup: committeeThread,
  request: (g) => ({ ...threadPath(g), form: { intent: "discussion:post", body: "I support forwarding it.", stance: "for", replyTo: "" } }),
  rule: (a, g) => asPosting(postRefusal(a, g.thread)),
});
add({
  name: "reply in a committee thread",
  route: "threads.$id",
  fn: threadPage.action,
  setup: committeeThread,
  request: (g) => ({ ...threadPath(g), form: { intent: "discussion:post", body: "A reply to the first post.", stance: "against", replyTo: String(g.postId) } }),
  rule: (a, g) => asPosting(postRefusal(a, g.thread)),
});
add({
  name: "edit a committee post",
  route: "threads.$id",
  fn: threadPage.action,
  setup: committeeThread,
  request: (g) => ({ ...threadPath(g), form: { intent: "discussion:edit", postId: String(g.postId), body: "Edited: what do we think?", stance: "neutral" } }),
  rule: (a, g) => (!a ? "signin" : a.id !== g.post.authorId ? "forbidden" : canEditPost(a, g.post, g.thread) ? null : asPosting(postRefusal(a, g.thread))),
});
add({
  name: "remove a committee post",
  route: "threads.$id",
  fn: threadPage.action,
  setup: committeeThread,
  request: (g) => ({ ...threadPath(g), form: { intent: "discussion:remove", postId: String(g.postId), reason: "" } }),
  rule: (a, g) => (!a ? "signin" : removalBy(a, g.post) ? null : "forbidden"),
});
add({
  name: "lock a committee thread",
  route: "threads.$id",
  fn: threadPage.action,
  setup: committeeThread,
  request: (g) => ({ ...threadPath(g), form: { intent: "discussion:lock", reason: "The committee has decided." } }),
  rule: (a, g) => (!a ? "signin" : canLockThread(a, g.thread) ? null : "forbidden"),
});
add({
  name: "reopen a committee thread",
  route: "threads.$id",
  fn: threadPage.action,
  setup: lockedCommitteeThread,
  request: (g) => ({ ...threadPath(g), form: { intent: "discussion:unlock" } }),
  rule: (a, g) => (!a ? "signin" : canUnlockThread(a, g.thread) ? null : "forbidden"),
});
// /threads/:id — guests in an idea's deliberation (decision 054)
const asGuestRefusal = (r: GuestRefusal | null): Refusal | null => (r === null ? null : r === "notChair" ? "forbidden" : r === "notInDeliberation" ? "closed" : r);
/** An idea of the economy committee in deliberation, its thread, and (when asked) its author invited by the chair. */
async function deliberationThread(withAuthorInvited = false) {
  const idea = await ideaAt("in_deliberation");
  const thread = await t.db.selectFrom("threads").select("id").where("idea_id", "=", idea.ideaId).where("kind", "=", "committee").executeTakeFirstOrThrow();
  let guestId = 0;
  if (withAuthorInvited) {
    const invited = await inviteGuest(t.db, actor("chair (own committee)"), thread.id, { kind: "author" });
    if (!invited.ok) throw new Error(JSON.stringify(invited.errors));
    guestId = invited.guestId;
  }
  const facts = { committeeId: ids.economy, ideaId: idea.ideaId, ideaStatus: "in_deliberation" as const };
  const threadFacts: ThreadFacts = { kind: "committee", committeeId: ids.economy, lockedAt: null, ideaStatus: "in_deliberation", ideaId: idea.ideaId, guestIds: withAuthorInvited ? [idea.wf.authorId] : [] };
  return { ...idea, threadId: thread.id, guestId, facts, thread: threadFacts };
}
add({
  name: "invite a guest to a deliberation",
  route: "threads.$id",
  fn: threadPage.action,
  setup: () => deliberationThread(),
  request: (g) => ({ ...threadPath(g), form: { intent: "guest:invite", kind: "author" } }),
  rule: (a, g) => asGuestRefusal(inviteGuestRefusal(a, g.facts)),
});
add({
  name: "withdraw a guest's invitation",
  route: "threads.$id",
  fn: threadPage.action,
  setup: () => deliberationThread(true),
  request: (g) => ({ ...threadPath(g), form: { intent: "guest:withdraw", guestId: String(g.guestId) } }),
  rule: (a, g) => asGuestRefusal(withdrawGuestRefusal(a, g.facts)),
});
add({
  name: "post as a guest in a deliberation",
  route: "threads.$id",
  fn: threadPage.action,
  setup: () => deliberationThread(true),
  request: (g) => ({ ...threadPath(g), form: { intent: "discussion:post", body: "As the author, here are the figures.", stance: "for", replyTo: "" } }),
  rule: (a, g) => asPosting(postRefusal(a, g.thread)),
});
// /moderation
add({
  name: "hide an idea",
  route: "moderation._index",
  fn: moderationQueue.action,
  setup: openIdea,
  request: (g) => ({ path: "/moderation?index", form: { intent: "decide", targetType: "idea", targetId: String(g.ideaId), decision: "hide", reason: "spam", note: "" } }),
  rule: moderators,
});
add({
  name: "approve from the queue",
  route: "moderation._index",
  fn: moderationQueue.action,
  setup: pendingIdea,
  request: (g) => ({ path: "/moderation?index", form: { intent: "approve", ideaId: String(g.ideaId), note: "" } }),
  rule: staffThen(moderators, transition("approve")),
});
add({
  name: "reject from the queue",
  route: "moderation._index",
  fn: moderationQueue.action,
  setup: pendingIdea,
  request: (g) => ({ path: "/moderation?index", form: { intent: "reject", ideaId: String(g.ideaId), reason: "Advertising, not a proposal." } }),
  rule: staffThen(moderators, transition("reject")),
});
add({
  name: "resolve an alert",
  route: "moderation._index",
  fn: moderationQueue.action,
  setup: alert,
  request: (g) => ({ path: "/moderation?index", form: { intent: "resolveAlert", alertId: String(g.alertId), note: "A school class supporting together." } }),
  rule: moderators,
});
add({
  name: "suspend a citizen",
  route: "moderation.accounts.$id",
  fn: moderationAccount.action,
  setup: async () => ({ userId: (await createUser(t.db)).id, staff: false }),
  request: (g) => ({ path: `/moderation/accounts/${g.userId}`, params: { id: String(g.userId) }, form: { intent: "suspend", days: "7", reason: "Repeated abuse in comments." } }),
  rule: (a, g) => suspendRefusal(a, { id: g.userId, staff: g.staff }),
});
add({
  name: "suspend a staff member",
  route: "moderation.accounts.$id",
  fn: moderationAccount.action,
  setup: async () => ({ userId: (await createUser(t.db, { roles: [{ role: "committee_member", committee: "local-safety" }] })).id, staff: true }),
  request: (g) => ({ path: `/moderation/accounts/${g.userId}`, params: { id: String(g.userId) }, form: { intent: "suspend", days: "1", reason: "Leaked a draft on purpose." } }),
  rule: (a, g) => suspendRefusal(a, { id: g.userId, staff: g.staff }),
});
add({
  name: "lift a suspension",
  route: "moderation.accounts.$id",
  fn: moderationAccount.action,
  setup: async () => ({ userId: (await actorFor(t.db, { suspended: true })).id }),
  request: (g) => ({ path: `/moderation/accounts/${g.userId}`, params: { id: String(g.userId) }, form: { intent: "lift", reason: "The appeal was upheld." } }),
  rule: staffThen(moderators, (a) => adminRefusal(a)),
});
add({
  name: "count supports to invalidate (writes nothing)",
  route: "moderation.supports",
  fn: moderationSupports.action,
  setup: supportedIdea,
  request: (g) => ({ path: "/moderation/supports", form: { intent: "preview", ideaId: String(g.ideaId), accounts: String(g.voterId), ipPrefix: "", from: "", to: "", reason: "" } }),
  rule: moderators,
  changes: false,
});
add({
  name: "invalidate supports",
  route: "moderation.supports",
  fn: moderationSupports.action,
  setup: supportedIdea,
  request: (g) => ({ path: "/moderation/supports", form: { intent: "invalidate", ideaId: String(g.ideaId), accounts: String(g.voterId), ipPrefix: "", from: "", to: "", reason: "Bought supports from one broker." } }),
  rule: moderators,
});
add({
  name: "reinstate invalidated supports",
  route: "moderation.supports",
  fn: moderationSupports.action,
  setup: invalidation,
  request: (g) => ({ path: "/moderation/supports", form: { intent: "reverse", invalidationId: String(g.invalidationId), reason: "The supporters were real people." } }),
  rule: moderators,
});
// /admin
add({
  name: "add a blocked term",
  route: "admin.blocklist",
  fn: adminBlocklist.action,
  setup: async () => ({}),
  request: () => ({ path: "/admin/blocklist", form: { intent: "add", term: `casino-${randomUUID().slice(0, 8)}` } }),
  rule: admins,
});
add({
  name: "remove a blocked term",
  route: "admin.blocklist",
  fn: adminBlocklist.action,
  setup: async () => {
    const row = await t.db.insertInto("blocked_terms").values({ term: `lottery-${randomUUID().slice(0, 8)}` }).returning("id").executeTakeFirstOrThrow();
    return { termId: row.id };
  },
  request: (g) => ({ path: "/admin/blocklist", form: { intent: "remove", termId: String(g.termId) } }),
  rule: admins,
});
// A fresh date for each holiday the matrix adds (far in the future: no deadline reaches it).
let holidayDay = 0;
const freshHolidayDate = () => new Date(Date.UTC(2090, 0, 1) + holidayDay++ * 86_400_000).toISOString().slice(0, 10);
add({
  name: "add a holiday",
  route: "admin.holidays",
  fn: adminHolidays.action,
  setup: async () => ({}),
  request: () => ({ path: "/admin/holidays", form: { intent: "add", date: freshHolidayDate(), nameKo: "임시공휴일", nameEn: "Temporary holiday" } }),
  rule: admins,
});
add({
  name: "remove a holiday",
  route: "admin.holidays",
  fn: adminHolidays.action,
  setup: async () => {
    const date = freshHolidayDate();
    await t.db.insertInto("holidays").values({ date, name_ko: "임시공휴일", name_en: "Temporary holiday" }).execute();
    return { date };
  },
  request: (g) => ({ path: "/admin/holidays", form: { intent: "remove", date: String(g.date) } }),
  rule: admins,
});
add({
  name: "open a campaign",
  route: "admin.campaigns.new",
  fn: adminCampaignNew.action,
  setup: async () => ({}),
  request: () => ({ path: "/admin/campaigns/new", form: campaignForm(`call-${randomUUID().slice(0, 8)}`) }),
  rule: admins,
});
add({
  name: "change a campaign",
  route: "admin.campaigns.$id",
  fn: adminCampaign.action,
  setup: () => createCampaign(t.db),
  request: (g) => ({ path: `/admin/campaigns/${g.id}`, params: { id: String(g.id) }, form: campaignForm(g.slug) }),
  rule: admins,
});
add({
  name: "change a site setting",
  route: "admin.settings",
  fn: adminSettings.action,
  // One more than now each time, so an allowed change always changes something.
  setup: async () => ({ was: (await getSettings(t.db)).burst_ip_prefix_supports }),
  request: (g) => ({ path: "/admin/settings", form: { key: "burst_ip_prefix_supports", value: String(g.was + 1), was: "", reason: "Authorization test" } }),
  rule: admins,
});
const pageForm = { titleKo: "안내", titleEn: "A guide", bodyKo: "본문", bodyEn: "Text", note: "A note" };
add({
  name: "edit a page",
  route: "admin.pages.$slug",
  fn: adminPage.action,
  setup: async () => {
    const slug = `guide-${randomUUID().slice(0, 8)}`;
    await t.db.insertInto("pages").values({ slug }).execute();
    await t.db
      .insertInto("page_versions")
      .values({ page_slug: slug, version: 1, title_ko: "안내", title_en: "A guide", body_ko: "본문", body_en: "Text", body_html_ko: "<p>본문</p>", body_html_en: "<p>Text</p>" })
      .execute();
    return { slug };
  },
  request: (g) => ({ path: `/admin/pages/${g.slug}`, params: { slug: g.slug }, form: { ...pageForm, baseVersion: "1", bodyEn: "New text" } }),
  rule: admins,
});
add({
  name: "create a page",
  route: "admin.pages.new",
  fn: adminPageNew.action,
  setup: async () => ({}),
  request: () => ({ path: "/admin/pages/new", form: { ...pageForm, slug: `page-${randomUUID().slice(0, 8)}` } }),
  rule: admins,
});
for (const [kind, mod, table] of [
  ["committees", adminCommittees, "committees"],
  ["agencies", adminAgencies, "agencies"],
  ["categories", adminCategories, "categories"],
  ["regions", adminRegions, "regions"],
] as const) {
  add({
    name: `rename ${kind}`,
    route: `admin.${kind}`,
    fn: mod.action,
    setup: async () => ({ id: (await t.db.selectFrom(table).select("id").orderBy("id", "desc").limit(1).executeTakeFirstOrThrow()).id }),
    // A new name each time, so an allowed rename always changes something.
    request: (g) => ({ path: `/admin/${kind}`, form: { intent: "rename", id: String(g.id), nameKo: `이름 ${randomUUID().slice(0, 6)}`, nameEn: `Name ${randomUUID().slice(0, 6)}` } }),
    rule: admins,
  });
}
// Appeals (decision 044): the author of a rejected idea appeals; another moderator rules.
async function rejectedIdea() {
  const decider = await actorFor(t.db, { roles: [{ role: "moderator" }] });
  const target = await openIdea();
  const rejected = await rejectIdea(t.db, decider, target.ideaId, { reason: "Not about public policy." });
  if (!rejected.ok) throw new Error(JSON.stringify(rejected));
  return { ...target, decider, decidedAt: new Date() };
}
const appealOutcome = { closed: "closed", already: "already", notDecided: "notApplicable" } as const;
add({
  name: "appeal a rejected idea",
  route: "appeal",
  fn: appealRoute.action,
  setup: rejectedIdea,
  request: (g) => ({ path: `/appeal?type=idea&id=${g.ideaId}`, form: { type: "idea", id: String(g.ideaId), reason: "It is about public transport policy, please look again." } }),
  rule: (a, g) => {
    const refusal = appealRefusal(a, { authorId: g.facts.authorId, decidedAt: g.decidedAt, appealed: false });
    return refusal && refusal in appealOutcome ? appealOutcome[refusal as keyof typeof appealOutcome] : (refusal as Refusal | null);
  },
});
add({
  name: "rule on an appeal",
  route: "moderation.appeals",
  fn: moderationAppeals.action,
  setup: async () => {
    const g = await rejectedIdea();
    const sent = await sendAppeal(t.db, actor("author"), { type: "idea", id: String(g.ideaId), reason: "It is about public transport policy, please look again." });
    if (!sent.ok) throw new Error(JSON.stringify(sent));
    return { appealId: sent.id, deciderId: g.decider!.id };
  },
  request: (g) => ({ path: "/moderation/appeals", form: { appealId: String(g.appealId), outcome: "upheld", reason: "The idea advertises one company." } }),
  rule: (a, g) => {
    const refusal = rulingRefusal(a, { originalDeciderId: g.deciderId, decided: false });
    return refusal === "ownDecision" ? "forbidden" : refusal === "decided" ? "already" : refusal;
  },
});
// Archiving and details (decision 043): each allowed try acts on a fresh body of its own.
const freshCommittee = async () =>
  (await t.db.insertInto("committees").values({ slug: `board-${randomUUID().slice(0, 8)}`, name_ko: "위원회", name_en: "A board", quorum_kind: null, quorum_value: null }).returning("id").executeTakeFirstOrThrow()).id;
const freshAgency = async () =>
  (await t.db.insertInto("agencies").values({ slug: `office-${randomUUID().slice(0, 8)}`, kind: "ministry", name_ko: "기관", name_en: "An office", region_id: null }).returning("id").executeTakeFirstOrThrow()).id;
add({
  name: "archive a committee",
  route: "admin.committees",
  fn: adminCommittees.action,
  setup: async () => ({ id: await freshCommittee() }),
  request: (g) => ({ path: "/admin/committees", form: { intent: "archive", id: String(g.id) } }),
  rule: admins,
});
add({
  name: "restore an archived agency",
  route: "admin.agencies",
  fn: adminAgencies.action,
  setup: async () => {
    const id = await freshAgency();
    await t.db.updateTable("agencies").set({ archived_at: new Date() }).where("id", "=", id).execute();
    return { id };
  },
  request: (g) => ({ path: "/admin/agencies", form: { intent: "restore", id: String(g.id) } }),
  rule: admins,
});
add({
  name: "set an agency's details",
  route: "admin.agencies",
  fn: adminAgencies.action,
  setup: async () => ({ id: await freshAgency() }),
  request: (g) => ({ path: "/admin/agencies", form: { intent: "details", id: String(g.id), kind: "local", regionId: "2", supervisorId: "" } }),
  rule: admins,
});
add({
  name: "set a committee's default categories",
  route: "admin.committees",
  fn: adminCommittees.action,
  setup: async () => ({
    id: await freshCommittee(),
    categoryId: (await t.db.selectFrom("categories").select("id").where("archived_at", "is", null).orderBy("id", "desc").limit(1).executeTakeFirstOrThrow()).id,
  }),
  request: (g) => ({ path: "/admin/committees", form: { intent: "details", id: String(g.id), categoryIds: String(g.categoryId) } }),
  rule: admins,
});
add({
  name: "add a category",
  route: "admin.categories",
  fn: adminCategories.action,
  setup: async () => ({}),
  request: () => ({ path: "/admin/categories", form: { intent: "create", slug: `topic-${randomUUID().slice(0, 8)}`, nameKo: "분야", nameEn: "A topic" } }),
  rule: admins,
});
add({
  name: "grant a role",
  route: "admin.users.$id",
  fn: adminUser.action,
  setup: async () => ({ userId: (await createUser(t.db)).id }),
  request: (g) => ({ path: `/admin/users/${g.userId}`, params: { id: String(g.userId) }, form: { intent: "grant", role: "moderator", committeeId: "", agencyId: "" } }),
  rule: admins,
});
add({
  name: "revoke a role",
  route: "admin.users.$id",
  fn: adminUser.action,
  setup: async () => {
    const user = await createUser(t.db);
    await grant(t.db, user.id, { role: "agency_officer", agency: "moef" });
    const row = await t.db.selectFrom("role_grants").select("id").where("user_id", "=", user.id).executeTakeFirstOrThrow();
    return { userId: user.id, grantId: row.id };
  },
  request: (g) => ({ path: `/admin/users/${g.userId}`, params: { id: String(g.userId) }, form: { intent: "revoke", grantId: String(g.grantId) } }),
  rule: admins,
});
// /me
add({
  name: "save my settings",
  route: "me.settings",
  fn: settingsRoute.action,
  setup: async () => ({}),
  request: () => ({ path: "/me/settings", form: { homeRegionId: "1", locale: "en", emailOwn: "on" } }),
  rule: signedIn,
  changes: false, // the second time, nothing is new
});
add({
  name: "sign out everywhere",
  route: "me.settings",
  fn: settingsRoute.action,
  setup: async () => ({}),
  request: () => ({ path: "/me/settings", form: { intent: "signOutEverywhere" } }),
  rule: signedIn,
  changes: false, // sessions are not content
});
add({ name: "mark notifications read", route: "me.notifications", fn: notificationsRoute.action, setup: async () => ({}), request: () => ({ path: "/me/notifications", form: {} }), rule: signedIn, changes: false });
add({ name: "resend the verification e-mail", route: "verify-email", fn: verifyRoute.action, setup: async () => ({}), request: () => ({ path: "/verify-email", form: {} }), rule: signedIn, changes: false });
// Accounts: open to everyone by design
add({
  name: "join",
  route: "join",
  fn: joinRoute.action,
  // Each join carries a solved proof-of-work, as from a browser that runs the page (decision 048),
  // of a challenge whose answer comes first: every case joins, many times over.
  setup: async () => ({ email: `joiner-${randomUUID()}@example.org`, solved: await quicklySolvedChallenge(t.db) }),
  request: (g) => ({ path: "/join", form: { email: g.email, displayName: "New Neighbour", password: "violet-harbor-lantern-42", [CHALLENGE_FIELD]: g.solved } }),
  rule: anyone,
});
add({
  name: "log in",
  route: "login",
  fn: loginRoute.action,
  setup: async () => ({ email: (await createUser(t.db)).email }),
  request: (g) => ({ path: "/login", form: { email: g.email, password: FACTORY_PASSWORD, next: "/" } }),
  rule: anyone,
  changes: false, // a session is not content
});
add({
  name: "log in: the code after the password (two-factor sign-in)",
  route: "login",
  fn: loginRoute.action,
  setup: async () => {
    const user = await createUser(t.db);
    await enrolTwoFactor(t.db, user.id);
    return { challenge: (await openSignInChallenge(t.db, user.id))! };
  },
  request: (g) => ({ path: "/login", form: { intent: "code", challenge: g.challenge, code: totpNow(FACTORY_TOTP_SECRET), next: "/" } }),
  rule: anyone,
});
add({ name: "log out", route: "logout", fn: logoutRoute.action, setup: async () => ({}), request: () => ({ path: "/logout", form: {} }), rule: anyone, changes: false });
// Checking a support receipt reads only: a well-formed receipt that matches no published root is answered "no".
const RECEIPT = JSON.stringify({
  format: "madang-support-receipt/1",
  site: "http://madang.test",
  day: "2026-12-01",
  support: { idea: 1, supporter: 1, salt: "a".repeat(64), supported_at: "2026-12-01T03:00:00.000000Z" },
  leaf: "b".repeat(64),
  proof: [],
  root: "b".repeat(64),
  leaf_count: 1,
});
add({ name: "check a support receipt", route: "verify-receipt", fn: verifyReceiptRoute.action, setup: async () => ({}), request: () => ({ path: "/verify-receipt", form: { receipt: RECEIPT } }), rule: anyone, changes: false });
add({ name: "choose the language", route: "language", fn: languageRoute.action, setup: async () => ({}), request: () => ({ path: "/language", form: { locale: "en", next: "/" } }), rule: anyone, changes: false });
add({
  name: "ask for a password reset",
  route: "reset-password",
  fn: resetRoute.action,
  setup: async () => ({ email: (await createUser(t.db)).email }),
  request: (g) => ({ path: "/reset-password", form: { email: g.email } }),
  rule: anyone,
});
add({
  name: "reset the password with the e-mailed link",
  route: "reset-password",
  fn: resetRoute.action,
  setup: async () => {
    const user = await createUser(t.db);
    return { token: await issueToken(t.db, user.id, "reset_password", new Date()) };
  },
  request: (g) => ({ path: "/reset-password", form: { intent: "reset", token: g.token, password: "amber-meadow-compass-77" } }),
  rule: anyone,
});
// Links in e-mails that change something with a GET: the token is the permission.
add({
  name: "verify the e-mail address (link)",
  route: "verify-email",
  fn: verifyRoute.loader,
  setup: async () => {
    const user = await createUser(t.db, { verified: false });
    return { token: await issueToken(t.db, user.id, "verify_email", new Date()) };
  },
  request: (g) => ({ path: `/verify-email?token=${encodeURIComponent(g.token)}`, method: "GET" }),
  rule: anyone,
  link: true,
});
add({
  name: "unsubscribe (link)",
  route: "unsubscribe",
  fn: unsubscribeRoute.loader,
  setup: async () => {
    const user = await createUser(t.db);
    return t.db.selectFrom("users").select("unsubscribe_token").where("id", "=", user.id).executeTakeFirstOrThrow();
  },
  request: (g) => ({ path: `/unsubscribe?token=${g.unsubscribe_token}`, method: "GET" }),
  rule: anyone,
  link: true,
});
// /me/security: a person's own sessions.
add({
  name: "end one of my sessions",
  route: "me.security",
  fn: securityRoute.action,
  setup: async () => ({}),
  request: () => ({ path: "/me/security", form: { intent: "end", handle: "0123456789abcdef0123456789abcdef" } }),
  rule: signedIn,
  changes: false, // sessions are not content
});
add({
  name: "end every other session",
  route: "me.security",
  fn: securityRoute.action,
  setup: async () => ({}),
  request: () => ({ path: "/me/security", form: { intent: "endOthers" } }),
  rule: signedIn,
  changes: false,
});
// /me/security: two-factor sign-in (decision 047), for any account. Each allowed actor enrols
// with a key of its own and the code computed from it; turning it off and renewing the recovery
// codes start from every actor enrolled with the factories' key (its current code is good once).
const totpNow = (secret: string) => generateTOTP(decodeBase32IgnorePadding(secret), 30, 6);
async function enrolEveryActor() {
  await t.db.deleteFrom("two_factor").execute();
  for (const who of Object.values(actors)) if (who) await enrolTwoFactor(t.db, who.id);
  return {};
}
add({
  name: "turn on two-factor sign-in",
  route: "me.security",
  fn: securityRoute.action,
  setup: async () => {
    await t.db.deleteFrom("two_factor").execute();
    const secret = encodeBase32UpperCaseNoPadding(randomBytes(20));
    return { secret };
  },
  request: (g) => ({ path: "/me/security", form: { intent: "enrol", secret: g.secret, code: totpNow(g.secret) } }),
  rule: signedIn,
});
add({
  name: "turn off two-factor sign-in",
  route: "me.security",
  fn: securityRoute.action,
  setup: enrolEveryActor,
  request: () => ({ path: "/me/security", form: { intent: "disable", password: FACTORY_PASSWORD, code: totpNow(FACTORY_TOTP_SECRET) } }),
  rule: signedIn,
});
add({
  name: "make new recovery codes",
  route: "me.security",
  fn: securityRoute.action,
  setup: enrolEveryActor,
  request: () => ({ path: "/me/security", form: { intent: "renewCodes", renewCode: totpNow(FACTORY_TOTP_SECRET) } }),
  rule: signedIn,
});
// Assisted entry and paper supports (decision 039): desk staff are moderators and admins.
const desk: Rule<unknown> = (a) => deskRefusal(a);
const SCAN = "b".repeat(64);
function assistedForm() {
  return { title: unique("Filed at the booth"), body: BODY, categoryId: String(ids.category), regionId: "", campaignId: String(slow.id), channel: "event", consentRef: "BOOTH-1", eventId: "" };
}
async function assistedIdea() {
  const filed = await fileAssistedIdea(t.db, actor("moderator"), assistedForm());
  if (!filed.ok) throw new Error(`assisted idea: ${JSON.stringify(filed.errors)}`);
  return { ideaId: filed.ideaId, code: filed.code };
}
const batchForm = { channel: "paper", eventId: "", signaturesClaimed: "12", signaturesVerified: "10", scanSha256: SCAN, decision: "accepted", note: "" };
async function ideaWithBatch() {
  const target = await openIdea();
  const batch = await recordPaperBatch(t.db, actor("moderator"), target.ideaId, batchForm);
  if (!batch.ok) throw new Error("batch");
  return { ideaId: target.ideaId, batchId: batch.batchId };
}
const deskIdeaPath = (g: { ideaId: number }) => ({ path: `/desk/ideas/${g.ideaId}`, params: { id: String(g.ideaId) } });
add({
  name: "file an idea for a person",
  route: "desk._index",
  fn: deskRoute.action,
  setup: async () => ({}),
  request: () => ({ path: "/desk", form: assistedForm() }),
  rule: desk,
});
add({
  name: "record a paper batch",
  route: "desk.ideas.$id",
  fn: deskIdeaRoute.action,
  setup: openIdea,
  request: (g) => ({ ...deskIdeaPath(g), form: { intent: "batch", ...batchForm } }),
  rule: desk,
});
add({
  name: "correct a paper batch",
  route: "desk.ideas.$id",
  fn: deskIdeaRoute.action,
  setup: ideaWithBatch,
  request: (g) => ({ ...deskIdeaPath(g), form: { intent: "correct", targetId: String(g.batchId), ...batchForm, signaturesVerified: "9", reason: "One signature was there twice." } }),
  rule: desk,
});
add({
  name: "void a paper batch",
  route: "desk.ideas.$id",
  fn: deskIdeaRoute.action,
  setup: ideaWithBatch,
  request: (g) => ({ ...deskIdeaPath(g), form: { intent: "void", targetId: String(g.batchId), reason: "The sheets belong to another idea." } }),
  rule: desk,
});
const someone = { name: "Park Jiwoo", birthDate: "1948-05-05", phone: "010-9876-5432", channel: "event", eventId: "", consentRef: "BOOTH-2" };
add({
  name: "record a support given in person",
  route: "desk.ideas.$id",
  fn: deskIdeaRoute.action,
  setup: openIdea,
  request: (g) => ({ ...deskIdeaPath(g), form: { intent: "inPerson", ...someone } }),
  rule: desk,
});
add({
  name: "void a support given in person",
  route: "desk.ideas.$id",
  fn: deskIdeaRoute.action,
  setup: async () => {
    const target = await openIdea();
    const recorded = await recordInPersonSupport(t.db, actor("moderator"), target.ideaId, someone);
    if (!recorded.ok) throw new Error("in person");
    return { ideaId: target.ideaId, supportId: recorded.supportId };
  },
  request: (g) => ({ ...deskIdeaPath(g), form: { intent: "voidInPerson", targetId: String(g.supportId), reason: "Recorded on the wrong idea." } }),
  rule: desk,
});
add({
  name: "give a new claim code",
  route: "desk.ideas.$id",
  fn: deskIdeaRoute.action,
  setup: assistedIdea,
  request: (g) => ({ ...deskIdeaPath(g), form: { intent: "reissue" } }),
  rule: desk,
});
// An event's organiser works the desk for their own event (decision 058): an economy event here.
const deskAtEconomyEvent: Rule<unknown> = (a) => {
  const refusal = eventDeskRefusal(a, { committee_id: ids.economy, agency_id: null });
  return typeof refusal === "object" && refusal !== null ? "forbidden" : refusal;
};
add({
  name: "file an idea for a person at an economy event",
  route: "desk._index",
  fn: deskRoute.action,
  setup: () => economyEvent(-1),
  request: (g) => ({ path: "/desk", form: { ...assistedForm(), eventId: String(g.eventId) } }),
  rule: deskAtEconomyEvent,
});
add({
  name: "record a paper batch at an economy event",
  route: "desk.ideas.$id",
  fn: deskIdeaRoute.action,
  setup: async () => ({ ...(await openIdea()), ...(await economyEvent(-1)) }),
  request: (g) => ({ ...deskIdeaPath(g), form: { intent: "batch", ...batchForm, channel: "event", eventId: String(g.eventId) } }),
  rule: deskAtEconomyEvent,
});
add({
  name: "claim an idea filed for me",
  route: "claim",
  fn: claimRoute.action,
  setup: assistedIdea,
  request: (g) => ({ path: "/claim", form: { code: g.code } }),
  rule: participant,
});

// Changing one's e-mail address (decision 056): any account asks (a link goes to the new address);
// the link from the new address and the take-back link from the old one: the token is the permission.
add({
  name: "change my e-mail address",
  route: "me.security",
  fn: securityRoute.action,
  setup: async () => ({}),
  request: () => ({ path: "/me/security", form: { intent: "changeEmail", email: unique("moving").toLowerCase().replace(/[^a-z0-9-]/g, "-") + "@example.org", emailPassword: FACTORY_PASSWORD } }),
  rule: signedIn,
});
add({
  name: "confirm a new e-mail address (link)",
  route: "confirm-email",
  fn: confirmEmailRoute.loader,
  setup: async () => {
    const user = await createUser(t.db);
    return { token: await issueToken(t.db, user.id, "change_email", new Date(), `new-${user.id}@example.org`) };
  },
  request: (g) => ({ path: `/confirm-email?token=${encodeURIComponent(g.token)}`, method: "GET" }),
  rule: anyone,
  link: true,
});
add({
  name: "take my account back (link)",
  route: "secure-account",
  fn: secureAccountRoute.action,
  setup: async () => {
    const user = await createUser(t.db);
    return { token: await issueToken(t.db, user.id, "revert_email", new Date(), user.email) };
  },
  request: (g) => ({ path: "/secure-account", form: { token: g.token } }),
  rule: anyone,
});
// An admin resets another person's two-factor sign-in (decision 056).
add({
  name: "reset a person's two-factor sign-in",
  route: "admin.users.$id",
  fn: adminUser.action,
  setup: async () => {
    const user = await createUser(t.db);
    await enrolTwoFactor(t.db, user.id);
    return { userId: user.id };
  },
  request: (g) => ({ path: `/admin/users/${g.userId}`, params: { id: String(g.userId) }, form: { intent: "resetTwoFactor", reason: "Lost phone; identity checked by video call" } }),
  rule: admins,
});

// Leaving Madang: each allowed actor deletes its own account, so this case stays LAST (the
// actors are shared by every case above). Staff are refused until their roles are taken away.
export const ownAccount: Rule<unknown> = (a) => (!a ? "signin" : leaveRefusal(a, { deleted_at: null }) ? "notApplicable" : null);
add({
  name: "leave Madang (delete my account)",
  route: "me.delete",
  fn: deleteRoute.action,
  setup: async () => ({}),
  request: () => ({ path: "/me/delete", form: { password: FACTORY_PASSWORD, withdrawPosts: "on" } }),
  rule: ownAccount,
});
// /identity-desk: a staff member verifies a person in person (issue 17)
add({
  name: "verify identity in person",
  route: "identity-desk",
  fn: identityDesk.action,
  setup: async () => ({ email: (await createUser(t.db)).email }),
  request: (g) => ({ path: "/identity-desk", form: { email: g.email, place: "Jongno-gu office desk", checked: "on" } }),
  rule: (a) => inPersonRefusal(a),
});
// Revoking a verification (decision 057): the verifying role and admins.
add({
  name: "revoke an identity verification",
  route: "identity-desk",
  fn: identityDesk.action,
  setup: async () => {
    const user = await createUser(t.db);
    await t.db
      .insertInto("identity_verifications")
      .values({ user_id: user.id, method: "in_person", provider: null, subject_hmac: null, birth_year: null, province_id: null, verified_at: new Date(), expires_at: new Date(Date.now() + 86_400_000), verified_by: null, place: "Desk" })
      .execute();
    return { email: user.email };
  },
  request: (g) => ({ path: "/identity-desk", form: { intent: "revoke", account: g.email, reason: "The ID did not match the person" } }),
  rule: (a) => revokeRefusal(a),
});

// ——— Running them ———

let ip = 0;
/** Each call from an address of its own, so that per-address rate limits never decide. */
export const nextIp = () => `10.${(++ip >> 16) & 255}.${(ip >> 8) & 255}.${ip & 255}`;

// ——— Events (issue 18) ———
// Who may run an event of the economy committee, written here from the issue rather than read
// from app/domain/events/permissions.ts: an unsuspended admin, or an unsuspended event organiser
// whose grant names that committee (not the operator's organiser, not a committee member).
const runsEconomyEvents: Rule<unknown> = (a) => {
  if (!a) return "signin";
  if (a.suspendedUntil && a.suspendedUntil > new Date()) return "suspended";
  const allowed = a.grants.some((g) => g.role === "admin" || (g.role === "event_organiser" && g.committeeId === ids.economy && g.agencyId === null));
  return allowed ? null : "forbidden";
};

async function economyEvent(days: number, capacity: number | null = null): Promise<{ eventId: number }> {
  const start = new Date(Date.now() + days * 86_400_000);
  const row = await t.db
    .insertInto("civic_events")
    .values({
      committee_id: ids.economy,
      kind: "forum",
      title_ko: unique("포럼"),
      starts_at: start,
      ends_at: new Date(start.getTime() + 2 * 3_600_000),
      place: "광화문",
      capacity,
      updated_at: new Date(),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { eventId: row.id };
}

const eventPath = (g: { eventId: number }, suffix = "") => ({ path: `/events/${g.eventId}${suffix}`, params: { id: String(g.eventId) } });
const eventForm = () => ({
  organiser: `committee:${ids.economy}`,
  kind: "forum",
  titleKo: unique("시민 포럼"),
  startsAt: "2030-05-01T14:00",
  endsAt: "2030-05-01T16:00",
  place: "광화문 시민마당",
  capacity: "20",
});

add({
  name: "register for an event",
  route: "events.$id._index",
  fn: eventPage.action,
  setup: () => economyEvent(10),
  request: (g) => ({ ...eventPath(g), form: { intent: "register" } }),
  rule: participant,
});
add({
  name: "cancel one's registration",
  route: "events.$id._index",
  fn: eventPage.action,
  setup: () => economyEvent(10),
  request: (g) => ({ ...eventPath(g), form: { intent: "unregister" } }),
  rule: signedIn,
  changes: false, // nothing to cancel for someone not registered
});
add({
  name: "cancel an event",
  route: "events.$id._index",
  fn: eventPage.action,
  setup: () => economyEvent(10),
  request: (g) => ({ ...eventPath(g), form: { intent: "cancel", reason: "태풍 예보" } }),
  rule: runsEconomyEvents,
});
add({
  name: "mark attendance",
  route: "events.$id._index",
  fn: eventPage.action,
  setup: async () => {
    const event = await economyEvent(-1);
    const person = await createUser(t.db);
    const row = await t.db
      .insertInto("event_registrations")
      .values({ event_id: event.eventId, user_id: person.id, state: "registered", queued_at: new Date(Date.now() - 3 * 86_400_000) })
      .returning("id")
      .executeTakeFirstOrThrow();
    return { ...event, registrationId: row.id };
  },
  request: (g) => ({ ...eventPath(g), form: { intent: "attendance", registrationId: String(g.registrationId), attended: "yes" } }),
  rule: runsEconomyEvents,
});
add({
  name: "create an event",
  route: "events.new",
  fn: eventNew.action,
  setup: async () => ({}),
  request: () => ({ path: "/events/new", form: eventForm() }),
  rule: runsEconomyEvents,
});
add({
  name: "edit an event",
  route: "events.$id.edit",
  fn: eventEdit.action,
  setup: () => economyEvent(10),
  request: (g) => ({ ...eventPath(g, "/edit"), form: eventForm() }),
  rule: runsEconomyEvents,
});
add({
  name: "publish an event's minutes",
  route: "events.$id.minutes",
  fn: eventMinutes.action,
  setup: () => economyEvent(-1),
  request: (g) => ({ ...eventPath(g, "/minutes"), form: { body: "## 논의\n내용", attendance: "12", facilitator: "진행자", ideas: "", note: "", baseVersion: "0" } }),
  rule: runsEconomyEvents,
});

export async function attempt<T>(c: Case<T>, who: Actor | null, target: T) {
  const r = c.request(target, who);
  return call(c.fn, { path: r.path, method: r.method, params: r.params, form: r.method === "GET" ? undefined : (r.form ?? {}), context: contextFor(t.services, who, nextIp()) });
}

