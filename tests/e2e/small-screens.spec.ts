// A phone, 360 pixels wide: the home, idea, committee, review and statistics pages (and the
// agencies) are photographed on every run (kept as test output in test-results/, never
// committed) and measured in the browser:
// - nothing is wider than the screen;
// - a status pill, tag or badge is one line, and so is every column header that is shown;
// - Korean words are not cut between two syllables (word-break: keep-all), unless a word is
//   wider than its whole line;
// - a wide table that scrolls says there is more;
// - the language switch shares its row of the header with other links.
import type { Page, TestInfo } from "@playwright/test";
import { DEMO, DEMO_PASSWORD, closeContext, demoIdeaPath, expect, freshPage, signedInPage, test } from "./fixtures";

const PHONE = { width: 360, height: 740 };

/** What is wrong with the page as laid out now, in words (empty when nothing is). */
async function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate((limit) => {
    const problems: string[] = [];
    const describe = (el: Element) => `<${el.tagName.toLowerCase()} class="${el.getAttribute("class") ?? ""}"> "${(el.textContent ?? "").trim().slice(0, 40)}"`;
    /** On screen: laid out, not in a closed <details> (outside its summary), not read-only text for screen readers. */
    const shown = (el: Element) => {
      const closed = el.closest("details:not([open])");
      if (closed && !el.closest("summary")) return false;
      if (el.closest(".visually-hidden")) return false;
      const box = el.getBoundingClientRect();
      return box.width > 1 && box.height > 1 && getComputedStyle(el).visibility !== "hidden";
    };
    /** The lines a piece of text takes: its fragments' distinct tops. */
    const linesOf = (range: Range) => new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top))).size;
    /** The lines the visible text of an element takes (text for screen readers only left out). */
    const linesOfElement = (el: Element) => {
      const tops = new Set<number>();
      const texts = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let text = texts.nextNode(); text; text = texts.nextNode()) {
        if (text.parentElement?.closest(".visually-hidden")) continue;
        const range = document.createRange();
        range.selectNodeContents(text);
        for (const r of range.getClientRects()) if (r.width > 0) tops.add(Math.round(r.top));
      }
      return tops.size;
    };

    const width = document.documentElement.scrollWidth;
    if (width > limit) {
      const wide = [...document.querySelectorAll("body *")].filter((e) => e.getBoundingClientRect().right > limit + 1).slice(-3);
      problems.push(`the page is ${width}px wide: ${wide.map(describe).join(", ")}`);
    }

    for (const el of document.querySelectorAll(".status, .tag, .stance, .overdue-tag, .badge, thead th")) {
      if (!shown(el)) continue;
      const lines = linesOfElement(el);
      if (lines > 1) problems.push(`broken across ${lines} lines: ${describe(el)}`);
    }

    // Two Hangul syllables of one word on different lines.
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || parent.closest("svg, script, style, option, [hidden]") || !shown(parent)) continue;
      const text = node.textContent ?? "";
      for (const match of text.matchAll(/[\uAC00-\uD7A3]{2,}/g)) {
        const range = document.createRange();
        range.setStart(node, match.index!);
        range.setEnd(node, match.index! + match[0].length);
        if (linesOf(range) <= 1) continue;
        // The safety net: a word wider than its whole line may break.
        let block: Element | null = parent;
        while (block && getComputedStyle(block).display.startsWith("inline")) block = block.parentElement;
        const room = block ? block.clientWidth : limit;
        const wordWidth = [...range.getClientRects()].reduce((sum, r) => sum + r.width, 0);
        if (wordWidth <= room) problems.push(`the word "${match[0]}" is cut across lines in ${describe(parent)}`);
      }
    }

    // A table that scrolls sideways says so.
    for (const box of document.querySelectorAll(".table-scroll")) {
      if (!shown(box) || box.scrollWidth <= box.clientWidth + 1) continue;
      const hint = box.previousElementSibling;
      if (!hint?.classList.contains("scroll-hint") || !shown(hint)) problems.push(`a table scrolls sideways without saying so: ${describe(box)}`);
    }

    // The language switch is not a row of its own.
    const switcher = document.querySelector(".language-form button");
    if (switcher) {
      const own = switcher.getBoundingClientRect();
      const middle = own.top + own.height / 2;
      const beside = [...document.querySelectorAll(".site-header a, .site-header button")].filter((el) => {
        if (el === switcher || !shown(el)) return false;
        const box = el.getBoundingClientRect();
        return box.top <= middle && box.bottom >= middle;
      });
      if (beside.length === 0) problems.push("the language switch takes a header row of its own");
    }
    return problems;
  }, PHONE.width);
}

/** Photographs the whole page (kept with the test's output) and measures it. */
async function check(page: Page, testInfo: TestInfo, name: string, url: string): Promise<string[]> {
  const response = await page.goto(url);
  expect(response?.status(), url).toBe(200);
  // Wait for the scripts (the scroll hint is measured once hydrated).
  await page.waitForLoadState("networkidle");
  const file = testInfo.outputPath(`${name}-${PHONE.width}.png`);
  await page.screenshot({ path: file, fullPage: true });
  await testInfo.attach(`${name} at ${PHONE.width}px`, { path: file, contentType: "image/png" });
  return (await layoutProblems(page)).map((p) => `${name} (${url}): ${p}`);
}

const PAGES = ["home", "idea", "committee", "review", "statistics", "agencies"] as const;
const URLS: Record<(typeof PAGES)[number], string> = {
  home: "/",
  idea: "", // a demo idea's, found when the test runs
  committee: "/committees/economy",
  review: "/review",
  statistics: "/stats",
  agencies: "/agencies",
};

// Korean as the demo officer sees it (the review queue, the longest header); English as a visitor.
// A page audit of one language, like accessibility.spec.ts's: tagged for CI (decision 102).
for (const lang of ["ko", "en"] as const) {
  test(`at 360 px in ${lang}: nothing overflows, no pill, column header or word is cut, wide tables say so, the language switch shares a row`, { tag: `@audit-${lang}` }, async ({ browser }, testInfo) => {
    test.setTimeout(120_000);
    const page =
      lang === "ko"
        ? await signedInPage(browser, "officer@madang.example.org", DEMO_PASSWORD, { viewport: PHONE })
        : await freshPage(browser, { lang, viewport: PHONE });
    const urls = { ...URLS, idea: await demoIdeaPath(page, DEMO.transitIdea.title) };
    const problems: string[] = [];
    for (const name of PAGES.filter((p) => lang === "ko" || p !== "review")) {
      problems.push(...(await check(page, testInfo, `${lang}-${name}`, urls[name])));
    }
    await closeContext(page);
    expect(problems, problems.join("\n")).toEqual([]);
  });
}

test("the committee's table and the review queue are stacked cards at 360 px, each value named", async ({ browser }) => {
  const page = await signedInPage(browser, "officer@madang.example.org", DEMO_PASSWORD, { viewport: PHONE });
  for (const url of ["/committees/economy", "/review"]) {
    await page.goto(url);
    const table = page.locator("table.stack-table").first();
    await expect(table).toBeVisible();
    // The header row is not shown (each cell says its column's name instead), but still read.
    await expect(table.locator("thead")).toHaveCSS("position", "absolute");
    const labelled = table.locator("tbody td[data-label]").first();
    const label = await labelled.getAttribute("data-label");
    const before = await labelled.evaluate((td) => getComputedStyle(td, "::before").content);
    expect(before).toContain(label!);
  }
  await closeContext(page);
});
