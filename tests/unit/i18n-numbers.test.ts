// Numbers on every page (counts, totals) read as each language writes them: the same text as
// Intl.NumberFormat gives for Korean and British English, whatever shortcut formatNumber takes.
import { describe, expect, it } from "vitest";
import { formatNumber } from "../../app/utils/i18n";

const intl = { ko: new Intl.NumberFormat("ko-KR"), en: new Intl.NumberFormat("en-GB") };
const samples = [0, 1, -1, 7, 12, 999, 1000, -1000, 1234, 10_000, 99_999, 100_000, 123_456, 1_000_000, -1_234_567, 50_000_000, 1_234_567_890, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER];

describe("formatNumber", () => {
  for (const locale of ["ko", "en"] as const) {
    it(`writes whole numbers as Intl does (${locale})`, () => {
      for (const n of samples) expect(formatNumber(n, locale), String(n)).toBe(intl[locale].format(n));
    });

    it(`writes fractions as Intl does (${locale})`, () => {
      for (const n of [0.5, 1234.5678, -0.25, 1e21]) expect(formatNumber(n, locale), String(n)).toBe(intl[locale].format(n));
    });
  }

  it("groups thousands with commas", () => {
    expect(formatNumber(1234567, "ko")).toBe("1,234,567");
    expect(formatNumber(-1000, "en")).toBe("-1,000");
  });
});
