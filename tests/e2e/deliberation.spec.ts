// Deliberation and public comments end to end: a committee member opens a thread of the economy
// sub-committee and posts with a stance, the chair replies against it, the member answers; the
// stance tally at the top counts each member once, by their latest stance. A visitor reads the
// thread but is offered no form. A citizen comments on an idea and another replies to the comment.
import type { Locator } from "@playwright/test";
import {
  closeContext,
  DEMO,
  DEMO_PASSWORD,
  expectAccessible,
  expect,
  freshPage,
  interpolate,
  signedInPage,
  signInNeighbour,
  test,
  uniqueKoreanWord,
  type Messages,
  type Page,
} from "./fixtures";

const MEMBER = { email: "member@madang.example.org", name: "이수진" }; // a member of the economy committee
const ECONOMY = { slug: "economy" };

/** The stance tally at the top of a thread (or of an idea's comments): for, against, neutral. */
async function expectTally(page: Page, t: Messages, counts: [number, number, number], headingName = t.deliberation.tallyTitle) {
  const tally = page.getByRole("region", { name: headingName, exact: true }).first();
  await expect(tally.getByRole("term")).toHaveText([t.deliberation.stance.for, t.deliberation.stance.against, t.deliberation.stance.neutral]);
  await expect(tally.getByRole("definition")).toHaveText(counts.map(String));
}

/** A post (or comment) on the page, by its author, holding this text. */
function postOf(page: Page, t: Messages, author: string, text: string) {
  return page.getByRole("article", { name: interpolate(t.deliberation.postBy, { name: author }), exact: true }).filter({ hasText: text });
}

/** The replies nested under a post (in the list of replies to it, which follows the post). */
function repliesUnder(page: Page, t: Messages, author: string, text: string): Locator {
  return page
    .getByRole("listitem")
    .filter({ has: postOf(page, t, author, text) })
    .last()
    .getByRole("list", { name: interpolate(t.deliberation.repliesTo, { name: author }), exact: true })
    .first()
    .getByRole("article");
}

/** The stance a post is tagged with (in words, beside the author's name). */
function stanceOf(post: Locator) {
  return post.locator(".post-meta .stance");
}

/** Writes a post in the form `form` (its text area labelled `label`), with a stance, and sends it. */
async function writePost(page: Page, t: Messages, scope: Locator, label: string, body: string, stance: keyof Messages["deliberation"]["stance"], submit: string) {
  await scope.getByLabel(label, { exact: true }).fill(body);
  await scope.getByRole("radio", { name: t.deliberation.stance[stance], exact: true }).check();
  await scope.getByRole("button", { name: submit, exact: true }).click();
}

