// Who may do what in a discussion. Pure functions of the actor and the facts, shared by the
// pages (to show a form) and the use cases (to refuse). Tested in tests/unit/deliberation.test.ts.
import type { IdeaStatus, ThreadKind } from "../../../db/schema";
import {
  chairsCommittee,
  isModerator,
  participationRefusal,
  sitsOnCommittee,
  staffRefusal,
  type Actor,
  type Refusal,
} from "../accounts/permissions";
import { withinEditWindow } from "./rules";

export interface ThreadFacts {
  kind: ThreadKind;
  committeeId: number | null;
  lockedAt: Date | string | null;
  /** The idea's status (a thread of comments, or an idea's deliberation thread). */
  ideaStatus?: IdeaStatus | null;
  /** The idea a deliberation thread is about (null for a committee's general thread). */
  ideaId?: number | null;
  /** Who holds an invitation, not withdrawn, to post in this idea's deliberation (decision 054). */
  guestIds?: readonly number[];
}

export interface PostFacts {
  authorId: number;
  createdAt: Date | string;
  removedAt: Date | string | null;
}

export type DiscussionRefusal = Refusal | "locked" | "closed" | "guestClosed";

/** Ideas that take no comments: not public yet, refused, or folded into another. */
const NO_COMMENTS: readonly IdeaStatus[] = ["pending", "rejected", "merged"];

export function commentsOpen(status: IdeaStatus | null | undefined): boolean {
  return !status || !NO_COMMENTS.includes(status);
}

/**
 * A guest of an idea's deliberation (decision 054): someone who is not a member of the
 * committee, invited by its chair to post in this idea's deliberation thread, and only there.
 */
export function postsAsGuest(actor: Actor | null, thread: ThreadFacts): boolean {
  return Boolean(
    actor &&
      thread.kind === "committee" &&
      thread.ideaId != null &&
      thread.committeeId !== null &&
      !sitsOnCommittee(actor, thread.committeeId) &&
      thread.guestIds?.includes(actor.id),
  );
}

/**
 * Posting: in a committee thread only its members and chair, and the guests invited to an
 * idea's deliberation until the recommendation is recorded; on an idea any verified citizen who
 * is not suspended. Nobody posts in a locked thread.
 */
export function postRefusal(actor: Actor | null, thread: ThreadFacts, now = new Date()): DiscussionRefusal | null {
  if (postsAsGuest(actor, thread)) {
    // A guest takes part as a citizen does (verified, not suspended), while the idea is in deliberation.
    const refused = participationRefusal(actor, now);
    if (refused) return refused;
    if (thread.lockedAt) return "locked";
    return thread.ideaStatus === "in_deliberation" ? null : "guestClosed";
  }
  const refusal =
    thread.kind === "committee"
      ? staffRefusal(actor, thread.committeeId !== null && sitsOnCommittee(actor, thread.committeeId), now)
      : participationRefusal(actor, now);
  if (refusal) return refusal;
  if (thread.lockedAt) return "locked";
  if (thread.kind === "idea_comments" && !commentsOpen(thread.ideaStatus)) return "closed";
  return null;
}

/** The chair and the members of a committee open its threads. */
export function canOpenThread(actor: Actor | null, committeeId: number, now = new Date()): boolean {
  return staffRefusal(actor, sitsOnCommittee(actor, committeeId), now) === null;
}

/** Who controls a thread's lock: the chair of its committee, or a moderator for an idea's comments. */
function controlsLock(actor: Actor | null, thread: ThreadFacts, now: Date): boolean {
  const allowed =
    thread.kind === "committee" ? thread.committeeId !== null && chairsCommittee(actor, thread.committeeId) : isModerator(actor);
  return staffRefusal(actor, allowed, now) === null;
}

/** The chair locks a committee thread; a moderator locks the comments of an idea. */
export function canLockThread(actor: Actor | null, thread: ThreadFacts, now = new Date()): boolean {
  return !thread.lockedAt && controlsLock(actor, thread, now);
}

/** Whoever may lock a thread may open it again once it is locked. */
export function canUnlockThread(actor: Actor | null, thread: ThreadFacts, now = new Date()): boolean {
  return Boolean(thread.lockedAt) && controlsLock(actor, thread, now);
}

export type EditRefusal = DiscussionRefusal | "removed" | "editWindow";

/** The author edits for 15 minutes, while the thread is open and they may still take part. */
export function editRefusal(actor: Actor | null, post: PostFacts, thread: ThreadFacts, now = new Date()): EditRefusal | null {
  if (!actor) return "signin";
  if (actor.id !== post.authorId) return "forbidden";
  if (post.removedAt) return "removed";
  if (!withinEditWindow(post.createdAt, now)) return "editWindow";
  return postRefusal(actor, thread, now);
}

export function canEditPost(actor: Actor | null, post: PostFacts, thread: ThreadFacts, now = new Date()): boolean {
  return editRefusal(actor, post, thread, now) === null;
}

export type LockRefusal = Refusal | "alreadyLocked" | "notLocked";

/** Locking (or, with `unlock`, opening again): the thread must be in the other state, then who controls its lock. */
export function lockRefusal(actor: Actor | null, thread: ThreadFacts, unlock: boolean, now = new Date()): LockRefusal | null {
  if (!actor) return "signin";
  if (!unlock && thread.lockedAt) return "alreadyLocked";
  if (unlock && !thread.lockedAt) return "notLocked";
  return controlsLock(actor, thread, now) ? null : "forbidden";
}

/**
 * The author removes their own post (even when suspended: taking one's words back is always
 * allowed); a moderator removes anyone's.
 */
export function removalBy(actor: Actor | null, post: PostFacts, now = new Date()): "author" | "moderator" | null {
  if (!actor || post.removedAt) return null;
  if (actor.id === post.authorId) return "author";
  return staffRefusal(actor, isModerator(actor), now) === null ? "moderator" : null;
}
