// The agency's answer over time, in a browser (issue 15): the ministry's officer asks for more
// time (a short reason is refused next to the field and kept), posts an interim reply, saves a
// private draft, publishes the answer with a reply to one of the digest's open questions (the
// form counts those still without one) and revises it, replying to the other; a visitor reads the
// whole record — the extension with both dates and its reason, the interim reply, both versions
// with what changed, the replies under the questions (decision 055) — and never the draft.
import { EXTENSION_REASON } from "../../app/domain/agencies/limits";
import { closeContext, DEMO, demoIdeaPath, expect, freshPage, interpolate, literally, signedInPage, test, type Page } from "./fixtures";

const TITLE = "동네 가게 배달앱 수수료에 상한을 정해 주세요";
const REASON = "배달앱 업체 다섯 곳에 수수료 구조 자료를 요청했습니다. 자료가 다음 주에 오므로 근무일 3일이 더 필요합니다.";
const INTERIM = "공정거래위원회와 수수료 실태 조사 결과를 함께 검토하고 있습니다.";
const DRAFT = "초안: 수수료 상한은 업계 의견을 더 듣고 정하겠습니다.";
const ANSWER =
  "제안을 일부 수용합니다. 배달앱 중개 수수료와 광고비 내역을 가게별로 매달 공개하도록 하고, 영세 가게의 수수료 상한은 내년 상반기까지 업계와 협의해 정하겠습니다. 진행 상황은 이 페이지에 알려 드리겠습니다.";
const REVISED = ANSWER.replace("내년 상반기까지", "올해 안에");
const REVISION_REASON = "업계 협의 일정이 앞당겨져 상한을 정하는 시점을 고칩니다.";
// The open questions of the idea's frozen digest (db/demo.ts, writeDemoDigest), and the replies.
const QUESTIONS = ["연간 필요한 예산은 얼마입니까?", "시범 사업을 할 지역은 어떻게 고릅니까?"];
const REPLY_BUDGET = "수수료 공개 제도 운영에 연간 약 3억 원이 들 것으로 봅니다.";
const REPLY_REGIONS = "배달 주문이 많은 수도권과 광역시 두 곳에서 먼저 시행합니다.";
const MOEF = "기획재정부";

async function submitAndWait(page: Page, path: string, click: () => Promise<void>) {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === path),
    click(),
  ]);
  return response;
}

