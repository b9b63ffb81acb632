// Access for everyone (WCAG 2.2 AA), end to end:
// - axe (@axe-core/playwright) on every page type, in Korean and in English, signed out and
//   signed in as each role where the page differs, forms also with their errors shown, every
//   <details> opened so that the forms inside are checked too; any violation fails the test and
//   is printed with its rule, its target and the page;
// - the same pages at a 360-pixel-wide viewport: no horizontal scrolling;
// - the main citizen flow (find an idea, read it, support it, comment, propose an idea) with the
//   keyboard only, with a working skip link and a visible focus, and again without JavaScript.
// The audits of a language's pages are tagged `@audit-ko` or `@audit-en`: CI audits each
// language on one of its two database back ends (tests/run.ts, decision 102).
// The language is chosen by the madang_lang cookie for visitors, by the account for people.
import AxeBuilder from "@axe-core/playwright";
import type { APIRequestContext, Browser } from "@playwright/test";
import { AGENCIES, CATEGORIES, COMMITTEES } from "../../db/reference-data";
import { DEMO_GUESTS_IDEA } from "../../db/demo";
import { REASON_MIN } from "../../app/domain/committees/rules";
import { catalogParts } from "../../app/locales/parts";
import {
  closeContext,
  DEMO,
  DEMO_PASSWORD,
  en,
  expect,
  hydrated,
  interpolate,
  joinVerified,
  ko,
  neighbour,
  signedInPage,
  test,
  uniqueKoreanWord,
  type Messages,
  type NewAccount,
  type Page,
} from "./fixtures";

type Lang = "ko" | "en";
const LANGS: Lang[] = ["ko", "en"];
const catalog = (lang: Lang): Messages => (lang === "en" ? en : ko);

/** React's hydration mismatch errors (minified #418, #423, #425, or in words in development). */
const HYDRATION_MISMATCH = /Minified React error #(418|423|425)|Hydration failed|did not match|does not match server-rendered/;

/** WCAG 2.0–2.2 A and AA, and axe's best practices (landmarks, heading order, unique names). */
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];
const DESKTOP = { width: 1280, height: 900 };
/** A part of the catalog as the build names it (`_shared/receipts-<hash>.js`, app/locales/parts.ts). */
const CATALOG_PART = new RegExp(`/build/_shared/(${Object.keys(catalogParts.ko).join("|")})-[A-Z0-9]+\\.js$`);
const PHONE = { width: 360, height: 740 };

const ECONOMY = CATEGORIES.find((c) => c.slug === "economy")!;
const DEMO_THREAD = "소상공인 지원 제안들의 공통 쟁점"; // a thread of the economy committee, with posts
const MODERATOR = { email: "moderator@madang.example.org" };

/** Demo ideas, one at each step of the pipeline (db/demo.ts). */
const IDEAS = {
  open: "대중교통 요금을 낮춰 주세요", // with comments and a reply
  fastTracked: "폐교를 지역 돌봄 센터로 활용해 주세요", // the committee's deadline
  inDeliberation: "전통시장 온라인 장보기를 지원해 주세요",
  overdue: "소상공인 카드 수수료를 더 낮춰 주세요", // under review, past the agency's deadline
  answered: "공공 와이파이를 버스 정류장까지 넓혀 주세요",
  implementing: "청년 창업 공간을 무료로 열어 주세요",
  implemented: "One online portal for every business permit",
  closed: "모든 상품권을 현금으로 바꿀 수 있게 해 주세요",
  expired: "Longer opening hours for public swimming pools",
  english: "Public transit fares for students", // by the English demo citizen
  transferred: "어르신 무료 급식소를 주말에도 열어 주세요", // transferred to a second agency, which accepted
  assisted: "시장 앞 버스정류장에 의자와 가림막을 놓아 주세요", // filed at a booth, with paper batches (db/demo-assisted.ts)
} as const;
type IdeaKey = keyof typeof IDEAS;

/** The paths of the demo ideas, from the open data (ids depend on the order of loading). */
async function ideaPaths(request: APIRequestContext): Promise<Record<IdeaKey, string>> {
  const response = await request.get("/api/v1/ideas?limit=1000");
  expect(response.status()).toBe(200);
  const { data } = (await response.json()) as { data: { id: number; title: string }[] };
  const paths = {} as Record<IdeaKey, string>;
  for (const [key, title] of Object.entries(IDEAS) as [IdeaKey, string][]) {
    const idea = data.find((i) => i.title === title);
    expect(idea, `demo idea "${title}"`).toBeTruthy();
    paths[key] = `/ideas/${idea!.id}`;
  }
  return paths;
}

/**
 * Collects what is wrong on the pages it is shown: axe's violations, horizontal scrolling at 360
 * pixels, a page in the wrong language. `report()` fails with the whole list.
 */
class Audit {
  private readonly problems: string[] = [];
  private readonly pages: string[] = [];
  private readonly watched = new WeakSet<Page>();

  constructor(private readonly lang: Lang) {}

  /** A script that fails in the browser (a page that breaks once hydrated) is a problem too. */
  private watch(page: Page): void {
    if (this.watched.has(page)) return;
    this.watched.add(page);
    page.on("pageerror", (error) => {
      // React throws away a page whose server HTML differs from its own first render and renders
      // it again: a flash, and a click made meanwhile is lost. (Times in Korean did this: Node's
      // ICU writes "PM" where Chromium writes "오후"; formatDate now uses a 24-hour clock.)
      const what = HYDRATION_MISMATCH.test(error.message) ? "the server's HTML and the browser's render differ" : "a script failed";
      this.problems.push(`[${this.lang}] ${page.url()}\n    ${what}: ${error.message}`);
    });
  }

