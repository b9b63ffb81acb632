// Assisted entry and paper supports end to end (issue 18): desk staff file an idea for a person
// at a booth and get the claim code to print; record a paper batch of signatures; a visitor sees
// where the idea came from and both counts; the person, once they have an account, claims the
// idea with the code, by keyboard.
import { CATEGORIES } from "../../db/reference-data";
import { closeContext, DEMO_PASSWORD, en, expect, freshPage, interpolate, joinVerified, signedInPage, test, uniqueKoreanWord } from "./fixtures";

const ECONOMY = CATEGORIES.find((c) => c.slug === "economy")!;
const MODERATOR = { email: "moderator@madang.example.org", name: "정하늘" };
/** The demo call for ideas whose paper supports count toward the threshold (db/demo-assisted.ts). */
const FORUM = { slug: "neighbourhood-forum", title: "동네 광장 토론회 제안 모음" };
const HASH = "0123456789abcdef".repeat(4);

test("staff file an idea for a person and a paper batch; a visitor sees its provenance and both counts; the person claims it", async ({ browser, t }) => {
  test.setTimeout(180_000);
  const title = `시장 앞 횡단보도 신호를 길게 ${uniqueKoreanWord()}`;
  const desk = await signedInPage(browser, MODERATOR.email, DEMO_PASSWORD);

  // The desk: a form like the idea form, with how it came in and the consent form's reference.
  await desk.goto("/desk");
  await expect(desk.getByRole("heading", { level: 1, name: t.assisted.deskTitle })).toBeVisible();
  // Refused without what the desk must record: the messages next to the fields.
  await desk.getByRole("button", { name: t.assisted.fileSubmit, exact: true }).click();
  await expect(desk.getByRole("alert").first()).toBeVisible();
  await desk.getByLabel(t.assisted.channelLabel, { exact: true }).selectOption({ label: t.assisted.channel.event });
  await desk.getByLabel(t.assisted.consentRefLabel, { exact: true }).fill("BOOTH-E2E-1");
  await desk.getByLabel(t.ideas.title, { exact: true }).fill(title);
  await desk.getByLabel(t.ideas.body, { exact: true }).fill("어르신들이 시장 앞 횡단보도를 다 건너기 전에 신호가 바뀝니다. 보행 신호를 10초 늘려 주세요.");
  await desk.getByLabel(t.ideas.categoryLabel, { exact: true }).selectOption({ label: ECONOMY.name_ko });
  await desk.getByLabel(t.ideas.campaignLabel, { exact: true }).selectOption({ label: FORUM.title });
  await desk.getByRole("button", { name: t.assisted.fileSubmit, exact: true }).click();
  const slip = desk.getByRole("status", { name: t.assisted.filedTitle });
  await expect(slip).toBeVisible();
  const code = (await slip.getByTestId("claim-code").textContent())!.trim();
  expect(code).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$/);
  await slip.getByRole("link", { name: t.assisted.viewIdea }).click();
  await expect(desk.getByRole("heading", { level: 1, name: title })).toBeVisible();
  const ideaPath = new URL(desk.url()).pathname;

  // A paper batch: 12 signatures on the sheets, 9 valid; the scan's hash typed from sha256sum.
  await desk.getByRole("link", { name: t.assisted.paperTitle, exact: true }).click();
  await expect(desk.getByRole("heading", { level: 1, name: t.assisted.paperTitle })).toBeVisible();
  const batchForm = desk.getByRole("region", { name: t.assisted.recordBatchTitle });
  await batchForm.getByLabel(t.assisted.signaturesClaimedLabel, { exact: true }).fill("12");
  await batchForm.getByLabel(t.assisted.signaturesVerifiedLabel, { exact: true }).fill("9");
  await batchForm.getByLabel(t.assisted.scanHashLabel, { exact: true }).fill(HASH);
  await batchForm.getByRole("button", { name: t.assisted.recordBatch, exact: true }).click();
  await expect(desk.getByRole("status").filter({ hasText: t.assisted.saved })).toBeVisible();
  await expect(desk.getByText(interpolate(t.assisted.counts.paper_other, { count: 9 }), { exact: true })).toBeVisible();
  await closeContext(desk);

  // A visitor, in English: where it came from, 0 online supports and 9 on paper, which count here.
  const visitor = await freshPage(browser, { lang: "en" });
  await visitor.goto(ideaPath);
  const phrase = en.assisted.provenance.channelPhrase.event;
  await expect(visitor.getByTestId("provenance")).toContainText(interpolate(en.assisted.provenance.filedBy, { channel: phrase, name: MODERATOR.name }));
  await expect(visitor.getByText(interpolate(en.ideas.byAuthor, { name: en.assisted.provenance.citizen }))).toBeVisible();
  const counts = visitor.getByRole("region", { name: en.assisted.counts.title, exact: true });
  await expect(counts.getByText(interpolate(en.assisted.counts.online_other, { count: 0 }), { exact: true })).toBeVisible();
  await expect(counts.getByText(interpolate(en.assisted.counts.unidentified_other, { count: 9 }), { exact: true })).toBeVisible();
  await expect(counts.getByText(en.assisted.counts.counted, { exact: true })).toBeVisible();
  // The batch itself, with its hash and verifier, for anyone to check; not the consent form.
  await expect(visitor.getByText(HASH, { exact: true })).toBeVisible();
  await expect(visitor.getByText("BOOTH-E2E-1")).toHaveCount(0);
  // Open data carries the channel and both numbers.
  const api = await visitor.request.get(`/api/v1/ideas?limit=1000`);
  const { data } = (await api.json()) as { data: { id: number; channel: string; support_count: number; paper_support_count: number; author: string | null }[] };
  const record = data.find((i) => `/ideas/${i.id}` === ideaPath);
  expect(record).toMatchObject({ channel: "event", support_count: 0, paper_support_count: 9, author: null });
  await closeContext(visitor);

  // The person joins, and claims the idea with the code, typed by keyboard only.
  const person = await freshPage(browser);
  const account = await joinVerified(person, "claimer");
  await person.goto("/claim");
  await expect(person.getByRole("heading", { level: 1, name: t.assisted.claimTitle })).toBeVisible();
  await person.getByLabel(t.assisted.claimCodeField, { exact: true }).focus();
  await person.keyboard.type(code.toLowerCase());
  await person.keyboard.press("Enter");
  await expect(person.getByRole("status").filter({ hasText: t.assisted.claimed })).toBeVisible();
  await expect(person.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(person.getByText(interpolate(t.ideas.byAuthor, { name: account.displayName }))).toBeVisible();
  await expect(person.getByTestId("provenance")).toContainText(interpolate(t.assisted.provenance.claimed, { channel: t.assisted.provenance.channelPhrase.event, name: MODERATOR.name }));
  // The code works once.
  await person.goto("/claim");
  await person.getByLabel(t.assisted.claimCodeField, { exact: true }).fill(code);
  await person.getByRole("button", { name: t.assisted.claim, exact: true }).click();
  await expect(person.getByText(t.assisted.errors.claimUsed).first()).toBeVisible();
  await closeContext(person);
});
