// Read queries for the fast track: an idea's committee, agency, recommendation, answer and
// progress; the choices staff need in their forms; the agency pages and the review queue.
import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { everyTable, rowsIf, type HasRows, type IdeaRecord } from "../ideas/record.server";
import { isSlug } from "../../utils/ids";
import { isAdmin, type Actor } from "../accounts/permissions";
import { ideaContentVisibleTo } from "../ideas/permissions";
import { ideaTitleFor } from "../moderation/permissions";
import { statusesWithDeadline } from "./statuses";
import type { WorkflowAction } from "./transitions";
import { pageOf } from "../../utils/paging";

/** Who holds an idea (from the idea already read), the committee's recommendation and the progress reported. */
export async function ideaWorkflow(db: Kysely<Database>, ideaId: number, holder: IdeaRecord["holder"], has: HasRows = everyTable) {
  const [recommendation, progress] = await Promise.all([
    has("recommendations") ? latestRecommendation(db, ideaId) : null,
    rowsIf(has, "progress_updates", () => db.selectFrom("progress_updates").select(["id", "percent", "body_html", "created_at"]).where("idea_id", "=", ideaId).orderBy("id", "desc").limit(50)),
  ]);
  return { holder, recommendation, progress };
}

/** The latest recommendation recorded on an idea, with the stance tally stored with it; null before one. */
export async function latestRecommendation(db: Kysely<Database>, ideaId: number) {
  const row = await db
    .selectFrom("recommendations")
    .leftJoin("agencies", "agencies.id", "recommendations.agency_id")
    .innerJoin("users as recorder", "recorder.id", "recommendations.recorded_by")
    .select([
      "recommendations.id",
      "recommendations.decision",
      "recommendations.rationale_html",
      "recommendations.stance_for",
      "recommendations.stance_against",
      "recommendations.stance_neutral",
      "recommendations.vote_for",
      "recommendations.vote_against",
      "recommendations.vote_abstain",
      "recommendations.vote_members",
      "recommendations.vote_quorum",
      "recommendations.votes",
      "recommendations.dissent_note_html",
      "recommendations.created_at",
      "agencies.name_ko as agency_ko",
      "agencies.name_en as agency_en",
      "recorder.display_name as recorded_by_name",
    ])
    .where("recommendations.idea_id", "=", ideaId)
    .orderBy("recommendations.id", "desc")
    .limit(1)
    .executeTakeFirst();
  return row ? { ...row, votes: row.votes ?? [], created_at: new Date(row.created_at).toISOString() } : null;
}

export type RecommendationView = NonNullable<Awaited<ReturnType<typeof latestRecommendation>>>;

/** What staff need to fill their forms, only for the actions they can take. */
export async function staffChoices(db: Kysely<Database>, agencyId: number | null, actions: WorkflowAction[], canAssign: boolean) {
  const needAgencies = actions.includes("forward") || actions.includes("reassignAgency") || actions.includes("proposeTransfer");
  const none: { id: number; name_ko: string; name_en: string }[] = [];
  const [agencies, committees, officers] = await Promise.all([
    needAgencies ? db.selectFrom("agencies").select(["id", "name_ko", "name_en"]).where("archived_at", "is", null).orderBy("id").execute() : none,
    actions.includes("reassignCommittee") ? db.selectFrom("committees").select(["id", "name_ko", "name_en"]).where("archived_at", "is", null).orderBy("id").execute() : none,
    canAssign && agencyId !== null
      ? db
          .selectFrom("role_grants")
          .innerJoin("users", "users.id", "role_grants.user_id")
          .select(["users.id", "users.display_name"])
          .where("role_grants.role", "=", "agency_officer")
          .where("role_grants.agency_id", "=", agencyId)
          .orderBy("users.display_name")
          .execute()
      : ([] as { id: number; display_name: string }[]),
  ]);
  return { agencies, committees, officers };
}

