// The committee's vote as rules: the quorum, the majority and the dissent note, when a vote is
// open, and who may vote, open, extend and close it (role by role).
import { describe, expect, it } from "vitest";
import { closeVoteRefusal, extendVoteRefusal, openVoteRefusal, quorumRefusal, voteRefusal, type VoteFacts } from "../../app/domain/committees/permissions";
import { ballotState, countVotes, majorityOf, needsDissent, quorumNeeded } from "../../app/domain/committees/rules";
import { actor } from "./actors";

const ECONOMY = 1;
const OTHER = 2;
const NOW = new Date("2026-12-03T03:00:00Z");
const HOUR = 3_600_000;

describe("quorum", () => {
  it("is a majority of the current members when no rule is set", () => {
    expect(quorumNeeded({ kind: null, value: null }, 1)).toBe(1);
    expect(quorumNeeded({ kind: null, value: null }, 2)).toBe(2);
    expect(quorumNeeded({ kind: null, value: null }, 3)).toBe(2);
    expect(quorumNeeded({ kind: null, value: null }, 4)).toBe(3);
    expect(quorumNeeded({ kind: null, value: null }, 7)).toBe(4);
  });
  it("is a fixed number of votes, but never more than the members there are", () => {
    expect(quorumNeeded({ kind: "count", value: 3 }, 9)).toBe(3);
    expect(quorumNeeded({ kind: "count", value: 5 }, 4)).toBe(4);
  });
  it("is a share of the members, rounded up", () => {
    expect(quorumNeeded({ kind: "share", value: 50 }, 5)).toBe(3);
    expect(quorumNeeded({ kind: "share", value: 60 }, 10)).toBe(6);
    expect(quorumNeeded({ kind: "share", value: 1 }, 10)).toBe(1);
    expect(quorumNeeded({ kind: "share", value: 100 }, 10)).toBe(10);
  });
  it("asks for at least one vote, even of a committee without members", () => {
    expect(quorumNeeded({ kind: null, value: null }, 0)).toBe(1);
    expect(quorumNeeded({ kind: "share", value: 50 }, 0)).toBe(1);
  });
});

describe("majority and dissent", () => {
  const counts = (f: number, a: number, ab = 0) => countVotes([...Array(f).fill({ choice: "for" }), ...Array(a).fill({ choice: "against" }), ...Array(ab).fill({ choice: "abstain" })]);
  it("counts each choice", () => {
    expect(counts(2, 1, 3)).toEqual({ for: 2, against: 1, abstain: 3 });
  });
  it("takes abstentions as no side, and a tie as no majority", () => {
    expect(majorityOf(counts(2, 1, 5))).toBe("forward");
    expect(majorityOf(counts(1, 2))).toBe("not_recommended");
    expect(majorityOf(counts(2, 2, 1))).toBeNull();
    expect(majorityOf(counts(0, 0, 3))).toBeNull();
  });
  it("asks for a dissent note only when the decision goes against the majority", () => {
    expect(needsDissent(counts(3, 1), "forward")).toBe(false);
    expect(needsDissent(counts(3, 1), "not_recommended")).toBe(true);
    expect(needsDissent(counts(1, 3), "forward")).toBe(true);
    expect(needsDissent(counts(2, 2), "forward")).toBe(false);
    expect(needsDissent(counts(2, 2), "not_recommended")).toBe(false);
  });
});

describe("a vote's state", () => {
  it("is open until the chair closes it or its closing time passes", () => {
    expect(ballotState(null, NOW)).toBe("none");
    expect(ballotState({ closesAt: new Date(NOW.getTime() + HOUR), closedAt: null, extendedAt: null }, NOW)).toBe("open");
    expect(ballotState({ closesAt: NOW, closedAt: null, extendedAt: null }, NOW)).toBe("closed");
    expect(ballotState({ closesAt: new Date(NOW.getTime() + HOUR), closedAt: new Date(NOW.getTime() - HOUR), extendedAt: null }, NOW)).toBe("closed");
  });
});

