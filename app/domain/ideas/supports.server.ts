// Supporting an idea: once per citizen (the primary key), only while it is open, with the
// counters beside it updated in the same transaction so that the count shown is always exact
// (docs/decisions/011-exact-counts.md).
import { sql, type Kysely, type Transaction } from "kysely";
import type { Database } from "../../../db/schema";
import { fail, FORM, msg, type Result } from "../../utils/result";
import { participationRefusal, type Actor } from "../accounts/permissions";
import { ipPrefix } from "../moderation/ip";
import { watchSupportBurst } from "../moderation/burst.server";
import { supportRefusal } from "./permissions";
import { fastTrack } from "../workflow/automatic.server";
import { appendEvent } from "./timeline.server";

export interface SupportState {
  supportCount: number;
  threshold: number;
  supported: boolean;
  /** True when this support is the one that reached the threshold. */
  reachedThreshold: boolean;
}

function hourOf(date: Date): Date {
  const hour = new Date(date);
  hour.setUTCMinutes(0, 0, 0);
  return hour;
}

/**
 * Adds one support and moves every counter by one. The idea row must be locked (or new).
 * `network` is the supporter's IP prefix, kept for the burst watch (moderation) only.
 */
export async function addSupport(
  trx: Transaction<Database>,
  ideaId: number,
  userId: number,
  now: Date,
  network: string | null = null,
): Promise<number | null> {
  const inserted = await trx
    .insertInto("supports")
    .columns(["idea_id", "user_id", "region_id", "created_at", "ip_prefix"])
    .expression((eb) =>
      eb
        .selectFrom("users")
        .select([
          sql.lit(ideaId).as("idea_id"),
          "users.id",
          "users.home_region_id",
          sql<Date>`${now}::timestamptz`.as("created_at"),
          sql<string | null>`${network}::text`.as("ip_prefix"),
        ])
        .where("users.id", "=", userId),
    )
    .onConflict((oc) => oc.columns(["idea_id", "user_id"]).doNothing())
    .returning("region_id")
    .executeTakeFirst();
  if (!inserted) return null;
  await bumpCounters(trx, ideaId, inserted.region_id, hourOf(now), 1);
  const idea = await trx
    .updateTable("ideas")
    .set((eb) => ({ support_count: eb("support_count", "+", 1) }))
    .where("id", "=", ideaId)
    .returning("support_count")
    .executeTakeFirstOrThrow();
  return idea.support_count;
}

async function bumpCounters(trx: Transaction<Database>, ideaId: number, regionId: number | null, hour: Date, by: 1 | -1) {
  await trx
    .insertInto("idea_support_regions")
    .values({ idea_id: ideaId, region_id: regionId ?? 0, supports: Math.max(by, 0) })
    .onConflict((oc) =>
      oc.columns(["idea_id", "region_id"]).doUpdateSet((eb) => ({ supports: eb("idea_support_regions.supports", "+", by) })),
    )
    .execute();
  if (by > 0) {
    await trx
      .insertInto("idea_support_hours")
      .values({ idea_id: ideaId, hour, supports: 1 })
      .onConflict((oc) =>
        oc.columns(["idea_id", "hour"]).doUpdateSet((eb) => ({ supports: eb("idea_support_hours.supports", "+", 1) })),
      )
      .execute();
  } else {
    await trx
      .updateTable("idea_support_hours")
      .set((eb) => ({ supports: eb("supports", "-", 1) }))
      .where("idea_id", "=", ideaId)
      .where("hour", "=", hour)
      .where("supports", ">", 0)
      .execute();
  }
}

async function lockIdea(trx: Transaction<Database>, ideaId: number) {
  return trx
    .selectFrom("ideas")
    .select(["id", "author_id", "status", "support_count", "support_threshold", "support_ends_at", "threshold_reached_at"])
    .where("id", "=", ideaId)
    .forUpdate()
    .executeTakeFirst();
}

