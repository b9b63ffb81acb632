// The whole fast track in a browser, as the people in it use it: a citizen's idea in the open
// campaign gathers supporters until it is fast-tracked to the economy committee; the chair takes
// it up (a second window of the chair, still on the old status, is told the idea moved on) and
// forwards it to 기획재정부; the ministry's officer finds it in /review, answers and reports it
// done; the author is notified; a visitor reads every step in public. A citizen who posts the
// chair's form by hand is refused.
import { AGENCIES, CATEGORIES, COMMITTEES } from "../../db/reference-data";
import { SEEDED_HOLIDAYS } from "../../db/migrations/2026-12-07-060-gazette-holidays";
import { businessDaysLeft, dueAfter } from "../../app/domain/agencies/clock";
import { DEFAULT_SETTINGS } from "../../app/domain/settings";
import { ANSWER as ANSWER_LENGTH } from "../../app/domain/workflow/limits";
import {
  closeContext,
  DEMO,
  expect,
  freshPage,
  interpolate,
  joinVerified,
  signInNeighbour,
  koreanDate,
  literally,
  neighbour,
  signedInPage,
  test,
  uniqueKoreanWord,
  type Messages,
  type Page,
} from "./fixtures";

const ECONOMY = CATEGORIES.find((c) => c.slug === "economy")!;
const ECONOMY_COMMITTEE = COMMITTEES.find((c) => c.slug === "economy")!;
const MOEF = AGENCIES.find((a) => a.slug === "moef")!;

/** The status badge at the top of an idea page. */
function statusBadge(page: Page, t: Messages, status: keyof Messages["status"]) {
  return page.getByRole("article").locator("header").getByText(t.status[status], { exact: true });
}

/** The step of the pipeline the step indicator marks as the current one. */
function currentStep(page: Page, t: Messages) {
  return page.getByRole("list", { name: t.workflow.stepsLabel }).locator('[aria-current="step"]');
}

/**
 * A deadline notice: the step's due date and the calendar days left, for a step of `businessDays`
 * business days that started between `from` and `to` (either side of midnight in Korea). The due
 * instant is the end of the last business day in Korea, weekends and the seeded public holidays
 * skipped (decision 030; the day arithmetic itself is tested against hand-counted dates in
 * tests/unit/business-days.test.ts).
 */
function deadlinePattern(template: string, from: number, to: number, businessDays: number, t: Messages): RegExp {
  const holidays = new Set(SEEDED_HOLIDAYS.map(([date]) => date));
  const dues = [from, to].map((at) => dueAfter(new Date(at), businessDays, holidays).getTime());
  const dates = [...new Set(dues.map((due) => koreanDate(new Date(due))))];
  // What is left is said in business days (decision 030), as the page counts them from today.
  const lefts = [...new Set(dues.flatMap((due) => [from, to, Date.now()].map((now) => businessDaysLeft(new Date(due), new Date(now), holidays))))];
  const escape = (s: string) => literally(s).source;
  const [before, after] = template.split("{{date}}");
  const left = lefts.map((count) => escape(`(${count === 0 ? t.transfers.lastDay : interpolate(count === 1 ? t.transfers.businessDaysLeft_one : t.transfers.businessDaysLeft_other, { count })})`)).join("|");
  return new RegExp(`${escape(before)}(${dates.map(escape).join("|")})${escape(after)}\\s*(?:${left})`);
}

/** Clicks a submit button and returns the response to the POST it sends to this idea. */
async function submitAndWait(page: Page, ideaPath: string, click: () => Promise<void>) {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === ideaPath),
    click(),
  ]);
  return response;
}

