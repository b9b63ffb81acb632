// Rate limits kept in PostgreSQL (rate-limiter-flexible), so several app processes share them.
// See docs/decisions/004-rate-limiting.md.
import { createHash } from "node:crypto";
import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler, sql, type RawBuilder } from "kysely";
import type pg from "pg";
import { RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";

interface Rule {
  points: number;
  durationSeconds: number;
  /** Per-IP rules scale with RATE_LIMIT_IP_SCALE (many users behind one address, test runs). */
  perIp: boolean;
}

const RULES = {
  // Sign-ins (decision 024): a point is spent before the password is checked and given back when
  // it was right, so these count failures only, and parallel guesses cannot overrun them.
  loginIp: { points: 50, durationSeconds: 15 * 60, perIp: true },
  // Per account, from browsers that never signed in to it…
  loginEmail: { points: 10, durationSeconds: 15 * 60, perIp: false },
  // …and per account and browser, for the browsers that did (app/auth/devices.server.ts).
  loginDevice: { points: 10, durationSeconds: 15 * 60, perIp: false },
  joinIp: { points: 10, durationSeconds: 3600, perIp: true },
  // Sign-ups without the proof-of-work (no JavaScript, decision 048): fewer per address, and a
  // ceiling for the whole site, which bots spread over many addresses also meet.
  joinNoScriptIp: { points: 3, durationSeconds: 3600, perIp: true },
  joinNoScriptSite: { points: 100, durationSeconds: 3600, perIp: false },
  resetIp: { points: 10, durationSeconds: 3600, perIp: true },
  resetEmail: { points: 3, durationSeconds: 3600, perIp: false },
  // Address changes (decision 056): each mails an address the person typed, so few per account.
  emailChangeAccount: { points: 5, durationSeconds: 3600, perIp: false },
  // Supporting (app/domain/moderation/integrity.server.ts): every support attempt.
  supportAccount: { points: 60, durationSeconds: 3600, perIp: false },
  supportIp: { points: 200, durationSeconds: 3600, perIp: true },
  // Claim codes (app/domain/assisted): guesses per account and per address.
  claimAccount: { points: 10, durationSeconds: 3600, perIp: false },
  claimIp: { points: 30, durationSeconds: 3600, perIp: true },
} satisfies Record<string, Rule>;

export type LimitName = keyof typeof RULES;
export type Limiters = Record<LimitName, RateLimiterPostgres>;

/**
 * The limiter names its prepared statements. The embedded database (pglite-socket) runs every
 * connection in one backend session, where a name can be prepared only once, so names are
 * dropped: each query is parsed afresh, which costs little on a real server too.
 */
function withoutStatementNames(pool: pg.Pool) {
  return {
    query(config: string | pg.QueryConfig, values?: unknown[]) {
      if (typeof config === "object" && config !== null) {
        const { name: _name, ...rest } = config;
        return pool.query(rest, values);
      }
      return pool.query(config, values);
    },
  };
}

export function createLimiters(pool: pg.Pool, ipScale = 1): Limiters {
  const limiters = {} as Limiters;
  const storeClient = withoutStatementNames(pool);
  for (const [name, rule] of Object.entries(RULES) as [LimitName, Rule][]) {
    limiters[name] = new RateLimiterPostgres({
      storeClient,
      storeType: "pool",
      tableName: "rate_limits",
      tableCreated: true,
      keyPrefix: name,
      points: Math.max(1, Math.round(rule.points * (rule.perIp ? ipScale : 1))),
      duration: rule.durationSeconds,
      clearExpiredByTimeout: false,
    });
  }
  return limiters;
}

/**
 * The key as stored: lower-cased; a key that is long or holds control characters (typed into
 * a login form by anyone: the table's column takes 255 characters and no NUL byte) is stored
 * as its SHA-256, so that it still counts, once, without breaking the query.
 */
export function limiterKey(key: string): string {
  const lower = key.toLowerCase();
  if (lower.length <= 200 && !/[\u0000-\u001f\u007f]/.test(lower)) return lower;
  return `sha256:${createHash("sha256").update(lower).digest("hex")}`;
}

/**
 * How the security log names the account a login was for: the first 16 hex digits of the
 * SHA-256 of the lower-cased address, enough to follow one account's attempts without writing
 * the address (personal data) into the log.
 */
export function accountDigest(email: string): string {
  return createHash("sha256").update(email.trim().toLowerCase()).digest("hex").slice(0, 16);
}

/** Uses one point; returns the minutes to wait when the limit is exhausted, else null. */
export async function consume(limiter: RateLimiterPostgres, key: string): Promise<number | null> {
  try {
    await limiter.consume(limiterKey(key));
    return null;
  } catch (result) {
    if (result instanceof RateLimiterRes) return Math.max(1, Math.ceil(result.msBeforeNext / 60_000));
    throw result;
  }
}

/** Whether the key is already blocked, without using a point. */
export async function blockedFor(limiter: RateLimiterPostgres, key: string): Promise<number | null> {
  const res = await limiter.get(limiterKey(key));
  if (res && res.remainingPoints <= 0 && res.msBeforeNext > 0) return Math.max(1, Math.ceil(res.msBeforeNext / 60_000));
  return null;
}

/** Gives back a point spent by `consume` (an attempt that turned out not to count). */
export async function refund(limiter: RateLimiterPostgres, key: string): Promise<void> {
  await limiter.reward(limiterKey(key), 1);
}

/** A point of one limit to spend: the limit's key as stored, when a new window ends, its points. */
export interface Spend {
  key: string;
  expire: number;
  points: number;
}

/** The points to spend, one of each limit, at `now` (ms). */
export function spendsOf(spends: [RateLimiterPostgres, string][], now: number): Spend[] {
  return spends.map(([limiter, key]) => ({ key: limiter.getKey(limiterKey(key)), expire: now + limiter.duration * 1000, points: limiter.points }));
}

/**
 * The upsert rate-limiter-flexible runs for `consume` (a row per key: points, and when they
 * expire; points start again after that), for several keys at once, returning each key's points
 * and expiry. `rows` gives each key once with the points it spends and when a new window would
 * end (`key, points, expire`): `consumeTogether`'s values, or a batch of supports' points summed
 * per key (supports.server.ts, in the statement of the supports themselves).
 */
export function spendUpsert(rows: RawBuilder<unknown>, now: number): RawBuilder<{ key: string; points: number; expire: string | number }> {
  return sql`INSERT INTO rate_limits (key, points, expire) ${rows}
    ON CONFLICT (key) DO UPDATE SET
      points = CASE WHEN rate_limits.expire <= ${now}::bigint THEN excluded.points ELSE rate_limits.points + excluded.points END,
      expire = CASE WHEN rate_limits.expire <= ${now}::bigint THEN excluded.expire ELSE rate_limits.expire END
    RETURNING key, points, expire`;
}

/** The minutes to wait for the first exhausted limit, from the upsert's rows; null when none is. */
export function waitAfter(spends: Spend[], counted: { key: string; points: number; expire: string | number }[], now: number): number | null {
  for (const spend of spends) {
    const row = counted.find((r) => r.key === spend.key);
    if (row && Number(row.points) > spend.points) return Math.max(1, Math.ceil((Number(row.expire) - now) / 60_000));
  }
  return null;
}

/** Kysely as a compiler only: the limiter's store client runs the text (it has no statement names). */
const compiler = new Kysely<unknown>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => new PostgresIntrospector(db),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
});

/**
 * Uses one point of each limit in one statement (one round trip instead of one per limit).
 * Every limit is spent, even when an earlier one is exhausted. Returns the minutes to wait for
 * the first exhausted limit, else null.
 */
export async function consumeTogether(spends: [RateLimiterPostgres, string][]): Promise<number | null> {
  // The limiter's own store client (the pool, without statement names: createLimiters).
  const store = (spends[0][0] as unknown as { client: { query: pg.Pool["query"] } }).client;
  const now = Date.now();
  const points = spendsOf(spends, now);
  const values = sql`VALUES ${sql.join(points.map((spend) => sql`(${spend.key}, 1, ${spend.expire}::bigint)`))}`;
  const statement = spendUpsert(values, now).compile(compiler);
  const { rows } = await store.query<{ key: string; points: number; expire: string | number }>(statement.sql, [...statement.parameters]);
  return waitAfter(points, rows, now);
}
