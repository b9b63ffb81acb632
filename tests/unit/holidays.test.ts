// Issue 15: the holidays the migrations seed for 2026 and 2027 are the official calendar's, as
// @hyunbinseo/holidays-kr 5.2027.1 packages the gazette: the same dates, and the same names but
// for wording, each difference listed here by hand.
import { getHolidayPreset } from "@hyunbinseo/holidays-kr";
import { describe, expect, it } from "vitest";
import { SEEDED_HOLIDAYS } from "../../db/migrations/2026-12-07-060-gazette-holidays";

/** The seed's wording → the gazette's, for the same day (a holiday's eve and morrow are "연휴" in the seed). */
const WORDING: Record<string, RegExp> = {
  신정: /^1월 1일$/,
  "설날 연휴": /^설날 (전날|다음 날)$/,
  "추석 연휴": /^추석 (전날|다음 날)$/,
  삼일절: /^3ㆍ1절$/,
  부처님오신날: /^부처님 오신 날$/,
  성탄절: /^기독탄신일$/,
  전국동시지방선거일: /^전국동시지방선거$/,
};

/** A seeded name in the gazette's words: substitutes name the day they stand for. */
function gazetteWording(name: string): RegExp {
  const substitute = /^대체공휴일\((.+)\)$/.exec(name);
  if (substitute) return new RegExp(`^대체공휴일\\(${gazetteWording(substitute[1]).source.replace(/^\^|\$$/g, "")}\\)$`);
  return WORDING[name] ?? new RegExp(`^${name}$`);
}

describe("the seeded holidays of 2026 and 2027", () => {
  it("are the gazette's days, no more and no fewer", async () => {
    const gazette = { ...(await getHolidayPreset("2026")), ...(await getHolidayPreset("2027")) };
    expect(SEEDED_HOLIDAYS.map(([date]) => date)).toEqual(Object.keys(gazette).sort());
  });

  it("have the gazette's names, but for the wording listed; every day has an English name", async () => {
    const gazette: Record<string, readonly string[]> = { ...(await getHolidayPreset("2026")), ...(await getHolidayPreset("2027")) };
    for (const [date, ko, en] of SEEDED_HOLIDAYS) {
      expect(gazette[date], date).toHaveLength(1);
      expect(gazette[date][0], `${date} ${ko}`).toMatch(gazetteWording(ko));
      expect(en.length, date).toBeGreaterThan(0);
    }
  });
});
