// The integrity of support: alerts raised by the burst watch (burst.server.ts), the
// invalidation of a set of supports after review (kept, with the reason; counters and the
// threshold recomputed in the same transaction; logged; reversible), and the support rate limits.
import { sql, type Kysely, type RawBuilder, type Transaction } from "kysely";
import type { Database } from "../../../db/schema";
import type { RateLimiterPostgres } from "rate-limiter-flexible";
import type { Limiters } from "../../auth/rate-limit.server";
import { fail, FORM, invalidInput, msg, type Failure, type Result } from "../../utils/result";
import type { Actor } from "../accounts/permissions";
import { appendEvent } from "../ideas/timeline.server";
import { execute, refusalFailure, useCase } from "../use-case.server";
import { groupedSupports, moveCounters, recheckThreshold } from "./counts.server";
import { moderationRefusal } from "./permissions";
import { AlertSchema, InvalidationSchema, parseAccountList, ReverseSchema } from "./schemas";

type Db = Kysely<Database>;
type Trx = Transaction<Database>;

// ——— Rate limits ———

/**
 * The limits one support attempt spends a point of: per account and per address. The support
 * spends them in its own statement when it can (supportIdea, decision 080), else in one round
 * trip of their own before anything else.
 */
export function supportLimits(limiters: Limiters, actorId: number, clientIp: string): [RateLimiterPostgres, string][] {
  return [
    [limiters.supportAccount, String(actorId)],
    [limiters.supportIp, clientIp || "unknown"],
  ];
}

/** A support refused by its rate limits: how long to wait. */
export function supportRateRefusal(minutes: number): Failure {
  return fail(FORM, msg("moderation.errors.supportRate", { count: minutes }), 429);
}

const ResolveAlert = useCase({
  name: "moderation.alert_resolve",
  schema: AlertSchema,
  load: (trx, input) =>
    trx.selectFrom("moderation_alerts").select(["id", "idea_id", "kind", "resolved_at"]).where("id", "=", input.alertId).forUpdate().executeTakeFirst(),
  permit: (actor, alert, { now }) => moderationRefusal(actor, now) ?? (alert.resolved_at ? { message: msg("moderation.errors.alertClosed"), status: 409 } : null),
  run: async ({ trx, actor, input, subject: alert, now }) => {
    await trx
      .updateTable("moderation_alerts")
      .set({ resolved_at: now, resolved_by: actor.id, resolution_note: input.note || null })
      .where("id", "=", alert.id)
      .execute();
    return {};
  },
  audit: ({ input, subject: alert }) => ({
    targetType: "alert",
    targetId: alert.id,
    details: { ideaId: alert.idea_id, kind: alert.kind, note: input.note || null },
  }),
});

export function resolveAlert(db: Db, actor: Actor | null, input: Record<string, unknown>, now = new Date()): Promise<Result> {
  return execute(db, ResolveAlert, actor, { input, now });
}

// ——— Invalidation ———

interface Criteria {
  userIds: number[] | null;
  ipPrefix: string | null;
  from: Date | null;
  to: Date | null;
}

function criteriaSql(c: Criteria): RawBuilder<boolean> {
  const parts: RawBuilder<unknown>[] = [];
  if (c.userIds) parts.push(c.userIds.length ? sql`user_id IN (${sql.join(c.userIds)})` : sql`false`);
  if (c.ipPrefix) parts.push(sql`ip_prefix = ${c.ipPrefix}`);
  if (c.from) parts.push(sql`created_at >= ${c.from}::timestamptz`);
  if (c.to) parts.push(sql`created_at < ${c.to}::timestamptz`);
  return sql<boolean>`(${sql.join(parts, sql` AND `)})`;
}

type InvalidationInput = ReturnType<typeof InvalidationSchema.parse>;

/** The form's criteria, with its accounts (by number or e-mail) found; unknown ones are an error. */
async function criteriaOf(db: Db | Trx, v: InvalidationInput): Promise<Criteria | Failure> {
  let userIds: number[] | null = null;
  if (v.accounts) {
    const list = parseAccountList(v.accounts);
    const found = await db
      .selectFrom("users")
      .select(["id", "email"])
      .where((eb) => eb.or([eb("id", "in", list.ids.length ? list.ids : [-1]), eb("email", "in", list.emails.length ? list.emails : [""])]))
      .execute();
    const unknown = [
      ...list.ids.filter((id) => !found.some((f) => f.id === id)).map(String),
      ...list.emails.filter((e) => !found.some((f) => f.email === e)),
    ];
    if (unknown.length) return fail("accounts", msg("moderation.errors.unknownAccounts", { list: unknown.slice(0, 10).join(", ") }));
    userIds = found.map((f) => f.id);
  }
  return { userIds, ipPrefix: v.ipPrefix || null, from: v.from, to: v.to };
}

