// Events in a real browser (issue 18): the demo organiser creates an event (a refused form keeps
// what was typed), a citizen registers and downloads its calendar file, a second citizen joins
// the waiting list and gets the place when the first cancels; the organiser publishes minutes
// of an event held yesterday and a visitor reads them and their history. Each page is axe-clean
// and fits 360 pixels.
import fs from "node:fs";
import { closeContext, DEMO_PASSWORD, expect, expectAccessible, freshPage, interpolate, ko, signedInPage, test, type Page } from "./fixtures";

const ORGANISER = "organiser@madang.example.org";
const t = ko;

/** A `datetime-local` value in Korea time, `days` from now at hh:mm. */
function seoul(days: number, hm: string): string {
  return `${new Date(Date.now() + days * 86_400_000 + 9 * 3_600_000).toISOString().slice(0, 10)}T${hm}`;
}

async function createEvent(page: Page, fields: { title: string; starts: string; ends: string; capacity?: string }): Promise<string> {
  await page.goto("/events");
  await page.getByRole("link", { name: t.events.create, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: t.events.create })).toBeVisible();
  await page.getByLabel(t.events.form.kind, { exact: true }).selectOption({ label: t.events.kind.town_hall });
  await page.getByLabel(t.events.form.titleKo, { exact: true }).fill(fields.title);
  await page.getByLabel(t.events.form.startsAt, { exact: true }).fill(fields.starts);
  await page.getByLabel(t.events.form.endsAt, { exact: true }).fill(fields.ends);
  await page.getByLabel(t.events.form.place, { exact: true }).fill("종로구청 대회의실");
  await page.getByLabel(t.events.form.stepFree, { exact: true }).check();
  await page.getByLabel(t.events.form.signLanguage, { exact: true }).check();
  if (fields.capacity) await page.getByLabel(t.events.form.capacity, { exact: true }).fill(fields.capacity);
  await page.getByRole("button", { name: t.events.createSubmit, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: fields.title })).toBeVisible();
  return new URL(page.url()).pathname;
}

test("an organiser creates an event; citizens register, wait, move up, and take the calendar file", async ({ browser }) => {
  test.setTimeout(120_000);
  const organiser = await signedInPage(browser, ORGANISER);
  const title = `골목 타운홀 ${Date.now().toString(36)}`;

  await test.step("a refused form says why next to each field and keeps what was typed", async () => {
    await organiser.goto("/events/new");
    await organiser.getByLabel(t.events.form.titleKo, { exact: true }).fill(title);
    await organiser.getByLabel(t.events.form.startsAt, { exact: true }).fill(seoul(5, "19:00"));
    await organiser.getByLabel(t.events.form.endsAt, { exact: true }).fill(seoul(5, "18:00"));
    await organiser.getByRole("button", { name: t.events.createSubmit, exact: true }).click();
    await expect(organiser.getByText(t.events.errors.endsBeforeStart).first()).toBeVisible();
    await expect(organiser.getByText(t.events.errors.placeRequired).first()).toBeVisible();
    await expect(organiser.getByLabel(t.events.form.titleKo, { exact: true })).toHaveValue(title);
    await expectAccessible(organiser, "refused new event");
  });

  const path = await createEvent(organiser, { title, starts: seoul(5, "19:00"), ends: seoul(5, "21:00"), capacity: "1" });
  await expect(organiser.getByText(t.events.access.signLanguage).first()).toBeVisible();
  await expectAccessible(organiser, "event (organiser)");

  const first = await signedInPage(browser, "neighbour31@madang.example.org", DEMO_PASSWORD);
  const second = await signedInPage(browser, "neighbour32@madang.example.org", DEMO_PASSWORD);

  await test.step("the first citizen registers and downloads the calendar file", async () => {
    await first.goto(path);
    await first.getByRole("button", { name: t.events.register, exact: true }).click();
    await expect(first.getByText(t.events.youAreRegistered)).toBeVisible();
    const [download] = await Promise.all([first.waitForEvent("download"), first.getByRole("link", { name: t.events.calendarOne }).click()]);
    const text = fs.readFileSync((await download.path())!, "utf8");
    expect(text).toContain("BEGIN:VCALENDAR");
    expect(text).toContain(`SUMMARY:${title}`);
    // 19:00 in Seoul is 10:00 UTC.
    expect(text).toContain(`DTSTART:${seoul(5, "19:00").slice(0, 10).replace(/-/g, "")}T100000Z`);
    await expectAccessible(first, "event (registered)");
  });

  await test.step("the second joins the waiting list, and gets the place when the first cancels", async () => {
    await second.goto(path);
    await expect(second.getByText(t.events.fullJoinWaiting)).toBeVisible();
    await second.getByRole("button", { name: t.events.joinWaitingList, exact: true }).click();
    await expect(second.getByText(interpolate(t.events.youAreWaiting, { position: 1 }))).toBeVisible();
    await first.getByRole("button", { name: t.events.unregister, exact: true }).click();
    // The place went to the person waiting: the event is full again.
    await expect(first.getByRole("button", { name: t.events.joinWaitingList, exact: true })).toBeVisible();
    await second.reload();
    await expect(second.getByText(t.events.youAreRegistered)).toBeVisible();
  });

  await test.step("the organiser sees who holds the place", async () => {
    await organiser.reload();
    const tools = organiser.getByRole("region", { name: t.events.organiserTools });
    await expect(tools.getByRole("heading", { name: interpolate(t.events.registeredList_one, { count: 1 }) })).toBeVisible();
    await expect(tools.getByText("이웃 32")).toBeVisible();
  });
  await Promise.all([closeContext(first), closeContext(second), closeContext(organiser)]);
});

