// Demo accounts and content, for a newcomer's first run and for the end-to-end tests.
// Idempotent: running it again adds nothing. Never loaded by a production deployment.
import type { Kysely } from "kysely";
import type { Actor } from "../app/domain/accounts/permissions";
import type { Database } from "./schema";
import { citizenActor, createCampaign, createIdea, createUser, holdCommitteeVote, support, type RoleSpec } from "./factories";
import { loadDemoAdministration } from "./demo-administration";
import { loadDemoEvents } from "./demo-events";
import { loadDemoAssisted } from "./demo-assisted";
import { loadDemoVerification } from "./demo-verification";
import { loadDemoReceipts } from "./demo-receipts";

export const DEMO_PASSWORD = "madang-demo-2026";

export const DEMO_ACCOUNTS: { email: string; name: string; role: string; roles: RoleSpec[]; locale: "ko" | "en" }[] = [
  { email: "citizen@madang.example.org", name: "김민지", role: "citizen", roles: [], locale: "ko" },
  { email: "citizen2@madang.example.org", name: "Alex Morgan", role: "citizen (English)", roles: [], locale: "en" },
  {
    email: "chair@madang.example.org",
    name: "박정호",
    role: "committee chair (economy)",
    roles: [{ role: "committee_chair", committee: "economy" }],
    locale: "ko",
  },
  {
    email: "member@madang.example.org",
    name: "이수진",
    role: "committee member (economy)",
    roles: [{ role: "committee_member", committee: "economy" }],
    locale: "ko",
  },
  {
    email: "officer@madang.example.org",
    name: "최영수",
    role: "agency officer (Ministry of Economy and Finance)",
    roles: [{ role: "agency_officer", agency: "moef" }],
    locale: "ko",
  },
  {
    email: "officer2@madang.example.org",
    name: "서민호",
    role: "agency officer (Ministry of Health and Welfare): receives transfers",
    roles: [{ role: "agency_officer", agency: "mohw" }],
    locale: "ko",
  },
  {
    email: "supervisor@madang.example.org",
    name: "윤서연",
    role: "agency supervising office (Ministry of Economy and Finance): escalations",
    roles: [{ role: "agency_supervisor", agency: "moef" }],
    locale: "ko",
  },
  {
    email: "organiser@madang.example.org",
    name: "조은별",
    role: "event organiser (economy committee): events, registrations, minutes",
    roles: [{ role: "event_organiser", committee: "economy" }],
    locale: "ko",
  },
  {
    email: "moderator@madang.example.org",
    name: "정하늘",
    role: "moderator",
    roles: [{ role: "moderator" }],
    locale: "ko",
  },
  { email: "admin@madang.example.org", name: "한지원", role: "admin", roles: [{ role: "admin" }], locale: "ko" },
  {
    email: "desk@madang.example.org",
    name: "오민호",
    role: "identity verifier: verifies people in person at /identity-desk",
    roles: [{ role: "identity_verifier" }],
    locale: "ko",
  },
];

export async function demoLoaded(db: Kysely<Database>): Promise<boolean> {
  const row = await db.selectFrom("users").select("id").where("email", "=", DEMO_ACCOUNTS[0].email).executeTakeFirst();
  return Boolean(row);
}

const DAY = 86_400_000;

// Ideas in Korean and English, with supporters spread over the last days.
const DEMO_IDEAS = [
  {
    author: 0,
    title: "대중교통 요금을 낮춰 주세요",
    body: "출퇴근 교통비 부담이 너무 큽니다.\n\n- 청년과 어르신의 **대중교통 요금**을 낮추고\n- 환승 할인을 넓혀 주세요.\n\n대중교통을 더 많이 타면 탄소 배출도 줄어듭니다.",
    category: "transport",
    region: 1,
    campaign: false,
    supporters: 38,
    daysAgo: 12,
  },
  {
    author: 1,
    title: "Public transit fares for students",
    body: "Students travel far to school and university every day. A flat monthly **public transit** pass for students would cut costs for families and keep cars off the road.",
    category: "transport",
    region: null,
    campaign: false,
    supporters: 17,
    daysAgo: 6,
  },
  {
    author: 0,
    title: "탄소중립 실천 방안: 공공기관 옥상에 태양광을",
    body: "전국의 공공기관 건물 옥상에 태양광 발전 설비를 설치하면 탄소중립에 보탬이 되고 전기 요금도 아낄 수 있습니다. 주민이 함께 투자하는 시민 발전소 방식도 검토해 주세요.",
    category: "environment",
    region: null,
    campaign: false,
    supporters: 9,
    daysAgo: 3,
  },
  {
    author: 1,
    title: "동네 소상공인의 디지털 전환을 도와주세요",
    body: "감염병 이후 손님이 줄어든 동네 가게들이 온라인 주문과 간편 결제를 도입할 수 있도록 교육과 장비 비용을 지원해 주세요. 지역 대학생 멘토와 연결하면 좋겠습니다.",
    category: "economy",
    region: null,
    campaign: true,
    supporters: 3,
    daysAgo: 8,
  },
  {
    author: 1,
    title: "Free counselling for everyone affected by the pandemic",
    body: "Many people lost family, work or simply their routine. Offer a few free sessions of psychological counselling at public health centres, with evening and online slots for workers.",
    category: "health",
    region: null,
    campaign: true,
    supporters: 2,
    daysAgo: 2,
  },
  {
    author: 0,
    title: "어린이 통학로 안전을 강화해 주세요",
    body: "초등학교 주변 통학로에 보도가 없는 곳이 많습니다. 보행로 설치와 과속 단속 카메라, 등하교 시간 차량 통제를 요청합니다.",
    category: "safety",
    region: 2,
    campaign: false,
    supporters: 24,
    daysAgo: 20,
  },
] as const;

