// Events (issue 18): organisers create, edit and cancel them within their scope; registrations
// fill exactly the capacity however many people ask at once, the rest wait in the order they
// asked, and a cancellation lets the head of the line in; reminders go out once a day before;
// attendance and minutes (versioned, sanitised, linked to public ideas) are the organiser's;
// the calendar files carry the right instants.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../app/domain/accounts/permissions";
import { cancelEvent, createEvent, editEvent } from "../../app/domain/events/events.server";
import { currentMinutes, minutesHistory, publishMinutes } from "../../app/domain/events/minutes.server";
import { eventRoster, registrationOf } from "../../app/domain/events/queries.server";
import { cancelRegistration, markAttendance, registerForEvent, sendEventReminders } from "../../app/domain/events/registrations.server";
import { createIdea } from "../../db/factories";
import { openTestDatabase, type TestDatabase } from "./db";
import { actorFor, call, contextFor, type RouteFunction } from "./harness";
import { loader as eventCalendar } from "../../app/routes/events.$id[.]ics";
import { loader as calendarLoader } from "../../app/routes/events[.]ics";

let t: TestDatabase;
let admin: Actor;
let economyOrganiser: Actor;
let operatorOrganiser: Actor;
let citizen: Actor;
let economyId: number;
let societyId: number;

beforeAll(async () => {
  t = await openTestDatabase();
  const by = async (slug: string) => (await t.db.selectFrom("committees").select("id").where("slug", "=", slug).executeTakeFirstOrThrow()).id;
  economyId = await by("economy");
  societyId = await by("society-culture");
  admin = await actorFor(t.db, { roles: [{ role: "admin" }] });
  economyOrganiser = await actorFor(t.db, { roles: [{ role: "event_organiser", committee: "economy" }] });
  operatorOrganiser = await actorFor(t.db, { roles: [{ role: "event_organiser" }] });
  citizen = await actorFor(t.db);
}, 180_000);
afterAll(() => t?.close());

const DAY = 86_400_000;
const NOW = new Date("2026-12-04T01:00:00Z");

/** A Korea-time `datetime-local` value, `days` from NOW at hh:mm Seoul time. */
function seoul(days: number, hm = "14:00") {
  const d = new Date(NOW.getTime() + days * DAY + 9 * 3_600_000).toISOString().slice(0, 10);
  return `${d}T${hm}`;
}

function form(extra: Record<string, string> = {}) {
  return {
    organiser: `committee:${economyId}`,
    kind: "forum",
    titleKo: "골목상권 시민 포럼",
    titleEn: "Neighbourhood shops forum",
    descriptionKo: "소상공인 지원 제안을 함께 이야기합니다.",
    startsAt: seoul(10, "14:00"),
    endsAt: seoul(10, "16:00"),
    place: "광화문 시민마당",
    address: "서울 종로구 세종대로 172",
    stepFree: "on",
    signLanguage: "on",
    interpretation: "English, 中文",
    capacity: "3",
    ...extra,
  };
}

async function newEvent(extra: Record<string, string> = {}, by: Actor = economyOrganiser) {
  const result = await createEvent(t.db, by, form(extra), NOW);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.eventId;
}

const people = (n: number) => Promise.all(Array.from({ length: n }, () => actorFor(t.db)));

