// class: content the Content-Security-Policy refuses (issue 21, item 13). The policy allows no
// eval and only scripts carrying the response's nonce; anything a page does that the policy
// refuses shows up as a `securitypolicyviolation` event — zod's probe for `new Function` did on
// every page. Every page type is loaded and used (forms typed into, links followed, client-side
// navigation), signed out and signed in, and no violation may be reported.
import { DEMO, DEMO_PASSWORD, expect, login, test, type Page } from "./fixtures";

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