test("a committee member opens a thread and posts with a stance, the chair replies, the member answers: the tally follows; a visitor reads it without a form", async ({
  browser,
  t,
}) => {
  test.setTimeout(120_000);
  const word = uniqueKoreanWord();
  const title = `지역 화폐 예산 배분 ${word}`;
  const opening = `${word}: 지역 화폐 예산을 인구가 아니라 소상공인 매출 감소 폭에 따라 나누자는 제안이 있습니다. 찬성합니다.`;
  const chairReply = `${word} 매출 자료는 지역마다 기준이 달라서 공정하게 비교하기 어렵습니다. 반대합니다.`;
  const memberAnswer = `${word} 기준을 통일하는 연구부터 맡기면 어떨까요? 일단 중립으로 두겠습니다.`;

  const member = await signedInPage(browser, MEMBER.email);
  const threadPath = await test.step("the member opens a thread from the committee's page: for", async () => {
    await member.goto(`/committees/${ECONOMY.slug}`);
    await member.getByRole("link", { name: t.deliberation.committee.newThread, exact: true }).click();
    await expect(member).toHaveURL(new RegExp(`/committees/${ECONOMY.slug}/threads/new$`));
    await expect(member.getByRole("heading", { level: 1, name: t.deliberation.newThread.heading })).toBeVisible();
    await member.getByLabel(t.deliberation.newThread.titleLabel, { exact: true }).fill(title);
    await writePost(member, t, member.locator("main"), t.deliberation.newThread.bodyLabel, opening, "for", t.deliberation.newThread.submit);
    await expect(member).toHaveURL(/\/threads\/\d+$/);
    await expect(member.getByRole("heading", { level: 1, name: title })).toBeVisible();
    const post = postOf(member, t, MEMBER.name, opening);
    await expect(post).toHaveCount(1);
    await expect(stanceOf(post)).toHaveText(t.deliberation.stance.for);
    await expectTally(member, t, [1, 0, 0]);
    return new URL(member.url()).pathname;
  });

  const chair = await signedInPage(browser, DEMO.chair.email);
  await test.step("the chair finds the thread on the committee's page and replies against it: for 1, against 1", async () => {
    await chair.goto(`/committees/${ECONOMY.slug}`);
    await chair.getByRole("link", { name: title, exact: true }).click();
    await expect(chair).toHaveURL(new RegExp(`${threadPath}$`));
    await expectTally(chair, t, [1, 0, 0]);
    const post = postOf(chair, t, MEMBER.name, opening);
    await post.getByText(t.deliberation.reply, { exact: true }).click();
    await writePost(
      chair,
      t,
      post,
      interpolate(t.deliberation.replyLabel, { name: MEMBER.name }),
      chairReply,
      "against",
      t.deliberation.replySubmit,
    );
    // The reply sits under the post it answers, marked as a reply, with its stance.
    const reply = repliesUnder(chair, t, MEMBER.name, opening).filter({ hasText: chairReply });
    await expect(reply).toHaveAttribute("aria-label", interpolate(t.deliberation.postBy, { name: DEMO.chair.name }));
    await expect(stanceOf(reply)).toHaveText(t.deliberation.stance.against);
    await expectTally(chair, t, [1, 1, 0]);
  });

  await test.step("the member answers the chair, now neutral: counted once, by the latest stance", async () => {
    await member.reload();
    await expectTally(member, t, [1, 1, 0]);
    const reply = postOf(member, t, DEMO.chair.name, chairReply);
    await reply.getByText(t.deliberation.reply, { exact: true }).click();
    await writePost(
      member,
      t,
      reply,
      interpolate(t.deliberation.replyLabel, { name: DEMO.chair.name }),
      memberAnswer,
      "neutral",
      t.deliberation.replySubmit,
    );
    const answer = postOf(member, t, MEMBER.name, memberAnswer);
    await expect(answer).toHaveCount(1);
    await expect(stanceOf(answer)).toHaveText(t.deliberation.stance.neutral);
    await expect(repliesUnder(member, t, DEMO.chair.name, chairReply).filter({ hasText: memberAnswer })).toHaveCount(1);
    await expectTally(member, t, [0, 1, 1]);
    // Three posts in all.
    await expect(member.getByText(interpolate(t.deliberation.postCount_other, { formatted: 3 }), { exact: true })).toBeVisible();
  });
  await closeContext(chair);
  await closeContext(member);

  await test.step("a visitor reads the whole thread, with the tally, but is offered no form to post", async () => {
    const visitor = await freshPage(browser);
    await visitor.goto(threadPath);
    await expect(visitor.getByRole("link", { name: t.nav.login, exact: true })).toBeVisible();
    await expect(visitor.getByRole("heading", { level: 1, name: title })).toBeVisible();
    await expect(postOf(visitor, t, MEMBER.name, opening)).toHaveCount(1);
    await expect(postOf(visitor, t, DEMO.chair.name, chairReply)).toHaveCount(1);
    await expect(postOf(visitor, t, MEMBER.name, memberAnswer)).toHaveCount(1);
    await expectTally(visitor, t, [0, 1, 1]);
    await expect(visitor.getByText(t.deliberation.membersOnly, { exact: true })).toBeVisible();
    await expect(visitor.locator("main form")).toHaveCount(0);
    await expect(visitor.getByRole("textbox")).toHaveCount(0);
    await expect(visitor.getByRole("radio")).toHaveCount(0);
    await expect(visitor.getByRole("button", { name: t.deliberation.postSubmit, exact: true })).toHaveCount(0);
    await expect(visitor.getByText(t.deliberation.reply, { exact: true })).toHaveCount(0);
    await expect(visitor.getByRole("heading", { name: t.deliberation.newPost, exact: true })).toHaveCount(0);
    // A signed-in citizen who is not a member is told that only members post.
    await closeContext(visitor);
    const citizen = await signedInPage(browser, DEMO.citizen.email, DEMO_PASSWORD);
    await citizen.goto(threadPath);
    await expect(citizen.getByText(t.deliberation.membersOnly, { exact: true })).toBeVisible();
    await expect(citizen.getByRole("textbox")).toHaveCount(0);
    await closeContext(citizen);
  });
});