/** On-time rate: answers given by the deadline / (all answers + ideas now overdue). */
function agencyStats(db: Kysely<Database>, now: Date) {
  return db
    .selectFrom("ideas")
    .select((eb) => [
      "ideas.agency_id",
      eb.fn.countAll<number>().filterWhere("ideas.status", "in", statusesWithDeadline("agency")).as("under_review"),
      eb.fn
        .countAll<number>()
        .filterWhere((w) => w.and([w("ideas.status", "in", statusesWithDeadline("agency")), w("ideas.agency_due_at", "<=", now)]))
        .as("overdue"),
      eb.fn.countAll<number>().filterWhere("ideas.answered_at", "is not", null).as("answered"),
      eb.fn
        .countAll<number>()
        .filterWhere((w) => w.and([w("ideas.answered_at", "is not", null), w("ideas.answered_at", "<=", w.ref("ideas.agency_due_at"))]))
        .as("on_time"),
    ])
    .where("ideas.agency_id", "is not", null)
    .groupBy("ideas.agency_id");
}

export function onTimeRate(s: { answered: number; on_time: number; overdue: number }): number | null {
  const denominator = s.answered + s.overdue;
  return denominator === 0 ? null : s.on_time / denominator;
}

export async function agenciesOverview(db: Kysely<Database>, now = new Date()) {
  const [agencies, stats] = await Promise.all([
    db.selectFrom("agencies").select(["id", "slug", "kind", "name_ko", "name_en"]).orderBy("kind").orderBy("id").execute(),
    agencyStats(db, now).execute(),
  ]);
  const byAgency = new Map(stats.map((s) => [s.agency_id, s]));
  return agencies.map((a) => {
    const s = byAgency.get(a.id) ?? { under_review: 0, overdue: 0, answered: 0, on_time: 0 };
    return { ...a, underReview: s.under_review, overdue: s.overdue, answered: s.answered, onTimeRate: onTimeRate(s) };
  });
}

export function queueCards(db: Kysely<Database>) {
  return db
    .selectFrom("ideas")
    .leftJoin("users as officer", "officer.id", "ideas.assigned_officer_id")
    .leftJoin("agencies", "agencies.id", "ideas.agency_id")
    .select([
      "ideas.id",
      "ideas.title",
      "ideas.status",
      "ideas.agency_due_at",
      "ideas.answered_at",
      "ideas.outcome",
      "ideas.progress_percent",
      "officer.display_name as officer_name",
      "agencies.name_ko as agency_ko",
      "agencies.name_en as agency_en",
    ]);
}

/** Rows on one page of an agency's queue and of its answers (decision 071). */
export const AGENCY_PAGE_SIZE = 25;

/**
 * An agency's public page: its figures, one page of the ideas under its review (earliest due
 * first, so what is late leads) and one of its answers (newest first). The lists' totals are the
 * figures' counts; each page's ids come from the index alone (ideas_agency, ideas_agency_all).
 */
