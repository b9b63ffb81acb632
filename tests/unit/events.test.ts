// Events' pure parts (issue 18): who organises for whom, Korea-time form values, and the form's
// rules (end after start, a place or a link, the ideas discussed by number or address).
import { describe, expect, it } from "vitest";
import { eventStaffRefusal, organisesFor } from "../../app/domain/events/permissions";
import { EventSchema, MinutesSchema } from "../../app/domain/events/schemas";
import { actor } from "./actors";
import { toKoreaTimeInput } from "../../app/utils/korea-time";

const person = actor;

const economy = { committee_id: 3, agency_id: null };
const moef = { committee_id: null, agency_id: 7 };
const operator = { committee_id: null, agency_id: null };

describe("who organises for whom", () => {
  it("an organiser acts only for the committee, agency or operator their grant names; admins for all", () => {
    const forEconomy = person([{ role: "event_organiser", committeeId: 3, agencyId: null }]);
    const forOperator = person([{ role: "event_organiser", committeeId: null, agencyId: null }]);
    const chair = person([{ role: "committee_chair", committeeId: 3, agencyId: null }]);
    const admin = person([{ role: "admin", committeeId: null, agencyId: null }]);
    expect([economy, moef, operator].map((o) => organisesFor(forEconomy, o))).toEqual([true, false, false]);
    expect([economy, moef, operator].map((o) => organisesFor(forOperator, o))).toEqual([false, false, true]);
    expect([economy, moef, operator].map((o) => organisesFor(chair, o))).toEqual([false, false, false]);
    expect([economy, moef, operator].map((o) => organisesFor(admin, o))).toEqual([true, true, true]);
    expect(organisesFor(null, operator)).toBe(false);
    const suspended = person([{ role: "event_organiser", committeeId: 3, agencyId: null }], { suspendedUntil: new Date(Date.now() + 86_400_000) });
    expect(eventStaffRefusal(suspended, economy)).toBe("suspended");
    expect(eventStaffRefusal(null, economy)).toBe("signin");
  });
});

describe("the event form", () => {
  const base = { organiser: "operator", kind: "forum", titleKo: "포럼", startsAt: "2026-12-10T14:00", endsAt: "2026-12-10T16:00", place: "광화문" };

  it("reads the times as Korea time and gives them back the same way", () => {
    const parsed = EventSchema.parse(base);
    expect(parsed.startsAt.toISOString()).toBe("2026-12-10T05:00:00.000Z");
    expect(toKoreaTimeInput(parsed.startsAt)).toBe("2026-12-10T14:00");
    // Past midnight in Seoul is the day before in UTC.
    expect(EventSchema.parse({ ...base, startsAt: "2026-12-11T01:30", endsAt: "2026-12-11T03:00" }).startsAt.toISOString()).toBe("2026-12-10T16:30:00.000Z");
  });

  it("wants the end after the start, a place unless online, and a link when online", () => {
    const errors = (input: Record<string, string>) => {
      const r = EventSchema.safeParse(input);
      return r.success ? [] : r.error.issues.map((i) => `${String(i.path[0])}:${i.message}`).sort();
    };
    expect(errors({ ...base, endsAt: "2026-12-10T14:00" })).toEqual(["endsAt:events.errors.endsBeforeStart"]);
    expect(errors({ ...base, place: "" })).toEqual(["place:events.errors.placeRequired"]);
    expect(errors({ ...base, kind: "online", place: "" })).toEqual(["onlineUrl:events.errors.onlineUrlRequired"]);
    expect(errors({ ...base, kind: "online", place: "", onlineUrl: "https://meet.example.org/a" })).toEqual([]);
    expect(errors({ ...base, onlineUrl: "javascript:alert(1)" })).toEqual(["onlineUrl:events.errors.url"]);
    expect(errors({ ...base, organiser: "committee:x" })).toEqual(["organiser:errors.invalidChoice"]);
    expect(errors({ ...base, startsAt: "tomorrow" })).toEqual(["startsAt:events.errors.time"]);
  });

  it("reads the ideas discussed by number or by address, once each", () => {
    const minutes = { body: "내용", attendance: "3", facilitator: "진행", note: "", baseVersion: "0" };
    expect(MinutesSchema.parse({ ...minutes, ideas: "12, /ideas/15 https://madang.example.org:3000/ideas/20 12" }).ideas).toEqual([12, 15, 20]);
    expect(MinutesSchema.parse({ ...minutes, ideas: "" }).ideas).toEqual([]);
  });
});
