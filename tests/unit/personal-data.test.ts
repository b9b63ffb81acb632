import { describe, expect, it } from "vitest";
import { matchBlockedTerms, normalizeTerm } from "../../app/domain/moderation/blocklist";
import { ipPrefix } from "../../app/domain/moderation/ip";
import { findPersonalData, luhnValid, maskMatch, type PersonalDataKind } from "../../app/domain/moderation/personal-data";
import { countLinks, screenIdea } from "../../app/domain/moderation/screening";

const kinds = (text: string) => findPersonalData(text).map((m) => [m.kind, m.text] as [PersonalDataKind, string]);

describe("resident registration numbers (주민등록번호)", () => {
  it.each([
    ["주민등록번호는 900101-1234567 입니다", "900101-1234567"],
    ["9001011234567", "9001011234567"],
    ["번호: 851231-2345678.", "851231-2345678"],
    ["외국인등록번호 020315-5123456", "020315-5123456"],
    ["900101 - 1234567", "900101 - 1234567"],
  ])("finds %j", (text, match) => {
    expect(kinds(text)).toEqual([["rrn", match]]);
  });

  it.each([
    ["not a real month", "901301-1234567"],
    ["not a real day", "900132-1234567"],
    ["the 7th digit is no century/sex digit", "900101-9234567"],
    ["one digit too many", "900101-12345678"],
    ["part of a longer number", "19900101-1234567"],
    ["a date range", "2024-11-24 ~ 2024-12-01"],
  ])("ignores %s: %j", (_why, text) => {
    expect(kinds(text).filter(([k]) => k === "rrn")).toEqual([]);
  });
});

describe("Korean phone numbers", () => {
  it.each([
    ["010-1234-5678"],
    ["010 1234 5678"],
    ["010.1234.5678"],
    ["01012345678"],
    ["011-123-4567"],
    ["02-123-4567"],
    ["02-1234-5678"],
    ["(02) 1234-5678"],
    ["031-123-4567"],
    ["051 234 5678"],
    ["070-1234-5678"],
    ["+82 10 1234 5678"],
    ["+82-10-1234-5678"],
    ["+82 2 123 4567"],
  ])("finds %j", (phone) => {
    expect(kinds(`연락처는 ${phone} 입니다`)).toEqual([["phone", phone]]);
  });

  it.each([
    ["a date", "2024-11-24"],
    ["a business number without a person behind it", "1588-1234"],
    ["a landline without separators (could be any code)", "0212345678"],
    ["an amount", "예산 1,000,000,000원"],
    ["a law's number", "법률 제12345호"],
    ["a version", "version 10.1.2.3"],
    ["a mobile number one digit too long", "010-1234-56789"],
    ["a year range", "2010-2020"],
  ])("ignores %s: %j", (_why, text) => {
    expect(kinds(text)).toEqual([]);
  });
});

describe("e-mail addresses", () => {
  it.each([["minji@example.org"], ["minji.kim+madang@example.co.kr"], ["a_b-c@sub.domain.kr"]])("finds %j", (address) => {
    expect(kinds(`메일 ${address} 로 주세요`)).toEqual([["email", address]]);
  });

  it.each([["@madang 계정"], ["user@localhost"], ["이메일(at)example.org"], ["price@ 3000"]])("ignores %j", (text) => {
    expect(kinds(text)).toEqual([]);
  });
});

describe("card numbers (Luhn)", () => {
  it("the Luhn check", () => {
    expect(luhnValid("4111111111111111")).toBe(true);
    expect(luhnValid("5500005555555559")).toBe(true);
    expect(luhnValid("378282246310005")).toBe(true);
    expect(luhnValid("4111111111111112")).toBe(false);
    expect(luhnValid("1234567890123456")).toBe(false);
    expect(luhnValid("12a4")).toBe(false);
  });

  it.each([["4111 1111 1111 1111"], ["4111-1111-1111-1111"], ["4111111111111111"], ["5500 0055 5555 5559"], ["3782 822463 10005"]])(
    "finds %j, which passes Luhn",
    (card) => {
      expect(kinds(`카드 ${card}`)).toEqual([["card", card]]);
    },
  );

  it.each([
    ["random digits that fail Luhn", "1234 5678 9012 3456"],
    ["another random run", "4111 1111 1111 1112"],
    ["an order number", "주문번호 20241124123456"],
    ["all zeros (passes Luhn, is no card)", "0000 0000 0000 0000"],
    ["mixed separators", "4111 1111-1111 1111"],
    ["too short", "4111 1111 1111"],
    ["too long", "4111 1111 1111 1111 1111"],
    ["a decimal fraction", "0.4111111111111111"],
    ["a number with decimals", "4111111111111111.5"],
  ])("ignores %s: %j", (_why, text) => {
    expect(kinds(text)).toEqual([]);
  });
});