test("a citizen comments on an idea with a stance; another replies; the comments count and tally follow", async ({ page, browser, t }) => {
  test.setTimeout(90_000);
  const word = uniqueKoreanWord();
  const comment = `${word} 통학로마다 안전 지킴이를 두면 좋겠습니다. 적극 찬성합니다.`;
  const answer = `${word} 지킴이 인건비는 누가 부담하나요? 재원부터 정해야 합니다.`;

  // A demo idea open for support and comments (no other test comments on it).
  const ideaTitle = "어린이 통학로 안전을 강화해 주세요";
  await page.goto(`/ideas?q=${encodeURIComponent("통학로")}`);
  await page.getByRole("region", { name: t.ideas.results }).getByRole("link", { name: ideaTitle, exact: true }).click();
  await expect(page).toHaveURL(/\/ideas\/\d+$/);
  const ideaPath = new URL(page.url()).pathname;

  const comments = (p: Page) => p.getByRole("region", { name: new RegExp(`^${t.deliberation.comments.title}`) });

  await test.step("a visitor sees the comments and a link to log in, not the form", async () => {
    await expect(comments(page).getByRole("link", { name: t.deliberation.signInToComment, exact: true })).toBeVisible();
    await expect(comments(page).getByRole("textbox")).toHaveCount(0);
  });

  const author = await signInNeighbour(page, 21);
  let before = 0;
  await test.step("a citizen writes a comment, for the idea: it is listed with the author and the stance", async () => {
    await page.goto(ideaPath);
    const section = comments(page);
    before = Number((await section.getByRole("heading", { level: 2 }).first().locator(".tag").innerText()).replace(/\D/g, ""));
    await section.getByLabel(t.deliberation.comments.label, { exact: true }).fill(comment);
    await section.getByRole("radio", { name: t.deliberation.stance.for, exact: true }).check();
    await section.getByRole("button", { name: t.deliberation.comments.submit, exact: true }).click();
    const mine = postOf(page, t, author.displayName, comment);
    await expect(mine).toHaveCount(1);
    await expect(stanceOf(mine)).toHaveText(t.deliberation.stance.for);
    await expect(section.getByRole("heading", { level: 2 }).first()).toHaveText(new RegExp(`${before + 1}$`));
    // The form is empty again, ready for another comment.
    await expect(section.getByLabel(t.deliberation.comments.label, { exact: true })).toHaveValue("");
  });

  await test.step("another citizen replies, against; both are there after a reload, the reply under the comment", async () => {
    const other = await signedInPage(browser, "neighbour22@madang.example.org");
    await other.goto(ideaPath);
    const first = postOf(other, t, author.displayName, comment);
    await first.getByText(t.deliberation.reply, { exact: true }).click();
    await writePost(
      other,
      t,
      first,
      interpolate(t.deliberation.replyLabel, { name: author.displayName }),
      answer,
      "against",
      t.deliberation.replySubmit,
    );
    await expect(repliesUnder(other, t, author.displayName, comment).filter({ hasText: answer })).toHaveCount(1);
    await closeContext(other);

    await page.reload();
    await expect(postOf(page, t, author.displayName, comment)).toHaveCount(1);
    await expect(stanceOf(postOf(page, t, "이웃 22", answer))).toHaveText(t.deliberation.stance.against);
    await expect(comments(page).getByRole("heading", { level: 2 }).first()).toHaveText(new RegExp(`${before + 2}$`));
  });
});

