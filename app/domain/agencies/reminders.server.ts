// One reminder machinery for every step's deadline (issue 15, decision 030): the committee's
// (held by its chairs), the agency's answer (held by the assigned officer, else all the
// agency's officers), a follow-up answer owed, and a transfer's reply period (held by the
// receiving agency's officers; decision 055). Three and one business days before the due day the holder is reminded,
// once each; an agency step overdue by `escalation_business_days` is escalated to the
// agency's supervising office (role agency_supervisor), once, in public on the timeline.
// Each reminder is a row of deadline_reminders (its key makes it happen once however often,
// and by however many processes, the job runs); it is written in the same transaction as
// its notifications, which go out in the app and by e-mail (the digest of notify.server).
import { sql, type Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { appendEvent } from "../ideas/timeline.server";
import { notify, type NotificationKind } from "../notifications/notify.server";
import { getSettings } from "../settings.server";
import type { Trx } from "../use-case.server";
import { remindersDue, type ReminderKind } from "./clock";
import { loadHolidays } from "./holidays.server";
import { STATUS_TABLE, statusesWithDeadline } from "../workflow/statuses";
import { statusList } from "../workflow/status-sql.server";
import { DAY_MS } from "../../utils/korea-time";

/**
 * A follow-up answer owed (obligations.server.ts) is a step of the agency's like its answer; a
 * transfer's reply period is the receiving agency's step (it lapses rather than escalates).
 */
export type StepKind = "committee" | "agency" | "follow_up" | "transfer_reply";

/** Steps that end at their due date: nothing is owed after it (the overdue notice, a lapse, is another's). */
const ENDS_AT_DUE: readonly StepKind[] = ["committee", "transfer_reply"];

export interface OpenStep {
  ideaId: number;
  step: StepKind;
  dueAt: Date;
  /** The reminders of this due date recorded already (sent, or passed and never to be sent). */
  recorded: ReminderKind[];
}

/** Three business days may span a long holiday: steps due within this many calendar days are looked at. */
const LOOK_AHEAD_DAYS = 21;

/** Open steps read at a time: a run reads them all, this many in each statement. */
const STEPS_PER_READ = 2000;

/**
 * The steps under way whose reminders may be owed: due within the look-ahead, and not yet
 * escalated (an escalation is the last thing the machinery does for a due date), each with the
 * reminders of its due date recorded already.
 */
export async function openSteps(db: Kysely<Database> | Trx, now: Date, after: OpenStep | null = null, limit = STEPS_PER_READ): Promise<OpenStep[]> {
  const horizon = new Date(now.getTime() + LOOK_AHEAD_DAYS * DAY_MS);
  const rows = await sql<{ idea_id: number; step: StepKind; due_at: Date; recorded: ReminderKind[] }>`
    SELECT s.idea_id, s.step, s.due_at,
      ARRAY(SELECT r.kind FROM deadline_reminders r WHERE r.idea_id = s.idea_id AND r.step = s.step AND r.due_at = s.due_at) AS recorded
    FROM (
      SELECT id AS idea_id, 'committee'::text AS step, committee_due_at AS due_at FROM ideas
        WHERE status IN (${statusList(statusesWithDeadline("committee"))}) AND committee_due_at IS NOT NULL
      UNION ALL
      SELECT id, 'agency', agency_due_at FROM ideas
        WHERE status IN (${statusList(statusesWithDeadline("agency"))}) AND agency_due_at IS NOT NULL
      UNION ALL
      SELECT idea_id, 'follow_up', due_at FROM follow_ups WHERE fulfilled_at IS NULL
      UNION ALL
      SELECT idea_id, 'transfer_reply', reply_due_at FROM idea_transfers WHERE state = 'pending'
    ) s
    WHERE s.due_at <= ${horizon}::timestamptz
      -- A committee's step has nothing more owed once due (the overdue notice is markOverdue's);
      -- a transfer's reply period ends in a lapse (lapseTransfers).
      AND (s.step NOT IN (${sql.join(ENDS_AT_DUE)}) OR s.due_at > ${now}::timestamptz)
      AND NOT EXISTS (SELECT 1 FROM deadline_reminders r
        WHERE r.idea_id = s.idea_id AND r.step = s.step AND r.due_at = s.due_at AND r.kind = 'escalated')
      ${after ? sql`AND (s.due_at, s.idea_id, s.step) > (${after.dueAt}::timestamptz, ${after.ideaId}, ${after.step})` : sql``}
    ORDER BY s.due_at, s.idea_id, s.step
    LIMIT ${limit}`.execute(db);
  return rows.rows.map((r) => ({ ideaId: Number(r.idea_id), step: r.step, dueAt: new Date(r.due_at), recorded: r.recorded }));
}

async function usersWithRole(trx: Trx, role: "committee_chair" | "agency_officer" | "agency_supervisor", scope: { committeeId?: number | null; agencyId?: number | null }) {
  const column = role === "committee_chair" ? "committee_id" : "agency_id";
  const id = role === "committee_chair" ? scope.committeeId : scope.agencyId;
  if (id === null || id === undefined) return [];
  const rows = await trx.selectFrom("role_grants").select("user_id").where("role", "=", role).where(column, "=", id).execute();
  return rows.map((r) => r.user_id);
}

/**
 * Who holds a step now: the committee's chairs; the assigned officer, else the agency's officers;
 * for a transfer's reply, every officer of the receiving agency (`replyingAgencyId`).
 */
async function holders(trx: Trx, idea: { committee_id: number | null; agency_id: number | null; assigned_officer_id: number | null }, step: StepKind, replyingAgencyId: number | null = null) {
  if (step === "committee") return usersWithRole(trx, "committee_chair", { committeeId: idea.committee_id });
  if (step === "transfer_reply") return usersWithRole(trx, "agency_officer", { agencyId: replyingAgencyId });
  const officers = await usersWithRole(trx, "agency_officer", { agencyId: idea.agency_id });
  if (idea.assigned_officer_id !== null && officers.includes(idea.assigned_officer_id)) return [idea.assigned_officer_id];
  return officers;
}

const NOTICE: Record<ReminderKind, NotificationKind> = {
  before_3: "deadline_in_3",
  before_1: "deadline_in_1",
  escalated: "escalated",
};

type RemindersDue = ReturnType<typeof remindersDue>;

/**
 * Sends what is owed for one step at `now` (`due`: its due date's reminders then), in one
 * transaction with the idea locked; returns the reminders sent. The idea is re-read under the
 * lock: a step that moved on (answered, forwarded, extended to another due date) is left alone.
 */
export async function remindStep(db: Kysely<Database>, step: OpenStep, now: Date, due: RemindersDue): Promise<ReminderKind[]> {
  const { owed, record } = due;
  // Only the agency's answer and follow-ups escalate: the supervising office belongs to the agency.
  const kinds = record.filter((k) => k !== "escalated" || !ENDS_AT_DUE.includes(step.step));
  // Nothing new to record (the job runs every few minutes, and a step's reminder is recorded
  // days before its due date): no transaction, and the idea is not locked, so that a support
  // or an answer in flight never waits for a job with nothing to do. The insert below still
  // decides between two processes that both find a reminder missing.
  if (kinds.every((kind) => step.recorded.includes(kind))) return [];
  return db.transaction().execute(async (trx) => {
    const idea = await trx
      .selectFrom("ideas")
      .select(["id", "title", "status", "committee_id", "agency_id", "assigned_officer_id", "committee_due_at", "agency_due_at"])
      .where("id", "=", step.ideaId)
      .forUpdate()
      .executeTakeFirst();
    if (!idea) return [];
    let replyingAgencyId: number | null = null;
    if (step.step === "transfer_reply") {
      // Still waiting for the reply, with this reply date (an answer or a reply ends it).
      const waiting = await trx
        .selectFrom("idea_transfers")
        .select("to_agency_id")
        .where("idea_id", "=", idea.id)
        .where("state", "=", "pending")
        .where("reply_due_at", "=", step.dueAt)
        .executeTakeFirst();
      if (!waiting) return [];
      replyingAgencyId = waiting.to_agency_id;
    } else if (step.step === "follow_up") {
      // Still owed, at this due date (a revision fulfils it).
      const owedNow = await trx
        .selectFrom("follow_ups")
        .select("id")
        .where("idea_id", "=", idea.id)
        .where("fulfilled_at", "is", null)
        .where("due_at", "=", step.dueAt)
        .executeTakeFirst();
      if (!owedNow) return [];
    } else {
      const current = step.step === "committee" ? idea.committee_due_at : idea.agency_due_at;
      const stillOpen = STATUS_TABLE[idea.status].deadline === step.step;
      if (!stillOpen || !current || new Date(current).getTime() !== step.dueAt.getTime()) return [];
    }
    const fresh = await trx
      .insertInto("deadline_reminders")
      .values(kinds.map((kind) => ({ idea_id: idea.id, step: step.step, due_at: step.dueAt, kind, sent_at: now })))
      .onConflict((oc) => oc.doNothing())
      .returning("kind")
      .execute();
    const sent = fresh.map((r) => r.kind).filter((k) => owed.includes(k));
    const payload = { title: idea.title, step: step.step, dueAt: step.dueAt.toISOString() };
    for (const kind of sent) {
      if (kind === "escalated") {
        const supervisors = await usersWithRole(trx, "agency_supervisor", { agencyId: idea.agency_id });
        await notify(trx, supervisors, "escalated", idea.id, payload, "email_on_staff_deadlines", now);
        const officers = await holders(trx, idea, step.step);
        await notify(trx, officers.filter((id) => !supervisors.includes(id)), "escalated", idea.id, payload, "email_on_staff_deadlines", now);
        await appendEvent(trx, { ideaId: idea.id, actorId: null, kind: "escalated", note: null, at: now });
      } else {
        await notify(trx, await holders(trx, idea, step.step, replyingAgencyId), NOTICE[kind], idea.id, payload, "email_on_staff_deadlines", now);
      }
    }
    return sent;
  });
}

/** The job's work: every open step's owed reminders and escalations. Safe to run any number of times. */
export async function sendDeadlineReminders(db: Kysely<Database>, now: Date, stepsPerRead = STEPS_PER_READ): Promise<{ reminded: number; escalated: number }> {
  const [holidays, settings] = await Promise.all([loadHolidays(db), getSettings(db)]);
  // Due dates are ends of days in Seoul, shared by many steps: each one's reminders are worked
  // out once a run (walking the business days took most of a run with nothing to send).
  const byDueDate = new Map<number, RemindersDue>();
  const dueFor = (dueAt: Date) => {
    let due = byDueDate.get(dueAt.getTime());
    if (!due) byDueDate.set(dueAt.getTime(), (due = remindersDue(dueAt, now, settings.escalation_business_days, holidays)));
    return due;
  };
  let reminded = 0;
  let escalated = 0;
  // Every open step, a read at a time in due order: a country may have more open than one read holds.
  for (let after: OpenStep | null = null; ; ) {
    const steps = await openSteps(db, now, after, stepsPerRead);
    for (const step of steps) {
      const sent = await remindStep(db, step, now, dueFor(step.dueAt));
      for (const kind of sent) kind === "escalated" ? escalated++ : reminded++;
    }
    if (steps.length < stepsPerRead) break;
    after = steps[steps.length - 1];
  }
  return { reminded, escalated };
}

/** Ideas escalated to these agencies and still unanswered: a supervisor's queue. */
export async function escalatedIdeaIds(db: Kysely<Database>, agencyIds: number[]): Promise<number[]> {
  if (agencyIds.length === 0) return [];
  const rows = await db
    .selectFrom("deadline_reminders")
    .innerJoin("ideas", "ideas.id", "deadline_reminders.idea_id")
    .select("ideas.id")
    .where("deadline_reminders.kind", "=", "escalated")
    .where("deadline_reminders.step", "=", "agency")
    .whereRef("deadline_reminders.due_at", "=", "ideas.agency_due_at")
    .where("ideas.status", "=", "under_review")
    .where("ideas.agency_id", "in", agencyIds)
    .distinct()
    .execute();
  return rows.map((r) => r.id);
}
