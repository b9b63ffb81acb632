// Who may do what with a committee's vote: pure functions of the actor and the facts, shared by
// the pages (to show a form) and the use cases (to refuse). Tested in tests/unit/committees.test.ts.
import type { IdeaStatus } from "../../../db/schema";
import { chairsCommittee, isAdmin, sitsOnCommittee, staffRefusal, type Actor, type Refusal } from "../accounts/permissions";
import { ballotState, type BallotFacts } from "./rules";

export interface VoteFacts {
  ideaStatus: IdeaStatus;
  committeeId: number | null;
  ballot: (BallotFacts & { quorumMet: boolean | null }) | null;
}

export type VoteRefusal =
  | Refusal
  | "notMember"
  | "notChair"
  | "notInDeliberation"
  | "voteNotOpen"
  | "voteClosed"
  | "voteOpen"
  | "alreadyExtended";

function committeeRefusal(actor: Actor | null, facts: VoteFacts, chairOnly: boolean, now: Date): VoteRefusal | null {
  const base = staffRefusal(actor, true, now);
  if (base) return base;
  const committeeId = facts.committeeId;
  if (committeeId === null || !sitsOnCommittee(actor, committeeId)) return chairOnly ? "notChair" : "notMember";
  if (chairOnly && !chairsCommittee(actor, committeeId)) return "notChair";
  if (facts.ideaStatus !== "in_deliberation") return "notInDeliberation";
  return null;
}

/** A member or the chair of the idea's committee votes while the vote is open. */
export function voteRefusal(actor: Actor | null, facts: VoteFacts, now = new Date()): VoteRefusal | null {
  const refusal = committeeRefusal(actor, facts, false, now);
  if (refusal) return refusal;
  const state = ballotState(facts.ballot, now);
  if (state === "none") return "voteNotOpen";
  if (state === "closed") return "voteClosed";
  return null;
}

/**
 * The chair opens the vote on an idea in deliberation; again after it closed without quorum
 * (the votes already cast stay, and may be changed), never after it closed with quorum.
 */
export function openVoteRefusal(actor: Actor | null, facts: VoteFacts, now = new Date()): VoteRefusal | null {
  const refusal = committeeRefusal(actor, facts, true, now);
  if (refusal) return refusal;
  const state = ballotState(facts.ballot, now);
  if (state === "open") return "voteOpen";
  if (state === "closed" && facts.ballot!.quorumMet !== false) return "voteClosed";
  return null;
}

/** The chair closes an open vote (or seals one whose closing time has passed). */
export function closeVoteRefusal(actor: Actor | null, facts: VoteFacts, now = new Date()): VoteRefusal | null {
  const refusal = committeeRefusal(actor, facts, true, now);
  if (refusal) return refusal;
  if (!facts.ballot) return "voteNotOpen";
  if (facts.ballot.closedAt !== null) return "voteClosed";
  return null;
}

/** The chair may push an open vote's closing time back, once. */
export function extendVoteRefusal(actor: Actor | null, facts: VoteFacts, now = new Date()): VoteRefusal | null {
  const refusal = committeeRefusal(actor, facts, true, now);
  if (refusal) return refusal;
  const state = ballotState(facts.ballot, now);
  if (state === "none") return "voteNotOpen";
  if (state === "closed") return "voteClosed";
  if (facts.ballot!.extendedAt !== null) return "alreadyExtended";
  return null;
}

/** Admins set a committee's quorum. */
export function quorumRefusal(actor: Actor | null, now = new Date()): Refusal | null {
  return staffRefusal(actor, isAdmin(actor), now);
}
