// The officers' history and search (/review) and each agency's promised-versus-delivered
// record (/agencies/:slug), issue 15 item 5.
import { sql, type Kysely } from "kysely";
import type { Database, IdeaStatus, Outcome } from "../../../db/schema";
import { isAdmin, worksForAgency, type Actor } from "../accounts/permissions";
import { ideaContentVisibleTo } from "../ideas/permissions";
import { OUTCOMES } from "../workflow/transitions";
import { queueCards } from "../workflow/queries.server";
import { searchText, trimmed } from "../../utils/text";
import { DAY_MS } from "../../utils/korea-time";
import { keptPerKey } from "../kept.server";
import { pageParam } from "../../utils/paging";

export const HISTORY_STATUSES: IdeaStatus[] = ["under_review", "answered", "implementing", "implemented"];
export const HISTORY_PAGE_SIZE = 25;
const MAX_PAGE = 400;

export interface HistoryQuery {
  q: string;
  status: IdeaStatus | "";
  outcome: Outcome | "";
  /** "" anyone, "me", "none" (not assigned), or an officer's id. */
  assignee: string;
  /** "" any, "overdue" (past due and unanswered), "week" (due within 7 days and unanswered). */
  due: "" | "overdue" | "week";
  sort: "due" | "recent";
  page: number;
}

/** The query from the address's parameters; anything unknown falls back to "any" (never an error). */
export function historyQuery(params: URLSearchParams): HistoryQuery {
  const pick = <T extends string>(value: string | null, allowed: readonly T[], fallback: T): T => (allowed.includes(value as T) ? (value as T) : fallback);
  const page = pageParam(params);
  const assignee = params.get("assignee") ?? "";
  return {
    // One parser for every search box (app/utils/text.ts): no control characters, NUL included.
    q: trimmed(searchText(params.get("q"))),
    status: pick(params.get("status"), ["", ...HISTORY_STATUSES] as const, ""),
    outcome: pick(params.get("outcome"), ["", ...OUTCOMES] as const, ""),
    assignee: assignee === "me" || assignee === "none" || /^[1-9][0-9]{0,9}$/.test(assignee) ? assignee : "",
    due: pick(params.get("due"), ["", "overdue", "week"] as const, ""),
    sort: pick(params.get("sort"), ["due", "recent"] as const, "due"),
    page: page <= MAX_PAGE ? page : 1,
  };
}

/** The agencies whose history the person may search: their own; every one for an admin. */
function reviewedAgencies(actor: Actor, all: { id: number }[]): number[] {
  return isAdmin(actor) ? all.map((a) => a.id) : all.filter((a) => worksForAgency(actor, a.id)).map((a) => a.id);
}