  /** Opens the page and checks it. */
  async visit(page: Page, who: string, url: string, options: { status?: number } = {}): Promise<void> {
    this.watch(page);
    // A page comes with the messages it shows (app/utils/i18n.ts). One that shows another once it
    // runs (an effect's state) suspends for that part of the catalog, and React hides the whole
    // page meanwhile (the route's <Suspense>, app/root.tsx): /verify-receipt went blank so.
    const parts: string[] = [];
    const noteParts = (request: { url(): string }) => {
      const part = CATALOG_PART.exec(new URL(request.url()).pathname)?.[1];
      if (part) parts.push(part);
    };
    page.on("request", noteParts);
    const started = Date.now();
    let loaded = started;
    try {
      const response = await page.goto(url);
      expect(response?.status(), `${who} ${url}`).toBe(options.status ?? 200);
      // Checked once the page's scripts own it and its first effects ran: what a person sees then.
      await hydrated(page.locator("#main > *").first());
      await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0))));
      loaded = Date.now();
      await this.check(page, who);
    } finally {
      page.off("request", noteParts);
    }
    if (parts.length) this.problems.push(`[${this.lang}, ${who}] ${url}\n    rule: the page shows a message it did not come with: it goes blank while its part of the catalog loads (${parts.join(", ")}); useMessagesAhead`);
    if (process.env.E2E_TIMING) console.log(`${this.lang} ${who} ${url}: load ${loaded - started} ms, checks ${Date.now() - loaded} ms`);
  }

  /** Checks the page as it is now (after a refused form, say). */
  async check(page: Page, who: string, state = ""): Promise<void> {
    this.watch(page);
    const where = `[${this.lang}, ${who}] ${new URL(page.url()).pathname}${new URL(page.url()).search}${state ? ` (${state})` : ""}`;
    this.pages.push(where);
    await expect(page.locator("html"), where).toHaveAttribute("lang", this.lang);
    // What closed <details> hold (staff forms, replies, filters) is checked too.
    await page.locator("details:not([open])").evaluateAll((all) => all.forEach((d) => ((d as HTMLDetailsElement).open = true)));
    // Legacy mode runs axe in the page itself, not in a new page per run: half the time, and the
    // site has no frames (what the other mode is for).
    // Only violations are wanted: the details of what passed cost as much as the checks.
    const { violations } = await new AxeBuilder({ page })
      .withTags(AXE_TAGS)
      .setLegacyMode(true)
      .options({ resultTypes: ["violations"] })
      .analyze();
    for (const v of violations) {
      for (const node of v.nodes) {
        this.problems.push(
          `${where}\n    rule: ${v.id} (${v.impact}) ${v.help} — ${v.helpUrl}\n    target: ${node.target.join(" ")}\n    html: ${node.html.slice(0, 200)}\n    ${(node.failureSummary ?? "").replace(/\n/g, "\n    ")}`,
        );
      }
    }
    // Ids are unique (labels, descriptions and skip targets point at the first of a kind).
    const duplicates = await page.evaluate(() => {
      const seen = new Map<string, number>();
      for (const el of document.querySelectorAll("[id]")) seen.set(el.id, (seen.get(el.id) ?? 0) + 1);
      return [...seen].filter(([, count]) => count > 1).map(([id, count]) => `#${id} ×${count}`);
    });
    if (duplicates.length) this.problems.push(`${where}\n    rule: unique ids\n    ${duplicates.join(", ")}`);
    // A phone: nothing wider than the screen.
    await page.setViewportSize(PHONE);
    const overflow = await page.evaluate((limit) => {
      const width = document.documentElement.scrollWidth;
      if (width <= limit) return null;
      const wide = [...document.querySelectorAll("body *")]
        .filter((e) => e.getBoundingClientRect().right > limit + 1)
        .slice(-3)
        .map((e) => `<${e.tagName.toLowerCase()} class="${e.className}"> ${Math.round(e.getBoundingClientRect().right)}px`);
      return `${width}px wide; widest: ${wide.join(", ")}`;
    }, PHONE.width);
    await page.setViewportSize(DESKTOP);
    if (overflow) this.problems.push(`${where}\n    rule: no horizontal scrolling at ${PHONE.width}px\n    ${overflow}`);
  }

  report(): void {
    expect(this.pages.length).toBeGreaterThan(0);
    expect(this.problems.length, `${this.problems.length} accessibility problems on ${this.pages.length} pages:\n\n${this.problems.join("\n\n")}\n`).toBe(0);
  }
}

/** A visitor's browser in this language (the language cookie, as the header's switch sets it). */
async function visitorPage(browser: Browser, baseURL: string, lang: Lang): Promise<Page> {
  const context = await browser.newContext({ locale: lang === "en" ? "en-US" : "ko-KR", viewport: DESKTOP });
  await context.addCookies([{ name: "madang_lang", value: lang, url: baseURL }]);
  return context.newPage();
}

/** Sends the main form of the page (the button with this name) and waits for the refusal. */
async function submitRefused(page: Page, button: string): Promise<void> {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === "POST"),
    page.getByRole("main").getByRole("button", { name: button, exact: true }).click(),
  ]);
  expect(response.status(), `${button} on ${page.url()}`).toBeGreaterThanOrEqual(400);
  await expect(page.getByRole("alert").first()).toBeVisible();
}

/** The path of a committee thread, from the committee's page. */
async function threadPath(page: Page, title: string): Promise<string> {
  await page.goto("/committees/economy");
  const href = await page.getByRole("link", { name: title, exact: true }).getAttribute("href");
  expect(href).toMatch(/^\/threads\/\d+$/);
  return href!;
}

