// Site settings staff can change at run time, with the defaults from db/reference-data.ts.
import type { Kysely } from "kysely";
import { DEFAULT_SETTINGS } from "../../db/reference-data";
import type { Database } from "../../db/schema";

export interface SiteSettings {
  committee_deadline_days: number;
  agency_deadline_days: number;
  default_support_threshold: number;
  default_support_window_days: number;
  ideas_per_day: number;
  edit_max_other_supporters: number;
  comments_per_10_minutes: number;
  // Moderation
  flag_hide_threshold: number;
  screening_min_account_minutes: number;
  screening_max_links: number;
  burst_window_minutes: number;
  burst_new_account_hours: number;
  burst_new_accounts: number;
  burst_ip_prefix_supports: number;
}

export async function getSettings(db: Kysely<Database>): Promise<SiteSettings> {
  const rows = await db.selectFrom("settings").select(["key", "value"]).execute();
  return settingsFrom(Object.fromEntries(rows.map((r) => [r.key, r.value])));
}

/** The settings from the stored values (`{ key: value }`, as `jsonb_object_agg` gives them) and the defaults. */
export function settingsFrom(stored: Record<string, unknown> | null): SiteSettings {
  return { ...DEFAULT_SETTINGS, ...stored } as unknown as SiteSettings;
}