/** Ideas of the person's agencies, filtered and sorted as asked, one page, with their ratings. */
export async function reviewHistory(db: Kysely<Database>, actor: Actor, query: HistoryQuery, now = new Date()) {
  const all = await db.selectFrom("agencies").select("id").execute();
  const agencyIds = reviewedAgencies(actor, all);
  if (agencyIds.length === 0) return { rows: [], hasNext: false, officers: [] };
  let q = queueCards(db)
    .select([
      "ideas.hidden_at",
      "ideas.author_id",
      sql<number>`(select count(*) from follow_through_ratings r where r.idea_id = ideas.id and r.rating = 'yes')::int`.as("rated_yes"),
      sql<number>`(select count(*) from follow_through_ratings r where r.idea_id = ideas.id and r.rating = 'partly')::int`.as("rated_partly"),
      sql<number>`(select count(*) from follow_through_ratings r where r.idea_id = ideas.id and r.rating = 'no')::int`.as("rated_no"),
    ])
    .where("ideas.agency_id", "in", agencyIds)
    .where("ideas.status", "in", query.status ? [query.status] : HISTORY_STATUSES);
  if (query.outcome) q = q.where("ideas.outcome", "=", query.outcome);
  if (query.q) q = q.where("ideas.title", "ilike", `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  if (query.assignee === "me") q = q.where("ideas.assigned_officer_id", "=", actor.id);
  else if (query.assignee === "none") q = q.where("ideas.assigned_officer_id", "is", null);
  else if (query.assignee) q = q.where("ideas.assigned_officer_id", "=", Number(query.assignee));
  if (query.due === "overdue") q = q.where("ideas.status", "=", "under_review").where("ideas.agency_due_at", "<=", now);
  if (query.due === "week") q = q.where("ideas.status", "=", "under_review").where("ideas.agency_due_at", ">", now).where("ideas.agency_due_at", "<=", new Date(now.getTime() + 7 * DAY_MS));
  q =
    query.sort === "recent"
      ? q.orderBy(sql`coalesce(ideas.answered_at, ideas.status_changed_at)`, "desc").orderBy("ideas.id", "desc")
      : // Overdue first (unanswered and past due), then by due date.
        q
          .orderBy(sql`case when ideas.status = 'under_review' and ideas.agency_due_at <= ${now}::timestamptz then 0 else 1 end`)
          .orderBy("ideas.agency_due_at", (ob) => ob.asc().nullsLast())
          .orderBy("ideas.id");
  const rows = await q
    .limit(HISTORY_PAGE_SIZE + 1)
    .offset((query.page - 1) * HISTORY_PAGE_SIZE)
    .execute();
  const officers = await db
    .selectFrom("role_grants")
    .innerJoin("users", "users.id", "role_grants.user_id")
    .select(["users.id", "users.display_name"])
    .where("role_grants.role", "=", "agency_officer")
    .where("role_grants.agency_id", "in", agencyIds)
    .distinct()
    .orderBy("users.display_name")
    .limit(500)
    .execute();
  const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);
  return {
    rows: rows.slice(0, HISTORY_PAGE_SIZE).map(({ hidden_at, author_id, ...r }) => {
      const hidden = !ideaContentVisibleTo(actor, { authorId: author_id, status: r.status, hiddenAt: hidden_at });
      return { ...r, title: hidden ? "" : r.title, hidden, agency_due_at: iso(r.agency_due_at), answered_at: iso(r.answered_at), overdue: r.status === "under_review" && r.agency_due_at !== null && new Date(r.agency_due_at) <= now };
    }),
    hasNext: rows.length > HISTORY_PAGE_SIZE,
    officers,
  };
}

/** Transfers proposed to the person's agencies and waiting for their reply. */
export async function transfersAwaitingReply(db: Kysely<Database>, actor: Actor) {
  const agencyIds = actor.grants.filter((g) => g.role === "agency_officer" && g.agencyId !== null).map((g) => g.agencyId!);
  if (agencyIds.length === 0) return [];
  const rows = await db
    .selectFrom("idea_transfers")
    .innerJoin("ideas", "ideas.id", "idea_transfers.idea_id")
    .innerJoin("agencies as f", "f.id", "idea_transfers.from_agency_id")
    .select(["ideas.id", "ideas.title", "idea_transfers.reply_due_at", "f.name_ko as from_ko", "f.name_en as from_en"])
    .where("idea_transfers.state", "=", "pending")
    .where("idea_transfers.to_agency_id", "in", agencyIds)
    .orderBy("idea_transfers.reply_due_at")
    .limit(200)
    .execute();
  return rows.map((r) => ({ ...r, reply_due_at: new Date(r.reply_due_at).toISOString() }));
}

/** How long an agency's answer figures are kept at most, whatever their version says (decision 071). */
const ANSWER_TIMES_MAX_AGE_MS = 5 * 60_000;
type AnswerTimes = { answered: number; on_time_original: number; on_time_extended: number; late: number; median_days: number | null };
const keptAnswerTimes = keptPerKey(ANSWER_TIMES_MAX_AGE_MS, answerTimes, ["workflow.answer", "answer.revise", "transfer."]);

/** Every answer of the agency against its dates, and the median days its step took (reads each answered idea). */
async function answerTimes(db: Kysely<Database>, agencyId: number): Promise<AnswerTimes> {
  const counts = await sql<AnswerTimes>`
    WITH answered AS (
      SELECT i.id, i.answered_at, i.agency_due_at,
        -- The step of the agency that answered (after a transfer, the receiving agency's own: decision 055).
        coalesce((SELECT e.original_due_at FROM step_extensions e WHERE e.idea_id = i.id AND e.step = 'agency' AND e.agency_id = i.agency_id), i.agency_due_at) AS original_due_at,
        (SELECT max(ev.created_at) FROM idea_events ev WHERE ev.idea_id = i.id AND ev.created_at <= i.answered_at
           AND (ev.to_status = 'under_review' OR ev.kind IN ('transfer_accepted', 'reassigned_agency'))) AS started_at
      FROM ideas i WHERE i.agency_id = ${agencyId} AND i.answered_at IS NOT NULL
    )
    SELECT count(*)::int AS answered,
      count(*) FILTER (WHERE answered_at <= original_due_at)::int AS on_time_original,
      count(*) FILTER (WHERE answered_at <= agency_due_at)::int AS on_time_extended,
      count(*) FILTER (WHERE answered_at > agency_due_at)::int AS late,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM answered_at - started_at) / 86400) AS median_days
    FROM answered`.execute(db);
  return counts.rows[0];
}

/**
 * What the agency promised and what it delivered: answers on time against the original due
 * date and against the extended one, late answers, extensions (with their reasons), transfers
 * out and in, follow-up answers owed and given, and the median days from the agency's step
 * starting to its answer. With `counted` (the agency's public page passes the answered and
 * on-time counts it read), the answer figures, which read every answered idea, are kept until
 * those counts change or five minutes pass (decision 071); without it they are read now.
 */
export async function promisedAndDelivered(db: Kysely<Database>, agencyId: number, counted?: { answered: number; on_time: number }) {
  const [c, extensions, transfers, followUps] = await Promise.all([
    counted === undefined ? answerTimes(db, agencyId) : keptAnswerTimes.get(db, agencyId, `${counted.answered}|${counted.on_time}`),
    db
      .selectFrom("step_extensions")
      .innerJoin("ideas", "ideas.id", "step_extensions.idea_id")
      .select(["step_extensions.id", "step_extensions.step", "ideas.id as idea_id", "ideas.title", "ideas.hidden_at", "step_extensions.business_days", "step_extensions.reason", "step_extensions.created_at"])
      // The agency's own extensions: of its answer (also of an idea it transferred since) and of its follow-ups.
      .where("step_extensions.step", "in", ["agency", "follow_up"])
      .where("step_extensions.agency_id", "=", agencyId)
      .orderBy("step_extensions.id", "desc")
      .limit(50)
      .execute(),
    db
      .selectFrom("idea_transfers")
      .select([
        sql<number>`count(*) filter (where from_agency_id = ${agencyId} and state = 'accepted')::int`.as("out_accepted"),
        sql<number>`count(*) filter (where from_agency_id = ${agencyId})::int`.as("out_proposed"),
        sql<number>`count(*) filter (where to_agency_id = ${agencyId} and state = 'accepted')::int`.as("in_accepted"),
        sql<number>`count(*) filter (where to_agency_id = ${agencyId} and state = 'declined')::int`.as("in_declined"),
      ])
      .where((eb) => eb.or([eb("from_agency_id", "=", agencyId), eb("to_agency_id", "=", agencyId)]))
      .executeTakeFirstOrThrow(),
    // Follow-up answers, on time against the date first set and against the extended one.
    db
      .selectFrom("follow_ups")
      .leftJoin("step_extensions as e", "e.follow_up_id", "follow_ups.id")
      .select([
        sql<number>`count(*)::int`.as("owed"),
        sql<number>`count(*) filter (where follow_ups.fulfilled_at is not null)::int`.as("given"),
        sql<number>`count(e.id)::int`.as("extended"),
        sql<number>`count(*) filter (where follow_ups.fulfilled_at <= coalesce(e.original_due_at, follow_ups.due_at))::int`.as("on_time_original"),
        sql<number>`count(*) filter (where follow_ups.fulfilled_at <= follow_ups.due_at)::int`.as("on_time_extended"),
        sql<number>`count(*) filter (where follow_ups.fulfilled_at > follow_ups.due_at)::int`.as("late"),
      ])
      .where("follow_ups.agency_id", "=", agencyId)
      .executeTakeFirstOrThrow(),
  ]);
  return {
    answered: Number(c.answered),
    onTimeOriginal: Number(c.on_time_original),
    onTimeExtended: Number(c.on_time_extended),
    late: Number(c.late),
    medianDays: c.median_days === null ? null : Math.round(Number(c.median_days) * 10) / 10,
    extensions: extensions.map(({ hidden_at, ...e }) => ({ ...e, title: hidden_at ? null : e.title, created_at: new Date(e.created_at).toISOString() })),
    transfers: { outAccepted: Number(transfers.out_accepted), outProposed: Number(transfers.out_proposed), inAccepted: Number(transfers.in_accepted), inDeclined: Number(transfers.in_declined) },
    followUps: {
      owed: Number(followUps.owed),
      given: Number(followUps.given),
      extended: Number(followUps.extended),
      onTimeOriginal: Number(followUps.on_time_original),
      onTimeExtended: Number(followUps.on_time_extended),
      late: Number(followUps.late),
    },
  };
}
