// Who may organise events and run their registrations and minutes (issue 18, decision 037): pure
// functions of the actor, used by the pages to show a control and by the use cases to refuse.
// An `event_organiser` grant acts for one committee, one agency, or (neither) the operator;
// admins act for every organiser.
import { isAdmin, participationRefusal, staffRefusal, type Actor, type Refusal } from "../accounts/permissions";

/** Who organises an event: a committee, an agency, or the operator (both null). */
export interface Organiser {
  committee_id: number | null;
  agency_id: number | null;
}

export function organisesFor(actor: Actor | null, organiser: Organiser): boolean {
  if (isAdmin(actor)) return true;
  return Boolean(
    actor?.grants.some(
      (g) => g.role === "event_organiser" && g.committeeId === organiser.committee_id && g.agencyId === organiser.agency_id,
    ),
  );
}

/** Whether the actor may create events at all (for some organiser). */
export function canOrganiseEvents(actor: Actor | null, now = new Date()): boolean {
  return staffRefusal(actor, isAdmin(actor) || Boolean(actor?.grants.some((g) => g.role === "event_organiser")), now) === null;
}

/** Editing, cancelling, attendance and minutes: the event's organiser (or an admin), unsuspended. */
export function eventStaffRefusal(actor: Actor | null, event: Organiser, now = new Date()): Refusal | null {
  return staffRefusal(actor, organisesFor(actor, event), now);
}

/** Registering: a citizen who may take part (signed in, verified, not suspended). */
export function registrationRefusal(actor: Actor | null, now = new Date()): Refusal | null {
  return participationRefusal(actor, now);
}
