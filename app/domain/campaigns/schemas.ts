// The admin form for a call for ideas, shared by the page (field names, time conversion) and the
// use cases (checks). Times are typed in Korea time whatever the browser's zone: Korea has one
// zone (Asia/Seoul, UTC+9) and no daylight saving, so a fixed offset is exact.
import { z } from "zod";
import { INTEGER_MAX, SMALLINT_MAX } from "../../utils/ids";
import { multiLine, noControlChars, oneLine } from "../../utils/text";
import { DEFAULT_WINDOW_DAYS, DESCRIPTION_MAX, SLUG, SLUG_MAX, SLUG_MIN, THRESHOLD_MAX, TITLE_MAX, WINDOW_DAYS_MAX } from "./limits";
import { parseKoreaTime } from "../../utils/korea-time";
export { campaignFormValues } from "./limits";

// One message for a wrong slug, whichever rule it breaks.
const slug = z.string({ message: "errors.required" }).transform((s, ctx) => {
  const value = s.trim();
  if (!value) ctx.addIssue({ code: "custom", message: "errors.required" });
  else if (value.length < SLUG_MIN || value.length > SLUG_MAX || !SLUG.test(value))
    ctx.addIssue({ code: "custom", message: "adminCampaigns.errors.slug", params: { min: SLUG_MIN, max: SLUG_MAX } });
  return value;
});

const title = z
  .string({ message: "errors.required" })
  .transform(oneLine)
  .pipe(
    z
      .string()
      .min(1, "errors.required")
      .max(TITLE_MAX, "adminCampaigns.errors.text")
      .refine(noControlChars, "errors.controlChars"),
  );

// Markdown, stored as typed (line breaks kept); rendered and sanitised when shown.
const description = z
  .string()
  .default("")
  .transform(multiLine)
  .pipe(z.string().max(DESCRIPTION_MAX, "adminCampaigns.errors.description").refine(noControlChars, "errors.controlChars"));

const optionalId = (max: number) =>
  z
    .string()
    .optional()
    .transform((v) => (v ? Number(v) : null))
    .pipe(z.number({ message: "errors.invalidChoice" }).int("errors.invalidChoice").positive("errors.invalidChoice").max(max, "errors.invalidChoice").nullable());

const koreaTime = z.string({ message: "errors.required" }).transform((s, ctx) => {
  if (!s.trim()) {
    ctx.addIssue({ code: "custom", message: "errors.required" });
    return z.NEVER;
  }
  const instant = parseKoreaTime(s);
  if (!instant) {
    ctx.addIssue({ code: "custom", message: "adminCampaigns.errors.date" });
    return z.NEVER;
  }
  return instant;
});

/** Digits only (a number field may send "1e3" or "-1"); empty takes the fallback if there is one. */
function wholeNumber(max: number, message: string, fallback?: number) {
  return z.union([z.string(), z.number()]).optional().transform((v, ctx) => {
    const s = v === undefined ? "" : String(v).trim();
    if (s === "" && fallback !== undefined) return fallback;
    if (s === "") {
      ctx.addIssue({ code: "custom", message: "errors.required" });
      return z.NEVER;
    }
    const n = /^\d{1,9}$/.test(s) ? Number(s) : Number.NaN;
    if (!(n >= 1 && n <= max)) {
      ctx.addIssue({ code: "custom", message, params: { max } });
      return z.NEVER;
    }
    return n;
  });
}

/** A verification level a call asks for (1 e-mail, 2 identity, 3 in person); e-mail when not given. */
const level = z
  .string()
  .optional()
  .transform((v) => (v ? v : "1"))
  .pipe(z.enum(["1", "2", "3"], { message: "errors.invalidChoice" }))
  .transform(Number);

/** An optional minimum age: empty for none. */
/** The oldest minimum age a call for ideas may ask of its supporters. */
const MIN_AGE_MAX = 120;

const minAge = z
  .string()
  .optional()
  .transform((v, ctx) => {
    const s = (v ?? "").trim();
    if (s === "") return null;
    const n = /^\d{1,3}$/.test(s) ? Number(s) : Number.NaN;
    if (!(n >= 1 && n <= MIN_AGE_MAX)) {
      ctx.addIssue({ code: "custom", message: "verification.callForm.minAgeRange", params: { max: MIN_AGE_MAX } });
      return z.NEVER;
    }
    return n;
  });

export const CampaignSchema = z
  .object({
    slug,
    titleKo: title,
    titleEn: title,
    descriptionKo: description,
    descriptionEn: description,
    categoryId: optionalId(INTEGER_MAX),
    regionId: optionalId(SMALLINT_MAX),
    committeeId: optionalId(INTEGER_MAX),
    opensAt: koreaTime,
    closesAt: koreaTime,
    supportThreshold: wholeNumber(THRESHOLD_MAX, "adminCampaigns.errors.threshold"),
    supportWindowDays: wholeNumber(WINDOW_DAYS_MAX, "adminCampaigns.errors.windowDays", DEFAULT_WINDOW_DAYS),
    // Whether paper supports count toward the threshold (assisted entry, decision 039).
    paperSupports: z
      .string()
      .optional()
      .transform((v) => v || "not_counted")
      .pipe(z.enum(["not_counted", "counted"], { message: "errors.invalidChoice" })),
    proposeLevel: level,
    supportLevel: level,
    eligibleRegionId: optionalId(SMALLINT_MAX),
    minAge,
    verifiedThreshold: z
      .string()
      .optional()
      .transform((v) => v === "on"),
  })
  .refine((c) => c.closesAt.getTime() > c.opensAt.getTime(), {
    path: ["closesAt"],
    message: "adminCampaigns.errors.dates",
    // Also when another field is wrong, so that every error shows at once; not when a date is.
    when: (payload) => {
      const v = payload.value as { opensAt?: unknown; closesAt?: unknown };
      return v.opensAt instanceof Date && v.closesAt instanceof Date;
    },
  });
export type CampaignInput = z.output<typeof CampaignSchema>;

