// The integrity of support: alerts raised by the burst watch (burst.server.ts), the
// invalidation of a set of supports after review (kept, with the reason; counters and the
// threshold recomputed in the same transaction; logged; reversible), and the support rate limits.
import { sql, type Kysely, type RawBuilder, type Transaction } from "kysely";
import type { Database } from "../../../db/schema";
import { consumeTogether, type Limiters } from "../../auth/rate-limit.server";
import { fail, FORM, invalidInput, msg, type Failure, type Result } from "../../utils/result";
import type { Actor } from "../accounts/permissions";
import { recordAudit } from "../audit.server";
import { refusalFailure } from "../ideas/ideas.server";
import { appendEvent } from "../ideas/timeline.server";
import { groupedSupports, moveCounters, recheckThreshold } from "./counts.server";
import { moderationRefusal } from "./permissions";
import { AlertSchema, InvalidationSchema, parseAccountList, ReverseSchema } from "./schemas";

type Db = Kysely<Database>;
type Trx = Transaction<Database>;

// ——— Rate limits ———

/**
 * One support attempt spends a point per account and per address, both in one round trip; a
 * refusal says how long to wait.
 */
export async function supportRateFailure(limiters: Limiters, actorId: number, clientIp: string): Promise<Failure | null> {
  const wait = await consumeTogether([
    [limiters.supportAccount, String(actorId)],
    [limiters.supportIp, clientIp || "unknown"],
  ]);
  return wait === null ? null : fail(FORM, msg("moderation.errors.supportRate", { count: wait }), 429);
}

export async function resolveAlert(db: Db, actor: Actor | null, input: Record<string, unknown>, now = new Date()): Promise<Result> {
  const refusal = moderationRefusal(actor, now);
  if (refusal) return refusalFailure(refusal);
  const parsed = AlertSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  return db.transaction().execute(async (trx) => {
    const alert = await trx
      .updateTable("moderation_alerts")
      .set({ resolved_at: now, resolved_by: actor!.id, resolution_note: parsed.data.note || null })
      .where("id", "=", parsed.data.alertId)
      .where("resolved_at", "is", null)
      .returning(["id", "idea_id", "kind"])
      .executeTakeFirst();
    if (!alert) return fail(FORM, msg("moderation.errors.alertClosed"), 409);
    await recordAudit(trx, {
      actorId: actor!.id,
      action: "moderation.alert_resolve",
      targetType: "alert",
      targetId: alert.id,
      details: { ideaId: alert.idea_id, kind: alert.kind, note: parsed.data.note || null },
    });
    return { ok: true as const };
  });
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

/** Reads the form into criteria: accounts by number or e-mail (unknown ones are an error). */
async function readCriteria(db: Db | Trx, input: Record<string, unknown>) {
  const parsed = InvalidationSchema.safeParse(input);
  if (!parsed.success) return { failure: invalidInput(parsed.error) };
  const v = parsed.data;
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
    if (unknown.length) {
      return { failure: fail("accounts", msg("moderation.errors.unknownAccounts", { list: unknown.slice(0, 10).join(", ") })) };
    }
    userIds = found.map((f) => f.id);
  }
  const criteria: Criteria = { userIds, ipPrefix: v.ipPrefix || null, from: v.from, to: v.to };
  return { ideaId: v.ideaId, reason: v.reason, criteria };
}

