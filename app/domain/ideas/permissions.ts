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
}

/** Statuses that anyone may see; pending and rejected ideas only their author and moderators. */
export function ideaVisibleTo(actor: Actor | null, idea: Pick<IdeaFacts, "authorId" | "status">): boolean {
  if (idea.status !== "pending" && idea.status !== "rejected") return true;
  return Boolean(actor && (actor.id === idea.authorId || isModerator(actor)));
}

export function openForSupport(idea: Pick<IdeaFacts, "status" | "supportEndsAt">, now = new Date()): boolean {
  return idea.status === "open" && idea.supportEndsAt !== null && new Date(idea.supportEndsAt) > now;
}

export function supportRefusal(actor: Actor | null, idea: IdeaFacts, now = new Date()): Refusal | "closed" | null {
  const refusal = participationRefusal(actor, now);
  if (refusal) return refusal;
  return openForSupport(idea, now) ? null : "closed";
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
