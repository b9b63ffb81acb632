// The idea form, shared by the page (limits) and the use cases (checks).
import { z } from "zod";
import { INTEGER_MAX, SMALLINT_MAX } from "../../utils/ids";
import { lengthBetween } from "../../utils/result";
import { multiLine, noControlChars, oneLine } from "../../utils/text";
import { BODY_MAX, BODY_MIN, TITLE_MAX, TITLE_MIN, WITHDRAW_NOTE_MAX } from "./limits";

const optionalId = (max: number) =>
  z
    .string()
    .optional()
    .transform((v) => (v ? Number(v) : null))
    .pipe(z.number({ message: "errors.invalidChoice" }).int("errors.invalidChoice").positive("errors.invalidChoice").max(max, "errors.invalidChoice").nullable());

export const IdeaSchema = z.object({
  title: z
    .string({ message: "errors.required" })
    .transform(oneLine)
    .pipe(
      z
        .string()
        .min(1, "errors.required")
        .refine(...lengthBetween(TITLE_MIN, TITLE_MAX, "ideas.errors.titleLength"))
        .refine(noControlChars, "ideas.errors.controlChars"),
    ),
  body: z
    .string({ message: "errors.required" })
    .transform(multiLine)
    .pipe(
      z
        .string()
        .min(1, "errors.required")
        .refine(...lengthBetween(BODY_MIN, BODY_MAX, "ideas.errors.bodyLength"))
        .refine(noControlChars, "ideas.errors.controlChars"),
    ),
  categoryId: z.coerce.number({ message: "errors.required" }).int().positive("errors.required").max(INTEGER_MAX, "errors.invalidChoice"),
  regionId: optionalId(SMALLINT_MAX),
  campaignId: optionalId(INTEGER_MAX),
});
export type IdeaInput = z.output<typeof IdeaSchema>;

export const EditIdeaSchema = IdeaSchema.pick({ title: true, body: true });

/** The author's optional word when withdrawing an idea (shown on its timeline). */
export const WithdrawSchema = z.object({
  note: z
    .string()
    .optional()
    .transform((s) => multiLine(s ?? ""))
    .pipe(z.string().max(WITHDRAW_NOTE_MAX, "errors.tooLong").refine(noControlChars, "errors.controlChars")),
  expectedStatus: z.string().optional(),
});

