// What the open data API and the Atom feed publish. Only public ideas (never pending, rejected
// or hidden ones) and only public fields: no e-mail address, no supporter, no IP address, no
// account id; an author or actor appears by display name at most.
import type { Kysely } from "kysely";
import type { Database, IdeaStatus, Outcome } from "../../../db/schema";
import { encodeCursor, LISTABLE_STATUSES } from "../ideas/list";
import type { EventExportParams, IdeaExportParams } from "./params";
import { timelineLabel } from "../ideas/timeline-kinds";
import { translator } from "../../utils/i18n";
import { accountabilityOf, ACCOUNTABILITY_FIELDS, type AccountabilityDetail } from "./accountability.server";

/** Statuses whose first date is published as `<status>_at`. */
export const STATUS_DATES = [
  "open",
  "fast_tracked",
  "in_deliberation",
  "under_review",
  "answered",
  "implementing",
  "implemented",
  "closed",
  "expired",
  "withdrawn",
  "merged",
] as const satisfies readonly IdeaStatus[];

/** The columns of ideas.csv, in order (JSON has the same fields plus `status_changes`). */
export const IDEA_FIELDS = [
  "id",
  "url",
  "title",
  "body",
  "status",
  "support_count",
  "verified_support_count",
  "support_threshold",
  "paper_support_count",
  "paper_counted",
  "channel",
  // The event the idea was born at (decision 040), by its number: /events/<event_id>.
  "event_id",
  "author",
  "category",
  "category_name_ko",
  "category_name_en",
  "region",
  "region_name_ko",
  "region_name_en",
  "campaign",
  "campaign_title_ko",
  "campaign_title_en",
  "committee",
  "committee_name_ko",
  "committee_name_en",
  "agency",
  "agency_name_ko",
  "agency_name_en",
  // The committee's recommendation and its vote (decision 028): counts only, never who voted how.
  "recommendation",
  "vote_for",
  "vote_against",
  "vote_abstain",
  "vote_quorum",
  "vote_members",
  "outcome",
  "official_answer",
  "progress_percent",
  "merged_into_id",
  "created_at",
  "updated_at",
  ...STATUS_DATES.map((s) => `${s}_at` as const),
  ...ACCOUNTABILITY_FIELDS,
] as const;

export type IdeaField = (typeof IDEA_FIELDS)[number];
export type IdeaRecord = Record<IdeaField, string | number | null> & {
  status_changes: { from: IdeaStatus | null; to: IdeaStatus; at: string }[];
  /** JSON only: extensions, transfers, answer versions, follow-ups (decision 035). */
  accountability: AccountabilityDetail;
};

// Every event of a public idea's timeline (decision 041): its kind and its label in both
// languages, as the idea's page says it; the new columns come last, for scripts that read by position.
export const EVENT_FIELDS = ["id", "idea_id", "idea_title", "idea_url", "from_status", "to_status", "note", "created_at", "kind", "label_ko", "label_en"] as const;
export type EventRecord = Record<(typeof EVENT_FIELDS)[number], string | number | null>;

/** The timeline rows that are changes of status (submission counts: it is the move to open). */
const STATUS_KINDS = ["submitted", "status"];

export type Lookup = { ok: true; id: number | null } | { ok: false; parameter: string; message: string };