test("the organiser publishes minutes of yesterday's event; a visitor reads them and what changed", async ({ browser }) => {
  test.setTimeout(120_000);
  const organiser = await signedInPage(browser, ORGANISER);
  const title = `어제 부스 ${Date.now().toString(36)}`;
  const path = await createEvent(organiser, { title, starts: seoul(-1, "10:00"), ends: seoul(-1, "12:00") });
  await organiser.getByRole("link", { name: t.events.minutes.write, exact: true }).click();
  await expect(organiser.getByRole("heading", { level: 1 })).toHaveText(interpolate(t.events.minutes.editTitle, { title }));
  await organiser.getByLabel(t.events.minutes.body, { exact: true }).fill("## 논의\n시장 배송 공동화에 대한 의견을 들었습니다.");
  await organiser.getByLabel(t.events.minutes.attendance, { exact: true }).fill("18");
  await organiser.getByLabel(t.events.minutes.facilitator, { exact: true }).fill("조은별");
  await expectAccessible(organiser, "minutes form");
  await organiser.getByRole("button", { name: t.events.minutes.publish, exact: true }).click();
  await expect(organiser.getByRole("heading", { level: 2, name: t.events.minutes.title })).toBeVisible();

  await organiser.goto(`${path}/minutes`);
  await organiser.getByLabel(t.events.minutes.attendance, { exact: true }).fill("21");
  await organiser.getByLabel(t.events.minutes.note, { exact: true }).fill("늦게 온 참석자 포함");
  await organiser.getByRole("button", { name: t.events.minutes.publish, exact: true }).click();
  await expect(organiser.getByText(interpolate(t.events.minutes.facts, { attendance: "21", facilitator: "조은별" }))).toBeVisible();
  await closeContext(organiser);

  const visitor = await freshPage(browser);
  await visitor.goto(path);
  const minutes = visitor.getByRole("region", { name: t.events.minutes.title });
  await expect(minutes.getByRole("heading", { level: 2, name: "논의" })).toBeVisible();
  await expect(minutes).toContainText("시장 배송 공동화");
  await minutes.getByRole("link", { name: t.events.minutes.history }).click();
  await expect(visitor.getByText(interpolate(t.events.minutes.attendanceChanged, { before: 18, after: 21 }))).toBeVisible();
  await expect(visitor.getByText("늦게 온 참석자 포함").first()).toBeVisible();
  await expectAccessible(visitor, "minutes history");
  await closeContext(visitor);
});
