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
import { getSettings } from "../settings.server";
import { VERIFIED } from "../identity/levels";
import { callRules, permitByCall } from "../identity/eligibility.server";
import { levelSql, verificationOf } from "../identity/verification.server";
import { HOUR_MS } from "../../utils/korea-time";
import { consumeTogether, spendsOf, spendUpsert, waitAfter, type Spend } from "../../auth/rate-limit.server";
import { sentTogether } from "../../utils/together.server";
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

/** A support asked of the one statement: whose, when, from which network, with the rate limits it spends. */
interface AskedSupport {
  userId: number;
  now: Date;
  network: string | null;
  limits: Spend[] | null;
}

/** Its answer: taken, refused by a rate limit (minutes to wait), or null for the transactional path. */
type QuickAnswer = QuickSupport | { refusedFor: number } | null;

/** The most supports of one idea sent in one statement. */
const SUPPORTS_TOGETHER = 64;

/**
 * The common case in one autocommitted statement: the idea is open, and these supports do not
 * reach its threshold. The statement locks the idea's row (re-checking those conditions on the
 * newest version of it), adds the supports and moves every counter, so the lock is held only
 * while PostgreSQL runs it, never across a round trip to this process: a hot idea takes
 * supports as fast as the database writes them (docs/decisions/018-support-path.md).
 *
 * It takes every support of the idea that waits in this process (`supportTogether`): one alone
 * when the idea is quiet; on a hot idea, all those that came while the last statement ran, under
 * one lock and one commit (decision 098). Each support is answered as if it had been sent alone
 * after the ones before it in the batch: its own rate limits, its count, its burst counts.
 *
 * Null for a support when the conditions do not hold (for the batch as a whole: one that would
 * reach the threshold among them sends each of them to the transactional path, which tells why
 * or fast-tracks the idea with the support that reaches it).
 */
