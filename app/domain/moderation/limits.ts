// The moderation forms: limits and choices the pages show and the schemas check, without zod, so that
// the browser's bundle does not carry the validation library (docs/decisions/025-compression-and-page-weight.md).
import type { FlagReason } from "../../../db/schema";

export const FLAG_REASONS = ["spam", "abuse", "personal_data", "off_topic", "duplicate", "illegal", "other"] as const satisfies readonly FlagReason[];
/** Preset reasons a moderator gives for hiding: the flag reasons. */
export const HIDE_REASONS = FLAG_REASONS;
/** Preset reasons for putting content back or dismissing the reports. */
export const CLEAR_REASONS = ["no_violation", "fixed_by_author", "context", "other"] as const;
export type ClearReason = (typeof CLEAR_REASONS)[number];
export const DECISIONS = ["hide", "restore", "dismiss"] as const;
export type Decision = (typeof DECISIONS)[number];
/** Suspension lengths offered, in days; "permanent" has no end. */
export const SUSPENSION_DAYS = ["1", "3", "7", "30", "90", "permanent"] as const;

export const DETAILS_MAX = 1000;
/** A report or decision for "other" reasons says what is wrong in at least this many characters. */
export const OTHER_DETAILS_MIN = 5;
/** A moderator's reason for rejecting a held idea or lifting a suspension. */
export const DECISION_REASON_MIN = 5;
/** The reason for invalidating supports or reversing an invalidation. */
export const INVALIDATION_REASON_MIN = 10;
/** A blocked term. */
export const TERM = { min: 2, max: 100 } as const;
export const NOTE_MAX = 2000;
/** Supports an invalidation can name by account at once. */
export const ACCOUNTS_MAX = 500;
