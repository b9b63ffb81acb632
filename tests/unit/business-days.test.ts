// The business-day clock (issue 15): weekends, Korean public holidays and substitute holidays,
// year ends, and Korea time. Expected dates were read off a 2026/2027 calendar by hand.
import { describe, expect, it } from "vitest";
import {
  addBusinessDays,
  businessDaysBetween,
  businessDaysLeft,
  dueAfter,
  isBusinessDay,
  reminderMoments,
  remindersDue,
} from "../../app/domain/agencies/clock";
import { HOLIDAYS_2026_2027 } from "../../db/migrations/2026-12-03-060-business-day-clock";
import { isIsoDate, koreaDate } from "../../app/utils/korea-time";

const holidays = new Set(HOLIDAYS_2026_2027.map(([date]) => date));

describe("business days", () => {
  it("skips weekends", () => {
    // 2026-11-27 is a Friday.
    expect(addBusinessDays("2026-11-27", 1, holidays)).toBe("2026-11-30");
    expect(addBusinessDays("2026-11-28", 1, holidays)).toBe("2026-11-30"); // from a Saturday
    expect(addBusinessDays("2026-11-30", 5, holidays)).toBe("2026-12-07");
    expect(isBusinessDay("2026-11-28", holidays)).toBe(false);
    expect(isBusinessDay("2026-11-30", holidays)).toBe(true);
  });

  it("skips Chuseok and the substitute holiday after National Foundation Day", () => {
    // Chuseok 2026: Thu 24 – Sat 26 September; no substitute (it ends on a Saturday).
    expect(addBusinessDays("2026-09-23", 1, holidays)).toBe("2026-09-28");
    // 3 October 2026 is a Saturday: Monday 5 October is its substitute; 9 October is Hangul Day.
    expect(addBusinessDays("2026-10-02", 1, holidays)).toBe("2026-10-06");
    expect(addBusinessDays("2026-10-08", 1, holidays)).toBe("2026-10-12");
  });

  it("skips Seollal 2027 with its substitute holiday", () => {
    // Seollal 2027 falls on Sunday 7 February: holidays 6–8 February and Tuesday 9 as substitute.
    expect(addBusinessDays("2027-02-05", 1, holidays)).toBe("2027-02-10");
    expect(addBusinessDays("2027-02-10", -1, holidays)).toBe("2027-02-05");
  });

  it("crosses the year end", () => {
    // Thursday 31 December 2026; 1 January 2027 is a Friday holiday.
    expect(addBusinessDays("2026-12-31", 1, holidays)).toBe("2027-01-04");
    expect(addBusinessDays("2026-12-24", 1, holidays)).toBe("2026-12-28"); // Christmas on a Friday
    expect(addBusinessDays("2027-01-04", -1, holidays)).toBe("2026-12-31");
    expect(businessDaysBetween("2026-12-31", "2027-01-08", holidays)).toBe(5);
    expect(businessDaysBetween("2027-01-08", "2026-12-31", holidays)).toBe(-5);
    // 25 December 2027 is a Saturday: Monday 27 is its substitute.
    expect(addBusinessDays("2027-12-24", 1, holidays)).toBe("2027-12-28");
  });

  it("counts ten business days across several holidays", () => {
    // From Mon 28 Sep 2026: 29, 30 Sep, 1, 2, 6, 7, 8, 12, 13, 14 Oct.
    expect(addBusinessDays("2026-09-28", 10, holidays)).toBe("2026-10-14");
    expect(businessDaysBetween("2026-09-28", "2026-10-14", holidays)).toBe(10);
  });

  it("an admin's new holiday counts at once", () => {
    const more = new Set([...holidays, "2026-11-30"]);
    expect(addBusinessDays("2026-11-27", 1, more)).toBe("2026-12-01");
  });

  it("validates calendar dates", () => {
    expect(isIsoDate("2027-02-28")).toBe(true);
    expect(isIsoDate("2027-02-29")).toBe(false);
    expect(isIsoDate("2027-2-8")).toBe(false);
  });
});

describe("Korea time", () => {
  it("a day in Korea starts at 15:00 UTC the evening before", () => {
    expect(koreaDate(new Date("2026-12-31T14:59:59Z"))).toBe("2026-12-31");
    expect(koreaDate(new Date("2026-12-31T15:00:00Z"))).toBe("2027-01-01");
  });

  it("a step is due at midnight Korea time at the end of its last business day", () => {
    // Started on Thursday 31 December at 19:00 in Seoul, one business day: due end of Monday 4 January.
    expect(dueAfter(new Date("2026-12-31T10:00:00Z"), 1, holidays).toISOString()).toBe("2027-01-04T15:00:00.000Z");
    // 01:00 on 1 January in Seoul is still 31 December in UTC: the same due date.
    expect(dueAfter(new Date("2026-12-31T16:00:00Z"), 1, holidays).toISOString()).toBe("2027-01-04T15:00:00.000Z");
    // Started at 23:59 on Wednesday 2 December in Seoul, 10 business days: due end of Wednesday 16 December.
    expect(dueAfter(new Date("2026-12-02T14:59:00Z"), 10, holidays).toISOString()).toBe("2026-12-16T15:00:00.000Z");
  });

  it("counts business days left up to the due day", () => {
    const due = new Date("2026-09-28T15:00:00Z"); // end of Monday 28 September
    expect(businessDaysLeft(due, new Date("2026-09-22T03:00:00Z"), holidays)).toBe(2); // Tuesday 22: 23 and 28
    expect(businessDaysLeft(due, new Date("2026-09-28T03:00:00Z"), holidays)).toBe(0);
  });
});

describe("reminders", () => {
  const due = new Date("2026-09-28T15:00:00Z"); // end of Monday 28 September 2026 in Seoul

  it("come three and one business days before the due day, skipping Chuseok", () => {
    const at = reminderMoments(due, 10, holidays);
    expect(at.before_3.toISOString()).toBe("2026-09-20T15:00:00.000Z"); // start of Monday 21
    expect(at.before_1.toISOString()).toBe("2026-09-22T15:00:00.000Z"); // start of Wednesday 23
    expect(at.escalated.toISOString()).toBe("2026-10-14T15:00:00.000Z"); // end of Wednesday 14 October
  });

  it("owes nothing early, the three-day one, then the one-day one", () => {
    expect(remindersDue(due, new Date("2026-09-20T14:59:59Z"), 10, holidays).owed).toEqual([]);
    expect(remindersDue(due, new Date("2026-09-21T01:00:00Z"), 10, holidays).owed).toEqual(["before_3"]);
    expect(remindersDue(due, new Date("2026-09-23T01:00:00Z"), 10, holidays).owed).toEqual(["before_1"]);
  });

  it("never sends a stale three-day reminder once the one-day one is due", () => {
    const late = remindersDue(due, new Date("2026-09-25T01:00:00Z"), 10, holidays);
    expect(late.owed).toEqual(["before_1"]);
    expect(late.record).toEqual(["before_3", "before_1"]);
  });

  it("after the due date: no reminder, then the escalation after ten business days", () => {
    expect(remindersDue(due, new Date("2026-10-14T14:59:59Z"), 10, holidays).owed).toEqual([]);
    expect(remindersDue(due, new Date("2026-10-14T15:00:00Z"), 10, holidays).owed).toEqual(["escalated"]);
  });
});