async function matchingCount(trx: Db | Trx, ideaId: number, criteria: Criteria): Promise<number> {
  const row = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM supports
    WHERE idea_id = ${ideaId} AND invalidated_at IS NULL AND ${criteriaSql(criteria)}`.execute(trx);
  return Number(row.rows[0]?.n ?? 0);
}

/** How many counting supports the criteria would invalidate (the moderator looks before acting). */
export async function previewInvalidation(db: Db, actor: Actor | null, input: Record<string, unknown>): Promise<Result<{ count: number; ideaId: number }>> {
  const refusal = moderationRefusal(actor);
  if (refusal) return refusalFailure(refusal);
  // Counting needs no reason yet: the reason is asked for when the supports are invalidated.
  const read = await readCriteria(db, { ...input, reason: "counting only, before deciding" });
  if ("failure" in read) return read.failure!;
  const idea = await db.selectFrom("ideas").select("id").where("id", "=", read.ideaId).executeTakeFirst();
  if (!idea) return fail("ideaId", msg("errors.notFound"), 404);
  return { ok: true, count: await matchingCount(db, read.ideaId, read.criteria), ideaId: read.ideaId };
}

function criteriaForLog(c: Criteria) {
  return { userIds: c.userIds, ipPrefix: c.ipPrefix, from: c.from?.toISOString() ?? null, to: c.to?.toISOString() ?? null };
}

export async function invalidateSupports(
  db: Db,
  actor: Actor | null,
  input: Record<string, unknown>,
  now = new Date(),
): Promise<Result<{ invalidationId: number; count: number; supportCount: number }>> {
  const refusal = moderationRefusal(actor, now);
  if (refusal) return refusalFailure(refusal);
  const read = await readCriteria(db, input);
  if ("failure" in read) return read.failure!;
  const { ideaId, reason, criteria } = read;
  return db.transaction().execute(async (trx) => {
    // Supports are added and withdrawn under this lock: the set cannot change while we work.
    const idea = await trx.selectFrom("ideas").select(["id", "author_id"]).where("id", "=", ideaId).forUpdate().executeTakeFirst();
    if (!idea) return fail("ideaId", msg("errors.notFound"), 404);
    const count = await matchingCount(trx, ideaId, criteria);
    if (count === 0) return fail(FORM, msg("moderation.errors.noneMatched"), 409);
    const invalidation = await trx
      .insertInto("support_invalidations")
      .values({ idea_id: ideaId, criteria: JSON.stringify(criteriaForLog(criteria)), reason, support_count: count, created_by: actor!.id, created_at: now })
      .returning("id")
      .executeTakeFirstOrThrow();
    const groups = await groupedSupports(
      trx,
      sql`UPDATE supports SET invalidated_at = ${now}::timestamptz, invalidation_id = ${invalidation.id}::bigint
        WHERE idea_id = ${ideaId} AND invalidated_at IS NULL AND ${criteriaSql(criteria)}
        RETURNING region_id, created_at`,
    );
    const supportCount = await moveCounters(trx, ideaId, groups, -1);
    await recheckThreshold(trx, ideaId, now);
    await appendEvent(trx, { ideaId, actorId: actor!.id, kind: "supports_invalidated", note: String(count), at: now });
    await recordAudit(trx, {
      actorId: actor!.id,
      action: "moderation.invalidate",
      targetType: "idea",
      targetId: ideaId,
      details: { invalidationId: invalidation.id, count, criteria: criteriaForLog(criteria), reason },
    });
    return { ok: true as const, invalidationId: invalidation.id, count, supportCount };
  });
}

/** Undoes an invalidation: its supports that still exist count again. */
export async function reverseInvalidation(
  db: Db,
  actor: Actor | null,
  input: Record<string, unknown>,
  now = new Date(),
): Promise<Result<{ count: number; supportCount: number }>> {
  const refusal = moderationRefusal(actor, now);
  if (refusal) return refusalFailure(refusal);
  const parsed = ReverseSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  const { invalidationId, reason } = parsed.data;
  return db.transaction().execute(async (trx) => {
    const found = await trx.selectFrom("support_invalidations").select(["id", "idea_id"]).where("id", "=", invalidationId).executeTakeFirst();
    if (!found) return fail(FORM, msg("errors.notFound"), 404);
    // The idea first, then the invalidation: the order every support transaction locks in.
    await trx.selectFrom("ideas").select("id").where("id", "=", found.idea_id).forUpdate().execute();
    const invalidation = await trx
      .selectFrom("support_invalidations")
      .select(["id", "idea_id", "reversed_at"])
      .where("id", "=", invalidationId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    if (invalidation.reversed_at) return fail(FORM, msg("moderation.errors.alreadyReversed"), 409);
    const groups = await groupedSupports(
      trx,
      sql`UPDATE supports SET invalidated_at = NULL, invalidation_id = NULL
        WHERE invalidation_id = ${invalidationId} RETURNING region_id, created_at`,
    );
    const count = groups.reduce((sum, g) => sum + g.n, 0);
    const supportCount = await moveCounters(trx, invalidation.idea_id, groups, 1);
    await trx
      .updateTable("support_invalidations")
      .set({ reversed_at: now, reversed_by: actor!.id, reversal_reason: reason })
      .where("id", "=", invalidationId)
      .execute();
    await appendEvent(trx, { ideaId: invalidation.idea_id, actorId: actor!.id, kind: "supports_reinstated", note: String(count), at: now });
    await recheckThreshold(trx, invalidation.idea_id, now);
    await recordAudit(trx, {
      actorId: actor!.id,
      action: "moderation.reinstate",
      targetType: "idea",
      targetId: invalidation.idea_id,
      details: { invalidationId, count, reason },
    });
    return { ok: true as const, count, supportCount };
  });
}