export async function loadDemo(db: Kysely<Database>): Promise<void> {
  for (const account of DEMO_ACCOUNTS) {
    await createUser(db, {
      email: account.email,
      displayName: account.name,
      password: DEMO_PASSWORD,
      locale: account.locale,
      roles: account.roles,
      // Older than every demo idea: an idea from an account under an hour old is held for review.
      createdAt: new Date(Date.now() - 365 * 86_400_000),
    });
  }
  await createCampaign(db, {
    slug: "everyday-recovery",
    titleKo: "일상 회복을 위한 국민 아이디어 공모",
    titleEn: "Citizen ideas for recovering everyday life",
    descriptionKo:
      "감염병 이후 일상을 되찾기 위한 아이디어를 모읍니다. 경제, 사회·문화, 지역 안전, 방역·의료 어느 분야든 좋습니다.",
    descriptionEn:
      "We are gathering ideas to recover everyday life after the pandemic: the economy, society and culture, local safety, or healthcare.",
    opensAt: new Date(Date.now() - 150 * 86_400_000),
    closesAt: new Date(Date.now() + 50 * 86_400_000),
    threshold: 5,
    windowDays: 30,
  });
  await loadDemoIdeas(db);
  await loadDemoPipeline(db);
  await loadDemoDiscussions(db);
  await loadDemoAdministration(db);
  await loadDemoEvents(db);
  await loadDemoAssisted(db);
  await loadDemoVerification(db);
  // Last: the daily roots over every demo support given before today.
  await loadDemoReceipts(db);
}

async function loadDemoIdeas(db: Kysely<Database>): Promise<void> {
  const existing = await db.selectFrom("ideas").select("id").where("title", "=", DEMO_IDEAS[0].title).executeTakeFirst();
  if (existing) return;
  const authors = await Promise.all(
    [DEMO_ACCOUNTS[0].email, DEMO_ACCOUNTS[1].email].map((email) =>
      db.selectFrom("users").select("id").where("email", "=", email).executeTakeFirstOrThrow(),
    ),
  );
  const campaign = await db.selectFrom("campaigns").select("id").where("slug", "=", "everyday-recovery").executeTakeFirstOrThrow();
  // Neighbours who support the demo ideas, spread over the regions.
  const supporters = [];
  for (let i = 1; i <= 40; i++) {
    const user = await createUser(db, {
      email: `neighbour${i}@madang.example.org`,
      displayName: `이웃 ${i}`,
      password: DEMO_PASSWORD,
      createdAt: new Date(Date.now() - 90 * DAY),
    });
    await db.updateTable("users").set({ home_region_id: (i % 17) + 1 }).where("id", "=", user.id).execute();
    supporters.push(user);
  }
  const now = Date.now();
  for (const spec of DEMO_IDEAS) {
    const createdAt = new Date(now - spec.daysAgo * DAY);
    const ideaId = await createIdea(db, {
      author: authors[spec.author],
      title: spec.title,
      body: spec.body,
      category: spec.category,
      regionId: spec.region,
      campaignId: spec.campaign ? campaign.id : null,
      createdAt,
    });
    for (let i = 0; i < spec.supporters; i++) {
      const at = new Date(createdAt.getTime() + ((i + 1) / (spec.supporters + 1)) * (now - createdAt.getTime()));
      await support(db, supporters[i].id, ideaId, at);
    }
  }
}

export function demoAccountsTable(): string {
  const width = Math.max(...DEMO_ACCOUNTS.map((a) => a.email.length));
  const lines = DEMO_ACCOUNTS.map((a) => `  ${a.email.padEnd(width)}  ${a.role}`);
  return `Demo accounts (password for all: ${DEMO_PASSWORD}):\n${lines.join("\n")}`;
}

// Ideas at every step of the fast track, moved there by the real use cases at past dates, so
// that their timelines, deadlines (one of them overdue), recommendations and answers are real.
const PIPELINE_IDEAS = [
  {
    title: "폐교를 지역 돌봄 센터로 활용해 주세요",
    body: "학생 수가 줄어 문을 닫은 학교가 늘고 있습니다. 비어 있는 교실을 아이 돌봄과 어르신 여가 공간으로 바꾸면 지역 공동체가 살아납니다.",
    category: "economy",
    daysAgo: 20,
    stage: "fast_tracked",
  },
  {
    title: "전통시장 온라인 장보기를 지원해 주세요",
    body: "전통시장 상인들이 온라인 주문과 당일 배송을 함께 쓸 수 있는 공동 플랫폼을 만들어 주세요. 시장 단위로 배송비를 나누면 부담이 줄어듭니다.",
    category: "economy",
    daysAgo: 8,
    stage: "in_deliberation",
  },
  {
    title: "Rent support for young workers in their first job",
    body: "Young people starting their first job spend most of their pay on rent. A two-year rent allowance for first-time workers under 30 would let them save and stay in their city.",
    category: "housing",
    daysAgo: 16,
    stage: "under_review",
  },
  {
    // Left untouched by the demo's agency work: the agencies end-to-end test extends, replies,
    // answers and revises it (tests/e2e/agencies.spec.ts).
    title: "동네 가게 배달앱 수수료에 상한을 정해 주세요",
    body: "배달앱 중개 수수료와 광고비가 매출의 30%를 넘는 가게가 많습니다. 동네 가게가 버틸 수 있도록 수수료 상한을 정하고, 수수료 내역을 투명하게 공개하게 해 주세요.",
    category: "economy",
    daysAgo: 12,
    stage: "under_review",
  },
  {
    title: "소상공인 카드 수수료를 더 낮춰 주세요",
    body: "매출이 적은 가게일수록 카드 수수료 부담이 큽니다. 연 매출 3억 원 이하 가게의 수수료율을 더 낮추고 정산 주기도 줄여 주세요.",
    category: "economy",
    daysAgo: 60,
    stage: "under_review",
  },
  {
    title: "공공 와이파이를 버스 정류장까지 넓혀 주세요",
    body: "버스 정류장에서 기다리는 동안 무료로 인터넷을 쓸 수 있으면 데이터 요금이 부담스러운 학생과 어르신에게 큰 도움이 됩니다.",
    category: "digital",
    daysAgo: 70,
    stage: "answered",
    outcome: "further_study",
  },
  {
    title: "청년 창업 공간을 무료로 열어 주세요",
    body: "구도심의 빈 공공 건물을 청년 창업자에게 1년 동안 무료로 빌려주고, 회계와 법률 상담을 함께 제공해 주세요.",
    category: "economy",
    daysAgo: 90,
    stage: "implementing",
    outcome: "accepted",
  },
  {
    title: "One online portal for every business permit",
    body: "Opening a small shop means visiting several offices for permits. One online portal that tracks every permit application in one place would save weeks.",
    category: "digital",
    daysAgo: 120,
    stage: "implemented",
    outcome: "partially_accepted",
  },
  {
    title: "모든 상품권을 현금으로 바꿀 수 있게 해 주세요",
    body: "쓰지 못한 지역 상품권과 온누리 상품권을 은행에서 바로 현금으로 바꿀 수 있게 해 주세요. 남은 금액이 아깝습니다.",
    category: "economy",
    daysAgo: 30,
    stage: "closed",
  },
] as const;

