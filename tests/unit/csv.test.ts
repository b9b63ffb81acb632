import { describe, expect, it } from "vitest";
import { atomXml, xmlText } from "../../app/domain/opendata/atom";
import { parseEventExport, parseIdeaExport, parseInstant } from "../../app/domain/opendata/params";
import { encodeCursor } from "../../app/domain/ideas/list";
import { fillWeeks, parseStatsParams, statsSearch, statsWindow, weekOf, weeksBetween } from "../../app/domain/stats/period";
import { niceMax, share } from "../../app/ui/charts";
import { BOM, csvCell, csvLine, toCsv } from "../../app/utils/csv";
import { addDays } from "../../app/utils/korea-time";

describe("CSV", () => {
  it("quotes as RFC 4180: commas, quotes and line breaks; doubles inner quotes", () => {
    expect(csvCell("plain")).toBe("plain");
    expect(csvCell("a,b")).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
    expect(csvCell("cr\r\nlf")).toBe('"cr\r\nlf"');
    expect(csvCell("대중교통 요금")).toBe("대중교통 요금");
  });

  it("writes empty, numbers, booleans and dates plainly", () => {
    expect(csvCell(null)).toBe("");
    expect(csvCell(undefined)).toBe("");
    expect(csvCell(42)).toBe("42");
    expect(csvCell(-3.5)).toBe("-3.5"); // a number, not text: never defused
    expect(csvCell(Number.NaN)).toBe("");
    expect(csvCell(true)).toBe("true");
    expect(csvCell(new Date("2026-05-01T00:00:00Z"))).toBe("2026-05-01T00:00:00.000Z");
  });

  it("defuses text that a spreadsheet would run as a formula: = + - @ tab CR", () => {
    expect(csvCell("=HYPERLINK(\"http://evil\")")).toBe("\"'=HYPERLINK(\"\"http://evil\"\")\"");
    expect(csvCell("=1+1")).toBe("'=1+1");
    expect(csvCell("+82 10")).toBe("'+82 10");
    expect(csvCell("-2+3")).toBe("'-2+3");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("\t=cmd")).toBe("'\t=cmd");
    expect(csvCell("\r=cmd")).toBe("\"'\r=cmd\"");
    expect(csvCell("a=b")).toBe("a=b");
    expect(csvCell("")).toBe("");
  });

  it("a document starts with the UTF-8 byte order mark, then the header, CRLF after every line", () => {
    const text = toCsv(["id", "title"] as const, [{ id: 1, title: "제안, 하나" }, { id: 2, title: "=bad" }]);
    expect(text.startsWith(BOM)).toBe(true);
    expect(Buffer.from(text, "utf8").subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(text.slice(1)).toBe('id,title\r\n1,"제안, 하나"\r\n2,\'=bad\r\n');
    expect(csvLine(["a", null, 3])).toBe("a,,3\r\n");
  });
});

describe("Atom XML", () => {
  it("escapes markup and drops characters XML cannot carry", () => {
    expect(xmlText(`<script>alert("x")</script> & 'q'`)).toBe("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &apos;q&apos;");
    expect(xmlText("bell\u0007 nul\u0000 tab\t ok")).toBe("bell nul tab\t ok");
    expect(xmlText("lone \uD800 surrogate 😀")).toBe("lone  surrogate 😀");
  });

  it("builds a feed whose user text never becomes markup", () => {
    const xml = atomXml({
      id: "https://madang.test/feed.atom",
      title: "Madang",
      subtitle: "s",
      self: "https://madang.test/feed.atom?campaign=a&lang=en",
      alternate: "https://madang.test/ideas",
      updated: "2026-05-01T00:00:00.000Z",
      lang: "en",
      rights: "CC BY 4.0",
      author: "Madang",
      entries: [
        { id: "tag:x,2026:1", title: "</title><entry>", link: "https://madang.test/ideas/1", updated: "2026-05-01T00:00:00.000Z", author: "<b>", category: "new-idea", content: "]]> & <x>" },
      ],
    });
    expect(xml).toContain("<title type=\"text\">&lt;/title&gt;&lt;entry&gt;</title>");
    expect(xml).toContain("campaign=a&amp;lang=en");
    expect(xml).toContain("<name>&lt;b&gt;</name>");
    expect(xml.match(/<entry>/g)).toHaveLength(1);
  });
});

