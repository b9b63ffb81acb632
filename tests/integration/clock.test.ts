// The business-day clock (issue 15): deadlines set in business days, reminders three and one
// business days before (once each, however often the job runs), the escalation to the
// agency's supervising office (once, public), and the admins' holidays table.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addHoliday, dueInBusinessDays, removeHoliday } from "../../app/domain/agencies/holidays.server";
import { supervisorQueue } from "../../app/domain/agencies/queries.server";
import { sendDeadlineReminders } from "../../app/domain/agencies/reminders.server";
import { sendDigests } from "../../app/domain/notifications/digest.server";
import { assignOfficer, recordRecommendation, takeUp } from "../../app/domain/workflow/workflow.server";
import { holdCommitteeVote, writeDigest, type RoleSpec } from "../../db/factories";
import { ideaAt, RATIONALE } from "../fixtures/pipeline";
import { bodiesIn, person } from "../fixtures/roster";
import { statementCounter } from "../fixtures/statements";
import { openTestDatabase, type TestDatabase } from "./db";

let t: TestDatabase;
let moef = 0;
let mohw = 0;
beforeAll(async () => {
  t = await openTestDatabase();
  ({ moef, mohw } = await bodiesIn(t.db));
});
afterAll(() => t?.close());

// Each test signs in people of its own (`person`), not the shared roster: the reminders and
// escalations count who was told about an idea, and a body's other staff would be told too.
const staff = (roles: RoleSpec[] = []) => person(t.db, { roles });

/** A fast-tracked idea of the economy category, waiting for the committee. */
async function fastTracked() {
  return (await ideaAt(t.db, "fast_tracked")).ideaId;
}

/** An idea the agency must answer by `dueAt` (set directly: the clock is what is tested). */
async function underReview(dueAt: Date, agencyId = moef) {
  const ideaId = await fastTracked();
  await t.db.updateTable("ideas").set({ status: "under_review", agency_id: agencyId, agency_due_at: dueAt }).where("id", "=", ideaId).execute();
  return ideaId;
}

async function notices(ideaId: number) {
  return t.db.selectFrom("notifications").select(["user_id", "kind", "email"]).where("idea_id", "=", ideaId).where("kind", "in", ["deadline_in_3", "deadline_in_1", "escalated"]).orderBy("id").execute();
}

/** The kinds of deadline notice one person got about an idea, in order. */
async function noticeKinds(ideaId: number, userId: number) {
  return (await notices(ideaId)).filter((n) => n.user_id === userId).map((n) => n.kind);
}

describe("deadlines in business days", () => {
  it("a forwarded idea is due at midnight in Seoul after 21 business days, Chuseok and the October holidays skipped", async () => {
    const chair = await staff([{ role: "committee_chair", committee: "economy" }]);
    const ideaId = await fastTracked();
    expect((await takeUp(t.db, chair, ideaId, {})).ok).toBe(true);
    // Friday 18 September 2026, noon in Seoul. Counted by hand: 21, 22, 23 Sep; 28, 29, 30 Sep;
    // 1, 2 Oct; 6, 7, 8 Oct; 12–16 Oct; 19–23 Oct → the 21st business day is Friday 23 October.
    const now = new Date("2026-09-18T03:00:00Z");
    await holdCommitteeVote(t.db, ideaId, { at: new Date(now.getTime() - 60_000) });
    await writeDigest(t.db, ideaId, { at: new Date(now.getTime() - 30_000) });
    const done = await recordRecommendation(t.db, chair, ideaId, { decision: "forward", agencyId: String(moef), rationale: RATIONALE }, { now });
    expect(done).toMatchObject({ ok: true, status: "under_review" });
    const row = await t.db.selectFrom("ideas").select("agency_due_at").where("id", "=", ideaId).executeTakeFirstOrThrow();
    expect(new Date(row.agency_due_at!).toISOString()).toBe("2026-10-23T15:00:00.000Z");
  });

  it("a holiday an admin adds counts for deadlines set after it, and removing it undoes that", async () => {
    const admin = await staff([{ role: "admin" }]);
    const start = new Date("2027-03-04T01:00:00Z"); // Thursday 4 March 2027, 10:00 in Seoul
    expect((await dueInBusinessDays(t.db, start, 1)).toISOString()).toBe("2027-03-05T15:00:00.000Z"); // end of Friday 5
    expect(await addHoliday(t.db, admin, { date: "2027-03-05", nameKo: "임시공휴일", nameEn: "Temporary holiday" })).toMatchObject({ ok: true });
    expect((await dueInBusinessDays(t.db, start, 1)).toISOString()).toBe("2027-03-08T15:00:00.000Z"); // end of Monday 8
    expect(await removeHoliday(t.db, admin, { date: "2027-03-05" })).toMatchObject({ ok: true });
    expect((await dueInBusinessDays(t.db, start, 1)).toISOString()).toBe("2027-03-05T15:00:00.000Z");
  });
});