// The committee's posts on an idea it deliberates, by the demo chair and member, a day or so
// apart between the take-up and the recommendation (at most 4.5 days: the recommendation comes
// 5 days after the take-up).
const DELIBERATION: Record<"for" | "against" | "ongoing", { by: "chair" | "member"; stance: "for" | "against" | "neutral"; body: string; reply?: boolean }[]> = {
  for: [
    { by: "chair", stance: "neutral", body: "숙의를 시작합니다. 재원이 얼마나 드는지, 기존 사업과 겹치지 않는지를 먼저 확인하겠습니다." },
    { by: "member", stance: "for", body: "비슷한 지역 사례를 보면 효과가 분명하고, 비용도 감당할 수 있는 수준입니다. **찬성**합니다.", reply: true },
    { by: "chair", stance: "for", body: "담당 부처 자료를 받아 보니 기존 사업과 겹치지 않습니다. 기관에 전달하자는 의견에 찬성으로 바꿉니다.", reply: true },
  ],
  against: [
    { by: "member", stance: "against", body: "상품권은 지역 안에서 쓰이게 하려는 제도입니다. 현금으로 바꿀 수 있게 하면 그 목적이 사라집니다." },
    { by: "chair", stance: "against", body: "부정 유통 우려도 큽니다. 다만 남은 금액을 돌려받는 기준을 낮추는 방안은 따로 논의할 만합니다.", reply: true },
  ],
  ongoing: [
    { by: "chair", stance: "neutral", body: "숙의를 시작합니다. 시장별 배송 비용과 상인회의 참여 의사를 먼저 알아보겠습니다." },
    { by: "member", stance: "for", body: "공동 플랫폼은 개별 점포가 혼자 하기 어려운 일을 대신해 줍니다. 방향에 찬성합니다.", reply: true },
  ],
};

/** The words of the chair's digests (writeDemoDigest): of an idea forwarded, and of one not recommended. */
const FORWARD_DIGEST = {
  for1: "공익성이 크고 이미 비슷한 제도를 운영하는 지자체의 경험이 있어 실현 가능성이 높습니다.",
  against1: "재원이 한정되어 있어 다른 과제와의 우선순위를 따져야 합니다.",
  questions: "연간 필요한 예산은 얼마입니까?\n시범 사업을 할 지역은 어떻게 고릅니까?",
  evidence: "비슷한 제도를 운영하는 지자체의 이용 실적과 비용 자료.",
};
const CLOSED_DIGEST = {
  for1: "남은 금액을 돌려받기 어려운 불편은 실제로 있고, 환불 기준을 낮추는 방안은 따로 논의할 만합니다.",
  against1: "상품권은 지역 안에서 쓰이게 하려는 제도여서 현금으로 바꾸면 그 목적이 사라지고, 부정 유통 위험도 큽니다.",
  questions: "지금의 잔액 환불 기준은 어떻게 정해졌습니까?",
  evidence: "",
};

/** The agency's replies to the digest's open questions (the questions of writeDemoDigest). */
const DEMO_REPLIES = {
  budget: "세 개 도시 시범 사업에 연간 약 12억 원이 들 것으로 봅니다. 전국으로 넓히면 통신사 분담 방식에 따라 달라집니다.",
  regions: "정류장 이용객이 많고 공공 와이파이가 없는 지역을 우선해, 인구 규모가 다른 세 도시를 고르겠습니다.",
};

const ANSWERS: Record<string, string> = {
  further_study:
    "버스 정류장 공공 와이파이 확대 제안에 감사드립니다. 설치 비용과 보안 기준, 통신사와의 협력 방식을 검토하기 위해 내년 상반기에 세 개 도시에서 시범 사업을 하고, 그 결과를 보고 전국 확대 여부를 결정하겠습니다.",
  accepted:
    "청년 창업 공간 제안을 수용합니다. 구도심의 유휴 공공 건물 열두 곳을 골라 청년 창업자에게 1년간 무상으로 임대하고, 지역 세무사·변호사 협회와 함께 무료 상담을 제공하겠습니다. 진행 상황은 이 페이지에 알려 드리겠습니다.",
  partially_accepted:
    "We partially accept this proposal. A single portal that shows the status of every permit application will open next year; merging the permits themselves needs changes to several laws, which we will study with the National Assembly.",
};

