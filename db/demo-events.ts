// Demo data of events (issue 18): a forum of the economy committee three weeks ago with its
// registrations, attendance and two versions of its minutes (linked to the ideas discussed); a
// town hall next week that is full, with a waiting list; an online session of the operator
// with captioning and interpretation. Made by the real use cases at past dates; loading it
// again adds nothing.
import type { Kysely } from "kysely";
import type { Database } from "./schema";
import { citizenActor } from "./factories";

/** The past forum: demo-assisted.ts files two ideas born there (decision 040). */
export const PAST_TITLE = "골목상권 살리기 시민 포럼";
const DAY = 86_400_000;

/** A `datetime-local` value in Korea time, `days` from now at hh:mm. */
function seoul(days: number, hm: string): string {
  return `${new Date(Date.now() + days * DAY + 9 * 3_600_000).toISOString().slice(0, 10)}T${hm}`;
}

export async function loadDemoEvents(db: Kysely<Database>): Promise<void> {
  const existing = await db.selectFrom("civic_events").select("id").where("title_ko", "=", PAST_TITLE).executeTakeFirst();
  if (existing) return;
  const { grantsOf } = await import("../app/domain/accounts/roles.server");
  const { createEvent } = await import("../app/domain/events/events.server");
  const { registerForEvent, markAttendance } = await import("../app/domain/events/registrations.server");
  const { publishMinutes } = await import("../app/domain/events/minutes.server");
  const { eventRoster } = await import("../app/domain/events/queries.server");
  const actorFor = async (email: string) => {
    const user = await db.selectFrom("users").select(["id", "email", "display_name"]).where("email", "=", email).executeTakeFirstOrThrow();
    return { ...citizenActor(user.id), email: user.email, displayName: user.display_name, grants: await grantsOf(db, user.id) };
  };
  const ok = <T extends { ok: boolean }>(result: T, what: string): T & { ok: true } => {
    if (!result.ok) throw new Error(`demo events: ${what} failed: ${JSON.stringify(result)}`);
    return result as T & { ok: true };
  };
  const organiser = await actorFor("organiser@madang.example.org");
  const admin = await actorFor("admin@madang.example.org");
  const neighbours = await Promise.all([1, 2, 3, 4, 5, 6].map((i) => actorFor(`neighbour${i}@madang.example.org`)));
  const economy = await db.selectFrom("committees").select("id").where("slug", "=", "economy").executeTakeFirstOrThrow();
  const seoulRegion = await db.selectFrom("regions").select("id").orderBy("id").limit(1).executeTakeFirstOrThrow();
  const ago = (days: number) => new Date(Date.now() - days * DAY);

  // Three weeks ago: a forum with registrations, attendance and minutes.
  const past = ok(
    await createEvent(
      db,
      organiser,
      {
        organiser: `committee:${economy.id}`,
        kind: "forum",
        titleKo: PAST_TITLE,
        titleEn: "Citizens' forum on reviving neighbourhood shops",
        descriptionKo: "경제·민생 분과위원회가 소상공인과 시민의 이야기를 듣습니다. 전통시장 온라인 장보기와 골목상권 지원 제안을 함께 다룹니다.",
        descriptionEn: "The economy committee hears small-business owners and citizens, on online shopping for traditional markets and support for neighbourhood shops.",
        startsAt: seoul(-21, "14:00"),
        endsAt: seoul(-21, "16:00"),
        regionId: String(seoulRegion.id),
        place: "광화문 시민마당 2층 다목적실",
        address: "서울특별시 종로구 세종대로 172",
        stepFree: "on",
        signLanguage: "on",
        captioning: "",
        interpretation: "English",
        accessNotes: "지하철 5호선 광화문역 2번 출구 엘리베이터 이용. 휠체어 좌석 4석.",
        capacity: "30",
      },
      ago(35),
    ),
    "past forum",
  );
  for (const [i, n] of neighbours.entries()) ok(await registerForEvent(db, n, past.eventId, ago(30 - i)), "registration");
  const roster = await eventRoster(db, past.eventId);
  for (const [i, r] of roster.registered.entries()) {
    ok(await markAttendance(db, organiser, past.eventId, { registrationId: String(r.id), attended: i < 5 ? "yes" : "no" }, ago(20)), "attendance");
  }
  const discussed = await db
    .selectFrom("ideas")
    .select("id")
    .where("title", "in", ["전통시장 온라인 장보기를 지원해 주세요", "폐교를 지역 돌봄 센터로 활용해 주세요"])
    .orderBy("id")
    .execute();
  const minutes = {
    body: [
      "## 논의한 내용",
      "- 전통시장 온라인 장보기: 시장 단위 공동 배송으로 배송비를 나누자는 의견이 많았습니다.",
      "- 골목상권 임대료: 장기 임차 상인 지원이 필요하다는 의견이 나왔습니다.",
      "",
      "## 다음 단계",
      "분과위원회가 다음 회의에서 온라인 장보기 제안을 심의합니다.",
    ].join("\n"),
    attendance: "42",
    facilitator: "박정호 (경제·민생 분과위원장)",
    ideas: discussed.map((d) => d.id).join(", "),
    note: "",
    baseVersion: "0",
  };
  ok(await publishMinutes(db, organiser, past.eventId, minutes, ago(20)), "minutes");
  ok(
    await publishMinutes(
      db,
      organiser,
      past.eventId,
      { ...minutes, attendance: "45", body: `${minutes.body}\n\n## 현장 제출\n현장 부스에서 종이로 받은 의견 12건을 정리해 덧붙입니다.`, baseVersion: "1", note: "현장 참석자 수 정정, 종이 의견 추가" },
      ago(19),
    ),
    "minutes v2",
  );

  // Next week: a town hall with few places, full, with a waiting list.
  const upcoming = ok(
    await createEvent(
      db,
      organiser,
      {
        organiser: `committee:${economy.id}`,
        kind: "town_hall",
        titleKo: "전통시장 온라인 장보기 타운홀 미팅",
        titleEn: "Town hall: online shopping for traditional markets",
        descriptionKo: "분과위원회 심의를 앞두고 상인과 시민의 의견을 듣습니다.",
        descriptionEn: "Before the committee deliberates, it hears traders and citizens.",
        startsAt: seoul(7, "19:00"),
        endsAt: seoul(7, "21:00"),
        regionId: String(seoulRegion.id),
        place: "통인시장 고객지원센터",
        address: "서울특별시 종로구 자하문로15길 18",
        stepFree: "on",
        captioning: "on",
        interpretation: "English, 中文",
        capacity: "4",
      },
      ago(3),
    ),
    "upcoming town hall",
  );
  for (const [i, n] of neighbours.entries()) ok(await registerForEvent(db, n, upcoming.eventId, ago(2 - i * 0.1)), "registration");

  // In two weeks: an online session of the operator, without a limit on places.
  ok(
    await createEvent(
      db,
      admin,
      {
        organiser: "operator",
        kind: "online",
        titleKo: "마당 처음 쓰는 분을 위한 온라인 설명회",
        titleEn: "Online introduction to Madang for newcomers",
        descriptionKo: "제안하고 공감하는 방법, 제안이 위원회와 기관으로 가는 길을 설명합니다.",
        descriptionEn: "How to propose and support, and how an idea travels to the committees and agencies.",
        startsAt: seoul(14, "10:00"),
        endsAt: seoul(14, "11:00"),
        onlineUrl: "https://meet.madang.example.org/intro",
        captioning: "on",
        signLanguage: "on",
        interpretation: "English, Tiếng Việt",
      },
      ago(1),
    ),
    "online session",
  );
}
