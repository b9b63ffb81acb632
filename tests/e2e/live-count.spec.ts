// An open idea's page follows its support count while it stays open (issue 13): a visitor
// watching the page sees a neighbour's support arrive, without reloading the page. (The timing —
// backoff, nothing while the tab is hidden — is tested with fake timers in
// tests/unit/live-count.test.ts.)
import { CATEGORIES } from "../../db/reference-data";
import { closeContext, expect, freshPage, interpolate, neighbour, proposeIdea, signedInPage, signInNeighbour, test, uniqueKoreanWord } from "./fixtures";

const ECONOMY = CATEGORIES.find((c) => c.slug === "economy")!;

test("a visitor's open idea page shows a new support within half a minute, without a reload", async ({ page, browser, t }) => {
  test.setTimeout(120_000);
  const word = uniqueKoreanWord();
  const title = `동네 공원에 그늘막을: ${word}`;
  await signInNeighbour(page, 36);
  const path = await proposeIdea(page, t, {
    title,
    body: `${word} 여름마다 공원 놀이터가 너무 뜨겁습니다. 그늘막을 설치해 아이들과 어르신이 쉴 수 있게 해 주세요.`,
    category: ECONOMY.name_ko,
  });

  const visitor = await freshPage(browser);
  await visitor.goto(path);
  const count = (n: number, threshold: number) => visitor.getByText(interpolate(t.ideas.progress_other, { supports: n, threshold }), { exact: true });
  const threshold = Number(await visitor.getByRole("progressbar", { name: t.ideas.progressLabel }).getAttribute("max"));
  await expect(count(1, threshold)).toBeVisible();
  // A mark on the window: a reload would wipe it.
  await visitor.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));

  const supporter = await signedInPage(browser, neighbour(37).email);
  await supporter.goto(path);
  await supporter.getByRole("button", { name: t.ideas.support, exact: true }).click();
  await expect(supporter.getByRole("button", { name: t.ideas.unsupport, exact: true })).toBeVisible();

  await expect(count(2, threshold)).toBeVisible({ timeout: 30_000 });
  await expect(visitor.getByRole("progressbar", { name: t.ideas.progressLabel })).toHaveAttribute("value", "2");
  expect(await visitor.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
  await closeContext(supporter);
  await closeContext(visitor);
});