describe("the holidays table", () => {
  it("is seeded with the 2026 and 2027 public holidays, substitute holidays included", async () => {
    const rows = await t.db.selectFrom("holidays").select(["name_en"]).where("date", "in", ["2026-02-17", "2026-10-05", "2027-02-09", "2027-12-27"]).execute();
    expect(rows).toHaveLength(4);
    const count = await t.db.selectFrom("holidays").select((eb) => eb.fn.countAll<number>().as("n")).where("date", ">=", "2026-01-01").where("date", "<=", "2027-12-31").executeTakeFirstOrThrow();
    expect(Number(count.n)).toBeGreaterThanOrEqual(30);
  });

  it("admins add and remove holidays, each audited; bad input is refused next to its field", async () => {
    const admin = await staff([{ role: "admin" }]);
    const added = await addHoliday(t.db, admin, { date: "2027-11-19", nameKo: " 개교기념일 ", nameEn: "Founding day" });
    expect(added).toMatchObject({ ok: true, date: "2027-11-19" });
    const row = await t.db.selectFrom("holidays").select(["name_ko", "created_by"]).where("date", "=", "2027-11-19").executeTakeFirstOrThrow();
    expect(row).toEqual({ name_ko: "개교기념일", created_by: admin.id });
    expect(await addHoliday(t.db, admin, { date: "2027-11-19", nameKo: "다시", nameEn: "Again" })).toMatchObject({
      ok: false,
      status: 409,
      errors: { date: [{ key: "holidays.errors.exists" }] },
    });
    expect(await addHoliday(t.db, admin, { date: "2027-02-30", nameKo: "", nameEn: "x".repeat(101) })).toMatchObject({
      ok: false,
      status: 400,
      errors: { date: [{ key: "holidays.errors.date" }], nameKo: [{ key: "errors.required" }], nameEn: [{ key: "holidays.errors.name" }] },
    });
    expect(await removeHoliday(t.db, admin, { date: "2027-11-19" })).toMatchObject({ ok: true });
    expect(await t.db.selectFrom("holidays").select("date").where("date", "=", "2027-11-19").executeTakeFirst()).toBeUndefined();
    const audit = await t.db.selectFrom("audit_log").select(["action", "actor_id"]).where("target_type", "=", "holiday").where("target_id", "=", "2027-11-19").orderBy("id").execute();
    expect(audit).toEqual([
      { action: "holiday.add", actor_id: admin.id },
      { action: "holiday.remove", actor_id: admin.id },
    ]);
  });

  it("only admins change it", async () => {
    for (const who of [await staff([{ role: "agency_officer", agency: "moef" }]), await staff([{ role: "moderator" }]), await staff()]) {
      expect(await addHoliday(t.db, who, { date: "2027-11-22", nameKo: "휴일", nameEn: "Day off" })).toMatchObject({ ok: false, status: 403 });
    }
    expect(await addHoliday(t.db, null, { date: "2027-11-22", nameKo: "휴일", nameEn: "Day off" })).toMatchObject({ ok: false, status: 401 });
    expect(await t.db.selectFrom("holidays").select("date").where("date", "=", "2027-11-22").executeTakeFirst()).toBeUndefined();
  });
});

