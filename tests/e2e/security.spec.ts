// class: content the Content-Security-Policy refuses (issue 21, item 13). The policy allows no
// eval and only scripts carrying the response's nonce; anything a page does that the policy
// refuses shows up as a `securitypolicyviolation` event — zod's probe for `new Function` did on
// every page. Every page type is loaded and used (forms typed into, links followed, client-side
// navigation), signed out and signed in, and no violation may be reported.
import { keptPage, keptPolicy } from "../../app/utils/page-cache.server";
import { DEMO, DEMO_PASSWORD, expect, hydrated, login, markWindow, stillMarked, test, type Page } from "./fixtures";

declare global {
  interface Window {
    __cspViolations?: string[];
  }
}

async function watchCsp(page: Page): Promise<void> {
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener("securitypolicyviolation", (e) => {
      window.__cspViolations!.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
    });
  });
}

async function violations(page: Page): Promise<string[]> {
  return page.evaluate(() => window.__cspViolations ?? []);
}

const PAGES = ["/", "/ideas", "/ideas?sort=new", "/campaigns", "/committees", "/committees/economy", "/agencies", "/stats", "/open-data", "/about", "/join", "/login", "/reset-password"];

test("no page breaks its own Content-Security-Policy, signed out or in", async ({ page, t }) => {
  await watchCsp(page);
  const found: string[] = [];
  const visit = async (path: string) => {
    await page.goto(path);
    await page.waitForLoadState("networkidle");
    for (const v of await violations(page)) found.push(`${path}: ${v}`);
  };
  for (const path of PAGES) await visit(path);

  // Forms validated and sent in the browser (client-side code runs its schemas).
  await page.goto("/join");
  await page.getByLabel(t.join.email, { exact: true }).fill("not-an-address");
  await page.getByRole("button", { name: t.join.submit, exact: true }).click();
  await expect(page.getByRole("alert").first()).toBeVisible();
  for (const v of await violations(page)) found.push(`/join (sent): ${v}`);

  await login(page, DEMO.citizen.email, DEMO_PASSWORD);
  for (const path of ["/me", "/me/notifications", "/me/settings", "/ideas/new", ...PAGES.slice(0, 4)]) await visit(path);
  // An idea page, reached by client-side navigation from the list.
  await page.goto("/ideas");
  await page.locator('main a[href^="/ideas/"]').filter({ hasNotText: /^$/ }).first().click();
  await page.waitForLoadState("networkidle");
  await page.getByRole("heading", { level: 1 }).first().waitFor();
  for (const v of await violations(page)) found.push(`${page.url()}: ${v}`);
  await page.goto("/ideas/new");
  await page.locator("input[name=title]").fill("버스 노선 연장 제안");
  await page.waitForTimeout(600); // similar ideas are looked up while typing
  for (const v of await violations(page)) found.push(`/ideas/new (typing): ${v}`);

  expect(found.join("\n")).toBe("");
});

// class: a kept page's scripts (decision 084). The page cache sends visitors a page without its
// render's nonce, its inline scripts allowed by their hashes. Here the browser gets /ideas as
// the cache would send it (the app's own keptPage and keptPolicy): the page's scripts must run
// and hydrate it, and a script the render did not write must not.
test("a page kept for visitors runs its own scripts by their hashes, and no other", async ({ page }) => {
  await watchCsp(page);
  await page.route(/\/ideas$/, async (route) => {
    const response = await route.fetch();
    const policy = response.headers()["content-security-policy"];
    const nonce = /'nonce-([^']+)'/.exec(policy)![1];
    const kept = keptPage(await response.body(), nonce);
    expect(kept.scripts.length).toBeGreaterThanOrEqual(4);
    const injected = Buffer.from(kept.body.toString("utf8").replace("</main>", "<script>window.__notTheRenders = true</script></main>"));
    await route.fulfill({ response, body: injected, headers: { ...response.headers(), "content-security-policy": keptPolicy(policy, nonce, kept.scripts) } });
  });
  await page.goto("/ideas");
  // The page's scripts ran: the router is up, React has hydrated the list (its element is
  // React's), and a link is followed without loading a page.
  await markWindow(page);
  const cards = page.locator("main ul.card-list").first();
  await hydrated(cards);
  await page.locator('main a[href^="/ideas/"]:not([href^="/ideas/new"])').filter({ hasNotText: /^$/ }).first().click();
  await expect(page).toHaveURL(/\/ideas\/\d+/);
  await page.getByRole("heading", { level: 1 }).first().waitFor();
  expect(await stillMarked(page)).toBe(true);
  // The script the render did not write was refused, and it is the only thing refused.
  expect(await page.evaluate(() => (window as Window & { __notTheRenders?: boolean }).__notTheRenders)).toBeUndefined();
  const refused = await violations(page);
  expect(refused.length).toBe(1);
  expect(refused[0]).toMatch(/^script-src(-elem)? inline/);
});
