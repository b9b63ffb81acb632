// Use cases of an idea's author: submit, edit, withdraw; and following an idea.
import { sql, type Kysely, type Transaction } from "kysely";
import type { Database } from "../../../db/schema";
import { excerptOf, renderMarkdown } from "../../utils/markdown.server";
import { fail, FORM, invalidInput, msg, type FieldErrors, type Result } from "../../utils/result";
import { participationRefusal, type Actor, type Refusal } from "../accounts/permissions";
import { personalDataFailure, screenSubmission } from "../moderation/screening.server";
import { getSettings } from "../settings.server";
import { ideaTransition, runIdeaTransition } from "../workflow/workflow.server";
import { canEditIdea } from "./permissions";
import { EditIdeaSchema, IdeaSchema, WithdrawSchema } from "./schemas";
import { indexTokens } from "./search";
import { addSupport } from "./supports.server";
import { appendEvent } from "./timeline.server";

const DAY = 86_400_000;

export function refusalFailure(refusal: Refusal) {
  const key = { signin: "errors.signin", unverified: "errors.notVerified", suspended: "errors.suspended", forbidden: "errors.forbidden" }[refusal];
  return fail(FORM, msg(key), refusal === "signin" ? 401 : 403);
}

/** The derived columns of an idea's text: safe HTML, a plain excerpt, the search vector. */
function textColumns(title: string, body: string) {
  return {
    body_html: renderMarkdown(body),
    excerpt: excerptOf(body),
    search_vector: sql<string>`setweight(to_tsvector('simple', ${indexTokens(title)}), 'A') || setweight(to_tsvector('simple', ${indexTokens(body)}), 'B')`,
  };
}