test("an officer extends, replies in the interim, drafts, answers and revises; a visitor sees the whole history", async ({ browser, t }) => {
  const officer = await signedInPage(browser, DEMO.officer.email);
  const path = await demoIdeaPath(officer, TITLE);
  await officer.goto(path);
  const work = officer.getByRole("region", { name: t.agencyWork.formsTitle });

  await test.step("a reason under 50 characters is refused next to the field (400), and kept", async () => {
    await work.getByText(t.agencyWork.extendTitle, { exact: true }).click();
    await work.getByLabel(t.agencyWork.days, { exact: true }).fill("3");
    const reason = work.getByLabel(t.agencyWork.extendReason, { exact: true });
    await reason.fill("자료가 늦습니다.");
    const response = await submitAndWait(officer, path, () => work.getByRole("button", { name: t.agencyWork.extend, exact: true }).click());
    expect(response.status()).toBe(400);
    await expect(reason).toHaveAttribute("aria-invalid", "true");
    await expect(reason).toHaveAccessibleDescription(literally(interpolate(t.agencyWork.errors.extensionReason, EXTENSION_REASON)));
    await expect(reason).toHaveValue("자료가 늦습니다.");
  });

  await test.step("the officer extends the deadline by three business days, in public", async () => {
    await work.getByLabel(t.agencyWork.extendReason, { exact: true }).fill(REASON);
    const response = await submitAndWait(officer, path, () => work.getByRole("button", { name: t.agencyWork.extend, exact: true }).click());
    expect(response.status()).toBe(200);
    const record = officer.getByRole("region", { name: t.agencyWork.recordTitle });
    await expect(record).toContainText(REASON);
    await expect(record).toContainText(interpolate(t.agencyWork.extended.agencyNamed_other, { agency: MOEF, count: 3, from: "", to: "" }).split(":")[0]);
    // Once per step: the form is gone.
    await expect(work.getByText(t.agencyWork.extendTitle, { exact: true })).toHaveCount(0);
  });

  await test.step("an interim reply is posted; the status stays", async () => {
    await work.getByText(t.agencyWork.interimFormTitle, { exact: true }).click();
    await work.getByLabel(t.agencyWork.interimBody, { exact: true }).fill(INTERIM);
    await submitAndWait(officer, path, () => work.getByRole("button", { name: t.agencyWork.postInterim, exact: true }).click());
    await expect(officer.getByRole("region", { name: t.agencyWork.recordTitle })).toContainText(INTERIM);
    await expect(officer.getByRole("article").locator("header").getByText(t.status.under_review, { exact: true })).toBeVisible();
  });

  await test.step("a draft is saved and comes back in the answer form", async () => {
    await officer.getByText(t.workflow.answerTitle, { exact: true }).click();
    await officer.getByLabel(t.workflow.answerLabel, { exact: true }).fill(DRAFT);
    await submitAndWait(officer, path, () => officer.getByRole("button", { name: t.agencyWork.saveDraft, exact: true }).click());
    await officer.goto(path);
    await expect(officer.getByLabel(t.workflow.answerLabel, { exact: true })).toHaveValue(DRAFT);
  });

  await test.step("the officer publishes the answer, then revises it with a reason", async () => {
    await officer.getByLabel(t.workflow.outcomeLabel, { exact: true }).selectOption({ label: t.workflow.outcome.partially_accepted });
    await officer.getByLabel(t.workflow.answerLabel, { exact: true }).fill(ANSWER);
    // Each open question of the digest has its own reply field; the form counts the unanswered.
    const question = (i: number) => interpolate(t.answerReplies.question, { number: i + 1, question: QUESTIONS[i] });
    await expect(officer.getByText(interpolate(t.answerReplies.unanswered_other, { count: 2, total: 2 }), { exact: true })).toBeVisible();
    await officer.getByLabel(question(0), { exact: true }).fill(REPLY_BUDGET);
    await expect(officer.getByText(interpolate(t.answerReplies.unanswered_other, { count: 1, total: 2 }), { exact: true })).toBeVisible();
    await submitAndWait(officer, path, () => officer.getByRole("button", { name: t.workflow.submitAnswer, exact: true }).click());
    await expect(officer.getByRole("article").locator("header").getByText(t.status.answered, { exact: true })).toBeVisible();
    const work2 = officer.getByRole("region", { name: t.agencyWork.formsTitle });
    await work2.getByText(t.agencyWork.reviseTitle, { exact: true }).click();
    await work2.getByLabel(t.agencyWork.revisedAnswer, { exact: true }).fill(REVISED);
    await work2.getByLabel(t.agencyWork.revisionReason, { exact: true }).fill(REVISION_REASON);
    // The revision keeps the first reply (already in its field) and replies to the second question.
    await expect(work2.getByLabel(question(0), { exact: true })).toHaveValue(REPLY_BUDGET);
    await work2.getByLabel(question(1), { exact: true }).fill(REPLY_REGIONS);
    await submitAndWait(officer, path, () => work2.getByRole("button", { name: t.agencyWork.publishRevision, exact: true }).click());
    await expect(officer.getByRole("region", { name: t.workflow.answer })).toContainText("올해 안에");
  });
  await closeContext(officer);

  await test.step("a visitor reads the extension, the interim reply and both versions with what changed; never the draft", async () => {
    const visitor = await freshPage(browser);
    await visitor.goto(path);
    const record = visitor.getByRole("region", { name: t.agencyWork.recordTitle });
    await expect(record).toContainText(REASON);
    await expect(record).toContainText(INTERIM);
    await expect(record.getByRole("heading", { name: interpolate(t.agencyWork.versionsTitle_other, { count: 2 }) })).toBeVisible();
    await expect(record).toContainText(REVISION_REASON);
    // "내년 상반기까지" became "올해 안에": each word marked, and named for screen readers.
    await expect(record.locator("del")).toHaveText([`${t.agencyWork.removed} 내년`, `${t.agencyWork.removed} 상반기까지`]);
    await expect(record.locator("ins")).toHaveText([`${t.agencyWork.added} 올해`, `${t.agencyWork.added} 안에`]);
    const timeline = visitor.getByRole("region", { name: t.ideas.timeline });
    for (const kind of ["extended", "interim_reply", "answer_revised"] as const) await expect(timeline).toContainText(t.workflow.event[kind]);
    await expect(visitor.getByText(DRAFT)).toHaveCount(0);
    // The replies under the digest's questions, and the version that changed one.
    const digest = visitor.getByRole("region", { name: t.digest.title });
    for (const [i, reply] of [REPLY_BUDGET, REPLY_REGIONS].entries()) {
      await expect(digest.getByRole("listitem").filter({ hasText: QUESTIONS[i] })).toContainText(reply);
    }
    await expect(record).toContainText(t.answerReplies.changed);
    await closeContext(visitor);
  });
});

// Transfers (decision 035): the economy ministry's officer proposes that the health ministry is
// competent; the health ministry's officer finds it in the review queue and accepts; a visitor
// reads the transfer, its reason, the deadline rule and the new deadline on the timeline, and
// the receiving agency's page counts it.
const TRANSFER_TITLE = "자영업자 건강검진 비용을 지원해 주세요";
const TRANSFER_REASON = "건강검진 지원은 국민건강보험과 국가 건강검진을 맡은 보건복지부의 소관입니다.";
const MOHW = "보건복지부";
const EXTENSION_AFTER_TRANSFER = "이관받은 제안이라 지역별 검진 현황 자료를 새로 모아야 해서 근무일 2일이 더 필요합니다.";