function refusalResult(refusal: NonNullable<ReturnType<typeof supportRefusal>>) {
  if (refusal === "signin") return fail(FORM, msg("errors.signin"), 401);
  if (refusal === "closed") return fail(FORM, msg("ideas.errors.closedForSupport"), 409);
  if (refusal === "unverified") return fail(FORM, msg("errors.notVerified"), 403);
  if (refusal === "suspended") return fail(FORM, msg("errors.suspended"), 403);
  return fail(FORM, msg("errors.forbidden"), 403);
}

export async function supportIdea(
  db: Kysely<Database>,
  actor: Actor | null,
  ideaId: number,
  now = new Date(),
  /** The request's address: only its network (/24, /48) is stored, for the burst watch. */
  clientIp?: string | null,
): Promise<Result<SupportState>> {
  const early = participationRefusal(actor, now);
  if (early) return refusalResult(early);
  return db.transaction().execute(async (trx) => {
    const idea = await lockIdea(trx, ideaId);
    if (!idea) return fail(FORM, msg("errors.notFound"), 404);
    const refusal = supportRefusal(
      actor,
      { authorId: idea.author_id, status: idea.status, supportCount: idea.support_count, supportEndsAt: idea.support_ends_at },
      now,
    );
    if (refusal) return refusalResult(refusal);
    const network = ipPrefix(clientIp);
    const count = await addSupport(trx, ideaId, actor!.id, now, network);
    // Moderation: a burst of new accounts or of one network raises an alert (never refuses).
    if (count !== null) await watchSupportBurst(trx, ideaId, actor!.id, network, now);
    // Supporting twice (a double click, a retry) is not an error: the support stands once.
    if (count === null) {
      return { ok: true as const, supportCount: idea.support_count, threshold: idea.support_threshold, supported: true, reachedThreshold: false };
    }
    const reached = count >= idea.support_threshold && idea.threshold_reached_at === null;
    if (reached) {
      await trx.updateTable("ideas").set({ threshold_reached_at: now }).where("id", "=", ideaId).execute();
      await appendEvent(trx, { ideaId, actorId: null, kind: "threshold_reached", note: String(count), at: now });
      // In the same transaction: the support that reached the threshold fast-tracks the idea.
      await fastTrack(trx, ideaId, now);
    }
    return { ok: true as const, supportCount: count, threshold: idea.support_threshold, supported: true, reachedThreshold: reached };
  });
}

export async function withdrawSupport(
  db: Kysely<Database>,
  actor: Actor | null,
  ideaId: number,
  now = new Date(),
): Promise<Result<SupportState>> {
  const early = participationRefusal(actor, now);
  if (early) return refusalResult(early);
  return db.transaction().execute(async (trx) => {
    const idea = await lockIdea(trx, ideaId);
    if (!idea) return fail(FORM, msg("errors.notFound"), 404);
    const refusal = supportRefusal(
      actor,
      { authorId: idea.author_id, status: idea.status, supportCount: idea.support_count, supportEndsAt: idea.support_ends_at },
      now,
    );
    if (refusal) return refusalResult(refusal);
    const removed = await trx
      .deleteFrom("supports")
      .where("idea_id", "=", ideaId)
      .where("user_id", "=", actor!.id)
      .returning(["region_id", "created_at", "invalidated_at"])
      .executeTakeFirst();
    // A support invalidated by a moderator no longer counted: withdrawing it moves no counter.
    if (!removed || removed.invalidated_at) {
      return { ok: true as const, supportCount: idea.support_count, threshold: idea.support_threshold, supported: false, reachedThreshold: false };
    }
    await bumpCounters(trx, ideaId, removed.region_id, hourOf(new Date(removed.created_at)), -1);
    const updated = await trx
      .updateTable("ideas")
      .set((eb) => ({ support_count: eb("support_count", "-", 1) }))
      .where("id", "=", ideaId)
      .returning("support_count")
      .executeTakeFirstOrThrow();
    return { ok: true as const, supportCount: updated.support_count, threshold: idea.support_threshold, supported: false, reachedThreshold: false };
  });
}