/** The deliberation thread of the demo idea with guests (decision 054): labelled guests' posts, the chair's invitation forms. */
async function guestThreadPath(page: Page): Promise<string> {
  await page.goto("/committees/economy");
  const row = page.getByRole("row").filter({ hasText: DEMO_GUESTS_IDEA });
  const href = await row.getByRole("link", { name: ko.deliberation.committee.readThread }).or(row.getByRole("link", { name: en.deliberation.committee.readThread })).getAttribute("href");
  expect(href).toMatch(/^\/threads\/\d+$/);
  return href!;
}

/** The demo events (db/demo-events.ts): the past forum with minutes and the full town hall. */
const DEMO_EVENTS = {
  past: /^(골목상권 살리기 시민 포럼|Citizens' forum on reviving neighbourhood shops)$/,
  upcoming: /^(전통시장 온라인 장보기 타운홀 미팅|Town hall: online shopping for traditional markets)$/,
};

async function eventPaths(page: Page): Promise<{ past: string; upcoming: string }> {
  await page.goto("/events?when=past");
  const past = await page.getByRole("link", { name: DEMO_EVENTS.past }).getAttribute("href");
  await page.goto("/events");
  const upcoming = await page.getByRole("link", { name: DEMO_EVENTS.upcoming }).getAttribute("href");
  expect(past).toMatch(/^\/events\/\d+$/);
  expect(upcoming).toMatch(/^\/events\/\d+$/);
  return { past: past!, upcoming: upcoming! };
}

/** The demo committee's meeting pages, from its page's lists. */
async function meetingPaths(page: Page): Promise<string[]> {
  await page.goto("/committees/economy");
  const hrefs = await page.locator('a[href*="/meetings/"]').evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
  const meetings = [...new Set(hrefs.filter((h) => /^\/committees\/economy\/meetings\/\d+$/.test(h)))];
  expect(meetings.length).toBeGreaterThanOrEqual(2);
  return meetings;
}

// ——— Signed out ———

for (const lang of LANGS) {
  test(`visitor pages in ${lang}: no axe violations, no horizontal scrolling at 360 px`, { tag: `@audit-${lang}` }, async ({ browser, baseURL, request }) => {
    test.setTimeout(180_000);
    const t = catalog(lang);
    const ideas = await ideaPaths(request);
    const page = await visitorPage(browser, baseURL!, lang);
    const audit = new Audit(lang);
    const thread = await threadPath(page, DEMO_THREAD);
    const guestThread = await guestThreadPath(page);
    const events = await eventPaths(page);
    const pages = [
      "/",
      "/events",
      "/events?when=past",
      events.past,
      `${events.past}/history`,
      `${events.past}/history?v=1`,
      events.upcoming,
      "/ideas",
      `/ideas?q=${encodeURIComponent("없는낱말쿼크")}`, // no results
      // An idea at each kind of step (in deliberation and implementing: on the staff's pages).
      ...(["open", "fastTracked", "overdue", "answered", "implemented", "closed", "expired", "transferred", "assisted"] as const).map((k) => ideas[k]),
      "/campaigns",
      `/campaigns/${DEMO.campaign.slug}`,
      "/campaigns/youth-housing", // asks for a verified identity and an age (db/demo-verification.ts)
      "/committees",
      "/committees/economy",
      thread,
      guestThread,
      "/agencies",
      "/agencies/moef",
      "/agencies/mohw",
      "/stats",
      "/open-data",
      "/verify-receipt", // checking a support receipt (decision 051)
      "/about",
      "/login",
      "/join",
      "/reset-password",
      "/reset-password?token=not-a-token",
    ];
    for (const url of pages) await audit.visit(page, "visitor", url);
    // The committee's meetings (decision 029): the past one with its minutes, the next one.
    for (const url of await meetingPaths(page)) await audit.visit(page, "visitor", url);
    await audit.visit(page, "visitor", "/verify-email?token=not-a-token", { status: 400 });
    await audit.visit(page, "visitor", "/no-such-page", { status: 404 });

    // Forms with their errors shown.
    await page.goto("/login");
    await page.getByLabel(t.login.email, { exact: true }).fill("nobody@example.org");
    await page.getByLabel(t.login.password, { exact: true }).fill("not-the-password");
    await submitRefused(page, t.login.submit);
    await audit.check(page, "visitor", "refused");
    await page.goto("/join");
    await page.getByLabel(t.join.email, { exact: true }).fill("not-an-address");
    await submitRefused(page, t.join.submit);
    await audit.check(page, "visitor", "refused");
    await page.goto("/reset-password");
    await submitRefused(page, t.reset.requestSubmit);
    await audit.check(page, "visitor", "refused");
    await page.goto("/verify-receipt");
    await page.getByLabel(t.receipts.receipt, { exact: true }).fill("not a receipt");
    await submitRefused(page, t.receipts.check);
    await audit.check(page, "visitor", "refused");
    await closeContext(page);
    audit.report();
  });
}

// ——— Citizens: 김민지 reads Korean, Alex Morgan English (the account's language) ———

const CITIZENS: Record<Lang, { email: string; own: IdeaKey }> = {
  ko: { email: DEMO.citizen.email, own: "open" },
  en: { email: "citizen2@madang.example.org", own: "english" },
};

for (const lang of LANGS) {
  test(`citizen pages in ${lang}: no axe violations, no horizontal scrolling at 360 px`, { tag: `@audit-${lang}` }, async ({ browser, request }) => {
    test.setTimeout(150_000);
    const t = catalog(lang);
    const ideas = await ideaPaths(request);
    const citizen = CITIZENS[lang];
    const page = await signedInPage(browser, citizen.email, DEMO_PASSWORD, { lang, viewport: DESKTOP });
    const audit = new Audit(lang);
    const thread = await threadPath(page, DEMO_THREAD);
    const events = await eventPaths(page);
    for (const url of ["/", "/me", "/me/notifications", "/me/settings", "/me/security", "/me/data", "/me/delete", "/me/verify", ideas[citizen.own], `${ideas[citizen.own]}/edit`, ideas.answered, thread, "/ideas/new", events.upcoming, events.past, "/claim"]) {
      await audit.visit(page, "citizen", url);
    }
    // The report page of a comment (the first comment on the open demo idea that is not theirs).
    await page.goto(ideas.open);
    const flag = page
      .getByRole("region", { name: new RegExp(`^${t.deliberation.comments.title}`) })
      .getByRole("link", { name: new RegExp(`^${t.moderation.flag.linkPost} `) })
      .first();
    await audit.visit(page, "citizen", (await flag.getAttribute("href"))!);

    // Forms with their errors shown: a report without a reason, a new idea, a comment; and a
    // new idea's preview with the similar ideas.
    await page.getByRole("main").locator("form").evaluate((form) => ((form as HTMLFormElement).noValidate = true));
    await submitRefused(page, t.moderation.flag.submit);
    await audit.check(page, "citizen", "refused report");
    await page.goto("/ideas/new");
    await submitRefused(page, t.ideas.submit);
    await audit.check(page, "citizen", "refused");
    await page.getByLabel(t.ideas.title, { exact: true }).fill(IDEAS.open);
    await page.getByLabel(t.ideas.body, { exact: true }).fill("출퇴근 교통비 부담을 줄이기 위해 **청년 정기권**을 만들어 주세요.\n\n- 한 달 5만 원");
    await page.getByRole("button", { name: t.ideas.preview, exact: true }).click();
    await expect(page.getByRole("region", { name: t.ideas.previewTitle })).toBeVisible();
    await expect(page.getByRole("region", { name: t.ideas.similarTitle })).toBeVisible();
    await audit.check(page, "citizen", "preview");
    await page.goto(ideas[citizen.own === "open" ? "english" : "open"]);
    await submitRefused(page, t.deliberation.comments.submit);
    await audit.check(page, "citizen", "refused comment");
    // A claim with a wrong code (assisted entry): refused next to the field.
    await page.goto("/claim");
    await page.getByLabel(t.assisted.claimCodeField, { exact: true }).fill("2222-3333-4444");
    await submitRefused(page, t.assisted.claim);
    await audit.check(page, "citizen", "refused claim");
    // Leaving with a wrong password: refused next to the field (the account stays).
    await page.goto("/me/delete");
    await page.getByLabel(t.privacy.delete.password).fill("not the password at all");
    await submitRefused(page, t.privacy.delete.submit);
    await expect(page.getByText(t.privacy.errors.wrongPassword).first()).toBeVisible();
    await audit.check(page, "citizen", "refused leaving");
    await closeContext(page);
    audit.report();
  });
}

// ——— The identity desk (issue 17): the demo identity verifier reads Korean; the page's English
// is checked through the catalogs' tests and the citizen's /me/verify above. ———

test("identity desk: no axe violations, no horizontal scrolling at 360 px, refused form", async ({ browser }) => {
  test.setTimeout(90_000);
  const t = catalog("ko");
  const page = await signedInPage(browser, "desk@madang.example.org", DEMO_PASSWORD, { lang: "ko", viewport: DESKTOP });
  const audit = new Audit("ko");
  await audit.visit(page, "identity verifier", "/identity-desk");
  await submitRefused(page, t.verification.desk.submit);
  await expect(page.getByText(t.verification.errors.checkFirst).first()).toBeVisible();
  await audit.check(page, "identity verifier", "refused");
  await closeContext(page);
  audit.report();
});

// ——— The security log (issue 17): the demo admin reads Korean; English is checked with the
// English staff account below (auditStaff). ———

test("security log: no axe violations, no horizontal scrolling at 360 px, filtered and refused filter", async ({ browser, baseURL }) => {
  test.setTimeout(90_000);
  const t = catalog("ko");
  const page = await signedInPage(browser, DEMO.admin.email, DEMO_PASSWORD, { lang: "ko", viewport: DESKTOP });
  // A refused request from this machine (a form from another site), written within a second or so.
  const refused = await page.request.post(`${baseURL}/ideas/new`, { headers: { origin: "https://elsewhere.example" }, form: { title: "x" } });
  expect(refused.status()).toBe(403);
  const audit = new Audit("ko");
  await expect(async () => {
    await audit.visit(page, "admin", "/admin/security-log?kind=request.refused&network=127.0.0.0%2F8");
    await expect(page.getByRole("cell", { name: "403 POST /ideas/new" }).first()).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  await expect(page.getByRole("cell", { name: t.securityLog.kinds["request.refused"] }).first()).toBeVisible();
  await audit.visit(page, "admin", "/admin/security-log");
  await audit.visit(page, "admin", "/admin/security-log?network=not-a-network", { status: 400 });
  await expect(page.getByText(t.securityLog.errors.network).first()).toBeVisible();
  await closeContext(page);
  audit.report();
});

// ——— Staff: the demo chair, officer, moderator and admin read Korean; English is checked with
// one newly joined account that the admin gives every staff role. ———

interface StaffPages {
  chair: Page;
  officer: Page;
  moderator: Page;
  admin: Page;
}

async function auditStaff(audit: Audit, staff: StaffPages, t: Messages, ideas: Record<IdeaKey, string>, extra: { heldIdea?: string } = {}) {
  // The committee: its page and threads, a new thread (and refused), the chair's forms on ideas.
  const thread = await threadPath(staff.chair, DEMO_THREAD);
  const guestThread = await guestThreadPath(staff.chair);
  for (const url of ["/committees/economy", "/committees/economy/workspace", thread, guestThread, ideas.fastTracked, ideas.inDeliberation, "/committees/economy/threads/new"]) {
    await audit.visit(staff.chair, "chair", url);
  }
  // Meetings and the digest (decisions 029, 034): the chair's forms, and a refused one.
  for (const url of ["/committees/economy/meetings/new", ...(await meetingPaths(staff.chair)), `${ideas.inDeliberation}/digest`]) {
    await audit.visit(staff.chair, "chair", url);
  }
  await staff.chair.goto("/committees/economy/meetings/new");
  await submitRefused(staff.chair, t.meetings.new.submit);
  await audit.check(staff.chair, "chair", "refused meeting");
  await staff.chair.goto("/committees/economy/threads/new");
  await submitRefused(staff.chair, t.deliberation.newThread.submit);
  await audit.check(staff.chair, "chair", "refused");
  await staff.chair.goto(thread);
  await submitRefused(staff.chair, t.deliberation.postSubmit);
  await audit.check(staff.chair, "chair", "refused post");
  // The committee's vote refused (no reason given): the message next to the field.
  await staff.chair.goto(ideas.inDeliberation);
  const votePanel = staff.chair.getByRole("region", { name: t.committees.vote.title });
  if (await votePanel.getByRole("button", { name: t.committees.vote.change, exact: true }).count()) {
    await votePanel.getByLabel(t.committees.vote.reasonLabel, { exact: true }).fill("");
    await votePanel.getByRole("button", { name: t.committees.vote.change, exact: true }).click();
    await expect(votePanel.getByText(interpolate(t.committees.errors.reason, { min: REASON_MIN }), { exact: true })).toBeVisible();
    await audit.check(staff.chair, "chair", "refused vote");
  }

  // The agency: the queue, the answer and progress forms.
  for (const url of ["/review", "/review?status=answered&sort=recent", ideas.overdue, ideas.implementing]) await audit.visit(staff.officer, "officer", url);

  // The administration: users, a user's roles, campaigns (and a refused one), the block list.
  for (const url of ["/admin", "/admin/users", "/admin/campaigns", "/admin/campaigns/new", "/admin/blocklist", "/admin/security-log", "/admin/holidays", "/review", "/review?agency=moef"]) {
    await audit.visit(staff.admin, "admin", url);
  }
  await staff.admin.goto("/admin/campaigns/new");
  await staff.admin.getByRole("main").locator("form").evaluate((form) => ((form as HTMLFormElement).noValidate = true));
  await submitRefused(staff.admin, t.adminCampaigns.save);
  await audit.check(staff.admin, "admin", "refused");
  await staff.admin.goto("/admin/campaigns");
  const campaign = await staff.admin
    .getByRole("link", { name: new RegExp(`^${t.adminCampaigns.edit}: `) })
    .first()
    .getAttribute("href");
  expect(campaign).toMatch(/^\/admin\/campaigns\/\d+$/);
  await staff.admin.goto("/admin/users");
  const user = await staff.admin.getByRole("main").getByRole("table").getByRole("link").first().getAttribute("href");
  expect(user).toMatch(/^\/admin\/users\/\d+$/);
  await audit.visit(staff.admin, "admin", user!);
  await audit.visit(staff.admin, "admin", campaign!);

  // Moderation: the queue, the log, support checks, an account, the panel on ideas.
  const account = user!.replace("/admin/users/", "/moderation/accounts/");
  for (const url of ["/moderation", "/moderation/log", "/moderation/supports", account, ideas.open]) {
    await audit.visit(staff.moderator, "moderator", url);
  }
  if (extra.heldIdea) await audit.visit(staff.moderator, "moderator", extra.heldIdea);
}

/** A newly joined account reading English, made moderator (desk staff) by the demo admin. */
async function englishModerator(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ locale: "en-US", viewport: DESKTOP });
  const page = await context.newPage();
  const account = await joinVerified(page, "desk-en");
  const admin = await signedInPage(browser, DEMO.admin.email);
  await admin.goto(`/admin/users?q=${encodeURIComponent(account.email)}`);
  await admin.getByRole("link", { name: account.displayName, exact: true }).click();
  await admin.getByLabel(ko.admin.role, { exact: true }).selectOption({ label: ko.roles.moderator });
  await admin.getByRole("button", { name: ko.admin.grantSubmit, exact: true }).click();
  await expect(admin.getByRole("status").filter({ hasText: ko.admin.granted })).toBeVisible();
  await closeContext(admin);
  return page;
}

// Assisted entry (decision 039), on its own (the staff audits above are long already): the desk,
// an idea's paper page with its batches' correction and void forms (opened by the audit), both
// refused; and the idea with its provenance and paper record.
for (const lang of LANGS) {
  test(`assisted entry pages in ${lang} (desk staff): no axe violations, no horizontal scrolling at 360 px`, { tag: `@audit-${lang}` }, async ({ browser, request }) => {
    test.setTimeout(180_000);
    const t = catalog(lang);
    const ideas = await ideaPaths(request);
    const page = lang === "ko" ? await signedInPage(browser, MODERATOR.email, DEMO_PASSWORD, { lang, viewport: DESKTOP }) : await englishModerator(browser);
    const audit = new Audit(lang);
    for (const url of ["/desk", `/desk${ideas.assisted}`, ideas.assisted]) await audit.visit(page, "desk", url);
    await page.goto("/desk");
    await submitRefused(page, t.assisted.fileSubmit);
    await audit.check(page, "desk", "refused desk");
    await page.goto(`/desk${ideas.assisted}`);
    await submitRefused(page, t.assisted.recordBatch);
    await audit.check(page, "desk", "refused batch");
    await closeContext(page);
    audit.report();
  });
}

test("staff pages in ko (chair, officer, moderator, admin): no axe violations, no horizontal scrolling at 360 px", { tag: "@audit-ko" }, async ({ browser, request }) => {
  test.setTimeout(300_000);
  const ideas = await ideaPaths(request);
  const open = (email: string) => signedInPage(browser, email, DEMO_PASSWORD, { lang: "ko", viewport: DESKTOP });
  const staff = {
    chair: await open(DEMO.chair.email),
    officer: await open(DEMO.officer.email),
    moderator: await open(MODERATOR.email),
    admin: await open(DEMO.admin.email),
  };
  const audit = new Audit("ko");
  await auditStaff(audit, staff, ko, ideas);
  for (const page of Object.values(staff)) await closeContext(page);
  audit.report();
});

/**
 * A newly joined account reading English, made chair of the economy committee, officer of the
 * Ministry of Economy and Finance, moderator and admin by the demo admin. It proposes an idea
 * (held for review: a new account) and reports a comment, so that the moderation queue has both.
 */
async function englishStaff(browser: Browser): Promise<{ page: Page; account: NewAccount; heldIdea: string }> {
  const context = await browser.newContext({ locale: "en-US", viewport: DESKTOP });
  const page = await context.newPage();
  const account = await joinVerified(page, "staff-en");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");

  const admin = await signedInPage(browser, DEMO.admin.email);
  await admin.goto(`/admin/users?q=${encodeURIComponent(account.email)}`);
  await admin.getByRole("link", { name: account.displayName, exact: true }).click();
  await expect(admin.getByRole("heading", { level: 1, name: interpolate(ko.admin.userTitle, { name: account.displayName }) })).toBeVisible();
  const grants: [keyof Messages["roles"], { committee?: string; agency?: string }][] = [
    ["committee_chair", { committee: COMMITTEES.find((c) => c.slug === "economy")!.name_ko }],
    ["agency_officer", { agency: AGENCIES.find((a) => a.slug === "moef")!.name_ko }],
    ["moderator", {}],
    ["admin", {}],
  ];
  for (const [role, scope] of grants) {
    await admin.getByLabel(ko.admin.role, { exact: true }).selectOption({ label: ko.roles[role] });
    if (scope.committee) await admin.getByLabel(ko.admin.committee, { exact: true }).selectOption({ label: scope.committee });
    if (scope.agency) await admin.getByLabel(ko.admin.agency, { exact: true }).selectOption({ label: scope.agency });
    await admin.getByRole("button", { name: ko.admin.grantSubmit, exact: true }).click();
    await expect(admin.getByRole("status").filter({ hasText: ko.admin.granted })).toBeVisible();
    await expect(admin.locator("ul.grant-list").getByRole("listitem").filter({ hasText: ko.roles[role] })).toHaveCount(1);
  }
  await closeContext(admin);

  // An idea, held for a moderator: the account is new.
  await page.goto("/ideas/new");
  await page.getByLabel(en.ideas.title, { exact: true }).fill(`Evening opening hours for ward offices ${uniqueKoreanWord()}`);
  await page
    .getByLabel(en.ideas.body, { exact: true })
    .fill("Many people cannot visit a ward office during working hours. Opening one evening a week would help them.");
  await page.getByLabel(en.ideas.categoryLabel, { exact: true }).selectOption({ label: ECONOMY.name_en });
  await page.getByRole("button", { name: en.ideas.submit, exact: true }).click();
  await expect(page.getByRole("region", { name: en.moderation.held.title })).toBeVisible();
  const heldIdea = new URL(page.url()).pathname;

  // A report on a demo comment (one report: it stays visible, and waits in the queue).
  await page.goto(`/ideas?q=${encodeURIComponent("대중교통 요금")}`);
  await page.getByRole("link", { name: IDEAS.open, exact: true }).click();
  await page
    .getByRole("region", { name: new RegExp(`^${en.deliberation.comments.title}`) })
    .getByRole("link", { name: new RegExp(`^${en.moderation.flag.linkPost} `) })
    .first()
    .click();
  await expect(page.getByRole("heading", { level: 2, name: interpolate(en.moderation.flag.about.comment, { title: IDEAS.open }) })).toBeVisible();
  await page.getByRole("radio", { name: en.moderation.reason.off_topic, exact: true }).check();
  await page.getByRole("button", { name: en.moderation.flag.submit, exact: true }).click();
  await expect(page.getByRole("status")).toContainText(en.moderation.flag.thanks);
  return { page, account, heldIdea };
}

test("staff pages in en (one account with every role), and the moderation queue with items in both languages", { tag: "@audit-en" }, async ({ browser, request }) => {
  test.setTimeout(300_000);
  const ideas = await ideaPaths(request);
  const { page, heldIdea } = await englishStaff(browser);
  const audit = new Audit("en");
  await auditStaff(audit, { chair: page, officer: page, moderator: page, admin: page }, en, ideas, { heldIdea });
  // The author's view of a held idea.
  await audit.visit(page, "author", heldIdea);
  await closeContext(page);
  audit.report();

  // The queue with a report and a held idea, and the held idea's panel, in Korean.
  const moderator = await signedInPage(browser, MODERATOR.email, DEMO_PASSWORD, { viewport: DESKTOP });
  const audit2 = new Audit("ko");
  await audit2.visit(moderator, "moderator", "/moderation");
  await expect(moderator.getByRole("region", { name: new RegExp(`^${ko.moderation.queue.held}`) }).getByRole("article")).not.toHaveCount(0);
  await expect(moderator.getByRole("region", { name: new RegExp(`^${ko.moderation.queue.flagged}`) }).getByRole("article")).not.toHaveCount(0);
  await audit2.visit(moderator, "moderator", heldIdea);
  await closeContext(moderator);
  audit2.report();
});

// ——— The keyboard only ———

/** The element that has the focus, described; and whether its focus can be seen. */
async function focused(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return { tag: "body", name: "", id: "", visible: false, indicator: false };
    const style = getComputedStyle(el);
    const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2;
    const ring = style.boxShadow !== "none";
    const box = el.getBoundingClientRect();
    const label = el.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent ?? "" : "";
    return {
      tag: el.tagName.toLowerCase(),
      name: (el.getAttribute("aria-label") || label || el.textContent || (el as HTMLInputElement).value || "").trim().replace(/\s+/g, " "),
      id: el.id,
      visible: box.width > 0 && box.height > 0,
      indicator: outline || ring,
    };
  });
}

