// The admin form for a call for ideas, shared by the page (field names, time conversion) and the
// use cases (checks). Times are typed in Korea time whatever the browser's zone: Korea has one
// zone (Asia/Seoul, UTC+9) and no daylight saving, so a fixed offset is exact.
import { z } from "zod";
import { INTEGER_MAX, SMALLINT_MAX } from "../../utils/ids";
import { noControlChars, oneLine } from "../../utils/text";

export const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
export const SLUG_MIN = 3;
export const SLUG_MAX = 60;
export const TITLE_MAX = 200;
export const DESCRIPTION_MAX = 5000;
export const THRESHOLD_MAX = 10_000_000;
export const WINDOW_DAYS_MAX = 365;
export const DEFAULT_WINDOW_DAYS = 30;

const KOREA_OFFSET_MS = 9 * 3_600_000;
// No control characters except tab and line breaks, no bidirectional overrides.
const LOCAL_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?$/;

/** A `datetime-local` value read as Korea time; null when it is not a real date and time. */
export function parseKoreaTime(value: string): Date | null {
  const m = LOCAL_TIME.exec(value.trim());
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map((part) => Number(part ?? 0));
  if (year < 1970 || hour > 23 || minute > 59 || second > 59) return null;
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(wall);
  // Date.UTC rolls 30 February over into March: refuse what it had to roll.
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  return new Date(wall - KOREA_OFFSET_MS);
}

/** The `datetime-local` value (Korea time, to the minute) that shows an instant in the form. */
export function toKoreaTimeInput(instant: Date | string): string {
  return new Date(new Date(instant).getTime() + KOREA_OFFSET_MS).toISOString().slice(0, 16);
}

// One message for a wrong slug, whichever rule it breaks.
const slug = z.string({ message: "errors.required" }).transform((s, ctx) => {
  const value = s.trim();
  if (!value) ctx.addIssue({ code: "custom", message: "errors.required" });
  else if (value.length < SLUG_MIN || value.length > SLUG_MAX || !SLUG.test(value))
    ctx.addIssue({ code: "custom", message: "adminCampaigns.errors.slug" });
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
  .transform((s) => s.normalize("NFC").replace(/\r\n?/g, "\n").trim())
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
      ctx.addIssue({ code: "custom", message });
      return z.NEVER;
    }
    return n;
  });
}

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

export const CAMPAIGN_FIELDS = [
  "slug",
  "titleKo",
  "titleEn",
  "descriptionKo",
  "descriptionEn",
  "categoryId",
  "regionId",
  "committeeId",
  "opensAt",
  "closesAt",
  "supportThreshold",
  "supportWindowDays",
] as const;

/** The form's fields for a saved campaign, as the inputs show them. */
export function campaignFormValues(c: {
  slug: string;
  title_ko: string;
  title_en: string;
  description_ko: string;
  description_en: string;
  category_id: number | null;
  region_id: number | null;
  committee_id: number | null;
  opens_at: Date | string;
  closes_at: Date | string;
  support_threshold: number;
  support_window_days: number;
}): Record<(typeof CAMPAIGN_FIELDS)[number], string> {
  return {
    slug: c.slug,
    titleKo: c.title_ko,
    titleEn: c.title_en,
    descriptionKo: c.description_ko,
    descriptionEn: c.description_en,
    categoryId: c.category_id === null ? "" : String(c.category_id),
    regionId: c.region_id === null ? "" : String(c.region_id),
    committeeId: c.committee_id === null ? "" : String(c.committee_id),
    opensAt: toKoreaTimeInput(c.opens_at),
    closesAt: toKoreaTimeInput(c.closes_at),
    supportThreshold: String(c.support_threshold),
    supportWindowDays: String(c.support_window_days),
  };
}
