// The pipeline of docs/DESIGN.md as one table: every move an idea can make, who may make it,
// and what it needs. Pages ask `actionsFor` which buttons to show; use cases ask
// `transitionRefusal` before acting — the same table answers both.
import type { IdeaStatus, Outcome } from "../../../db/schema";
import { chairsCommittee, isAdmin, isModerator, isSuspended, worksForAgency, type Actor } from "../accounts/permissions";

export type WorkflowAction =
  | "approve"
  | "reject"
  | "withdraw"
  | "merge"
  | "expire"
  | "hold"
  | "fastTrack"
  | "takeUp"
  | "forward"
  | "notRecommend"
  | "answer"
  | "progress"
  | "complete"
  | "reassignCommittee"
  | "reassignAgency"
  // The answer's lifecycle (app/domain/agencies/answers.server.ts, decision 031): no status change.
  | "extendCommittee"
  | "extendAgency"
  | "interimReply"
  | "reviseAnswer"
  // Transfers (app/domain/agencies/transfers.server.ts, decision 035): no status change.
  | "proposeTransfer";

/** Who acts: the system (scheduler), or a person in a role relative to this idea. */
export type Who = "system" | "author" | "moderator" | "chair" | "officer" | "admin";

export type Requirement = "note" | "rationale" | "agency" | "committee" | "outcome" | "answer" | "percent" | "target";

export interface Transition {
  action: WorkflowAction;
  from: IdeaStatus[];
  /** null: the status stays (a reassignment). */
  to: IdeaStatus | null;
  who: Who[];
  requires: Requirement[];
}

export const TRANSITIONS: Transition[] = [
  { action: "approve", from: ["pending"], to: "open", who: ["moderator"], requires: [] },
  { action: "reject", from: ["pending", "open"], to: "rejected", who: ["moderator"], requires: ["note"] },
  { action: "withdraw", from: ["pending", "open"], to: "withdrawn", who: ["author"], requires: [] },
  { action: "merge", from: ["pending", "open"], to: "merged", who: ["moderator"], requires: ["target", "note"] },
  { action: "expire", from: ["open"], to: "expired", who: ["system"], requires: [] },
  // An open idea edited into a screening hit (links, blocked terms...) is held again.
  { action: "hold", from: ["open"], to: "pending", who: ["system"], requires: [] },
  { action: "fastTrack", from: ["open"], to: "fast_tracked", who: ["system"], requires: ["committee"] },
  { action: "takeUp", from: ["fast_tracked"], to: "in_deliberation", who: ["chair"], requires: [] },
  { action: "forward", from: ["in_deliberation"], to: "under_review", who: ["chair"], requires: ["agency", "rationale"] },
  { action: "notRecommend", from: ["in_deliberation"], to: "closed", who: ["chair"], requires: ["rationale"] },
  { action: "answer", from: ["under_review"], to: "answered", who: ["officer"], requires: ["outcome", "answer"] },
  { action: "progress", from: ["answered", "implementing"], to: "implementing", who: ["officer"], requires: ["percent", "note"] },
  { action: "complete", from: ["answered", "implementing"], to: "implemented", who: ["officer"], requires: ["note"] },
  { action: "reassignCommittee", from: ["fast_tracked", "in_deliberation"], to: null, who: ["admin"], requires: ["committee", "note"] },
  { action: "reassignAgency", from: ["under_review"], to: null, who: ["admin"], requires: ["agency", "note"] },
  { action: "extendCommittee", from: ["fast_tracked", "in_deliberation"], to: null, who: ["chair"], requires: ["note"] },
  { action: "extendAgency", from: ["under_review"], to: null, who: ["officer"], requires: ["note"] },
  { action: "interimReply", from: ["under_review"], to: null, who: ["officer"], requires: ["note"] },
  { action: "reviseAnswer", from: ["answered", "implementing"], to: null, who: ["officer"], requires: ["answer", "note"] },
  { action: "proposeTransfer", from: ["under_review"], to: null, who: ["officer"], requires: ["agency", "note"] },
];

