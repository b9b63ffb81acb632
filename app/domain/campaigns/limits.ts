// The call-for-ideas form: limits, field names and Korea-time conversion that the page uses and
// the schema checks, without zod, so that the browser's bundle does not carry the validation
// library (docs/decisions/025-compression-and-page-weight.md). Times are typed in Korea time
// whatever the browser's zone (app/utils/korea-time.ts).
import { toKoreaTimeInput } from "../../utils/korea-time";

export const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
export const SLUG_MIN = 3;
export const SLUG_MAX = 60;
export const TITLE_MAX = 200;
export const DESCRIPTION_MAX = 5000;
export const THRESHOLD_MAX = 10_000_000;
export const WINDOW_DAYS_MAX = 365;
export const DEFAULT_WINDOW_DAYS = 30;

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