describe("who may vote, open, extend and close", () => {
  const chair = actor([{ role: "committee_chair", committeeId: ECONOMY, agencyId: null }]);
  const member = actor([{ role: "committee_member", committeeId: ECONOMY, agencyId: null }]);
  const otherMember = actor([{ role: "committee_member", committeeId: OTHER, agencyId: null }]);
  const otherChair = actor([{ role: "committee_chair", committeeId: OTHER, agencyId: null }]);
  const admin = actor([{ role: "admin", committeeId: null, agencyId: null }]);
  const moderator = actor([{ role: "moderator", committeeId: null, agencyId: null }]);
  const officer = actor([{ role: "agency_officer", committeeId: null, agencyId: 1 }]);
  const citizen = actor();
  const suspendedMember = actor([{ role: "committee_member", committeeId: ECONOMY, agencyId: null }], { suspendedUntil: new Date(NOW.getTime() + 24 * HOUR) });

  const open = { closesAt: new Date(NOW.getTime() + 24 * HOUR), closedAt: null, extendedAt: null, quorumMet: false };
  const facts = (over: Partial<VoteFacts> = {}): VoteFacts => ({ ideaStatus: "in_deliberation", committeeId: ECONOMY, ballot: open, ...over });

  it("votes: the idea's committee members and chair, while the vote is open", () => {
    const table = { visitor: null, citizen, member, chair, otherMember, otherChair, admin, moderator, officer, suspendedMember };
    const answers = Object.fromEntries(Object.entries(table).map(([k, a]) => [k, voteRefusal(a, facts(), NOW)]));
    expect(answers).toEqual({
      visitor: "signin",
      citizen: "notMember",
      member: null,
      chair: null,
      otherMember: "notMember",
      otherChair: "notMember",
      admin: "notMember",
      moderator: "notMember",
      officer: "notMember",
      suspendedMember: "suspended",
    });
  });
  it("refuses a vote on an idea not in deliberation, before the vote opens and after it closes", () => {
    expect(voteRefusal(member, facts({ ideaStatus: "fast_tracked" }), NOW)).toBe("notInDeliberation");
    expect(voteRefusal(member, facts({ ideaStatus: "under_review" }), NOW)).toBe("notInDeliberation");
    expect(voteRefusal(member, facts({ ballot: null }), NOW)).toBe("voteNotOpen");
    expect(voteRefusal(member, facts({ ballot: { ...open, closedAt: NOW } }), NOW)).toBe("voteClosed");
    expect(voteRefusal(member, facts({ ballot: { ...open, closesAt: new Date(NOW.getTime() - 1) } }), NOW)).toBe("voteClosed");
  });
  it("opens, extends and closes: the chair only", () => {
    for (const a of [member, otherChair, admin, citizen]) {
      expect(openVoteRefusal(a, facts({ ballot: null }), NOW)).toBe("notChair");
      expect(extendVoteRefusal(a, facts(), NOW)).toBe("notChair");
      expect(closeVoteRefusal(a, facts(), NOW)).toBe("notChair");
    }
    expect(openVoteRefusal(chair, facts({ ballot: null }), NOW)).toBeNull();
    expect(extendVoteRefusal(chair, facts(), NOW)).toBeNull();
    expect(closeVoteRefusal(chair, facts(), NOW)).toBeNull();
  });
  it("extends once, opens again only after a vote that closed without quorum", () => {
    expect(extendVoteRefusal(chair, facts({ ballot: { ...open, extendedAt: NOW } }), NOW)).toBe("alreadyExtended");
    expect(openVoteRefusal(chair, facts(), NOW)).toBe("voteOpen");
    expect(openVoteRefusal(chair, facts({ ballot: { ...open, closedAt: NOW, quorumMet: false } }), NOW)).toBeNull();
    expect(openVoteRefusal(chair, facts({ ballot: { ...open, closedAt: NOW, quorumMet: true } }), NOW)).toBe("voteClosed");
    expect(closeVoteRefusal(chair, facts({ ballot: { ...open, closedAt: NOW } }), NOW)).toBe("voteClosed");
    expect(closeVoteRefusal(chair, facts({ ballot: null }), NOW)).toBe("voteNotOpen");
  });
  it("sets the quorum: admins", () => {
    expect(quorumRefusal(admin, NOW)).toBeNull();
    expect(quorumRefusal(chair, NOW)).toBe("forbidden");
    expect(quorumRefusal(null, NOW)).toBe("signin");
  });
});
