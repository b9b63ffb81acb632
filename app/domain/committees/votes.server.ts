// The committee's vote on an idea in deliberation (issue 14, decision 028): the chair opens it
// with a closing time, may extend it once and closes it; each member (the chair too) casts one
// vote (for forwarding, against, abstain) with a short public reason and may change it until
// the vote closes. Every use case locks the idea's row first, as the recommendation does, so
// two members voting at once, one member in two tabs, and the chair closing or recording while
// a vote arrives queue one behind the other: one consistent result, never a lost vote.
import type { Kysely, Transaction } from "kysely";
import type { Database, RecordedVote, VoteChoice } from "../../../db/schema";
import { fail, FORM, msg, type Failure, type Message } from "../../utils/result";
import type { Actor } from "../accounts/permissions";
import { appendEvent } from "../ideas/timeline.server";
import { notifyVoteClosed } from "../notifications/notify.server";
import { execute, useCase, type CustomRefusal, type KernelRefusal } from "../use-case.server";
import { closeVoteRefusal, extendVoteRefusal, openVoteRefusal, quorumRefusal, voteRefusal, type VoteFacts, type VoteRefusal } from "./permissions";
import { castCount, countVotes, quorumNeeded, VOTE_MAX_DAYS, VOTE_MIN_MS, type Counts } from "./rules";
import { CloseVoteSchema, ExtendVoteSchema, OpenVoteSchema, QuorumSchema, VoteSchema } from "./schemas";
import { DAY_MS } from "../../utils/korea-time";

type Trx = Transaction<Database>;
type Db = Kysely<Database>;

const MESSAGES: Record<Exclude<VoteRefusal, "signin" | "unverified" | "suspended" | "forbidden">, CustomRefusal> = {
  notMember: { message: msg("committees.errors.notMember"), status: 403 },
  notChair: { message: msg("committees.errors.notChair"), status: 403 },
  notInDeliberation: { message: msg("committees.errors.notInDeliberation"), status: 409 },
  voteNotOpen: { message: msg("committees.errors.voteNotOpen"), status: 409 },
  voteClosed: { message: msg("committees.errors.voteClosed"), status: 409 },
  voteOpen: { message: msg("committees.errors.voteOpen"), status: 409 },
  alreadyExtended: { message: msg("committees.errors.alreadyExtended"), status: 409 },
};

/** The kernel's form of a vote refusal: its own message, or one of the kernel's. */
export function voteRefusalFor(refusal: VoteRefusal | null): KernelRefusal | CustomRefusal | null {
  if (refusal === null) return null;
  return refusal in MESSAGES ? MESSAGES[refusal as keyof typeof MESSAGES] : (refusal as KernelRefusal);
}

