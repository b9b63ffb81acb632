// What the public dashboard shows, as data: the same object feeds /stats, /api/v1/stats and its
// CSV. Browser-safe (types and constants only).
import type { Outcome } from "../../../db/schema";

/** The pipeline as the funnel counts it: ideas that ever reached each step. */
export const FUNNEL_STEPS = ["open", "fast_tracked", "deliberated", "answered", "implemented"] as const;
export type FunnelStep = (typeof FUNNEL_STEPS)[number];

/**
 * The steps whose length is measured, each by the status an idea is in and the statuses that
 * end it by moving on along the pipeline (an idea that expired or was withdrawn did not get
 * through the step, so its stay is not counted).
 */
export const DURATION_STEPS = {
  open: ["fast_tracked"],
  fast_tracked: ["in_deliberation"],
  in_deliberation: ["under_review", "closed"],
  under_review: ["answered"],
  implementing: ["implemented"],
} as const;
export type DurationStep = keyof typeof DURATION_STEPS;

export const OUTCOME_ORDER: Outcome[] = ["accepted", "partially_accepted", "further_study", "not_accepted"];

export interface WeekCount {
  /** The Monday that starts the week (Korea time), YYYY-MM-DD. */
  week: string;
  count: number;
}

export interface BodyStats {
  slug: string;
  name_ko: string;
  name_en: string;
  /** Items waiting for this body now. */
  onHand: number;
  /** Of those, past their deadline. */
  overdue: number;
  /** Recommendations recorded (committees) or answers given (agencies). */
  answered: number;
  /** Of those, by the deadline. */
  onTime: number;
  /** onTime / (answered + overdue), or null when there is nothing to divide. */
  onTimeRate: number | null;
}

export interface AgencyStats extends BodyStats {
  kind: "ministry" | "local";
  outcomes: Record<Outcome, number>;
}

export interface Dashboard {
  /** When the numbers were computed (they are cached for a few minutes). */
  computedAt: string;
  filter: { campaign: string | null; from: string | null; to: string | null };
  weeks: { first: string; last: string; clamped: boolean };
  totals: { ideas: number; supports: number; verifiedSupports: number; answered: number; implemented: number };
  ideasPerWeek: WeekCount[];
  supportsPerWeek: WeekCount[];
  funnel: { step: FunnelStep; count: number }[];
  durations: { step: DurationStep; count: number; medianDays: number | null; p90Days: number | null }[];
  committees: BodyStats[];
  agencies: AgencyStats[];
  outcomes: { outcome: Outcome; count: number }[];
  /** Supports by the supporter's home region; code null = no region given. */
  regions: { code: string | null; name_ko: string | null; name_en: string | null; supports: number }[];
}