describe("organising events", () => {
  it("stores the times typed in Korea time as the right instants", async () => {
    const id = await newEvent();
    const row = await t.db.selectFrom("civic_events").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    // 14:00 in Seoul is 05:00 UTC, ten days after NOW's Seoul date.
    expect(new Date(row.starts_at).toISOString()).toBe(`${seoul(10).slice(0, 10)}T05:00:00.000Z`);
    expect(row.step_free).toBe(true);
    expect(row.captioning).toBe(false);
    expect(row.committee_id).toBe(economyId);
  });

  it("lets an organiser act only for their own committee, agency or the operator", async () => {
    const other = await createEvent(t.db, economyOrganiser, form({ organiser: `committee:${societyId}` }), NOW);
    expect(other.ok).toBe(false);
    if (!other.ok) expect(other.status).toBe(403);
    const asOperator = await createEvent(t.db, economyOrganiser, form({ organiser: "operator" }), NOW);
    expect(asOperator.ok).toBe(false);
    expect((await createEvent(t.db, operatorOrganiser, form({ organiser: "operator" }), NOW)).ok).toBe(true);
    expect((await createEvent(t.db, citizen, form(), NOW)).ok).toBe(false);
    expect((await createEvent(t.db, admin, form({ organiser: `committee:${societyId}` }), NOW)).ok).toBe(true);

    const id = await newEvent();
    const byOperator = await editEvent(t.db, operatorOrganiser, id, form({ titleKo: "바뀐 제목" }), NOW);
    expect(byOperator.ok).toBe(false);
    // Moving one's event to a committee one does not organise for is refused too.
    const moved = await editEvent(t.db, economyOrganiser, id, form({ organiser: `committee:${societyId}` }), NOW);
    expect(moved.ok).toBe(false);
    expect((await editEvent(t.db, economyOrganiser, id, form({ titleKo: "바뀐 제목" }), NOW)).ok).toBe(true);
  });

  it("answers bad input next to the field", async () => {
    const result = await createEvent(t.db, economyOrganiser, form({ endsAt: seoul(10, "13:00"), startsAt: seoul(10, "14:00"), capacity: "0", place: "" }), NOW);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.status).toBe(400);
    expect(Object.keys(result.errors).sort()).toEqual(["capacity", "endsAt", "place"]);
    const online = await createEvent(t.db, economyOrganiser, form({ kind: "online", place: "", onlineUrl: "javascript:alert(1)" }), NOW);
    expect(online.ok).toBe(false);
    if (!online.ok) expect(Object.keys(online.errors)).toEqual(["onlineUrl"]);
  });

  it("cancels with a reason and tells the people registered", async () => {
    const id = await newEvent();
    const [a] = await people(1);
    await registerForEvent(t.db, a, id, NOW);
    expect((await cancelEvent(t.db, citizen, id, { reason: "비" }, NOW)).ok).toBe(false);
    expect((await cancelEvent(t.db, economyOrganiser, id, { reason: "" }, NOW)).ok).toBe(false);
    expect((await cancelEvent(t.db, economyOrganiser, id, { reason: "태풍 예보로 취소합니다" }, NOW)).ok).toBe(true);
    const notes = await t.db.selectFrom("notifications").select(["kind", "payload"]).where("user_id", "=", a.id).execute();
    expect(notes.map((n) => n.kind)).toEqual(["event_cancelled"]);
    const again = await registerForEvent(t.db, citizen, id, NOW);
    expect(again.ok).toBe(false);
    if (!again.ok) expect(again.status).toBe(409);
    const audit = await t.db.selectFrom("audit_log").select("action").where("target_type", "=", "event").where("target_id", "=", String(id)).execute();
    expect(audit.map((r) => r.action)).toEqual(["events.create", "events.cancel"]);
  });
});

