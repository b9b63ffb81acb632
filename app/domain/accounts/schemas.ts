// One schema per form, shared by the page (field names, limits) and the use case (checks).
import { z } from "zod";
import { lengthBetween } from "../../utils/result";
import { DISPLAY_NAME_MAX, DISPLAY_NAME_MIN, PASSWORD_MAX, PASSWORD_MIN } from "./limits";
import { oneLine } from "../../utils/text";

// Letters, digits, marks, punctuation and spaces; no control or format characters.
const PRINTABLE = /^[^\p{Cc}\p{Cf}\p{Co}\p{Cn}]*$/u;

export const email = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, "errors.required")
  .max(254, "errors.tooLong")
  .pipe(z.email("errors.email"));

export const newPassword = z
  .string()
  .min(1, "errors.required")
  .refine((s) => s.length >= PASSWORD_MIN, { message: "errors.passwordTooShort", params: { min: PASSWORD_MIN } })
  .max(PASSWORD_MAX, "errors.passwordTooLong");

export const displayName = z
  .string()
  .transform(oneLine)
  .pipe(
    z
      .string()
      .min(1, { message: "errors.required", abort: true })
      .refine(...lengthBetween(DISPLAY_NAME_MIN, DISPLAY_NAME_MAX, "errors.displayNameLength"))
      .regex(PRINTABLE, "errors.displayNameChars"),
  );

/** A home region chosen from the 17 (reference data), or none: "" or absent. */
export const homeRegionId = z
  .string()
  .optional()
  .transform((v) => (v ? Number(v) : null))
  .pipe(z.number().int().min(1, "errors.invalidChoice").max(17, "errors.invalidChoice").nullable());

export const JoinSchema = z.object({ email, displayName, password: newPassword, homeRegionId });
export type JoinInput = z.input<typeof JoinSchema>;

/** A password typed to prove who one is (sign-in, deleting the account, turning off two-factor). */
export const currentPassword = z.string().min(1, "errors.required").max(PASSWORD_MAX, "errors.passwordTooLong");

export const LoginSchema = z.object({ email, password: currentPassword });

export const ResetRequestSchema = z.object({ email });
export const ResetPasswordSchema = z.object({ token: z.string().min(1).max(200), password: newPassword });
