// The moderation forms, shared by the pages (choices, limits) and the use cases (checks).
// Browser-safe: no server imports.
import { z } from "zod";
import type { FlagReason } from "../../../db/schema";
import { lengthBetween } from "../../utils/result";
import { multiLine, noControlChars } from "../../utils/text";
import { ACCOUNTS_MAX, CLEAR_REASONS, DECISIONS, DETAILS_MAX, FLAG_REASONS, HIDE_REASONS, INVALIDATION_REASON_MIN, NOTE_MAX, OTHER_DETAILS_MIN, DECISION_REASON_MIN, SUSPENSION_DAYS, TERM } from "./limits";
import { parseKoreaTime } from "../../utils/korea-time";
import { parseId } from "../../utils/ids";
import { normalizeTerm } from "./blocklist";
export type { ClearReason, Decision } from "./limits";

const text = (max: number, key: string) =>
  z
    .string()
    .optional()
    .transform((s) => multiLine(s ?? ""))
    .pipe(
      z
        .string()
        .max(max, key)
        .refine(noControlChars, "moderation.errors.controlChars"),
    );

const id = z.coerce.number({ message: "errors.invalidChoice" }).int("errors.invalidChoice").positive("errors.invalidChoice");

export const TARGET_TYPES = ["idea", "post"] as const;
export type TargetType = (typeof TARGET_TYPES)[number];

export const FlagSchema = z
  .object({
    targetType: z.enum(TARGET_TYPES, { message: "errors.invalidChoice" }),
    targetId: id,
    reason: z.enum(FLAG_REASONS, { message: "moderation.errors.flagReason" }),
    details: text(DETAILS_MAX, "moderation.errors.detailsLength"),
  })
  .superRefine((f, ctx) => {
    if (f.reason === "other" && f.details.length < OTHER_DETAILS_MIN) {
      ctx.addIssue({ code: "custom", path: ["details"], message: "moderation.errors.otherDetails", params: { min: OTHER_DETAILS_MIN } });
    }
  });

export const DecisionSchema = z
  .object({
    targetType: z.enum(TARGET_TYPES, { message: "errors.invalidChoice" }),
    targetId: id,
    decision: z.enum(DECISIONS, { message: "errors.invalidChoice" }),
    reason: z.string({ message: "moderation.errors.reasonRequired" }).min(1, "moderation.errors.reasonRequired"),
    note: text(NOTE_MAX, "moderation.errors.noteLength"),
  })
  .superRefine((d, ctx) => {
    const presets: readonly string[] = d.decision === "hide" ? HIDE_REASONS : CLEAR_REASONS;
    if (!presets.includes(d.reason)) ctx.addIssue({ code: "custom", path: ["reason"], message: "moderation.errors.reasonRequired" });
    if (d.reason === "other" && d.note.length < OTHER_DETAILS_MIN) {
      ctx.addIssue({ code: "custom", path: ["note"], message: "moderation.errors.otherDetails", params: { min: OTHER_DETAILS_MIN } });
    }
  });

const reasonText = (min: number) =>
  text(NOTE_MAX, "moderation.errors.noteLength").pipe(
    z.string().min(1, { message: "moderation.errors.reasonRequired", abort: true }).min(min, "moderation.errors.reasonLength"),
  );

