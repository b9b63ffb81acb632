// An idea read once for its page (issue 13): one statement joins everything the page's parts
// need about the idea itself — who holds it, its moderation state, its threads, where it came
// from — and splits it into one section per part. Each part then reads only its own tables.
// Private columns (screening hits, consent references, the answer's source text) stay in their
// sections; only `shown` is the idea as every reader may see it.
import { sql, type Kysely } from "kysely";
import { named } from "../../../db/named";
import { withThreadRead } from "../deliberation/deliberation.server";
import type { Database } from "../../../db/schema";

type Db = Kysely<Database>;

/**
 * The tables of an idea's later steps (the workflow's, the agency's, assisted entry's) that most
 * ideas have no row in. The record's statement says which have one for this idea (an index probe
 * each), and a part of the page reads only those: an open idea's page skips ten statements that
 * would find nothing (issue 19).
 */
export const STEP_TABLES = [
  "progress_updates",
  "recommendations",
  "deliberation_digests",
  "paper_batches",
  "in_person_supports",
  "step_extensions",
  "interim_replies",
  "answer_revisions",
  "idea_transfers",
  "follow_ups",
] as const;
export type StepTable = (typeof STEP_TABLES)[number];
/** Whether the idea has a row in one of STEP_TABLES, as read with it; a caller without the record passes `everyTable`. */
export type HasRows = (table: StepTable) => boolean;
export const everyTable: HasRows = () => true;

/**
 * The rows a query finds; none, without asking, when the idea has no row in its table. The query
 * is built only when it is run: most ideas have rows in few of these tables, and building the
 * others was 1–2 % of the hot idea page's CPU.
 */
export function rowsIf<R>(has: HasRows, table: StepTable, query: () => { execute(): Promise<R[]> }): Promise<R[]> {
  return has(table) ? query().execute() : Promise.resolve([]);
}

