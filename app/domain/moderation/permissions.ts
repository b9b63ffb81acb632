// Who may do what in moderation, as pure functions of the actor (and the item): the pages use
// them to show a control, the use cases to refuse. Tested in tests/unit/moderation.test.ts.
import { isAdmin, isModerator, participationRefusal, staffRefusal, type Actor, type Refusal } from "../accounts/permissions";

/** Moderators (and admins) work the queue, hide and restore, approve, reject, merge, suspend. */
export function moderationRefusal(actor: Actor | null, now = new Date()): Refusal | null {
  return staffRefusal(actor, isModerator(actor), now);
}
export const canModerate = (actor: Actor | null, now = new Date()) => moderationRefusal(actor, now) === null;

/** Only admins lift a suspension and keep the block list. */
export function adminRefusal(actor: Actor | null, now = new Date()): Refusal | null {
  return staffRefusal(actor, isAdmin(actor), now);
}
export const canLiftSuspension = (actor: Actor | null, now = new Date()) => adminRefusal(actor, now) === null;
export const canManageBlocklist = (actor: Actor | null, now = new Date()) => adminRefusal(actor, now) === null;

export type FlagRefusal = Refusal | "own" | "already";

/** Any verified citizen who may take part flags someone else's item, once. */
export function flagRefusal(
  actor: Actor | null,
  item: { authorId: number; alreadyFlagged?: boolean },
  now = new Date(),
): FlagRefusal | null {
  const refusal = participationRefusal(actor, now);
  if (refusal || !actor) return refusal ?? "signin";
  if (actor.id === item.authorId) return "own";
  if (item.alreadyFlagged) return "already";
  return null;
}

/**
 * Suspending: a moderator suspends citizens; only an admin suspends a staff member; nobody
 * suspends themselves.
 */
export function suspendRefusal(actor: Actor | null, target: { id: number; staff: boolean }, now = new Date()): Refusal | null {
  const refusal = moderationRefusal(actor, now);
  if (refusal || !actor) return refusal ?? "signin";
  if (actor.id === target.id) return "forbidden";
  if (target.staff && !isAdmin(actor)) return "forbidden";
  return null;
}

/**
 * The one redaction rule for an idea's title, wherever it is shown (its threads, its committee's
 * page, the flag page; issue 21 item 4): an idea hidden by flags or by a moderator keeps its title
 * for its author and moderators; everyone else gets null, and the page says it is hidden.
 */
export function ideaTitleFor(actor: Actor | null, idea: { title: string; authorId: number; hiddenAt: Date | string | null }): string | null {
  return idea.hiddenAt !== null && !seesHiddenContent(actor, idea.authorId) ? null : idea.title;
}

/** Whether this reader sees a hidden item's content: its author and moderators do. */
export function seesHiddenContent(actor: Actor | null, authorId: number): boolean {
  return Boolean(actor && (actor.id === authorId || isModerator(actor)));
}