describe("open data parameters", () => {
  const parse = (q: string) => parseIdeaExport(new URLSearchParams(q));
  it("accepts the documented filters", () => {
    const ok = parse("status=open,answered&category=economy&region=seoul&campaign=call-1&updated_since=2026-05-01&limit=10");
    expect(ok).toMatchObject({ ok: true, value: { statuses: ["open", "answered"], category: "economy", region: "seoul", campaign: "call-1", limit: 10, after: null } });
    expect(ok.ok && ok.value.updatedSince?.toISOString()).toBe("2026-04-30T15:00:00.000Z");
    expect(parse(`cursor=${encodeCursor([41])}`)).toMatchObject({ ok: true, value: { after: 41, limit: 100 } });
  });

  it("names the parameter it cannot use", () => {
    expect(parse("status=pending")).toMatchObject({ ok: false, parameter: "status" });
    expect(parse("status=rejected")).toMatchObject({ ok: false, parameter: "status" });
    expect(parse("limit=0")).toMatchObject({ ok: false, parameter: "limit" });
    expect(parse("limit=1001")).toMatchObject({ ok: false, parameter: "limit" });
    expect(parse("limit=ten")).toMatchObject({ ok: false, parameter: "limit" });
    expect(parse("cursor=not-a-cursor")).toMatchObject({ ok: false, parameter: "cursor" });
    expect(parse(`cursor=${encodeCursor(["x"])}`)).toMatchObject({ ok: false, parameter: "cursor" });
    expect(parse("updated_since=yesterday")).toMatchObject({ ok: false, parameter: "updated_since" });
    expect(parse("updated_since=2026-02-31")).toMatchObject({ ok: false, parameter: "updated_since" });
    expect(parse("category=Economy!")).toMatchObject({ ok: false, parameter: "category" });
    expect(parseEventExport(new URLSearchParams("idea=-1"))).toMatchObject({ ok: false, parameter: "idea" });
  });

  it("reads dates and times, Korea time unless an offset is given", () => {
    expect(parseInstant("2026-05-01")?.toISOString()).toBe("2026-04-30T15:00:00.000Z");
    expect(parseInstant("2026-05-01T09:00")?.toISOString()).toBe("2026-05-01T00:00:00.000Z");
    expect(parseInstant("2026-05-01T09:00:00Z")?.toISOString()).toBe("2026-05-01T09:00:00.000Z");
    expect(parseInstant("2026-05-01T09:00:00+02:00")?.toISOString()).toBe("2026-05-01T07:00:00.000Z");
    expect(parseInstant("1999-12-31")).toBeNull();
    expect(parseInstant("2026-13-01")).toBeNull();
  });
});

describe("statistics period", () => {
  it("parses the filters and says what was wrong", () => {
    expect(parseStatsParams(new URLSearchParams("campaign=call-1&from=2026-01-01&to=2026-03-31"))).toEqual({
      params: { campaign: "call-1", from: "2026-01-01", to: "2026-03-31" },
      errors: {},
    });
    expect(parseStatsParams(new URLSearchParams("from=2026-02-30&to=x&campaign=<b>")).errors).toEqual({
      from: "stats.errors.date",
      to: "stats.errors.date",
      campaign: "stats.errors.campaign",
    });
    expect(parseStatsParams(new URLSearchParams("from=2026-03-01&to=2026-02-01")).errors).toEqual({ to: "stats.errors.range" });
    expect(statsSearch({ campaign: "c", from: null, to: "2026-01-02" })).toBe("?campaign=c&to=2026-01-02");
  });

  it("works in Korea-time weeks starting on Monday", () => {
    expect(weekOf("2026-05-04")).toBe("2026-05-04"); // a Monday
    expect(weekOf("2026-05-10")).toBe("2026-05-04"); // the Sunday after
    expect(weekOf("2026-01-01")).toBe("2025-12-29");
    expect(addDays("2026-02-28", 1)).toBe("2026-03-01");
    expect(weeksBetween("2026-05-04", "2026-05-25")).toEqual(["2026-05-04", "2026-05-11", "2026-05-18", "2026-05-25"]);
    expect(fillWeeks(["2026-05-04", "2026-05-11"], [{ week: "2026-05-11", count: 3 }])).toEqual([
      { week: "2026-05-04", count: 0 },
      { week: "2026-05-11", count: 3 },
    ]);
  });

  it("defaults to the last 26 weeks and never draws more than 104", () => {
    // Sunday 2026-05-10 23:30 UTC is Monday 2026-05-11 in Korea.
    const now = new Date("2026-05-10T23:30:00Z");
    const w = statsWindow({ from: null, to: null }, now);
    expect(w).toMatchObject({ lastWeek: "2026-05-11", cohortFrom: null, cohortTo: null, clamped: false });
    expect(weeksBetween(w.firstWeek, w.lastWeek)).toHaveLength(26);
    const period = statsWindow({ from: "2026-01-01", to: "2026-01-31" }, now);
    expect(period.cohortFrom?.toISOString()).toBe("2025-12-31T15:00:00.000Z");
    expect(period.cohortTo?.toISOString()).toBe("2026-01-31T15:00:00.000Z");
    expect([period.firstWeek, period.lastWeek]).toEqual(["2025-12-29", "2026-01-26"]);
    const long = statsWindow({ from: "2020-01-01", to: "2026-01-31" }, now);
    expect(long.clamped).toBe(true);
    expect(weeksBetween(long.firstWeek, long.lastWeek)).toHaveLength(104);
  });
});

describe("chart scales", () => {
  it("round the axis up to 1, 2 or 5 times a power of ten", () => {
    expect([0, 1, 3, 7, 10, 11, 42, 180, 999, 1001].map(niceMax)).toEqual([1, 1, 5, 10, 10, 20, 50, 200, 1000, 2000]);
    expect(share(5, 10)).toBe(0.5);
    expect(share(20, 10)).toBe(1);
    expect(share(3, 0)).toBe(0);
  });
});