function recordQuery(db: Db, ideaId: number, readerId: number | null, markCommentsReadAt: Date | null = null) {
  const marking = readerId !== null && markCommentsReadAt !== null;
  // The reader's read mark of the comments (decision 089): the idea's comment thread, if any.
  const commentThread = sql`SELECT id FROM threads WHERE idea_id = ${ideaId} AND kind = 'idea_comments'`;
  return (marking ? withThreadRead(db, readerId, commentThread, markCommentsReadAt) : db)
    .selectFrom("ideas")
    .innerJoin("users as author", "author.id", "ideas.author_id")
    .innerJoin("categories", "categories.id", "ideas.category_id")
    .leftJoin("regions", "regions.id", "ideas.region_id")
    .leftJoin("campaigns", "campaigns.id", "ideas.campaign_id")
    .leftJoin("regions as call_region", "call_region.id", "campaigns.eligible_region_id")
    .leftJoin("committees", "committees.id", "ideas.committee_id")
    .leftJoin("agencies", "agencies.id", "ideas.agency_id")
    .leftJoin("users as officer", "officer.id", "ideas.assigned_officer_id")
    .leftJoin("users as staff", "staff.id", "ideas.entered_by")
    .leftJoin("civic_events as event", "event.id", "ideas.event_id")
    .leftJoin("ideas as survivor", "survivor.id", "ideas.merged_into_id")
    // The kinds as literals, not parameters: PostgreSQL's generic plan for the named statement
    // then still reaches each thread through its kind's partial index (decision 073).
    .leftJoin("threads as comments", (join) => join.onRef("comments.idea_id", "=", "ideas.id").on("comments.kind", "=", sql.lit("idea_comments")))
    .leftJoin("threads as deliberation", (join) => join.onRef("deliberation.idea_id", "=", "ideas.id").on("deliberation.kind", "=", sql.lit("committee")))
    .leftJoin("committees as deliberating", "deliberating.id", "deliberation.committee_id")
    .select([
      // Shown to every reader who may see the idea.
      "ideas.id",
      "ideas.author_id",
      "ideas.title",
      "ideas.body",
      "ideas.body_html",
      "ideas.excerpt",
      "ideas.status",
      "ideas.support_count",
      "ideas.verified_support_count",
      "ideas.threshold_counts_verified",
      "ideas.support_threshold",
      "ideas.support_ends_at",
      "ideas.threshold_reached_at",
      "ideas.hidden_at",
      "ideas.created_at",
      "ideas.edited_at",
      "author.display_name as author_name",
      "categories.id as category_id",
      "categories.name_ko as category_ko",
      "categories.name_en as category_en",
      "regions.name_ko as region_ko",
      "regions.name_en as region_en",
      "campaigns.slug as campaign_slug",
      "campaigns.title_ko as campaign_ko",
      "campaigns.title_en as campaign_en",
      "campaigns.support_level as campaign_support_level",
      "call_region.name_ko as call_region_ko",
      "call_region.name_en as call_region_en",
      "campaigns.min_age as campaign_min_age",
      // Who holds it and how far it got.
      "ideas.committee_id",
      "ideas.committee_due_at",
      "ideas.agency_id",
      "ideas.agency_due_at",
      "ideas.outcome",
      "ideas.official_answer",
      "ideas.official_answer_html",
      "ideas.answered_at",
      "ideas.progress_percent",
      "ideas.assigned_officer_id",
      "ideas.merged_into_id",
      "committees.slug as committee_slug",
      "committees.name_ko as committee_ko",
      "committees.name_en as committee_en",
      "agencies.slug as agency_slug",
      "agencies.name_ko as agency_ko",
      "agencies.name_en as agency_en",
      "officer.display_name as officer_name",
      // Moderation.
      "ideas.hidden_by",
      "ideas.hidden_reason",
      "ideas.screening",
      "survivor.id as survivor_id",
      "survivor.title as survivor_title",
      "survivor.status as survivor_status",
      // Its threads.
      "comments.id as comment_thread_id",
      "comments.locked_at as comments_locked_at",
      "comments.lock_reason as comments_lock_reason",
      "comments.post_count as comment_count",
      "comments.posts_version as comments_posts_version",
      "deliberation.id as deliberation_thread_id",
      "deliberation.post_count as deliberation_post_count",
      "deliberating.name_ko as deliberating_ko",
      "deliberating.name_en as deliberating_en",
      // Where it came from (assisted entry, decision 039).
      "ideas.channel",
      "ideas.entered_by",
      "ideas.claimed_at",
      "ideas.consent_ref",
      "ideas.event_id",
      "ideas.paper_support_count",
      "ideas.paper_counted",
      "staff.display_name as staff_name",
      "campaigns.paper_supports as paper_rule",
      "event.title_ko as event_title_ko",
      "event.title_en as event_title_en",
      "event.starts_at as event_starts_at",
      "event.committee_id as event_committee_id",
      "event.agency_id as event_agency_id",
    ])
    .select(STEP_TABLES.map((table) => sql<boolean>`exists (select 1 from ${sql.table(table)} where ${sql.ref(`${table}.idea_id`)} = ideas.id)`.as(`has_${table}`)))
    // The newest timeline event's id (one probe of idea_events_idea): the timeline each process
    // keeps is read again as soon as it differs (decision 078).
    .select(sql<string | null>`(select max(idea_events.id) from idea_events where idea_events.idea_id = ideas.id)`.as("last_event_id"))
    // The reader's own marks (an index probe each; none match without a reader): in the record's
    // statement rather than one of their own (issue 19).
    .select((eb) => [
      eb.exists(eb.selectFrom("supports").select("supports.user_id").whereRef("supports.idea_id", "=", "ideas.id").where("supports.user_id", "=", readerId)).as("reader_supports"),
      eb.exists(eb.selectFrom("follows").select("follows.user_id").whereRef("follows.idea_id", "=", "ideas.id").where("follows.user_id", "=", readerId)).as("reader_follows"),
      eb.exists(eb.selectFrom("users as reader").select("reader.id").where("reader.id", "=", readerId).where("reader.home_region_id", "is not", null)).as("reader_has_home_region"),
      eb.exists(eb.selectFrom("flags").select("flags.id").whereRef("flags.idea_id", "=", "ideas.id").where("flags.user_id", "=", readerId)).as("reader_flagged"),
    ])
    .$if(marking, (qb) => qb.select(sql<Date | null>`(SELECT last_read_at FROM before)`.as("comments_last_read_at")))
    .where("ideas.id", "=", ideaId);
}

type Row = NonNullable<Awaited<ReturnType<ReturnType<typeof recordQuery>["executeTakeFirst"]>>>;

/**
 * The idea and everything its page's parts need about it, in sections; null when there is none.
 * A named statement: planning its sixteen tables and ten probes cost several times its run.
 * `markCommentsReadAt` (the idea's page, for a signed-in reader): the reader's read mark of the
 * comments is moved in the same statement (decision 089), one round trip fewer than `markRead`.
 */
export async function readIdea(db: Db, ideaId: number, readerId: number | null = null, options: { markCommentsReadAt?: Date } = {}) {
  const at = options.markCommentsReadAt ?? null;
  const marks = [readerId, readerId, readerId, readerId, ideaId];
  const [r] =
    readerId !== null && at !== null
      ? await named(db, "idea-record-read", [ideaId, readerId, readerId, at, ...marks], () => recordQuery(db, ideaId, readerId, at))
      : await named(db, "idea-record", marks, () => recordQuery(db, ideaId, readerId));
  return r ? sections(r) : null;
}