/**
 * Presses Tab (or Shift+Tab) until the focus is on the element that `wanted` accepts; every
 * element passed on the way must show where the focus is.
 */
async function tabTo(page: Page, wanted: (f: Awaited<ReturnType<typeof focused>>) => boolean, what: string, options: { back?: boolean; max?: number } = {}) {
  const passed: string[] = [];
  for (let i = 0; i < (options.max ?? 150); i++) {
    await page.keyboard.press(options.back ? "Shift+Tab" : "Tab");
    const f = await focused(page);
    if (f.tag !== "body") {
      expect(f.indicator, `the focus on <${f.tag}> "${f.name}" is visible`).toBe(true);
      expect(f.visible, `<${f.tag}> "${f.name}" has the focus and can be seen`).toBe(true);
    }
    passed.push(`<${f.tag}> ${f.name.slice(0, 40)}`);
    if (wanted(f)) return;
  }
  throw new Error(`Tab never reached ${what}; passed:\n${passed.join("\n")}`);
}

test("the citizen flow with the keyboard only: skip link, search, read, support, comment, propose", async ({ browser, t }) => {
  test.setTimeout(120_000);
  const word = uniqueKoreanWord();
  const ideaTitle = "탄소중립 실천 방안: 공공기관 옥상에 태양광을";
  const comment = `${word} 키보드만으로 쓴 댓글입니다. 학교 옥상에도 설치하면 좋겠습니다.`;
  const newTitle = `자전거 보관대를 지하철역마다 늘려 주세요 ${word}`;
  const newBody = `${word} 지하철역 자전거 보관대가 늘 부족합니다. 역마다 보관대를 두 배로 늘리고 지붕을 달아 주세요.`;
  const who = neighbour(27);
  const page = await signedInPage(browser, who.email, DEMO_PASSWORD, { viewport: DESKTOP });
  const key = (k: string) => page.keyboard.press(k);

  await test.step("the first Tab reaches the skip link, which is shown and moves the focus to the main content", async () => {
    await page.goto("/");
    await key("Tab");
    const skip = page.getByRole("link", { name: t.site.skipToContent, exact: true });
    await expect(skip).toBeFocused();
    await expect(skip).toBeInViewport();
    expect((await focused(page)).indicator).toBe(true);
    await key("Enter");
    await expect(page.locator("main")).toBeFocused();
    // The next Tab goes on from the main content, past the header.
    await key("Tab");
    const inMain = await page.evaluate(() => Boolean(document.activeElement?.closest("main")));
    expect(inMain).toBe(true);
  });

  await test.step("goes to the ideas through the header's navigation, searches by a word, opens the idea", async () => {
    await tabTo(page, (f) => f.tag === "a" && f.name === t.nav.ideas, "the ideas link", { back: true });
    await key("Enter");
    await expect(page).toHaveURL(/\/ideas$/);
    await tabTo(page, (f) => f.id === "idea-search", "the search field");
    await page.keyboard.type("태양광");
    await key("Enter");
    await expect(page).toHaveURL(/[?&]q=/);
    await tabTo(page, (f) => f.tag === "a" && f.name === ideaTitle, "the idea in the results");
    await key("Enter");
    await expect(page.getByRole("heading", { level: 1, name: ideaTitle })).toBeVisible();
  });

  await test.step("reads it and supports it with the space bar", async () => {
    await expect(page.getByRole("article").locator(".idea-body")).not.toBeEmpty();
    const before = await page.getByTestId("support-count").last().innerText();
    await tabTo(page, (f) => f.tag === "button" && f.name === t.ideas.support, "the support button");
    await key("Space");
    await expect(page.getByRole("status").filter({ hasText: t.ideas.supported })).toBeVisible();
    await expect(page.getByTestId("support-count").last()).not.toHaveText(before);
    await expect(page.getByRole("button", { name: t.ideas.unsupport, exact: true })).toBeVisible();
  });

  await test.step("writes a comment, chooses a stance with the arrow keys, sends it with Enter", async () => {
    // Back up from the support button to the comments, which come before it.
    await tabTo(page, (f) => f.tag === "textarea" && f.name === t.deliberation.comments.label, "the comment field", { back: true });
    await page.keyboard.type(comment);
    // Into the stance group (on the chosen stance, neutral), then to "for".
    await key("Tab");
    await expect(page.getByRole("radio", { name: t.deliberation.stance.neutral, exact: true })).toBeFocused();
    await key("ArrowLeft");
    await key("ArrowLeft");
    await expect(page.getByRole("radio", { name: t.deliberation.stance.for, exact: true }).first()).toBeChecked();
    await tabTo(page, (f) => f.tag === "button" && f.name === t.deliberation.comments.submit, "the comment button");
    await key("Enter");
    const mine = page.getByRole("article", { name: interpolate(t.deliberation.postBy, { name: who.name }) }).filter({ hasText: comment });
    await expect(mine).toHaveCount(1);
    await expect(mine.locator(".post-meta .stance")).toHaveText(t.deliberation.stance.for);
  });

  await test.step("proposes an idea: the form, the category with the arrow keys, Enter", async () => {
    await page.goto("/ideas");
    await tabTo(page, (f) => f.tag === "a" && f.name === t.ideas.propose, "the propose link");
    await key("Enter");
    await expect(page).toHaveURL(/\/ideas\/new$/);
    await tabTo(page, (f) => f.id === "field-title", "the title field");
    await page.keyboard.type(newTitle);
    await tabTo(page, (f) => f.id === "field-body", "the body field");
    await page.keyboard.type(newBody);
    await tabTo(page, (f) => f.id === "field-categoryId", "the category");
    const category = page.getByLabel(t.ideas.categoryLabel, { exact: true });
    for (let i = 0; i < CATEGORIES.length + 1; i++) {
      if ((await category.locator("option:checked").innerText()) === ECONOMY.name_ko) break;
      await key("ArrowDown");
    }
    await expect(category.locator("option:checked")).toHaveText(ECONOMY.name_ko);
    await tabTo(page, (f) => f.tag === "button" && f.name === t.ideas.submit, "the submit button");
    await key("Enter");
    await expect(page).toHaveURL(/\/ideas\/\d+\?created=1$/);
    await expect(page.getByRole("heading", { level: 1, name: newTitle })).toBeVisible();
    await expect(page.getByRole("article").locator("header").getByText(t.status.open, { exact: true })).toBeVisible();
  });
  await closeContext(page);
});

