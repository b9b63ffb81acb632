// What a new user stumbled on, walking the whole site (issue 20): each test below is one of the
// things that read or worked wrong, checked the way a person meets it.
import type { Page } from "@playwright/test";
import {
  closeContext,
  DEMO,
  DEMO_PASSWORD,
  demoIdeaPath,
  en,
  expect,
  freshPage,
  interpolate,
  join,
  ko,
  neighbour,
  openLatestMail,
  signedInPage,
  strongPassword,
  test,
  uniqueEmail,
} from "./fixtures";

/** Text as it is copied or read aloud: the DOM's text, white space collapsed. */
async function spokenText(page: Page, selector: string): Promise<string[]> {
  return page.locator(selector).evaluateAll((all) => all.map((el) => (el.textContent ?? "").replace(/\s+/g, " ").trim()));
}

test("copied and spoken text keeps the parts of a timeline entry and of a card's facts apart", async ({ page, t }) => {
  const path = await demoIdeaPath(page, DEMO.transitIdea.title);
  await page.goto(path);
  const entries = await spokenText(page, ".timeline li");
  // "제안 등록, 공감 모집 시작 처리: 김민지", not "…시작처리: 김민지".
  expect(entries[0]).toContain(`${t.ideas.event.submitted} ${interpolate(t.ideas.by, { name: DEMO.citizen.name })}`);
  await page.goto("/");
  const facts = await spokenText(page, ".idea-card .card-meta");
  expect(facts.length).toBeGreaterThan(0);
  for (const line of facts) {
    expect(line).toMatch(/\S · \S/);
    expect(line).not.toMatch(/^·|·$/);
  }
  // A finished idea (no time left to show) ends its line with a fact, not a separator.
  await page.goto("/ideas?status=implemented");
  for (const line of await spokenText(page, ".idea-card .card-meta")) expect(line).not.toMatch(/·$/);
});

test("the call's heading says its count once", async ({ page, t }) => {
  await page.goto(`/campaigns/${DEMO.campaign.slug}`);
  const heading = page.getByRole("heading", { level: 2, name: /^이 공모의 제안/ });
  await expect(heading).toHaveCount(1);
  const name = (await heading.innerText()).trim();
  const count = /\((\d+)건\)$/.exec(name)?.[1];
  expect(count, name).toBeTruthy();
  expect(name).toBe(interpolate(t.campaigns.ideasWithCount_other, { count: count! }));
});

test("the home page and each open call have a way to propose an idea, prefilled with the call", async ({ browser, t }) => {
  const page = await signedInPage(browser, neighbour(35).email);
  await page.goto("/");
  await expect(page.getByRole("main").getByRole("link", { name: t.ideas.propose, exact: true })).toHaveAttribute("href", "/ideas/new");
  const inCall = page.getByRole("link", { name: `${t.campaigns.propose}: ${DEMO.campaign.title}`, exact: true });
  await inCall.click();
  await expect(page).toHaveURL(/\/ideas\/new\?campaign=\d+$/);
  await expect(page.getByLabel(t.ideas.campaignLabel, { exact: true }).locator("option:checked")).toHaveText(DEMO.campaign.title);
  await page.goto("/campaigns");
  await expect(page.getByRole("link", { name: `${t.campaigns.propose}: ${DEMO.campaign.title}`, exact: true })).toBeVisible();
  await closeContext(page);
});

for (const javaScriptEnabled of [true, false]) {
  test(`after a refused comment the address stays the idea's (${javaScriptEnabled ? "with" : "without"} JavaScript)`, async ({ browser, t }) => {
    const page = await signedInPage(browser, neighbour(36).email, DEMO_PASSWORD, { javaScriptEnabled });
    const path = await demoIdeaPath(page, DEMO.transitIdea.title);
    await page.goto(path);
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST"),
      page.getByRole("button", { name: t.deliberation.comments.submit, exact: true }).click(),
    ]);
    expect(response.status()).toBe(400);
    await expect(page.getByRole("alert").first()).toBeVisible();
    expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe(path);
    await closeContext(page);
  });
}

test("sign-up asks for a home region (optional, with why); a supporter without one is reminded", async ({ browser, t }) => {
  // With a region: it is saved with the account. Joining signs no one in (the page must not
  // tell a new address from a known one): the verification link in the e-mail does.
  const page = await freshPage(browser);
  await page.goto("/join");
  const region = page.getByLabel(t.join.homeRegion, { exact: true });
  await expect(region).toHaveValue("");
  await expect(page.getByText(t.join.homeRegionHint, { exact: true })).toBeVisible();
  const email = uniqueEmail("region");
  await page.getByLabel(t.join.email, { exact: true }).fill(email);
  await page.getByLabel(t.join.displayName, { exact: true }).fill("지역 있는 시민");
  await page.getByLabel(t.join.password, { exact: true }).fill(strongPassword());
  await region.selectOption({ label: "부산광역시" });
  await page.getByRole("button", { name: t.join.submit, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: t.join.checkMailTitle })).toBeVisible();
  await expect(page.getByRole("status")).toContainText(email);
  const origin = new URL(page.url()).origin;
  const link = await openLatestMail(page, email, { subject: t.mail.verify.subject, linkPrefix: `${origin}/verify-email?token=` });
  await page.goto(link!);
  await expect(page.getByText(t.verify.done)).toBeVisible();
  await page.goto("/me/settings");
  await expect(page.getByLabel(t.mine.homeRegion, { exact: true }).locator("option:checked")).toHaveText("부산광역시");
  await closeContext(page);

  // Without: supporting says how the support is counted, and where to add a region.
  const supporter = await signedInPage(browser, DEMO.citizen.email);
  await supporter.goto(await demoIdeaPath(supporter, "Free counselling for everyone affected by the pandemic"));
  const unsupport = supporter.getByRole("button", { name: t.ideas.unsupport, exact: true });
  if (!(await unsupport.isVisible())) await supporter.getByRole("button", { name: t.ideas.support, exact: true }).click();
  await expect(unsupport).toBeVisible();
  await expect(supporter.getByText(t.ideas.regionReminder)).toBeVisible();
  await expect(supporter.getByRole("link", { name: t.ideas.regionReminderLink, exact: true })).toHaveAttribute("href", "/me/settings");
  await closeContext(supporter);
});

