// The text fields of the forms, written once: a required multi-line text whose length has one
// message stating both limits (the catalogs write {{min, number}} and {{max, number}}, decision 021).
// Pure and zod-only, for the schema modules; the pages import the limits from zod-free modules.
import { z } from "zod";
import { lengthBetween } from "./result";
import { multiLine, noControlChars } from "./text";

/** Required text of `min` to `max` characters after `multiLine`; empty says "required" only. */
export function multiLineText(min: number, max: number, key: string) {
  return z
    .string({ message: "errors.required" })
    .transform(multiLine)
    .pipe(
      z
        .string()
        .min(1, { message: "errors.required", abort: true })
        .refine(...lengthBetween(min, max, key))
        .refine(noControlChars, "errors.controlChars"),
    );
}
