// The deliberation digest (decision 034), pure: who writes it (the chair of the idea's committee,
// or the member the chair named), when (while the idea is in deliberation, until the
// recommendation freezes it), and the form: up to three arguments each way, each
// drawing on posts by number, the open questions one per line, the evidence asked of the agency.
// The form's schema is in ./digest-schemas (zod stays out of the browser: decision 025).
import type { DigestArgument, IdeaStatus } from "../../../db/schema";
import { chairsCommittee, sitsOnCommittee, staffRefusal, type Actor, type Refusal } from "../accounts/permissions";

export const DIGEST_LIMITS = { arguments: 3, argument: 1000, posts: 10, questions: 10, question: 500, evidence: 5000 } as const;

export type DigestRefusal = Refusal | "notChair" | "notWriter" | "notInDeliberation" | "digestFrozen";

export interface DigestFacts {
  committeeId: number | null;
  ideaStatus: IdeaStatus;
  writerId: number | null;
  frozen: boolean;
}

function digestState(actor: Actor | null, f: DigestFacts, now: Date): DigestRefusal | null {
  const base = staffRefusal(actor, true, now);
  if (base) return base;
  if (f.committeeId === null || !sitsOnCommittee(actor, f.committeeId)) return "notChair";
  if (f.frozen) return "digestFrozen";
  if (f.ideaStatus !== "in_deliberation") return "notInDeliberation";
  return null;
}

/** The chair, or the member the chair named, writes the digest. */
export function writeDigestRefusal(actor: Actor | null, f: DigestFacts, now = new Date()): DigestRefusal | null {
  const refusal = digestState(actor, f, now);
  if (refusal) return refusal;
  return chairsCommittee(actor, f.committeeId!) || (actor !== null && actor.id === f.writerId) ? null : "notWriter";
}

/** The chair names the member who writes the digest. */
export function nameWriterRefusal(actor: Actor | null, f: DigestFacts, now = new Date()): DigestRefusal | null {
  const refusal = digestState(actor, f, now);
  if (refusal) return refusal;
  return chairsCommittee(actor, f.committeeId!) ? null : "notChair";
}

export const DIGEST_SIDES = ["for", "against"] as const;
export const DIGEST_SLOTS = [1, 2, 3] as const;
/** The form's field names: for1, for1Posts, ..., against3Posts. */
export const ARGUMENT_FIELDS = DIGEST_SIDES.flatMap((side) => DIGEST_SLOTS.flatMap((n) => [`${side}${n}`, `${side}${n}Posts`]));

export interface DigestInput {
  for: DigestArgument[];
  against: DigestArgument[];
  questions: string[];
  evidence: string;
}

/** The form's values for a saved digest (to edit it again). */
export function digestFormValues(d: DigestInput): Record<string, string> {
  const values: Record<string, string> = { questions: d.questions.join("\n"), evidence: d.evidence };
  for (const side of DIGEST_SIDES) d[side].forEach((a, i) => {
    values[`${side}${i + 1}`] = a.text;
    values[`${side}${i + 1}Posts`] = a.posts.join(", ");
  });
  return values;
}
