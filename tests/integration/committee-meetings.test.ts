// A committee's meetings and minutes (issue 14, decision 029): the chair schedules a meeting with
// an agenda of ideas in the committee's care, moves or cancels it with a reason kept in public,
// publishes minutes after it, and corrects them as new versions whose changes can be read.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../app/domain/accounts/permissions";
import { grantsOf } from "../../app/domain/accounts/roles.server";
import { cancelMeeting, moveMeeting, publishMinutes, scheduleMeeting } from "../../app/domain/committees/meetings.server";
import { committeeMeetings, meetingPage, nextMeeting } from "../../app/domain/committees/meetings-queries.server";
import { takeUp } from "../../app/domain/workflow/workflow.server";
import { citizenActor, createCampaign, createIdea, createUser, support, type RoleSpec } from "../../db/factories";
import { openTestDatabase, type TestDatabase } from "./db";
import { toKoreaTimeInput } from "../../app/utils/korea-time";

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(() => t?.close());

const HOUR = 3_600_000;
const LABELS = { present: "Present", decision: "Decision" };
const at = (h: number, from: number) => toKoreaTimeInput(new Date(from + h * HOUR));

async function person(roles: RoleSpec[] = [], name?: string): Promise<Actor> {
  const user = await createUser(t.db, { roles, displayName: name });
  return { ...citizenActor(user.id), displayName: user.display_name, grants: await grantsOf(t.db, user.id) };
}

/** A committee of its own with a chair, one member and two ideas in its care (one taken up). */
async function committee() {
  const slug = `m-${randomUUID().slice(0, 8)}`;
  const row = await t.db.insertInto("committees").values({ slug, name_ko: `위원회 ${slug}`, name_en: `Committee ${slug}` }).returning("id").executeTakeFirstOrThrow();
  const chair = await person([{ role: "committee_chair", committee: slug }], `Chair ${slug}`);
  const member = await person([{ role: "committee_member", committee: slug }], `Member ${slug}`);
  const campaign = await createCampaign(t.db, { threshold: 1, committee: slug });
  const ideas: number[] = [];
  for (const title of ["Quiet hours in parks", "Bus shelters with shade"]) {
    const id = await createIdea(t.db, { author: await createUser(t.db), campaignId: campaign.id, title: `${title} ${slug}` });
    await support(t.db, (await createUser(t.db)).id, id);
    ideas.push(id);
  }
  expect((await takeUp(t.db, chair, ideas[0], {})).ok).toBe(true);
  return { id: row.id, slug, chair, member, ideas };
}

describe("scheduling a meeting", () => {
  it("lets the chair schedule one with an agenda of ideas in the committee's care; the committee page and the workspace list it", async () => {
    const c = await committee();
    const now = Date.now();
    const result = await scheduleMeeting(t.db, c.chair, c.id, { startsAt: at(48, now), place: "City hall, room 3", onlineUrl: "", agenda: c.ideas.map(String) });
    expect(result).toMatchObject({ ok: true });
    const meetingId = (result as { meetingId: number }).meetingId;
    const lists = await committeeMeetings(t.db, c.id);
    expect(lists.upcoming.map((m) => m.id)).toEqual([meetingId]);
    expect(lists.upcoming[0]).toMatchObject({ place: "City hall, room 3", items: 2, cancelled: false, hasMinutes: false });
    expect(lists.past).toEqual([]);
    expect((await nextMeeting(t.db, c.id))?.id).toBe(meetingId);
    const page = await meetingPage(t.db, c.id, meetingId, null, LABELS);
    expect(page?.agenda.map((a) => a.id)).toEqual(c.ideas);
    // Another committee's address does not show it.
    const other = await committee();
    expect(await meetingPage(t.db, other.id, meetingId, null, LABELS)).toBeNull();
  });

  it("refuses a member who is not the chair, a time in the past, no place nor link, and an idea outside the committee's care", async () => {
    const c = await committee();
    const other = await committee();
    const now = Date.now();
    const good = { startsAt: at(24, now), place: "Room 1", onlineUrl: "", agenda: [String(c.ideas[0])] };
    expect(await scheduleMeeting(t.db, c.member, c.id, good)).toMatchObject({ ok: false, status: 403, errors: { _form: [{ key: "committees.errors.notChair" }] } });
    expect(await scheduleMeeting(t.db, other.chair, c.id, good)).toMatchObject({ ok: false, status: 403 });
    expect(await scheduleMeeting(t.db, c.chair, c.id, { ...good, startsAt: at(-1, now) })).toMatchObject({ ok: false, status: 400, errors: { startsAt: [{ key: "meetings.errors.past" }] } });
    expect(await scheduleMeeting(t.db, c.chair, c.id, { ...good, place: "" })).toMatchObject({ ok: false, status: 400, errors: { place: [{ key: "meetings.errors.where" }] } });
    expect(await scheduleMeeting(t.db, c.chair, c.id, { ...good, place: "", onlineUrl: "javascript:alert(1)" })).toMatchObject({ ok: false, status: 400, errors: { onlineUrl: [{ key: "meetings.errors.url" }] } });
    expect(await scheduleMeeting(t.db, c.chair, c.id, { ...good, agenda: [String(other.ideas[0])] })).toMatchObject({ ok: false, status: 400, errors: { agenda: [{ key: "meetings.errors.agendaIdea" }] } });
    expect(await scheduleMeeting(t.db, c.chair, c.id, { ...good, agenda: [] })).toMatchObject({ ok: false, status: 400, errors: { agenda: [{ key: "meetings.errors.agenda" }] } });
    expect(await t.db.selectFrom("committee_meetings").select("id").where("committee_id", "=", c.id).execute()).toEqual([]);
  });
});

