// The committee's meetings, minutes and deliberation digest in a browser (issue 14, decisions 029
// and 034): the demo chair schedules a meeting with an agenda and moves it with a reason, corrects
// the minutes of the past meeting (a new version whose changes are shown); writes the digest of
// the idea in deliberation, closes the vote and records the recommendation, which freezes the
// digest. A visitor reads the minutes with their changes, and the digest on the idea's page. The
// chair invites an idea's author as a guest of its deliberation (decision 054): the author posts
// there, labelled as a guest and left out of the stances, which a visitor sees.
import { AGENCIES, COMMITTEES } from "../../db/reference-data";
import { DEMO_GUESTS_IDEA } from "../../db/demo";
import { closeContext, demoIdeaPath, DEMO, expect, freshPage, interpolate, koreanDate, signedInPage, test, uniqueKoreanWord } from "./fixtures";
import { toKoreaTimeInput } from "../../app/utils/korea-time";

const ECONOMY = COMMITTEES.find((c) => c.slug === "economy")!;
const MOEF = AGENCIES.find((a) => a.slug === "moef")!;
const IN_DELIBERATION = "전통시장 온라인 장보기를 지원해 주세요";
const DAY = 86_400_000;

test("the chair schedules and moves a meeting and corrects the minutes; a visitor reads the minutes and what the correction changed", async ({ browser, t }) => {
  test.setTimeout(120_000);
  const word = uniqueKoreanWord();
  const chair = await signedInPage(browser, DEMO.chair.email);

  await test.step("the chair schedules a meeting from the committee's page; a refused form says what is missing", async () => {
    await chair.goto(`/committees/${ECONOMY.slug}`);
    await chair.getByRole("link", { name: t.meetings.schedule, exact: true }).click();
    await expect(chair.getByRole("heading", { level: 1, name: t.meetings.new.title })).toBeVisible();
    await chair.getByLabel(t.meetings.form.place, { exact: true }).fill(`${word} 회의실`);
    await chair.getByRole("button", { name: t.meetings.new.submit, exact: true }).click();
    await expect(chair.getByText(t.meetings.errors.startsAt, { exact: true }).first()).toBeVisible();
    await expect(chair.getByText(t.meetings.errors.agenda, { exact: true }).first()).toBeVisible();
    // What was typed is kept.
    await expect(chair.getByLabel(t.meetings.form.place, { exact: true })).toHaveValue(`${word} 회의실`);
    await chair.getByLabel(t.meetings.form.startsAt, { exact: true }).fill(toKoreaTimeInput(new Date(Date.now() + 3 * DAY)));
    await chair.getByRole("checkbox", { name: new RegExp(IN_DELIBERATION) }).check();
    await chair.getByRole("button", { name: t.meetings.new.submit, exact: true }).click();
    await expect(chair).toHaveURL(/\/committees\/economy\/meetings\/\d+\?done=scheduled$/);
    await expect(chair.getByRole("status")).toContainText(t.meetings.done.scheduled);
    await expect(chair.getByRole("region", { name: t.meetings.agenda }).getByRole("link", { name: IN_DELIBERATION, exact: true })).toBeVisible();
    await expect(chair.getByText(interpolate(t.meetings.place, { place: `${word} 회의실` }))).toBeVisible();
  });

  await test.step("the chair moves it, with a reason shown in public", async () => {
    await chair.getByText(t.meetings.chair.move, { exact: true }).click();
    await chair.getByLabel(t.meetings.form.startsAt, { exact: true }).fill(toKoreaTimeInput(new Date(Date.now() + 4 * DAY)));
    await chair.getByLabel(t.meetings.form.reason, { exact: true }).first().fill(`${word} 위원 두 명이 출장 중입니다.`);
    await chair.getByRole("button", { name: t.meetings.chair.moveSubmit, exact: true }).click();
    await expect(chair.getByRole("status")).toContainText(t.meetings.done.move);
    await expect(chair.getByRole("region", { name: t.meetings.changes })).toContainText(interpolate(t.meetings.because, { reason: `${word} 위원 두 명이 출장 중입니다.` }));
  });

  let meetingPath = "";
  await test.step("the chair corrects the past meeting's minutes: a new version, with a note of what changed", async () => {
    await chair.goto(`/committees/${ECONOMY.slug}`);
    const past = chair.getByRole("region", { name: t.meetings.past }).getByRole("listitem").filter({ hasText: t.meetings.minutesTag });
    await past.first().getByRole("link").click();
    await chair.waitForURL(/\/committees\/[a-z-]+\/meetings\/\d+$/);
    meetingPath = new URL(chair.url()).pathname;
    const minutes = chair.getByRole("region", { name: t.meetings.minutes.title });
    await expect(minutes).toContainText(interpolate(t.meetings.minutes.version, { version: 2, date: "" }).trim().replace(/,$/, ""));
    const body = chair.getByLabel(t.meetings.minutes.body, { exact: true });
    await body.fill(`${await body.inputValue()}\n- ${word}: 다음 회의 전에 현장 방문을 하기로 했습니다.`);
    await chair.getByLabel(t.meetings.minutes.note, { exact: true }).fill(`${word} 현장 방문 결정을 더했습니다.`);
    await chair.getByRole("button", { name: t.meetings.chair.correctSubmit, exact: true }).click();
    await expect(chair.getByRole("status")).toContainText(t.meetings.done.minutes);
    await expect(minutes).toContainText(`${word}: 다음 회의 전에 현장 방문을 하기로 했습니다.`);
  });
  await closeContext(chair);

  await test.step("a visitor reads the minutes, the attendance, each agenda item's decision, and what the correction changed", async () => {
    const visitor = await freshPage(browser);
    await visitor.goto(meetingPath);
    await expect(visitor.getByRole("link", { name: t.nav.login, exact: true })).toBeVisible();
    const minutes = visitor.getByRole("region", { name: t.meetings.minutes.title });
    await expect(minutes).toContainText(DEMO.chair.name);
    await expect(visitor.getByRole("region", { name: t.meetings.agenda })).toContainText(t.meetings.minutes.decision);
    const versions = minutes.getByRole("region", { name: t.meetings.minutes.versions });
    await versions.getByText(`${word} 현장 방문 결정을 더했습니다.`).click();
    await expect(versions.getByRole("list", { name: interpolate(t.meetings.minutes.changesOf, { version: 3 }) }).locator("ins")).toContainText(`${word}: 다음 회의 전에`);
    // No chair's forms for a visitor.
    await expect(visitor.getByRole("button", { name: t.meetings.chair.correctSubmit, exact: true })).toHaveCount(0);
    await closeContext(visitor);
  });
});

