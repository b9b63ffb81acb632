// Who may run the site's administration (settings, pages, bodies and taxonomy, the audit log):
// pure functions of the actor, used by the pages to let someone in and by the use cases to refuse.
import { isAdmin, staffRefusal, type Actor, type Refusal } from "../accounts/permissions";

/** Administration is for a signed-in, unsuspended administrator. */
export function administrationRefusal(actor: Actor | null, now = new Date()): Refusal | null {
  return staffRefusal(actor, isAdmin(actor), now);
}

export const canAdminister = (actor: Actor | null, now = new Date()) => administrationRefusal(actor, now) === null;