async function loadDemoPipeline(db: Kysely<Database>): Promise<void> {
  const existing = await db.selectFrom("ideas").select("id").where("title", "=", PIPELINE_IDEAS[0].title).executeTakeFirst();
  if (existing) return;
  const { grantsOf } = await import("../app/domain/accounts/roles.server");
  const { answerIdea, postProgress, recordRecommendation, takeUp } = await import("../app/domain/workflow/workflow.server");
  const { createPost } = await import("../app/domain/deliberation/deliberation.server");
  const actorFor = async (email: string) => {
    const user = await db.selectFrom("users").select(["id", "email", "display_name"]).where("email", "=", email).executeTakeFirstOrThrow();
    return { ...citizenActor(user.id), email: user.email, displayName: user.display_name, grants: await grantsOf(db, user.id) };
  };
  // A third member of the economy committee, so that its votes show a real count (quorum: 2 of 3).
  await createUser(db, {
    email: "member2@madang.example.org",
    displayName: "강다은",
    password: DEMO_PASSWORD,
    locale: "ko",
    roles: [{ role: "committee_member", committee: "economy" }],
    createdAt: new Date(Date.now() - 60 * DAY),
  });
  const chair = await actorFor("chair@madang.example.org");
  const member = await actorFor("member@madang.example.org");
  const member2 = await actorFor("member2@madang.example.org");
  const officer = await actorFor("officer@madang.example.org");
  const authors = [await actorFor(DEMO_ACCOUNTS[0].email), await actorFor(DEMO_ACCOUNTS[1].email)];
  const neighbours = await db.selectFrom("users").select("id").where("email", "like", "neighbour%@madang.example.org").orderBy("id").execute();
  const campaign = await db.selectFrom("campaigns").select(["id", "support_threshold"]).where("slug", "=", "everyday-recovery").executeTakeFirstOrThrow();
  const moef = await db.selectFrom("agencies").select("id").where("slug", "=", "moef").executeTakeFirstOrThrow();
  const at = (daysAgo: number) => new Date(Date.now() - daysAgo * DAY);
  const ok = (result: { ok: boolean }, what: string) => {
    if (!result.ok) throw new Error(`demo pipeline: ${what} failed: ${JSON.stringify(result)}`);
  };

  for (const [index, spec] of PIPELINE_IDEAS.entries()) {
    const start = spec.daysAgo;
    const ideaId = await createIdea(db, {
      author: authors[index % 2],
      title: spec.title,
      body: spec.body,
      category: spec.category,
      campaignId: campaign.id,
      createdAt: at(start),
    });
    // Supporters until the threshold: the last of them fast-tracks it.
    for (let i = 0; i < campaign.support_threshold - 1; i++) {
      await support(db, neighbours[(index * 5 + i) % neighbours.length].id, ideaId, at(start - 1 - i * 0.2));
    }
    if (spec.stage === "fast_tracked") continue;
    ok(await takeUp(db, chair, ideaId, {}, at(start - 3)), "take up");
    // The committee deliberates in its thread before it recommends: the recommendation's
    // stance counts are read from these posts.
    const thread = await db.selectFrom("threads").select("id").where("idea_id", "=", ideaId).where("kind", "=", "committee").executeTakeFirstOrThrow();
    const script = spec.stage === "closed" ? DELIBERATION.against : spec.stage === "in_deliberation" ? DELIBERATION.ongoing : DELIBERATION.for;
    let previous: number | null = null;
    const posts: { postId: number; stance: string }[] = [];
    for (const [i, post] of script.entries()) {
      const written: { ok: boolean } & { postId?: number } = await createPost(
        db,
        post.by === "chair" ? chair : member,
        thread.id,
        { body: post.body, stance: post.stance, ...(post.reply && previous ? { replyTo: String(previous) } : {}) },
        at(start - 3.5 - i * (spec.stage === "in_deliberation" ? 1 : 1.2)),
      );
      ok(written, "deliberation post");
      previous = written.postId ?? null;
      if (written.postId) posts.push({ postId: written.postId, stance: post.stance });
    }
    if (spec.stage === "in_deliberation") {
      // An open vote: the chair and one member have voted; 이수진 has not yet.
      const { openVote, castVote } = await import("../app/domain/committees/votes.server");
      const { toKoreaTimeInput } = await import("../app/utils/korea-time");
      ok(await openVote(db, chair, ideaId, { closesAt: toKoreaTimeInput(new Date(Date.now() + 3 * DAY)) }, at(0.5)), "open vote");
      ok(await castVote(db, chair, ideaId, { choice: "for", reason: "청년 주거비 부담이 크고 재원 방안도 제시되었습니다." }, at(0.4)), "chair's vote");
      ok(await castVote(db, member2, ideaId, { choice: "abstain", reason: "지자체 재정 영향 자료를 더 보고 싶습니다." }, at(0.3)), "member's vote");
      continue;
    }
    // The committee's vote, closed with quorum before the recommendation (decision 028).
    await holdCommitteeVote(db, ideaId, {
      choices: spec.stage === "closed" ? ["against", "against", "abstain"] : ["for", "for", "against"],
      reasons:
        spec.stage === "closed"
          ? ["제도의 목적과 맞지 않습니다.", "부정 유통 위험이 큽니다.", "환불 기준 논의를 먼저 하고 싶습니다."]
          : ["공익성이 크고 실현 가능합니다.", "재원 방안이 구체적입니다.", "우선순위가 더 높은 과제가 있습니다."],
      at: at(start - 7.9),
    });
    const rationale =
      spec.stage === "closed"
        ? "상품권 제도의 목적(지역 소비 촉진)과 맞지 않고 부정 유통 위험이 커서 권고하지 않기로 했습니다. 대신 잔액 환불 기준을 낮추는 방안을 따로 논의하겠습니다."
        : "위원 다수가 공익성과 실현 가능성을 높게 평가했습니다. 기획재정부가 재원과 제도 개선 방안을 검토해 답변해 주기를 권고합니다.";
    const decision = spec.stage === "closed" ? "not_recommended" : "forward";
    // Every recommendation has its deliberation digest, frozen with it (decision 034, amended):
    // the agencies' end-to-end test answers the open questions, and the further-study answer
    // replies to one of them (decision 055).
    await writeDemoDigest(db, chair, ideaId, posts, at(start - 7.95), ok, spec.stage === "closed" ? CLOSED_DIGEST : FORWARD_DIGEST);
    ok(
      await recordRecommendation(db, chair, ideaId, { decision, agencyId: String(moef.id), rationale }, { now: at(start - 8) }),
      "recommendation",
    );
    if (spec.stage === "closed" || spec.stage === "under_review") continue;
    const outcome = "outcome" in spec ? spec.outcome : "accepted";
    // Further study names the date of its follow-up answer (decision 035): twelve days from now.
    const followUpDate = outcome === "further_study" ? new Date(Date.now() + 12 * DAY + 9 * 3_600_000).toISOString().slice(0, 10) : undefined;
    // The further-study answer replies to the digest's first open question only (decision 055).
    const replies = outcome === "further_study" ? { reply0: DEMO_REPLIES.budget, reply1: "" } : {};
    ok(await answerIdea(db, officer, ideaId, { outcome, answer: ANSWERS[outcome], followUpDate, ...replies }, at(start - 30)), "answer");
    if (spec.stage === "answered") continue;
    ok(await postProgress(db, officer, ideaId, { percent: "30", note: "사업 계획을 확정하고 첫 대상지를 골랐습니다." }, at(start - 45)), "progress");
    ok(await postProgress(db, officer, ideaId, { percent: "60", note: "대상지 여섯 곳에서 운영을 시작했습니다." }, at(start - 70)), "progress");
    if (spec.stage === "implementing") continue;
    ok(await postProgress(db, officer, ideaId, { percent: "100", note: "The permit status portal is open to everyone." }, at(start - 110)), "completion");
  }
  await loadDemoAgencyWork(db, officer, at, ok);
  await loadDemoMeetings(db, chair, [member, member2], at, ok);
  await loadDemoGuests(db, { chair, member, officer, author: authors[0], neighbours, campaign }, at, ok);
  // An idea whose support window closed below the threshold.
  const lonely = await createIdea(db, {
    author: authors[1],
    title: "Longer opening hours for public swimming pools",
    body: "Many workers can only swim after eight in the evening, when the public pools are already closed. Please keep them open until ten.",
    category: "culture",
    createdAt: at(45),
  });
  const { expireDue } = await import("../app/domain/workflow/automatic.server");
  await expireDue(db, new Date());
  void lonely;
}

