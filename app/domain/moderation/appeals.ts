// Appeals (decision 044), as pure functions: who may appeal a decision, and who may rule on an
// appeal. The pages use them to show the form; the use cases (appeals.server.ts) to refuse.
import { participationRefusal, type Actor, type Refusal } from "../accounts/permissions";
import { moderationRefusal } from "./permissions";
import { DAY_MS } from "../../utils/korea-time";

/** An appeal is sent within this many days of the decision. */
export const APPEAL_DAYS = 14;
export const APPEAL_REASON_MIN = 20;
export const APPEAL_REASON_MAX = 2000;
/** A moderator's ruling on an appeal gives its reason in at least this many characters. */
export const RULING_REASON_MIN = 10;
export const APPEAL_OUTCOMES = ["upheld", "reversed"] as const;
export type AppealOutcome = (typeof APPEAL_OUTCOMES)[number];

export type AppealRefusal = Refusal | "closed" | "already" | "notDecided";

export interface AppealFacts {
  authorId: number;
  /** When the idea was rejected or the post hidden; null when neither holds now. */
  decidedAt: Date | string | null;
  appealed: boolean;
}

/** The decision's appeal deadline. */
export function appealDeadline(decidedAt: Date | string): Date {
  return new Date(new Date(decidedAt).getTime() + APPEAL_DAYS * DAY_MS);
}

/** The author of a rejected idea or a hidden post appeals it once, within 14 days. */
export function appealRefusal(actor: Actor | null, facts: AppealFacts, now = new Date()): AppealRefusal | null {
  const refusal = participationRefusal(actor, now);
  if (refusal || !actor) return refusal ?? "signin";
  if (actor.id !== facts.authorId) return "forbidden";
  if (facts.decidedAt === null) return "notDecided";
  if (facts.appealed) return "already";
  if (now > appealDeadline(facts.decidedAt)) return "closed";
  return null;
}

export type RulingRefusal = Refusal | "ownDecision" | "decided";

/** A moderator rules on an appeal, never the one whose decision it appeals; once. */
export function rulingRefusal(actor: Actor | null, appeal: { originalDeciderId: number | null; decided: boolean }, now = new Date()): RulingRefusal | null {
  const refusal = moderationRefusal(actor, now);
  if (refusal || !actor) return refusal ?? "signin";
  if (appeal.originalDeciderId === actor.id) return "ownDecision";
  if (appeal.decided) return "decided";
  return null;
}
