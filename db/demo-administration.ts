// Demo data of the administration (issue 16): a settings change with its reason, a second
// version of the operating rules, two rejected ideas for /transparency (one whose reason is
// personal data, so its title is withheld), and an archived committee (a temporary task force
// whose idea moved back to a standing committee, on the idea's timeline). Made by the real use cases; loading it again adds
// nothing.
import type { Kysely } from "kysely";
import type { Database } from "./schema";
import { citizenActor, createIdea } from "./factories";
import type { Actor } from "../app/domain/accounts/permissions";

const DAY = 86_400_000;

const SPAM_TITLE = "최신 스마트폰 특가 판매 링크 모음";
const PERSONAL_TITLE = "우리 동네 김 씨 가족의 연락처를 공개합니다";
const APPEALED_TITLE = "심야 버스 노선을 늘려 주세요";

export async function loadDemoAdministration(db: Kysely<Database>): Promise<void> {
  const existing = await db.selectFrom("ideas").select("id").where("title", "=", SPAM_TITLE).executeTakeFirst();
  if (existing) return;
  const { grantsOf } = await import("../app/domain/accounts/roles.server");
  const { changeSetting } = await import("../app/domain/admin/settings.server");
  const { editPage, pageForEdit } = await import("../app/domain/pages/pages.server");
  const { flagContent, decideItem } = await import("../app/domain/moderation/flags.server");
  const { rejectIdea } = await import("../app/domain/moderation/ideas.server");
  const actorFor = async (email: string) => {
    const user = await db.selectFrom("users").select(["id", "email", "display_name"]).where("email", "=", email).executeTakeFirstOrThrow();
    return { ...citizenActor(user.id), email: user.email, displayName: user.display_name, grants: await grantsOf(db, user.id) };
  };
  const ok = (result: { ok: boolean }, what: string) => {
    if (!result.ok) throw new Error(`demo administration: ${what} failed: ${JSON.stringify(result)}`);
  };
  const admin = await actorFor("admin@madang.example.org");
  const moderator = await actorFor("moderator@madang.example.org");
  // A neighbour writes them (an old account: not held for review), two others report them.
  const author = await db.selectFrom("users").select("id").where("email", "=", "neighbour40@madang.example.org").executeTakeFirstOrThrow();
  const neighbours = await db.selectFrom("users").select("id").where("email", "in", ["neighbour38@madang.example.org", "neighbour39@madang.example.org"]).execute();

  await loadDemoArchivedBody(db, admin, ok);

  ok(await changeSetting(db, admin, { key: "burst_window_minutes", value: "90", reason: "Evening campaigns spread their supports over more than an hour" }), "settings change");

  const rules = await pageForEdit(db, "operating-rules");
  if (rules) {
    ok(
      await editPage(db, admin, {
        ...rules.values,
        slug: "operating-rules",
        baseVersion: String(rules.version),
        bodyKo: `${rules.values.bodyKo}\n## 이의 제기\n반려나 숨김에 이의가 있으면 알림에 있는 링크로 14일 안에 이유를 적어 보내 주세요.\n`,
        bodyEn: `${rules.values.bodyEn}\n## Appeals\nIf you disagree with a rejection or a hidden post, send your reasons within 14 days through the link in the notice.\n`,
        note: "Added how to appeal",
      }),
      "rules edit",
    );
  }

  for (const [title, reason] of [
    [SPAM_TITLE, "spam"],
    [PERSONAL_TITLE, "personal_data"],
  ] as const) {
    const ideaId = await createIdea(db, { author, title, body: "데모: 운영 원칙에 어긋나 반려된 제안의 본문입니다. 공개 목록에는 나오지 않습니다.", category: "economy" });
    for (const n of neighbours) {
      ok(await flagContent(db, citizenActor(n.id), { targetType: "idea", targetId: String(ideaId), reason, details: "" }), "flag");
    }
    ok(await decideItem(db, moderator, { targetType: "idea", targetId: String(ideaId), decision: "hide", reason, note: "" }), "hide");
    ok(await rejectIdea(db, moderator, ideaId, { reason: reason === "spam" ? "광고 글입니다 (spam)." : "다른 사람의 개인정보가 들어 있습니다." }), "reject");
  }

  await loadDemoAppeals(db, { admin, moderator, authorId: author.id }, ok);
  await loadDemoDuplicate(db);
}

