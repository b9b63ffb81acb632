// The pipeline of docs/DESIGN.md as one table: every move an idea can make, who may make it,
// and what it needs. Pages ask `actionsFor` which buttons to show; use cases ask
// `transitionRefusal` before acting — the same table answers both.
import type { IdeaStatus, Outcome } from "../../../db/schema";
import { chairsCommittee, isAdmin, isModerator, isSuspended, supervisesAgency, worksForAgency, type Actor } from "../accounts/permissions";
import { STATUS_TABLE, type DeadlineKind, type Step } from "./statuses";

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
  // Choosing the officer who answers (or, after an accepted answer, reports progress).
  | "assignOfficer"
  // The answer's lifecycle (app/domain/agencies/answers.server.ts, decision 031): no status change.
  | "extendCommittee"
  | "extendAgency"
  // A follow-up answer owed after the answer (further study, follow-through): a step of its own (decision 055).
  | "extendFollowUp"
  | "interimReply"
  | "reviseAnswer"
  // A rejection reversed on appeal (app/domain/moderation/appeals.server.ts, decision 044).
  | "reinstate"
  // Transfers (app/domain/agencies/transfers.server.ts, decision 035): no status change.
  | "proposeTransfer";

/** Who acts: the system (scheduler), or a person in a role relative to this idea. */
export type Who = "system" | "author" | "moderator" | "chair" | "officer" | "supervisor" | "admin";

export interface Transition {
  action: WorkflowAction;
  from: IdeaStatus[];
  /** null: the status stays (a reassignment). */
  to: IdeaStatus | null;
  who: Who[];
}

export const TRANSITIONS: Transition[] = [
  { action: "approve", from: ["pending"], to: "open", who: ["moderator"] },
  { action: "reject", from: ["pending", "open"], to: "rejected", who: ["moderator"] },
  { action: "withdraw", from: ["pending", "open"], to: "withdrawn", who: ["author"] },
  { action: "merge", from: ["pending", "open"], to: "merged", who: ["moderator"] },
  { action: "expire", from: ["open"], to: "expired", who: ["system"] },
  // An open idea edited into a screening hit (links, blocked terms...) is held again.
  { action: "hold", from: ["open"], to: "pending", who: ["system"] },
  { action: "fastTrack", from: ["open"], to: "fast_tracked", who: ["system"] },
  { action: "takeUp", from: ["fast_tracked"], to: "in_deliberation", who: ["chair"] },
  { action: "forward", from: ["in_deliberation"], to: "under_review", who: ["chair"] },
  { action: "notRecommend", from: ["in_deliberation"], to: "closed", who: ["chair"] },
  { action: "answer", from: ["under_review"], to: "answered", who: ["officer"] },
  { action: "progress", from: ["answered", "implementing"], to: "implementing", who: ["officer"] },
  { action: "complete", from: ["answered", "implementing"], to: "implemented", who: ["officer"] },
  { action: "reassignCommittee", from: ["fast_tracked", "in_deliberation"], to: null, who: ["admin"] },
  { action: "reassignAgency", from: ["under_review"], to: null, who: ["admin"] },
  // The agency's officers while the idea is theirs to answer or implement; its supervising office
  // while the answer is owed (what an escalation asks of it). Implementation: accepted outcomes only.
  { action: "assignOfficer", from: ["under_review", "answered", "implementing"], to: null, who: ["officer", "supervisor"] },
  { action: "extendCommittee", from: ["fast_tracked", "in_deliberation"], to: null, who: ["chair"] },
  { action: "extendAgency", from: ["under_review"], to: null, who: ["officer"] },
  { action: "extendFollowUp", from: ["answered", "implementing"], to: null, who: ["officer"] },
  { action: "interimReply", from: ["under_review"], to: null, who: ["officer"] },
  { action: "reviseAnswer", from: ["answered", "implementing"], to: null, who: ["officer"] },
  // Only through an appeal's ruling (never a button of its own): a rejected idea opens again.
  { action: "reinstate", from: ["rejected"], to: "open", who: ["moderator"] },
  { action: "proposeTransfer", from: ["under_review"], to: null, who: ["officer"] },
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
  if (idea.agencyId !== null && supervisesAgency(actor, idea.agencyId)) roles.push("supervisor");
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
  if (action === "assignOfficer") {
    // The supervising office acts only while the answer is owed; after an answer, officers
    // assign only for an implementation (an accepted or partly accepted outcome).
    if (idea.status !== "under_review" && !roles.includes("officer")) return "forbidden";
    if (idea.status !== "under_review" && !IMPLEMENTED_OUTCOMES.includes(idea.outcome as Outcome)) return "notApplicable";
  }
  return null;
}

/** The actions a person could take on the idea now: these are the buttons they see. */
export function actionsFor(actor: Actor | null, idea: WorkflowIdea, now = new Date()): WorkflowAction[] {
  // Not the system's moves, nor a reinstatement, which only an appeal's ruling makes.
  return TRANSITIONS.filter((t) => !t.who.includes("system") && t.action !== "reinstate")
    .map((t) => t.action)
    .filter((action) => transitionRefusal(action, actor, idea, now) === null);
}

/** The step of the pipeline an idea is in, for the step indicator (the status table's). */
export function stepOf(status: IdeaStatus): { step: Step; ended: boolean } {
  const { step, ended } = STATUS_TABLE[status];
  return { step, ended };
}

/** The deadline that applies now, if any: the one the status table says runs in this status. */
export function currentDeadline(
  idea: { status: IdeaStatus; committee_due_at: Date | string | null; agency_due_at: Date | string | null },
  now = new Date(),
): { step: DeadlineKind; dueAt: Date; overdue: boolean } | null {
  const step = STATUS_TABLE[idea.status].deadline;
  const due = step === "committee" ? idea.committee_due_at : step === "agency" ? idea.agency_due_at : null;
  if (!step || !due) return null;
  const dueAt = new Date(due);
  return { step, dueAt, overdue: dueAt <= now };
}
