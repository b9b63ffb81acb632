// Personal notifications, written in the transaction of the change they report.
// Status changes of ideas a person follows or supports are not copied here (an idea may have
// a million supporters): the notification centre reads them from the timeline, and only the
// supporters who asked for e-mail get rows, from a background job (digest.server.ts).
import { sql, type Transaction } from "kysely";
import type { Database, DigestArgument, IdeaStatus } from "../../../db/schema";
import type { DigestPayload } from "./digest-text";

type Trx = Transaction<Database>;

export type NotificationKind =
  | "status" // the person's own idea changed status
  | "committee_assigned" // a fast-tracked idea reached the person's committee
  | "agency_assigned" // a forwarded idea reached the person's agency
  | "committee_reassigned" // an admin moved an idea to the person's committee (with its new deadline)
  | "agency_reassigned" // an admin moved an idea to the person's agency (with its new deadline)
  | "overdue" // a step the person is responsible for (or oversees) passed its deadline
  | "deadline_in_3" // a step the person holds is due in three business days (agencies/reminders.server.ts)
  | "deadline_in_1" // ... in one business day
  | "escalated" // an agency's step overdue long enough went to its supervising office
  | "answer_revised" // the agency revised its answer to the person's own or followed idea
  | "followed_status" // e-mail copy of a followed/supported idea's change (opt-in)
  | "moderation" // a moderator acted on the person's content
  | "moderation_notice" // other moderation news in one sentence: merges, suspensions, alerts
  | "vote_closed" // a committee's vote on an idea closed (to its chairs; app/domain/committees)
  | "event_reminder" // an event the person registered for starts within a day (app/domain/events)
  | "event_promoted" // a place freed up: the person moved from the waiting list to registered
  | "event_cancelled" // the organiser cancelled an event the person registered or waited for
  | "transfer_proposed" // another agency proposes the person's agency answer an idea (agencies/transfers.server.ts)
  | "transfer_decided" // the agency the person's agency proposed accepted or declined the transfer
  | "follow_up_owed" // the person's agency owes a follow-up answer (citizens' follow-through said no)
  | "transfer_lapsed" // the agency the person's agency proposed did not reply in time: the idea stays with the person's agency (decision 055)
  | "guest_invited" // a committee's chair invited the person to post in an idea's deliberation (deliberation/guests.server.ts)
  | "guest_withdrawn"; // the chair withdrew that invitation: the person can no longer post there (their posts stay)

/** The kinds that lead to the deliberation thread (payload `threadId`), not to the idea: invitations and their withdrawal. */
export const THREAD_NOTIFICATIONS: readonly NotificationKind[] = ["guest_invited", "guest_withdrawn"];

export type EmailPreference = "email_on_own_ideas" | "email_on_followed_ideas" | "email_on_staff_deadlines";

/** One notification per recipient; it goes out by e-mail if the recipient's preference says so. */
export async function notify(
  trx: Trx,
  userIds: number[],
  kind: NotificationKind,
  ideaId: number | null,
  payload: Record<string, unknown>,
  emailPreference: EmailPreference,
  now: Date,
): Promise<void> {
  if (userIds.length === 0) return;
  await trx
    .insertInto("notifications")
    .columns(["user_id", "kind", "idea_id", "payload", "email", "created_at"])
    .expression(
      trx
        .selectFrom("users")
        .select([
          "users.id",
          sql.lit(kind).as("kind"),
          sql<number | null>`${ideaId}::bigint`.as("idea_id"),
          sql<string>`${JSON.stringify(payload)}::jsonb`.as("payload"),
          sql.ref<boolean>(`users.${emailPreference}`).as("email"),
          sql<Date>`${now}::timestamptz`.as("created_at"),
        ])
        .where("users.id", "in", [...new Set(userIds)]),
    )
    .execute();
}

async function staffOf(trx: Trx, role: "committee_chair" | "agency_officer", scopeId: number | null): Promise<number[]> {
  if (scopeId === null) return [];
  const rows = await trx
    .selectFrom("role_grants")
    .select("user_id")
    .where("role", "=", role)
    .where(role === "committee_chair" ? "committee_id" : "agency_id", "=", scopeId)
    .execute();
  return rows.map((r) => r.user_id);
}

