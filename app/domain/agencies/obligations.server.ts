// What an agency owes besides its first answer (issue 15, decision 035): a follow-up answer
// after "further study" (at the date it named) and after citizens' follow-through said no
// (decision 042). Each is a row of follow_ups, fulfilled by the next published version of the
// answer; until then it is a step like any other: reminded, overdue, escalated (reminders.server.ts,
// markOverdue). Also the end of a pending transfer when the idea moves on otherwise.
// Written by the workflow's use cases, in their transaction: this module imports no use case.
import type { Kysely } from "kysely";
import type { Database, FollowUpKind, Outcome } from "../../../db/schema";
import { fail, msg, type Failure } from "../../utils/result";
import type { Trx } from "../use-case.server";
import { addBusinessDays } from "./clock";
import { loadHolidays } from "./holidays.server";
import { everyTable, type HasRows } from "../ideas/record.server";
import { DAY_MS, endOfKoreaDay, isIsoDate, koreaDate } from "../../utils/korea-time";

/** The latest follow-up date an agency may name for further study, in calendar days. */
const FOLLOW_UP_MAX_DAYS = 366;

/**
 * The due instant of a further-study follow-up named as a Korean calendar date: the end of that
 * day. It must be at least one business day after today (Korea time) and within a year.
 */
export async function followUpDue(trx: Trx, date: string, now: Date): Promise<Date | Failure> {
  if (!isIsoDate(date)) return fail("followUpDate", msg("transfers.errors.followUpDate"));
  const earliest = addBusinessDays(koreaDate(now), 1, await loadHolidays(trx));
  const latest = koreaDate(new Date(now.getTime() + FOLLOW_UP_MAX_DAYS * DAY_MS));
  if (date < earliest || date > latest) return fail("followUpDate", msg("transfers.errors.followUpRange", { earliest, latest }));
  return endOfKoreaDay(date);
}

/** Records a follow-up the agency owes; once per idea and kind (false when already owed once). */
export async function oweFollowUp(trx: Trx, input: { ideaId: number; kind: FollowUpKind; agencyId: number | null; dueAt: Date; now: Date }): Promise<boolean> {
  const row = await trx
    .insertInto("follow_ups")
    .values({ idea_id: input.ideaId, kind: input.kind, agency_id: input.agencyId, due_at: input.dueAt, created_at: input.now })
    .onConflict((oc) => oc.constraint("follow_ups_once").doNothing())
    .returning("id")
    .executeTakeFirst();
  return Boolean(row);
}

/**
 * A published revision fulfils what is owed: the follow-through's follow-up by any revision, the
 * further study's only by a revision that concludes it (an outcome other than further study).
 */
export async function fulfilFollowUps(trx: Trx, ideaId: number, outcome: Outcome, version: number, now: Date): Promise<void> {
  let query = trx.updateTable("follow_ups").set({ fulfilled_at: now, fulfilled_version: version }).where("idea_id", "=", ideaId).where("fulfilled_at", "is", null);
  if (outcome === "further_study") query = query.where("kind", "=", "follow_through");
  await query.execute();
}

/** Closes the idea's pending transfer when the idea moves on otherwise (answered, reassigned). */
export async function withdrawPendingTransfer(trx: Trx, ideaId: number, now: Date): Promise<void> {
  await trx.updateTable("idea_transfers").set({ state: "withdrawn", decided_at: now }).where("idea_id", "=", ideaId).where("state", "=", "pending").execute();
}

/** The follow-ups of an idea (owed and fulfilled), oldest first. */
export async function ideaFollowUps(db: Kysely<Database> | Trx, ideaId: number, has: HasRows = everyTable) {
  if (!has("follow_ups")) return [];
  const rows = await db.selectFrom("follow_ups").select(["id", "kind", "due_at", "created_at", "fulfilled_at", "fulfilled_version"]).where("idea_id", "=", ideaId).orderBy("id").execute();
  return rows.map((r) => ({
    ...r,
    due_at: new Date(r.due_at).toISOString(),
    created_at: new Date(r.created_at).toISOString(),
    fulfilled_at: r.fulfilled_at ? new Date(r.fulfilled_at).toISOString() : null,
  }));
}
