// Every site setting in one registry: its group, unit, allowed range, default and schema. The
// defaults seed a new deployment (db/seed.ts); the stored values are read through these schemas
// (a stored value that no longer fits falls back to the default rather than breaking a page);
// the admin's settings page is drawn from this table and validates with the same schema.
// Adding a setting is one entry here plus its label and help in the `settings` catalogs.
// Browser-safe: no server imports.
import { z } from "zod";

export type SettingGroup = "support" | "deadlines" | "participation" | "moderation" | "integrity" | "openData" | "privacy";
export type SettingUnit = "days" | "businessDays" | "hours" | "minutes" | "count" | "percent" | "text";

interface SettingDefinition<T> {
  group: SettingGroup;
  unit: SettingUnit;
  default: T;
  schema: z.ZodType<T>;
  /** Inclusive range of a number setting, shown beside the field and named in refusals. */
  min?: number;
  max?: number;
  /** "new": applies to steps that start after the change; "now": applies at once. */
  applies: "new" | "now";
}

function whole(group: SettingGroup, unit: SettingUnit, value: number, min: number, max: number, applies: "new" | "now" = "now"): SettingDefinition<number> {
  return {
    group,
    unit,
    default: value,
    min,
    max,
    applies,
    schema: z.coerce
      .number({ message: "settings.errors.number" })
      .int("settings.errors.whole")
      .min(min, "settings.errors.range")
      .max(max, "settings.errors.range"),
  };
}

function text(group: SettingGroup, value: string, max: number): SettingDefinition<string> {
  return {
    group,
    unit: "text",
    default: value,
    max,
    applies: "now",
    schema: z.string().trim().min(1, "errors.required").max(max, "errors.tooLong"),
  };
}

export const SETTINGS = {
  // Support
  default_support_threshold: whole("support", "count", 50, 1, 10_000_000, "new"),
  default_support_window_days: whole("support", "days", 30, 1, 365, "new"),
  // Deadlines
  // Business days in Korea (app/domain/agencies/clock.ts, decision 030): weekends and the
  // holidays table do not count; a step is due at the end of its last business day.
  committee_deadline_days: whole("deadlines", "businessDays", 10, 1, 130, "new"),
  agency_deadline_days: whole("deadlines", "businessDays", 21, 1, 260, "new"),
  /** A step overdue by this many business days is escalated (to the agency's supervising office). */
  escalation_business_days: whole("deadlines", "businessDays", 10, 1, 130),
  /** The most business days one extension of a step may add. */
  extension_max_business_days: whole("deadlines", "businessDays", 10, 1, 130, "new"),
  /** Business days a receiving agency has to accept or decline a transfer. */
  transfer_reply_business_days: whole("deadlines", "businessDays", 5, 1, 60, "new"),
  // Citizens' follow-through (app/domain/agencies/follow-through.server.ts, decision 042): when
  // at least this share of at least this many raters say an answer did not address the
  // proposal, the agency owes one follow-up answer.
  follow_through_min_raters: whole("participation", "count", 30, 1, 1_000_000),
  follow_through_no_percent: whole("participation", "percent", 50, 1, 100),
  // Participation
  ideas_per_day: whole("participation", "count", 5, 1, 100_000),
  /** An author may edit an idea while it has fewer supporters than this besides themselves. */
  edit_max_other_supporters: whole("participation", "count", 10, 0, 10_000),
  /** Comments on ideas one citizen may post in any 10 minutes. */
  comments_per_10_minutes: whole("participation", "count", 10, 1, 100_000),
  /** Days a claim code given on paper for an idea filed by staff stays valid (app/domain/assisted). */
  claim_code_days: whole("participation", "days", 90, 1, 730, "new"),
  // Moderation (app/domain/moderation): distinct flags that hide an item until a moderator
  // looks; new ideas held for review.
  flag_hide_threshold: whole("moderation", "count", 3, 1, 1_000),
  screening_min_account_minutes: whole("moderation", "minutes", 60, 0, 10_080),
  /** Flags from accounts younger than this (and not identity verified) weigh a quarter (decision 050). */
  flag_new_account_hours: whole("moderation", "hours", 72, 0, 8_760),
  /** An idea with at least this many supports is never hidden by flags alone: a moderator decides. */
  flag_protected_supports: whole("moderation", "count", 100, 1, 10_000_000),
  /** Flags on one idea from new accounts within the burst window that raise a moderator alert. */
  flag_burst_new_accounts: whole("moderation", "count", 3, 1, 10_000),
  screening_max_links: whole("moderation", "count", 3, 0, 100),
  // The burst watch on supports (alerts only, never blocks).
  burst_window_minutes: whole("integrity", "minutes", 60, 1, 1_440),
  burst_new_account_hours: whole("integrity", "hours", 24, 1, 720),
  burst_new_accounts: whole("integrity", "count", 10, 1, 100_000),
  burst_ip_prefix_supports: whole("integrity", "count", 10, 1, 100_000),
  // Retention (app/domain/privacy/retention.server.ts, docs/security.md "Personal data"): how
  // long personal fields are kept before the retention job clears them.
  /** A support's network prefix: the burst watch and invalidations by network need it for a while. */
  retention_support_network_days: whole("privacy", "days", 90, 1, 3_650),
  /** The text of e-mails sent (or given up on): the outbox keeps who, what and when, not the body. */
  retention_email_body_days: whole("privacy", "days", 30, 1, 3_650),
  /** The network named by a resolved burst alert (the integrity log). */
  retention_alert_network_days: whole("privacy", "days", 180, 1, 3_650),
  /** The address in a security event (a sign-in, a refused request: /admin/security-log). */
  retention_security_address_days: whole("privacy", "days", 90, 1, 3_650),
  /** The security event itself (its kind, time, account and path), after its address is gone. */
  retention_security_event_days: whole("privacy", "days", 365, 1, 3_650),
  /** Days an identity verification (online or in person) lasts before it must be renewed. */
  identity_verification_days: whole("privacy", "days", 730, 1, 3_650),
  // Open data: the licence every export, the feed and the open-data page name.
  open_data_licence: text("openData", "KOGL Type 1 (공공누리 제1유형) / CC BY 4.0", 200),
} satisfies Record<string, SettingDefinition<number> | SettingDefinition<string>>;

export type SettingKey = keyof typeof SETTINGS;
export type SiteSettings = { [K in SettingKey]: (typeof SETTINGS)[K]["default"] };

export const SETTING_KEYS = Object.keys(SETTINGS) as SettingKey[];

export const DEFAULT_SETTINGS = Object.fromEntries(SETTING_KEYS.map((k) => [k, SETTINGS[k].default])) as SiteSettings;

export function isSettingKey(key: string): key is SettingKey {
  return Object.hasOwn(SETTINGS, key);
}

/**
 * The settings from the stored values (`{ key: value }`, as `jsonb_object_agg` gives them): each
 * read through its schema, the default where nothing is stored or what is stored no longer fits.
 */
export function settingsFrom(stored: Record<string, unknown> | null): SiteSettings {
  const out: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  for (const key of SETTING_KEYS) {
    if (!stored || !Object.hasOwn(stored, key)) continue;
    const parsed = (SETTINGS[key].schema as z.ZodType).safeParse(stored[key]);
    if (parsed.success) out[key] = parsed.data;
  }
  return out as SiteSettings;
}
