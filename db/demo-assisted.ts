// Demo data of assisted entry and paper supports (issue 18, decision 039): a call for ideas
// whose paper supports count toward the threshold, an idea filed at a booth by the moderator for
// a person without an account (not claimed yet), a paper batch of signatures with a corrected
// version, and a support given in person. Both ideas and the batch were collected at the past
// forum of demo-events.ts (decision 040): its page lists the two ideas born there. Made by the
// real use cases; loading it again adds nothing.
import type { Kysely } from "kysely";
import type { Database } from "./schema";
import { PAST_TITLE } from "./demo-events";
import { citizenActor, createCampaign } from "./factories";

const TITLE = "시장 앞 버스정류장에 의자와 가림막을 놓아 주세요";
const DAY = 86_400_000;

export async function loadDemoAssisted(db: Kysely<Database>): Promise<void> {
  const existing = await db.selectFrom("ideas").select("id").where("title", "=", TITLE).executeTakeFirst();
  if (existing) return;
  const { grantsOf } = await import("../app/domain/accounts/roles.server");
  const { fileAssistedIdea } = await import("../app/domain/assisted/assisted.server");
  const { correctPaperBatch, recordInPersonSupport, recordPaperBatch } = await import("../app/domain/assisted/paper.server");
  const user = await db.selectFrom("users").select(["id", "email", "display_name"]).where("email", "=", "moderator@madang.example.org").executeTakeFirstOrThrow();
  const desk = { ...citizenActor(user.id), email: user.email, displayName: user.display_name, grants: await grantsOf(db, user.id) };
  const ok = <T extends { ok: boolean }>(result: T, what: string): T & { ok: true } => {
    if (!result.ok) throw new Error(`demo assisted entry: ${what} failed: ${JSON.stringify(result)}`);
    return result as T & { ok: true };
  };
  const campaign = await createCampaign(db, {
    slug: "neighbourhood-forum",
    titleKo: "동네 광장 토론회 제안 모음",
    titleEn: "Ideas from the neighbourhood forum",
    descriptionKo: "광장 토론회와 현장 부스에서 모은 제안입니다. 종이 서명도 기준 인원에 포함합니다.",
    descriptionEn: "Ideas gathered at the neighbourhood forum and its booths. Signatures on paper count toward the threshold.",
    opensAt: new Date(Date.now() - 20 * DAY),
    closesAt: new Date(Date.now() + 40 * DAY),
    threshold: 100,
    windowDays: 30,
    category: "transport",
    paperSupports: "counted",
  });
  const category = await db.selectFrom("categories").select("id").where("slug", "=", "transport").executeTakeFirstOrThrow();
  const forum = await db.selectFrom("civic_events").select("id").where("title_ko", "=", PAST_TITLE).executeTakeFirstOrThrow();
  const atForum = String(forum.id);
  const filed = ok(
    await fileAssistedIdea(db, desk, {
      title: TITLE,
      body: "시장 앞 정류장에는 앉을 곳이 없어 어르신들이 오래 서서 버스를 기다립니다.\n\n- 의자 두 개와\n- 비와 햇볕을 막을 가림막을 놓아 주세요.\n\n(광장 토론회 부스에서 직원이 대신 적었습니다.)",
      categoryId: String(category.id),
      regionId: "",
      campaignId: String(campaign.id),
      channel: "event",
      consentRef: "FORUM-2026-0007",
      eventId: atForum,
    }),
    "filing the idea",
  );
  const first = ok(
    await recordPaperBatch(db, desk, filed.ideaId, {
      channel: "event",
      eventId: atForum,
      signaturesClaimed: "26",
      signaturesVerified: "24",
      scanSha256: "3f6c1b0e9d2a4c7b8e5f0a1d2c3b4a5968778695a4b3c2d1e0f9a8b7c6d5e4f3",
      decision: "accepted",
      note: "광장 토론회 부스 서명지 2장",
    }),
    "the paper batch",
  );
  ok(
    await correctPaperBatch(db, desk, first.batchId, {
      channel: "event",
      eventId: atForum,
      signaturesClaimed: "26",
      signaturesVerified: "22",
      scanSha256: "3f6c1b0e9d2a4c7b8e5f0a1d2c3b4a5968778695a4b3c2d1e0f9a8b7c6d5e4f3",
      decision: "accepted",
      note: "광장 토론회 부스 서명지 2장",
      reason: "두 분이 같은 서명지에 두 번 서명하셨습니다.",
    }),
    "the correction",
  );
  ok(
    await recordInPersonSupport(db, desk, filed.ideaId, { name: "홍길순", birthDate: "1947-04-12", phone: "010-0000-0000", channel: "event", eventId: atForum, consentRef: "FORUM-2026-0008" }),
    "the in-person support",
  );
  // A second idea born at the forum, from a shopkeeper who spoke there.
  const economy = await db.selectFrom("categories").select("id").where("slug", "=", "economy").executeTakeFirstOrThrow();
  ok(
    await fileAssistedIdea(db, desk, {
      title: "골목 가게들이 함께 쓰는 공동 배송 차량을 지원해 주세요",
      body: "작은 가게는 배송 기사를 따로 둘 수 없어 온라인 주문을 받지 못합니다.\n\n구청이 골목상권마다 공동 배송 차량 한 대와 기사 인건비를 지원하면, 전통시장과 골목 가게도 당일 배송을 할 수 있습니다.\n\n(골목상권 살리기 시민 포럼에서 직원이 대신 적었습니다.)",
      categoryId: String(economy.id),
      regionId: "",
      campaignId: "",
      channel: "event",
      consentRef: "FORUM-2026-0011",
      eventId: atForum,
    }),
    "filing the second idea",
  );
}
