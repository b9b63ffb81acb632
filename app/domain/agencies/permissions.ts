// What the agencies' features allow, as pure functions (pages show controls with them, use
// cases refuse with them).
import { isSuspended, supervisesAgency, type Actor } from "../accounts/permissions";
import type { WorkflowIdea } from "../workflow/transitions";

/**
 * The agency's supervising office may reassign an idea within the agency (choose its officer)
 * while the agency owes the answer: that is what an escalation asks of it.
 */
export function supervisorMayAssign(actor: Actor | null, idea: WorkflowIdea, now = new Date()): boolean {
  return Boolean(
    actor && !isSuspended(actor, now) && idea.status === "under_review" && idea.agencyId !== null && supervisesAgency(actor, idea.agencyId),
  );
}
