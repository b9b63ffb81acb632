// Demo accounts and content, for a newcomer's first run and for the end-to-end tests.
// Idempotent: running it again adds nothing. Never loaded by a production deployment.
import type { Kysely } from "kysely";
import type { Database } from "./schema";
import { createCampaign, createIdea, createUser, support, type RoleSpec } from "./factories";

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
    email: "moderator@madang.example.org",
    name: "정하늘",
    role: "moderator",
    roles: [{ role: "moderator" }],
    locale: "ko",
  },
  { email: "admin@madang.example.org", name: "한지원", role: "admin", roles: [{ role: "admin" }], locale: "ko" },
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
      createdAt: new Date(Date.now() - 60 * 86_400_000),
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
    opensAt: new Date(Date.now() - 10 * 86_400_000),
    closesAt: new Date(Date.now() + 50 * 86_400_000),
    threshold: 5,
    windowDays: 30,
  });
  await loadDemoIdeas(db);
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
