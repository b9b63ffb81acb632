// Moderation end to end: three citizens report a comment, which is hidden at the third report
// ("hidden while a moderator reviews it"); a moderator reviews it in /moderation and hides it with
// a reason; the reason shows in place of the comment and its author is told why. An idea proposed
// by a newly joined account is held for review, and opens when a moderator approves it.
import { CATEGORIES } from "../../db/reference-data";
import {
  closeContext,
  expect,
  freshPage,
  interpolate,
  joinVerified,
  markWindow,
  neighbour,
  signedInPage,
  stillMarked,
  test,
  uniqueKoreanWord,
  type Messages,
  type Page,
} from "./fixtures";

const MODERATOR = { email: "moderator@madang.example.org", name: "정하늘" };
const ECONOMY = CATEGORIES.find((c) => c.slug === "economy")!;
/** An open demo idea that no other test comments on. */
const IDEA_TITLE = "탄소중립 실천 방안: 공공기관 옥상에 태양광을";

async function openIdea(page: Page, t: Messages): Promise<string> {
  await page.goto(`/ideas?q=${encodeURIComponent("태양광")}`);
  await page.getByRole("region", { name: t.ideas.results }).getByRole("link", { name: IDEA_TITLE, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: IDEA_TITLE })).toBeVisible();
  return new URL(page.url()).pathname;
}

