// Supporting an idea: once per citizen (the primary key), only while it is open, with the
// counters beside it updated in the same transaction so that the count shown is always exact
// (docs/decisions/011-exact-counts.md).
import { sql, type Kysely, type Transaction } from "kysely";
import { z } from "zod";
import type { Database } from "../../../db/schema";
import { namedBuilt } from "../../../db/named";
import { isId } from "../../utils/ids";
import { fail, FORM, msg, type Result } from "../../utils/result";
import { participationRefusal, type Actor } from "../accounts/permissions";
import { execute, useCase, type CustomRefusal, type KernelRefusal, type Trx } from "../use-case.server";
import { ipPrefix } from "../moderation/ip";
import { watchSupportBurst, type KnownBurstFacts } from "../moderation/burst.server";
import { supportRateRefusal } from "../moderation/integrity.server";
import { moveCounters } from "../moderation/counts.server";
import { supportRefusal, type IdeaFacts } from "./permissions";
import { fastTrack } from "../workflow/automatic.server";
import { appendEvent } from "./timeline.server";
import { getSettings, type SiteSettings } from "../settings.server";
import { VERIFIED } from "../identity/levels";
import { callRules, permitByCall } from "../identity/eligibility.server";
import { levelSql, verificationOf } from "../identity/verification.server";
import { HOUR_MS } from "../../utils/korea-time";
import { consumeTogether, spendsOf, spendUpsert, waitAfter, type Spend } from "../../auth/rate-limit.server";
import type { RateLimiterPostgres } from "rate-limiter-flexible";

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
 * The writes of one support, as common table expressions after one named `idea` (the idea's
 * id, or no row when it may not be supported): `added` inserts the support (no row when the
 * citizen already supports it, with the supporter's verification level at this moment),
 * `by_region` and `by_hour` move those counters, `counted` adds one to the idea's count (and to
 * its verified count for a verified supporter) and returns them. The per-week counter follows
 * by trigger.
 */
function supportWrites(ideaId: number, userId: number, now: Date, network: string | null) {
  return sql`added AS (
      INSERT INTO supports (idea_id, user_id, region_id, created_at, ip_prefix, verification_level)
      SELECT idea.id, users.id, users.home_region_id, ${now}::timestamptz, ${network}::text, ${levelSql(userId, now)}
      FROM idea CROSS JOIN users WHERE users.id = ${userId}
      ON CONFLICT (idea_id, user_id) DO NOTHING
      RETURNING region_id, verification_level
    ), by_region AS (
      INSERT INTO idea_support_regions (idea_id, region_id, supports)
      SELECT ${ideaId}, coalesce(region_id, 0), 1 FROM added
      ON CONFLICT (idea_id, region_id) DO UPDATE SET supports = idea_support_regions.supports + 1
    ), by_hour AS (
      INSERT INTO idea_support_hours (idea_id, hour, supports)
      SELECT ${ideaId}, ${hourOf(now)}::timestamptz, 1 FROM added
      ON CONFLICT (idea_id, hour) DO UPDATE SET supports = idea_support_hours.supports + 1
    ), counted AS (
      UPDATE ideas SET support_count = support_count + 1,
        verified_support_count = verified_support_count + (SELECT count(*) FROM added WHERE verification_level >= ${VERIFIED})
      WHERE id = ${ideaId} AND EXISTS (SELECT 1 FROM added)
      RETURNING support_count, verified_support_count
    )`;
}

/**
 * Adds one support and moves every counter by one: the idea's counts after it (all supports and
 * the verified ones), or null when the citizen already supports it.
 * The idea row must be locked (or new). `network` is the supporter's IP prefix, kept for the
 * burst watch (moderation) only. One statement: a hot idea takes supports one at a time, behind
 * its row lock, so every round trip inside the lock costs throughput (docs/scaling.md).
 */
export async function addSupport(
  trx: Transaction<Database>,
  ideaId: number,
  userId: number,
  now: Date,
  network: string | null = null,
): Promise<{ all: number; verified: number } | null> {
  const { rows } = await sql<{ support_count: number; verified_support_count: number }>`
    WITH idea AS (SELECT ${ideaId}::bigint AS id), ${supportWrites(ideaId, userId, now, network)}
    SELECT support_count, verified_support_count FROM counted`.execute(trx);
  const row = rows[0];
  return row ? { all: row.support_count, verified: row.verified_support_count } : null;
}

