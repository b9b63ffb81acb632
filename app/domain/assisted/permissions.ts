// Who may file ideas and supports for people at a desk, by phone or on paper (decisions 039, 058):
// moderators and admins for anything; an event's organiser for what came in at *their* event (an
// idea filed there, a paper batch gathered there). Pure, for the pages (to show the forms) and the
// use cases (to refuse).
import { hasRole, isModerator, staffRefusal, type Actor, type Refusal } from "../accounts/permissions";
import { organisesFor, type Organiser } from "../events/permissions";
import { msg, type Message } from "../../utils/result";

/** The desk's staff: moderators and admins (consent references, in-person supports, claim codes, corrections). */
export function deskRefusal(actor: Actor | null, now = new Date()): Refusal | null {
  return staffRefusal(actor, isModerator(actor), now);
}

export const canWorkDesk = (actor: Actor | null, now = new Date()) => deskRefusal(actor, now) === null;

/** A refusal said next to the form's event field (an organiser who named no event of theirs). */
export interface EventFieldRefusal {
  message: Message;
  status: 403;
  field: "eventId";
}

/**
 * Filing an idea or recording a paper batch: the desk's staff for any event or none; an event
 * organiser only when the form names an event they organise (`event`: that event's organiser,
 * null when none or no such event). An organiser naming no event of theirs is told at the field.
 */
export function eventDeskRefusal(actor: Actor | null, event: Organiser | null, now = new Date()): Refusal | EventFieldRefusal | null {
  if (isModerator(actor)) return deskRefusal(actor, now);
  const organiser = hasRole(actor, "event_organiser");
  const refusal = staffRefusal(actor, organiser, now);
  if (refusal) return refusal;
  return event !== null && organisesFor(actor, event) ? null : { message: msg("assisted.errors.notYourEvent"), status: 403, field: "eventId" };
}

/** Whether the actor may open the desk's pages: its staff, or an event organiser (for their events). */
export const canOpenDesk = (actor: Actor | null, now = new Date()) => staffRefusal(actor, isModerator(actor) || hasRole(actor, "event_organiser"), now) === null;

/**
 * Whether the idea page links to the idea's paper and in-person supports at the desk: for its
 * staff, and for the organiser of the event the idea was born at (`event`: that event's
 * organiser, null when it was born at none), who records that event's batches there (decision 063).
 */
export function reachesPaperDesk(actor: Actor | null, event: Organiser | null, now = new Date()): boolean {
  if (canWorkDesk(actor, now)) return true;
  return event !== null && staffRefusal(actor, hasRole(actor, "event_organiser") && organisesFor(actor, event), now) === null;
}

/**
 * The events an actor may file for at the desk — all of them for its staff, their own for an
 * event's organiser — and the one a link from an event's organiser view asked for (`?event=`),
 * when it is among them (the form then starts "at an event" with it).
 */
export function deskEvents<E extends { id: number; organiser: Organiser }>(actor: Actor, choices: E[], asked: number): { events: E[]; preset: string | undefined } {
  const events = canWorkDesk(actor) ? choices : choices.filter((e) => organisesFor(actor, e.organiser));
  return { events, preset: events.some((e) => e.id === asked) ? String(asked) : undefined };
}