test("the whole pipeline: supports → fast track → committee → agency answer → implemented; the author is notified; a visitor sees every step", async ({
  page,
  browser,
  t,
  baseURL,
}) => {
  test.setTimeout(360_000);
  const origin = new URL(baseURL!).origin;
  const word = uniqueKoreanWord();
  const title = `${word} 골목상권 회복 지원금을 주세요`;
  const body = `감염병 뒤에 손님이 줄어든 골목 가게들이 다시 일어설 수 있도록 ${word} 지원금을 주세요. 지역 화폐로 지급하면 돈이 동네 안에서 돕니다.`;
  const rationale = `위원들은 ${word} 지원금이 골목상권 회복에 도움이 된다고 보았습니다. 기획재정부가 재원과 지급 방식을 검토해 주기를 권고합니다.`;
  const answer =
    `기획재정부는 이 제안을 수용합니다. 골목상권 회복을 위해 내년 예산에 ${word} 지원금을 반영하고, ` +
    "지방정부와 함께 지급 기준과 지역 화폐 지급 방식을 마련하겠습니다. 진행 상황은 이 페이지에서 계속 알려 드리겠습니다.";
  expect(answer.length).toBeGreaterThanOrEqual(100);
  const progressNote = `${word} 지원금 지급을 마쳤습니다. 전국 골목상권 가게 1만 곳이 받았습니다.`;
  const threshold = DEMO.campaign.threshold;

  // ——— The citizen proposes the idea in the campaign ———
  const author = await test.step("a citizen signs in and proposes an idea in the open campaign", async () => {
    const account = await signInNeighbour(page, 31);
    await page.goto(`/campaigns/${DEMO.campaign.slug}`);
    await page.getByRole("link", { name: t.campaigns.propose, exact: true }).click();
    await expect(page).toHaveURL(/\/ideas\/new\?campaign=\d+$/);
    await page.getByLabel(t.ideas.title, { exact: true }).fill(title);
    await page.getByLabel(t.ideas.body, { exact: true }).fill(body);
    await page.getByLabel(t.ideas.categoryLabel, { exact: true }).selectOption({ label: ECONOMY.name_ko });
    await expect(page.getByLabel(t.ideas.campaignLabel, { exact: true }).locator("option:checked")).toHaveText(DEMO.campaign.title);
    await page.getByRole("button", { name: t.ideas.submit, exact: true }).click();
    await expect(page).toHaveURL(/\/ideas\/\d+\?created=1$/);
    await expect(statusBadge(page, t, "open")).toBeVisible();
    await expect(page.getByText(interpolate(t.ideas.progress_other, { supports: 1, threshold }), { exact: true })).toBeVisible();
    await expect(currentStep(page, t)).toContainText(t.workflow.step.support);
    return account;
  });
  const ideaPath = new URL(page.url()).pathname;

  // ——— Four neighbours support it; the fifth support fast-tracks it ———
  let fastTrackedFrom = 0;
  let fastTrackedTo = 0;
  for (const [i, n] of [11, 12, 13, 14].entries()) {
    const count = i + 2;
    await test.step(`neighbour ${n} supports it: ${count} of ${threshold}`, async () => {
      const supporter = await signedInPage(browser, neighbour(n).email);
      await supporter.goto(ideaPath);
      await expect(supporter.getByText(interpolate(t.ideas.progress_other, { supports: count - 1, threshold }), { exact: true })).toBeVisible();
      if (count === threshold) fastTrackedFrom = Date.now();
      await supporter.getByRole("button", { name: t.ideas.support, exact: true }).click();
      await expect(supporter.getByText(interpolate(t.ideas.progress_other, { supports: count, threshold }), { exact: true })).toBeVisible();
      if (count === threshold) fastTrackedTo = Date.now();
      if (count < threshold) {
        await expect(supporter.getByRole("button", { name: t.ideas.unsupport, exact: true })).toBeVisible();
        await expect(statusBadge(supporter, t, "open")).toBeVisible();
      } else {
        // The support that reached the threshold fast-tracked the idea: no more supporting.
        await expect(statusBadge(supporter, t, "fast_tracked")).toBeVisible();
        await expect(supporter.getByRole("button", { name: t.ideas.support, exact: true })).toHaveCount(0);
        await expect(supporter.getByRole("button", { name: t.ideas.unsupport, exact: true })).toHaveCount(0);
      }
      await closeContext(supporter);
    });
  }

  await test.step("fast-tracked to the economy committee, with the committee's deadline shown", async () => {
    await page.goto(ideaPath);
    await expect(statusBadge(page, t, "fast_tracked")).toBeVisible();
    await expect(page.getByText(t.ideas.thresholdReached, { exact: true })).toBeVisible();
    await expect(currentStep(page, t)).toContainText(t.workflow.step.committee);
    await expect(page.getByText(deadlinePattern(t.workflow.deadline.committee, fastTrackedFrom, fastTrackedTo, DEFAULT_SETTINGS.committee_deadline_days, t))).toBeVisible();
    await expect(page.getByRole("link", { name: ECONOMY_COMMITTEE.name_ko, exact: true })).toBeVisible();
    const timeline = page.getByRole("region", { name: t.ideas.timeline });
    await expect(timeline).toContainText(t.ideas.event.threshold_reached);
    await expect(timeline).toContainText(interpolate(t.ideas.event.status, { from: t.status.open, to: t.status.fast_tracked }));
    // A citizen sees no staff forms.
    await expect(page.getByRole("button", { name: t.workflow.takeUp, exact: true })).toHaveCount(0);
  });

  await test.step("the author posting the chair's form by request is refused with 403; nothing changes", async () => {
    const response = await page.request.post(ideaPath, {
      form: { intent: "takeUp", expectedStatus: "fast_tracked" },
      headers: { Origin: origin },
      maxRedirects: 0,
    });
    expect(response.status()).toBe(403);
    await page.reload();
    await expect(statusBadge(page, t, "fast_tracked")).toBeVisible();
  });

  // ——— The committee ———
  const chair = await signedInPage(browser, DEMO.chair.email);
  const staleChair = await signedInPage(browser, DEMO.chair.email);

  await test.step("the chair finds the idea in the notifications and opens it", async () => {
    await chair.getByRole("link", { name: new RegExp(`^${t.notifications.title}`) }).click();
    await expect(chair).toHaveURL(/\/me\/notifications$/);
    await chair.getByRole("link", { name: interpolate(t.notifications.kind.committee_assigned, { title }), exact: true }).click();
    await expect(chair).toHaveURL(new RegExp(`${ideaPath}$`));
    await expect(chair.getByRole("heading", { level: 2, name: t.workflow.staffTitle })).toBeVisible();
    // A second window of the chair, opened on the same status.
    await staleChair.goto(ideaPath);
    await expect(staleChair.getByRole("button", { name: t.workflow.takeUp, exact: true })).toBeVisible();
  });

  await test.step("the chair takes it up: in deliberation", async () => {
    const response = await submitAndWait(chair, ideaPath, () =>
      chair.getByRole("button", { name: t.workflow.takeUp, exact: true }).click(),
    );
    expect(response.status()).toBe(200);
    await expect(chair.getByRole("status").filter({ hasText: t.workflow.saved })).toBeVisible();
    await expect(statusBadge(chair, t, "in_deliberation")).toBeVisible();
    await expect(chair.getByRole("button", { name: t.workflow.takeUp, exact: true })).toHaveCount(0);
  });

  await test.step("the chair's second window, still on the old status, is told the idea moved on (409)", async () => {
    const response = await submitAndWait(staleChair, ideaPath, () =>
      staleChair.getByRole("button", { name: t.workflow.takeUp, exact: true }).click(),
    );
    expect(response.status()).toBe(409);
    await expect(staleChair.getByRole("alert")).toContainText(t.workflow.errors.movedOn);
    await staleChair.reload();
    await expect(statusBadge(staleChair, t, "in_deliberation")).toBeVisible();
    // Taken up once: one such event on the timeline.
    await expect(
      staleChair
        .getByRole("region", { name: t.ideas.timeline })
        .getByRole("listitem")
        .filter({ hasText: interpolate(t.ideas.event.status, { from: t.status.fast_tracked, to: t.status.in_deliberation }) }),
    ).toHaveCount(1);
    await closeContext(staleChair);
  });

  const chairReason = "재원 방안이 구체적이고 공익이 큽니다.";
  const memberReason = "전국 시범 사업으로 먼저 효과를 확인해 볼 만합니다.";
  /** The chair opens the recommendation form, fills it and sends it: refused (409), the form still open. */
  const refusedRecommendation = async () => {
    await chair.getByText(t.workflow.recordTitle, { exact: true }).click();
    await chair.getByLabel(t.workflow.agencyLabel, { exact: true }).selectOption({ label: MOEF.name_ko });
    await chair.getByLabel(t.workflow.rationaleLabel, { exact: true }).fill(rationale);
    const response = await submitAndWait(chair, ideaPath, () => chair.getByRole("button", { name: t.workflow.record, exact: true }).click());
    expect(response.status()).toBe(409);
  };
  await test.step("recording before the committee voted is refused, and says why", async () => {
    await refusedRecommendation();
    await expect(chair.getByRole("alert").first()).toContainText(t.committees.errors.noVote);
    // What was typed is still there.
    await expect(chair.getByLabel(t.workflow.rationaleLabel, { exact: true })).toHaveValue(rationale);
    await expect(statusBadge(chair, t, "in_deliberation")).toBeVisible();
  });

  let quorum = 2;
  await test.step("the chair opens the committee's vote and votes for forwarding, with a public reason", async () => {
    const panel = chair.getByRole("region", { name: t.committees.vote.title });
    await expect(panel).toContainText(t.committees.vote.notOpen);
    await panel.getByRole("button", { name: t.committees.vote.open, exact: true }).click();
    await expect(chair.getByRole("status").filter({ hasText: t.committees.vote.done.openVote })).toBeVisible();
    await panel.getByRole("radio", { name: t.committees.choice.for, exact: true }).check();
    await panel.getByLabel(t.committees.vote.reasonLabel, { exact: true }).fill(chairReason);
    await panel.getByRole("button", { name: t.committees.vote.cast, exact: true }).click();
    await expect(chair.getByRole("status").filter({ hasText: t.committees.vote.done.vote })).toBeVisible();
    // The demo committee has three people (quorum 2); a test running beside this one may have
    // made someone else its chair, so the quorum is read from the panel: one vote cast, the rest missing.
    const shown = new RegExp(
      literally(t.committees.vote.quorum).source.replace(/\\\{\\\{(cast|needed|members)\\\}\\\}|\{\{(cast|needed|members)\}\}/g, "(\\d+)"),
    ).exec((await panel.textContent()) ?? "");
    expect(shown, "the panel shows the votes cast, the quorum and the members").not.toBeNull();
    const [cast, needed, members] = shown!.slice(1, 4).map(Number);
    expect(cast).toBe(1);
    expect(needed).toBe(Math.floor(members / 2) + 1);
    quorum = needed;
    const missing = needed - 1;
    await expect(panel).toContainText(interpolate(missing === 1 ? t.committees.vote.missing_one : t.committees.vote.missing_other, { count: missing }));
    await expect(panel).toContainText(chairReason);
  });

  await test.step("a member votes from her own account, reached from her committee's workspace: the quorum is reached", async () => {
    const member = await signedInPage(browser, DEMO.member.email);
    await member.getByRole("navigation", { name: t.site.mainNav }).getByRole("link", { name: t.committees.workspace.nav, exact: true }).click();
    await expect(member.getByRole("heading", { level: 1, name: interpolate(t.committees.workspace.title, { name: ECONOMY_COMMITTEE.name_ko }) })).toBeVisible();
    const openVotes = member.getByRole("region", { name: t.committees.workspace.openVotes });
    await expect(openVotes.getByRole("listitem").filter({ hasText: title })).toContainText(t.committees.workspace.notVoted);
    await openVotes.getByRole("link", { name: title, exact: true }).click();
    await expect(member).toHaveURL(new RegExp(`${ideaPath}#committee-vote$`));
    const panel = member.getByRole("region", { name: t.committees.vote.title });
    await panel.getByRole("radio", { name: t.committees.choice.for, exact: true }).check();
    await panel.getByLabel(t.committees.vote.reasonLabel, { exact: true }).fill(memberReason);
    await panel.getByRole("button", { name: t.committees.vote.cast, exact: true }).click();
    await expect(member.getByRole("status").filter({ hasText: t.committees.vote.done.vote })).toBeVisible();
    if (quorum > 2) {
      // The committee grew beside this test: its second demo member votes too.
      const member2 = await signedInPage(browser, DEMO.member2.email);
      await member2.goto(ideaPath);
      const panel2 = member2.getByRole("region", { name: t.committees.vote.title });
      await panel2.getByRole("radio", { name: t.committees.choice.for, exact: true }).check();
      await panel2.getByLabel(t.committees.vote.reasonLabel, { exact: true }).fill(memberReason);
      await panel2.getByRole("button", { name: t.committees.vote.cast, exact: true }).click();
      await expect(member2.getByRole("status").filter({ hasText: t.committees.vote.done.vote })).toBeVisible();
      await closeContext(member2);
      await member.reload();
    }
    await expect(panel).toContainText(t.committees.vote.quorumMet);
    // A member has no chair's controls.
    await expect(panel.getByRole("button", { name: t.committees.vote.close, exact: true })).toHaveCount(0);
    await closeContext(member);
  });

  await test.step("the chair closes the vote", async () => {
    await chair.goto(ideaPath);
    const panel = chair.getByRole("region", { name: t.committees.vote.title });
    await panel.getByRole("button", { name: t.committees.vote.close, exact: true }).click();
    await expect(chair.getByRole("status").filter({ hasText: t.committees.vote.done.closeVote })).toBeVisible();
    await expect(panel).toContainText(interpolate(t.committees.vote.counts, { for: String(quorum), against: "0", abstain: "0" }));
  });

  await test.step("recording without the committee's digest is refused next to the form, which links to the digest; the chair writes it", async () => {
    await refusedRecommendation();
    const beside = chair.locator("#field-digest");
    await expect(beside).toContainText(t.digest.errors.required);
    await expect(chair.getByLabel(t.workflow.rationaleLabel, { exact: true })).toHaveValue(rationale);
    // The digest draws on a post of the idea's discussions: the chair writes one in the committee's thread.
    await chair.goto(`/committees/${ECONOMY_COMMITTEE.slug}`);
    await chair.getByRole("row").filter({ hasText: title }).getByRole("link", { name: t.deliberation.committee.readThread }).click();
    await chair.getByLabel(t.deliberation.postLabel, { exact: true }).fill("전국 시범 사업으로 효과를 먼저 확인하자는 데 위원들의 뜻이 모였습니다.");
    await chair.getByRole("radio", { name: t.deliberation.stance.for, exact: true }).check();
    await chair.getByRole("button", { name: t.deliberation.postSubmit, exact: true }).click();
    const post = chair.locator("li[id^=post-]").filter({ hasText: "전국 시범 사업으로 효과를" });
    await expect(post).toHaveCount(1);
    const postId = (await post.getAttribute("id"))!.slice("post-".length);
    await chair.goto(ideaPath);
    await chair.getByText(t.workflow.recordTitle, { exact: true }).click();
    await chair.locator("#field-digest").getByRole("link", { name: t.digest.write, exact: true }).click();
    await expect(chair.getByRole("heading", { level: 1, name: t.digest.formTitle })).toBeVisible();
    await chair.getByLabel(interpolate(t.digest.argument, { n: 1 }), { exact: true }).first().fill("시범 사업으로 효과를 먼저 확인할 수 있고 재원 방안도 구체적입니다.");
    await chair.getByLabel(interpolate(t.digest.posts, { n: 1 }), { exact: true }).first().fill(postId);
    await chair.getByRole("button", { name: t.digest.save, exact: true }).click();
    await expect(chair).toHaveURL(new RegExp(`${ideaPath}#digest$`));
  });

  let forwardedFrom = 0;
  let forwardedTo = 0;
  await test.step("the chair recommends forwarding it to 기획재정부, with a rationale: under review", async () => {
    await chair.getByText(t.workflow.recordTitle, { exact: true }).click();
    await chair.getByRole("radio", { name: t.workflow.forwardOption, exact: true }).check();
    await chair.getByLabel(t.workflow.agencyLabel, { exact: true }).selectOption({ label: MOEF.name_ko });
    await chair.getByLabel(t.workflow.rationaleLabel, { exact: true }).fill(rationale);
    forwardedFrom = Date.now();
    const response = await submitAndWait(chair, ideaPath, () => chair.getByRole("button", { name: t.workflow.record, exact: true }).click());
    forwardedTo = Date.now();
    expect(response.status()).toBe(200);
    await expect(statusBadge(chair, t, "under_review")).toBeVisible();
    await expect(currentStep(chair, t)).toContainText(t.workflow.step.agency);
    await expect(chair.getByText(deadlinePattern(t.workflow.deadline.agency, forwardedFrom, forwardedTo, DEFAULT_SETTINGS.agency_deadline_days, t))).toBeVisible();
    const recommendation = chair.getByRole("region", { name: t.workflow.recommendation });
    await expect(recommendation).toContainText(interpolate(t.workflow.decision.forward, { agency: MOEF.name_ko }));
    await expect(recommendation).toContainText(rationale);
    await expect(recommendation).toContainText(interpolate(t.committees.vote.counts, { for: String(quorum), against: "0", abstain: "0" }));
    await expect(chair.getByRole("link", { name: MOEF.name_ko, exact: true })).toBeVisible();
    await closeContext(chair);
  });

  // ——— The agency ———
  const officer = await signedInPage(browser, DEMO.officer.email);
  await test.step("the officer sees it in /review and opens it", async () => {
    await officer.getByRole("navigation", { name: t.site.mainNav }).getByRole("link", { name: t.review.title, exact: true }).click();
    await expect(officer).toHaveURL(/\/review$/);
    await expect(officer.getByRole("heading", { level: 1, name: t.review.title })).toBeVisible();
    // Once in the queue of ideas under review (the history below lists it too).
    const history = officer.getByRole("region", { name: t.transfers.history.title });
    await expect(history.getByRole("row").filter({ has: officer.getByRole("link", { name: title, exact: true }) })).toHaveCount(1);
    const row = officer.getByRole("row").filter({ has: officer.getByRole("link", { name: title, exact: true }) }).first();
    await expect(row).toContainText(MOEF.name_ko);
    await expect(row).toContainText(t.review.unassigned);
    await row.getByRole("link", { name: title, exact: true }).click();
    await expect(officer).toHaveURL(new RegExp(`${ideaPath}$`));
    await expect(statusBadge(officer, t, "under_review")).toBeVisible();
  });

  await test.step("an answer under 100 characters is refused next to the field (400), and kept", async () => {
    await officer.getByText(t.workflow.answerTitle, { exact: true }).click();
    await officer.getByLabel(t.workflow.outcomeLabel, { exact: true }).selectOption({ label: t.workflow.outcome.accepted });
    const field = officer.getByLabel(t.workflow.answerLabel, { exact: true });
    await field.fill("검토하겠습니다.");
    const response = await submitAndWait(officer, ideaPath, () =>
      officer.getByRole("button", { name: t.workflow.submitAnswer, exact: true }).click(),
    );
    expect(response.status()).toBe(400);
    await expect(field).toHaveAttribute("aria-invalid", "true");
    await expect(field).toHaveAccessibleDescription(literally(interpolate(t.workflow.errors.answerLength, ANSWER_LENGTH)));
    await expect(field).toHaveValue("검토하겠습니다.");
    await expect(statusBadge(officer, t, "under_review")).toBeVisible();
  });

  await test.step("the officer answers: accepted, with the official answer → answered", async () => {
    await officer.getByLabel(t.workflow.outcomeLabel, { exact: true }).selectOption({ label: t.workflow.outcome.accepted });
    await officer.getByLabel(t.workflow.answerLabel, { exact: true }).fill(answer);
    const response = await submitAndWait(officer, ideaPath, () =>
      officer.getByRole("button", { name: t.workflow.submitAnswer, exact: true }).click(),
    );
    expect(response.status()).toBe(200);
    await expect(statusBadge(officer, t, "answered")).toBeVisible();
    await expect(currentStep(officer, t)).toContainText(t.workflow.step.answer);
    const answerBlock = officer.getByRole("region", { name: t.workflow.answer });
    await expect(answerBlock).toContainText(t.workflow.outcome.accepted);
    await expect(answerBlock).toContainText(answer);
  });

  await test.step("the officer posts progress 100% → implemented", async () => {
    await officer.getByText(t.workflow.progressTitle, { exact: true }).click();
    await officer.getByLabel(t.workflow.percentLabel, { exact: true }).fill("100");
    await officer.getByLabel(t.workflow.noteLabel, { exact: true }).fill(progressNote);
    const response = await submitAndWait(officer, ideaPath, () =>
      officer.getByRole("button", { name: t.workflow.postProgress, exact: true }).click(),
    );
    expect(response.status()).toBe(200);
    await expect(statusBadge(officer, t, "implemented")).toBeVisible();
    const answerBlock = officer.getByRole("region", { name: t.workflow.answer });
    await expect(answerBlock).toContainText(interpolate(t.workflow.progressValue, { percent: 100 }));
    await expect(answerBlock).toContainText(progressNote);
    await closeContext(officer);
  });

  // ——— The author ———
  const moves: [keyof Messages["status"], keyof Messages["status"]][] = [
    ["open", "fast_tracked"],
    ["fast_tracked", "in_deliberation"],
    ["in_deliberation", "under_review"],
    ["under_review", "answered"],
    ["answered", "implemented"],
  ];
  await test.step("the author sees the unread count in the header and a notification for every step", async () => {
    // The author is a demo neighbour who also supports demo ideas that other tests move while
    // this one runs, so the header counts this idea's five steps and maybe more: it must say at
    // least five, and on the notification centre exactly as many as the centre marks new.
    await page.goto("/");
    const notificationsLink = page.getByRole("link", { name: new RegExp(`^${t.notifications.title}`) });
    const unreadPhrase = new RegExp(literally(t.notifications.unread_other).source.replace(literally("{{count}}").source, "(\\d+)"));
    const unreadIn = async () => Number(unreadPhrase.exec((await notificationsLink.textContent()) ?? "")?.[1] ?? 0);
    await expect(notificationsLink).toHaveAccessibleName(unreadPhrase);
    expect(await unreadIn()).toBeGreaterThanOrEqual(moves.length);
    await notificationsLink.click();
    await expect(page).toHaveURL(/\/me\/notifications$/);
    await expect(page.getByRole("heading", { level: 1, name: t.notifications.title })).toBeVisible();
    const items = page.getByRole("listitem").filter({ hasText: title });
    await expect(items).toHaveCount(moves.length);
    // Newest first.
    await expect(items).toHaveText(
      [...moves].reverse().map(([from, to]) => literally(interpolate(t.notifications.kind.status, { title, from: t.status[from], to: t.status[to] }))),
    );
    for (let i = 0; i < moves.length; i++) await expect(items.nth(i).getByText(t.notifications.new, { exact: true })).toBeVisible();
    await expect(page.getByText(t.notifications.new, { exact: true })).toHaveCount(await unreadIn());

    await page.getByRole("button", { name: t.notifications.markRead, exact: true }).click();
    await expect(page.getByText(t.notifications.new, { exact: true })).toHaveCount(0);
    await expect(page.getByRole("link", { name: t.notifications.title, exact: true })).toBeVisible();

    await page
      .getByRole("link", {
        name: interpolate(t.notifications.kind.status, { title, from: t.status.answered, to: t.status.implemented }),
        exact: true,
      })
      .click();
    await expect(page).toHaveURL(new RegExp(`${ideaPath}$`));
    await expect(page.getByRole("region", { name: t.workflow.answer })).toContainText(answer);
  });

  // ——— Anyone ———
  await test.step("a visitor sees the public timeline with every step, the recommendation and the official answer", async () => {
    const visitor = await freshPage(browser);
    await visitor.goto(ideaPath);
    await expect(visitor.getByRole("link", { name: t.nav.login, exact: true })).toBeVisible();
    await expect(visitor.getByRole("heading", { level: 1, name: title })).toBeVisible();
    await expect(statusBadge(visitor, t, "implemented")).toBeVisible();
    const steps = visitor.getByRole("list", { name: t.workflow.stepsLabel }).getByRole("listitem");
    // Implemented: every step done, the last one marked as the current one.
    await expect(steps).toHaveText(
      (["support", "committee", "agency", "answer", "implementation"] as const).map((s) =>
        literally(`${t.workflow.step[s]}${t.workflow.done}`),
      ),
    );
    await expect(currentStep(visitor, t)).toContainText(t.workflow.step.implementation);

    const recommendation = visitor.getByRole("region", { name: t.workflow.recommendation });
    await expect(recommendation).toContainText(interpolate(t.workflow.decision.forward, { agency: MOEF.name_ko }));
    await expect(recommendation).toContainText(rationale);
    // The committee's vote, with who voted how and why.
    await expect(recommendation).toContainText(interpolate(t.committees.vote.counts, { for: String(quorum), against: "0", abstain: "0" }));
    await recommendation.getByText(t.committees.vote.whoVoted, { exact: true }).click();
    for (const [name, reason] of [[DEMO.chair.name, chairReason], [DEMO.member.name, memberReason]]) {
      await expect(recommendation.getByRole("listitem").filter({ hasText: name })).toContainText(`${t.committees.choice.for} ${reason}`);
    }
    // The committee's public record has it, with its vote and the agency's outcome.
    const committeePage = await freshPage(browser);
    await committeePage.goto(`/committees/${ECONOMY_COMMITTEE.slug}`);
    const record = committeePage.getByRole("region", { name: t.committees.history.title });
    const recorded = record.getByRole("row").filter({ hasText: title });
    await expect(recorded).toContainText(interpolate(t.committees.vote.counts, { for: String(quorum), against: "0", abstain: "0" }));
    await expect(recorded).toContainText(t.workflow.outcome.accepted);
    await closeContext(committeePage);
    const answerBlock = visitor.getByRole("region", { name: t.workflow.answer });
    await expect(answerBlock).toContainText(t.workflow.outcome.accepted);
    await expect(answerBlock).toContainText(MOEF.name_ko);
    await expect(answerBlock).toContainText(answer);
    await expect(answerBlock).toContainText(interpolate(t.workflow.progressValue, { percent: 100 }));
    await expect(answerBlock).toContainText(progressNote);

    // Every step, in order, with who did it.
    const by = (name: string) => interpolate(t.ideas.by, { name });
    const status = (from: keyof Messages["status"], to: keyof Messages["status"]) =>
      interpolate(t.ideas.event.status, { from: t.status[from], to: t.status[to] });
    const expected: [string, string][] = [
      [t.ideas.event.submitted, by(author.displayName)],
      [t.ideas.event.threshold_reached, t.ideas.system],
      [status("open", "fast_tracked"), t.ideas.system],
      [status("fast_tracked", "in_deliberation"), by(DEMO.chair.name)],
      [status("in_deliberation", "under_review"), by(DEMO.chair.name)],
      [status("under_review", "answered"), by(DEMO.officer.name)],
      [status("answered", "implemented"), by(DEMO.officer.name)],
    ];
    const timeline = visitor.getByRole("region", { name: t.ideas.timeline }).getByRole("listitem");
    await expect(timeline.first()).toBeVisible();
    const entries = await timeline.allInnerTexts();
    let at = -1;
    for (const [what, who] of expected) {
      const next = entries.findIndex((entry, i) => i > at && entry.includes(what) && entry.includes(who));
      expect(next, `timeline entry "${what}" (${who}) after entry ${at}, in:\n${entries.join("\n---\n")}`).toBeGreaterThan(at);
      at = next;
    }
    // The forward carries an excerpt of the rationale.
    await expect(timeline.filter({ hasText: status("in_deliberation", "under_review") })).toContainText(rationale.slice(0, 40));

    // Nothing to act on, and no deadline once implemented.
    await expect(visitor.getByRole("heading", { name: t.workflow.staffTitle })).toHaveCount(0);
    await expect(visitor.getByRole("button", { name: t.ideas.support, exact: true })).toHaveCount(0);
    await expect(visitor.getByText(literally(interpolate(t.workflow.deadline.agency, { date: "" }).trim()))).toHaveCount(0);

    // The agency's public page lists the answer.
    await visitor.getByRole("link", { name: MOEF.name_ko, exact: true }).first().click();
    await expect(visitor).toHaveURL(/\/agencies\/moef$/);
    const row = visitor.getByRole("row").filter({ has: visitor.getByRole("link", { name: title, exact: true }) });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText(t.workflow.outcome.accepted);
    await closeContext(visitor);
  });
});
