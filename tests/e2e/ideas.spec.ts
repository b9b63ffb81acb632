// Ideas end to end, as citizens use them: find the open call for ideas, propose an idea (similar
// ideas are suggested while typing, a preview works without JavaScript), find it by searching in
// Korean, support it and withdraw the support; bad input; what a visitor sees; Korean pages
// arrive whole (no NUL byte from the streaming renderer).
import { CATEGORIES } from "../../db/reference-data";
import { IDEA_LENGTHS } from "../../app/domain/ideas/limits";
import {
  closeContext,
  DEMO,
  DEMO_PASSWORD,
  expect,
  freshPage,
  interpolate,
  joinVerified,
  signInNeighbour,
  literally,
  login,
  neighbour,
  signedInPage,
  test,
  uniqueKoreanWord,
  type Messages,
  type Page,
} from "./fixtures";

const ECONOMY = CATEGORIES.find((c) => c.slug === "economy")!;

/** The support numbers an idea page shows, and its progress bar toward the threshold. */
async function expectSupports(page: Page, t: Messages, count: number, threshold: number) {
  await expect(page.getByText(interpolate(t.ideas.progress_other, { supports: count, threshold }), { exact: true })).toBeVisible();
  await expect(page.getByRole("progressbar", { name: t.ideas.progressLabel })).toHaveAttribute("value", String(count));
}

