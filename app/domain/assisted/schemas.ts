// The forms of assisted entry and paper supports: the use cases' schemas. The limits the pages
// show are in ./limits (zod stays out of the browser: decision 025).
import { z } from "zod";
import { INTEGER_MAX } from "../../utils/ids";
import { lengthBetween } from "../../utils/result";
import { noControlChars, oneLine, trimmed } from "../../utils/text";
import { multiLineText } from "../../utils/text-schema";
import { IdeaSchema } from "../ideas/schemas";
import { CLAIM_CODE_MAX, CONSENT_REF_MAX, PHONE_DIGITS, REASON_MAX, REASON_MIN, SIGNATURES_MAX } from "./limits";


const line = (max: number) =>
  z
    .string({ message: "errors.required" })
    .transform(oneLine)
    .pipe(z.string().min(1, "errors.required").max(max, "errors.tooLong").refine(noControlChars, "errors.controlChars"));

const optionalEventId = z
  .string()
  .optional()
  .transform((v) => (v ? Number(v) : null))
  .pipe(z.number({ message: "errors.invalidChoice" }).int("errors.invalidChoice").positive("errors.invalidChoice").max(INTEGER_MAX, "errors.invalidChoice").nullable());

// A blank count is 0, as a number input left empty; every other wrong entry has the one message that states the range.
const count = z.unknown().transform((v, ctx) => {
  const n = typeof v === "string" || typeof v === "number" ? Number(String(v).trim()) : Number.NaN;
  if (Number.isInteger(n) && n >= 0 && n <= SIGNATURES_MAX) return n;
  ctx.addIssue({ code: "custom", message: "assisted.errors.count", params: { max: SIGNATURES_MAX } });
  return z.NEVER;
});

const reason = multiLineText(REASON_MIN, REASON_MAX, "assisted.errors.reasonLength");

/** An event is named only for what came in at an event (decision 040): not a call, not a letter. */
const eventNeedsEventChannel: [(v: { channel: string; eventId: number | null }) => boolean, { path: string[]; message: string }] = [
  (v) => v.eventId === null || v.channel === "event",
  { path: ["eventId"], message: "events.bornHere.errors.channel" },
];

/** An idea filed for a person: the idea's own fields, how it came in, and the consent form. */
export const AssistedIdeaSchema = IdeaSchema.extend({
  channel: z.enum(["event", "paper", "phone"], { message: "errors.invalidChoice" }),
  consentRef: line(CONSENT_REF_MAX),
  eventId: optionalEventId,
}).refine(...eventNeedsEventChannel);

/** A claim code as typed: letters and digits, any case, dashes and spaces ignored. */
export const ClaimSchema = z.object({
  code: z
    .string({ message: "errors.required" })
    .transform((s) => s.toUpperCase().replace(/[\s-]/g, ""))
    .pipe(z.string().min(1, "errors.required").max(CLAIM_CODE_MAX, "assisted.errors.claimInvalid")),
});

export const PaperBatchSchema = z
  .object({
    channel: z.enum(["event", "paper"], { message: "errors.invalidChoice" }),
    eventId: optionalEventId,
    signaturesClaimed: count,
    signaturesVerified: count,
    scanSha256: z
      .string({ message: "errors.required" })
      .transform((s) => s.trim().toLowerCase())
      .pipe(z.string().min(1, "assisted.errors.scanRequired").regex(/^[0-9a-f]{64}$/, "assisted.errors.scanHash")),
    /** Set by the page when the scan was uploaded and kept in PAPER_SCANS_DIR; never typed. */
    scanFile: z.string().regex(/^[0-9a-f]{64}\.[a-z0-9]{1,5}$/).nullable().optional(),
    decision: z.enum(["accepted", "rejected"], { message: "errors.invalidChoice" }),
    note: z
      .string()
      .optional()
      .transform((s) => trimmed(s ?? ""))
      .pipe(z.string().max(REASON_MAX, "errors.tooLong").refine(noControlChars, "errors.controlChars")),
  })
  .refine((b) => b.signaturesVerified <= b.signaturesClaimed, { path: ["signaturesVerified"], message: "assisted.errors.verifiedAboveClaimed" })
  .refine(...eventNeedsEventChannel);

/** A correction is a new version of the batch, with the reason the old one was wrong. */
export const CorrectBatchSchema = PaperBatchSchema.and(z.object({ reason }));

export const VoidSchema = z.object({ reason });

/** Who a person is at the desk: kept only as a keyed digest (decision 063), never as typed. */
const PersonSchema = z.object({
  name: line(100),
  birthDate: z
    .string({ message: "errors.required" })
    .trim()
    .pipe(z.string().min(1, "errors.required").regex(/^\d{4}-\d{2}-\d{2}$/, "assisted.errors.birthDate")),
  phone: z
    .string({ message: "errors.required" })
    .transform((s) => s.replace(/\D/g, ""))
    .pipe(z.string().min(1, { message: "errors.required", abort: true }).refine(...lengthBetween(PHONE_DIGITS.min, PHONE_DIGITS.max, "assisted.errors.phone"))),
});

/** A support given in person: who, how, and the consent form. */
export const InPersonSchema = PersonSchema.extend({
  channel: z.enum(["event", "paper", "phone"], { message: "errors.invalidChoice" }),
  eventId: optionalEventId,
  consentRef: line(CONSENT_REF_MAX),
}).refine(...eventNeedsEventChannel);

/**
 * The identity desk's form with the person's name, birth date and phone, to link the supports
 * they gave in person (decision 058): all three or none (null: nothing to link). The verification's
 * own fields go on to its use case as typed.
 */
export const VerifyAndLinkSchema = z
  .object({ name: z.string().optional(), birthDate: z.string().optional(), phone: z.string().optional() })
  .catchall(z.string())
  .transform(({ name, birthDate, phone, ...verification }, ctx) => {
    if (!name?.trim() && !birthDate?.trim() && !phone?.trim()) return { verification, person: null };
    const parsed = PersonSchema.safeParse({ name, birthDate, phone });
    if (parsed.success) return { verification, person: parsed.data };
    for (const issue of parsed.error.issues) ctx.addIssue({ code: "custom", message: issue.message, path: issue.path });
    return z.NEVER;
  });