describe("reminders and escalation", () => {
  // Due at the end of Monday 28 September 2026 in Seoul; Chuseok is 24–26 September.
  const due = new Date("2026-09-28T15:00:00Z");

  it("remind the agency's officers three and one business days before, once each, and escalate once after ten business days late", async () => {
    // The Ministry of Education has no other staff in this file.
    const moe = (await t.db.selectFrom("agencies").select("id").where("slug", "=", "moe").executeTakeFirstOrThrow()).id;
    const [first, second] = [await staff([{ role: "agency_officer", agency: "moe" }]), await staff([{ role: "agency_officer", agency: "moe" }])];
    const supervisor = await staff([{ role: "agency_supervisor", agency: "moe" }]);
    const otherSupervisor = await staff([{ role: "agency_supervisor", agency: "mohw" }]);
    const ideaId = await underReview(due, moe);
    const officers = [first.id, second.id];

    // Sunday 20 September, 23:00 in Seoul: too early.
    await sendDeadlineReminders(t.db, new Date("2026-09-20T14:00:00Z"));
    expect(await notices(ideaId)).toEqual([]);
    // Monday 21 September (three business days before Monday 28: 21, 22, 23).
    await sendDeadlineReminders(t.db, new Date("2026-09-21T00:30:00Z"));
    await sendDeadlineReminders(t.db, new Date("2026-09-22T05:00:00Z"));
    let got = await notices(ideaId);
    expect(got.filter((n) => n.kind === "deadline_in_3").map((n) => n.user_id).sort()).toEqual([...officers].sort());
    expect(got.filter((n) => n.kind !== "deadline_in_3")).toEqual([]);
    // Wednesday 23 September: the business day before the due day (Chuseok in between).
    await Promise.all([sendDeadlineReminders(t.db, new Date("2026-09-23T01:00:00Z")), sendDeadlineReminders(t.db, new Date("2026-09-23T01:00:01Z"))]);
    await sendDeadlineReminders(t.db, new Date("2026-09-28T10:00:00Z"));
    got = await notices(ideaId);
    expect(got.filter((n) => n.kind === "deadline_in_1").map((n) => n.user_id).sort()).toEqual([...officers].sort());
    // Overdue, but not yet by ten business days (29, 30 Sep; 1, 2, 6, 7, 8, 12, 13, 14 Oct).
    await sendDeadlineReminders(t.db, new Date("2026-10-14T14:59:00Z"));
    expect((await notices(ideaId)).filter((n) => n.kind === "escalated")).toEqual([]);
    expect((await supervisorQueue(t.db, supervisor)).escalated).toEqual([]);
    // Midnight in Seoul at the end of Wednesday 14 October: escalated, once.
    await sendDeadlineReminders(t.db, new Date("2026-10-14T15:00:00Z"));
    await sendDeadlineReminders(t.db, new Date("2026-10-20T03:00:00Z"));
    got = await notices(ideaId);
    const escalated = got.filter((n) => n.kind === "escalated").map((n) => n.user_id);
    expect(escalated.sort()).toEqual([supervisor.id, ...officers].sort());
    expect(escalated).not.toContain(otherSupervisor.id);
    expect(got).toHaveLength(7); // 2 + 2 reminders, 3 escalation notices
    expect(got.every((n) => n.email)).toBe(true);
    // Public on the timeline, and in the supervising office's queue (not another agency's).
    const events = await t.db.selectFrom("idea_events").select(["kind", "actor_id"]).where("idea_id", "=", ideaId).where("kind", "=", "escalated").execute();
    expect(events).toEqual([{ kind: "escalated", actor_id: null }]);
    expect((await supervisorQueue(t.db, supervisor)).escalated.map((r) => r.id)).toContain(ideaId);
    expect((await supervisorQueue(t.db, otherSupervisor)).escalated.map((r) => r.id)).not.toContain(ideaId);
  });

  it("a run with nothing new to record locks no idea, so that no support or answer waits for it", async () => {
    const officer = await staff([{ role: "agency_officer", agency: "mohw" }]);
    const ideaId = await underReview(due, mohw);
    // Tuesday 22 September: the three-days reminder is owed, and sent once.
    const now = new Date("2026-09-22T05:00:00Z");
    await sendDeadlineReminders(t.db, now);
    expect(await noticeKinds(ideaId, officer.id)).toEqual(["deadline_in_3"]);
    // Five minutes later the job runs again: every step's reminders are recorded, so it reads
    // and writes nothing under a lock (it locked each step's idea in turn, every five minutes).
    const counter = statementCounter(t.url);
    try {
      const statements = await counter.statementsOf(() => sendDeadlineReminders(counter.db, new Date(now.getTime() + 5 * 60_000)));
      expect(statements.filter((text) => /\bfor update\b/i.test(text))).toEqual([]);
      expect(statements.filter((text) => /^\s*insert\b/i.test(text))).toEqual([]);
    } finally {
      await counter.close();
    }
    expect(await noticeKinds(ideaId, officer.id)).toEqual(["deadline_in_3"]);
  });

  it("every open step is reminded, however many: the job reads them a few at a time, in due order", async () => {
    const officer = await staff([{ role: "agency_officer", agency: "mohw" }]);
    // Three answers due at the same instant (ties on the due date), each owed its reminder.
    const ideas = [await underReview(due, mohw), await underReview(due, mohw), await underReview(due, mohw)];
    await sendDeadlineReminders(t.db, new Date("2026-09-22T05:00:00Z"), 2);
    for (const ideaId of ideas) {
      expect(await noticeKinds(ideaId, officer.id)).toEqual(["deadline_in_3"]);
    }
  });

  it("the supervising office may reassign the escalated idea within its agency; another agency's office may not", async () => {
    const officer = await staff([{ role: "agency_officer", agency: "moef" }]);
    const supervisor = await staff([{ role: "agency_supervisor", agency: "moef" }]);
    const otherSupervisor = await staff([{ role: "agency_supervisor", agency: "mohw" }]);
    const outsider = await staff([{ role: "agency_officer", agency: "mohw" }]);
    const ideaId = await underReview(due);
    expect(await assignOfficer(t.db, otherSupervisor, ideaId, { officerId: String(officer.id) })).toMatchObject({ ok: false, status: 403 });
    expect(await assignOfficer(t.db, supervisor, ideaId, { officerId: String(outsider.id) })).toMatchObject({ ok: false, status: 400 });
    expect(await assignOfficer(t.db, supervisor, ideaId, { officerId: String(officer.id) })).toMatchObject({ ok: true });
    const row = await t.db.selectFrom("ideas").select("assigned_officer_id").where("id", "=", ideaId).executeTakeFirstOrThrow();
    expect(row.assigned_officer_id).toBe(officer.id);
    const audit = await t.db.selectFrom("audit_log").select("actor_id").where("action", "=", "idea.assignOfficer").where("target_id", "=", String(ideaId)).execute();
    expect(audit).toEqual([{ actor_id: supervisor.id }]);
  });

  it("an assigned officer alone is reminded, and the reminder reaches them by e-mail", async () => {
    const assigned = await staff([{ role: "agency_officer", agency: "mohw" }]);
    const colleague = await staff([{ role: "agency_officer", agency: "mohw" }]);
    const ideaId = await underReview(due, mohw);
    await t.db.updateTable("ideas").set({ assigned_officer_id: assigned.id }).where("id", "=", ideaId).execute();
    // Thursday 24 September (Chuseok): both reminders passed; only the one-day one goes out.
    await sendDeadlineReminders(t.db, new Date("2026-09-24T02:00:00Z"));
    expect(await notices(ideaId)).toEqual([{ user_id: assigned.id, kind: "deadline_in_1", email: true }]);
    expect((await notices(ideaId)).map((n) => n.user_id)).not.toContain(colleague.id);
    await sendDigests(t.db, "https://madang.example", new Date("2026-09-24T03:00:00Z"));
    const mail = await t.db.selectFrom("email_outbox").select(["subject", "text_body"]).where("to_address", "=", assigned.email).execute();
    expect(mail).toHaveLength(1);
    expect(mail[0].text_body).toContain(`/ideas/${ideaId}`);
  });

  it("remind a committee's chairs before its deadline and never escalate it; an answered step is left alone", async () => {
    const chair = await staff([{ role: "committee_chair", committee: "economy" }]);
    const ideaId = await fastTracked();
    await t.db.updateTable("ideas").set({ committee_due_at: due }).where("id", "=", ideaId).execute();
    const answered = await underReview(due);
    await t.db.updateTable("ideas").set({ status: "answered" }).where("id", "=", answered).execute();
    await sendDeadlineReminders(t.db, new Date("2026-09-21T01:00:00Z"));
    await sendDeadlineReminders(t.db, new Date("2026-11-30T01:00:00Z"));
    const got = await notices(ideaId);
    expect(got.map((n) => [n.user_id, n.kind])).toContainEqual([chair.id, "deadline_in_3"]);
    expect(got.filter((n) => n.kind === "escalated")).toEqual([]);
    expect(await notices(answered)).toEqual([]);
  });

  it("a new due date (an extension) gets its own reminders", async () => {
    const officer = await staff([{ role: "agency_officer", agency: "moef" }]);
    const ideaId = await underReview(due);
    await t.db.updateTable("ideas").set({ assigned_officer_id: officer.id }).where("id", "=", ideaId).execute();
    await sendDeadlineReminders(t.db, new Date("2026-09-23T01:00:00Z"));
    // Moved to the end of Wednesday 7 October: three business days before is Thursday 1 October.
    await t.db.updateTable("ideas").set({ agency_due_at: new Date("2026-10-07T15:00:00Z") }).where("id", "=", ideaId).execute();
    await sendDeadlineReminders(t.db, new Date("2026-10-01T01:00:00Z"));
    expect((await notices(ideaId)).map((n) => n.kind)).toEqual(["deadline_in_1", "deadline_in_3"]);
  });
});
