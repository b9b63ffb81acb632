// Read queries for calls for ideas: the public list and page, the admin list and form.
import { sql, type Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { INTEGER_MAX, isId, isSlug } from "../../utils/ids";
import { excerptOf } from "../../utils/markdown.server";
import { DEFAULT_STATUSES } from "../ideas/list";
import { kept } from "../kept.server";
import { receivingCommitteeId } from "./routing";

export type CampaignPhase = "upcoming" | "open" | "closed";

/** Open from opens_at (included) until closes_at (excluded). */
export function campaignPhase(c: { opens_at: Date | string; closes_at: Date | string }, now = new Date()): CampaignPhase {
  if (new Date(c.opens_at) > now) return "upcoming";
  return new Date(c.closes_at) > now ? "open" : "closed";
}

/** The slug of the campaign that opened last (or opens next), if there is any. */
export async function latestCampaignSlug(db: Kysely<Database>): Promise<string | null> {
  const row = await db.selectFrom("campaigns").select("slug").orderBy("opens_at", "desc").limit(1).executeTakeFirst();
  return row?.slug ?? null;
}

export async function openCampaigns(db: Kysely<Database>, limit = 6) {
  return db
    .selectFrom("campaigns")
    .leftJoin("regions", "regions.id", "campaigns.region_id")
    .select([
      "campaigns.id",
      "campaigns.slug",
      "campaigns.title_ko",
      "campaigns.title_en",
      "campaigns.description_ko",
      "campaigns.description_en",
      "campaigns.closes_at",
      "campaigns.support_threshold",
      "regions.name_ko as region_ko",
      "regions.name_en as region_en",
    ])
    .where("campaigns.opens_at", "<=", sql<Date>`now()`)
    .where("campaigns.closes_at", ">", sql<Date>`now()`)
    .orderBy("campaigns.closes_at")
    .limit(limit)
    .execute()
    .then((rows) => rows.map(summary));
}

// The home page's open calls, kept by each process for ten seconds (decision 078), forgotten by
// the calls' use cases; a call that opens or closes on the clock shows within the ten seconds.
const HOME_CALLS_MAX_AGE_MS = 10_000;
const keptHomeCalls = kept(HOME_CALLS_MAX_AGE_MS, (db) => openCampaigns(db), ["campaign."]);

/** The open calls on the home page. */
export function homeCampaigns(db: Kysely<Database>) {
  return keptHomeCalls.get(db);
}

function summaryQuery(db: Kysely<Database>) {
  return db
    .selectFrom("campaigns")
    .leftJoin("regions", "regions.id", "campaigns.region_id")
    .select([
      "campaigns.id",
      "campaigns.slug",
      "campaigns.title_ko",
      "campaigns.title_en",
      "campaigns.description_ko",
      "campaigns.description_en",
      "campaigns.opens_at",
      "campaigns.closes_at",
      "campaigns.support_threshold",
      "regions.name_ko as region_ko",
      "regions.name_en as region_en",
    ]);
}

/** A list entry with plain-text excerpts in place of the Markdown descriptions. */
function summary<R extends { description_ko: string; description_en: string }>(row: R) {
  const { description_ko, description_en, ...rest } = row;
  return { ...rest, excerpt_ko: excerptOf(description_ko), excerpt_en: excerptOf(description_en) };
}
export type CampaignSummary = ReturnType<typeof summary<Awaited<ReturnType<ReturnType<typeof summaryQuery>["execute"]>>[number]>>;

export const CLOSED_LIMIT = 50;

/** The public list: open (closing first), upcoming (opening first), closed (latest first). */
export async function campaignsByPhase(db: Kysely<Database>, now = new Date()) {
  const [open, upcoming, closed] = await Promise.all([
    summaryQuery(db)
      .where("campaigns.opens_at", "<=", now)
      .where("campaigns.closes_at", ">", now)
      .orderBy("campaigns.closes_at")
      .orderBy("campaigns.id")
      .execute(),
    summaryQuery(db).where("campaigns.opens_at", ">", now).orderBy("campaigns.opens_at").orderBy("campaigns.id").execute(),
    summaryQuery(db)
      .where("campaigns.closes_at", "<=", now)
      .orderBy("campaigns.closes_at", "desc")
      .orderBy("campaigns.id", "desc")
      .limit(CLOSED_LIMIT)
      .execute(),
  ]);
  return { open: open.map(summary), upcoming: upcoming.map(summary), closed: closed.map(summary) };
}

/**
 * A campaign's public page. The receiving committee comes from the fast track's own rule
 * (receivingCommitteeId): the campaign's committee, else its theme's; with neither it is null
 * (each idea goes to its own category's committee). The idea count is of the ideas the public
 * list shows by default.
 */
export async function campaignBySlug(db: Kysely<Database>, slug: string) {
  if (!isSlug(slug)) return null;
  const row = await db
    .selectFrom("campaigns")
    .leftJoin("regions", "regions.id", "campaigns.region_id")
    .leftJoin("categories", "categories.id", "campaigns.category_id")
    .select((eb) => [
      "campaigns.id",
      "campaigns.slug",
      "campaigns.title_ko",
      "campaigns.title_en",
      "campaigns.description_ko",
      "campaigns.description_en",
      "campaigns.opens_at",
      "campaigns.closes_at",
      "campaigns.support_threshold",
      "campaigns.support_window_days",
      "campaigns.paper_supports",
      "campaigns.committee_id",
      "categories.default_committee_id",
      "regions.name_ko as region_ko",
      "regions.name_en as region_en",
      "categories.name_ko as category_ko",
      "categories.name_en as category_en",
      // Who may take part (decision 049).
      "campaigns.propose_level",
      "campaigns.support_level",
      "campaigns.min_age",
      "campaigns.verified_threshold",
      eb.selectFrom("regions as r").select("r.name_ko").whereRef("r.id", "=", "campaigns.eligible_region_id").as("eligible_region_ko"),
      eb.selectFrom("regions as r").select("r.name_en").whereRef("r.id", "=", "campaigns.eligible_region_id").as("eligible_region_en"),
      eb
        .selectFrom("ideas")
        .select(eb.fn.countAll<number>().as("n"))
        .whereRef("ideas.campaign_id", "=", "campaigns.id")
        .where("ideas.status", "in", DEFAULT_STATUSES)
        .as("idea_count"),
    ])
    .where("campaigns.slug", "=", slug)
    .executeTakeFirst();
  if (!row) return null;
  const { committee_id, default_committee_id, ...campaign } = row;
  const committeeId = receivingCommitteeId({ campaignCommitteeId: committee_id, campaignThemeCommitteeId: default_committee_id, ideaCategoryCommitteeId: null });
  const committee =
    committeeId === null ? undefined : await db.selectFrom("committees").select(["slug", "name_ko", "name_en"]).where("id", "=", committeeId).executeTakeFirst();
  return {
    ...campaign,
    committee_slug: committee?.slug ?? null,
    committee_ko: committee?.name_ko ?? null,
    committee_en: committee?.name_en ?? null,
    idea_count: Number(campaign.idea_count ?? 0),
  };
}

export async function campaignForAdmin(db: Kysely<Database>, campaignId: number) {
  if (!isId(campaignId, INTEGER_MAX)) return null;
  return (await db.selectFrom("campaigns").selectAll().where("id", "=", campaignId).executeTakeFirst()) ?? null;
}

/** Every campaign for the admin list, the latest opening first, with its phase now. */
export async function allCampaigns(db: Kysely<Database>, now = new Date()) {
  const rows = await db
    .selectFrom("campaigns")
    .leftJoin("regions", "regions.id", "campaigns.region_id")
    .select([
      "campaigns.id",
      "campaigns.slug",
      "campaigns.title_ko",
      "campaigns.title_en",
      "campaigns.opens_at",
      "campaigns.closes_at",
      "campaigns.support_threshold",
      "regions.name_ko as region_ko",
      "regions.name_en as region_en",
    ])
    .orderBy("campaigns.opens_at", "desc")
    .orderBy("campaigns.id", "desc")
    .execute();
  return rows.map((r) => ({ ...r, phase: campaignPhase(r, now) }));
}

/** What the admin form offers: themes, regions and committees. */
export async function campaignFormChoices(db: Kysely<Database>) {
  const [categories, regions, committees] = await Promise.all([
    db.selectFrom("categories").select(["id", "name_ko", "name_en"]).where("archived_at", "is", null).orderBy("id").execute(),
    db.selectFrom("regions").select(["id", "name_ko", "name_en"]).where("archived_at", "is", null).orderBy("id").execute(),
    db.selectFrom("committees").select(["id", "name_ko", "name_en"]).where("archived_at", "is", null).orderBy("id").execute(),
  ]);
  return { categories, regions, committees };
}
