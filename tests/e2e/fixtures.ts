// Shared helpers for the end-to-end tests: unique accounts, signing in and out as a person
// would (by label and role), and reading the e-mail the app "sent" from /dev/mail.
// Texts come from the app's own catalogs, so a test reads the same words a person sees.
import { randomBytes } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { expect, test as base, type Browser, type BrowserContext, type Locator, type Page } from "@playwright/test";
import en from "../../app/locales/en";
import ko from "../../app/locales/ko";

export { en, ko };
export type Messages = typeof en;

const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];

/**
 * Marks the window once the page's script runs: the mark survives a navigation within the page,
 * not a page load (`stillMarked`).
 */
export async function markWindow(page: Page): Promise<void> {
  await page.waitForFunction(() => "__remixRouter" in window);
  await page.evaluate(() => ((window as Window & { madangMark?: boolean }).madangMark = true));
}

/** Whether React owns this element (it hydrated or rendered it), not only the server's HTML. */
export function reactOwns(locator: Locator): Promise<boolean> {
  return locator.evaluate((element) => Object.keys(element).some((key) => key.startsWith("__reactFiber")));
}

/**
 * The element once React owns it (the page's scripts handle it, not only the server's HTML): for
 * a test about what the scripts do with a click, which a click before hydration would bypass.
 */
export async function hydrated(locator: Locator): Promise<Locator> {
  await expect.poll(() => reactOwns(locator)).toBe(true);
  return locator;
}

/** Whether the window marked by `markWindow` is still the same: no page load since. */
export function stillMarked(page: Page): Promise<boolean> {
  return page.evaluate(() => (window as Window & { madangMark?: boolean }).madangMark === true);
}

