// One schema per form, shared by the page (field names, limits) and the use case (checks).
import { z } from "zod";

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
  .min(12, "errors.passwordTooShort")
  .max(200, "errors.passwordTooLong");

export const displayName = z
  .string()
  .transform((s) => s.normalize("NFC").trim().replace(/\s+/g, " "))
  .pipe(
    z
      .string()
      .min(1, "errors.required")
      .min(2, "errors.displayNameLength")
      .max(40, "errors.displayNameLength")
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

export const LoginSchema = z.object({
  email,
  password: z.string().min(1, "errors.required").max(200, "errors.passwordTooLong"),
});

export const ResetRequestSchema = z.object({ email });
export const ResetPasswordSchema = z.object({ token: z.string().min(1).max(200), password: newPassword });
