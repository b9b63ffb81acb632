// The call-for-ideas form: limits, field names and Korea-time conversion that the page uses and
// the schema checks, without zod, so that the browser's bundle does not carry the validation
// library (docs/decisions/025-compression-and-page-weight.md). Times are typed in Korea time
// whatever the browser's zone: Korea has one zone (Asia/Seoul, UTC+9) and no daylight saving.

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
  "paperSupports",
  // Who may take part (decision 049).
  "proposeLevel",
  "supportLevel",
  "eligibleRegionId",
  "minAge",
  "verifiedThreshold",
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
  paper_supports: "not_counted" | "counted";
  propose_level: number;
  support_level: number;
  eligible_region_id: number | null;
  min_age: number | null;
  verified_threshold: boolean;
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
    paperSupports: c.paper_supports,
    proposeLevel: String(c.propose_level),
    supportLevel: String(c.support_level),
    eligibleRegionId: c.eligible_region_id === null ? "" : String(c.eligible_region_id),
    minAge: c.min_age === null ? "" : String(c.min_age),
    verifiedThreshold: c.verified_threshold ? "on" : "",
  };
}
