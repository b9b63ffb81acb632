// Opening and changing calls for ideas. Admin only; every change is written to the audit log.
// A campaign's threshold and window are copied onto each idea when it is proposed, so changing
// them later leaves the ideas already proposed as they were.
import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { INTEGER_MAX, isId } from "../../utils/ids";
import { fail, msg, type Failure, type FieldErrors, type Result } from "../../utils/result";
import { isAdmin, staffRefusal, type Actor } from "../accounts/permissions";
import { execute, useCase, type Trx } from "../use-case.server";
import { CampaignSchema, type CampaignInput } from "./schemas";

/** Only an admin (not suspended) opens and changes calls for ideas. */
const adminOnly = (actor: Actor, _subject: unknown, { now }: { now: Date }) => staffRefusal(actor, isAdmin(actor), now);

/** The category, region and committee chosen must exist; all three are checked at once. */
async function referenceErrors(trx: Trx, c: CampaignInput): Promise<Failure | null> {
  const errors: FieldErrors = {};
  const missing = async (table: "categories" | "regions" | "committees", id: number | null) =>
    id !== null && !(await trx.selectFrom(table).select("id").where("id", "=", id).executeTakeFirst());
  if (await missing("categories", c.categoryId)) errors.categoryId = [msg("errors.invalidChoice")];
  if (await missing("regions", c.regionId)) errors.regionId = [msg("errors.invalidChoice")];
  if (await missing("regions", c.eligibleRegionId)) errors.eligibleRegionId = [msg("errors.invalidChoice")];
  if (await missing("committees", c.committeeId)) errors.committeeId = [msg("errors.invalidChoice")];
  return Object.keys(errors).length > 0 ? { ok: false, errors, status: 400 } : null;
}

function columns(c: CampaignInput) {
  return {
    slug: c.slug,
    title_ko: c.titleKo,
    title_en: c.titleEn,
    description_ko: c.descriptionKo,
    description_en: c.descriptionEn,
    category_id: c.categoryId,
    region_id: c.regionId,
    committee_id: c.committeeId,
    opens_at: c.opensAt,
    closes_at: c.closesAt,
    support_threshold: c.supportThreshold,
    support_window_days: c.supportWindowDays,
    paper_supports: c.paperSupports,
    propose_level: c.proposeLevel,
    support_level: c.supportLevel,
    eligible_region_id: c.eligibleRegionId,
    min_age: c.minAge,
    verified_threshold: c.verifiedThreshold,
  };
}

const slugTaken = () => fail("slug", msg("adminCampaigns.errors.slugTaken"));

/** Two admins saving the same slug at once: the unique index refuses the second. */
function isSlugConflict(error: unknown): boolean {
  const e = error as { code?: string; constraint?: string; message?: string };
  return e?.code === "23505" && (e.constraint === "campaigns_slug_key" || /campaigns_slug_key/.test(e.message ?? ""));
}

const Create = useCase({
  name: "campaign.create",
  schema: CampaignSchema,
  permit: adminOnly,
  run: async ({ trx, input: c }) => {
    const invalid = await referenceErrors(trx, c);
    if (invalid) return invalid;
    // ON CONFLICT settles the race with another admin creating the same slug: no row, no error.
    const row = await trx
      .insertInto("campaigns")
      .values(columns(c))
      .onConflict((oc) => oc.column("slug").doNothing())
      .returning("id")
      .executeTakeFirst();
    if (!row) return slugTaken();
    return { campaignId: row.id, slug: c.slug };
  },
  audit: ({ input: c }, { campaignId }) => ({ targetType: "campaign", targetId: campaignId, details: { slug: c.slug } }),
});

export function createCampaign(db: Kysely<Database>, actor: Actor | null, input: Record<string, unknown>): Promise<Result<{ campaignId: number; slug: string }>> {
  return execute(db, Create, actor, { input });
}

const Update = useCase({
  name: "campaign.update",
  schema: CampaignSchema,
  load: (trx, _input, campaignId) =>
    isId(campaignId, INTEGER_MAX) ? trx.selectFrom("campaigns").selectAll().where("id", "=", campaignId).forUpdate().executeTakeFirst() : Promise.resolve(undefined),
  permit: adminOnly,
  run: async ({ trx, input: c, subject: before }) => {
    const invalid = await referenceErrors(trx, c);
    if (invalid) return invalid;
    const other = await trx.selectFrom("campaigns").select("id").where("slug", "=", c.slug).where("id", "!=", before.id).executeTakeFirst();
    if (other) return slugTaken();
    const after = columns(c);
    const changed = (Object.keys(after) as (keyof typeof after)[]).filter((k) => !same(before[k], after[k]));
    if (changed.length > 0) await trx.updateTable("campaigns").set(after).where("id", "=", before.id).execute();
    return { campaignId: before.id, slug: c.slug, changed };
  },
  // Saving without a change changes nothing, and logs nothing.
  audit: ({ input: c, subject }, { changed }) => (changed.length ? { targetType: "campaign", targetId: subject.id, details: { slug: c.slug, changed } } : null),
});

export async function updateCampaign(
  db: Kysely<Database>,
  actor: Actor | null,
  campaignId: number,
  input: Record<string, unknown>,
): Promise<Result<{ campaignId: number; slug: string }>> {
  try {
    const result = await execute(db, Update, actor, { target: campaignId, input });
    return result.ok ? { ok: true, campaignId: result.campaignId, slug: result.slug } : result;
  } catch (error) {
    if (isSlugConflict(error)) return slugTaken();
    throw error;
  }
}

function same(a: unknown, b: unknown): boolean {
  if (a instanceof Date || b instanceof Date) return new Date(a as Date).getTime() === new Date(b as Date).getTime();
  return a === b;
}