export type IdeaRecord = ReturnType<typeof sections>;

function sections(r: Row) {
  const present = new Set(STEP_TABLES.filter((table) => (r as unknown as Record<string, boolean>)[`has_${table}`]));
  const has: HasRows = (table) => present.has(table);
  return {
    /** Which of STEP_TABLES have a row for the idea: a part reads its table only then. */
    has,
    /** The id of the idea's newest timeline event ("" when none): what its kept timeline is checked against. */
    lastEventId: String(r.last_event_id ?? ""),
    /** The marks of the reader passed to readIdea (all false without one). */
    reader: {
      supports: Boolean(r.reader_supports),
      follows: Boolean(r.reader_follows),
      /** Whether the reader gave a home region: a supporter without one is reminded (it is what the regional chart counts). */
      hasHomeRegion: Boolean(r.reader_has_home_region),
      /** Whether the reader has reported the idea (its page then offers no second report). */
      flagged: Boolean(r.reader_flagged),
    },
    shown: {
      id: r.id,
      author_id: r.author_id,
      title: r.title,
      body: r.body,
      body_html: r.body_html,
      excerpt: r.excerpt,
      status: r.status,
      support_count: r.support_count,
      verified_support_count: r.verified_support_count,
      threshold_counts_verified: r.threshold_counts_verified,
      support_threshold: r.support_threshold,
      support_ends_at: r.support_ends_at,
      threshold_reached_at: r.threshold_reached_at,
      hidden_at: r.hidden_at,
      created_at: r.created_at,
      edited_at: r.edited_at,
      author_name: r.author_name,
      category_id: r.category_id,
      category_ko: r.category_ko,
      category_en: r.category_en,
      region_ko: r.region_ko,
      region_en: r.region_en,
      campaign_slug: r.campaign_slug,
      campaign_ko: r.campaign_ko,
      campaign_en: r.campaign_en,
      campaign_support_level: r.campaign_support_level,
      call_region_ko: r.call_region_ko,
      call_region_en: r.call_region_en,
      campaign_min_age: r.campaign_min_age,
    },
    holder: {
      committee_id: r.committee_id,
      committee_due_at: r.committee_due_at,
      agency_id: r.agency_id,
      agency_due_at: r.agency_due_at,
      outcome: r.outcome,
      official_answer_html: r.official_answer_html,
      answered_at: r.answered_at,
      progress_percent: r.progress_percent,
      assigned_officer_id: r.assigned_officer_id,
      merged_into_id: r.merged_into_id,
      committee_slug: r.committee_slug,
      committee_ko: r.committee_ko,
      committee_en: r.committee_en,
      agency_slug: r.agency_slug,
      agency_ko: r.agency_ko,
      agency_en: r.agency_en,
      officer_name: r.officer_name,
    },
    /** The answer's source text: for its agency's officers only (the revision form). */
    officialAnswer: r.official_answer,
    moderation: {
      id: r.id,
      author_id: r.author_id,
      status: r.status,
      hidden_at: r.hidden_at,
      hidden_by: r.hidden_by,
      hidden_reason: r.hidden_reason,
      screening: r.screening,
      survivor_id: r.survivor_id,
      survivor_title: r.survivor_title,
      survivor_status: r.survivor_status,
    },
    threads: {
      id: r.id,
      status: r.status,
      comment_thread_id: r.comment_thread_id,
      locked_at: r.comments_locked_at,
      lock_reason: r.comments_lock_reason,
      post_count: r.comment_count,
      /** Moves with every change to the comments (decision 090): the page of them is kept per version. */
      posts_version: r.comments_posts_version,
      deliberation_thread_id: r.deliberation_thread_id,
      deliberation_post_count: r.deliberation_post_count,
      committee_ko: r.deliberating_ko,
      committee_en: r.deliberating_en,
      /** The reader's mark of the comments before this view moved it, when readIdea moved it (null: a first visit). */
      commentsRead: "comments_last_read_at" in r ? { previous: r.comments_last_read_at ? new Date(r.comments_last_read_at) : null } : null,
    },
    origin: {
      author_id: r.author_id,
      channel: r.channel,
      entered_by: r.entered_by,
      claimed_at: r.claimed_at,
      consent_ref: r.consent_ref,
      event_id: r.event_id,
      paper_support_count: r.paper_support_count,
      paper_counted: r.paper_counted,
      staff_name: r.staff_name,
      rule: r.paper_rule,
      event_title_ko: r.event_title_ko,
      event_title_en: r.event_title_en,
      event_starts_at: r.event_starts_at,
      /** Who organises the event it was born at (its organiser reaches its paper supports). */
      event_organiser: r.event_id === null ? null : { committee_id: r.event_committee_id, agency_id: r.event_agency_id },
    },
  };
}
