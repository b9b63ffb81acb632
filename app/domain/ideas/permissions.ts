// Who may do what with an idea. Pure functions, shared by pages and use cases.
import type { IdeaStatus } from "../../../db/schema";
import { isModerator, participationRefusal, type Actor, type Refusal } from "../accounts/permissions";
import { transitionRefusal } from "../workflow/transitions";

export interface IdeaFacts {
  authorId: number;
  status: IdeaStatus;
  supportCount: number;
  supportEndsAt: Date | string | null;
  /** Whether the actor supports it (the author does, from the start). */
  actorSupports?: boolean;
  /** When it was hidden by reports or by a moderator; null or absent when it is not. */
  hiddenAt?: Date | string | null;
}

/** Statuses whose ideas only their author and moderators may see (held for review, rejected). */
export const PRIVATE_STATUSES: readonly IdeaStatus[] = ["pending", "rejected"];

/** The author and moderators: they see an idea whatever its status, hidden or not. */
function insider(actor: Actor | null, authorId: number): boolean {
  return Boolean(actor && (actor.id === authorId || isModerator(actor)));
}

/** Whether the idea's page exists for this reader: pending and rejected ideas only for insiders. */
export function ideaVisibleTo(actor: Actor | null, idea: Pick<IdeaFacts, "authorId" | "status">): boolean {
  return !PRIVATE_STATUSES.includes(idea.status) || insider(actor, idea.authorId);
}

/**
 * THE visibility rule of an idea's content (title, text, excerpt), the idea page's: its page
 * exists for the reader and it is not hidden (by reports or a moderator), or the reader is its
 * author or a moderator. Every use case that takes an idea id refuses an idea that fails it
 * exactly as a missing one (404), and every list of ideas for a person filters by it (its SQL
 * twin is `contentVisibleTo` in visibility.server.ts, tested against this function).
 */
export function ideaContentVisibleTo(actor: Actor | null, idea: Pick<IdeaFacts, "authorId" | "status" | "hiddenAt">): boolean {
  return (ideaVisibleTo(actor, idea) && !idea.hiddenAt) || insider(actor, idea.authorId);
}

export function openForSupport(idea: Pick<IdeaFacts, "status" | "supportEndsAt" | "hiddenAt">, now = new Date()): boolean {
  // A hidden idea takes no support until a moderator restores it.
  return idea.status === "open" && !idea.hiddenAt && idea.supportEndsAt !== null && new Date(idea.supportEndsAt) > now;
}

/**
 * Why this actor may not support (or stop supporting) the idea: a visitor is asked to sign in
 * (as for any idea, missing or not); an idea they may not see is "notFound" (as a missing one),
 * before anything about their account; a hidden idea is
 * "hidden"; one outside its support window "closed".
 */
export function supportRefusal(actor: Actor | null, idea: IdeaFacts, now = new Date()): Refusal | "notFound" | "hidden" | "closed" | null {
  if (!actor) return "signin";
  if (!ideaContentVisibleTo(actor, idea)) return "notFound";
  const refusal = participationRefusal(actor, now);
  if (refusal) return refusal;
  if (idea.hiddenAt) return "hidden";
  return openForSupport(idea, now) ? null : "closed";
}

/** Following: an idea the actor may not see is refused as a missing one, before their account (visitors sign in first). */
export function followRefusal(actor: Actor | null, idea: Pick<IdeaFacts, "authorId" | "status" | "hiddenAt">, now = new Date()): Refusal | "notFound" | null {
  if (!actor) return "signin";
  if (!ideaContentVisibleTo(actor, idea)) return "notFound";
  return participationRefusal(actor, now);
}

/** The author edits while the idea is open and fewer than `maxOthers` others support it. */
export function canEditIdea(actor: Actor | null, idea: IdeaFacts, maxOthers: number, now = new Date()): boolean {
  if (!actor || participationRefusal(actor, now) || actor.id !== idea.authorId) return false;
  if (idea.status !== "open" && idea.status !== "pending") return false;
  const others = idea.supportCount - (idea.actorSupports === false ? 0 : 1);
  return others < maxOthers;
}

export function canWithdrawIdea(actor: Actor | null, idea: IdeaFacts, now = new Date()): boolean {
  if (participationRefusal(actor, now)) return false;
  const facts = { status: idea.status, authorId: idea.authorId, committeeId: null, agencyId: null, outcome: null };
  return transitionRefusal("withdraw", actor, facts, now) === null;
}
