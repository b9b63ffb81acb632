// The deliberation digest's form schema (decision 034); its limits and fields are in ./digest,
// which the page imports without zod (decision 025).
import { z } from "zod";
import type { DigestArgument } from "../../../db/schema";
import { multiLine, noControlChars } from "../../utils/text";
import { DIGEST_LIMITS, DIGEST_SIDES, DIGEST_SLOTS, type DigestInput } from "./digest";
import { parseId } from "../../utils/ids";

const line = (max: number) =>
  z
    .string()
    .optional()
    .default("")
    .transform(multiLine)
    .pipe(z.string().max(max, "errors.tooLong").refine(noControlChars, "errors.controlChars"));

/** "12, 15 #20" → [12, 15, 20]: the post numbers an argument draws on. */
const postList = z
  .string()
  .optional()
  .default("")
  .transform((s, ctx) => {
    const parts = s.split(/[\s,#]+/).filter(Boolean);
    if (parts.some((p) => parseId(p) === null)) {
      ctx.addIssue({ code: "custom", message: "digest.errors.posts" });
      return z.NEVER;
    }
    return [...new Set(parts.map(Number))];
  })
  .pipe(z.array(z.number()).max(DIGEST_LIMITS.posts, "digest.errors.tooManyPosts"));

const shape: Record<string, z.ZodTypeAny> = { questions: line(DIGEST_LIMITS.questions * (DIGEST_LIMITS.question + 1)), evidence: line(DIGEST_LIMITS.evidence) };
for (const side of DIGEST_SIDES) for (const n of DIGEST_SLOTS) {
  shape[`${side}${n}`] = line(DIGEST_LIMITS.argument);
  shape[`${side}${n}Posts`] = postList;
}

export const DigestSchema = z.object(shape).transform((v, ctx): DigestInput => {
  const side = (name: (typeof DIGEST_SIDES)[number]) => {
    const out: DigestArgument[] = [];
    for (const n of DIGEST_SLOTS) {
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

export const NameWriterSchema = z.object({ writerId: z.string().refine((s) => parseId(s) !== null, "digest.errors.writer").transform(Number) });