describe("moving and cancelling", () => {
  it("keeps every move and the cancellation with the chair's reason, and refuses changes once cancelled or started", async () => {
    const c = await committee();
    const now = Date.now();
    const { meetingId } = (await scheduleMeeting(t.db, c.chair, c.id, { startsAt: at(24, now), place: "Room 1", agenda: [String(c.ideas[0])] })) as { meetingId: number };
    expect(await moveMeeting(t.db, c.chair, meetingId, { startsAt: at(48, now), place: "Room 1", reason: "no" })).toMatchObject({ ok: false, status: 400, errors: { reason: [{ key: "meetings.errors.reason" }] } });
    expect(await moveMeeting(t.db, c.member, meetingId, { startsAt: at(48, now), place: "Room 1", reason: "The hall is booked." })).toMatchObject({ ok: false, status: 403 });
    expect(await moveMeeting(t.db, c.chair, meetingId, { startsAt: at(48, now), place: "", onlineUrl: "https://meet.example.org/c", reason: "The hall is booked." })).toMatchObject({ ok: true });
    // Nothing changed is no move.
    expect(await moveMeeting(t.db, c.chair, meetingId, { startsAt: at(48, now), onlineUrl: "https://meet.example.org/c", reason: "Again the same time." })).toMatchObject({ ok: false, errors: { startsAt: [{ key: "meetings.errors.unchanged" }] } });
    expect(await cancelMeeting(t.db, c.chair, meetingId, { reason: "The agenda item was withdrawn." })).toMatchObject({ ok: true });
    expect(await moveMeeting(t.db, c.chair, meetingId, { startsAt: at(72, now), place: "Room 2", reason: "Trying again later." })).toMatchObject({ ok: false, status: 409, errors: { _form: [{ key: "meetings.errors.cancelled" }] } });
    expect(await publishMinutes(t.db, c.chair, meetingId, { body: "Nothing", decisions: { [c.ideas[0]]: "x" } }, new Date(now + 49 * HOUR))).toMatchObject({ ok: false, status: 409, errors: { _form: [{ key: "meetings.errors.cancelled" }] } });
    const page = (await meetingPage(t.db, c.id, meetingId, null, LABELS))!;
    expect(page.cancelledAt).not.toBeNull();
    expect(page.onlineUrl).toBe("https://meet.example.org/c");
    expect(page.place).toBeNull();
    expect(page.changes.map((ch) => [ch.kind, ch.reason])).toEqual([
      ["moved", "The hall is booked."],
      ["cancelled", "The agenda item was withdrawn."],
    ]);
    expect(new Date(page.changes[0].from).getTime()).toBe(new Date(`${at(24, now)}:00+09:00`).getTime());
    // A cancelled meeting is not the next one.
    expect(await nextMeeting(t.db, c.id)).toBeNull();
    const audit = await t.db.selectFrom("audit_log").select("action").where("target_type", "=", "committee_meeting").where("target_id", "=", String(meetingId)).orderBy("id").execute();
    expect(audit.map((a) => a.action)).toEqual(["committee.meeting.schedule", "committee.meeting.move", "committee.meeting.cancel"]);
  });

  it("refuses to move a meeting that has started", async () => {
    const c = await committee();
    const now = Date.now();
    const { meetingId } = (await scheduleMeeting(t.db, c.chair, c.id, { startsAt: at(2, now), place: "Room 1", agenda: [String(c.ideas[0])] })) as { meetingId: number };
    const later = new Date(now + 3 * HOUR);
    expect(await moveMeeting(t.db, c.chair, meetingId, { startsAt: at(30, now), place: "Room 1", reason: "We ran out of time." }, later)).toMatchObject({ ok: false, status: 409, errors: { _form: [{ key: "meetings.errors.started" }] } });
    expect(await cancelMeeting(t.db, c.chair, meetingId, { reason: "Too late to cancel." }, later)).toMatchObject({ ok: false, status: 409 });
  });
});