export async function currentMemberCount(trx: Trx | Db, committeeId: number): Promise<number> {
  const row = await trx
    .selectFrom("role_grants")
    .select((eb) => eb.fn.count<number>("user_id").distinct().as("n"))
    .where("committee_id", "=", committeeId)
    .where("role", "in", ["committee_member", "committee_chair"])
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function quorumRuleOf(trx: Trx | Db, committeeId: number) {
  const row = await trx.selectFrom("committees").select(["quorum_kind", "quorum_value"]).where("id", "=", committeeId).executeTakeFirstOrThrow();
  return { kind: row.quorum_kind, value: row.quorum_value };
}

export type BallotRow = NonNullable<Awaited<ReturnType<typeof ballotOf>>>;

function ballotOf(trx: Trx | Db, ideaId: number) {
  return trx.selectFrom("committee_ballots").selectAll().where("idea_id", "=", ideaId).executeTakeFirst();
}

/** The votes on an idea with their voters' names (a member who left keeps their vote). */
export function votesOn(trx: Trx | Db, ideaId: number) {
  return trx
    .selectFrom("committee_votes")
    .innerJoin("users", "users.id", "committee_votes.user_id")
    .select([
      "committee_votes.id",
      "committee_votes.user_id",
      "users.display_name as name",
      "committee_votes.choice",
      "committee_votes.reason",
      "committee_votes.cast_at",
      "committee_votes.changed_at",
      "committee_votes.changes",
    ])
    .where("committee_votes.idea_id", "=", ideaId)
    .orderBy("committee_votes.cast_at")
    .orderBy("committee_votes.id")
    .execute();
}

/** A ballot's quorum: frozen when it closed; while open, against the members there are now. */
async function quorumOf(trx: Trx | Db, ballot: BallotRow): Promise<{ members: number; needed: number }> {
  if (ballot.closed_at !== null && ballot.member_count !== null && ballot.quorum_needed !== null) {
    return { members: ballot.member_count, needed: ballot.quorum_needed };
  }
  const members = await currentMemberCount(trx, ballot.committee_id);
  return { members, needed: quorumNeeded(await quorumRuleOf(trx, ballot.committee_id), members) };
}

interface Subject {
  idea: { id: number; title: string; status: Database["ideas"]["status"]; committee_id: number | null };
  ballot: BallotRow | null;
  counts: Counts;
  quorum: { members: number; needed: number } | null;
  facts: VoteFacts;
}

/** Locks the idea's row (every vote use case and the recommendation take this lock first). */
async function lockVoteSubject(trx: Trx, ideaId: number | undefined): Promise<Subject | undefined> {
  if (ideaId === undefined) return undefined;
  const idea = await trx.selectFrom("ideas").select(["id", "title", "status", "committee_id"]).where("id", "=", ideaId).forUpdate().executeTakeFirst();
  if (!idea) return undefined;
  const ballot = (await ballotOf(trx, ideaId)) ?? null;
  const counts = countVotes(await trx.selectFrom("committee_votes").select("choice").where("idea_id", "=", ideaId).execute());
  const quorum = ballot ? await quorumOf(trx, ballot) : null;
  const facts: VoteFacts = {
    ideaStatus: idea.status,
    committeeId: idea.committee_id,
    ballot: ballot
      ? { closesAt: ballot.closes_at, closedAt: ballot.closed_at, extendedAt: ballot.extended_at, quorumMet: quorum ? castCount(counts) >= quorum.needed : null }
      : null,
  };
  return { idea, ballot, counts, quorum, facts };
}

/**
 * Seals a vote: the moment it closed, who closed it (null: its time ran out), the members and
 * the quorum it is counted against; the chairs are told (the one who closed it knows already).
 */
async function sealBallot(trx: Trx, ballot: BallotRow, title: string, by: number | null, now: Date) {
  const at = new Date(Math.min(now.getTime(), new Date(ballot.closes_at).getTime()));
  const members = await currentMemberCount(trx, ballot.committee_id);
  const needed = quorumNeeded(await quorumRuleOf(trx, ballot.committee_id), members);
  await trx
    .updateTable("committee_ballots")
    .set({ closed_at: at, closed_by: by, member_count: members, quorum_needed: needed })
    .where("id", "=", ballot.id)
    .execute();
  const counts = countVotes(await trx.selectFrom("committee_votes").select("choice").where("idea_id", "=", ballot.idea_id).execute());
  const cast = castCount(counts);
  await appendEvent(trx, { ideaId: ballot.idea_id, actorId: by, kind: "vote_closed", at });
  await notifyVoteClosed(trx, { id: ballot.idea_id, title, committee_id: ballot.committee_id }, { ...counts, cast, needed, quorumMet: cast >= needed }, by, at);
  return { counts, members, needed };
}

const Open = useCase({
  name: "committee.vote.open",
  schema: OpenVoteSchema,
  load: (trx, _input, ideaId) => lockVoteSubject(trx, ideaId),
  permit: (actor, s, { now }) => voteRefusalFor(openVoteRefusal(actor, s.facts, now)),
  run: async ({ trx, actor, input, subject: s, now }) => {
    const closesAt = input.closesAt;
    if (closesAt.getTime() - now.getTime() < VOTE_MIN_MS) return fail("closesAt", msg("committees.errors.closesSoon"));
    if (closesAt.getTime() - now.getTime() > VOTE_MAX_DAYS * DAY_MS) return fail("closesAt", msg("committees.errors.closesLate", { max: VOTE_MAX_DAYS }));
    let round = 1;
    if (s.ballot) {
      // Closed without quorum: opened again; the votes cast stay and may be changed.
      if (s.ballot.closed_at === null) await sealBallot(trx, s.ballot, s.idea.title, null, now);
      round = s.ballot.round + 1;
      await trx
        .updateTable("committee_ballots")
        .set({ round, opened_by: actor.id, opened_at: now, closes_at: closesAt, extended_at: null, closed_at: null, closed_by: null, member_count: null, quorum_needed: null })
        .where("id", "=", s.ballot.id)
        .execute();
    } else {
      await trx
        .insertInto("committee_ballots")
        .values({ idea_id: s.idea.id, committee_id: s.idea.committee_id!, opened_by: actor.id, opened_at: now, closes_at: closesAt })
        .execute();
    }
    await appendEvent(trx, { ideaId: s.idea.id, actorId: actor.id, kind: "vote_opened", at: now });
    return { closesAt: closesAt.toISOString(), round };
  },
  audit: ({ subject, input }, output) => ({ targetType: "idea", targetId: subject.idea.id, details: { closesAt: input.closesAt.toISOString(), round: output.round } }),
});

const Extend = useCase({
  name: "committee.vote.extend",
  schema: ExtendVoteSchema,
  load: (trx, _input, ideaId) => lockVoteSubject(trx, ideaId),
  permit: (actor, s, { now }) => voteRefusalFor(extendVoteRefusal(actor, s.facts, now)),
  run: async ({ trx, actor, input, subject: s, now }) => {
    const ballot = s.ballot!;
    if (input.closesAt <= new Date(ballot.closes_at)) return fail("closesAt", msg("committees.errors.extendLater"));
    if (input.closesAt.getTime() - now.getTime() > VOTE_MAX_DAYS * DAY_MS) return fail("closesAt", msg("committees.errors.closesLate", { max: VOTE_MAX_DAYS }));
    await trx.updateTable("committee_ballots").set({ closes_at: input.closesAt, extended_at: now }).where("id", "=", ballot.id).execute();
    await appendEvent(trx, { ideaId: s.idea.id, actorId: actor.id, kind: "vote_extended", at: now });
    return { closesAt: input.closesAt.toISOString() };
  },
  audit: ({ subject }, output) => ({ targetType: "idea", targetId: subject.idea.id, details: { closesAt: output.closesAt, from: new Date(subject.ballot!.closes_at).toISOString() } }),
});

const Close = useCase({
  name: "committee.vote.close",
  schema: CloseVoteSchema,
  load: (trx, _input, ideaId) => lockVoteSubject(trx, ideaId),
  permit: (actor, s, { now }) => voteRefusalFor(closeVoteRefusal(actor, s.facts, now)),
  run: async ({ trx, actor, subject: s, now }) => {
    const sealed = await sealBallot(trx, s.ballot!, s.idea.title, actor.id, now);
    return { ...sealed.counts, needed: sealed.needed, members: sealed.members };
  },
  audit: ({ subject }, output) => ({ targetType: "idea", targetId: subject.idea.id, details: { ...output } }),
});

const Cast = useCase({
  name: "committee.vote.cast",
  schema: VoteSchema,
  load: (trx, _input, ideaId) => lockVoteSubject(trx, ideaId),
  permit: (actor, s, { now }) => voteRefusalFor(voteRefusal(actor, s.facts, now)),
  run: async ({ trx, actor, input, subject: s, now }) => {
    const existing = await trx
      .selectFrom("committee_votes")
      .select(["id", "choice", "reason"])
      .where("idea_id", "=", s.idea.id)
      .where("user_id", "=", actor.id)
      .executeTakeFirst();
    // The same vote sent twice (a double click, a second tab) changes nothing.
    if (existing && existing.choice === input.choice && existing.reason === input.reason) return { voteId: existing.id, changed: false };
    const voteId = existing
      ? (
          await trx
            .updateTable("committee_votes")
            .set((eb) => ({ choice: input.choice, reason: input.reason, changed_at: now, changes: eb("changes", "+", 1) }))
            .where("id", "=", existing.id)
            .returning("id")
            .executeTakeFirstOrThrow()
        ).id
      : (
          await trx
            .insertInto("committee_votes")
            .values({ idea_id: s.idea.id, committee_id: s.idea.committee_id!, user_id: actor.id, choice: input.choice, reason: input.reason, cast_at: now })
            .returning("id")
            .executeTakeFirstOrThrow()
        ).id;
    await trx.insertInto("committee_vote_history").values({ vote_id: voteId, idea_id: s.idea.id, user_id: actor.id, choice: input.choice, reason: input.reason, at: now }).execute();
    return { voteId, changed: true };
  },
  audit: ({ subject, input }, output) =>
    output.changed ? { targetType: "idea", targetId: subject.idea.id, details: { choice: input.choice, voteId: output.voteId } } : null,
});

const SetQuorum = useCase({
  name: "committee.quorum",
  schema: QuorumSchema,
  load: async (trx, _input, committeeId) =>
    committeeId === undefined ? undefined : trx.selectFrom("committees").select(["id", "quorum_kind", "quorum_value"]).where("id", "=", committeeId).forUpdate().executeTakeFirst(),
  permit: (actor, _committee, { now }) => quorumRefusal(actor, now),
  run: async ({ trx, input, subject }) => {
    await trx.updateTable("committees").set({ quorum_kind: input.kind, quorum_value: input.value }).where("id", "=", subject.id).execute();
    return { kind: input.kind, value: input.value };
  },
  audit: ({ subject }, output) => ({
    targetType: "committee",
    targetId: subject.id,
    details: { from: { kind: subject.quorum_kind, value: subject.quorum_value }, to: output },
  }),
});

export function openVote(db: Db, actor: Actor | null, ideaId: number, input: Record<string, unknown>, now = new Date()) {
  return execute(db, Open, actor, { target: ideaId, input, now });
}
export function extendVote(db: Db, actor: Actor | null, ideaId: number, input: Record<string, unknown>, now = new Date()) {
  return execute(db, Extend, actor, { target: ideaId, input, now });
}
export function closeVote(db: Db, actor: Actor | null, ideaId: number, input: Record<string, unknown> = {}, now = new Date()) {
  return execute(db, Close, actor, { target: ideaId, input, now });
}
export function castVote(db: Db, actor: Actor | null, ideaId: number, input: Record<string, unknown>, now = new Date()) {
  return execute(db, Cast, actor, { target: ideaId, input, now });
}
export function setQuorum(db: Db, actor: Actor | null, committeeId: number, input: Record<string, unknown>, now = new Date()) {
  return execute(db, SetQuorum, actor, { target: committeeId, input, now });
}

/** Seals the votes whose closing time has passed (the scheduler's job); returns how many. */
export async function closeDueVotes(db: Db, now = new Date()): Promise<number> {
  const due = await db.selectFrom("committee_ballots").select("idea_id").where("closed_at", "is", null).where("closes_at", "<=", now).execute();
  let closed = 0;
  for (const { idea_id } of due) {
    closed += await db.transaction().execute(async (trx) => {
      const s = await lockVoteSubject(trx, idea_id);
      if (!s?.ballot || s.ballot.closed_at !== null) return 0;
      await sealBallot(trx, s.ballot, s.idea.title, null, now);
      return 1;
    });
  }
  return closed;
}

// ——— What the recommendation reads (app/domain/workflow/workflow.server.ts) ———

export interface VoteRecord {
  counts: Counts;
  members: number;
  quorum: number;
  votes: RecordedVote[];
}

/**
 * The closed vote a recommendation stores, read in the recommendation's transaction after it
 * locked the idea: the counts, the quorum and who voted how. A failure when there is no vote,
 * the vote is still open, or it closed short of its quorum (saying how many votes are missing).
 * A vote whose closing time passed unsealed is sealed here first.
 */
export async function closedVoteRecord(trx: Trx, idea: { id: number; title: string }, now: Date): Promise<VoteRecord | Failure> {
  let ballot = await ballotOf(trx, idea.id);
  if (!ballot) return fail(FORM, msg("committees.errors.noVote"), 409);
  if (ballot.closed_at === null) {
    if (new Date(ballot.closes_at) > now) return fail(FORM, msg("committees.errors.stillOpen"), 409);
    await sealBallot(trx, ballot, idea.title, null, now);
    ballot = (await ballotOf(trx, idea.id))!;
  }
  const rows = await votesOn(trx, idea.id);
  const counts = countVotes(rows);
  const needed = ballot.quorum_needed ?? 1;
  const cast = castCount(counts);
  if (cast < needed) {
    const message: Message = msg("committees.errors.noQuorum", { count: needed - cast, cast, needed });
    return fail(FORM, message, 409);
  }
  return {
    counts,
    members: ballot.member_count ?? 0,
    quorum: needed,
    votes: rows.map((r) => ({ userId: r.user_id, name: r.name, choice: r.choice as VoteChoice, reason: r.reason })),
  };
}
