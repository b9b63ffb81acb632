// Korea time in and out, and the length of an hour and a day: the one home of each (decision
// 064). Every date people read or type is a calendar date or a wall-clock time in Korea; every
// instant the app keeps is UTC. Korea keeps one offset all year (UTC+9, no daylight saving time
// since 1988), so a fixed offset converts exactly and no time-zone database is needed. SQL that
// converts uses the zone's name (KOREA_ZONE). Pure and browser-safe.

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
/** Korea's offset from UTC. */
export const KOREA_OFFSET_MS = 9 * HOUR_MS;
/** The same offset as ISO 8601 writes it, for a time typed without one. */
export const KOREA_UTC_OFFSET = "+09:00";
/** The zone's name, for SQL (`AT TIME ZONE`) and Intl formatting. */
export const KOREA_ZONE = "Asia/Seoul";

const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** A `datetime-local` value: date and time to the minute, seconds optional. */
const LOCAL_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?$/;

/** True for a real calendar date written YYYY-MM-DD (not 2026-02-30). */
export function isIsoDate(value: string): boolean {
  if (!DATE.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** The calendar date in Korea (YYYY-MM-DD) of an instant. */
export function koreaDate(instant: Date | string): string {
  return new Date(new Date(instant).getTime() + KOREA_OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant a Korean calendar day starts (00:00 Korea time). */
export function startOfKoreaDay(date: string): Date {
  return new Date(Date.parse(`${date}T00:00:00Z`) - KOREA_OFFSET_MS);
}

/** The instant a Korean calendar day ends (24:00 Korea time, the start of the next day). */
export function endOfKoreaDay(date: string): Date {
  return new Date(startOfKoreaDay(date).getTime() + DAY_MS);
}

/** The instant a month in Korea starts; `monthIndex` 0 is January, 12 the next year's. */
export function startOfKoreaMonth(year: number, monthIndex: number): Date {
  return new Date(Date.UTC(year, monthIndex, 1) - KOREA_OFFSET_MS);
}

/** The calendar date `days` days after `date` (before it when negative). */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** An instant as a `datetime-local` value in Korea time, to the minute ("2026-12-10T14:00"). */
export function toKoreaTimeInput(instant: Date | string): string {
  return new Date(new Date(instant).getTime() + KOREA_OFFSET_MS).toISOString().slice(0, 16);
}

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