test("the chair locks a thread with a reason, members see why and cannot post; the chair reopens it and they can", async ({ browser, t }) => {
  test.setTimeout(90_000);
  const word = uniqueKoreanWord();
  const title = `회의 일정 조정 ${word}`;
  const reason = `${word} 기관 자료가 올 때까지 논의를 멈춥니다.`;

  const chair = await signedInPage(browser, DEMO.chair.email);
  await chair.goto(`/committees/${ECONOMY.slug}/threads/new`);
  await chair.getByLabel(t.deliberation.newThread.titleLabel, { exact: true }).fill(title);
  await writePost(chair, t, chair.locator("main"), t.deliberation.newThread.bodyLabel, `${word} 다음 회의 전에 의견을 모아 주세요.`, "neutral", t.deliberation.newThread.submit);
  await expect(chair).toHaveURL(/\/threads\/\d+$/);
  const threadPath = new URL(chair.url()).pathname;

  await test.step("the chair locks it; a reason is required", async () => {
    await chair.locator("summary").filter({ hasText: t.deliberation.lock.open }).click();
    await chair.getByRole("button", { name: t.deliberation.lock.submit, exact: true }).click();
    await expect(chair.getByLabel(t.deliberation.lock.reason, { exact: true })).toHaveAttribute("aria-invalid", "true");
    await chair.getByLabel(t.deliberation.lock.reason, { exact: true }).fill(reason);
    await chair.getByRole("button", { name: t.deliberation.lock.submit, exact: true }).click();
    await expect(chair.getByRole("note").filter({ hasText: reason })).toBeVisible();
  });

  const member = await signedInPage(browser, MEMBER.email);
  await test.step("a member sees the lock and its reason, and no form to post", async () => {
    await member.goto(threadPath);
    await expect(member.getByRole("note").filter({ hasText: reason })).toBeVisible();
    await expect(member.getByRole("main").getByRole("textbox")).toHaveCount(0);
    await expect(member.getByRole("button", { name: t.deliberation.unlock.submit, exact: true })).toHaveCount(0);
  });

  await test.step("the chair reopens it; the member can post again", async () => {
    await chair.getByRole("button", { name: t.deliberation.unlock.submit, exact: true }).click();
    await expect(chair.getByRole("note").filter({ hasText: reason })).toHaveCount(0);
    await expect(chair.locator("summary").filter({ hasText: t.deliberation.lock.open })).toBeVisible();
    await member.reload();
    await expect(member.getByRole("note").filter({ hasText: reason })).toHaveCount(0);
    await expect(member.getByRole("main").getByRole("textbox").first()).toBeVisible();
  });
  await closeContext(member);
  await closeContext(chair);
});