export async function notifyStatusChange(
  trx: Trx,
  idea: { id: number; title: string; author_id: number; committee_id: number | null; agency_id: number | null },
  from: IdeaStatus,
  to: IdeaStatus,
  now: Date,
): Promise<void> {
  const payload = { title: idea.title, from, to };
  await notify(trx, [idea.author_id], "status", idea.id, payload, "email_on_own_ideas", now);
  if (to === "fast_tracked") {
    const chairs = await staffOf(trx, "committee_chair", idea.committee_id);
    await notify(trx, chairs, "committee_assigned", idea.id, payload, "email_on_staff_deadlines", now);
  }
  if (to === "under_review") {
    const officers = await staffOf(trx, "agency_officer", idea.agency_id);
    // The committee's deliberation digest, frozen with the recommendation just recorded, goes
    // with it as text (decision 054); each officer reads it in their own language's frame.
    const digest = await frozenDigest(trx, idea.id);
    await notify(trx, officers, "agency_assigned", idea.id, digest ? { ...payload, digest } : payload, "email_on_staff_deadlines", now);
  }
}

/** The idea's frozen deliberation digest as the agency's notification carries it; null when none was written. */
async function frozenDigest(trx: Trx, ideaId: number): Promise<DigestPayload | null> {
  const row = await trx
    .selectFrom("deliberation_digests")
    .select(["arguments_for", "arguments_against", "open_questions", "evidence"])
    .where("idea_id", "=", ideaId)
    .where("frozen_at", "is not", null)
    .executeTakeFirst();
  if (!row) return null;
  return {
    for: row.arguments_for as DigestArgument[],
    against: row.arguments_against as DigestArgument[],
    questions: row.open_questions as string[],
    evidence: row.evidence,
  };
}

/** An admin moved an idea to another committee or agency: its chairs or officers are told, with the new deadline. */
export async function notifyReassigned(
  trx: Trx,
  idea: { id: number; title: string },
  target: "committee" | "agency",
  scopeId: number,
  dueAt: Date,
  now: Date,
): Promise<void> {
  const staff = await staffOf(trx, target === "committee" ? "committee_chair" : "agency_officer", scopeId);
  const payload = { title: idea.title, due: dueAt.toISOString() };
  await notify(trx, staff, target === "committee" ? "committee_reassigned" : "agency_reassigned", idea.id, payload, "email_on_staff_deadlines", now);
}

/** Every officer of an agency hears of something about one of its ideas (staff e-mail preference). */
export async function notifyAgencyOfficers(trx: Trx, agencyId: number | null, kind: NotificationKind, ideaId: number, payload: Record<string, unknown>, now: Date): Promise<void> {
  await notify(trx, await staffOf(trx, "agency_officer", agencyId), kind, ideaId, payload, "email_on_staff_deadlines", now);
}

export async function notifyOverdue(trx: Trx, ideaId: number, step: "committee" | "agency" | "follow_up", now: Date): Promise<void> {
  const idea = await trx
    .selectFrom("ideas")
    .select(["id", "title", "committee_id", "agency_id"])
    .where("id", "=", ideaId)
    .executeTakeFirstOrThrow();
  const responsible =
    step === "committee" ? await staffOf(trx, "committee_chair", idea.committee_id) : await staffOf(trx, "agency_officer", idea.agency_id);
  const payload = { title: idea.title, step };
  await notify(trx, responsible, "overdue", ideaId, payload, "email_on_staff_deadlines", now);
  // Admins who are not already among the responsible people.
  const admins = await trx
    .selectFrom("role_grants")
    .select("user_id")
    .where("role", "=", "admin")
    .where("user_id", "not in", responsible.length ? responsible : [-1])
    .execute();
  await notify(trx, admins.map((a) => a.user_id), "overdue", ideaId, payload, "email_on_staff_deadlines", now);
}

/** A committee's vote closed: its chairs are told the count (all but the chair who closed it). */
export async function notifyVoteClosed(
  trx: Trx,
  idea: { id: number; title: string; committee_id: number },
  result: { for: number; against: number; abstain: number; cast: number; needed: number; quorumMet: boolean },
  closedBy: number | null,
  now: Date,
): Promise<void> {
  const chairs = (await staffOf(trx, "committee_chair", idea.committee_id)).filter((id) => id !== closedBy);
  await notify(trx, chairs, "vote_closed", idea.id, { title: idea.title, ...result }, "email_on_staff_deadlines", now);
}