export const OUTCOMES: Outcome[] = ["accepted", "partially_accepted", "further_study", "not_accepted"];
/** Only these outcomes lead on to implementation. */
export const IMPLEMENTED_OUTCOMES: Outcome[] = ["accepted", "partially_accepted"];

export interface WorkflowIdea {
  status: IdeaStatus;
  authorId: number;
  committeeId: number | null;
  agencyId: number | null;
  outcome: Outcome | null;
}

export function transitionFor(action: WorkflowAction): Transition {
  const t = TRANSITIONS.find((x) => x.action === action);
  if (!t) throw new Error(`unknown workflow action ${action}`);
  return t;
}

/** The roles this actor holds with respect to this idea. */
export function rolesOn(actor: Actor | null, idea: WorkflowIdea, now = new Date()): Who[] {
  if (!actor || isSuspended(actor, now)) return [];
  const roles: Who[] = [];
  if (actor.id === idea.authorId && actor.emailVerified) roles.push("author");
  if (isModerator(actor)) roles.push("moderator");
  if (isAdmin(actor)) roles.push("admin");
  if (idea.committeeId !== null && chairsCommittee(actor, idea.committeeId)) roles.push("chair");
  if (idea.agencyId !== null && worksForAgency(actor, idea.agencyId)) roles.push("officer");
  return roles;
}

export type TransitionRefusal = "forbidden" | "movedOn" | "notApplicable";

/**
 * Why this actor may not take this action on this idea now, or null if they may.
 * `actor` "system" stands for the scheduler.
 */
export function transitionRefusal(
  action: WorkflowAction,
  actor: Actor | "system" | null,
  idea: WorkflowIdea,
  now = new Date(),
): TransitionRefusal | null {
  const t = transitionFor(action);
  const roles: Who[] = actor === "system" ? ["system"] : rolesOn(actor, idea, now);
  if (!t.who.some((w) => roles.includes(w))) return "forbidden";
  if (!t.from.includes(idea.status)) return "movedOn";
  if ((action === "progress" || action === "complete") && !IMPLEMENTED_OUTCOMES.includes(idea.outcome as Outcome)) {
    return "notApplicable";
  }
  return null;
}

/** The actions a person could take on the idea now: these are the buttons they see. */
export function actionsFor(actor: Actor | null, idea: WorkflowIdea, now = new Date()): WorkflowAction[] {
  return TRANSITIONS.filter((t) => !t.who.includes("system"))
    .map((t) => t.action)
    .filter((action) => transitionRefusal(action, actor, idea, now) === null);
}

/** The step of the pipeline an idea is in, for the step indicator. */
export const STEPS = ["support", "committee", "agency", "answer", "implementation"] as const;
export type Step = (typeof STEPS)[number];

export function stepOf(status: IdeaStatus): { step: Step; ended: boolean } {
  switch (status) {
    case "pending":
    case "open":
      return { step: "support", ended: false };
    case "expired":
    case "withdrawn":
    case "rejected":
    case "merged":
      return { step: "support", ended: true };
    case "fast_tracked":
    case "in_deliberation":
      return { step: "committee", ended: false };
    case "closed":
      return { step: "committee", ended: true };
    case "under_review":
      return { step: "agency", ended: false };
    case "answered":
      return { step: "answer", ended: false };
    case "implementing":
      return { step: "implementation", ended: false };
    case "implemented":
      return { step: "implementation", ended: true };
  }
}

/** The deadline that applies now, if any: the committee's or the agency's. */
export function currentDeadline(
  idea: { status: IdeaStatus; committee_due_at: Date | string | null; agency_due_at: Date | string | null },
  now = new Date(),
): { step: "committee" | "agency"; dueAt: Date; overdue: boolean } | null {
  if ((idea.status === "fast_tracked" || idea.status === "in_deliberation") && idea.committee_due_at) {
    const dueAt = new Date(idea.committee_due_at);
    return { step: "committee", dueAt, overdue: dueAt <= now };
  }
  if (idea.status === "under_review" && idea.agency_due_at) {
    const dueAt = new Date(idea.agency_due_at);
    return { step: "agency", dueAt, overdue: dueAt <= now };
  }
  return null;
}
