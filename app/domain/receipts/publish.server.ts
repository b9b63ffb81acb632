// Publishing each day's Merkle root (decision 051): the day's supports (given that day, Korea
// time) and the day's invalidations and reinstatements with their reasons, hashed into sorted
// leaves, the root stored once with the leaves and the tree's inner nodes beside it (from which
// a receipt's proof is read, decision 104). Run by the job `support-roots`.
import { sql, type Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { leafHash, merkleTree, sortLeaves } from "./merkle.server";
import { invalidationLeafText, reinstatementLeafText, supportLeaf } from "./receipt.server";
import { endOfKoreaDay, koreaDate, startOfKoreaDay } from "../../utils/korea-time";

/** A day is published this long after it ends, so that a support written at 23:59:59 is in. */
const GRACE_MS = 10 * 60_000;
/** Days published by one run at most (a first run on an old site catches up over a few runs). */
const MAX_DAYS_PER_RUN = 400;

/** Instants as the leaves write them: UTC with microseconds, exactly as PostgreSQL keeps them. */
const utc = (column: string) => sql<string>`to_char(${sql.ref(column)} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

export const nextDay = (day: string) => koreaDate(endOfKoreaDay(day));

/** The day's supports as the receipt sees them: idea, account, salt, time. */
export function supportsOfDay(db: Kysely<Database>, day: string) {
  return db
    .selectFrom("supports")
    .select(["idea_id", "user_id", "merged_from_id", "receipt_salt", utc("supports.created_at").as("at")])
    .where("created_at", ">=", startOfKoreaDay(day))
    .where("created_at", "<", endOfKoreaDay(day));
}

/** The day's invalidations and reinstatements, each with its reason and its leaf. */
export async function invalidationLeaves(db: Kysely<Database>, day: string) {
  const [from, to] = [startOfKoreaDay(day), endOfKoreaDay(day)];
  const made = await db
    .selectFrom("support_invalidations")
    .select(["id", "idea_id", "support_count", "reason", utc("created_at").as("at")])
    .where("created_at", ">=", from)
    .where("created_at", "<", to)
    .orderBy("id")
    .execute();
  const reversed = await db
    .selectFrom("support_invalidations")
    .select(["id", "idea_id", "reversal_reason", utc("reversed_at").as("at")])
    .where("reversed_at", ">=", from)
    .where("reversed_at", "<", to)
    .orderBy("id")
    .execute();
  return {
    invalidations: made.map((v) => ({
      id: v.id,
      idea: v.idea_id,
      supports: v.support_count,
      at: v.at,
      reason: v.reason,
      leaf: leafHash(invalidationLeafText({ id: v.id, ideaId: v.idea_id, count: v.support_count, at: v.at, reason: v.reason })),
    })),
    reinstatements: reversed.map((v) => {
      const entry = { id: v.id, idea: v.idea_id, at: v.at, reason: v.reversal_reason ?? "" };
      return { ...entry, leaf: leafHash(reinstatementLeafText({ id: v.id, ideaId: v.idea_id, at: v.at, reason: entry.reason })) };
    }),
  };
}

/** The day's leaf hashes (unsorted) and how many of each kind. */
async function leavesOfDay(db: Kysely<Database>, day: string) {
  const [from, to] = [startOfKoreaDay(day), endOfKoreaDay(day)];
  // Supports given before receipts existed draw their salt now, once.
  await sql`UPDATE supports SET receipt_salt = DEFAULT
    WHERE receipt_salt IS NULL AND created_at >= ${from}::timestamptz AND created_at < ${to}::timestamptz`.execute(db);
  const supports = await supportsOfDay(db, day).execute();
  const { invalidations, reinstatements } = await invalidationLeaves(db, day);
  const leaves = [...supports.map((s) => supportLeaf(s.idea_id, s.receipt_salt!, s.user_id, s.at)), ...invalidations.map((v) => v.leaf), ...reinstatements.map((v) => v.leaf)];
  return { leaves, supports: supports.length, invalidations: invalidations.length, reinstatements: reinstatements.length };
}

/** Publishes one day's root; false when it was already published (it is never rewritten). */
export async function publishDay(db: Kysely<Database>, day: string, now: Date): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const done = await trx.selectFrom("support_roots").select("day").where("day", "=", day).executeTakeFirst();
    if (done) return false;
    const { leaves, ...counts } = await leavesOfDay(trx, day);
    const sorted = sortLeaves(leaves);
    const tree = merkleTree(sorted);
    const inserted = await trx
      .insertInto("support_roots")
      .values({ day, root: tree.root, leaf_count: sorted.length, ...counts, published_at: now })
      .onConflict((oc) => oc.doNothing())
      .returning("day")
      .executeTakeFirst();
    if (!inserted) return false;
    await trx.insertInto("support_root_leaves").values({ day, leaves: tree.leaves }).execute();
    await trx.insertInto("support_root_nodes").values({ day, nodes: tree.nodes }).execute();
    return true;
  });
}

/** The last day that may be published at `now`: yesterday in Korea, once the grace has passed. */
export function lastPublishableDay(now: Date): string {
  return koreaDate(new Date(startOfKoreaDay(koreaDate(new Date(now.getTime() - GRACE_MS))).getTime() - 1));
}

/**
 * Publishes every day not yet published, up to yesterday: from the day after the newest root,
 * or on a site without roots from its first support or invalidation. Days without any leaf get
 * the empty tree's root, so that the series has no gaps. Returns the days published.
 */
export async function publishDueRoots(db: Kysely<Database>, now: Date): Promise<string[]> {
  const last = lastPublishableDay(now);
  const newest = await db.selectFrom("support_roots").select(sql<string | null>`max(day)::text`.as("day")).executeTakeFirst();
  let day: string;
  if (newest?.day) day = nextDay(newest.day);
  else {
    const first = await sql<{ at: Date | null }>`SELECT least((SELECT min(created_at) FROM supports), (SELECT min(created_at) FROM support_invalidations)) AS at`.execute(db);
    const at = first.rows[0]?.at;
    day = at ? koreaDate(new Date(at)) : last;
  }
  const published: string[] = [];
  while (day <= last && published.length < MAX_DAYS_PER_RUN) {
    if (await publishDay(db, day, now)) published.push(day);
    day = nextDay(day);
  }
  return published;
}
