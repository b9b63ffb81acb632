// The dashboard's filters, all in the URL, and the calendar they work on: dates and weeks in
// Korea time (weeks start on Monday). Pure, so the page, the API and the tests share them.
import { addDays, isIsoDate, koreaDate, startOfKoreaDay } from "../../utils/korea-time";
import { isSlug } from "../../utils/ids";

export const DEFAULT_WEEKS = 26;
export const MAX_WEEKS = 104;

export interface StatsParams {
  /** A campaign's slug. */
  campaign: string | null;
  /** First day of the period, YYYY-MM-DD (Korea time), inclusive. */
  from: string | null;
  /** Last day of the period, inclusive. */
  to: string | null;
}

/** Catalog keys of what was wrong, by parameter. */
export type StatsParamErrors = Partial<Record<keyof StatsParams, string>>;

/** A real calendar date between 2000 and 2100. */
export function validDate(value: string): boolean {
  if (!isIsoDate(value)) return false;
  const year = Number(value.slice(0, 4));
  return year >= 2000 && year <= 2100;
}

export function parseStatsParams(search: URLSearchParams): { params: StatsParams; errors: StatsParamErrors } {
  const errors: StatsParamErrors = {};
  const text = (name: string) => (search.get(name) ?? "").trim() || null;
  const campaign = text("campaign");
  const from = text("from");
  const to = text("to");
  if (campaign && !isSlug(campaign)) errors.campaign = "stats.errors.campaign";
  if (from && !validDate(from)) errors.from = "stats.errors.date";
  if (to && !validDate(to)) errors.to = "stats.errors.date";
  if (from && to && !errors.from && !errors.to && from > to) errors.to = "stats.errors.range";
  return {
    params: { campaign: errors.campaign ? null : campaign, from: errors.from ? null : from, to: errors.to ? null : to },
    errors,
  };
}

export function statsSearch(params: StatsParams): string {
  const out = new URLSearchParams();
  if (params.campaign) out.set("campaign", params.campaign);
  if (params.from) out.set("from", params.from);
  if (params.to) out.set("to", params.to);
  const s = out.toString();
  return s ? `?${s}` : "";
}

/** The Monday on or before a date. */
export function weekOf(date: string): string {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return addDays(date, -((weekday + 6) % 7));
}

/** Every week from `first` to `last` (both Mondays), in order. */
export function weeksBetween(first: string, last: string): string[] {
  const weeks: string[] = [];
  for (let w = first; w <= last && weeks.length <= MAX_WEEKS; w = addDays(w, 7)) weeks.push(w);
  return weeks;
}

export interface StatsWindow {
  /** Ideas submitted in [cohortFrom, cohortTo) make up the funnel, durations, tables; null = unbounded. */
  cohortFrom: Date | null;
  cohortTo: Date | null;
  /** The weekly charts: whole weeks from firstWeek to lastWeek (Mondays). */
  firstWeek: string;
  lastWeek: string;
  /** True when the period was longer than the weekly charts can show. */
  clamped: boolean;
}

export function statsWindow(params: Pick<StatsParams, "from" | "to">, now: Date): StatsWindow {
  const lastWeek = weekOf(params.to ?? koreaDate(now));
  const longest = addDays(lastWeek, -7 * (MAX_WEEKS - 1));
  let firstWeek = params.from ? weekOf(params.from) : addDays(lastWeek, -7 * (DEFAULT_WEEKS - 1));
  const clamped = firstWeek < longest;
  if (clamped) firstWeek = longest;
  return {
    cohortFrom: params.from ? startOfKoreaDay(params.from) : null,
    cohortTo: params.to ? startOfKoreaDay(addDays(params.to, 1)) : null,
    firstWeek,
    lastWeek,
    clamped,
  };
}

/** Fills the weeks that had nothing with zero. */
export function fillWeeks(weeks: string[], rows: { week: string; count: number }[]): { week: string; count: number }[] {
  const byWeek = new Map(rows.map((r) => [r.week, r.count]));
  return weeks.map((week) => ({ week, count: byWeek.get(week) ?? 0 }));
}