// ——— Without JavaScript ———

test("the citizen flow without JavaScript: search, read, support, comment, propose", async ({ browser, t }) => {
  test.setTimeout(90_000);
  const word = uniqueKoreanWord();
  const ideaTitle = IDEAS.english;
  const comment = `${word} 스크립트 없이 쓴 댓글입니다. 학생 정기권에 찬성합니다.`;
  const newTitle = `공원 화장실을 밤에도 열어 주세요 ${word}`;
  const newBody = `${word} 밤에 공원을 걷는 사람이 많은데 화장실이 저녁 6시에 닫힙니다. 밤 11시까지 열어 주세요.`;
  const who = neighbour(28);
  const page = await signedInPage(browser, who.email, DEMO_PASSWORD, { javaScriptEnabled: false });

  await test.step("searches /ideas with the search form and opens the idea", async () => {
    await page.goto("/ideas");
    await page.getByRole("search").getByLabel(t.ideas.searchLabel, { exact: true }).fill("students");
    await page.getByRole("search").getByRole("button", { name: t.ideas.searchSubmit, exact: true }).click();
    await expect(page).toHaveURL(/[?&]q=students/);
    await page.getByRole("region", { name: t.ideas.results }).getByRole("link", { name: ideaTitle, exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: ideaTitle })).toBeVisible();
  });

  await test.step("supports it: the page comes back with the support counted", async () => {
    const count = page.getByTestId("support-count").last();
    const before = Number((await count.innerText()).replace(/[^\d/]/g, "").split("/")[0]);
    await page.getByRole("button", { name: t.ideas.support, exact: true }).click();
    await expect(page.getByRole("button", { name: t.ideas.unsupport, exact: true })).toBeVisible();
    await expect(count).toHaveText(new RegExp(`^\\D*${before + 1}\\D`));
  });

  await test.step("comments with a stance", async () => {
    await page.getByLabel(t.deliberation.comments.label, { exact: true }).fill(comment);
    await page.getByRole("radio", { name: t.deliberation.stance.for, exact: true }).first().check();
    await page.getByRole("button", { name: t.deliberation.comments.submit, exact: true }).click();
    const mine = page.getByRole("article", { name: interpolate(t.deliberation.postBy, { name: who.name }) }).filter({ hasText: comment });
    await expect(mine).toHaveCount(1);
    await expect(mine.locator(".post-meta .stance")).toHaveText(t.deliberation.stance.for);
  });

  await test.step("proposes an idea", async () => {
    await page.goto("/ideas");
    await page.getByRole("link", { name: t.ideas.propose, exact: true }).click();
    await page.getByLabel(t.ideas.title, { exact: true }).fill(newTitle);
    await page.getByLabel(t.ideas.body, { exact: true }).fill(newBody);
    await page.getByLabel(t.ideas.categoryLabel, { exact: true }).selectOption({ label: ECONOMY.name_ko });
    await page.getByRole("button", { name: t.ideas.submit, exact: true }).click();
    await expect(page).toHaveURL(/\/ideas\/\d+\?created=1$/);
    await expect(page.getByRole("heading", { level: 1, name: newTitle })).toBeVisible();
    await expect(page.getByRole("article").locator("header").getByText(t.status.open, { exact: true })).toBeVisible();
  });
  await closeContext(page);
});