async function lockIdea(trx: Trx, ideaId: number | undefined) {
  if (ideaId === undefined) return undefined;
  return trx
    .selectFrom("ideas")
    .select([
      "id",
      "author_id",
      "status",
      "support_count",
      "paper_counted",
      "verified_support_count",
      "threshold_counts_verified",
      "campaign_id",
      "support_threshold",
      "support_ends_at",
      "threshold_reached_at",
      "hidden_at",
    ])
    .where("id", "=", ideaId)
    .forUpdate()
    .executeTakeFirst();
}

/** The idea locked, with what its call asks of supporters and what the supporter holds. */
async function lockForSupport(trx: Trx, ideaId: number | undefined, actor: Actor) {
  const idea = await lockIdea(trx, ideaId);
  if (!idea) return undefined;
  return { ...idea, rules: idea.campaign_id === null ? null : await callRules(trx, idea.campaign_id), person: await verificationOf(trx, actor.id) };
}

type LockedIdea = NonNullable<Awaited<ReturnType<typeof lockIdea>>>;

const facts = (idea: LockedIdea): IdeaFacts => ({
  authorId: idea.author_id,
  status: idea.status,
  supportCount: idea.support_count,
  supportEndsAt: idea.support_ends_at,
  hiddenAt: idea.hidden_at,
});

/** The count the threshold is measured with: all supports, or the verified ones where the call says so. */
const countedOf = (idea: LockedIdea, counts: { all: number; verified: number }) => (idea.threshold_counts_verified ? counts.verified : counts.all);

/** Supporting and withdrawing a support ask the same question (permissions.ts `supportRefusal`). */
function permitSupport(actor: Actor, idea: LockedIdea, { now }: { now: Date }): KernelRefusal | CustomRefusal | null {
  const refusal = supportRefusal(actor, facts(idea), now);
  if (refusal === "closed") return { message: msg("ideas.errors.closedForSupport"), status: 409 };
  if (refusal === "hidden") return { message: msg("ideas.errors.hiddenNoSupport"), status: 409 };
  return refusal;
}

/** A support the one statement took: whether it added one (not a second), the counts, what the burst watch needs. */
interface QuickSupport {
  added: boolean;
  count: number;
  threshold: number;
  watch: KnownBurstFacts;
}

/**
 * The common case in one autocommitted statement: the idea is open, and this support does not
 * reach its threshold. The statement locks the idea's row (re-checking those conditions on the
 * newest version of it), adds the support and moves every counter, so the lock is held only
 * while PostgreSQL runs it, never across a round trip to this process: a hot idea takes
 * supports as fast as the database writes them (docs/decisions/018-support-path.md). Null when
 * the conditions do not hold; the caller then takes the transactional path, which tells why, or
 * fast-tracks the idea with the support that reaches the threshold.
 */
