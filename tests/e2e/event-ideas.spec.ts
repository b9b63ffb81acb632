// Ideas born at an event, in a real browser (issue 18, decision 040): desk staff file an idea for
// a person at the demo's past forum, choosing the forum in the event picker; a visitor finds the
// ideas born there on the forum's page (the demo's two and the new one), opens one, and follows
// its "proposed at" link back to the forum. The pages are axe-clean and fit 360 pixels.
import { CATEGORIES } from "../../db/reference-data";
import { closeContext, en, expect, expectAccessible, freshPage, ko, signedInPage, test, uniqueKoreanWord } from "./fixtures";

const ECONOMY = CATEGORIES.find((c) => c.slug === "economy")!;
const MODERATOR = "moderator@madang.example.org";
/** The demo's past forum (db/demo-events.ts) and the two ideas filed there (db/demo-assisted.ts). */
const FORUM = { ko: "골목상권 살리기 시민 포럼", en: "Citizens' forum on reviving neighbourhood shops" };
const BORN_THERE = ["시장 앞 버스정류장에 의자와 가림막을 놓아 주세요", "골목 가게들이 함께 쓰는 공동 배송 차량을 지원해 주세요"];

test("staff file an idea at the forum; the forum lists the ideas born there and each links back to it", async ({ browser }) => {
  test.setTimeout(150_000);
  const title = `골목 상점 간판 정비를 도와주세요 ${uniqueKoreanWord()}`;

  await test.step("the desk names the forum from the picker, and a phone call cannot name it", async () => {
    const desk = await signedInPage(browser, MODERATOR);
    await desk.goto("/desk");
    await expect(desk.getByRole("heading", { level: 1, name: ko.assisted.deskTitle })).toBeVisible();
    const picker = desk.getByLabel(ko.events.bornHere.pickerLabel, { exact: true });
    // The option says the event's title, date and place.
    const forumOption = picker.locator("option", { hasText: FORUM.ko });
    await expect(forumOption).toHaveCount(1);
    await picker.selectOption((await forumOption.getAttribute("value"))!);
    await desk.getByLabel(ko.assisted.channelLabel, { exact: true }).selectOption({ label: ko.assisted.channel.phone });
    await desk.getByLabel(ko.assisted.consentRefLabel, { exact: true }).fill("FORUM-E2E-1");
    await desk.getByLabel(ko.ideas.title, { exact: true }).fill(title);
    await desk.getByLabel(ko.ideas.body, { exact: true }).fill("오래된 간판이 떨어질까 걱정입니다. 골목 상점 간판을 안전하게 바꾸는 비용을 일부 지원해 주세요.");
    await desk.getByLabel(ko.ideas.categoryLabel, { exact: true }).selectOption({ label: ECONOMY.name_ko });
    await desk.getByRole("button", { name: ko.assisted.fileSubmit, exact: true }).click();
    // Refused next to the picker, with what was typed kept.
    await expect(desk.getByText(ko.events.bornHere.errors.channel).first()).toBeVisible();
    await expect(desk.getByLabel(ko.ideas.title, { exact: true })).toHaveValue(title);
    await expect(desk.getByLabel(ko.events.bornHere.pickerLabel, { exact: true }).locator("option:checked")).toHaveText(new RegExp(`^${FORUM.ko}`));
    await desk.getByLabel(ko.assisted.channelLabel, { exact: true }).selectOption({ label: ko.assisted.channel.event });
    await desk.getByRole("button", { name: ko.assisted.fileSubmit, exact: true }).click();
    const slip = desk.getByRole("status", { name: ko.assisted.filedTitle });
    await expect(slip).toBeVisible();
    await slip.getByRole("link", { name: ko.assisted.viewIdea }).click();
    await expect(desk.getByRole("heading", { level: 1, name: title })).toBeVisible();
    await expect(desk.getByTestId("born-at").getByRole("link", { name: FORUM.ko })).toBeVisible();
    await closeContext(desk);
  });

  await test.step("a visitor finds the ideas born at the forum and goes from one back to the forum", async () => {
    const visitor = await freshPage(browser, { lang: "en" });
    await visitor.goto("/events?when=past");
    await visitor.getByRole("link", { name: FORUM.en }).first().click();
    await expect(visitor.getByRole("heading", { level: 1, name: FORUM.en })).toBeVisible();
    const born = visitor.getByRole("region", { name: en.events.bornHere.title });
    for (const idea of [...BORN_THERE, title]) await expect(born.getByRole("link", { name: idea, exact: true })).toBeVisible();
    await expectAccessible(visitor, "event page");
    const forumPath = new URL(visitor.url()).pathname;

    await born.getByRole("link", { name: BORN_THERE[1], exact: true }).click();
    await expect(visitor.getByRole("heading", { level: 1, name: BORN_THERE[1] })).toBeVisible();
    const proposedAt = visitor.getByTestId("born-at");
    await expect(proposedAt).toContainText(`${en.events.bornHere.proposedAt}: ${FORUM.en}`);
    await expectAccessible(visitor, "idea page");
    // By keyboard: the link is reachable and leads back to the forum.
    await proposedAt.getByRole("link", { name: FORUM.en }).focus();
    await visitor.keyboard.press("Enter");
    await expect(visitor.getByRole("heading", { level: 1, name: FORUM.en })).toBeVisible();
    expect(new URL(visitor.url()).pathname).toBe(forumPath);
    await closeContext(visitor);
  });
});
