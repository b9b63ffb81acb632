// The deliberation digest (decision 034), pure: who writes it (the chair of the idea's committee,
// or the member the chair named), when (while the idea is in deliberation, until the
// recommendation freezes it), and the form's schema: up to three arguments each way, each
// drawing on posts by number, the open questions one per line, the evidence asked of the agency.
import { z } from "zod";
import type { DigestArgument, IdeaStatus } from "../../../db/schema";
import { chairsCommittee, sitsOnCommittee, staffRefusal, type Actor, type Refusal } from "../accounts/permissions";
import { noControlChars } from "../../utils/text";

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

const line = (max: number) =>
  z
    .string()
    .optional()
    .default("")
    .transform((s) => s.normalize("NFC").replace(/\r\n?/g, "\n").trim())
    .pipe(z.string().max(max, "errors.tooLong").refine(noControlChars, "errors.controlChars"));

/** "12, 15 #20" → [12, 15, 20]: the post numbers an argument draws on. */
const postList = z
  .string()
  .optional()
  .default("")
  .transform((s, ctx) => {
    const parts = s.split(/[\s,#]+/).filter(Boolean);
    if (parts.some((p) => !/^\d{1,15}$/.test(p))) {
      ctx.addIssue({ code: "custom", message: "digest.errors.posts" });
      return z.NEVER;
    }
    return [...new Set(parts.map(Number))];
  })
  .pipe(z.array(z.number()).max(DIGEST_LIMITS.posts, "digest.errors.tooManyPosts"));

const sides = ["for", "against"] as const;
const slots = [1, 2, 3] as const;
/** The form's field names: for1, for1Posts, ..., against3Posts. */
export const ARGUMENT_FIELDS = sides.flatMap((side) => slots.flatMap((n) => [`${side}${n}`, `${side}${n}Posts`]));

const shape: Record<string, z.ZodTypeAny> = { questions: line(DIGEST_LIMITS.questions * (DIGEST_LIMITS.question + 1)), evidence: line(DIGEST_LIMITS.evidence) };
for (const side of sides) for (const n of slots) {
  shape[`${side}${n}`] = line(DIGEST_LIMITS.argument);
  shape[`${side}${n}Posts`] = postList;
}

export interface DigestInput {
  for: DigestArgument[];
  against: DigestArgument[];
  questions: string[];
  evidence: string;
}

export const DigestSchema = z.object(shape).transform((v, ctx): DigestInput => {
  const side = (name: (typeof sides)[number]) => {
    const out: DigestArgument[] = [];
    for (const n of slots) {
      const text = v[`${name}${n}`] as string;
      const posts = v[`${name}${n}Posts`] as number[];
      if (text === "" && posts.length === 0) continue;
      if (text === "") ctx.addIssue({ code: "custom", path: [`${name}${n}`], message: "digest.errors.argument" });
      else if (posts.length === 0) ctx.addIssue({ code: "custom", path: [`${name}${n}Posts`], message: "digest.errors.drawsOn" });
      out.push({ text, posts });
    }
    return out;
  };
  const result = { for: side("for"), against: side("against"), questions: (v.questions as string).split("\n").map((q) => q.trim()).filter(Boolean), evidence: v.evidence as string };
  if (result.questions.length > DIGEST_LIMITS.questions) ctx.addIssue({ code: "custom", path: ["questions"], message: "digest.errors.tooManyQuestions", params: { max: DIGEST_LIMITS.questions } });
  if (result.questions.some((q) => q.length > DIGEST_LIMITS.question)) ctx.addIssue({ code: "custom", path: ["questions"], message: "digest.errors.questionLong", params: { max: DIGEST_LIMITS.question } });
  if (result.for.length + result.against.length === 0) ctx.addIssue({ code: "custom", path: ["for1"], message: "digest.errors.empty" });
  return result;
});

export const NameWriterSchema = z.object({ writerId: z.string().regex(/^\d{1,15}$/, "digest.errors.writer").transform(Number) });

/** The form's values for a saved digest (to edit it again). */
export function digestFormValues(d: DigestInput): Record<string, string> {
  const values: Record<string, string> = { questions: d.questions.join("\n"), evidence: d.evidence };
  for (const side of sides) d[side].forEach((a, i) => {
    values[`${side}${i + 1}`] = a.text;
    values[`${side}${i + 1}Posts`] = a.posts.join(", ");
  });
  return values;
}