type DemoActor = import("../app/domain/accounts/permissions").Actor;

/** The idea whose deliberation has guests (decision 054): by its title, for the tests. */
export const DEMO_GUESTS_IDEA = "전통시장 공영주차장을 주말에 무료로 열어 주세요";

/**
 * An idea in deliberation whose chair invited its author (citizen@…) and an officer of the
 * economy ministry (officer@…) as guests: the author's post is labelled as a guest's and left
 * out of the stance tally.
 */
async function loadDemoGuests(
  db: Kysely<Database>,
  people: { chair: DemoActor; member: DemoActor; officer: DemoActor; author: DemoActor; neighbours: { id: number }[]; campaign: { id: number; support_threshold: number } },
  at: (daysAgo: number) => Date,
  ok: Check,
): Promise<void> {
  const { chair, member, officer, author, neighbours, campaign } = people;
  const { takeUp } = await import("../app/domain/workflow/workflow.server");
  const { createPost } = await import("../app/domain/deliberation/deliberation.server");
  const { inviteGuest } = await import("../app/domain/deliberation/guests.server");
  const ideaId = await createIdea(db, {
    author,
    title: DEMO_GUESTS_IDEA,
    body: "주말 오후에 전통시장 공영주차장이 절반 넘게 비어 있는데도, 요금 때문에 손님들이 큰길에 차를 세웁니다. 주말에는 두 시간까지 무료로 열어 시장을 찾는 발길을 늘려 주세요.",
    category: "economy",
    campaignId: campaign.id,
    createdAt: at(9),
  });
  for (let i = 0; i < campaign.support_threshold - 1; i++) await support(db, neighbours[(40 + i) % neighbours.length].id, ideaId, at(8 - i * 0.2));
  ok(await takeUp(db, chair, ideaId, {}, at(5)), "take up");
  const thread = await db.selectFrom("threads").select("id").where("idea_id", "=", ideaId).where("kind", "=", "committee").executeTakeFirstOrThrow();
  ok(await createPost(db, chair, thread.id, { body: "숙의를 시작합니다. 제안하신 분과 기획재정부 담당자를 손님으로 초대해 현장 사정을 먼저 듣겠습니다.", stance: "neutral" }, at(4.5)), "chair's post");
  ok(await inviteGuest(db, chair, thread.id, { kind: "author" }, at(4.4)), "inviting the author");
  const moef = await db.selectFrom("agencies").select("id").where("slug", "=", "moef").executeTakeFirstOrThrow();
  ok(await inviteGuest(db, chair, thread.id, { kind: "officer", agencyId: String(moef.id), officerId: String(officer.id) }, at(4.4)), "inviting the officer");
  ok(
    await createPost(db, author, thread.id, { body: "제안자입니다. 토요일 오후에 세어 보니 주차면 120개 가운데 50개만 차 있었고, 큰길에는 불법 주차가 이어졌습니다.", stance: "for" }, at(3.5)),
    "the author's guest post",
  );
  ok(
    await createPost(db, officer, thread.id, { body: "기획재정부 담당자입니다. 공영주차장 요금은 지방자치단체가 정하므로, 권고가 오면 행정안전부와 함께 지원 방안을 검토하겠습니다.", stance: "neutral" }, at(2.5)),
    "the officer's guest post",
  );
  ok(await createPost(db, member, thread.id, { body: "제안자의 조사가 설득력 있습니다. 주말 시범 운영부터 권하는 데 찬성합니다.", stance: "for" }, at(1.5)), "member's post");
}
type Check = (result: { ok: boolean }, what: string) => void;

/** The chair's digest of a deliberation: an argument each way, drawing on the thread's posts. */
async function writeDemoDigest(
  db: Kysely<Database>,
  chair: DemoActor,
  ideaId: number,
  posts: { postId: number; stance: string }[],
  now: Date,
  ok: Check,
  words: typeof FORWARD_DIGEST = FORWARD_DIGEST,
) {
  const { saveDigest } = await import("../app/domain/committees/digest.server");
  const pro = posts.filter((p) => p.stance === "for").map((p) => p.postId);
  const con = posts.filter((p) => p.stance !== "for").map((p) => p.postId);
  const all = posts.map((p) => p.postId);
  const draw = (list: number[], n: number) => (list.length ? list : all).slice(0, n).join(", ");
  ok(await saveDigest(db, chair, ideaId, { ...words, for1Posts: draw(pro, 2), against1Posts: draw(con, 1) }, now), "digest");
}

/**
 * The economy committee's meetings (decision 029): one held four days ago on the two ideas in its
 * care, with minutes published and corrected once; one next week, in a room and online.
 */