describe("minutes", () => {
  it("are published by the chair after the meeting with attendance and a decision per agenda item; corrections are versions whose changes are shown", async () => {
    const c = await committee();
    const now = Date.now();
    const { meetingId } = (await scheduleMeeting(t.db, c.chair, c.id, { startsAt: at(2, now), place: "Room 1", agenda: c.ideas.map(String) })) as { meetingId: number };
    const decisions = { [c.ideas[0]]: "Vote to be opened this week.", [c.ideas[1]]: "Take up next meeting." };
    const body = "# Minutes\n\nThe chair opened the meeting.\nThe members discussed both ideas.";
    // Not before the meeting, and not by a member.
    expect(await publishMinutes(t.db, c.chair, meetingId, { body, present: [String(c.chair.id)], decisions }, new Date(now + HOUR))).toMatchObject({ ok: false, status: 409, errors: { _form: [{ key: "meetings.errors.notHeld" }] } });
    const after = new Date(now + 4 * HOUR);
    expect(await publishMinutes(t.db, c.member, meetingId, { body, present: [String(c.chair.id)], decisions }, after)).toMatchObject({ ok: false, status: 403 });
    // Every agenda item needs its decision; only members can be marked present.
    expect(await publishMinutes(t.db, c.chair, meetingId, { body, present: [String(c.chair.id)], decisions: { [c.ideas[0]]: "Only one." } }, after)).toMatchObject({ ok: false, status: 400, errors: { [`decision-${c.ideas[1]}`]: [{ key: "meetings.minutes.errors.decision" }] } });
    const outsider = await person();
    expect(await publishMinutes(t.db, c.chair, meetingId, { body, present: [String(outsider.id)], decisions }, after)).toMatchObject({ ok: false, status: 400, errors: { present: [{ key: "meetings.minutes.errors.present" }] } });

    expect(await publishMinutes(t.db, c.chair, meetingId, { body, present: [String(c.chair.id), String(c.member.id)], decisions }, after)).toMatchObject({ ok: true, version: 1 });
    // A correction says what changed, and must change something.
    expect(await publishMinutes(t.db, c.chair, meetingId, { body, present: [String(c.chair.id)], decisions }, after)).toMatchObject({ ok: false, errors: { note: [{ key: "meetings.minutes.errors.note" }] } });
    expect(await publishMinutes(t.db, c.chair, meetingId, { body, present: [String(c.chair.id), String(c.member.id)], decisions, note: "No change" }, after)).toMatchObject({ ok: false, errors: { body: [{ key: "meetings.minutes.errors.unchanged" }] } });
    const corrected = body.replace("both ideas", "both ideas at length");
    expect(await publishMinutes(t.db, c.chair, meetingId, { body: corrected, present: [String(c.chair.id)], decisions, note: "The member left before the start." }, after)).toMatchObject({ ok: true, version: 2 });

    const page = (await meetingPage(t.db, c.id, meetingId, null, LABELS, after))!;
    expect(page.minutes).toMatchObject({ version: 2, attendance: [{ userId: c.chair.id, name: `Chair ${c.slug}` }] });
    expect(page.minutes!.decisions).toEqual([
      { ideaId: c.ideas[0], decision: "Vote to be opened this week." },
      { ideaId: c.ideas[1], decision: "Take up next meeting." },
    ]);
    expect(page.history.map((h) => [h.version, h.note])).toEqual([
      [2, "The member left before the start."],
      [1, ""],
    ]);
    expect(page.history[1].diff).toBeNull();
    const changed = page.history[0].diff!.filter((p) => p.kind === "added" || p.kind === "removed");
    expect(changed).toEqual([
      { kind: "removed", text: `Present: Chair ${c.slug}, Member ${c.slug}` },
      { kind: "added", text: `Present: Chair ${c.slug}` },
      { kind: "removed", text: "The members discussed both ideas." },
      { kind: "added", text: "The members discussed both ideas at length." },
    ]);
    // Markdown is rendered (a page heading becomes a section heading under the page's own).
    expect(page.minutes!.bodyHtml).toContain("<h2>Minutes</h2>");
    // Each idea discussed has the meeting on its timeline, once (not again for the correction).
    const events = await t.db.selectFrom("idea_events").select(["idea_id", "note"]).where("kind", "=", "meeting_discussed").where("idea_id", "in", c.ideas).orderBy("idea_id").execute();
    expect(events).toEqual(c.ideas.map((id) => ({ idea_id: id, note: `/committees/${c.slug}/meetings/${meetingId}` })));
    expect((await committeeMeetings(t.db, c.id, after)).past[0]).toMatchObject({ id: meetingId, hasMinutes: true });
  });

  it("are sanitized: a script in the Markdown does not survive", async () => {
    const c = await committee();
    const now = Date.now();
    const { meetingId } = (await scheduleMeeting(t.db, c.chair, c.id, { startsAt: at(1, now), place: "Room 1", agenda: [String(c.ideas[0])] })) as { meetingId: number };
    const result = await publishMinutes(t.db, c.chair, meetingId, { body: "Hello <script>alert(1)</script> <img src=x onerror=alert(1)>", decisions: { [c.ideas[0]]: "Noted." } }, new Date(now + 2 * HOUR));
    expect(result.ok).toBe(true);
    const row = await t.db.selectFrom("committee_minutes").select("body_html").where("meeting_id", "=", meetingId).executeTakeFirstOrThrow();
    expect(row.body_html).not.toContain("<script");
    expect(row.body_html).not.toContain("onerror");
  });
});