test.describe("proposing, finding and supporting an idea", () => {
  test("a citizen proposes an idea in the open campaign, a neighbour finds it by a Korean word and supports it, then withdraws the support", async ({
    page,
    browser,
    t,
  }) => {
    test.setTimeout(180_000);
    const word = uniqueKoreanWord();
    const title = `대중교통 요금을 낮춰 주세요: ${word} 청년 정기권`;
    const body = `${word} 청년 정기권을 만들어 출퇴근 교통비 부담을 줄여 주세요. 한 달에 정해진 금액만 내면 버스와 지하철을 마음껏 탈 수 있으면 좋겠습니다.`;

    const author = await test.step("a citizen signs in", () => signInNeighbour(page, 30));

    await test.step("finds the open campaign at /campaigns and opens it", async () => {
      await page.goto("/");
      await page.getByRole("navigation", { name: t.site.mainNav }).getByRole("link", { name: t.nav.campaigns, exact: true }).click();
      await expect(page).toHaveURL(/\/campaigns$/);
      await expect(page.getByRole("heading", { level: 1, name: t.campaigns.title })).toBeVisible();
      await page
        .getByRole("region", { name: t.campaigns.open })
        .getByRole("link", { name: DEMO.campaign.title, exact: true })
        .click();
      await expect(page).toHaveURL(new RegExp(`/campaigns/${DEMO.campaign.slug}$`));
      await expect(page.getByRole("heading", { level: 1, name: DEMO.campaign.title })).toBeVisible();
      await expect(page.getByText(interpolate(t.campaigns.supportsCount_other, { count: DEMO.campaign.threshold }), { exact: true })).toBeVisible();
      await page.getByRole("link", { name: t.campaigns.propose, exact: true }).click();
      await expect(page).toHaveURL(/\/ideas\/new\?campaign=\d+$/);
      await expect(page.getByRole("heading", { level: 1, name: t.ideas.newTitle })).toBeVisible();
      // The campaign is already chosen.
      await expect(page.getByLabel(t.ideas.campaignLabel, { exact: true }).locator("option:checked")).toHaveText(DEMO.campaign.title);
    });

    await test.step("types a title like a demo idea's and is shown that idea", async () => {
      const titleField = page.getByLabel(t.ideas.title, { exact: true });
      const suggestions = page.getByRole("region", { name: t.ideas.similarTitle });
      // Suggestions come from a script; typing before the page's script has started would go
      // unnoticed (as it would for a person), so type again until they appear.
      await expect(async () => {
        await titleField.fill("");
        await titleField.fill(title);
        await expect(suggestions.getByRole("link", { name: DEMO.transitIdea.title, exact: true })).toBeVisible({ timeout: 3_000 });
      }).toPass({ timeout: 30_000 });
      await expect(suggestions).toContainText(t.ideas.similarIntro);
      await expect(
        suggestions.getByRole("listitem").filter({ has: page.getByRole("link", { name: DEMO.transitIdea.title, exact: true }) }),
      ).toContainText(t.status.open);
    });

    const ideaUrl = await test.step("writes the body, chooses the category, submits: the idea page", async () => {
      await page.getByLabel(t.ideas.body, { exact: true }).fill(body);
      await page.getByLabel(t.ideas.categoryLabel, { exact: true }).selectOption({ label: ECONOMY.name_ko });
      await page.getByRole("button", { name: t.ideas.submit, exact: true }).click();
      await expect(page).toHaveURL(/\/ideas\/\d+\?created=1$/);
      await expect(page.getByRole("status").filter({ hasText: t.ideas.created })).toBeVisible();
      await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
      await expect(page.getByRole("article").locator("header").getByText(t.status.open, { exact: true })).toBeVisible();
      await expect(page.getByRole("link", { name: DEMO.campaign.title, exact: true })).toBeVisible();
      await expect(page.getByText(interpolate(t.ideas.byAuthor, { name: author.displayName }))).toBeVisible();
      await expect(page.getByRole("article").getByText(body, { exact: true })).toBeVisible();
      // The author supports their own idea: 1 of the campaign's threshold, 30 days to go.
      await expectSupports(page, t, 1, DEMO.campaign.threshold);
      await expect(page.getByText(interpolate(t.ideas.daysLeft_other, { count: 30 }), { exact: true }).first()).toBeVisible();
      await expect(page.getByRole("button", { name: t.ideas.unsupport, exact: true })).toBeVisible();
      await expect(page.getByRole("region", { name: t.ideas.timeline })).toContainText(t.ideas.event.submitted);
      return page.url().replace(/\?created=1$/, "");
    });
    const ideaPath = new URL(ideaUrl).pathname;

    const other = await signedInPage(browser, neighbour(1).email);
    await test.step("a second citizen searches /ideas for a distinctive Korean word and finds it", async () => {
      await other.goto("/ideas");
      await other.getByRole("search").getByLabel(t.ideas.searchLabel, { exact: true }).fill(word);
      await other.getByRole("search").getByRole("button", { name: t.ideas.searchSubmit, exact: true }).click();
      await expect(other).toHaveURL(new RegExp(`[?&]q=${encodeURIComponent(word)}(&|$)`));
      const results = other.getByRole("region", { name: t.ideas.results });
      await expect(results.getByRole("listitem")).toHaveCount(1);
      await expect(results.getByRole("listitem")).toContainText(interpolate(t.ideas.progress_other, { supports: 1, threshold: DEMO.campaign.threshold }));
      await results.getByRole("link", { name: title, exact: true }).click();
      await expect(other).toHaveURL(new RegExp(`${ideaPath}$`));
      await expect(other.getByRole("heading", { level: 1, name: title })).toBeVisible();
    });

    await test.step("supports it: 1 → 2, and it stays 2 after a reload", async () => {
      await expectSupports(other, t, 1, DEMO.campaign.threshold);
      const sent: string[] = [];
      const watch = (request: { url(): string; method(): string }) => {
        const data = new URL(request.url()).searchParams.get("_data");
        if (data) sent.push(`${request.method()} ${data}`);
      };
      other.on("request", watch);
      await other.getByRole("button", { name: t.ideas.support, exact: true }).click();
      await expectSupports(other, t, 2, DEMO.campaign.threshold);
      other.off("request", watch);
      // The answer to the button carries the new count: the page reloads none of its data.
      expect(sent).toEqual(["POST routes/ideas.$id._index"]);
      await expect(other.getByRole("status").filter({ hasText: t.ideas.supported })).toBeVisible();
      await expect(other.getByRole("button", { name: t.ideas.unsupport, exact: true })).toBeVisible();
      await other.reload();
      await expectSupports(other, t, 2, DEMO.campaign.threshold);
      // The author sees it too.
      await page.reload();
      await expectSupports(page, t, 2, DEMO.campaign.threshold);
    });

    await test.step("withdraws the support: back to 1", async () => {
      await other.getByRole("button", { name: t.ideas.unsupport, exact: true }).click();
      await expectSupports(other, t, 1, DEMO.campaign.threshold);
      await expect(other.getByRole("button", { name: t.ideas.support, exact: true })).toBeVisible();
      await expect(other.getByText(t.ideas.supported)).toHaveCount(0);
      await other.reload();
      await expectSupports(other, t, 1, DEMO.campaign.threshold);
    });
    await closeContext(other);

    await test.step("a visitor sees 'log in to support' instead of the button, and comes back after logging in", async () => {
      const visitor = await freshPage(browser);
      await visitor.goto(ideaPath);
      await expectSupports(visitor, t, 1, DEMO.campaign.threshold);
      await expect(visitor.getByRole("button", { name: t.ideas.support, exact: true })).toHaveCount(0);
      await expect(visitor.getByRole("button", { name: t.ideas.unsupport, exact: true })).toHaveCount(0);
      await visitor.getByRole("link", { name: t.ideas.signInToSupport, exact: true }).click();
      await expect(visitor).toHaveURL(new RegExp(`/login\\?next=${encodeURIComponent(ideaPath)}$`));
      await visitor.getByLabel(t.login.email, { exact: true }).fill(neighbour(2).email);
      await visitor.getByLabel(t.login.password, { exact: true }).fill(DEMO_PASSWORD);
      await visitor.getByRole("button", { name: t.login.submit, exact: true }).click();
      await expect(visitor).toHaveURL(new RegExp(`${ideaPath}$`));
      await expect(visitor.getByRole("button", { name: t.ideas.support, exact: true })).toBeVisible();
      await closeContext(visitor);
    });
  });

  test("bad input on /ideas/new: errors next to the fields, 400, and what was typed is kept", async ({ page, t }) => {
    await login(page, DEMO.citizen.email, DEMO_PASSWORD);
    await page.goto("/ideas/new");
    const title = page.getByLabel(t.ideas.title, { exact: true });
    const body = page.getByLabel(t.ideas.body, { exact: true });
    const category = page.getByLabel(t.ideas.categoryLabel, { exact: true });
    await title.fill("짧다");
    await body.fill("너무 짧은 내용입니다.");
    await category.selectOption({ label: ECONOMY.name_ko });
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/ideas/new"),
      page.getByRole("button", { name: t.ideas.submit, exact: true }).click(),
    ]);
    expect(response.status()).toBe(400);

    const summary = page.getByRole("alert");
    await expect(summary).toContainText(t.errors.formTitle);
    await expect(summary.getByRole("link", { name: `${t.ideas.title}: ${interpolate(t.ideas.errors.titleLength, IDEA_LENGTHS.title)}` })).toBeVisible();
    await expect(summary.getByRole("link", { name: `${t.ideas.body}: ${interpolate(t.ideas.errors.bodyLength, IDEA_LENGTHS.body)}` })).toBeVisible();
    await expect(title).toHaveAttribute("aria-invalid", "true");
    await expect(title).toHaveAccessibleDescription(literally(interpolate(t.ideas.errors.titleLength, IDEA_LENGTHS.title)));
    await expect(body).toHaveAttribute("aria-invalid", "true");
    await expect(body).toHaveAccessibleDescription(literally(interpolate(t.ideas.errors.bodyLength, IDEA_LENGTHS.body)));
    await expect(category).not.toHaveAttribute("aria-invalid", "true");
    // Kept as typed; still on the form, nothing was created.
    await expect(page).toHaveURL(/\/ideas\/new$/);
    await expect(title).toHaveValue("짧다");
    await expect(body).toHaveValue("너무 짧은 내용입니다.");
    await expect(category.locator("option:checked")).toHaveText(ECONOMY.name_ko);
  });

  test("a visitor who opens /ideas/new is sent to log in first", async ({ page, t }) => {
    await page.goto("/ideas/new");
    await expect(page).toHaveURL(/\/login\?next=%2Fideas%2Fnew$/);
    await expect(page.getByRole("heading", { level: 1, name: t.login.title })).toBeVisible();
  });

  test.describe("without JavaScript", () => {
    test.use({ javaScriptEnabled: false });

    test("Preview shows the rendered Markdown and similar ideas, and keeps what was typed; a refused submit answers 400", async ({
      page,
      t,
    }) => {
      await login(page, DEMO.citizen.email, DEMO_PASSWORD);
      await page.goto("/ideas/new");
      const word = uniqueKoreanWord();
      const typedTitle = `대중교통 요금을 더 낮춰 주세요 ${word}`;
      const typedBody = [
        `${word} 정기권을 제안합니다.`,
        "",
        "- **청년**은 한 달 5만 원",
        "- 어르신은 무료",
        "",
        "자세한 내용은 [마당 안내](https://example.org/madang)에 있습니다. <script>alert(1)</script>",
      ].join("\n");
      const title = page.getByLabel(t.ideas.title, { exact: true });
      const body = page.getByLabel(t.ideas.body, { exact: true });
      await title.fill(typedTitle);
      await body.fill(typedBody);
      await page.getByLabel(t.ideas.categoryLabel, { exact: true }).selectOption({ label: ECONOMY.name_ko });
      const [response] = await Promise.all([
        page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/ideas/new"),
        page.getByRole("button", { name: t.ideas.preview, exact: true }).click(),
      ]);
      expect(response.status()).toBe(200);

      const preview = page.getByRole("region", { name: t.ideas.previewTitle });
      await expect(preview.getByRole("heading", { level: 3, name: typedTitle })).toBeVisible();
      await expect(preview.locator("strong")).toHaveText("청년");
      await expect(preview.getByRole("listitem")).toHaveText(["청년은 한 달 5만 원", "어르신은 무료"]);
      const link = preview.getByRole("link", { name: "마당 안내" });
      await expect(link).toHaveAttribute("href", "https://example.org/madang");
      await expect(link).toHaveAttribute("rel", /nofollow/);
      await expect(preview).not.toContainText("**");
      await expect(preview.locator("script")).toHaveCount(0);

      const suggestions = page.getByRole("region", { name: t.ideas.similarTitle });
      await expect(suggestions.getByRole("link", { name: DEMO.transitIdea.title, exact: true })).toBeVisible();

      await expect(title).toHaveValue(typedTitle);
      await expect(body).toHaveValue(typedBody);
      await expect(page.getByLabel(t.ideas.categoryLabel, { exact: true }).locator("option:checked")).toHaveText(ECONOMY.name_ko);

      // A body that is too short, without JavaScript: the page again, 400, the error by the field.
      await body.fill("짧은 내용");
      const [refused] = await Promise.all([
        page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/ideas/new"),
        page.getByRole("button", { name: t.ideas.submit, exact: true }).click(),
      ]);
      expect(refused.status()).toBe(400);
      await expect(body).toHaveAttribute("aria-invalid", "true");
      await expect(body).toHaveAccessibleDescription(literally(interpolate(t.ideas.errors.bodyLength, IDEA_LENGTHS.body)));
      await expect(title).not.toHaveAttribute("aria-invalid", "true");
      await expect(title).toHaveValue(typedTitle);
      await expect(body).toHaveValue("짧은 내용");
    });
  });
});

test("Korean pages arrive whole: no NUL byte in /, /ideas, /campaigns, a campaign and an idea page", async ({ page, request, t }) => {
  // Regression: React 18.3's streaming renderer put NUL bytes into Korean text at chunk edges.
  await page.goto(`/ideas?q=${encodeURIComponent("대중교통")}`);
  const href = await page.getByRole("link", { name: DEMO.transitIdea.title, exact: true }).getAttribute("href");
  expect(href).toMatch(/^\/ideas\/\d+$/);
  for (const url of ["/", "/ideas", "/campaigns", `/campaigns/${DEMO.campaign.slug}`, href!]) {
    const response = await request.get(url);
    expect(response.status(), url).toBe(200);
    const body = await response.body();
    expect(body.length, url).toBeGreaterThan(4_096); // longer than the chunks where it happened
    expect(body.includes(0), `${url} contains a NUL byte at ${body.indexOf(0)}`).toBe(false);
    const html = body.toString("utf8");
    expect(html, url).toContain('<html lang="ko"');
    expect(html, url).toContain(t.site.name);
    expect(html, url).not.toContain("\uFFFD"); // no broken UTF-8 either
  }
});
