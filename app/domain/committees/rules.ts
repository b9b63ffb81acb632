// The rules of a committee's vote, as pure functions: the quorum, the state of a vote at a
// moment, what the majority wanted, and whether the chair's recommendation needs a dissent note.
// Tested in tests/unit/committees.test.ts; decision 028 says why they are so.
import type { VoteChoice } from "../../../db/schema";

export const VOTE_CHOICES: readonly VoteChoice[] = ["for", "against", "abstain"];

export interface QuorumRule {
  kind: "count" | "share" | null;
  value: number | null;
}

/**
 * How many votes make the quorum for a committee of `members` current members. No rule: a
 * majority (more than half). A count: that number, but never more than the members there are
 * (a committee that shrank below its quorum can still decide when all vote). A share: that
 * percentage of the members, rounded up. At least one vote, always.
 */
export function quorumNeeded(rule: QuorumRule, members: number): number {
  const m = Math.max(0, Math.floor(members));
  if (rule.kind === "count" && rule.value !== null) return Math.max(1, Math.min(rule.value, m));
  if (rule.kind === "share" && rule.value !== null) return Math.max(1, Math.ceil((m * rule.value) / 100));
  return Math.floor(m / 2) + 1;
}

export interface Counts {
  for: number;
  against: number;
  abstain: number;
}

export function countVotes(votes: readonly { choice: VoteChoice }[]): Counts {
  const counts: Counts = { for: 0, against: 0, abstain: 0 };
  for (const v of votes) counts[v.choice] += 1;
  return counts;
}

export const castCount = (c: Counts) => c.for + c.against + c.abstain;

/** What the majority of those who took a side wanted; abstentions take none; a tie is no majority. */
export function majorityOf(c: Counts): "forward" | "not_recommended" | null {
  if (c.for > c.against) return "forward";
  if (c.against > c.for) return "not_recommended";
  return null;
}

/** A decision against the majority needs the chair's note explaining it. */
export function needsDissent(c: Counts, decision: "forward" | "not_recommended"): boolean {
  const majority = majorityOf(c);
  return majority !== null && majority !== decision;
}

export interface BallotFacts {
  closesAt: Date | string;
  closedAt: Date | string | null;
  extendedAt: Date | string | null;
}

export type BallotState = "none" | "open" | "closed";

/** A vote is open from its opening until the chair closes it or its closing time passes. */
export function ballotState(ballot: BallotFacts | null, now: Date): BallotState {
  if (!ballot) return "none";
  if (ballot.closedAt !== null) return "closed";
  return new Date(ballot.closesAt) <= now ? "closed" : "open";
}

/** The longest a vote may run, and the shortest: a vote is a step of a 14-day deliberation. */
export const VOTE_MIN_MS = 60 * 60 * 1000;
export const VOTE_MAX_DAYS = 30;
/** The largest quorum a committee may set: a number of votes, or a percent of its members. */
export const QUORUM_MAX = { count: 1000, share: 100 } as const;
export const REASON_MIN = 5;
export const REASON_MAX = 500;
export const DISSENT_MIN = 20;
export const DISSENT_MAX = 2_000;