test("the chair writes the deliberation digest and records the recommendation, which freezes it; a visitor reads it on the idea's page", async ({ browser, t }) => {
  test.setTimeout(150_000);
  const word = uniqueKoreanWord();
  const chair = await signedInPage(browser, DEMO.chair.email);
  const ideaPath = await demoIdeaPath(chair, IN_DELIBERATION);

  // The posts the digest draws on: the committee's thread of this idea.
  await chair.goto(`/committees/${ECONOMY.slug}`);
  const threadHref = await chair.getByRole("row").filter({ hasText: IN_DELIBERATION }).getByRole("link", { name: t.deliberation.committee.readThread }).getAttribute("href");
  await chair.goto(threadHref!);
  const postIds = (await chair.locator("li[id^=post-]").evaluateAll((items) => items.map((li) => li.id.slice("post-".length))));
  expect(postIds.length).toBeGreaterThanOrEqual(2);

  await test.step("an argument without the posts it draws on is refused next to the field, and kept", async () => {
    await chair.goto(ideaPath);
    await chair.getByRole("region", { name: t.digest.title }).getByRole("link", { name: t.digest.write, exact: true }).click();
    await expect(chair.getByRole("heading", { level: 1, name: t.digest.formTitle })).toBeVisible();
    await chair.getByLabel(interpolate(t.digest.argument, { n: 1 }), { exact: true }).first().fill(`${word} 시장 단위 공동 배송은 비용을 크게 줄입니다.`);
    await chair.getByRole("button", { name: t.digest.save, exact: true }).click();
    await expect(chair.getByText(t.digest.errors.drawsOn, { exact: true }).first()).toBeVisible();
    await expect(chair.getByLabel(interpolate(t.digest.argument, { n: 1 }), { exact: true }).first()).toHaveValue(`${word} 시장 단위 공동 배송은 비용을 크게 줄입니다.`);
  });

  await test.step("the chair writes the digest: it shows on the idea's page as a draft", async () => {
    const forSide = chair.getByRole("group", { name: t.digest.for });
    const againstSide = chair.getByRole("group", { name: t.digest.against });
    await forSide.getByLabel(interpolate(t.digest.posts, { n: 1 }), { exact: true }).fill(postIds[1]);
    await againstSide.getByLabel(interpolate(t.digest.argument, { n: 1 }), { exact: true }).fill(`${word} 상인회 참여 의사가 아직 확인되지 않았습니다.`);
    await againstSide.getByLabel(interpolate(t.digest.posts, { n: 1 }), { exact: true }).fill(postIds[0]);
    await chair.getByLabel(t.digest.questions, { exact: true }).fill(`${word} 시장별 배송 비용은 얼마입니까?`);
    await chair.getByLabel(t.digest.evidence, { exact: true }).fill("시범 시장의 주문 건수와 배송비 자료.");
    await chair.getByRole("button", { name: t.digest.save, exact: true }).click();
    await expect(chair).toHaveURL(new RegExp(`${ideaPath}#digest$`));
    const digest = chair.getByRole("region", { name: t.digest.title });
    await expect(digest).toContainText(`${word} 시장 단위 공동 배송은 비용을 크게 줄입니다.`);
    await expect(digest.getByRole("link", { name: `#${postIds[1]}` })).toBeVisible();
  });

  await test.step("a visitor does not see the draft", async () => {
    const visitor = await freshPage(browser);
    await visitor.goto(ideaPath);
    await expect(visitor.getByRole("heading", { level: 1, name: IN_DELIBERATION })).toBeVisible();
    await expect(visitor.getByText(`${word} 시장 단위 공동 배송은`)).toHaveCount(0);
    await closeContext(visitor);
  });

  await test.step("a member votes, the chair closes the vote and records the recommendation", async () => {
    // The demo vote has the chair's and one member's votes; the other member votes too, so the
    // quorum holds even if a test beside this one added someone to the committee.
    const member = await signedInPage(browser, DEMO.member.email);
    await member.goto(ideaPath);
    const memberPanel = member.getByRole("region", { name: t.committees.vote.title });
    await memberPanel.getByRole("radio", { name: t.committees.choice.for, exact: true }).check();
    await memberPanel.getByLabel(t.committees.vote.reasonLabel, { exact: true }).fill("배송비 부담을 나누는 방식이 현실적입니다.");
    await memberPanel.getByRole("button", { name: t.committees.vote.cast, exact: true }).click();
    await expect(member.getByRole("status").filter({ hasText: t.committees.vote.done.vote })).toBeVisible();
    // The chair's, the first member's and this vote: the quorum (a majority of three) is reached.
    await expect(memberPanel).toContainText(t.committees.vote.quorumMet);
    await closeContext(member);

    await chair.goto(ideaPath);
    const panel = chair.getByRole("region", { name: t.committees.vote.title });
    await panel.getByRole("button", { name: t.committees.vote.close, exact: true }).click();
    await expect(chair.getByRole("status").filter({ hasText: t.committees.vote.done.closeVote })).toBeVisible();
    await chair.getByText(t.workflow.recordTitle, { exact: true }).click();
    await chair.getByRole("radio", { name: t.workflow.forwardOption, exact: true }).check();
    await chair.getByLabel(t.workflow.agencyLabel, { exact: true }).selectOption({ label: MOEF.name_ko });
    await chair.getByLabel(t.workflow.rationaleLabel, { exact: true }).fill(`${word} 위원 다수가 공동 플랫폼의 효과를 높게 평가했습니다.`);
    await chair.getByRole("button", { name: t.workflow.record, exact: true }).click();
    await expect(chair.getByRole("region", { name: t.workflow.recommendation })).toBeVisible();
    await closeContext(chair);
  });

  await test.step("a visitor reads the frozen digest with the recommendation: arguments linked to their posts, open questions, evidence", async () => {
    const visitor = await freshPage(browser);
    await visitor.goto(ideaPath);
    const digest = visitor.getByRole("region", { name: t.digest.title });
    await expect(digest).toContainText(`${word} 시장 단위 공동 배송은 비용을 크게 줄입니다.`);
    await expect(digest).toContainText(`${word} 상인회 참여 의사가 아직 확인되지 않았습니다.`);
    await expect(digest).toContainText(`${word} 시장별 배송 비용은 얼마입니까?`);
    await expect(digest).toContainText("시범 시장의 주문 건수와 배송비 자료.");
    await expect(digest.getByRole("link", { name: `#${postIds[0]}` })).toHaveAttribute("href", new RegExp(`#post-${postIds[0]}$`));
    await expect(digest).toContainText(interpolate(t.digest.frozenOn, { date: koreanDate(new Date()) }));
    await expect(digest.getByRole("link", { name: t.digest.edit })).toHaveCount(0);
    await closeContext(visitor);
  });

  await test.step("a visitor reads the vote with the recommendation (who voted how, with reasons, and the quorum) and the committee's record", async () => {
    const visitor = await freshPage(browser);
    await visitor.goto(ideaPath);
    const recommendation = visitor.getByRole("region", { name: t.workflow.recommendation });
    await expect(recommendation).toContainText(t.committees.record.votes);
    await expect(recommendation).toContainText(t.committees.record.majority.forward);
    await recommendation.getByText(t.committees.vote.whoVoted, { exact: true }).click();
    const memberVote = recommendation.getByRole("listitem").filter({ hasText: DEMO.member.name });
    await expect(memberVote).toContainText(t.committees.choice.for);
    await expect(memberVote).toContainText("배송비 부담을 나누는 방식이 현실적입니다.");
    // The committee's record lists the recommendation with its vote.
    await visitor.goto(`/committees/${ECONOMY.slug}`);
    const record = visitor.getByRole("region", { name: t.committees.history.title });
    const row = record.getByRole("row").filter({ hasText: IN_DELIBERATION });
    await expect(row).toContainText(interpolate(t.workflow.decision.forward, { agency: MOEF.name_ko }));
    await expect(row).toContainText(t.committees.history.noAnswer);
    await closeContext(visitor);
  });
});

