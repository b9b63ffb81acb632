// A page comes with only the messages it used (docs/decisions/052-catalog-parts.md): moving on
// without a page load to a page that needs messages the browser lacks must still show real text
// (never a key such as "settings.title"), with no hydration error, in either language.
import { expect, test, type Page } from "@playwright/test";
import { CATEGORIES } from "../../db/reference-data";
import { catalogParts } from "../../app/locales/parts";
import { closeContext, DEMO, en, hydrated, interpolate, joinVerified, ko, markWindow, neighbour, proposeIdea, signedInPage, stillMarked, uniqueKoreanWord } from "./fixtures";

/** A message key shown raw: a top-level key of the catalog, a dot, a name. */
const RAW_KEY = new RegExp(`(^|[^\\w@.-])(${Object.keys(en).join("|")})\\.[A-Za-z_]+`);

/** Collects what React and the browser say went wrong (a hydration mismatch, an uncaught error). */
function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error" && !/Failed to load resource/.test(message.text())) errors.push(message.text());
  });
  return errors;
}

type Watched = Window & { madangRawKeys?: string[] };

/**
 * Marks the document (the mark survives a navigation without a page load, not a page load) and
 * watches it: any text that shows a raw key, even for a moment, is noted.
 */
async function markAndWatch(page: Page): Promise<void> {
  await markWindow(page);
  await page.evaluate((source) => {
    const w = window as Watched;
    w.madangRawKeys = [];
    const rawKey = new RegExp(source);
    const check = (node: Node) => {
      const text = node.nodeType === Node.TEXT_NODE ? node.textContent : node instanceof HTMLElement ? node.innerText : null;
      const found = text?.match(rawKey);
      if (found) w.madangRawKeys!.push(found[0]);
    };
    new MutationObserver((records) => {
      for (const record of records) {
        if (record.type === "characterData") check(record.target);
        record.addedNodes.forEach(check);
      }
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  }, RAW_KEY.source);
}

/** No raw key on the page now, nor shown at any moment since markAndWatch. */
async function expectNoRawKeys(page: Page): Promise<void> {
  const text = await page.locator("body").innerText();
  expect(text.match(RAW_KEY)?.[0] ?? null).toBeNull();
  expect(await page.evaluate(() => (window as Watched).madangRawKeys)).toEqual([]);
}

test("an administrator goes from the home page to the administration and its settings without a page load, and reads real text", async ({ browser }) => {
  const page = await signedInPage(browser, DEMO.admin.email);
  const errors = watchErrors(page);
  await page.goto("/");
  await page.waitForFunction(() => document.querySelector("html")?.hasAttribute("lang") && "__remixRouter" in window);
  await markAndWatch(page);
  // The home page used no administration message: they come when the page needs them.
  const carried = await page.locator("#page-messages").textContent();
  const keys = Object.keys((JSON.parse(carried!) as { messages: Record<string, string> }).messages);
  expect(keys).toContain("nav.admin");
  expect(keys.filter((key) => /^(settings|admin)\./.test(key))).toEqual([]);
  await page.getByRole("navigation", { name: ko.site.mainNav }).getByRole("link", { name: ko.nav.admin, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: ko.admin.title })).toBeVisible();
  await expect(page.getByRole("link", { name: ko.settings.title, exact: true })).toBeVisible();
  await expectNoRawKeys(page);
  await page.getByRole("link", { name: ko.settings.title, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: ko.settings.title })).toBeVisible();
  await expectNoRawKeys(page);
  expect(await stillMarked(page), "moved without a page load").toBe(true);
  expect(errors).toEqual([]);
  await closeContext(page);
});

test("a person who chooses English in their settings sees the page in English at once, and the next pages too", async ({ browser }) => {
  const context = await browser.newContext({ locale: "ko-KR" });
  const page = await context.newPage();
  await joinVerified(page, "catalog");
  const errors = watchErrors(page);
  await page.goto("/me/settings");
  await page.waitForFunction(() => "__remixRouter" in window);
  await markAndWatch(page);
  await page.getByLabel(ko.mine.language, { exact: true }).selectOption("en");
  await page.getByRole("button", { name: ko.mine.save, exact: true }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("navigation", { name: en.site.mainNav }).getByRole("link", { name: en.nav.ideas, exact: true })).toBeVisible();
  await expectNoRawKeys(page);
  // Another page, without a page load, in English: its messages come in English.
  await page.getByRole("navigation", { name: en.site.mainNav }).getByRole("link", { name: en.nav.stats, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: en.stats.title })).toBeVisible();
  await expectNoRawKeys(page);
  expect(await stillMarked(page), "changed language without a page load").toBe(true);
  expect(errors).toEqual([]);
  await context.close();
});

test("a support and its withdrawal show their answers in full though no part of the catalog can load: the idea page comes with them", async ({ browser }) => {
  const author = await signedInPage(browser, neighbour(38).email);
  const word = uniqueKoreanWord();
  const path = await proposeIdea(author, ko, {
    title: `버스 정류장에 의자를 놓아 주세요: ${word}`,
    body: `${word} 정류장마다 의자가 있으면 어르신과 아이를 안은 부모가 버스를 기다리기 한결 쉬워집니다.`,
    category: CATEGORIES[0]!.name_ko,
  });
  await closeContext(author);

  const page = await signedInPage(browser, neighbour(39).email);
  const errors = watchErrors(page);
  // From here on no part of the catalog loads: what the answers show must come with the page. (Had
  // it to load, the update would suspend; one suspended as the page hydrated never showed.)
  const parts = new RegExp(`/build/_shared/(${Object.keys(catalogParts.ko).join("|")})-\\w+\\.js$`);
  const partsAsked: string[] = [];
  await page.route(parts, (route) => {
    partsAsked.push(route.request().url());
    return route.abort();
  });
  await page.goto(path);
  await markAndWatch(page);
  const threshold = Number(await page.getByRole("progressbar", { name: ko.ideas.progressLabel }).getAttribute("max"));
  const count = (n: number) => page.getByText(interpolate(ko.ideas.progress_other, { supports: n, threshold }), { exact: true });
  await expect(count(1)).toBeVisible();

  await (await hydrated(page.getByRole("button", { name: ko.ideas.support, exact: true }))).click();
  await expect(count(2)).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: ko.ideas.supported })).toBeVisible();
  await expect(page.getByText(ko.ideas.supportFollows, { exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: ko.ideas.unsupport, exact: true })).toBeVisible();

  await page.getByRole("button", { name: ko.ideas.unsupport, exact: true }).click();
  await expect(count(1)).toBeVisible();
  await expect(page.getByRole("button", { name: ko.ideas.follow, exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: ko.ideas.support, exact: true })).toBeVisible();

  await expectNoRawKeys(page);
  expect(await stillMarked(page), "answered without a page load").toBe(true);
  expect(partsAsked).toEqual([]);
  expect(errors).toEqual([]);
  await closeContext(page);
});