test("three citizens report a comment: hidden at once; a moderator hides it with a reason; the author is told why", async ({ page, browser, t }) => {
  test.setTimeout(150_000);
  const word = uniqueKoreanWord();
  const comment = `${word} 이런 제안을 올리는 사람들은 세금 낭비만 생각하는 바보들입니다.`;
  const note = `${word}: 다른 사람을 깎아내리는 표현은 쓸 수 없습니다.`;
  const author = neighbour(23);
  const flaggers = [24, 25, 26].map(neighbour);

  // ——— The author ———
  const authorPage = await signedInPage(browser, author.email);
  const ideaPath = await openIdea(authorPage, t);
  const postId = await test.step("a citizen comments on an idea", async () => {
    await authorPage.getByLabel(t.deliberation.comments.label, { exact: true }).fill(comment);
    await authorPage.getByRole("button", { name: t.deliberation.comments.submit, exact: true }).click();
    const post = authorPage.getByRole("article", { name: interpolate(t.deliberation.postBy, { name: author.name }) }).filter({ hasText: comment });
    await expect(post).toHaveCount(1);
    // The author may not report their own comment.
    await expect(post.getByRole("link", { name: new RegExp(`^${t.moderation.flag.linkPost}`) })).toHaveCount(0);
    const id = await post.locator("xpath=..").getAttribute("id");
    expect(id).toMatch(/^post-\d+$/);
    return Number(id!.slice("post-".length));
  });
  /** The comment on an idea page, found by its number (its text may be hidden). */
  const commentOn = (p: Page) => p.locator(`#post-${postId}`).getByRole("article").first();

  // ——— Three reports ———
  for (const [i, who] of flaggers.entries()) {
    await test.step(`${who.name} reports it (${i + 1} of 3)`, async () => {
      const flagger = await signedInPage(browser, who.email);
      await flagger.goto(ideaPath);
      // Once the page runs its script, the report link opens the form in the page, without a
      // page load (a mark set on the window survives only that), as a <Link> did.
      await markWindow(flagger);
      await commentOn(flagger)
        .getByRole("link", { name: `${t.moderation.flag.linkPost} ${interpolate(t.moderation.flag.linkPostBy, { name: author.name })}`, exact: true })
        .click();
      await expect(flagger).toHaveURL(new RegExp(`/flag\\?type=post&id=${postId}$`));
      await expect(flagger.getByRole("heading", { level: 1, name: t.moderation.flag.title })).toBeVisible();
      expect(await stillMarked(flagger), "moved without a page load").toBe(true);
      await expect(flagger.getByRole("heading", { level: 2, name: interpolate(t.moderation.flag.about.comment, { title: IDEA_TITLE }) })).toBeVisible();
      await expect(flagger.locator("blockquote")).toContainText(word);
      await flagger.getByRole("radio", { name: t.moderation.reason.abuse, exact: true }).check();
      if (i === 0) await flagger.getByLabel(t.moderation.flag.details, { exact: true }).fill("다른 시민을 바보라고 부릅니다.");
      await flagger.getByRole("button", { name: t.moderation.flag.submit, exact: true }).click();
      const done = flagger.getByRole("status");
      await expect(done).toContainText(t.moderation.flag.thanks);
      if (i < 2) await expect(done).not.toContainText(t.moderation.flag.nowHidden);
      else await expect(done).toContainText(t.moderation.flag.nowHidden);
      // Once is enough: the same person cannot report it again.
      await flagger.goto(`/flag?type=post&id=${postId}`);
      await expect(flagger.getByText(t.moderation.flag.already, { exact: true })).toBeVisible();
      await expect(flagger.getByRole("button", { name: t.moderation.flag.submit, exact: true })).toHaveCount(0);
      await closeContext(flagger);
    });
  }

  await test.step("a visitor sees 'hidden while a moderator reviews it' in place of the comment", async () => {
    await page.goto(ideaPath);
    const hidden = commentOn(page);
    await expect(hidden.getByRole("note")).toHaveText(t.moderation.hidden.pending);
    await expect(hidden).not.toContainText(word);
    await expect(page.getByText(comment)).toHaveCount(0);
  });

  // ——— The moderator ———
  const moderator = await signedInPage(browser, MODERATOR.email);
  await test.step("the moderator finds it in the queue with its three reports, and hides it with a reason", async () => {
    await moderator.getByRole("navigation", { name: t.site.mainNav }).getByRole("link", { name: t.moderation.title, exact: true }).click();
    await expect(moderator).toHaveURL(/\/moderation$/);
    await expect(moderator.getByRole("heading", { level: 1, name: t.moderation.title })).toBeVisible();
    const item = moderator
      .getByRole("region", { name: new RegExp(`^${t.moderation.queue.flagged}`) })
      .getByRole("article", { name: interpolate(t.moderation.queue.item.comment, { name: author.name, title: IDEA_TITLE }), exact: true })
      .filter({ hasText: word });
    await expect(item).toHaveCount(1);
    await expect(item).toContainText(interpolate(t.moderation.queue.flagCount, { count: 3 }));
    await expect(item).toContainText(t.moderation.queue.autoHidden);
    await expect(item.getByRole("listitem").filter({ hasText: t.moderation.reason.abuse })).toHaveCount(3);
    await expect(item).toContainText("다른 시민을 바보라고 부릅니다.");
    await expect(item.getByRole("link", { name: author.name, exact: true })).toBeVisible();

    // Dismissing the reports has its own words: nothing is shown in place of the comment, and the
    // note stays in the log.
    await item.locator("summary").getByText(t.moderation.decision.dismiss, { exact: true }).click();
    const dismiss = item.locator("details.decision-form").filter({ has: moderator.getByRole("button", { name: t.moderation.decision.dismissSubmit, exact: true }) });
    await expect(dismiss.getByRole("group", { name: t.moderation.decision.dismissLegend, exact: true })).toBeVisible();
    await expect(dismiss.getByRole("textbox", { name: t.moderation.decision.logNote, exact: true })).toBeVisible();
    await expect(dismiss).not.toContainText(t.moderation.decision.reasonLegend);
    await expect(dismiss).not.toContainText(t.moderation.decision.noteHint);
    await item.locator("summary").getByText(t.moderation.decision.hide, { exact: true }).click();
    await item.getByRole("radio", { name: t.moderation.reason.abuse, exact: true }).check();
    await item.getByRole("textbox", { name: t.moderation.decision.note, exact: true }).fill(note);
    await item.getByRole("button", { name: t.moderation.decision.hideSubmit, exact: true }).click();
    await expect(moderator.getByRole("status").filter({ hasText: t.moderation.done.hide })).toBeVisible();
    // Decided: it leaves the queue.
    await expect(item).toHaveCount(0);
  });

  const reasonShown = interpolate(t.moderation.hidden.byModerator, { reason: t.moderation.reason.abuse });
  await test.step("the reason shows in place of the comment, for everyone", async () => {
    await page.reload();
    // The reason, then a link to the operating rules it applies (issue 16).
    await expect(commentOn(page).getByRole("note")).toContainText(reasonShown);
    await expect(page.getByText(comment)).toHaveCount(0);
    // The link leads to the rule applied, not only to the page.
    await commentOn(page).getByRole("note").getByRole("link", { name: t.appeals.rulesLink, exact: true }).click();
    await expect(page).toHaveURL(/\/pages\/operating-rules#md-abuse$/);
    const rule = page.locator("li", { has: page.locator("#md-abuse") });
    await expect(rule).toContainText("욕설·괴롭힘(abuse)");
    await expect(rule).toBeInViewport();
    await page.goBack();
  });

  await test.step("the author sees the reason on the comment and in the notifications", async () => {
    await authorPage.goto(ideaPath);
    const mine = commentOn(authorPage);
    // The author still reads their text, with the moderator's reason and why they see it.
    await expect(mine.getByRole("note")).toContainText(reasonShown);
    await expect(mine.getByRole("note")).toContainText(t.moderation.hidden.insider);
    await authorPage.getByRole("link", { name: new RegExp(`^${t.notifications.title}`) }).click();
    await expect(authorPage).toHaveURL(/\/me\/notifications$/);
    const words = interpolate(t.moderation.notice.hide, { item: t.moderation.item.comment, title: IDEA_TITLE, reason: t.moderation.reason.abuse });
    const notice = authorPage.getByRole("link", { name: `${interpolate(t.notifications.kind.moderation, { reason: words })} — ${note}`, exact: true });
    await expect(notice).toHaveCount(1);
    await notice.click();
    await expect(authorPage).toHaveURL(new RegExp(`${ideaPath}$`));
  });
  await closeContext(authorPage);
  await closeContext(moderator);
});

test("an idea from a newly joined account is held for review; a moderator approves it and it opens", async ({ page, browser, t }) => {
  test.setTimeout(120_000);
  const word = uniqueKoreanWord();
  const title = `동네 도서관을 밤 10시까지 열어 주세요 ${word}`;
  const body = `${word} 퇴근한 뒤에는 도서관이 이미 닫혀 있습니다. 주중 이틀만이라도 밤 10시까지 열면 일하는 사람도 책을 빌릴 수 있습니다.`;

  await joinVerified(page, "held");
  const ideaPath = await test.step("the newcomer proposes an idea: it is held, and told why", async () => {
    await page.goto("/ideas/new");
    await page.getByLabel(t.ideas.title, { exact: true }).fill(title);
    await page.getByLabel(t.ideas.body, { exact: true }).fill(body);
    await page.getByLabel(t.ideas.categoryLabel, { exact: true }).selectOption({ label: ECONOMY.name_ko });
    await page.getByRole("button", { name: t.ideas.submit, exact: true }).click();
    await expect(page).toHaveURL(/\/ideas\/\d+(\?.*)?$/);
    await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
    await expect(page.getByRole("article").locator("header").getByText(t.status.pending, { exact: true })).toBeVisible();
    const held = page.getByRole("region", { name: t.moderation.held.title });
    await expect(held).toContainText(t.moderation.held.intro);
    await expect(held.getByRole("listitem")).toHaveText([new RegExp(interpolate(t.moderation.screening.newAccount_other, { count: "\\d+" }))]);
    // Not open for support yet.
    await expect(page.getByRole("button", { name: t.ideas.support, exact: true })).toHaveCount(0);
    return new URL(page.url()).pathname;
  });

  await test.step("a visitor cannot see it yet, and it is not in the public list", async () => {
    const visitor = await freshPage(browser);
    const response = await visitor.goto(ideaPath);
    expect(response?.status()).toBe(404);
    await visitor.goto(`/ideas?q=${encodeURIComponent(word)}`);
    await expect(visitor.getByRole("link", { name: title, exact: true })).toHaveCount(0);
    await closeContext(visitor);
  });

  await test.step("the moderator finds it among the held ideas, with the reason, and approves it", async () => {
    const moderator = await signedInPage(browser, MODERATOR.email);
    await moderator.goto("/moderation");
    const item = moderator
      .getByRole("region", { name: new RegExp(`^${t.moderation.queue.held}`) })
      .getByRole("article", { name: interpolate(t.moderation.queue.itemIdea, { title }), exact: true });
    await expect(item).toHaveCount(1);
    await expect(item).toContainText(new RegExp(interpolate(t.moderation.screening.newAccount_other, { count: "\\d+" })));
    await item.getByRole("button", { name: t.moderation.panel.approve, exact: true }).click();
    await expect(moderator.getByRole("status").filter({ hasText: t.moderation.done.approve })).toBeVisible();
    await expect(item).toHaveCount(0);
    await closeContext(moderator);
  });

  await test.step("it is open: anyone can read it, citizens can support it, the timeline says who approved it", async () => {
    const visitor = await freshPage(browser);
    const response = await visitor.goto(ideaPath);
    expect(response?.status()).toBe(200);
    await expect(visitor.getByRole("heading", { level: 1, name: title })).toBeVisible();
    await expect(visitor.getByRole("article").locator("header").getByText(t.status.open, { exact: true })).toBeVisible();
    await expect(visitor.getByRole("link", { name: t.ideas.signInToSupport, exact: true })).toBeVisible();
    await expect(visitor.getByRole("region", { name: t.ideas.timeline })).toContainText(MODERATOR.name);
    await closeContext(visitor);

    await page.reload();
    await expect(page.getByRole("region", { name: t.moderation.held.title })).toHaveCount(0);
    await expect(page.getByRole("article").locator("header").getByText(t.status.open, { exact: true })).toBeVisible();
  });
});
