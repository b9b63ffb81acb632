// The discussion forms, shared by the pages (limits) and the use cases (checks).
import { z } from "zod";
import { lengthBetween } from "../../utils/result";
import { multiLine, noControlChars, oneLine } from "../../utils/text";
import { POST_MAX, REASON_MAX, REASON_MIN, STANCES, THREAD_TITLE_MAX, THREAD_TITLE_MIN } from "./limits";

// No control characters except tab and line breaks, no bidirectional overrides.
const optionalId = z
  .string()
  .optional()
  .transform((v) => (v ? Number(v) : null))
  .pipe(z.number({ message: "errors.invalidChoice" }).int("errors.invalidChoice").positive("errors.invalidChoice").nullable());

const body = z
  .string({ message: "errors.required" })
  .transform(multiLine)
  .pipe(
    z
      .string()
      .min(1, "errors.required")
      .max(POST_MAX, "deliberation.errors.bodyLength")
      .refine(noControlChars, "deliberation.errors.controlChars"),
  );

const stance = z.enum(STANCES, { message: "deliberation.errors.stance" });

/** A post: a top-level post when `replyTo` is empty, else a reply to that post. */
export const PostSchema = z.object({ body, stance, replyTo: optionalId });

export const EditPostSchema = z.object({ body, stance });

export const ThreadSchema = z.object({
  title: z
    .string({ message: "errors.required" })
    .transform(oneLine)
    .pipe(
      z
        .string()
        .min(1, "errors.required")
        .refine(...lengthBetween(THREAD_TITLE_MIN, THREAD_TITLE_MAX, "deliberation.errors.titleLength"))
        .refine(noControlChars, "deliberation.errors.controlChars"),
    ),
  body,
  stance,
});

const reason = (min: number) =>
  z
    .string({ message: "errors.required" })
    .transform(oneLine)
    .pipe(
      z
        .string()
        // A required reason states both limits; an optional one only says when it is too long.
        .refine(...(min > 0 ? lengthBetween(min, REASON_MAX, "deliberation.errors.reasonLength") : lengthBetween(0, REASON_MAX, "errors.tooLong")))
        .refine(noControlChars, "deliberation.errors.controlChars"),
    );

export const LockSchema = z.object({ reason: reason(REASON_MIN) });

/** A moderator may say why; an author need not. */
export const RemoveSchema = z.object({ reason: reason(0).optional() });

export const POST_FIELDS = ["body", "stance", "replyTo"] as const;