async function loadDemoMeetings(db: Kysely<Database>, chair: DemoActor, members: DemoActor[], at: (daysAgo: number) => Date, ok: Check) {
  const { scheduleMeeting, publishMinutes } = await import("../app/domain/committees/meetings.server");
  const { toKoreaTimeInput } = await import("../app/utils/korea-time");
  const economy = await db.selectFrom("committees").select("id").where("slug", "=", "economy").executeTakeFirstOrThrow();
  const inCare = await db.selectFrom("ideas").select(["id", "status"]).where("committee_id", "=", economy.id).where("status", "in", ["fast_tracked", "in_deliberation"]).orderBy("id").execute();
  if (inCare.length === 0) return;
  const agenda = inCare.map((i) => String(i.id));
  const past = await scheduleMeeting(db, chair, economy.id, { startsAt: toKoreaTimeInput(at(2)), place: "정부서울청사 별관 3층 소회의실", onlineUrl: "", agenda }, at(4));
  ok(past, "past meeting");
  const meetingId = (past as { meetingId: number }).meetingId;
  const decisions = Object.fromEntries(
    inCare.map((i) => [String(i.id), i.status === "in_deliberation" ? "이번 주에 표결을 열기로 했습니다." : "다음 회의에서 숙의를 시작하기로 했습니다."]),
  );
  const body = "## 회의 요지\n\n위원장이 개회를 선언하고 안건을 소개했습니다.\n\n- 청년 주거 관련 제안: 지자체 재정 영향 자료를 요청하기로 했습니다.\n- 다른 안건: 담당 위원을 정했습니다.";
  const present = [chair.id, members[0].id].map(String);
  ok(await publishMinutes(db, chair, meetingId, { body, present, decisions }, at(1.9)), "minutes");
  ok(
    await publishMinutes(db, chair, meetingId, { body: body.replace("요청하기로 했습니다.", "기획재정부에 요청하기로 했습니다."), present: [...present, String(members[1].id)], decisions, note: "늦게 참석한 위원을 참석자에 더하고 자료 요청처를 밝혔습니다." }, at(1.5)),
    "minutes correction",
  );
  ok(await scheduleMeeting(db, chair, economy.id, { startsAt: toKoreaTimeInput(new Date(Date.now() + 5 * DAY)), place: "정부서울청사 별관 3층 소회의실", onlineUrl: "https://meet.example.org/economy", agenda }), "next meeting");
}

/**
 * The agency's work on the demo ideas (issue 15): an interim reply, an extension and a private
 * draft on the rent idea; a revised answer on the start-up spaces idea; the long-overdue card
 * fee idea escalated to the supervising office by the reminder job.
 */
async function loadDemoAgencyWork(
  db: Kysely<Database>,
  officer: Actor,
  at: (daysAgo: number) => Date,
  ok: (result: { ok: boolean }, what: string) => void,
): Promise<void> {
  const { extendDeadline, postInterimReply, reviseAnswer, saveDraft } = await import("../app/domain/agencies/answers.server");
  const { sendDeadlineReminders } = await import("../app/domain/agencies/reminders.server");
  const idOf = async (title: string) => (await db.selectFrom("ideas").select("id").where("title", "=", title).executeTakeFirstOrThrow()).id;
  const rent = await idOf("Rent support for young workers in their first job");
  ok(
    await postInterimReply(db, officer, rent, { body: "We have asked the Ministry of Land for the rent figures of first-time workers by region; we expect them within two weeks." }, at(6)),
    "interim reply",
  );
  ok(
    await extendDeadline(db, officer, rent, "agency", { days: "5", reason: "The regional rent survey we need for the cost estimate is published next month; five more business days let us use it." }, at(5)),
    "extension",
  );
  ok(await saveDraft(db, officer, rent, { outcome: "partially_accepted", answer: "초안: 첫 직장 청년의 월세 지원은 지역별 조사 결과를 보고 범위를 정하겠습니다." }, at(4)), "draft");
  const spaces = await idOf("청년 창업 공간을 무료로 열어 주세요");
  const revised = ANSWERS.accepted.replace("열두 곳", "열다섯 곳");
  ok(await reviseAnswer(db, officer, spaces, { answer: revised, reason: "지방자치단체 세 곳이 건물을 더 내놓아 대상 건물이 열다섯 곳으로 늘었습니다." }, at(10)), "revision");
  // The further-study idea (decision 055): a revision adds the reply to the second open question,
  // and the follow-up answer, a step of its own, is extended once.
  const wifi = await idOf("공공 와이파이를 버스 정류장까지 넓혀 주세요");
  ok(
    await reviseAnswer(db, officer, wifi, { answer: ANSWERS.further_study, reason: "시범 사업 지역을 고르는 기준이 정해져 두 번째 질문에 답합니다.", reply1: DEMO_REPLIES.regions }, at(20)),
    "revision with a reply",
  );
  ok(
    await extendDeadline(db, officer, wifi, "follow_up", { days: "5", reason: "통신 3사와의 비용 분담 협의가 다음 주에 끝나므로, 그 결과를 후속 답변에 담기 위해 근무일 5일이 더 필요합니다." }, at(2)),
    "follow-up extension",
  );
  // The card fee idea is long overdue: the reminder job escalates it (public on its timeline).
  await sendDeadlineReminders(db, new Date());
  await loadDemoTransfers(db, officer, at, ok);
}

/**
 * Transfers, staff notes and follow-through (decisions 035, 042): the school-meals idea was
 * proposed to the Ministry of Health and Welfare, which accepted it; the rent idea carries a
 * staff note; the start-up spaces answer has citizens' ratings.
 */