export async function agencyPage(db: Kysely<Database>, slug: string, actor: Actor | null, now = new Date(), pages: { queue?: number; answers?: number } = {}) {
  if (!isSlug(slug)) return null;
  const agency = await db.selectFrom("agencies").select(["id", "slug", "kind", "name_ko", "name_en"]).where("slug", "=", slug).executeTakeFirst();
  if (!agency) return null;
  const ofAgency = () => db.selectFrom("ideas").where("ideas.agency_id", "=", agency.id);
  const figures = agencyStats(db, now)
    .where("ideas.agency_id", "=", agency.id)
    .executeTakeFirst()
    .then((s) => s ?? { under_review: 0, overdue: 0, answered: 0, on_time: 0 });
  const cards = (ids: ReturnType<typeof ofAgency>) => queueCards(db).select(["ideas.hidden_at", "ideas.author_id"]).where("ideas.id", "in", ids.select("ideas.id"));
  const [queue, answers, s] = await Promise.all([
    pageOf(pages.queue ?? 1, AGENCY_PAGE_SIZE, figures.then((f) => Number(f.under_review)), (limit, offset) =>
      cards(ofAgency().where("ideas.status", "=", "under_review").orderBy("ideas.agency_due_at").orderBy("ideas.id").limit(limit).offset(offset))
        .orderBy("ideas.agency_due_at")
        .orderBy("ideas.id")
        .execute(),
    ),
    pageOf(pages.answers ?? 1, AGENCY_PAGE_SIZE, figures.then((f) => Number(f.answered)), (limit, offset) =>
      cards(ofAgency().where("ideas.answered_at", "is not", null).orderBy("ideas.answered_at", "desc").orderBy("ideas.id", "desc").limit(limit).offset(offset))
        .orderBy("ideas.answered_at", "desc")
        .orderBy("ideas.id", "desc")
        .execute(),
    ),
    figures,
  ]);
  // An idea a moderator hid keeps its place, its title only for its author and moderators (null: the page says it is hidden).
  const titled = <T extends { title: string; hidden_at: Date | string | null; author_id: number }>({ hidden_at, author_id, ...row }: T) => ({
    ...row,
    title: ideaTitleFor(actor, { title: row.title, authorId: author_id, hiddenAt: hidden_at }),
  });
  const { rows: queueRows, ...queuePage } = queue;
  const { rows: answerRows, ...answersPage } = answers;
  return { agency, queue: queueRows.map(titled), queuePage, answers: answerRows.map(titled), answersPage, stats: { ...s, onTimeRate: onTimeRate(s) } };
}

/**
 * The review queue: ideas under review (earliest due first; overdue come first by that order)
 * and the accepted ones being implemented, of the agencies the person may review — an officer's
 * own agencies, every agency for an admin — narrowed to one of them by `agencySlug` (an agency
 * not theirs, or unknown, narrows to nothing). `agencies` are the filter's choices.
 */
export async function reviewQueue(db: Kysely<Database>, actor: Actor, agencySlug: string | null = null) {
  const all = await db.selectFrom("agencies").select(["id", "slug", "name_ko", "name_en"]).orderBy("kind").orderBy("id").execute();
  const own = new Set(actor.grants.filter((g) => g.role === "agency_officer" && g.agencyId !== null).map((g) => g.agencyId!));
  const agencies = isAdmin(actor) ? all : all.filter((a) => own.has(a.id));
  const chosen = agencySlug ? agencies.find((a) => a.slug === agencySlug) ?? null : null;
  const agencyIds = agencySlug ? (chosen ? [chosen.id] : []) : agencies.map((a) => a.id);
  const none = { agencies, chosen: agencySlug, queue: [], implementing: [] };
  if (agencyIds.length === 0) return none;
  const [queue, implementing] = await Promise.all([
    queueCards(db).select(["ideas.hidden_at", "ideas.author_id"]).where("ideas.agency_id", "in", agencyIds).where("ideas.status", "=", "under_review").orderBy("ideas.agency_due_at").limit(500).execute(),
    queueCards(db)
      .select(["ideas.hidden_at", "ideas.author_id"])
      .where("ideas.agency_id", "in", agencyIds)
      .where((eb) =>
        eb.or([
          eb("ideas.status", "=", "implementing"),
          eb.and([eb("ideas.status", "=", "answered"), eb("ideas.outcome", "in", ["accepted", "partially_accepted"])]),
        ]),
      )
      .orderBy("ideas.answered_at")
      .limit(500)
      .execute(),
  ]);
  // An idea hidden by a moderator keeps its place in the queue, but its title only for those who see hidden content.
  const redact = <T extends { title: string; hidden_at: Date | string | null; author_id: number }>(rows: T[]) =>
    rows.map(({ hidden_at, author_id, ...row }) => ({ ...row, hidden: !ideaContentVisibleTo(actor, { authorId: author_id, status: "under_review", hiddenAt: hidden_at }) }))
      .map((row) => (row.hidden ? { ...row, title: "" } : row));
  return { agencies, chosen: agencySlug, queue: redact(queue), implementing: redact(implementing) };
}