/** A duplicate of the demo's most supported transit idea, supported by some of the same people (/moderation/duplicates). */
async function loadDemoDuplicate(db: Kysely<Database>) {
  const { support } = await import("./factories");
  const original = await db.selectFrom("ideas").select("id").where("title", "=", "대중교통 요금을 낮춰 주세요").where("status", "=", "open").executeTakeFirst();
  if (!original) return;
  const author = await db.selectFrom("users").select("id").where("email", "=", "neighbour36@madang.example.org").executeTakeFirstOrThrow();
  const ideaId = await createIdea(db, {
    author,
    title: "대중교통 요금을 낮춰 주세요 (청년 할인)",
    body: "데모: 이미 있는 대중교통 요금 제안과 거의 같은 제안입니다. 청년에게 요금 할인을 해 달라는 내용입니다.",
    category: "transport",
  });
  const backers = await db
    .selectFrom("supports")
    .select("user_id")
    .where("idea_id", "=", original.id)
    .where("user_id", "!=", author.id)
    .orderBy("user_id")
    .limit(4)
    .execute();
  for (const b of backers) await support(db, b.user_id, ideaId);
}

/**
 * Appeals (decision 044): the spam rejection appealed and waiting (the moderator who rejected it
 * sees that another must rule); a rejection that another moderator (the admin) reversed.
 */
async function loadDemoAppeals(db: Kysely<Database>, people: { admin: Actor; moderator: Actor; authorId: number }, ok: (r: { ok: boolean }, what: string) => void) {
  const { sendAppeal, ruleOnAppeal } = await import("../app/domain/moderation/appeals.server");
  const { rejectIdea } = await import("../app/domain/moderation/ideas.server");
  const author = citizenActor(people.authorId);
  const spam = await db.selectFrom("ideas").select("id").where("title", "=", SPAM_TITLE).executeTakeFirstOrThrow();
  ok(await sendAppeal(db, author, { type: "idea", id: String(spam.id), reason: "판매 링크가 아니라 휴대전화 가격 정책에 대한 자료 모음입니다. 다시 봐 주세요." }), "pending appeal");

  const ideaId = await createIdea(db, {
    author: { id: people.authorId },
    title: APPEALED_TITLE,
    body: "데모: 막차 이후 귀가가 어려운 시민을 위해 심야 버스 노선을 늘리자는 제안입니다. 특정 업체 이름이 예로 들어 있습니다.",
    category: "transport",
  });
  ok(await rejectIdea(db, people.moderator, ideaId, { reason: "특정 버스 회사를 홍보하는 글로 보입니다." }), "reject for the appeal");
  const sent = await sendAppeal(db, author, { type: "idea", id: String(ideaId), reason: "회사 이름은 예시일 뿐이고, 제안은 심야 버스 노선 확대라는 공공 정책입니다." });
  ok(sent, "appeal");
  if (!sent.ok) return;
  ok(await ruleOnAppeal(db, people.admin, sent.id, { outcome: "reversed", reason: "공공 정책 제안이며 업체 이름은 예시에 불과합니다. 반려를 취소합니다." }), "reverse");
}

/** A task force that took an idea for a while and was then disbanded (archived): the idea moved on. */
async function loadDemoArchivedBody(db: Kysely<Database>, admin: Actor, ok: (r: { ok: boolean }, what: string) => void): Promise<void> {
  const { createBody, archiveBody } = await import("../app/domain/admin/bodies.server");
  const { reassign } = await import("../app/domain/workflow/workflow.server");
  const idea = await db.selectFrom("ideas").select(["id", "committee_id", "status_changed_at"]).where("status", "=", "fast_tracked").orderBy("id").executeTakeFirst();
  const created = await createBody(db, admin, "committees", { slug: "recovery-task-force", nameKo: "일상회복 특별위원회", nameEn: "Everyday Recovery Task Force" }, new Date(Date.now() - 30 * DAY));
  ok(created, "task force");
  if (!idea || idea.committee_id === null || !created.ok) return;
  // Both moves after the idea reached its committee, in order on its timeline.
  const since = new Date(idea.status_changed_at).getTime();
  const at = (share: number) => new Date(since + (Date.now() - since) * share);
  ok(
    await reassign(db, admin, idea.id, "committee", { targetId: String(created.id), reason: "일상회복 특별위원회가 이 분야의 제안을 한시적으로 맡습니다." }, at(0.4)),
    "reassign to the task force",
  );
  ok(
    await archiveBody(
      db,
      admin,
      "committees",
      { id: String(created.id), targetId: String(idea.committee_id), reason: "특별위원회 활동이 끝나 원래 위원회로 돌려보냅니다." },
      at(0.8),
    ),
    "archive the task force",
  );
}
