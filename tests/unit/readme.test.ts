// The README tells a newcomer two things the site does not say by itself: what decides the
// language, and that a new account's first idea waits for a moderator (and how to approve it).
// Both are checked against the code's own words, so the README cannot drift from them.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import en from "../../app/locales/en";
import { DEFAULT_SETTINGS } from "../../db/reference-data";
import { resolveLocaleForTest } from "./locale-helper";

const readme = fs.readFileSync(path.resolve(__dirname, "../../README.md"), "utf8");

describe("the README", () => {
  it("says what decides the language, in the order the code applies it", () => {
    const bullet = /- \*\*Language\*\* —([\s\S]*?)\n- /.exec(readme)?.[1] ?? "";
    const order = ["account", "madang_lang", "Accept-Language", "Korean"].map((word) => bullet.indexOf(word));
    expect(order.every((i) => i >= 0), bullet).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    // What it promises: a browser that asks for English gets English; Korean only when it asks for neither.
    expect(bullet).toMatch(/asks for English gets English/);
    expect(resolveLocaleForTest(null, "", "en-US,en;q=0.9")).toBe("en");
    expect(resolveLocaleForTest(null, "", "fr-FR")).toBe("ko");
    expect(resolveLocaleForTest("en", "madang_lang=ko", "ko")).toBe("en");
  });

  it("says a new account's first idea waits for a moderator, and how to approve it with the demo moderator", () => {
    const text = readme.replace(/\s+/g, " ");
    expect(text).toContain("moderator@madang.example.org");
    expect(text).toContain("`/moderation`");
    expect(text).toContain(`"${en.moderation.panel.approve}"`);
    expect(text).toContain(`"${en.moderation.queue.held}"`);
    expect(text).toContain(`\`screening_min_account_minutes\` setting, ${DEFAULT_SETTINGS.screening_min_account_minutes}`);
  });
});