export const ApproveSchema = z.object({ note: text(NOTE_MAX, "moderation.errors.noteLength"), expectedStatus: z.string().optional() });
export const RejectSchema = z.object({ reason: reasonText(DECISION_REASON_MIN), expectedStatus: z.string().optional() });
export const MergeSchema = z.object({
  targetId: z
    .string({ message: "moderation.errors.mergeTarget" })
    .transform((s) => s.trim().replace(/^#/, "").replace(/^.*\/ideas\/(\d+).*$/, "$1"))
    .transform((s) => parseId(s) ?? Number.NaN)
    .pipe(z.number({ message: "moderation.errors.mergeTarget" }).int("moderation.errors.mergeTarget").positive("moderation.errors.mergeTarget")),
  reason: reasonText(DECISION_REASON_MIN),
  expectedStatus: z.string().optional(),
});

export const SuspendSchema = z.object({
  days: z.enum(SUSPENSION_DAYS, { message: "moderation.errors.suspensionLength" }),
  reason: reasonText(DECISION_REASON_MIN),
});
export const LiftSchema = z.object({ reason: reasonText(DECISION_REASON_MIN) });

/** Accounts by number or e-mail address, one per line (or separated by commas or spaces). */
export function parseAccountList(value: string): { ids: number[]; emails: string[]; invalid: string[] } {
  const ids: number[] = [];
  const emails: string[] = [];
  const invalid: string[] = [];
  for (const token of value.split(/[\s,;]+/).filter(Boolean)) {
    const bare = token.replace(/^#/, "");
    const id = parseId(bare);
    if (id !== null) ids.push(id);
    else if (/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(token)) emails.push(token.toLowerCase());
    else invalid.push(token);
  }
  return { ids: [...new Set(ids)], emails: [...new Set(emails)], invalid };
}

/** A `datetime-local` value (Korea time), or any date-time JavaScript reads (with its offset). */
function typedInstant(s: string): Date | null {
  if (s.length === 16) return parseKoreaTime(s);
  const d = new Date(s);
  return Number.isNaN(d.getTime()) ? null : d;
}

const optionalDate = z
  .string()
  .optional()
  .transform((s) => (s ? s.trim() : ""))
  .pipe(
    z
      .string()
      .refine((s) => s === "" || typedInstant(s) !== null, "moderation.errors.date")
      .transform((s) => (s === "" ? null : (typedInstant(s) as Date))),
  );

/**
 * Which supports of an idea to invalidate: the idea, then at least one of an account list, a
 * network (IP prefix) and a time range (`datetime-local` values are Korea time).
 */
export const InvalidationSchema = z
  .object({
    ideaId: id,
    accounts: text(20_000, "moderation.errors.accounts"),
    ipPrefix: text(64, "moderation.errors.ipPrefix").refine(
      (s) => s === "" || /^[0-9a-f.:]+\/\d{1,3}$/i.test(s),
      "moderation.errors.ipPrefix",
    ),
    from: optionalDate,
    to: optionalDate,
    reason: reasonText(INVALIDATION_REASON_MIN),
  })
  .superRefine((v, ctx) => {
    if (!v.accounts && !v.ipPrefix && !v.from && !v.to) {
      ctx.addIssue({ code: "custom", path: ["accounts"], message: "moderation.errors.criteria" });
    }
    if (v.from && v.to && v.from >= v.to) ctx.addIssue({ code: "custom", path: ["to"], message: "moderation.errors.range" });
    if (v.accounts) {
      const list = parseAccountList(v.accounts);
      if (list.invalid.length) ctx.addIssue({ code: "custom", path: ["accounts"], message: "moderation.errors.accounts" });
      if (list.ids.length + list.emails.length > ACCOUNTS_MAX) ctx.addIssue({ code: "custom", path: ["accounts"], message: "moderation.errors.accountsMax", params: { max: ACCOUNTS_MAX } });
    }
  });

export const ReverseSchema = z.object({ invalidationId: id, reason: reasonText(INVALIDATION_REASON_MIN) });
export const AlertSchema = z.object({ alertId: id, note: text(NOTE_MAX, "moderation.errors.noteLength") });
export const BlockTermSchema = z.object({
  term: z
    .string({ message: "errors.required" })
    .transform(normalizeTerm)
    .pipe(
      z
        .string()
        .refine(...lengthBetween(TERM.min, TERM.max, "moderation.errors.termLength"))
        .refine(noControlChars, "moderation.errors.controlChars"),
    ),
});