test("supporting follows, and says so: the idea is listed once on /me", async ({ browser, t }) => {
  const who = neighbour(37);
  const page = await signedInPage(browser, who.email);
  const title = "탄소중립 실천 방안: 공공기관 옥상에 태양광을";
  await page.goto(await demoIdeaPath(page, title));
  // Follow first, then support: one idea, both ways.
  const follow = page.getByRole("button", { name: t.ideas.follow, exact: true });
  if (await follow.isVisible()) {
    await Promise.all([page.waitForResponse((r) => r.request().method() === "POST" && r.url().includes("/ideas/")), follow.click()]);
    await expect(page.getByRole("button", { name: t.ideas.unfollow, exact: true })).toBeVisible();
  }
  const support = page.getByRole("button", { name: t.ideas.support, exact: true });
  // The page shows the support at once, while it is sent: wait for the answer before leaving.
  if (await support.isVisible()) {
    const [answer] = await Promise.all([page.waitForResponse((r) => r.request().method() === "POST" && r.url().includes("/ideas/")), support.click()]);
    expect(answer.ok()).toBe(true);
  }
  await expect(page.getByText(t.ideas.supportFollows, { exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: t.ideas.unfollow, exact: true })).toHaveCount(0);
  await page.goto("/me");
  const supported = page.getByRole("region", { name: t.mine.supports });
  await expect(supported.getByText(t.mine.supportsHint, { exact: true })).toBeVisible();
  await expect(supported.getByRole("link", { name: title, exact: true })).toHaveCount(1);
  await expect(page.getByRole("region", { name: t.mine.follows }).getByRole("link", { name: title, exact: true })).toHaveCount(0);
  await closeContext(page);
});

test("/me lists my comments and posts, each a link to it", async ({ browser, t }) => {
  const page = await signedInPage(browser, DEMO.citizen.email);
  await page.goto("/me");
  const mine = page.getByRole("region", { name: t.mine.posts });
  // 김민지's demo comment on Alex Morgan's idea.
  const link = mine.getByRole("link", { name: interpolate(t.mine.commentOn, { title: "Public transit fares for students" }), exact: true });
  await expect(link).toBeVisible();
  await link.click();
  await expect(page).toHaveURL(/\/threads\/\d+\?cursor=\d+#post-\d+$/);
  const postId = new URL(page.url()).hash.slice(1);
  await expect(page.locator(`#${postId}`)).toContainText("학생 정기권은 가족의 교통비 부담을 크게 줄여 줄 거예요.");
  await closeContext(page);
});

test("an expired idea tells its author what they can do; others see only that it expired", async ({ browser }) => {
  // Alex Morgan (English) wrote the expired demo idea.
  const author = await signedInPage(browser, "citizen2@madang.example.org", DEMO_PASSWORD, { lang: "en" });
  const path = await demoIdeaPath(author, "Longer opening hours for public swimming pools");
  await author.goto(path);
  const advice = author.getByRole("region", { name: en.ideas.expired.title });
  await expect(advice).toBeVisible();
  await expect(advice.getByRole("link", { name: en.ideas.expired.againLink, exact: true })).toHaveAttribute("href", "/campaigns");
  await advice.getByRole("link", { name: en.ideas.expired.similarLink, exact: true }).click();
  await expect(author).toHaveURL(/\/ideas\?q=Longer\+opening\+hours.*&status=open$/);
  await closeContext(author);

  const visitor = await freshPage(browser);
  await visitor.goto(path);
  await expect(visitor.getByRole("region", { name: ko.ideas.expired.title })).toHaveCount(0);
  await closeContext(visitor);
});

test("the admin's role select starts empty, and a grant without a role is refused next to the field", async ({ browser, t }) => {
  const someone = await freshPage(browser);
  const account = await join(someone, "norole");
  await closeContext(someone);
  const admin = await signedInPage(browser, DEMO.admin.email);
  await admin.goto(`/admin/users?q=${encodeURIComponent(account.email)}`);
  await admin.getByRole("link", { name: account.displayName, exact: true }).click();
  const role = admin.getByLabel(t.admin.role, { exact: true });
  await expect(role).toHaveValue("");
  const [response] = await Promise.all([
    admin.waitForResponse((r) => r.request().method() === "POST"),
    admin.getByRole("button", { name: t.admin.grantSubmit, exact: true }).click(),
  ]);
  expect(response.status()).toBe(400);
  await expect(role).toHaveAttribute("aria-invalid", "true");
  await expect(admin.locator(".field.has-error").filter({ has: role })).toContainText(t.admin.roleRequired);
  await expect(admin.getByText(t.admin.noRoles, { exact: true })).toBeVisible();
  await closeContext(admin);
});
