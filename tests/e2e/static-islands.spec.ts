// Regions the browser keeps as the server wrote them instead of hydrating them (app/ui/static-island.tsx,
// decision 066): they must never show figures older than the page's data, and their links must
// still navigate within the page.
import { expect, hydrated, markWindow, reactOwns, stillMarked, test } from "./fixtures";

test("the statistics keep the server's tables until the figures change, then show the new ones", async ({ page, t }) => {
  await page.goto("/stats");
  const funnel = page.locator("figure.chart", { has: page.locator("#chart-funnel-title") });
  const rows = funnel.locator("tbody");
  // Hydrated around it, kept inside: the table body is React's, its rows the server's.
  await hydrated(rows);
  await expect(rows.locator("tr")).toHaveCount(await rows.locator("tr").count());
  expect(await rows.locator("tr").count()).toBeGreaterThan(2);
  expect(await reactOwns(rows.locator("tr").first())).toBe(false);
  const submitted = (await rows.locator("tr").first().locator("td").first().innerText()).trim();
  expect(submitted).not.toBe("0");

  // A period with no idea in it, chosen in the page (a navigation within it, not a page load).
  await markWindow(page);
  await page.getByLabel(t.stats.from, { exact: true }).fill("2001-01-01");
  await page.getByLabel(t.stats.to, { exact: true }).fill("2001-01-31");
  await page.getByRole("button", { name: t.stats.apply, exact: true }).click();
  await expect(page).toHaveURL(/from=2001-01-01/);
  await expect(rows.locator("tr").first().locator("td").first()).toHaveText("0");
  expect(await stillMarked(page)).toBe(true);
  // Every chart and table of the page shows the new period: no count but zero in the funnel.
  for (const cell of await rows.locator("tr td:nth-child(2)").allInnerTexts()) expect(cell.trim()).toBe("0");
  expect(await funnel.locator("svg").innerHTML()).not.toContain(`: ${submitted} `);
});

test("the home page's idea cards are the server's, and their links navigate within the page", async ({ page }) => {
  await page.goto("/");
  const cards = page.locator("#trending-heading").locator("xpath=ancestor::section").locator("ul.card-list");
  await hydrated(cards);
  const first = cards.locator("li.idea-card").first();
  await expect(first).toBeVisible();
  expect(await reactOwns(first)).toBe(false);
  const link = first.getByRole("link").first();
  const title = (await link.innerText()).trim();
  const href = await link.getAttribute("href");
  expect(href).toMatch(/^\/ideas\/\d+$/);

  await markWindow(page);
  await link.click();
  await expect(page).toHaveURL(new RegExp(`${href}$`));
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  expect(await stillMarked(page)).toBe(true);
  // Back on the home page by the browser's history: the cards render again, all of them.
  await page.goBack();
  await expect(cards.locator("li.idea-card").first()).toBeVisible();
  expect(await cards.locator("li.idea-card").count()).toBeGreaterThan(0);
});

test("the list's sort links, and its cards once another sort shows them, navigate within the page", async ({ page, t }) => {
  await page.goto("/ideas");
  const cards = page.locator("ul.card-list");
  await hydrated(cards);
  await markWindow(page);
  // The sort links are plain anchors that the page's main part follows (app/ui/follow-link.ts).
  await page.getByRole("navigation", { name: t.ideas.sortLabel }).getByRole("link", { name: t.ideas.sort.new, exact: true }).click();
  await expect(page).toHaveURL(/[?&]sort=new/);
  await expect(page.getByRole("link", { name: t.ideas.sort.new, exact: true })).toHaveAttribute("aria-current", "true");
  expect(await stillMarked(page)).toBe(true);
  // Other results: the island renders its cards itself now, and their links are followed all the same.
  const first = cards.locator("li.idea-card").first();
  await expect(first).toBeVisible();
  expect(await reactOwns(first)).toBe(true);
  const link = first.getByRole("link").first();
  const title = (await link.innerText()).trim();
  await link.click();
  await expect(page).toHaveURL(/\/ideas\/\d+$/);
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  expect(await stillMarked(page)).toBe(true);
});
