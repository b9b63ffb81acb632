// Read queries for the committee's vote on an idea: the panel on the idea's page (state, counts,
// quorum, who voted how, what the reader may do).
import type { Kysely } from "kysely";
import type { Database, VoteChoice } from "../../../db/schema";
import type { Actor } from "../accounts/permissions";
import { closeVoteRefusal, extendVoteRefusal, openVoteRefusal, voteRefusal, type VoteFacts } from "./permissions";
import { ballotState, castCount, countVotes, majorityOf, quorumNeeded } from "./rules";
import { currentMemberCount, votesOn } from "./votes.server";

type Db = Kysely<Database>;
const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** The vote panel of an idea in a committee's care; null when no committee holds the idea. */
export async function ideaVote(db: Db, ideaId: number, actor: Actor | null, now = new Date()) {
  const idea = await db.selectFrom("ideas").select(["id", "status", "committee_id"]).where("id", "=", ideaId).executeTakeFirst();
  if (!idea || idea.committee_id === null) return null;
  const [ballot, rows, committee, members] = await Promise.all([
    db.selectFrom("committee_ballots").selectAll().where("idea_id", "=", ideaId).executeTakeFirst(),
    votesOn(db, ideaId),
    db.selectFrom("committees").select(["quorum_kind", "quorum_value"]).where("id", "=", idea.committee_id).executeTakeFirstOrThrow(),
    currentMemberCount(db, idea.committee_id),
  ]);
  const counts = countVotes(rows);
  const cast = castCount(counts);
  const sealed = ballot?.closed_at != null && ballot.quorum_needed !== null;
  const needed = sealed ? ballot!.quorum_needed! : quorumNeeded({ kind: committee.quorum_kind, value: committee.quorum_value }, members);
  const memberCount = sealed ? (ballot!.member_count ?? members) : members;
  const facts: VoteFacts = {
    ideaStatus: idea.status,
    committeeId: idea.committee_id,
    ballot: ballot ? { closesAt: ballot.closes_at, closedAt: ballot.closed_at, extendedAt: ballot.extended_at, quorumMet: cast >= needed } : null,
  };
  const state = ballotState(facts.ballot, now);
  // Nothing to show before the committee takes the idea up, unless votes were held.
  if (!ballot && idea.status !== "in_deliberation") return null;
  const mine = actor ? rows.find((r) => r.user_id === actor.id) : undefined;
  return {
    state,
    ballot: ballot
      ? {
          round: ballot.round,
          openedAt: iso(ballot.opened_at)!,
          closesAt: iso(ballot.closes_at)!,
          extended: ballot.extended_at !== null,
          closedAt: state === "closed" ? iso(ballot.closed_at ?? ballot.closes_at) : null,
        }
      : null,
    counts,
    cast,
    needed,
    members: memberCount,
    missing: Math.max(0, needed - cast),
    majority: majorityOf(counts),
    votes: rows.map((r) => ({
      id: r.id,
      name: r.name,
      choice: r.choice as VoteChoice,
      reason: r.reason,
      castAt: iso(r.cast_at)!,
      changedAt: iso(r.changed_at),
      mine: actor?.id === r.user_id,
    })),
    mine: mine ? { choice: mine.choice as VoteChoice, reason: mine.reason } : null,
    can: {
      vote: voteRefusal(actor, facts, now) === null,
      open: openVoteRefusal(actor, facts, now) === null,
      extend: extendVoteRefusal(actor, facts, now) === null,
      close: closeVoteRefusal(actor, facts, now) === null,
    },
  };
}

export type IdeaVoteView = NonNullable<Awaited<ReturnType<typeof ideaVote>>>;