async function loadDemoTransfers(
  db: Kysely<Database>,
  officer: Actor,
  at: (daysAgo: number) => Date,
  ok: (result: { ok: boolean }, what: string) => void,
): Promise<void> {
  const { grantsOf } = await import("../app/domain/accounts/roles.server");
  const { proposeTransfer, acceptTransfer } = await import("../app/domain/agencies/transfers.server");
  const { extendDeadline } = await import("../app/domain/agencies/answers.server");
  const { sendDeadlineReminders } = await import("../app/domain/agencies/reminders.server");
  const { addStaffNote } = await import("../app/domain/agencies/staff-notes.server");
  const { rateAnswer } = await import("../app/domain/agencies/follow-through.server");
  const { takeUp, recordRecommendation } = await import("../app/domain/workflow/workflow.server");
  const userId = async (email: string) => (await db.selectFrom("users").select("id").where("email", "=", email).executeTakeFirstOrThrow()).id;
  const actorOf = async (email: string) => {
    const id = await userId(email);
    return { ...citizenActor(id), grants: await grantsOf(db, id) };
  };
  const chair = await actorOf("chair@madang.example.org");
  const officer2 = await actorOf("officer2@madang.example.org");
  const agencies = await db.selectFrom("agencies").select(["id", "slug"]).where("slug", "in", ["moef", "mohw"]).execute();
  const idOfAgency = (slug: string) => String(agencies.find((a) => a.slug === slug)!.id);
  const campaign = await db.selectFrom("campaigns").select(["id", "support_threshold"]).where("slug", "=", "everyday-recovery").executeTakeFirstOrThrow();
  const neighbours = await db.selectFrom("users").select("id").where("email", "like", "neighbour%@madang.example.org").orderBy("id").execute();
  const author = await actorOf(DEMO_ACCOUNTS[0].email);
  const { createPost } = await import("../app/domain/deliberation/deliberation.server");
  const member = await actorOf("member@madang.example.org");
  /** An idea of the call, fast-tracked, deliberated, voted on and forwarded to the economy ministry `daysAgo`. */
  const forwardedToMoef = async (title: string, body: string, daysAgo: number, first: number) => {
    const ideaId = await createIdea(db, { author, title, body, category: "economy", campaignId: campaign.id, createdAt: at(daysAgo + 10) });
    for (let i = 0; i < campaign.support_threshold - 1; i++) await support(db, neighbours[(first + i) % neighbours.length].id, ideaId, at(daysAgo + 9 - i * 0.2));
    ok(await takeUp(db, chair, ideaId, {}, at(daysAgo + 6)), "take up");
    // The committee deliberates before it recommends (its stance counts are read from these posts).
    const thread = await db.selectFrom("threads").select("id").where("idea_id", "=", ideaId).where("kind", "=", "committee").executeTakeFirstOrThrow();
    const posts: { postId: number; stance: string }[] = [];
    for (const [by, body, day] of [
      [chair, "현장에서 여러 번 확인된 문제입니다. 예산 규모도 크지 않습니다.", 4],
      [member, "지역 단체와 함께 운영하면 비용을 더 줄일 수 있습니다.", 2],
    ] as const) {
      const written = await createPost(db, by, thread.id, { body, stance: "for" }, at(daysAgo + day));
      ok(written, "deliberation post");
      if (written.ok) posts.push({ postId: written.postId, stance: "for" });
    }
    await holdCommitteeVote(db, ideaId, { choices: ["for", "for", "for"], reasons: ["필요성이 분명합니다.", "지역 단체와 협력할 수 있습니다.", "예산 규모가 크지 않습니다."], at: at(daysAgo + 0.1) });
    await writeDemoDigest(db, chair, ideaId, posts, at(daysAgo + 0.05), ok);
    ok(
      await recordRecommendation(db, chair, ideaId, { decision: "forward", agencyId: idOfAgency("moef"), rationale: "위원 모두 필요성에 동의했습니다. 지원 방안을 검토해 답변해 주기를 권고합니다." }, { now: at(daysAgo) }),
      "recommendation",
    );
    return ideaId;
  };
  // Forwarded to the economy ministry 14 days ago; it proposed the health ministry 12 days ago,
  // which accepted 10 days ago (a full answer period from then).
  const meals = await forwardedToMoef(
    "어르신 무료 급식소를 주말에도 열어 주세요",
    "평일에만 여는 무료 급식소가 많아 주말에는 끼니를 거르는 어르신이 많습니다. 주말에도 한 끼는 드실 수 있게 운영 예산을 지원해 주세요.",
    14,
    20,
  );
  // Left untouched: the agencies end-to-end test proposes its transfer, which the health
  // ministry's officer accepts (tests/e2e/agencies.spec.ts).
  await forwardedToMoef(
    "자영업자 건강검진 비용을 지원해 주세요",
    "자영업자는 직장인과 달리 회사가 건강검진을 챙겨 주지 않아 검진을 미루기 쉽습니다. 국가 건강검진 항목에 더해 자영업자 정밀 검진 비용의 절반을 지원해 주세요.",
    6,
    28,
  );
  ok(
    await proposeTransfer(
      db,
      officer,
      meals,
      { agencyId: idOfAgency("mohw"), reason: "무료 급식소 운영 지원은 보건복지부의 노인 복지 사업이어서, 예산과 운영 기준을 가진 보건복지부가 답하는 것이 맞습니다." },
      at(12),
    ),
    "transfer proposal",
  );
  ok(await acceptTransfer(db, officer2, meals, at(10)), "transfer acceptance");
  // The receiving agency holds a step of its own and may extend it once (decision 055).
  ok(
    await extendDeadline(db, officer2, meals, "agency", { days: "5", reason: "시군구별 주말 급식소 운영 현황을 모으는 데 시간이 더 걸려, 자료를 받아 답변하려고 근무일 5일을 더 요청합니다." }, at(8)),
    "extension after the transfer",
  );
  // A transfer waiting for the health ministry's reply, proposed five days ago: the reminder job
  // has reminded its officers before the reply period ends (decision 055).
  const pensions = await forwardedToMoef(
    "경로당 여름 냉방비를 지원해 주세요",
    "폭염이 길어지면서 경로당 전기 요금 부담이 커져 냉방기를 제대로 켜지 못하는 곳이 많습니다. 여름철 경로당 냉방비를 지원해 주세요.",
    8,
    24,
  );
  ok(
    await proposeTransfer(db, officer, pensions, { agencyId: idOfAgency("mohw"), reason: "경로당 운영 지원은 보건복지부의 노인 복지 사업이므로 보건복지부가 답하는 것이 맞습니다." }, at(5)),
    "pending transfer",
  );
  await sendDeadlineReminders(db, new Date());
  ok(await addStaffNote(db, officer2, meals, { body: "지자체 노인복지과에 주말 운영 현황 자료를 요청함(회신 예정: 다음 주)." }, at(9)), "staff note");
  const rent = (await db.selectFrom("ideas").select("id").where("title", "=", "Rent support for young workers in their first job").executeTakeFirstOrThrow()).id;
  ok(await addStaffNote(db, officer, rent, { body: "Ask the Ministry of Land whether the regional survey covers workers under 30 separately." }, at(4)), "staff note");
  // Citizens rate the start-up spaces answer: the author and six supporters.
  const spaces = await db.selectFrom("ideas").select(["id", "author_id"]).where("title", "=", "청년 창업 공간을 무료로 열어 주세요").executeTakeFirstOrThrow();
  const backers = await db.selectFrom("supports").select("user_id").where("idea_id", "=", spaces.id).orderBy("user_id").execute();
  const verdicts = ["yes", "yes", "partly", "yes", "no", "partly", "yes"] as const;
  const raters = [spaces.author_id, ...backers.map((b) => b.user_id).filter((id) => id !== spaces.author_id)].slice(0, verdicts.length);
  for (const [i, id] of raters.entries()) {
    const comment = verdicts[i] === "no" ? "구도심만 대상이라 신도시 청년은 이용할 수 없습니다." : "";
    ok(await rateAnswer(db, citizenActor(id), spaces.id, { rating: verdicts[i], comment }, at(8 - i * 0.5)), "rating");
  }
  // The further-study idea: two supporters already say the answer is not enough yet.
  const wifi = await db.selectFrom("ideas").select(["id", "author_id"]).where("title", "=", "공공 와이파이를 버스 정류장까지 넓혀 주세요").executeTakeFirstOrThrow();
  ok(await rateAnswer(db, citizenActor(wifi.author_id), wifi.id, { rating: "partly" }, at(3)), "rating");
}