describe("registration", () => {
  it("fills exactly the capacity when many ask at once; the rest wait in the order they asked", async () => {
    const id = await newEvent({ capacity: "3" });
    const crowd = await people(12);
    // All ask at once: the event's row serialises them, and the line is the order they were served.
    const results = await Promise.all(crowd.map((p) => registerForEvent(t.db, p, id, NOW)));
    expect(results.every((r) => r.ok)).toBe(true);
    const states = results.map((r) => (r.ok ? r.state : "refused"));
    expect(states.filter((s) => s === "registered")).toHaveLength(3);
    expect(states.filter((s) => s === "waiting")).toHaveLength(9);
    const roster = await eventRoster(t.db, id);
    expect(roster.registered).toHaveLength(3);
    expect(roster.waiting).toHaveLength(9);
    // The first three served hold the places; everyone after waits, in the order served.
    const firstWaiting = Math.min(...roster.waiting.map((w) => w.id));
    expect(roster.registered.every((r) => r.id < firstWaiting)).toBe(true);
    const waitingIds = roster.waiting.map((w) => w.id);
    expect(waitingIds).toEqual([...waitingIds].sort((a, b) => a - b));
    // Each waiting person's number is their place in that line.
    const positions = await Promise.all(crowd.map((p) => registrationOf(t.db, id, p.id)));
    expect(positions.filter((p) => p?.state === "waiting").map((p) => p!.position).sort((a, b) => a! - b!)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it("moves the line up in order when someone cancels, and says where a person stands", async () => {
    const id = await newEvent({ capacity: "2" });
    const [a, b, c, d] = await people(4);
    for (const [i, p] of [a, b, c, d].entries()) await registerForEvent(t.db, p, id, new Date(NOW.getTime() + i * 1000));
    expect(await registrationOf(t.db, id, c.id)).toEqual({ state: "waiting", position: 1 });
    expect(await registrationOf(t.db, id, d.id)).toEqual({ state: "waiting", position: 2 });
    // Asking twice keeps one's turn.
    const twice = await registerForEvent(t.db, d, id, new Date(NOW.getTime() + 10_000));
    expect(twice.ok && twice.state).toBe("waiting");
    expect(await registrationOf(t.db, id, d.id)).toEqual({ state: "waiting", position: 2 });

    expect((await cancelRegistration(t.db, a, id, NOW)).ok).toBe(true);
    expect(await registrationOf(t.db, id, a.id)).toBeNull();
    expect(await registrationOf(t.db, id, c.id)).toEqual({ state: "registered", position: null });
    expect(await registrationOf(t.db, id, d.id)).toEqual({ state: "waiting", position: 1 });
    const promoted = await t.db.selectFrom("notifications").select("kind").where("user_id", "=", c.id).execute();
    expect(promoted.map((n) => n.kind)).toEqual(["event_promoted"]);

    // A waiting person who leaves frees no place: no one moves.
    expect((await cancelRegistration(t.db, d, id, NOW)).ok).toBe(true);
    const roster = await eventRoster(t.db, id);
    expect(roster.registered).toHaveLength(2);
    expect(roster.waiting).toHaveLength(0);

    // Coming back after cancelling means the end of the line.
    await registerForEvent(t.db, a, id, new Date(NOW.getTime() + 20_000));
    expect(await registrationOf(t.db, id, a.id)).toEqual({ state: "waiting", position: 1 });

    // A larger capacity lets the line in.
    expect((await editEvent(t.db, economyOrganiser, id, form({ capacity: "5" }), NOW)).ok).toBe(true);
    expect(await registrationOf(t.db, id, a.id)).toEqual({ state: "registered", position: null });
  });

  it("refuses visitors, unverified accounts and events that have started", async () => {
    const id = await newEvent();
    expect((await registerForEvent(t.db, null, id, NOW)).ok).toBe(false);
    const unverified = await actorFor(t.db, { verified: false });
    const refused = await registerForEvent(t.db, unverified, id, NOW);
    expect(!refused.ok && refused.status).toBe(403);
    const late = await registerForEvent(t.db, citizen, id, new Date(NOW.getTime() + 11 * DAY));
    expect(!late.ok && late.status).toBe(409);
  });

  it("reminds everyone registered once, a day before", async () => {
    const id = await newEvent({ capacity: "1", startsAt: seoul(2, "10:00"), endsAt: seoul(2, "12:00") });
    const [a, b] = await people(2);
    await registerForEvent(t.db, a, id, NOW);
    await registerForEvent(t.db, b, id, NOW);
    const start = (await t.db.selectFrom("civic_events").select("starts_at").where("id", "=", id).executeTakeFirstOrThrow()).starts_at;
    const early = new Date(new Date(start).getTime() - 30 * 3_600_000);
    const dayBefore = new Date(new Date(start).getTime() - 20 * 3_600_000);
    const kinds = async (p: Actor) => (await t.db.selectFrom("notifications").select("kind").where("user_id", "=", p.id).execute()).map((n) => n.kind);
    await sendEventReminders(t.db, early);
    expect(await kinds(a)).toEqual([]);
    await Promise.all([sendEventReminders(t.db, dayBefore), sendEventReminders(t.db, dayBefore)]);
    await sendEventReminders(t.db, new Date(dayBefore.getTime() + 3_600_000));
    expect(await kinds(a)).toEqual(["event_reminder"]);
    // The waiting person gets no reminder.
    expect(await kinds(b)).toEqual([]);
  });
});

describe("after the event", () => {
  it("lets the organiser mark attendance once the event has started", async () => {
    const id = await newEvent({ startsAt: seoul(1, "10:00"), endsAt: seoul(1, "12:00") });
    const [a] = await people(1);
    await registerForEvent(t.db, a, id, NOW);
    const { registered } = await eventRoster(t.db, id);
    const before = await markAttendance(t.db, economyOrganiser, id, { registrationId: String(registered[0].id), attended: "yes" }, NOW);
    expect(!before.ok && before.status).toBe(409);
    const later = new Date(NOW.getTime() + 2 * DAY);
    expect((await markAttendance(t.db, citizen, id, { registrationId: String(registered[0].id), attended: "yes" }, later)).ok).toBe(false);
    expect((await markAttendance(t.db, economyOrganiser, id, { registrationId: String(registered[0].id), attended: "yes" }, later)).ok).toBe(true);
    expect((await eventRoster(t.db, id)).registered[0].attended).toBe(true);
  });

  it("keeps every version of the minutes, sanitised, linked to public ideas", async () => {
    const id = await newEvent({ startsAt: seoul(-3, "10:00"), endsAt: seoul(-3, "12:00") });
    const author = await actorFor(t.db);
    const ideaId = await createIdea(t.db, { author, title: "Open idea for minutes" });
    const minutes = (extra: Record<string, string>) => ({
      body: "## 논의\n시민 30명이 참석했습니다.<script>alert(1)</script>",
      attendance: "30",
      facilitator: "김진행",
      ideas: `${ideaId}`,
      note: "",
      baseVersion: "0",
      ...extra,
    });
    expect((await publishMinutes(t.db, citizen, id, minutes({}), NOW)).ok).toBe(false);
    const bad = await publishMinutes(t.db, economyOrganiser, id, minutes({ ideas: "999999999" }), NOW);
    expect(!bad.ok && Object.keys(bad.errors)).toEqual(["ideas"]);
    expect((await publishMinutes(t.db, economyOrganiser, id, minutes({}), NOW)).ok).toBe(true);
    const stale = await publishMinutes(t.db, economyOrganiser, id, minutes({ attendance: "31" }), NOW);
    expect(!stale.ok && stale.status).toBe(409);
    expect((await publishMinutes(t.db, economyOrganiser, id, minutes({ attendance: "31", baseVersion: "1", note: "참석자 수 정정" }), NOW)).ok).toBe(true);
    const current = await currentMinutes(t.db, id);
    expect(current?.version).toBe(2);
    expect(current?.attendance).toBe(31);
    expect(current?.html).not.toContain("<script");
    expect(current?.ideas.map((i) => i.id)).toEqual([ideaId]);
    expect((await minutesHistory(t.db, id)).map((v) => [v.version, v.note])).toEqual([
      [2, "참석자 수 정정"],
      [1, ""],
    ]);
    // Minutes of an event that has not happened yet are refused.
    const future = await newEvent();
    const early = await publishMinutes(t.db, economyOrganiser, future, minutes({}), NOW);
    expect(!early.ok && early.status).toBe(409);
  });
});

describe("calendar files", () => {
  it("serves one event and the whole list as text/calendar with UTC instants", async () => {
    const id = await newEvent({ titleKo: "달력 시험, 행사", startsAt: seoul(5, "19:30"), endsAt: seoul(5, "21:00") });
    const response = (await eventCalendar({ request: new Request(`http://madang.test/events/${id}.ics`), params: { id: String(id) }, context: contextFor(t.services, null) })) as Response;
    expect(response.headers.get("content-type")).toMatch(/^text\/calendar/);
    const one = await call(eventCalendar as RouteFunction, { path: `/events/${id}.ics`, params: { id: String(id) }, context: contextFor(t.services, null) });
    expect(one.status).toBe(200);
    const day = seoul(5).slice(0, 10).replace(/-/g, "");
    // 19:30 in Seoul is 10:30 UTC the same day.
    expect(one.text).toContain(`DTSTART:${day}T103000Z`);
    expect(one.text).toContain(`UID:event-${id}@madang.test`);
    expect(one.text).toContain("SUMMARY:달력 시험\\, 행사");
    expect(one.text).toContain(`URL:http://madang.test/events/${id}`);
    const all = await call(calendarLoader as RouteFunction, { path: "/events.ics", context: contextFor(t.services, null) });
    expect(all.status).toBe(200);
    expect(all.text).toContain(`UID:event-${id}@madang.test`);
    expect(all.text.match(/BEGIN:VEVENT/g)!.length).toBeGreaterThan(3);
  });
});

describe("the list", () => {
  it("pages upcoming events soonest first and past ones latest first, by region and organiser", async () => {
    const { listEvents } = await import("../../app/domain/events/queries.server");
    const region = await t.db.selectFrom("regions").select("id").orderBy("id", "desc").limit(1).executeTakeFirstOrThrow();
    const made: number[] = [];
    for (let i = 0; i < 23; i++) made.push(await newEvent({ regionId: String(region.id), startsAt: seoul(30 + i, "10:00"), endsAt: seoul(30 + i, "11:00") }));
    const filter = { when: "upcoming" as const, regionId: region.id, organiser: `committee:${economyId}` };
    const first = await listEvents(t.db, filter, null, "en", NOW);
    expect(first?.events.map((e) => e.id)).toEqual(made.slice(0, 20));
    const second = await listEvents(t.db, filter, first!.nextCursor, "en", NOW);
    expect(second?.events.map((e) => e.id)).toEqual(made.slice(20));
    expect(second?.nextCursor).toBeNull();
    // Seen from after they all ended, they are past: the latest first.
    const later = new Date(NOW.getTime() + 60 * DAY);
    const past = await listEvents(t.db, { ...filter, when: "past" }, null, "en", later);
    expect(past?.events[0].id).toBe(made[22]);
    expect(await listEvents(t.db, { ...filter, organiser: `committee:${societyId}` }, null, "en", NOW)).toEqual({ events: [], nextCursor: null });
    expect(await listEvents(t.db, filter, "not-a-cursor", "en", NOW)).toBeNull();
  });
});

describe("leaving Madang", () => {
  it("gives up one's place in events to come, the next person waiting gets it, and the data file lists registrations", async () => {
    const { leaveMadang } = await import("../../app/domain/privacy/delete.server");
    const { personalData } = await import("../../app/domain/privacy/export.server");
    const id = await newEvent({ capacity: "1" });
    const [a, b] = await people(2);
    await registerForEvent(t.db, a, id, NOW);
    await registerForEvent(t.db, b, id, new Date(NOW.getTime() + 1000));
    const file = await personalData(t.db, a.id);
    expect(file.eventRegistrations.map((r) => [r.eventId, r.state])).toEqual([[id, "registered"]]);
    const left = await leaveMadang(t.db, a, { password: "correct horse battery staple 7" }, NOW);
    expect(left.ok).toBe(true);
    expect(await registrationOf(t.db, id, a.id)).toBeNull();
    expect(await registrationOf(t.db, id, b.id)).toEqual({ state: "registered", position: null });
  });
});
