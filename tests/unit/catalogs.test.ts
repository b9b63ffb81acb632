// What the message catalogs must hold beyond the same keys in both languages (migrations.test.ts):
// English plurals through i18next's plural rules wherever a count is shown, and one Korean word
// for one action.
import { describe, expect, it } from "vitest";
import en from "../../app/locales/en";
import ko from "../../app/locales/ko";
import { translator } from "../../app/utils/i18n";
import { appSources } from "./sources";

function messages(o: object, prefix = ""): [string, string][] {
  return Object.entries(o).flatMap(([k, v]) => (typeof v === "string" ? [[prefix + k, v] as [string, string]] : messages(v, `${prefix}${k}.`)));
}
const PLURAL = /_(zero|one|two|few|many|other)$/;

describe("English plurals", () => {
  const all = messages(en);
  const keys = new Set(all.map(([k]) => k));

  it("every message that shows a count is a plural (key_one and key_other), unless the count stands alone after a colon", () => {
    const wrong = all
      .filter(([, text]) => /\{\{count\b/.test(text))
      // "Reports: 3" reads right for any number.
      .filter(([, text]) => !/: \{\{count(, *\w+)?\}\}\.?$/.test(text))
      .filter(([key]) => {
        const base = key.replace(PLURAL, "");
        return !PLURAL.test(key) || !keys.has(`${base}_one`) || !keys.has(`${base}_other`);
      })
      .map(([key, text]) => `${key}: ${text}`);
    expect(wrong).toEqual([]);
  });

  // A number put into a message under another name than `count` gets no plural rule ("1 days"),
  // unless the message is a plural already (keyed on another of its numbers). Only limits that
  // are never 1 may do it.
  // Limits: a maximum is never one, nor is a minimum (a minimum of one is "required").
  const NEVER_ONE = new Set(["max", "min"]);
  const NOUNS = /^(seconds|minutes|hours|days|weeks|months|years|ideas|supports|supporters|posts|comments|replies|people|accounts|links|updates|characters|notifications|reports|members|threads|terms|votes|times)$/;
  it("no other placeholder stands before a counted noun", () => {
    const wrong = all
      .filter(([key]) => !PLURAL.test(key))
      .flatMap(([key, text]) => [...text.matchAll(/\{\{(\w+)(?:, *\w+)?\}\} ([a-z]+)\b/g)].map((m) => ({ key, text, name: m[1], noun: m[2] })))
      .filter(({ name, noun }) => NOUNS.test(noun) && !NEVER_ONE.has(name))
      .map(({ key, text }) => `${key}: ${text}`);
    expect(wrong).toEqual([]);
  });

  it("the code gives every plural message its count", () => {
    const plurals = new Set(all.filter(([key]) => PLURAL.test(key)).map(([key]) => key.replace(PLURAL, "")));
    const wrong: string[] = [];
    for (const [file, text] of appSources()) {
      for (const m of text.matchAll(/(?:\bt|msg)\("([\w.]+)"(?:,\s*(\{[^}]*\}))?/g)) {
        if (plurals.has(m[1]) && !/\bcount\b/.test(m[2] ?? "")) wrong.push(`${file}: ${m[0]}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it("says 1 in the singular and 2 in the plural", () => {
    const t = translator("en");
    expect(t("home.ideasAtStep", { count: 1 })).toBe("1 idea at this step");
    expect(t("home.ideasAtStep", { count: 2 })).toBe("2 ideas at this step");
    expect(t("home.threshold", { count: 1 })).toBe("1 support to be fast-tracked");
    expect(t("home.threshold", { count: 1500 })).toBe("1,500 supports to be fast-tracked");
    expect(t("errors.rateLimited", { count: 1 })).toBe("Too many attempts. Try again in 1 minute.");
    expect(t("ideas.progress", { count: 1, supports: "0", threshold: "1" })).toBe("0 of 1 support");
    // Korean has one form for every number.
    expect(translator("ko")("home.ideasAtStep", { count: 1 })).toBe("이 단계의 제안 1건");
  });
});

describe("one word for one action", () => {
  // Korean words that would name the same action twice. The catalogs' comments say which word
  // was chosen (app/locales/ko/workflow.ts).
  const CHOSEN: { word: string; not: RegExp; action: string }[] = [
    // 전달: an idea goes from the committee to an agency. 이송 is kept for a later transfer
    // between agencies (a civil petition's 민원 이송), so it must not name forwarding.
    { word: "전달", not: /이송/, action: "forwarding an idea to an agency" },
  ];
  for (const { word, not, action } of CHOSEN) {
    it(`${action} is “${word}” everywhere`, () => {
      expect(messages(ko).filter(([, text]) => not.test(text))).toEqual([]);
      expect(messages(ko).some(([, text]) => text.includes(word))).toBe(true);
    });
  }
});
