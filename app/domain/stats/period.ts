// The dashboard's filters, all in the URL, and the calendar they work on: dates and weeks in
// Korea time (weeks start on Monday). Pure, so the page, the API and the tests share them.
export const DEFAULT_WEEKS = 26;
export const MAX_WEEKS = 104;
const DAY = 86_400_000;
const KST = 9 * 3_600_000;

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

const SLUG = /^[a-z0-9][a-z0-9-]{0,99}$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date between 2000 and 2100, or null. */
export function validDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 2000 || y > 2100) return false;
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

export function parseStatsParams(search: URLSearchParams): { params: StatsParams; errors: StatsParamErrors } {
  const errors: StatsParamErrors = {};
  const text = (name: string) => (search.get(name) ?? "").trim() || null;
  const campaign = text("campaign");
  const from = text("from");
  const to = text("to");
  if (campaign && !SLUG.test(campaign)) errors.campaign = "stats.errors.campaign";
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

/** The instant a Korea-time calendar day begins. */
export function dayStart(date: string): Date {
  return new Date(`${date}T00:00:00+09:00`);
}

/** The Korea-time calendar date of an instant. */
export function koreaDate(instant: Date): string {
  return new Date(instant.getTime() + KST).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
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
    cohortFrom: params.from ? dayStart(params.from) : null,
    cohortTo: params.to ? dayStart(addDays(params.to, 1)) : null,
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
