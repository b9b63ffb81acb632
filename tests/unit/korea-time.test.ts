// Korea time in and out (app/utils/korea-time.ts), the one home of every conversion: the edges
// where the Korean date and the UTC date differ (between 00:00 and 09:00 Korea time), year end,
// leap days. Expected values are written out by hand.
import { describe, expect, it } from "vitest";
import {
  addDays,
  DAY_MS,
  endOfKoreaDay,
  isIsoDate,
  koreaDate,
  parseKoreaTime,
  startOfKoreaDay,
  startOfKoreaMonth,
  toKoreaTimeInput,
} from "../../app/utils/korea-time";
import { linesMatching } from "./sources";

describe("Korea time", () => {
  it("reads a datetime-local value as Asia/Seoul (UTC+9), whatever the server's zone", () => {
    expect(parseKoreaTime("2026-03-01T09:00")?.toISOString()).toBe("2026-03-01T00:00:00.000Z");
    expect(parseKoreaTime("2026-01-01T00:00")?.toISOString()).toBe("2025-12-31T15:00:00.000Z");
    expect(parseKoreaTime("2026-07-15T23:59:30")?.toISOString()).toBe("2026-07-15T14:59:30.000Z");
    // No daylight saving: summer and winter have the same offset.
    expect(parseKoreaTime("2026-07-01T12:00")!.getTime() - Date.UTC(2026, 6, 1, 12)).toBe(-9 * 3_600_000);
    expect(parseKoreaTime("2026-12-01T12:00")!.getTime() - Date.UTC(2026, 11, 1, 12)).toBe(-9 * 3_600_000);
  });

  it("refuses what is not a real date and time", () => {
    for (const bad of ["", "2026-03-01", "2026-03-01 09:00", "2026-13-01T09:00", "2027-02-29T00:00", "2026-03-01T09:60", "0099-01-01T00:00"]) {
      expect(parseKoreaTime(bad), bad).toBeNull();
    }
    expect(parseKoreaTime("2028-02-29T00:00")).not.toBeNull();
  });

  it("shows a stored instant back in the form as Korea time, round trip", () => {
    expect(toKoreaTimeInput(new Date("2025-12-31T15:00:00Z"))).toBe("2026-01-01T00:00");
    expect(toKoreaTimeInput("2026-03-01T00:00:00.000Z")).toBe("2026-03-01T09:00");
    for (const value of ["2026-03-01T09:00", "2026-01-01T00:00", "2026-12-31T23:59"]) {
      expect(toKoreaTimeInput(parseKoreaTime(value)!)).toBe(value);
    }
  });

  it("a day is 24 hours", () => {
    expect(DAY_MS).toBe(86_400_000);
  });

  it("the Korean date turns at 15:00 UTC, not at UTC midnight", () => {
    expect(koreaDate(new Date("2026-05-04T14:59:59.999Z"))).toBe("2026-05-04");
    expect(koreaDate(new Date("2026-05-04T15:00:00.000Z"))).toBe("2026-05-05");
    // 08:59 in Korea is still the previous day in UTC.
    expect(koreaDate(new Date("2026-05-04T23:59:00Z"))).toBe("2026-05-05");
    expect(koreaDate("2026-05-05T00:00:00Z")).toBe("2026-05-05");
  });

  it("a new year begins in Korea nine hours before it does in UTC", () => {
    expect(koreaDate(new Date("2026-12-31T14:59:59Z"))).toBe("2026-12-31");
    expect(koreaDate(new Date("2026-12-31T15:00:00Z"))).toBe("2027-01-01");
    expect(startOfKoreaDay("2027-01-01").toISOString()).toBe("2026-12-31T15:00:00.000Z");
    expect(endOfKoreaDay("2026-12-31").toISOString()).toBe("2026-12-31T15:00:00.000Z");
    expect(startOfKoreaMonth(2027, 0).toISOString()).toBe("2026-12-31T15:00:00.000Z");
    // Month 12 of 2026 is January 2027: the end of December.
    expect(startOfKoreaMonth(2026, 12).toISOString()).toBe("2026-12-31T15:00:00.000Z");
    expect(parseKoreaTime("2027-01-01T00:30")?.toISOString()).toBe("2026-12-31T15:30:00.000Z");
    expect(toKoreaTimeInput("2026-12-31T15:30:00Z")).toBe("2027-01-01T00:30");
  });

  it("a Korean day runs from its start to the next day's start, 24 hours", () => {
    const start = startOfKoreaDay("2026-05-05");
    expect(start.toISOString()).toBe("2026-05-04T15:00:00.000Z");
    expect(endOfKoreaDay("2026-05-05").getTime() - start.getTime()).toBe(24 * 3_600_000);
    expect(koreaDate(start)).toBe("2026-05-05");
    expect(koreaDate(new Date(endOfKoreaDay("2026-05-05").getTime() - 1))).toBe("2026-05-05");
  });

  it("counts calendar days across month, year and leap-day ends", () => {
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2027-01-01", -1)).toBe("2026-12-31");
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addDays("2027-02-28", 1)).toBe("2027-03-01");
    expect(addDays("2026-05-04", 7)).toBe("2026-05-11");
  });

  it("knows a real date from one that only looks like it", () => {
    for (const good of ["2026-12-31", "2028-02-29", "2027-01-01"]) expect(isIsoDate(good), good).toBe(true);
    for (const bad of ["2027-02-29", "2026-13-01", "2026-04-31", "2026-1-01", "20261231", ""]) expect(isIsoDate(bad), bad).toBe(false);
  });
});

describe("Korea time has one home", () => {
  it("no other module writes the offset, the zone's name or a day's length in milliseconds", () => {
    const own = linesMatching(/\+09:00|9 \* (60 \* 60 \* 1000|3_?600_?000|HOUR_MS)|Asia\/Seoul|86_?400_?000|24 \* 3_?600_?000/, ["utils/korea-time.ts"]);
    expect(own).toEqual([]);
  });
});
