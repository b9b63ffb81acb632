// Demo data of verification levels (issue 17, decision 049): half the neighbours identity
// verified (their supports then count as verified), an English citizen verified in person at a
// desk by the demo identity verifier, one neighbour's verification revoked by the desk, and a call for young people's housing that asks for a
// verified identity and an age, and counts only verified supports. Loading it again adds nothing.
import { sql, type Kysely } from "kysely";
import type { Database } from "./schema";
import { citizenActor, createCampaign, createIdea, support, verifyIdentity } from "./factories";

const CALL = "youth-housing";

export async function loadDemoVerification(db: Kysely<Database>): Promise<void> {
  const existing = await db.selectFrom("campaigns").select("id").where("slug", "=", CALL).executeTakeFirst();
  if (existing) return;
  const { grantsOf } = await import("../app/domain/accounts/roles.server");
  const { revokeVerification, verifyInPerson } = await import("../app/domain/identity/verification.server");
  const idOf = async (email: string) => (await db.selectFrom("users").select("id").where("email", "=", email).executeTakeFirstOrThrow()).id;

  // Neighbours 1–20 verified online, born 1960–1999, in the province they live in.
  for (let i = 1; i <= 20; i++) {
    const id = await idOf(`neighbour${i}@madang.example.org`);
    await verifyIdentity(db, id, { birthYear: 1960 + ((i * 7) % 40), provinceId: (i % 17) + 1, validDays: 700 });
  }
  // Their supports of the demo ideas were given before: the demo tells them as if they had
  // verified first (a real support keeps the level it had).
  await sql`UPDATE supports s SET verification_level = 2 FROM identity_verifications v WHERE v.user_id = s.user_id`.execute(db);
  await sql`UPDATE ideas SET verified_support_count = (SELECT count(*) FROM supports s
    WHERE s.idea_id = ideas.id AND s.invalidated_at IS NULL AND s.verification_level >= 2)`.execute(db);

  // The desk verifies the English-speaking citizen in person.
  const deskId = await idOf("desk@madang.example.org");
  const desk = { ...citizenActor(deskId), grants: await grantsOf(db, deskId) };
  const citizen2 = await db.selectFrom("users").select("email").where("email", "=", "citizen2@madang.example.org").executeTakeFirstOrThrow();
  const done = await verifyInPerson(db, desk, { email: citizen2.email, place: "종로구청 민원실 (Jongno-gu office)", checked: "on" });
  if (!done.ok) throw new Error(`demo verification failed: ${JSON.stringify(done)}`);
  // The desk revokes one neighbour's verification (decision 057): the account is back to the
  // e-mail level, its earlier supports keep the level they were given at (/me/verify says so).
  const revoked = await revokeVerification(db, desk, {
    account: "neighbour20@madang.example.org",
    reason: "신분증 사진이 본인과 달라 취소합니다 (the ID photo did not match)",
    site: "http://localhost:3000",
  });
  if (!revoked.ok) throw new Error(`demo revocation failed: ${JSON.stringify(revoked)}`);
  // Its notice stays readable at /dev/mail, but counts as sent: the demo mails no one (with
  // SMTP_URL and DEMO=1 it would otherwise go to a made-up address).
  await db.updateTable("email_outbox").set({ sent_at: new Date() }).where("to_address", "=", "neighbour20@madang.example.org").where("sent_at", "is", null).execute();

  const call = await createCampaign(db, {
    slug: CALL,
    titleKo: "청년 주거 아이디어 공모",
    titleEn: "Ideas for young people's housing",
    descriptionKo: "만 19세 이상, 본인 확인을 한 시민이 참여할 수 있습니다. 본인 확인을 한 공감만 기준 공감 수에 셉니다.",
    descriptionEn: "Open to citizens aged 19 or over whose identity is verified. Only verified supports count toward the threshold.",
    opensAt: new Date(Date.now() - 10 * 86_400_000),
    closesAt: new Date(Date.now() + 60 * 86_400_000),
    threshold: 10,
    windowDays: 30,
    proposeLevel: 2,
    supportLevel: 2,
    minAge: 19,
    verifiedThreshold: true,
  });
  const author = await idOf("neighbour3@madang.example.org");
  const ideaId = await createIdea(db, {
    author: { id: author },
    campaignId: call.id,
    category: "welfare",
    title: "청년 공공임대 주택의 입주 대기 기간을 공개해 주세요",
    body: "청년 공공임대 주택을 신청하면 언제 입주할 수 있는지 알 수 없습니다. 단지별 대기 인원과 평균 대기 기간을 공개해 주세요.",
    createdAt: new Date(Date.now() - 3 * 86_400_000),
  });
  for (let i = 4; i <= 9; i++) await support(db, await idOf(`neighbour${i}@madang.example.org`), ideaId, new Date(Date.now() - (9 - i) * 3_600_000));
}