/** The page has no axe violation, and at 360 pixels nothing is wider than the screen. */
export async function expectAccessible(page: Page, where: string) {
  const { violations } = await new AxeBuilder({ page }).withTags(AXE_TAGS).setLegacyMode(true).options({ resultTypes: ["violations"] }).analyze();
  expect(violations.map((v) => `${where}: ${v.id} ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
  await page.setViewportSize({ width: 360, height: 740 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, `${where} scrolls sideways`).toBeLessThanOrEqual(0);
  await page.setViewportSize({ width: 1280, height: 900 });
}

/** The password of every demo account (db/demo.ts). */
export const DEMO_PASSWORD = "madang-demo-2026";

export const DEMO = {
  citizen: { email: "citizen@madang.example.org", name: "김민지" },
  admin: { email: "admin@madang.example.org", name: "한지원" },
  chair: { email: "chair@madang.example.org", name: "박정호" }, // chairs the "economy" committee
  member: { email: "member@madang.example.org", name: "이수진" }, // a member of "economy" (three people: quorum 2)
  member2: { email: "member2@madang.example.org", name: "강다은" }, // the economy committee's second member
  officer: { email: "officer@madang.example.org", name: "최영수" }, // officer of agency "moef"
  officer2: { email: "officer2@madang.example.org", name: "서민호" }, // officer of agency "mohw": receives transfers
  /** The open call for ideas of the demo data: threshold 5, no committee of its own. */
  campaign: { slug: "everyday-recovery", title: "일상 회복을 위한 국민 아이디어 공모", threshold: 5 },
  /** A demo idea with many supporters, for similar-idea suggestions. */
  transitIdea: { title: "대중교통 요금을 낮춰 주세요" },
} as const;

/** One of the 40 demo neighbours (neighbour1 … neighbour40), all with verified addresses. */
export function neighbour(n: number): { email: string; name: string } {
  return { email: `neighbour${n}@madang.example.org`, name: `이웃 ${n}` };
}

/** Fills a catalog text's {{placeholders}} (plain values; no plural or number formatting). */
export function interpolate(template: string, values: Record<string, string | number>): string {
  // `{{max, number}}` groups digits as the app's Intl formatting does (10,000 in both languages).
  return template.replace(/\{\{(\w+)(?:, *(\w+))?\}\}/g, (whole, name: string, format?: string) =>
    !(name in values) ? whole : format === "number" ? Number(values[name]).toLocaleString("en-US") : String(values[name]),
  );
}

/** A regular expression that matches this text literally, anywhere. */
export function literally(text: string): RegExp {
  return new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
}

/** The path of a demo idea, by its title (ids depend on the order of loading): from the open data. */
export async function demoIdeaPath(page: Page, title: string): Promise<string> {
  const response = await page.request.get("/api/v1/ideas?limit=1000");
  const { data } = (await response.json()) as { data: { id: number; title: string }[] };
  const idea = data.find((i) => i.title === title);
  expect(idea, `demo idea "${title}"`).toBeTruthy();
  return `/ideas/${idea!.id}`;
}

/** A date as the Korean pages show it (formatDate in app/utils/i18n.ts, Korea time). */
export function koreanDate(date: Date): string {
  return new Intl.DateTimeFormat("ko-KR", { dateStyle: "medium", timeZone: "Asia/Seoul" }).format(date);
}

const SYLLABLES = Array.from("가나다라마바사아자차카타파하고노도로모보소오조초코토포호구누두루무부수우주추쿠투푸후");

/** A made-up Korean word no other test uses: search finds exactly the idea that carries it. */
export function uniqueKoreanWord(): string {
  const bytes = randomBytes(5);
  return Array.from(bytes, (b) => SYLLABLES[b % SYLLABLES.length]).join("");
}

/** An address no other test (or run) uses. */
export function uniqueEmail(tag = "user"): string {
  return `e2e-${tag}-${Date.now()}-${randomBytes(3).toString("hex")}@example.org`;
}

/** A password that passes the rules (10+ characters, not common, not the e-mail). */
export function strongPassword(): string {
  return `Yard-${randomBytes(6).toString("hex")}-walk`;
}

/** The catalog of the language the page is shown in (<html lang>). */
export async function messagesOf(page: Page): Promise<Messages> {
  const lang = await page.locator("html").getAttribute("lang");
  return lang === "en" ? en : ko;
}

/** A signed-out browser context of its own (its own cookies), Korean like the default. */
export async function freshPage(browser: Browser, options: { lang?: "ko" | "en"; viewport?: { width: number; height: number } } = {}): Promise<Page> {
  const context = await browser.newContext({ locale: options.lang === "en" ? "en-US" : "ko-KR", ...(options.viewport ? { viewport: options.viewport } : {}) });
  return context.newPage();
}

export async function closeContext(page: Page): Promise<void> {
  await page.context().close();
}

/** Logs in through the form; expects to land signed in (the header shows the log-out button). */
export async function login(page: Page, email: string, password: string): Promise<void> {
  await page.goto("/login");
  const t = await messagesOf(page);
  await page.getByLabel(t.login.email, { exact: true }).fill(email);
  await page.getByLabel(t.login.password, { exact: true }).fill(password);
  await page.getByRole("button", { name: t.login.submit, exact: true }).click();
  // Signed in, the pages follow the account's language, which may not be the browser's.
  await expect(page.getByRole("button", { name: new RegExp(`^(${ko.nav.logout}|${en.nav.logout})$`) })).toBeVisible();
}

/** Logs out with the header's button (a POST); expects the header to offer logging in again. */
export async function logout(page: Page): Promise<void> {
  const t = await messagesOf(page);
  await page.getByRole("button", { name: t.nav.logout, exact: true }).click();
  await expect(page.getByRole("link", { name: t.nav.login, exact: true })).toBeVisible();
}

export interface NewAccount {
  email: string;
  displayName: string;
  password: string;
}

/**
 * Joins through /join with a new unique account; the page ends on "check your e-mail", signed
 * out (joining signs no one in: the page must not tell a new address from a known one).
 */
export async function join(page: Page, tag = "user"): Promise<NewAccount> {
  const account = {
    email: uniqueEmail(tag),
    displayName: `시민 ${randomBytes(2).toString("hex")}`,
    password: strongPassword(),
  };
  await page.goto("/join");
  const t = await messagesOf(page);
  await page.getByLabel(t.join.email, { exact: true }).fill(account.email);
  await page.getByLabel(t.join.displayName, { exact: true }).fill(account.displayName);
  await page.getByLabel(t.join.password, { exact: true }).fill(account.password);
  await page.getByRole("button", { name: t.join.submit, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: t.join.checkMailTitle })).toBeVisible();
  await expect(page.getByRole("status")).toContainText(account.email);
  return account;
}

/** Joins with a new account and confirms its address from the e-mail, which signs in: a citizen who may take part. */
export async function joinVerified(page: Page, tag = "user"): Promise<NewAccount> {
  const account = await join(page, tag);
  const t = await messagesOf(page);
  const origin = new URL(page.url()).origin;
  const link = await openLatestMail(page, account.email, {
    subject: t.mail.verify.subject,
    linkPrefix: `${origin}/verify-email?token=`,
  });
  await page.goto(link!);
  await expect(page.getByText(t.verify.done)).toBeVisible();
  return account;
}

type StorageState = Awaited<ReturnType<BrowserContext["storageState"]>>;

/**
 * Signed-in sessions of this worker, by account: each account logs in through the form once per
 * worker, and later contexts start from its cookies (password hashing is slow on a busy machine).
 */
const sessions = new Map<string, Promise<StorageState>>();

/** The cookies of a session of this account (logged in through the form the first time). */
export function sessionOf(browser: Browser, email: string, password = DEMO_PASSWORD): Promise<StorageState> {
  const key = `${email}\n${password}`;
  let state = sessions.get(key);
  if (!state) {
    state = (async () => {
      const page = await freshPage(browser);
      await login(page, email, password);
      const saved = await page.context().storageState();
      await closeContext(page);
      return saved;
    })();
    state.catch(() => sessions.delete(key));
    sessions.set(key, state);
  }
  return state;
}

/**
 * A browser context of its own (Korean unless told), signed in as this account, on the home
 * page; returns its page. Contexts of one account share one session (never log it out).
 */
export async function signedInPage(
  browser: Browser,
  email: string,
  password = DEMO_PASSWORD,
  options: { lang?: "ko" | "en"; javaScriptEnabled?: boolean; viewport?: { width: number; height: number } } = {},
): Promise<Page> {
  const context = await browser.newContext({
    locale: options.lang === "en" ? "en-US" : "ko-KR",
    storageState: await sessionOf(browser, email, password),
    ...(options.javaScriptEnabled === false ? { javaScriptEnabled: false } : {}),
    ...(options.viewport ? { viewport: options.viewport } : {}),
  });
  const page = await context.newPage();
  await page.goto("/");
  await expect(page.getByRole("button", { name: new RegExp(`^(${ko.nav.logout}|${en.nav.logout})$`) })).toBeVisible();
  return page;
}

/**
 * Opens, in `page`, the newest e-mail to `address` in the development outbox (/dev/mail),
 * optionally the newest with this subject. Returns the link in it that starts with `linkPrefix`
 * (a full URL), when asked for.
 */
export async function openLatestMail(
  page: Page,
  address: string,
  options: { subject?: string; linkPrefix?: string } = {},
): Promise<string | null> {
  await expect(async () => {
    await page.goto("/dev/mail");
    let rows = page.getByRole("row").filter({ has: page.getByRole("cell", { name: address, exact: true }) });
    if (options.subject) rows = rows.filter({ has: page.getByRole("link", { name: options.subject, exact: true }) });
    // The outbox lists the newest first.
    await rows.first().getByRole("link").click({ timeout: 2_000 });
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(options.subject ?? /.+/, { timeout: 2_000 });
  }).toPass({ timeout: 15_000 });
  await expect(page.getByText(address, { exact: true })).toBeVisible();
  if (!options.linkPrefix) return null;
  const link = page.getByRole("link", { name: options.linkPrefix });
  await expect(link).toHaveCount(1);
  const href = await link.getAttribute("href");
  expect(href).toBeTruthy();
  return href!;
}

/** The `test` of these specs: `t` is the Korean catalog (the default language). */
export const test = base.extend<{ t: Messages }>({
  // eslint-disable-next-line no-empty-pattern
  t: async ({}, use) => {
    await use(ko);
  },
});

export { expect };
export type { BrowserContext, Page };

/**
 * Signs `page` in as a long-standing demo citizen. New accounts' first ideas are held for a
 * moderator (account-age screening), so flows that need an idea to open at once use these.
 */
export async function signInNeighbour(page: Page, n: number): Promise<NewAccount> {
  const who = neighbour(n);
  await login(page, who.email, DEMO_PASSWORD);
  return { email: who.email, displayName: who.name, password: DEMO_PASSWORD };
}

/**
 * Proposes an idea through /ideas/new, in the page's language (`t`), and returns the path of its
 * page once the browser is there. For an account whose ideas open at once (signInNeighbour).
 */
export async function proposeIdea(page: Page, t: Messages, idea: { title: string; body: string; category: string }): Promise<string> {
  await page.goto("/ideas/new");
  await page.getByLabel(t.ideas.title, { exact: true }).fill(idea.title);
  await page.getByLabel(t.ideas.body, { exact: true }).fill(idea.body);
  await page.getByLabel(t.ideas.categoryLabel, { exact: true }).selectOption({ label: idea.category });
  await page.getByRole("button", { name: t.ideas.submit, exact: true }).click();
  await expect(page).toHaveURL(/\/ideas\/\d+\?created=1$/);
  return new URL(page.url()).pathname;
}