async function supportInOneStatement(
  db: Kysely<Database>,
  ideaId: number,
  userId: number,
  now: Date,
  network: string | null,
  settings: SiteSettings,
  limits: Spend[] | null,
): Promise<QuickSupport | { refusedFor: number } | null> {
  const since = new Date(now.getTime() - settings.burst_window_minutes * 60_000);
  const newSince = new Date(now.getTime() - settings.burst_new_account_hours * HOUR_MS);
  // The rate limits' points are spent first, whatever follows (a data-modifying part always runs
  // to its end); the support is added only when none is exhausted (decision 080).
  const spent = limits
    ? sql`spent AS (${spendUpsert(limits, now.getTime())}), allowed AS MATERIALIZED (
      SELECT NOT EXISTS (SELECT 1 FROM spent JOIN (VALUES ${sql.join(limits.map((l) => sql`(${l.key}, ${l.points}::int)`))}) AS l(key, points)
        ON l.key = spent.key WHERE spent.points > l.points) AS ok
    ),`
    : sql``;
  // Sent under a name (db/named.ts): planned once per connection, where planning it anew cost
  // PostgreSQL more than running it (decision 085).
  const rows = await namedBuilt(db, limits ? "support-spending" : "support", sql<{
    eligible: boolean;
    current: number | null;
    support_count: number | null;
    support_threshold: number | null;
    supporter_since: Date | null;
    new_accounts: number | null;
    from_network: number | null;
    spent: { key: string; points: number; expire: string | number }[] | null;
  }>`
    WITH ${spent} watch AS MATERIALIZED (
      -- The burst watch's counts (moderation/burst.server.ts), read in this statement to save
      -- it a round trip: the supports already in the window from new accounts (only when this
      -- supporter is one) and from this network. Read before the idea's row is locked (the
      -- idea's WHERE needs them first), so that counting does not hold the lock.
      SELECT u.created_at AS supporter_since,
        CASE WHEN u.created_at > ${newSince}::timestamptz THEN (
          SELECT count(*) FROM supports s JOIN users su ON su.id = s.user_id
          WHERE s.idea_id = ${ideaId} AND s.created_at > ${since}::timestamptz AND s.created_at <= ${now}::timestamptz
            AND s.invalidated_at IS NULL AND su.created_at > ${newSince}::timestamptz
        ) END AS new_accounts,
        CASE WHEN ${network}::text IS NOT NULL THEN (
          SELECT count(*) FROM supports s
          WHERE s.idea_id = ${ideaId} AND s.ip_prefix = ${network}::text AND s.created_at > ${since}::timestamptz
            AND s.created_at <= ${now}::timestamptz AND s.invalidated_at IS NULL
        ) END AS from_network
      FROM users u WHERE u.id = ${userId}${limits ? sql` AND (SELECT ok FROM allowed)` : sql``}
    ), idea AS (
      SELECT id, support_count, support_threshold FROM ideas
      WHERE id = ${ideaId} AND status = 'open' AND support_ends_at > ${now}::timestamptz
        AND hidden_at IS NULL AND threshold_reached_at IS NULL AND support_count + paper_counted + 1 < support_threshold
        AND EXISTS (SELECT 1 FROM watch)
        -- A call that asks who may support, or counts only verified supports: the use case decides.
        AND NOT threshold_counts_verified
        AND (campaign_id IS NULL OR NOT EXISTS (SELECT 1 FROM campaigns c WHERE c.id = ideas.campaign_id
          AND (c.support_level > 1 OR c.eligible_region_id IS NOT NULL OR c.min_age IS NOT NULL)))
      FOR UPDATE
    ), ${supportWrites(ideaId, userId, now, network)}
    SELECT EXISTS (SELECT 1 FROM idea) AS eligible,
      (SELECT support_count FROM idea) AS current,
      counted.support_count, (SELECT support_threshold FROM idea) AS support_threshold,
      watch.supporter_since, watch.new_accounts, watch.from_network,
      ${limits ? sql`(SELECT json_agg(spent) FROM spent)` : sql`NULL`} AS spent
    FROM (SELECT 1) AS one LEFT JOIN counted ON true LEFT JOIN watch ON true`);
  const row = rows[0];
  const wait = limits && row?.spent ? waitAfter(limits, row.spent, now.getTime()) : null;
  if (wait !== null) return { refusedFor: wait };
  if (!row?.eligible) return null;
  // No row counted: the citizen already supported it (a double click, a retry).
  const added = row.support_count !== null;
  // The statement does not see its own support: it counts once more.
  const withThis = (n: number | null) => (n === null ? null : Number(n) + 1);
  return {
    added,
    count: row.support_count ?? row.current!,
    threshold: row.support_threshold!,
    watch: { supporterSince: new Date(row.supporter_since!), settings, counts: { newAccounts: withThis(row.new_accounts), network: withThis(row.from_network) } },
  };
}

/**
 * The rest, under the idea's row lock in a transaction: a refusal with its reason (an idea the
 * person may not see answers as a missing one; a hidden one takes no support), or the support
 * that reaches the threshold and fast-tracks the idea in the same transaction.
 */
const SupportSlowly = useCase({
  name: "ideas.support",
  schema: z.object({ network: z.string().nullable() }),
  load: (trx, _input, ideaId, actor) => lockForSupport(trx, ideaId, actor),
  permit: (actor, idea, facts) => permitSupport(actor, idea, facts) ?? permitByCall(idea.rules, "support", idea.person, facts.now),
  run: async ({ trx, actor, input: { network }, subject: idea, now }) => {
    const counts = await addSupport(trx, idea.id, actor.id, now, network);
    // Supporting twice (a double click, a retry) is not an error: the support stands once.
    if (counts === null) {
      return { added: false, supportCount: idea.support_count, threshold: idea.support_threshold, supported: true, reachedThreshold: false };
    }
    const count = counts.all;
    // Paper supports count toward the threshold where the idea's call says so (paper_counted),
    // beside all supports or only the verified ones as the call says; the count shown and
    // returned stays the exact count of online supports.
    const counted = countedOf(idea, counts) + idea.paper_counted;
    const reached = counted >= idea.support_threshold && idea.threshold_reached_at === null;
    if (reached) {
      await trx.updateTable("ideas").set({ threshold_reached_at: now }).where("id", "=", idea.id).execute();
      await appendEvent(trx, { ideaId: idea.id, actorId: null, kind: "threshold_reached", note: String(counted), at: now });
      // In the same transaction: the support that reached the threshold fast-tracks the idea.
      await fastTrack(trx, idea.id, now);
    }
    return { added: true, supportCount: count, threshold: idea.support_threshold, supported: true, reachedThreshold: reached };
  },
});

