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