test("a second agency accepts a transfer; a visitor sees the history", async ({ browser, t }) => {
  const officer = await signedInPage(browser, DEMO.officer.email);
  const path = await demoIdeaPath(officer, TRANSFER_TITLE);
  await officer.goto(path);

  await test.step("the officer proposes another agency, with a public reason", async () => {
    const panel = officer.getByRole("region", { name: t.transfers.panelTitle });
    await panel.getByText(t.transfers.formTitle, { exact: true }).click();
    await panel.getByLabel(t.transfers.agencyLabel, { exact: true }).selectOption({ label: MOHW });
    // Too short: refused next to the field, kept.
    const reason = panel.getByLabel(t.transfers.reasonLabel, { exact: true });
    await reason.fill("소관 아님");
    const refused = await submitAndWait(officer, path, () => panel.getByRole("button", { name: t.transfers.propose, exact: true }).click());
    expect(refused.status()).toBe(400);
    await expect(officer.getByLabel(t.transfers.reasonLabel, { exact: true })).toHaveAttribute("aria-invalid", "true");
    await expect(officer.getByLabel(t.transfers.reasonLabel, { exact: true })).toHaveValue("소관 아님");
    await officer.getByLabel(t.transfers.reasonLabel, { exact: true }).fill(TRANSFER_REASON);
    const done = await submitAndWait(officer, path, () => officer.getByRole("button", { name: t.transfers.propose, exact: true }).click());
    expect(done.status()).toBe(200);
    await expect(officer.getByRole("region", { name: t.ideas.timeline })).toContainText(t.workflow.event.transfer_proposed);
    // One proposal at a time: the form is gone.
    await expect(officer.getByRole("button", { name: t.transfers.propose, exact: true })).toHaveCount(0);
  });
  await closeContext(officer);

  await test.step("the health ministry's officer finds it in the review queue and accepts", async () => {
    const receiver = await signedInPage(browser, DEMO.officer2.email);
    await receiver.goto("/review");
    const waiting = receiver.getByRole("region", { name: t.transfers.pendingTitle });
    await waiting.getByRole("link", { name: TRANSFER_TITLE }).click();
    await expect(receiver).toHaveURL(new RegExp(`${path}$`));
    const panel = receiver.getByRole("region", { name: t.transfers.replyTitle });
    await expect(panel).toContainText(TRANSFER_REASON);
    const accepted = await submitAndWait(receiver, path, () => panel.getByRole("button", { name: t.transfers.accept, exact: true }).click());
    expect(accepted.status()).toBe(200);
    await expect(receiver.getByRole("link", { name: MOHW })).toBeVisible();
    // Now the health ministry's to answer: its officer sees the answer form.
    await expect(receiver.getByText(t.workflow.answerTitle, { exact: true })).toBeVisible();
    // A step of its own: the receiving agency may extend it once, and the page says so.
    const work = receiver.getByRole("region", { name: t.agencyWork.formsTitle });
    await work.getByText(t.agencyWork.extendTitle, { exact: true }).click();
    await expect(work).toContainText(t.agencyWork.extendRule.afterTransfer);
    await work.getByLabel(t.agencyWork.days, { exact: true }).fill("2");
    await work.getByLabel(t.agencyWork.extendReason, { exact: true }).fill(EXTENSION_AFTER_TRANSFER);
    const extended = await submitAndWait(receiver, path, () => work.getByRole("button", { name: t.agencyWork.extend, exact: true }).click());
    expect(extended.status()).toBe(200);
    await expect(receiver.getByRole("region", { name: t.agencyWork.recordTitle })).toContainText(
      interpolate(t.agencyWork.extended.agencyNamed_other, { agency: MOHW, count: 2, from: "", to: "" }).split(":")[0],
    );
    await closeContext(receiver);
  });

  await test.step("a visitor reads the transfer, the deadline rule and the new deadline", async () => {
    const visitor = await freshPage(browser);
    await visitor.goto(path);
    const record = visitor.getByRole("region", { name: t.transfers.recordTitle });
    await expect(record).toContainText(TRANSFER_REASON);
    await expect(record).toContainText(interpolate(t.transfers.state.accepted, { to: MOHW, due: "" }).split(":")[0]);
    await expect(record).toContainText(interpolate(t.transfers.deadlineRule, { days: 5 }));
    const timeline = visitor.getByRole("region", { name: t.ideas.timeline });
    await expect(timeline).toContainText(t.workflow.event.transfer_proposed);
    await expect(timeline).toContainText(t.workflow.event.transfer_accepted);
    await expect(timeline).toContainText(interpolate(t.workflow.event.deadline_reset, { date: "" }).replace(/\s*$/, ""));
    // Business days left on the current step.
    await expect(visitor.getByText(/근무일 \d+일 남음/)).toBeVisible();
    await visitor.goto("/agencies/mohw");
    const promised = visitor.getByRole("region", { name: t.transfers.promised.title });
    await expect(promised.getByText(t.transfers.promised.transferredIn, { exact: true })).toBeVisible();
    await closeContext(visitor);
  });
});
