// A page comes with only the messages it used (docs/decisions/052-catalog-parts.md): moving on
// without a page load to a page that needs messages the browser lacks must still show real text
// (never a key such as "settings.title"), with no hydration error, in either language.
import { expect, test, type Page } from "@playwright/test";
import { closeContext, DEMO, en, joinVerified, ko, markWindow, signedInPage, stillMarked } from "./fixtures";

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