export async function submitIdea(
  db: Kysely<Database>,
  actor: Actor | null,
  input: Record<string, unknown>,
  now = new Date(),
): Promise<Result<{ ideaId: number; held?: boolean }>> {
  const refusal = participationRefusal(actor, now);
  if (refusal) return refusalFailure(refusal);
  const parsed = IdeaSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  const idea = parsed.data;
  const settings = await getSettings(db);

  const errors: FieldErrors = {};
  const category = await db.selectFrom("categories").select("id").where("id", "=", idea.categoryId).executeTakeFirst();
  if (!category) errors.categoryId = [msg("errors.invalidChoice")];
  if (idea.regionId !== null) {
    const region = await db.selectFrom("regions").select("id").where("id", "=", idea.regionId).executeTakeFirst();
    if (!region) errors.regionId = [msg("errors.invalidChoice")];
  }
  let threshold = settings.default_support_threshold;
  let windowDays = settings.default_support_window_days;
  let regionId = idea.regionId;
  if (idea.campaignId !== null) {
    const campaign = await db.selectFrom("campaigns").selectAll().where("id", "=", idea.campaignId).executeTakeFirst();
    if (!campaign || new Date(campaign.opens_at) > now || new Date(campaign.closes_at) <= now) {
      errors.campaignId = [msg("ideas.errors.campaignClosed")];
    } else if (campaign.region_id !== null && regionId !== null && regionId !== campaign.region_id) {
      errors.regionId = [msg("ideas.errors.campaignRegion")];
    } else {
      threshold = campaign.support_threshold;
      windowDays = campaign.support_window_days;
      regionId ??= campaign.region_id;
    }
  }
  if (Object.keys(errors).length) return { ok: false, errors, status: 400 };

  return db.transaction().execute(async (trx) => {
    // The daily limit is counted inside the transaction, after locking the author's row, so
    // that a burst of parallel submissions cannot slip past it.
    await trx.selectFrom("users").select("id").where("id", "=", actor!.id).forUpdate().execute();
    const recent = await trx
      .selectFrom("ideas")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("author_id", "=", actor!.id)
      .where("created_at", ">", new Date(now.getTime() - DAY))
      .where("created_at", "<=", now)
      .executeTakeFirstOrThrow();
    if (recent.n >= settings.ideas_per_day) {
      return fail(FORM, msg("ideas.errors.dailyLimit", { count: settings.ideas_per_day }), 429);
    }
    // Moderation: a screening hit holds the idea as `pending` for a moderator, and its support
    // window starts when it is approved (app/domain/moderation/screening.ts).
    const hits = await screenSubmission(trx, actor!.id, idea, settings, now);
    const held = hits.length > 0;
    const row = await trx
      .insertInto("ideas")
      .values({
        author_id: actor!.id,
        title: idea.title,
        body: idea.body,
        ...textColumns(idea.title, idea.body),
        category_id: idea.categoryId,
        region_id: regionId,
        campaign_id: idea.campaignId,
        status: held ? "pending" : "open",
        support_threshold: threshold,
        support_window_days: windowDays,
        support_ends_at: held ? null : new Date(now.getTime() + windowDays * DAY),
        screening: held ? JSON.stringify(hits) : null,
        created_at: now,
        updated_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await appendEvent(trx, { ideaId: row.id, actorId: actor!.id, kind: held ? "held" : "submitted", to: held ? "pending" : "open", at: now });
    await addSupport(trx, row.id, actor!.id, now);
    await trx.insertInto("follows").values({ user_id: actor!.id, idea_id: row.id }).onConflict((oc) => oc.doNothing()).execute();
    return { ok: true as const, ideaId: row.id, held };
  });
}

async function lockForAuthor(trx: Transaction<Database>, ideaId: number) {
  return trx
    .selectFrom("ideas")
    .select(["id", "author_id", "status", "support_count", "support_ends_at", "title"])
    .where("id", "=", ideaId)
    .forUpdate()
    .executeTakeFirst();
}

export async function editIdea(
  db: Kysely<Database>,
  actor: Actor | null,
  ideaId: number,
  input: Record<string, unknown>,
  now = new Date(),
): Promise<Result> {
  const refusal = participationRefusal(actor, now);
  if (refusal) return refusalFailure(refusal);
  const parsed = EditIdeaSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  const { title, body } = parsed.data;
  // Moderation: an edit cannot slip personal data past the screening of new ideas.
  const personal = personalDataFailure(title, "title") ?? personalDataFailure(body, "body");
  if (personal) return personal;
  const settings = await getSettings(db);
  return db.transaction().execute(async (trx) => {
    const idea = await lockForAuthor(trx, ideaId);
    if (!idea) return fail(FORM, msg("errors.notFound"), 404);
    const supports = await trx
      .selectFrom("supports")
      .select("user_id")
      .where("idea_id", "=", ideaId)
      .where("user_id", "=", actor!.id)
      .executeTakeFirst();
    const facts = {
      authorId: idea.author_id,
      status: idea.status,
      supportCount: idea.support_count,
      supportEndsAt: idea.support_ends_at,
      actorSupports: Boolean(supports),
    };
    if (actor!.id !== idea.author_id) return fail(FORM, msg("errors.forbidden"), 403);
    if (!canEditIdea(actor, facts, settings.edit_max_other_supporters, now)) {
      return fail(FORM, msg("ideas.errors.editClosed", { count: settings.edit_max_other_supporters }), 409);
    }
    await trx
      .updateTable("ideas")
      .set({ title, body, ...textColumns(title, body), edited_at: now, updated_at: now })
      .where("id", "=", ideaId)
      .execute();
    await appendEvent(trx, { ideaId, actorId: actor!.id, kind: "edited", at: now });
    return { ok: true as const };
  });
}

const Withdraw = ideaTransition({
  name: "ideas.withdraw",
  schema: WithdrawSchema,
  action: "withdraw",
  prepare: async ({ input }) => ({ note: input.note || null }),
});

/** The author withdraws a held or open idea (the transition table requires a verified author). */
export function withdrawIdea(db: Kysely<Database>, actor: Actor | null, ideaId: number, input: { note?: string; expectedStatus?: string }, now = new Date()) {
  return runIdeaTransition(db, Withdraw, actor, ideaId, input, now);
}

export async function setFollow(
  db: Kysely<Database>,
  actor: Actor | null,
  ideaId: number,
  follow: boolean,
): Promise<Result<{ following: boolean }>> {
  const refusal = participationRefusal(actor);
  if (refusal) return refusalFailure(refusal);
  const idea = await db.selectFrom("ideas").select(["id", "status"]).where("id", "=", ideaId).executeTakeFirst();
  if (!idea) return fail(FORM, msg("errors.notFound"), 404);
  if (follow) {
    await db.insertInto("follows").values({ user_id: actor!.id, idea_id: ideaId }).onConflict((oc) => oc.doNothing()).execute();
  } else {
    await db.deleteFrom("follows").where("user_id", "=", actor!.id).where("idea_id", "=", ideaId).execute();
  }
  return { ok: true, following: follow };
}