/** The database refused a support of someone who supports the idea in person already (decision 058). */
const isSupportedInPerson = (error: unknown) => (error as { code?: unknown } | null)?.code === "MD001";

export async function supportIdea(
  db: Kysely<Database>,
  actor: Actor | null,
  ideaId: number,
  now = new Date(),
  /** The request's address: only its network (/24, /48) is stored, for the burst watch. */
  clientIp?: string | null,
  /**
   * The rate limits a person's support spends a point of (a request's: supportLimits), checked
   * before anything else and spent in the support's own statement when it can be (decision 080).
   */
  limits?: [RateLimiterPostgres, string][],
): Promise<Result<SupportState>> {
  try {
    return await supportOnce(db, actor, ideaId, now, clientIp, limits);
  } catch (error) {
    // A support given in person and linked to this account counts already: one person, once.
    if (isSupportedInPerson(error)) return fail(FORM, msg("ideas.errors.supportedInPerson"), 409);
    throw error;
  }
}

async function supportOnce(
  db: Kysely<Database>,
  actor: Actor | null,
  ideaId: number,
  now: Date,
  clientIp: string | null | undefined,
  limits: [RateLimiterPostgres, string][] | undefined,
): Promise<Result<SupportState>> {
  const network = ipPrefix(clientIp);
  // The fast path is for people who may support; anyone else gets the use case's answer, in
  // the order it gives them (an idea they may not see first: as a missing one). Rate limits are
  // for people: the fast path spends them in its statement, whatever it then does.
  if (actor && !participationRefusal(actor, now) && isId(ideaId)) {
    const quick = await supportInOneStatement(db, ideaId, actor.id, now, network, await getSettings(db), limits ? spendsOf(limits, now.getTime()) : null);
    if (quick && "refusedFor" in quick) return supportRateRefusal(quick.refusedFor);
    if (quick) {
      if (quick.added) await watchSupportBurst(db, ideaId, actor.id, network, now, quick.watch);
      return { ok: true as const, supportCount: quick.count, threshold: quick.threshold, supported: true, reachedThreshold: false };
    }
  } else if (actor && limits) {
    // Not for the fast path: the limits are spent in a round trip of their own, before the use case.
    const wait = await consumeTogether(limits);
    if (wait !== null) return supportRateRefusal(wait);
  }
  const result = await execute(db, SupportSlowly, actor, { target: ideaId, input: { network }, now });
  if (!result.ok) return result;
  const { added, ...state } = result;
  // Moderation: a burst of new accounts or of one network raises an alert (never refuses). It
  // reads after the commit, outside the idea's row lock, so that it does not slow the others.
  if (added && actor) await watchSupportBurst(db, ideaId, actor.id, network, now);
  return state;
}

const WithdrawSupport = useCase({
  name: "ideas.unsupport",
  schema: z.object({}),
  load: (trx, _input, ideaId) => lockIdea(trx, ideaId),
  permit: permitSupport,
  run: async ({ trx, actor, subject: idea }) => {
    const removed = await trx
      .deleteFrom("supports")
      .where("idea_id", "=", idea.id)
      .where("user_id", "=", actor.id)
      .returning(["region_id", "created_at", "invalidated_at", "verification_level"])
      .executeTakeFirst();
    // A support invalidated by a moderator no longer counted: withdrawing it moves no counter.
    if (!removed || removed.invalidated_at) {
      return { supportCount: idea.support_count, threshold: idea.support_threshold, supported: false, reachedThreshold: false };
    }
    const verified = (removed.verification_level ?? 0) >= VERIFIED ? 1 : 0;
    const support = { region_id: removed.region_id ?? 0, hour: hourOf(new Date(removed.created_at)), n: 1, verified };
    const supportCount = await moveCounters(trx, idea.id, [support], -1);
    return { supportCount, threshold: idea.support_threshold, supported: false, reachedThreshold: false };
  },
});

export function withdrawSupport(db: Kysely<Database>, actor: Actor | null, ideaId: number, now = new Date()): Promise<Result<SupportState>> {
  return execute(db, WithdrawSupport, actor, { target: ideaId, now });
}