/** Resolves a slug or code filter to its row id; an unknown one is the caller's mistake. */
export async function lookup(
  db: Kysely<Database>,
  table: "categories" | "regions" | "campaigns",
  value: string | null,
  parameter: string,
): Promise<Lookup> {
  if (value === null) return { ok: true, id: null };
  const row =
    table === "regions"
      ? await db.selectFrom("regions").select("id").where("code", "=", value).executeTakeFirst()
      : await db.selectFrom(table).select("id").where("slug", "=", value).executeTakeFirst();
  if (!row) return { ok: false, parameter, message: `There is no ${parameter} "${value}".` };
  return { ok: true, id: row.id };
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export async function exportIdeas(
  db: Kysely<Database>,
  params: IdeaExportParams,
  ids: { categoryId: number | null; regionId: number | null; campaignId: number | null },
  publicUrl: string,
): Promise<{ records: IdeaRecord[]; nextCursor: string | null }> {
  let query = db
    .selectFrom("ideas")
    .innerJoin("users as author", "author.id", "ideas.author_id")
    .innerJoin("categories", "categories.id", "ideas.category_id")
    .leftJoin("regions", "regions.id", "ideas.region_id")
    .leftJoin("campaigns", "campaigns.id", "ideas.campaign_id")
    .leftJoin("committees", "committees.id", "ideas.committee_id")
    .leftJoin("agencies", "agencies.id", "ideas.agency_id")
    // The idea's latest recommendation (a reassigned idea may have had an earlier one).
    .leftJoin("recommendations", (join) =>
      join
        .onRef("recommendations.idea_id", "=", "ideas.id")
        .on((eb) => eb("recommendations.id", "=", eb.selectFrom("recommendations as r").select((e) => e.fn.max("r.id").as("id")).whereRef("r.idea_id", "=", "ideas.id"))),
    )
    .select([
      "recommendations.decision as recommendation",
      "recommendations.vote_for",
      "recommendations.vote_against",
      "recommendations.vote_abstain",
      "recommendations.vote_quorum",
      "recommendations.vote_members",
      "ideas.id",
      "ideas.title",
      "ideas.body",
      "ideas.status",
      "ideas.support_count",
      "ideas.verified_support_count",
      "ideas.support_threshold",
      "ideas.paper_support_count",
      "ideas.paper_counted",
      "ideas.channel",
      "ideas.event_id",
      "ideas.author_id",
      "ideas.entered_by",
      "ideas.outcome",
      "ideas.official_answer",
      "ideas.progress_percent",
      "ideas.merged_into_id",
      "ideas.created_at",
      "ideas.updated_at",
      "ideas.committee_due_at",
      "ideas.agency_due_at",
      "author.display_name as author",
      "categories.slug as category",
      "categories.name_ko as category_name_ko",
      "categories.name_en as category_name_en",
      "regions.code as region",
      "regions.name_ko as region_name_ko",
      "regions.name_en as region_name_en",
      "campaigns.slug as campaign",
      "campaigns.title_ko as campaign_title_ko",
      "campaigns.title_en as campaign_title_en",
      "committees.slug as committee",
      "committees.name_ko as committee_name_ko",
      "committees.name_en as committee_name_en",
      "agencies.slug as agency",
      "agencies.name_ko as agency_name_ko",
      "agencies.name_en as agency_name_en",
    ])
    .where("ideas.status", "in", params.statuses ?? LISTABLE_STATUSES)
    // Hidden by flags or a moderator: out of the open data as it is out of the lists.
    .where("ideas.hidden_at", "is", null)
    .orderBy("ideas.id")
    .limit(params.limit + 1);
  if (params.after !== null) query = query.where("ideas.id", ">", params.after);
  if (ids.categoryId !== null) query = query.where("ideas.category_id", "=", ids.categoryId);
  if (ids.regionId !== null) query = query.where("ideas.region_id", "=", ids.regionId);
  if (ids.campaignId !== null) query = query.where("ideas.campaign_id", "=", ids.campaignId);
  if (params.updatedSince) query = query.where("ideas.updated_at", ">=", params.updatedSince);
  const rows = await query.execute();
  const page = rows.slice(0, params.limit);
  const changes = page.length
    ? await db
        .selectFrom("idea_events")
        .select(["idea_id", "from_status", "to_status", "created_at"])
        .where("idea_id", "in", page.map((r) => r.id))
        .where("kind", "in", STATUS_KINDS)
        .where("to_status", "is not", null)
        .orderBy("idea_id")
        .orderBy("created_at")
        .orderBy("id")
        .execute()
    : [];
  const accountability = await accountabilityOf(db, page);
  const byIdea = new Map<number, IdeaRecord["status_changes"]>();
  for (const c of changes) {
    const list = byIdea.get(c.idea_id) ?? [];
    list.push({ from: c.from_status, to: c.to_status!, at: iso(c.created_at)! });
    byIdea.set(c.idea_id, list);
  }
  const records = page.map((r): IdeaRecord => {
    const statusChanges = byIdea.get(r.id) ?? [];
    const firstAt = (status: IdeaStatus) => statusChanges.find((c) => c.to === status)?.at ?? null;
    return {
      id: r.id,
      url: `${publicUrl}/ideas/${r.id}`,
      title: r.title,
      body: r.body,
      status: r.status,
      support_count: r.support_count,
      verified_support_count: r.verified_support_count,
      support_threshold: r.support_threshold,
      paper_support_count: r.paper_support_count,
      paper_counted: r.paper_counted,
      channel: r.channel,
      event_id: r.event_id,
      // Filed by staff and not claimed yet: the author is a citizen, not the staff member.
      author: r.entered_by !== null && r.entered_by === r.author_id ? null : r.author,
      category: r.category,
      category_name_ko: r.category_name_ko,
      category_name_en: r.category_name_en,
      region: r.region,
      region_name_ko: r.region_name_ko,
      region_name_en: r.region_name_en,
      campaign: r.campaign,
      campaign_title_ko: r.campaign_title_ko,
      campaign_title_en: r.campaign_title_en,
      committee: r.committee,
      committee_name_ko: r.committee_name_ko,
      committee_name_en: r.committee_name_en,
      agency: r.agency,
      agency_name_ko: r.agency_name_ko,
      agency_name_en: r.agency_name_en,
      recommendation: r.recommendation,
      vote_for: r.vote_for,
      vote_against: r.vote_against,
      vote_abstain: r.vote_abstain,
      vote_quorum: r.vote_quorum,
      vote_members: r.vote_members,
      outcome: r.outcome as Outcome | null,
      official_answer: r.official_answer,
      progress_percent: r.progress_percent,
      merged_into_id: r.merged_into_id,
      created_at: iso(r.created_at),
      updated_at: iso(r.updated_at),
      ...(Object.fromEntries(STATUS_DATES.map((s) => [`${s}_at`, firstAt(s)])) as Record<`${(typeof STATUS_DATES)[number]}_at`, string | null>),
      ...accountability.get(r.id)!.flat,
      status_changes: statusChanges,
      accountability: accountability.get(r.id)!.detail,
    };
  });
  return { records, nextCursor: rows.length > params.limit ? encodeCursor([page[page.length - 1].id]) : null };
}

export async function exportEvents(
  db: Kysely<Database>,
  params: EventExportParams,
  ids: { campaignId: number | null },
  publicUrl: string,
): Promise<{ records: EventRecord[]; nextCursor: string | null }> {
  let query = db
    .selectFrom("idea_events")
    .innerJoin("ideas", "ideas.id", "idea_events.idea_id")
    .select([
      "idea_events.id",
      "idea_events.idea_id",
      "ideas.title as idea_title",
      "idea_events.kind",
      "idea_events.from_status",
      "idea_events.to_status",
      "idea_events.note",
      "idea_events.created_at",
    ])
    .where("ideas.status", "in", LISTABLE_STATUSES)
    .where("ideas.hidden_at", "is", null)
    .orderBy("idea_events.id")
    .limit(params.limit + 1);
  if (params.after !== null) query = query.where("idea_events.id", ">", params.after);
  if (params.idea !== null) query = query.where("idea_events.idea_id", "=", params.idea);
  if (ids.campaignId !== null) query = query.where("ideas.campaign_id", "=", ids.campaignId);
  if (params.kinds) query = query.where("idea_events.kind", "in", params.kinds);
  if (params.statuses) query = query.where("idea_events.kind", "in", STATUS_KINDS).where("idea_events.to_status", "in", params.statuses);
  if (params.since) query = query.where("idea_events.created_at", ">=", params.since);
  const rows = await query.execute();
  const page = rows.slice(0, params.limit);
  const [ko, en] = [translator("ko"), translator("en")];
  return {
    records: page.map((r) => ({
      id: r.id,
      idea_id: r.idea_id,
      idea_title: r.idea_title,
      idea_url: `${publicUrl}/ideas/${r.idea_id}`,
      from_status: r.from_status,
      to_status: r.to_status,
      note: r.note,
      created_at: iso(r.created_at),
      kind: r.kind,
      label_ko: timelineLabel(ko, r, "ko"),
      label_en: timelineLabel(en, r, "en"),
    })),
    nextCursor: rows.length > params.limit ? encodeCursor([page[page.length - 1].id]) : null,
  };
}

/** The newest events of public ideas' timelines (every kind: decision 041), for the Atom feed. */
export async function feedEntries(db: Kysely<Database>, campaignId: number | null, limit = 50) {
  let query = db
    .selectFrom("idea_events")
    .innerJoin("ideas", "ideas.id", "idea_events.idea_id")
    .innerJoin("users as author", "author.id", "ideas.author_id")
    .select([
      "idea_events.id",
      "idea_events.idea_id",
      "idea_events.kind",
      "idea_events.from_status",
      "idea_events.to_status",
      "idea_events.note",
      "idea_events.created_at",
      "ideas.title",
      "ideas.excerpt",
      "author.display_name as author",
      "ideas.author_id",
      "ideas.entered_by",
    ])
    .where("ideas.status", "in", LISTABLE_STATUSES)
    .where("ideas.hidden_at", "is", null)
    .orderBy("idea_events.id", "desc")
    .limit(limit);
  if (campaignId !== null) query = query.where("ideas.campaign_id", "=", campaignId);
  return query.execute();
}
