// Who may file ideas and supports for people at a desk, by phone or on paper (decision 039):
// moderators and admins. Pure, for the pages (to show the forms) and the use cases (to refuse).
import { isModerator, staffRefusal, type Actor, type Refusal } from "../accounts/permissions";

export function deskRefusal(actor: Actor | null, now = new Date()): Refusal | null {
  return staffRefusal(actor, isModerator(actor), now);
}

export const canWorkDesk = (actor: Actor | null, now = new Date()) => deskRefusal(actor, now) === null;
