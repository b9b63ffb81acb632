// An event organiser at the desk for their own event (issue 18, decision 058): from the event's
// organiser tools they file an idea for a person and, from the idea's page, record a paper batch
// with the scanned sheets uploaded (decision 063); the server keeps the file and its SHA-256, which a visitor reads on the idea's page
// (never the file); the event page's paper totals grow by the batch.
import { createHash } from "node:crypto";
import { PAST_TITLE } from "../../db/demo-events";
import { CATEGORIES } from "../../db/reference-data";
import { closeContext, DEMO_PASSWORD, expect, freshPage, signedInPage, test, uniqueKoreanWord, type Page } from "./fixtures";

const ORGANISER = "organiser@madang.example.org";
const ECONOMY = CATEGORIES.find((c) => c.slug === "economy")!;
/** A small PDF: what a scanner writes first is enough for the server's type check. */
const SHEETS = Buffer.from("%PDF-1.4\n% 서명지 스캔 — e2e\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n", "utf8");

/** The event page's paper totals: signatures claimed and verified, as numbers. */
async function paperTotals(page: Page, t: { events: { paper: { claimed: string; verified: string } } }) {
  const section = page.getByTestId("paper-at-event");
  if ((await section.count()) === 0) return { claimed: 0, verified: 0 };
  const value = async (label: string) => Number((await section.locator("dt", { hasText: label }).locator("xpath=following-sibling::dd[1]").textContent())!.replace(/\D/g, ""));
  return { claimed: await value(t.events.paper.claimed), verified: await value(t.events.paper.verified) };
}

test("an organiser files an idea and a paper batch with its scan at their own event; a visitor sees the hash and the event's totals", async ({ browser, t }) => {
  test.setTimeout(180_000);
  const title = `포럼에서 나온 골목 주차 제안 ${uniqueKoreanWord()}`;
  const organiser = await signedInPage(browser, ORGANISER, DEMO_PASSWORD);
  await organiser.goto("/events?when=past");
  await organiser.getByRole("link", { name: PAST_TITLE }).first().click();
  await expect(organiser.getByRole("heading", { level: 1, name: PAST_TITLE })).toBeVisible();
  const eventPath = new URL(organiser.url()).pathname;
  const before = await paperTotals(organiser, t);

  // The organiser tools lead to the desk with this event and the "event" channel filled in.
  await organiser.getByRole("link", { name: t.events.paper.desk, exact: true }).click();
  await expect(organiser.getByRole("heading", { level: 1, name: t.assisted.deskTitle })).toBeVisible();
  await expect(organiser.getByLabel(t.events.bornHere.pickerLabel, { exact: true })).toHaveValue(eventPath.split("/").pop()!);
  await organiser.getByLabel(t.assisted.channelLabel, { exact: true }).selectOption({ label: t.assisted.channel.event });
  await organiser.getByLabel(t.assisted.consentRefLabel, { exact: true }).fill("FORUM-E2E-7");
  await organiser.getByLabel(t.ideas.title, { exact: true }).fill(title);
  await organiser.getByLabel(t.ideas.body, { exact: true }).fill("포럼에 오신 상인분들이 골목 안 조업 주차 시간을 정해 달라고 하셨습니다. 오전 10시 전에는 짐을 내릴 수 있게 해 주세요.");
  await organiser.getByLabel(t.ideas.categoryLabel, { exact: true }).selectOption({ label: ECONOMY.name_ko });
  await organiser.getByRole("button", { name: t.assisted.fileSubmit, exact: true }).click();
  const slip = organiser.getByRole("status", { name: t.assisted.filedTitle });
  await expect(slip).toBeVisible();
  const ideaPath = (await slip.getByRole("link", { name: t.assisted.viewIdea }).getAttribute("href"))!;

  // The paper batch, from the idea's own page (born at the organiser's event, it links to its
  // paper supports, with the event filled in), with the scan uploaded (no hash typed): 12
  // signatures on the sheets, 9 valid.
  await organiser.goto(ideaPath);
  await organiser.getByRole("link", { name: t.assisted.paperTitle, exact: true }).click();
  await expect(organiser.getByRole("heading", { level: 1, name: t.assisted.paperTitle })).toBeVisible();
  await expect(organiser.getByRole("link", { name: title, exact: true })).toBeVisible();
  const form = organiser.getByRole("region", { name: t.assisted.recordBatchTitle });
  const channel = form.getByLabel(t.assisted.channelLabel, { exact: true });
  if (await channel.count()) await channel.selectOption({ label: t.assisted.channel.event });
  await expect(form.getByLabel(t.events.bornHere.pickerLabel, { exact: true })).toHaveValue(eventPath.split("/").pop()!);
  await form.getByLabel(t.assisted.signaturesClaimedLabel, { exact: true }).fill("12");
  await form.getByLabel(t.assisted.signaturesVerifiedLabel, { exact: true }).fill("9");
  await form.getByLabel(t.assisted.scanFileLabel, { exact: true }).setInputFiles({ name: "sheets.pdf", mimeType: "application/pdf", buffer: SHEETS });
  await form.getByRole("button", { name: t.assisted.recordBatch, exact: true }).click();
  await expect(organiser.getByRole("status").filter({ hasText: t.assisted.saved })).toBeVisible();
  await closeContext(organiser);

  // A visitor: the hash the server computed from the file is the file's own SHA-256; no download.
  const hash = createHash("sha256").update(SHEETS).digest("hex");
  const visitor = await freshPage(browser);
  await visitor.goto(ideaPath);
  await expect(visitor.getByText(hash, { exact: true })).toBeVisible();
  await expect(visitor.getByRole("link", { name: t.assisted.scanDownload })).toHaveCount(0);
  await expect(visitor.getByText("FORUM-E2E-7")).toHaveCount(0);
  // The event page: its paper totals grew by this batch.
  await visitor.goto(eventPath);
  await expect(visitor.getByRole("heading", { level: 2, name: t.events.paper.title })).toBeVisible();
  expect(await paperTotals(visitor, t)).toEqual({ claimed: before.claimed + 12, verified: before.verified + 9 });
  await closeContext(visitor);
});