test("the chair invites the idea's author as a guest; the author posts in the deliberation, labelled and not counted; a visitor sees the label", async ({ browser, t }) => {
  test.setTimeout(120_000);
  const word = uniqueKoreanWord();
  const chair = await signedInPage(browser, DEMO.chair.email);
  await chair.goto(`/committees/${ECONOMY.slug}`);
  const threadPath = await chair.getByRole("row").filter({ hasText: DEMO_GUESTS_IDEA }).getByRole("link", { name: t.deliberation.committee.readThread }).getAttribute("href");
  expect(threadPath).toMatch(/^\/threads\/\d+$/);
  const guestLabel = `${DEMO.citizen.name} · ${t.guests.label.author}`;

  await test.step("the chair withdraws the demo's invitation of the author, then invites the author again", async () => {
    await chair.goto(threadPath!);
    const guests = chair.getByRole("region", { name: t.guests.title });
    await expect(guests.getByRole("listitem").filter({ hasText: guestLabel })).toHaveCount(1);
    await guests.getByRole("button", { name: interpolate(t.guests.withdraw, { name: DEMO.citizen.name }), exact: true }).click();
    await expect(guests.getByRole("status")).toHaveText(t.guests.done.withdraw);
    await expect(guests.getByRole("listitem").filter({ hasText: guestLabel })).toHaveCount(0);
    await guests.getByRole("button", { name: interpolate(t.guests.inviteAuthor, { name: DEMO.citizen.name }), exact: true }).click();
    await expect(guests.getByRole("status")).toHaveText(t.guests.done.invite);
    await expect(guests.getByRole("listitem").filter({ hasText: guestLabel })).toHaveCount(1);
    await closeContext(chair);
  });

  await test.step("the author is told, posts as a guest from the thread, and the stances do not move", async () => {
    const author = await signedInPage(browser, DEMO.citizen.email);
    await author.goto("/me/notifications");
    await author.getByRole("link", { name: interpolate(t.notifications.kind.guest_invited, { title: DEMO_GUESTS_IDEA }), exact: true }).first().click();
    await expect(author).toHaveURL(new RegExp(`${threadPath}$`));
    await expect(author.getByText(t.guests.youAreGuest, { exact: true })).toBeVisible();
    const tally = author.getByRole("region", { name: t.deliberation.tallyTitle, exact: true }).getByRole("definition");
    const before = await tally.allTextContents();
    await author.getByLabel(t.deliberation.postLabel, { exact: true }).fill(`${word} 주차장 이용 조사 자료를 더 올립니다.`);
    await author.getByRole("radio", { name: t.deliberation.stance.against, exact: true }).check();
    await author.getByRole("button", { name: t.deliberation.postSubmit, exact: true }).click();
    const post = author.getByRole("article", { name: interpolate(t.guests.postBy, { name: DEMO.citizen.name, label: t.guests.label.author }), exact: true }).filter({ hasText: word });
    await expect(post).toBeVisible();
    await expect(tally).toHaveText(before);
    await closeContext(author);
  });

  await test.step("a visitor sees the guest's label on the post and who is invited, and no invitation form", async () => {
    const visitor = await freshPage(browser);
    await visitor.goto(threadPath!);
    const post = visitor.getByRole("article", { name: interpolate(t.guests.postBy, { name: DEMO.citizen.name, label: t.guests.label.author }), exact: true }).filter({ hasText: word });
    await expect(post.getByText(t.guests.label.author, { exact: true })).toBeVisible();
    await expect(visitor.getByRole("region", { name: t.guests.title }).getByRole("listitem").filter({ hasText: guestLabel })).toHaveCount(1);
    await expect(visitor.getByRole("button", { name: interpolate(t.guests.inviteAuthor, { name: DEMO.citizen.name }) })).toHaveCount(0);
    await closeContext(visitor);
  });
});
