// What the agencies' features allow, as pure functions (pages show controls with them, use
// cases refuse with them).
import { isSuspended, sitsOnCommittee, supervisesAgency, worksForAgency, type Actor } from "../accounts/permissions";
import type { WorkflowIdea } from "../workflow/transitions";

// ——— Transfers (decision 035) ———

export interface PendingTransfer {
  toAgencyId: number;
  replyDueAt: Date;
}

export type TransferReplyRefusal = "forbidden" | "movedOn" | "lapsed";

/**
 * Why this actor may not accept or decline this transfer now, or null: only an officer of the
 * receiving agency, not suspended, while the idea still awaits the answer and before the reply
 * period ends (afterwards the proposal has lapsed and the idea stays where it was).
 */
export function transferReplyRefusal(
  actor: Actor | null,
  idea: { status: WorkflowIdea["status"] },
  transfer: PendingTransfer | null,
  now = new Date(),
): TransferReplyRefusal | null {
  if (!transfer) return actor && !isSuspended(actor, now) ? "movedOn" : "forbidden";
  if (!actor || isSuspended(actor, now) || !worksForAgency(actor, transfer.toAgencyId)) return "forbidden";
  if (idea.status !== "under_review") return "movedOn";
  if (now >= transfer.replyDueAt) return "lapsed";
  return null;
}

/** Whether a proposed receiving agency may be chosen: another agency than the one that holds it. */
export function transferTargetRefusal(currentAgencyId: number | null, targetAgencyId: number): "sameAgency" | null {
  return currentAgencyId === targetAgencyId ? "sameAgency" : null;
}

// ——— Staff notes ———

/** Staff notes on an idea are read and written by its committee's members and its agency's staff only. */
export function mayUseStaffNotes(actor: Actor | null, idea: { committeeId: number | null; agencyId: number | null }, now = new Date()): boolean {
  if (!actor || isSuspended(actor, now)) return false;
  if (idea.committeeId !== null && sitsOnCommittee(actor, idea.committeeId)) return true;
  return idea.agencyId !== null && (worksForAgency(actor, idea.agencyId) || supervisesAgency(actor, idea.agencyId));
}

// ——— Extensions (decisions 031, 055) ———

export type ExtensionStep = "committee" | "agency" | "follow_up";

/** The step an extension of an idea in this status is for: the committee's, the agency's answer, or a follow-up answer owed. */
export function extensionStepOf(status: WorkflowIdea["status"], followUpOwed: boolean): ExtensionStep | null {
  if (status === "fast_tracked" || status === "in_deliberation") return "committee";
  if (status === "under_review") return "agency";
  if ((status === "answered" || status === "implementing") && followUpOwed) return "follow_up";
  return null;
}

export interface HeldStep {
  step: ExtensionStep;
  /** The agency that holds the answer now (after an accepted transfer, the receiving one). */
  agencyId: number | null;
  /** The follow-up answer owed, for step follow_up. */
  followUpId: number | null;
}

/**
 * Whether the holder of this step has used its one extension. Once per step AND holder: the
 * committee's step once; the agency's answer once per agency that holds it (a receiving agency
 * after an accepted transfer holds a step of its own; an agency that held the idea before and
 * gets it back does not get a second one); each follow-up answer once. The database has the
 * last word (the constraint step_extensions_once).
 */
export function extensionUsed(extensions: readonly { step: string; agency_id: number | null; follow_up_id: number | null }[], held: HeldStep): boolean {
  return extensions.some((e) => {
    if (e.step !== held.step) return false;
    if (held.step === "agency") return e.agency_id === held.agencyId;
    if (held.step === "follow_up") return e.follow_up_id === held.followUpId;
    return true;
  });
}
