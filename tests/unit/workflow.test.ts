import { describe, expect, it } from "vitest";
import type { Actor, Grant } from "../../app/domain/accounts/permissions";
import {
  actionsFor,
  currentDeadline,
  stepOf,
  TRANSITIONS,
  transitionRefusal,
  type WorkflowAction,
  type WorkflowIdea,
} from "../../app/domain/workflow/transitions";
import type { IdeaStatus } from "../../db/schema";
import { actor } from "./actors";

const STATUSES: IdeaStatus[] = [
  "pending", "open", "expired", "withdrawn", "rejected", "merged", "fast_tracked",
  "in_deliberation", "closed", "under_review", "answered", "implementing", "implemented",
];

function person(id: number, grants: Omit<Grant, "id">[] = [], extra: Partial<Actor> = {}): Actor {
  return actor(grants, { id, ...extra });
}
const none = { committeeId: null, agencyId: null };
const people = {
  author: person(1),
  citizen: person(2),
  moderator: person(3, [{ role: "moderator", ...none }]),
  chair: person(4, [{ role: "committee_chair", committeeId: 10, agencyId: null }]),
  otherChair: person(5, [{ role: "committee_chair", committeeId: 11, agencyId: null }]),
  member: person(6, [{ role: "committee_member", committeeId: 10, agencyId: null }]),
  officer: person(7, [{ role: "agency_officer", committeeId: null, agencyId: 20 }]),
  otherOfficer: person(8, [{ role: "agency_officer", committeeId: null, agencyId: 21 }]),
  supervisor: person(13, [{ role: "agency_supervisor", committeeId: null, agencyId: 20 }]),
  admin: person(9, [{ role: "admin", ...none }]),
  suspendedChair: person(12, [{ role: "committee_chair", committeeId: 10, agencyId: null }], { suspendedUntil: new Date(Date.now() + 86_400_000) }),
};

function idea(status: IdeaStatus, outcome: WorkflowIdea["outcome"] = null): WorkflowIdea {
  return { status, authorId: 1, committeeId: 10, agencyId: 20, outcome };
}

// The expected allowed moves, written out by hand: who may take which action from which status.
const ALLOWED: Record<keyof typeof people, Partial<Record<WorkflowAction, IdeaStatus[]>>> = {
  author: { withdraw: ["pending", "open"] },
  citizen: {},
  moderator: { approve: ["pending"], reject: ["pending", "open"], merge: ["pending", "open"] },
  chair: { takeUp: ["fast_tracked"], forward: ["in_deliberation"], notRecommend: ["in_deliberation"], extendCommittee: ["fast_tracked", "in_deliberation"] },
  otherChair: {},
  member: {},
  officer: {
    answer: ["under_review"],
    progress: ["answered", "implementing"],
    complete: ["answered", "implementing"],
    // The answer's lifecycle (issue 15): the agency's step extended, interim replies, revisions.
    extendAgency: ["under_review"],
    interimReply: ["under_review"],
    reviseAnswer: ["answered", "implementing"],
    // A follow-up answer owed after the answer is a step of its own (decision 055); the page offers
    // it only while one is owed.
    extendFollowUp: ["answered", "implementing"],
    // Transfers (decision 035): the agency holding the idea proposes another.
    proposeTransfer: ["under_review"],
    // Choosing who answers, and (accepted outcomes only) who reports progress.
    assignOfficer: ["under_review", "answered", "implementing"],
  },
  supervisor: {
    // The supervising office acts while the answer is owed (what an escalation asks of it).
    assignOfficer: ["under_review"],
  },
  otherOfficer: {},
  admin: {
    approve: ["pending"],
    reject: ["pending", "open"],
    merge: ["pending", "open"],
    reassignCommittee: ["fast_tracked", "in_deliberation"],
    reassignAgency: ["under_review"],
  },
  suspendedChair: {},
};

describe("the transition table, role by role and status by status", () => {
  for (const [who, actor] of Object.entries(people)) {
    it(`${who}`, () => {
      const allowed = ALLOWED[who as keyof typeof people];
      for (const status of STATUSES) {
        const expected = Object.entries(allowed)
          .filter(([, from]) => from!.includes(status))
          .map(([action]) => action)
          .sort();
        expect({ status, actions: actionsFor(actor, idea(status, "accepted")).sort() }).toEqual({ status, actions: expected });
      }
    });
  }

  it("only the system fast-tracks and expires, and only open ideas", () => {
    for (const action of ["fastTrack", "expire"] as const) {
      expect(transitionRefusal(action, "system", idea("open"))).toBeNull();
      expect(transitionRefusal(action, "system", idea("fast_tracked"))).toBe("movedOn");
      for (const actor of Object.values(people)) expect(transitionRefusal(action, actor, idea("open"))).toBe("forbidden");
    }
  });

  it("implementation is only for accepted and partially accepted ideas", () => {
    for (const outcome of ["accepted", "partially_accepted"] as const) {
      expect(transitionRefusal("progress", people.officer, idea("answered", outcome))).toBeNull();
    }
    for (const outcome of ["further_study", "not_accepted"] as const) {
      expect(transitionRefusal("progress", people.officer, idea("answered", outcome))).toBe("notApplicable");
      // An answer that leads to no implementation can still be revised.
      expect(actionsFor(people.officer, idea("answered", outcome))).toEqual(["extendFollowUp", "reviseAnswer"]);
    }
  });

  it("every transition names statuses that exist and someone who may take it", () => {
    for (const t of TRANSITIONS) {
      expect(t.from.every((s) => STATUSES.includes(s))).toBe(true);
      if (t.to) expect(STATUSES).toContain(t.to);
      expect(t.who.length).toBeGreaterThan(0);
    }
  });

  it("an unverified author cannot withdraw, and a visitor can do nothing", () => {
    expect(actionsFor(person(1, [], { emailVerified: false }), idea("open"))).toEqual([]);
    for (const status of STATUSES) expect(actionsFor(null, idea(status, "accepted"))).toEqual([]);
  });
});

describe("steps and deadlines", () => {
  it("places each status on the pipeline", () => {
    expect(stepOf("open")).toEqual({ step: "support", ended: false });
    expect(stepOf("expired")).toEqual({ step: "support", ended: true });
    expect(stepOf("in_deliberation")).toEqual({ step: "committee", ended: false });
    expect(stepOf("closed")).toEqual({ step: "committee", ended: true });
    expect(stepOf("under_review")).toEqual({ step: "agency", ended: false });
    expect(stepOf("implemented")).toEqual({ step: "implementation", ended: true });
  });
  it("gives the deadline of the step in progress and whether it passed", () => {
    const now = new Date("2026-11-24T00:00:00Z");
    const due = { committee_due_at: "2026-11-20T00:00:00Z", agency_due_at: "2026-12-20T00:00:00Z" };
    expect(currentDeadline({ status: "in_deliberation", ...due }, now)).toMatchObject({ step: "committee", overdue: true });
    expect(currentDeadline({ status: "under_review", ...due }, now)).toMatchObject({ step: "agency", overdue: false });
    expect(currentDeadline({ status: "answered", ...due }, now)).toBeNull();
  });
});