describe("several matches, positions and masking", () => {
  it("reports each match once, in order, with its line", () => {
    const text = "첫 줄\n전화 010-1234-5678\n메일 minji@example.org, 주민 900101-1234567";
    const found = findPersonalData(text);
    expect(found.map((m) => [m.kind, m.line])).toEqual([
      ["phone", 2],
      ["email", 3],
      ["rrn", 3],
    ]);
    expect(text.slice(found[0].index, found[0].index + found[0].text.length)).toBe("010-1234-5678");
  });

  it("a resident number is not also taken for a card", () => {
    expect(kinds("9001011234567").map(([k]) => k)).toEqual(["rrn"]);
  });

  it("masks most digits and letters", () => {
    expect(maskMatch({ kind: "phone", text: "010-1234-5678" })).toBe("010-••••-••78");
    expect(maskMatch({ kind: "rrn", text: "900101-1234567" })).toBe("900•••-•••••67");
    expect(maskMatch({ kind: "email", text: "minji@example.org" })).toBe("mi•••@example.org");
    expect(maskMatch({ kind: "card", text: "4111 1111 1111 1111" })).toBe("411• •••• •••• ••11");
  });

  it("plain text has none", () => {
    expect(findPersonalData("대중교통 요금을 낮춰 주세요. 청년 정기권 3만 원, 2025년부터.")).toEqual([]);
  });
});

describe("block list", () => {
  it("normalises terms: width, case, spaces", () => {
    expect(normalizeTerm("  ＣＡＳＩＮＯ   Site ")).toBe("casino site");
  });

  it("Korean terms match inside words (particles attach)", () => {
    expect(matchBlockedTerms("불법도박을 홍보합니다", ["도박"])).toEqual(["도박"]);
    expect(matchBlockedTerms("도서관을 늘려 주세요", ["도박"])).toEqual([]);
  });

  it("Latin terms match whole words only, in any case and width", () => {
    expect(matchBlockedTerms("Visit our CASINO today", ["casino"])).toEqual(["casino"]);
    expect(matchBlockedTerms("ＣＡＳＩＮＯ 홍보", ["casino"])).toEqual(["casino"]);
    expect(matchBlockedTerms("casino를 홍보", ["casino"])).toEqual(["casino"]);
    expect(matchBlockedTerms("a class on assertive writing", ["ass"])).toEqual([]);
  });

  it("lists each term once, in the list's order", () => {
    expect(matchBlockedTerms("spam spam 도박 spam", ["도박", "spam", "SPAM", "없는말"])).toEqual(["도박", "spam"]);
  });

  it("an empty list matches nothing", () => {
    expect(matchBlockedTerms("anything", [])).toEqual([]);
  });
});

describe("screening a new idea", () => {
  const now = new Date("2026-11-24T12:00:00Z");
  const old = new Date("2026-01-01T00:00:00Z");
  const rules = { blockedTerms: ["도박"], maxLinks: 3, minAccountMinutes: 60, accountCreatedAt: old, now };
  const clean = { title: "청년 정기권을 만들어 주세요", body: "출퇴근 교통비 부담을 줄이는 정기권을 제안합니다. 자세한 내용은 본문과 같습니다." };

  it("a clean idea from an older account passes", () => {
    expect(screenIdea(clean, rules)).toEqual([]);
  });

  it("holds personal data, with the match masked", () => {
    expect(screenIdea({ ...clean, body: `${clean.body} 문의 010-1234-5678` }, rules)).toEqual([
      { kind: "personal_data", what: "phone", match: "010-••••-••78" },
    ]);
  });

  it("holds more than the allowed links, not the allowed number", () => {
    const links = (n: number) => Array.from({ length: n }, (_, i) => `[출처 ${i}](https://example.org/${i})`).join(" ");
    expect(countLinks(links(4))).toBe(4);
    expect(countLinks("www.example.org and http://a.example")).toBe(2);
    expect(screenIdea({ ...clean, body: `${clean.body} ${links(3)}` }, rules)).toEqual([]);
    expect(screenIdea({ ...clean, body: `${clean.body} ${links(4)}` }, rules)).toEqual([{ kind: "links", count: 4, max: 3 }]);
  });

  it("holds block-list terms, in the title too", () => {
    expect(screenIdea({ ...clean, title: "도박장을 열어 주세요" }, rules)).toEqual([{ kind: "blocked_term", match: "도박" }]);
  });

  it("holds ideas from accounts younger than the setting", () => {
    const young = { ...rules, accountCreatedAt: new Date(now.getTime() - 59 * 60_000) };
    expect(screenIdea(clean, young)).toEqual([{ kind: "new_account", count: 60 }]);
    expect(screenIdea(clean, { ...rules, accountCreatedAt: new Date(now.getTime() - 61 * 60_000) })).toEqual([]);
    // A submission dated before the account existed (demo data, back-dated tests) is not "young".
    expect(screenIdea(clean, { ...rules, accountCreatedAt: new Date(now.getTime() + 60_000) })).toEqual([]);
  });

  it("gives every reason at once", () => {
    const hits = screenIdea({ title: "도박 광고", body: "minji@example.org 으로 연락 주세요. 충분히 긴 본문입니다." }, { ...rules, accountCreatedAt: now });
    expect(hits.map((h) => h.kind)).toEqual(["personal_data", "blocked_term", "new_account"]);
  });
});

describe("IP prefixes for the burst watch", () => {
  it.each([
    ["203.0.113.57", "203.0.113.0/24"],
    ["::ffff:203.0.113.57", "203.0.113.0/24"],
    ["2001:db8:1234:5::1", "2001:db8:1234::/48"],
    ["2001:0db8:0000:0000:0000:ff00:0042:8329", "2001:db8:0::/48"],
    ["[2001:db8:abcd::1]", "2001:db8:abcd::/48"],
  ])("%s → %s", (ip, prefix) => {
    expect(ipPrefix(ip)).toBe(prefix);
  });

  it.each([[""], [null], [undefined], ["garbage"], ["999.1.1.1"]])("nothing for %j", (ip) => {
    expect(ipPrefix(ip)).toBeNull();
  });
});
