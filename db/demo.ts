// Demo accounts and content, for a newcomer's first run and for the end-to-end tests.
// Idempotent: running it again adds nothing. Never loaded by a production deployment.
import type { Kysely } from "kysely";
import type { Database } from "./schema";
import { createCampaign, createUser, type RoleSpec } from "./factories";

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
}

export function demoAccountsTable(): string {
  const width = Math.max(...DEMO_ACCOUNTS.map((a) => a.email.length));
  const lines = DEMO_ACCOUNTS.map((a) => `  ${a.email.padEnd(width)}  ${a.role}`);
  return `Demo accounts (password for all: ${DEMO_PASSWORD}):\n${lines.join("\n")}`;
}