async function matchingCount(trx: Db | Trx, ideaId: number, criteria: Criteria): Promise<number> {
  const row = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM supports
    WHERE idea_id = ${ideaId} AND invalidated_at IS NULL AND ${criteriaSql(criteria)}`.execute(trx);
  return Number(row.rows[0]?.n ?? 0);
}

/** How many counting supports the criteria would invalidate (the moderator looks before acting). Reads only. */
export async function previewInvalidation(db: Db, actor: Actor | null, input: Record<string, unknown>): Promise<Result<{ count: number; ideaId: number }>> {
  const refusal = moderationRefusal(actor);
  if (refusal) return refusalFailure(refusal);
  // Counting needs no reason yet: the reason is asked for when the supports are invalidated.
  const parsed = InvalidationSchema.safeParse({ ...input, reason: "counting only, before deciding" });
  if (!parsed.success) return invalidInput(parsed.error);
  const criteria = await criteriaOf(db, parsed.data);
  if ("ok" in criteria) return criteria;
  const idea = await db.selectFrom("ideas").select("id").where("id", "=", parsed.data.ideaId).executeTakeFirst();
  if (!idea) return fail("ideaId", msg("errors.notFound"), 404);
  return { ok: true, count: await matchingCount(db, idea.id, criteria), ideaId: idea.id };
}

function criteriaForLog(c: Criteria) {
  return { userIds: c.userIds, ipPrefix: c.ipPrefix, from: c.from?.toISOString() ?? null, to: c.to?.toISOString() ?? null };
}

const Invalidate = useCase({
  name: "moderation.invalidate",
  schema: InvalidationSchema,
  permit: (actor, _none, { now }) => moderationRefusal(actor, now),
  run: async ({ trx, actor, input, now }) => {
    const { ideaId, reason } = input;
    // Supports are added and withdrawn under this lock: the set cannot change while we work.
    const idea = await trx.selectFrom("ideas").select(["id", "author_id"]).where("id", "=", ideaId).forUpdate().executeTakeFirst();
    if (!idea) return fail("ideaId", msg("errors.notFound"), 404);
    const criteria = await criteriaOf(trx, input);
    if ("ok" in criteria) return criteria;
    const count = await matchingCount(trx, ideaId, criteria);
    if (count === 0) return fail(FORM, msg("moderation.errors.noneMatched"), 409);
    const invalidation = await trx
      .insertInto("support_invalidations")
      .values({ idea_id: ideaId, criteria: JSON.stringify(criteriaForLog(criteria)), reason, support_count: count, created_by: actor.id, created_at: now })
      .returning("id")
      .executeTakeFirstOrThrow();
    const groups = await groupedSupports(
      trx,
      sql`UPDATE supports SET invalidated_at = ${now}::timestamptz, invalidation_id = ${invalidation.id}::bigint
        WHERE idea_id = ${ideaId} AND invalidated_at IS NULL AND ${criteriaSql(criteria)}
        RETURNING region_id, created_at, verification_level`,
    );
    const supportCount = await moveCounters(trx, ideaId, groups, -1);
    await recheckThreshold(trx, ideaId, now);
    await appendEvent(trx, { ideaId, actorId: actor.id, kind: "supports_invalidated", note: String(count), at: now });
    return { invalidationId: invalidation.id, count, supportCount, criteria: criteriaForLog(criteria) };
  },
  audit: ({ input }, { invalidationId, count, criteria }) => ({
    targetType: "idea",
    targetId: input.ideaId,
    details: { invalidationId, count, criteria, reason: input.reason },
  }),
});

export async function invalidateSupports(
  db: Db,
  actor: Actor | null,
  input: Record<string, unknown>,
  now = new Date(),
): Promise<Result<{ invalidationId: number; count: number; supportCount: number }>> {
  const result = await execute(db, Invalidate, actor, { input, now });
  return result.ok ? { ok: true, invalidationId: result.invalidationId, count: result.count, supportCount: result.supportCount } : result;
}

const Reinstate = useCase({
  name: "moderation.reinstate",
  schema: ReverseSchema,
  load: async (trx, { invalidationId }) => {
    const found = await trx.selectFrom("support_invalidations").select(["id", "idea_id"]).where("id", "=", invalidationId).executeTakeFirst();
    if (!found) return undefined;
    // The idea first, then the invalidation: the order every support transaction locks in.
    await trx.selectFrom("ideas").select("id").where("id", "=", found.idea_id).forUpdate().execute();
    return trx
      .selectFrom("support_invalidations")
      .select(["id", "idea_id", "reversed_at"])
      .where("id", "=", invalidationId)
      .forUpdate()
      .executeTakeFirst();
  },
  permit: (actor, invalidation, { now }) =>
    moderationRefusal(actor, now) ?? (invalidation.reversed_at ? { message: msg("moderation.errors.alreadyReversed"), status: 409 } : null),
  run: async ({ trx, actor, input: { reason }, subject: invalidation, now }) => {
    const groups = await groupedSupports(
      trx,
      sql`UPDATE supports SET invalidated_at = NULL, invalidation_id = NULL
        WHERE invalidation_id = ${invalidation.id} RETURNING region_id, created_at, verification_level`,
    );
    const count = groups.reduce((sum, g) => sum + g.n, 0);
    const supportCount = await moveCounters(trx, invalidation.idea_id, groups, 1);
    await trx
      .updateTable("support_invalidations")
      .set({ reversed_at: now, reversed_by: actor.id, reversal_reason: reason })
      .where("id", "=", invalidation.id)
      .execute();
    await appendEvent(trx, { ideaId: invalidation.idea_id, actorId: actor.id, kind: "supports_reinstated", note: String(count), at: now });
    await recheckThreshold(trx, invalidation.idea_id, now);
    return { count, supportCount };
  },
  audit: ({ input: { reason }, subject: invalidation }, { count }) => ({
    targetType: "idea",
    targetId: invalidation.idea_id,
    details: { invalidationId: invalidation.id, count, reason },
  }),
});

/** Undoes an invalidation: its supports that still exist count again. */
export function reverseInvalidation(db: Db, actor: Actor | null, input: Record<string, unknown>, now = new Date()): Promise<Result<{ count: number; supportCount: number }>> {
  return execute(db, Reinstate, actor, { input, now });
}
