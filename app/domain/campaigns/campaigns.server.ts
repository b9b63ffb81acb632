// Opening and changing calls for ideas. Admin only; every change is written to the audit log.
// A campaign's threshold and window are copied onto each idea when it is proposed, so changing
// them later leaves the ideas already proposed as they were.
import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../../db/schema";
import { INTEGER_MAX, isId } from "../../utils/ids";
import { fail, FORM, invalidInput, msg, type Failure, type FieldErrors, type Result } from "../../utils/result";
import { canManageCampaigns, type Actor } from "../accounts/permissions";
import { recordAudit } from "../audit.server";
import { CampaignSchema, type CampaignInput } from "./schemas";

type Parsed = { ok: true; campaign: CampaignInput } | Failure;

function permitAndParse(actor: Actor | null, input: Record<string, unknown>): Parsed {
  if (!canManageCampaigns(actor)) return fail(FORM, msg("errors.forbidden"), actor ? 403 : 401);
  const parsed = CampaignSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  return { ok: true, campaign: parsed.data };
}

/** The category, region and committee chosen must exist; all three are checked at once. */
async function referenceErrors(trx: Transaction<Database>, c: CampaignInput): Promise<Failure | null> {
  const errors: FieldErrors = {};
  const missing = async (table: "categories" | "regions" | "committees", id: number | null) =>
    id !== null && !(await trx.selectFrom(table).select("id").where("id", "=", id).executeTakeFirst());
  if (await missing("categories", c.categoryId)) errors.categoryId = [msg("errors.invalidChoice")];
  if (await missing("regions", c.regionId)) errors.regionId = [msg("errors.invalidChoice")];
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
  };
}

const slugTaken = () => fail("slug", msg("adminCampaigns.errors.slugTaken"));

/** Two admins saving the same slug at once: the unique index refuses the second. */
function isSlugConflict(error: unknown): boolean {
  const e = error as { code?: string; constraint?: string; message?: string };
  return e?.code === "23505" && (e.constraint === "campaigns_slug_key" || /campaigns_slug_key/.test(e.message ?? ""));
}

export async function createCampaign(
  db: Kysely<Database>,
  actor: Actor | null,
  input: Record<string, unknown>,
): Promise<Result<{ campaignId: number; slug: string }>> {
  const checked = permitAndParse(actor, input);
  if (!checked.ok) return checked;
  const c = checked.campaign;
  return db.transaction().execute(async (trx) => {
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
    await recordAudit(trx, {
      actorId: actor!.id,
      action: "campaign.create",
      targetType: "campaign",
      targetId: row.id,
      details: { slug: c.slug },
    });
    return { ok: true as const, campaignId: row.id, slug: c.slug };
  });
}

export async function updateCampaign(
  db: Kysely<Database>,
  actor: Actor | null,
  campaignId: number,
  input: Record<string, unknown>,
): Promise<Result<{ campaignId: number; slug: string }>> {
  const checked = permitAndParse(actor, input);
  if (!checked.ok) return checked;
  const c = checked.campaign;
  if (!isId(campaignId, INTEGER_MAX)) return fail(FORM, msg("errors.notFound"), 404);
  try {
    return await db.transaction().execute(async (trx) => {
      const before = await trx.selectFrom("campaigns").selectAll().where("id", "=", campaignId).forUpdate().executeTakeFirst();
      if (!before) return fail(FORM, msg("errors.notFound"), 404);
      const invalid = await referenceErrors(trx, c);
      if (invalid) return invalid;
      const other = await trx
        .selectFrom("campaigns")
        .select("id")
        .where("slug", "=", c.slug)
        .where("id", "!=", campaignId)
        .executeTakeFirst();
      if (other) return slugTaken();
      const after = columns(c);
      const changed = (Object.keys(after) as (keyof typeof after)[]).filter((k) => !same(before[k], after[k]));
      if (changed.length === 0) return { ok: true as const, campaignId, slug: c.slug };
      await trx.updateTable("campaigns").set(after).where("id", "=", campaignId).execute();
      await recordAudit(trx, {
        actorId: actor!.id,
        action: "campaign.update",
        targetType: "campaign",
        targetId: campaignId,
        details: { slug: c.slug, changed },
      });
      return { ok: true as const, campaignId, slug: c.slug };
    });
  } catch (error) {
    if (isSlugConflict(error)) return slugTaken();
    throw error;
  }
}

function same(a: unknown, b: unknown): boolean {
  if (a instanceof Date || b instanceof Date) return new Date(a as Date).getTime() === new Date(b as Date).getTime();
  return a === b;
}