// Public comments on two demo ideas, and a thread of the economy sub-committee where the demo
// chair and member post with stances and a reply. Written through the real use cases.
async function loadDemoDiscussions(db: Kysely<Database>): Promise<void> {
  const { grantsOf } = await import("../app/domain/accounts/roles.server");
  const { commentOnIdea, createPost, createThread } = await import("../app/domain/deliberation/deliberation.server");
  const actorFor = async (email: string) => {
    const user = await db.selectFrom("users").select(["id", "email", "display_name"]).where("email", "=", email).executeTakeFirstOrThrow();
    return { ...citizenActor(user.id), email: user.email, displayName: user.display_name, grants: await grantsOf(db, user.id) };
  };
  const ok = <T extends { ok: boolean }>(result: T, what: string) => {
    if (!result.ok) throw new Error(`demo discussions: ${what} failed: ${JSON.stringify(result)}`);
    return result as Extract<T, { ok: true }>;
  };
  const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000);

  const ideas = await db
    .selectFrom("ideas")
    .select(["id", "title"])
    .where("title", "in", [DEMO_IDEAS[0].title, DEMO_IDEAS[1].title])
    .execute();
  const fares = ideas.find((i) => i.title === DEMO_IDEAS[0].title);
  const students = ideas.find((i) => i.title === DEMO_IDEAS[1].title);
  const commented = fares
    ? await db.selectFrom("threads").select("id").where("idea_id", "=", fares.id).where("kind", "=", "idea_comments").executeTakeFirst()
    : undefined;
  if (fares && students && !commented) {
    const minji = await actorFor(DEMO_ACCOUNTS[0].email);
    const alex = await actorFor(DEMO_ACCOUNTS[1].email);
    const neighbour = await actorFor("neighbour1@madang.example.org");
    const first = ok(
      await commentOnIdea(db, alex, fares.id, { body: "I commute two hours a day: a lower fare would make a **real** difference.", stance: "for" }, hoursAgo(50)),
      "comment",
    );
    await commentOnIdea(
      db,
      neighbour,
      fares.id,
      { body: "요금을 낮추면 운영 적자가 커집니다. 재원을 어떻게 마련할지 먼저 정해야 합니다.", stance: "against" },
      hoursAgo(30),
    );
    ok(
      await commentOnIdea(
        db,
        minji,
        fares.id,
        { body: "공감해 주셔서 고맙습니다. 환승 할인부터 넓히면 비용 부담이 적습니다.", stance: "for", replyTo: String(first.postId) },
        hoursAgo(28),
      ),
      "reply",
    );
    ok(
      await commentOnIdea(db, minji, students.id, { body: "학생 정기권은 가족의 교통비 부담을 크게 줄여 줄 거예요.", stance: "for" }, hoursAgo(20)),
      "comment",
    );
  }

  const economy = await db.selectFrom("committees").select("id").where("slug", "=", "economy").executeTakeFirstOrThrow();
  const title = "소상공인 지원 제안들의 공통 쟁점";
  const existing = await db.selectFrom("threads").select("id").where("committee_id", "=", economy.id).where("title", "=", title).executeTakeFirst();
  if (existing) return;
  const chair = await actorFor("chair@madang.example.org");
  const member = await actorFor("member@madang.example.org");
  const thread = ok(
    await createThread(
      db,
      chair,
      economy.id,
      {
        title,
        body: "소상공인 관련 제안이 여럿 올라왔습니다. 공통 쟁점을 먼저 정리하겠습니다.\n\n1. 재원\n2. 지원 대상의 기준\n3. 지역 간 형평성",
        stance: "neutral",
      },
      hoursAgo(72),
    ),
    "thread",
  );
  const memberPost = ok(
    await createPost(
      db,
      member,
      thread.threadId,
      { body: "디지털 전환 지원은 효과가 검증된 사업입니다. 지역 대학과 연계하면 비용도 줄일 수 있어 **찬성**합니다.", stance: "for" },
      hoursAgo(48),
    ),
    "member post",
  );
  ok(
    await createPost(
      db,
      chair,
      thread.threadId,
      {
        body: "취지에는 공감하지만, 이미 비슷한 사업이 있어 중복 지원이 걱정됩니다. 기존 사업의 성과 자료를 먼저 보고 싶습니다.",
        stance: "against",
        replyTo: String(memberPost.postId),
      },
      hoursAgo(30),
    ),
    "chair reply",
  );
}
