// The business-day clock (issue 15, decision 030). Pure: the holidays are passed in (a set of
// "YYYY-MM-DD" dates, from the `holidays` table), so every rule is testable without a database.
//
// Days are calendar days in Korea (UTC+9, no daylight saving time). A business day is a day
// that is neither a Saturday, a Sunday nor a holiday. A step that starts on some day and has
// n business days is due at the END of the n-th business day after that day (the day it starts
// does not count, whatever the hour): started on a Friday with 1 business day, it is due at
// midnight (Korea time) at the end of Monday.
import { addDays, endOfKoreaDay, koreaDate, startOfKoreaDay } from "../../utils/korea-time";

export type Holidays = ReadonlySet<string>;

/** A guard against a table full of holidays: no step waits for more than ten years. */
const MAX_DAYS = 3_660;

/** 0 Sunday … 6 Saturday. */
function weekday(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

export function isBusinessDay(date: string, holidays: Holidays): boolean {
  const day = weekday(date);
  return day !== 0 && day !== 6 && !holidays.has(date);
}

/** The n-th business day after `date` (n > 0) or before it (n < 0); `date` itself never counts. */
export function addBusinessDays(date: string, n: number, holidays: Holidays): string {
  if (!Number.isInteger(n)) throw new Error(`business days must be whole: ${n}`);
  const step = n < 0 ? -1 : 1;
  let left = Math.abs(n);
  let day = date;
  for (let guard = 0; left > 0; guard++) {
    if (guard > MAX_DAYS) throw new Error("no business day within ten years");
    day = addDays(day, step);
    if (isBusinessDay(day, holidays)) left--;
  }
  return day;
}

/** The business days after `from` up to and including `to` (negative when `to` is before `from`). */
export function businessDaysBetween(from: string, to: string, holidays: Holidays): number {
  if (to < from) return -businessDaysBetween(to, from, holidays);
  let count = 0;
  for (let day = addDays(from, 1), guard = 0; day <= to; day = addDays(day, 1), guard++) {
    if (guard > MAX_DAYS) break;
    if (isBusinessDay(day, holidays)) count++;
  }
  return count;
}

/** The due instant of a step of n business days that starts at `start`. */
export function dueAfter(start: Date, n: number, holidays: Holidays): Date {
  return endOfKoreaDay(addBusinessDays(koreaDate(start), n, holidays));
}

/** The Korean day a due instant belongs to (a due date at 24:00 belongs to the day it ends). */
export function dueDay(dueAt: Date): string {
  return koreaDate(new Date(dueAt.getTime() - 1));
}

export type ReminderKind = "before_3" | "before_1" | "escalated";

/**
 * When each reminder of a due date is due: "three business days before" at the start of the
 * third business day before the due day, "one business day before" at the start of the business
 * day before it, and the escalation when the step is overdue by `escalateAfter` business days
 * (at the end of the `escalateAfter`-th business day after the due day).
 */
export function reminderMoments(dueAt: Date, escalateAfter: number, holidays: Holidays): Record<ReminderKind, Date> {
  const day = dueDay(dueAt);
  return {
    before_3: startOfKoreaDay(addBusinessDays(day, -3, holidays)),
    before_1: startOfKoreaDay(addBusinessDays(day, -1, holidays)),
    escalated: endOfKoreaDay(addBusinessDays(day, escalateAfter, holidays)),
  };
}

/**
 * The reminders owed at `now` for a due date: at most one of the two "before" reminders (the
 * more urgent; the other is recorded as passed so it never comes late), and the escalation.
 * `owed` is what to send; `record` also lists what is passed and will never be sent.
 */
export function remindersDue(
  dueAt: Date,
  now: Date,
  escalateAfter: number,
  holidays: Holidays,
): { owed: ReminderKind[]; record: ReminderKind[] } {
  const at = reminderMoments(dueAt, escalateAfter, holidays);
  const owed: ReminderKind[] = [];
  const record: ReminderKind[] = [];
  if (now < dueAt) {
    if (now >= at.before_1) {
      owed.push("before_1");
      record.push("before_3", "before_1");
    } else if (now >= at.before_3) {
      owed.push("before_3");
      record.push("before_3");
    }
  }
  if (now >= at.escalated) {
    owed.push("escalated");
    record.push("escalated");
  }
  return { owed, record };
}

/** Business days left before a due date, counted from today in Korea (0 on the due day). */
export function businessDaysLeft(dueAt: Date, now: Date, holidays: Holidays): number {
  return businessDaysBetween(koreaDate(now), dueDay(dueAt), holidays);
}