async function supportsInOneStatement(db: Kysely<Database>, ideaId: number, asked: AskedSupport[]): Promise<QuickAnswer[]> {
  const settings = await getSettings(db);
  const windowStart = (now: Date) => new Date(now.getTime() - settings.burst_window_minutes * 60_000);
  const newFrom = (now: Date) => new Date(now.getTime() - settings.burst_new_account_hours * HOUR_MS);
  const latest = Math.max(...asked.map((a) => a.now.getTime()));
  // Each rate limit's point, by the number of the support that spends it (from 1, as ORDINALITY counts).
  const spends = asked.flatMap((a, i) => (a.limits ?? []).map((limit) => ({ n: i + 1, ...limit })));
  const one = asked.length === 1 ? asked[0] : null;
  // Sent under a name (db/named.ts): planned once per connection, where planning it anew cost
  // PostgreSQL more than running it (decision 085). A support alone gives its values one by one:
  // PostgreSQL plans arrays for a hundred rows when it plans once for all, and so planned the
  // statement anew for every support (decision 098); a batch takes arrays, planned for its size.
  const name = one ? (one.limits ? "support-spending" : "support") : "support-batch";
  const items = one
    ? sql`SELECT ${one.userId}::bigint AS user_id, ${one.network}::text AS network, ${one.now}::timestamptz AS at,
        ${windowStart(one.now)}::timestamptz AS since, ${newFrom(one.now)}::timestamptz AS new_since, 1::bigint AS n`
    : sql`SELECT * FROM unnest(${asked.map((a) => a.userId)}::bigint[], ${asked.map((a) => a.network)}::text[],
        ${asked.map((a) => a.now.toISOString())}::timestamptz[], ${asked.map((a) => windowStart(a.now).toISOString())}::timestamptz[],
        ${asked.map((a) => newFrom(a.now).toISOString())}::timestamptz[]) WITH ORDINALITY AS i(user_id, network, at, since, new_since, n)`;
  const spending = one
    ? spends.length > 0
      ? sql`SELECT * FROM (VALUES ${sql.join(spends.map((s) => sql`(1, ${s.key}, ${s.expire}::bigint, ${s.points}::int)`))}) AS s(n, key, expire, cap)`
      : sql`SELECT NULL::int AS n, NULL::text AS key, NULL::bigint AS expire, NULL::int AS cap WHERE false`
    : sql`SELECT * FROM unnest(${spends.map((s) => s.n)}::int[], ${spends.map((s) => s.key)}::text[], ${spends.map((s) => s.expire)}::bigint[],
        ${spends.map((s) => s.points)}::int[]) AS s(n, key, expire, cap)`;
  const rows = await namedBuilt(db, name, sql<{
    n: string;
    eligible: boolean;
    current: number | null;
    support_threshold: number | null;
    added: boolean;
    supporter_since: Date | null;
    new_accounts: number | null;
    from_network: number | null;
    spent: { key: string; points: number; expire: string | number }[] | null;
  }>`
    WITH item AS MATERIALIZED (${items}), spend AS MATERIALIZED (${spending}
    ), spent AS (
      -- The rate limits' points (a key's points for the batch at once), spent first, whatever
      -- follows (a data-modifying part always runs to its end); in the keys' order, so that two
      -- statements spending the same keys never wait on each other crosswise.
      ${spendUpsert(sql`SELECT key, count(*), max(expire) FROM spend GROUP BY key ORDER BY key`, latest)}
    ), points AS MATERIALIZED (
      -- Each support's points of each limit: those before it, its own, not those after it.
      SELECT spend.n, spend.key, spend.cap, spent.expire,
        spent.points - count(*) OVER (PARTITION BY spend.key) + row_number() OVER (PARTITION BY spend.key ORDER BY spend.n) AS points
      FROM spend JOIN spent ON spent.key = spend.key
    ), watch AS MATERIALIZED (
      -- The supports no limit refuses, with the burst watch's counts (moderation/burst.server.ts),
      -- read here to save it a round trip: the supports already in the window from new accounts
      -- (only when this supporter is one) and from this network. Read before the idea's row is
      -- locked (the idea's WHERE needs them first), so that counting does not hold the lock.
      SELECT item.n, item.user_id, item.at, item.network, u.created_at AS supporter_since,
        CASE WHEN u.created_at > item.new_since THEN (
          SELECT count(*) FROM supports s JOIN users su ON su.id = s.user_id
          WHERE s.idea_id = ${ideaId} AND s.created_at > item.since AND s.created_at <= item.at
            AND s.invalidated_at IS NULL AND su.created_at > item.new_since
        ) END AS new_accounts,
        CASE WHEN item.network IS NOT NULL THEN (
          SELECT count(*) FROM supports s
          WHERE s.idea_id = ${ideaId} AND s.ip_prefix = item.network AND s.created_at > item.since
            AND s.created_at <= item.at AND s.invalidated_at IS NULL
        ) END AS from_network
      FROM item JOIN users u ON u.id = item.user_id
      WHERE NOT EXISTS (SELECT 1 FROM points WHERE points.n = item.n AND points.points > points.cap)
    ), idea AS (
      SELECT id, support_count, support_threshold FROM ideas
      WHERE id = ${ideaId} AND status = 'open' AND support_ends_at > ${new Date(latest)}::timestamptz
        AND hidden_at IS NULL AND threshold_reached_at IS NULL
        AND support_count + paper_counted + (SELECT count(*) FROM watch) < support_threshold
        AND EXISTS (SELECT 1 FROM watch)
        -- A call that asks who may support, or counts only verified supports: the use case decides.
        AND NOT threshold_counts_verified
        AND (campaign_id IS NULL OR NOT EXISTS (SELECT 1 FROM campaigns c WHERE c.id = ideas.campaign_id
          AND (c.support_level > 1 OR c.eligible_region_id IS NOT NULL OR c.min_age IS NOT NULL)))
      FOR UPDATE
    ), added AS (
      -- No row for a citizen who supports it already (a double click, a retry), with each
      -- supporter's verification level at this moment.
      INSERT INTO supports (idea_id, user_id, region_id, created_at, ip_prefix, verification_level)
      SELECT idea.id, u.id, u.home_region_id, watch.at, watch.network, ${levelSql(sql`u.id`, sql`watch.at`)}
      FROM idea CROSS JOIN watch JOIN users u ON u.id = watch.user_id
      ORDER BY watch.n
      ON CONFLICT (idea_id, user_id) DO NOTHING
      RETURNING user_id, region_id, created_at, verification_level
    ), by_region AS (
      INSERT INTO idea_support_regions (idea_id, region_id, supports)
      SELECT ${ideaId}, coalesce(region_id, 0), count(*) FROM added GROUP BY coalesce(region_id, 0)
      ON CONFLICT (idea_id, region_id) DO UPDATE SET supports = idea_support_regions.supports + excluded.supports
    ), by_hour AS (
      INSERT INTO idea_support_hours (idea_id, hour, supports)
      SELECT ${ideaId}, date_trunc('hour', created_at, 'UTC'), count(*) FROM added GROUP BY date_trunc('hour', created_at, 'UTC')
      ON CONFLICT (idea_id, hour) DO UPDATE SET supports = idea_support_hours.supports + excluded.supports
    ), counted AS (
      -- The per-week counter follows by trigger.
      UPDATE ideas SET support_count = support_count + (SELECT count(*) FROM added),
        verified_support_count = verified_support_count + (SELECT count(*) FROM added WHERE verification_level >= ${VERIFIED})
      WHERE id = ${ideaId} AND EXISTS (SELECT 1 FROM added)
    )
    SELECT item.n, EXISTS (SELECT 1 FROM idea) AS eligible, (SELECT support_count FROM idea) AS current,
      (SELECT support_threshold FROM idea) AS support_threshold,
      EXISTS (SELECT 1 FROM added WHERE added.user_id = item.user_id) AS added,
      watch.supporter_since, watch.new_accounts, watch.from_network,
      (SELECT json_agg(json_build_object('key', points.key, 'points', points.points, 'expire', points.expire)) FROM points WHERE points.n = item.n) AS spent
    FROM item LEFT JOIN watch ON watch.n = item.n
    ORDER BY item.n`);
  // Each support as if sent alone after those before it: the count moves by the ones added, and
  // the burst counts take in the earlier ones of the batch (the statement sees none of its own).
  let count = rows[0]?.current ?? 0;
  const claimed = new Set<number>();
  const before: { network: string | null; since: Date }[] = [];
  return asked.map((a, i): QuickAnswer => {
    const row = rows[i];
    const wait = a.limits && row?.spent ? waitAfter(a.limits, row.spent, a.now.getTime()) : null;
    if (wait !== null) return { refusedFor: wait };
    if (!row?.eligible) return null;
    // A second support of one citizen in the batch adds nothing, like a second statement would.
    const added = row.added && !claimed.has(a.userId);
    const since = new Date(row.supporter_since!);
    const earlier = (match: (b: { network: string | null; since: Date }) => boolean) => before.filter(match).length;
    const newSince = newFrom(a.now);
    const newAccounts = row.new_accounts === null ? null : Number(row.new_accounts) + earlier((b) => b.since > newSince) + 1;
    const network = row.from_network === null ? null : Number(row.from_network) + earlier((b) => b.network === a.network) + 1;
    if (added) {
      claimed.add(a.userId);
      before.push({ network: a.network, since });
      count++;
    }
    return { added, count, threshold: row.support_threshold!, watch: { supporterSince: since, settings, counts: { newAccounts, network } } };
  });
}