test("one reply form per page: Reply opens it in place with the focus in it, keeps a draft per post, Cancel returns the focus; a refused reply stays open with its text; a reply sent shows and closes it", async ({
  browser,
  t,
}) => {
  test.setTimeout(120_000);
  const word = uniqueKoreanWord();
  const title = `주말 장터 운영 ${word}`;
  const first = `${word} 첫 글: 주말 장터를 구청 앞 광장에서 열면 좋겠습니다.`;
  const second = `${word} 둘째 글: 장터 운영비는 참가비로 충당합시다.`;
  const draft = `${word} 첫 글에 대한 답을 쓰다가 멈춘 글`;
  const answer = `${word} 참가비가 너무 높으면 소상공인이 빠집니다.`;

  const member = await signedInPage(browser, MEMBER.email);
  await member.goto(`/committees/${ECONOMY.slug}/threads/new`);
  await member.getByLabel(t.deliberation.newThread.titleLabel, { exact: true }).fill(title);
  await writePost(member, t, member.locator("main"), t.deliberation.newThread.bodyLabel, first, "for", t.deliberation.newThread.submit);
  await expect(member).toHaveURL(/\/threads\/\d+$/);
  const threadPath = new URL(member.url()).pathname;
  await writePost(member, t, member.getByRole("region", { name: t.deliberation.newPost, exact: true }), t.deliberation.postLabel, second, "neutral", t.deliberation.postSubmit);
  await expect(postOf(member, t, MEMBER.name, second)).toHaveCount(1);
  await closeContext(member);

  const chair = await signedInPage(browser, DEMO.chair.email);
  await chair.goto(threadPath);
  const replyForms = chair.locator('main input[name="replyTo"]');
  const postOne = postOf(chair, t, MEMBER.name, first);
  const postTwo = postOf(chair, t, MEMBER.name, second);
  const label = interpolate(t.deliberation.replyLabel, { name: MEMBER.name });
  // The links, not the posts' text: a post's article holds its replies' text too.
  const replyLink = (post: Locator) => post.locator(".post-actions").getByRole("link", { name: new RegExp(`^${t.deliberation.reply}`) });
  // Opening and closing the form loads nothing: no navigation, no loader.
  const dataRequests: string[] = [];
  chair.on("request", (request) => {
    if (request.url().includes("_data=")) dataRequests.push(request.url());
  });
  // The page the server sent hydrates as it is, with a form open or not (no mismatch).
  const errors: string[] = [];
  chair.on("console", (message) => {
    // (The refused reply's 400 is logged as a failed resource: not an error of the page.)
    if (message.type() === "error" && !message.text().startsWith("Failed to load resource")) errors.push(message.text());
  });
  chair.on("pageerror", (error) => errors.push(error.message));

  await test.step("the page holds no reply form; Reply opens one under the post, with the focus in its text area", async () => {
    await expect(replyForms).toHaveCount(0);
    await expect(replyLink(postOne)).toHaveAttribute("aria-expanded", "false");
    await replyLink(postOne).click();
    await expect(postOne.getByLabel(label, { exact: true })).toBeFocused();
    await expect(replyLink(postOne)).toHaveAttribute("aria-expanded", "true");
    await expect(replyLink(postOne)).toHaveAttribute("aria-controls", "reply-form");
    await expect(replyForms).toHaveCount(1);
    expect(new URL(chair.url()).search).toBe("");
    await expectAccessible(chair, "thread with a reply form open");
  });

  await test.step("what is typed is kept when Reply is chosen on another post; one form at a time", async () => {
    await postOne.getByLabel(label, { exact: true }).fill(draft);
    await replyLink(postTwo).click();
    await expect(postTwo.getByLabel(label, { exact: true })).toBeFocused();
    await expect(replyForms).toHaveCount(1);
    await expect(postOne.getByRole("textbox")).toHaveCount(0);
    await expect(replyLink(postOne)).toHaveText(t.deliberation.replyDraft);
    await replyLink(postOne).click();
    await expect(postOne.getByLabel(label, { exact: true })).toHaveValue(draft);
    await expect(replyForms).toHaveCount(1);
  });

  await test.step("Cancel closes it and returns the focus to the post's Reply; the same link closes it too", async () => {
    await postOne.getByRole("link", { name: t.deliberation.cancel, exact: true }).click();
    await expect(replyForms).toHaveCount(0);
    await expect(replyLink(postOne)).toBeFocused();
    await expect(replyLink(postOne)).toHaveAttribute("aria-expanded", "false");
    // By keyboard: Enter on the link opens it, again on the link closes it.
    await replyLink(postTwo).focus();
    await chair.keyboard.press("Enter");
    await expect(postTwo.getByLabel(label, { exact: true })).toBeFocused();
    await replyLink(postTwo).click();
    await expect(replyForms).toHaveCount(0);
    await expect(replyLink(postTwo)).toBeFocused();
    expect(dataRequests).toEqual([]);
  });

  await test.step("a refused reply stays open under the same post, with the text and the error beside the field", async () => {
    await replyLink(postTwo).click();
    const tooLong = `${answer} `.repeat(Math.ceil(5_100 / (answer.length + 1)));
    await postTwo.getByLabel(label, { exact: true }).fill(tooLong);
    await postTwo.getByRole("button", { name: t.deliberation.replySubmit, exact: true }).click();
    const field = postTwo.getByLabel(label, { exact: true });
    await expect(field).toHaveAttribute("aria-invalid", "true");
    await expect(postTwo.getByText(interpolate(t.deliberation.errors.bodyLength, { max: 5000 }), { exact: true })).toBeVisible();
    await expect(field).toHaveValue(tooLong);
    await expect(replyForms).toHaveCount(1);
    await expectAccessible(chair, "thread with a refused reply");
  });

  await test.step("a reply sent shows under its post, and the form closes", async () => {
    await postTwo.getByLabel(label, { exact: true }).fill(answer);
    await postTwo.getByRole("radio", { name: t.deliberation.stance.against, exact: true }).check();
    await postTwo.getByRole("button", { name: t.deliberation.replySubmit, exact: true }).click();
    await expect(repliesUnder(chair, t, MEMBER.name, second).filter({ hasText: answer })).toHaveCount(1);
    await expect(replyForms).toHaveCount(0);
    // The other post's draft is still kept.
    await expect(replyLink(postOne)).toHaveText(t.deliberation.replyDraft);
  });

  await test.step("an address with ?reply= opens the form under that post; the reply sent closes it and leaves the address", async () => {
    const postId = (await postOne.locator("xpath=..").getAttribute("id"))!.replace("post-", "");
    await chair.goto(`${threadPath}?reply=${postId}#reply-form`);
    await expect(replyForms).toHaveCount(1);
    await expect(postOne.getByLabel(label, { exact: true })).toBeVisible();
    await expect(replyLink(postOne)).toHaveAttribute("aria-expanded", "true");
    await writePost(chair, t, postOne, label, `${answer} (2)`, "neutral", t.deliberation.replySubmit);
    await expect(repliesUnder(chair, t, MEMBER.name, first).filter({ hasText: `${answer} (2)` })).toHaveCount(1);
    await expect(replyForms).toHaveCount(0);
    expect(new URL(chair.url()).search).toBe("");
    expect(errors).toEqual([]);
  });
  await closeContext(chair);
});