/**
 * The supports of one idea sent by this process's statements in turn: one alone when the idea is
 * quiet, together when several wait (app/utils/together.server.ts). A statement that fails (a
 * support given in person already: decision 058) is sent again for each support alone, so that
 * only the one at fault is refused.
 */
function supportsOf(db: Kysely<Database>) {
  return sentTogether<number, AskedSupport, QuickAnswer>(
    async (ideaId, asked) => {
      try {
        return (await supportsInOneStatement(db, ideaId, asked)).map((value) => ({ value }));
      } catch (error) {
        if (asked.length === 1) throw error;
        return Promise.all(
          asked.map((one) =>
            supportsInOneStatement(db, ideaId, [one]).then(
              ([value]) => ({ value }),
              (alone: unknown) => ({ error: alone }),
            ),
          ),
        );
      }
    },
    { most: SUPPORTS_TOGETHER },
  );
}

const supportLanes = new WeakMap<Kysely<Database>, ReturnType<typeof supportsOf>>();

/** A support for the one statement, sent with the others of its idea that wait in this process. */
function supportTogether(db: Kysely<Database>, ideaId: number, asked: AskedSupport): Promise<QuickAnswer> {
  let send = supportLanes.get(db);
  if (!send) supportLanes.set(db, (send = supportsOf(db)));
  return send(ideaId, asked);
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
    const quick = await supportTogether(db, ideaId, {
      userId: actor.id,
      now,
      network,
      limits: limits ? spendsOf(limits, now.getTime()) : null,
    });
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
