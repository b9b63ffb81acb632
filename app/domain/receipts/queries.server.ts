// Reading the published roots (open data) and a supporter's receipts (decision 051).
import { sql, type Kysely, type Selectable } from "kysely";
import type { Database, SupportRootsTable } from "../../../db/schema";
import { HASH_BYTES, merkleNodes, proofPlan } from "./merkle.server";
import { RECEIPT_FORMAT, supportLeaf, type Receipt } from "./receipt.server";
import { invalidationLeaves, supportsOfDay } from "./publish.server";
import { isIsoDate, KOREA_ZONE, koreaDate } from "../../utils/korea-time";

export const ROOT_FIELDS = ["day", "root", "leaf_count", "supports", "invalidations", "reinstatements", "published_at"] as const;

/** A published root as the open data gives it: the time as ISO 8601 text. */
export type RootRecord = Omit<Selectable<SupportRootsTable>, "published_at"> & { published_at: string };

export const MAX_ROOTS = 1000;

/** The published roots from `from` to `to` (days, both included; null = open), newest first. */
export async function publishedRoots(db: Kysely<Database>, range: { from: string | null; to: string | null }): Promise<RootRecord[]> {
  let query = db
    .selectFrom("support_roots")
    .select([sql<string>`day::text`.as("day"), "root", "leaf_count", "supports", "invalidations", "reinstatements", "published_at"])
    .orderBy("day", "desc")
    .limit(MAX_ROOTS);
  if (range.from) query = query.where("day", ">=", range.from);
  if (range.to) query = query.where("day", "<=", range.to);
  const rows = await query.execute();
  return rows.map((r) => ({ ...r, published_at: new Date(r.published_at).toISOString() }));
}

/** The ?from= and ?to= of /api/v1/support-roots, or the parameter that is wrong. */
export function parseRootRange(search: URLSearchParams): { ok: true; from: string | null; to: string | null } | { ok: false; parameter: string } {
  const range = { from: search.get("from") || null, to: search.get("to") || null };
  for (const name of ["from", "to"] as const) {
    const value = range[name];
    if (value !== null && !isIsoDate(value)) return { ok: false, parameter: name };
  }
  return { ok: true, ...range };
}

/** The root published for a day, or null. */
export async function rootOf(db: Kysely<Database>, day: string): Promise<string | null> {
  if (!isIsoDate(day)) return null;
  const row = await db.selectFrom("support_roots").select("root").where("day", "=", day).executeTakeFirst();
  return row?.root ?? null;
}

/** A support's day in Korea, the day whose root holds it. */
const SUPPORT_DAY = sql<string>`(supports.created_at AT TIME ZONE ${sql.lit(KOREA_ZONE)})::date`;

/** Supports with their day and whether its root is published. */
function supportsWithDays(db: Kysely<Database>) {
  return db
    .selectFrom("supports")
    .leftJoin("support_roots", (join) => join.onRef("support_roots.day", "=", SUPPORT_DAY))
    .select([sql<string>`${SUPPORT_DAY}::text`.as("day"), sql<boolean>`support_roots.day IS NOT NULL`.as("published")]);
}

/** The supports a person gave, newest first, with the day each is published in (or not yet). */
export async function myReceipts(db: Kysely<Database>, userId: number) {
  const rows = await supportsWithDays(db)
    .innerJoin("ideas", "ideas.id", "supports.idea_id")
    .select(["ideas.id", "ideas.title", "ideas.hidden_at", "supports.created_at"])
    .where("supports.user_id", "=", userId)
    .orderBy("supports.created_at", "desc")
    .limit(200)
    .execute();
  return rows.map((r) => ({
    ideaId: r.id,
    title: r.hidden_at ? null : r.title,
    supportedAt: new Date(r.created_at).toISOString(),
    day: r.day,
    published: r.published,
  }));
}

export type ReceiptAnswer =
  | { kind: "receipt"; receipt: Receipt }
  /** The support's day is not published yet: the receipt can be had the next day. */
  | { kind: "pending"; day: string }
  /** No support of this person for this idea; or its leaf is not in the day's tree (moved by two merges). */
  | { kind: "none" };

function leavesOf(blob: Buffer): string[] {
  const hex = Buffer.from(blob).toString("hex");
  const leaves: string[] = [];
  for (let i = 0; i < hex.length; i += 64) leaves.push(hex.slice(i, i + 64));
  return leaves;
}

/**
 * A person's receipt for their support of an idea: the support's data, its leaf, the path from
 * the leaf to the day's published root. It holds nothing about anyone else: the other hashes on
 * the path are of leaves whose supporters' salts it does not have.
 * The leaf is looked for among the day's stored leaves and the path's hashes are read from them
 * and the day's inner nodes, about twenty slices of 32 bytes (decision 104): the day's tree is
 * not built again for each receipt (160,000 leaves a day on the benchmark's data).
 */
export async function receiptFor(db: Kysely<Database>, userId: number, ideaId: number, site: string): Promise<ReceiptAnswer> {
  const support = await db.selectFrom("supports").select("created_at").where("user_id", "=", userId).where("idea_id", "=", ideaId).executeTakeFirst();
  if (!support) return { kind: "none" };
  const day = koreaDate(new Date(support.created_at));
  const published = await db
    .selectFrom("support_roots")
    .select(["root", "leaf_count", sql<boolean>`EXISTS (SELECT 1 FROM support_root_nodes n WHERE n.day = support_roots.day)`.as("has_nodes")])
    .where("day", "=", day)
    .executeTakeFirst();
  if (!published) return { kind: "pending", day };
  const row = await supportsOfDay(db, day).where("user_id", "=", userId).where("idea_id", "=", ideaId).executeTakeFirst();
  if (!row?.receipt_salt) return { kind: "none" };
  // A support moved by a merge after its day was published is in the tree under its first idea.
  const ideas = [row.idea_id, row.merged_from_id].filter((idea): idea is number => idea !== null);
  const leaves = ideas.map((idea) => supportLeaf(idea, row.receipt_salt!, userId, row.at));
  const found = await sql<{ leaf: string; at: number }>`
    SELECT c.leaf, position(decode(c.leaf, 'hex') IN l.leaves) AS at
    FROM support_root_leaves l CROSS JOIN unnest(${leaves}::text[]) AS c(leaf)
    WHERE l.day = ${day}`.execute(db);
  for (const [i, leaf] of leaves.entries()) {
    const at = found.rows.find((r) => r.leaf === leaf)?.at ?? 0;
    // Found where a leaf starts (a hash that straddled two leaves is not one of them).
    if (at === 0 || (at - 1) % HASH_BYTES !== 0) continue;
    if (!published.has_nodes) await storeNodes(db, day);
    const plan = proofPlan(published.leaf_count, (at - 1) / HASH_BYTES);
    const hashes = await sql<{ hashes: string[] }>`
      SELECT array(
        SELECT encode(substring(CASE p.among WHEN 'leaves' THEN l.leaves ELSE n.nodes END FROM p.start + 1 FOR ${HASH_BYTES}), 'hex')
        FROM unnest(${plan.map((p) => p.among)}::text[], ${plan.map((p) => p.offset)}::int[]) WITH ORDINALITY AS p(among, start, step)
        ORDER BY p.step
      ) AS hashes
      FROM support_root_leaves l JOIN support_root_nodes n ON n.day = l.day
      WHERE l.day = ${day}`.execute(db);
    return {
      kind: "receipt",
      receipt: {
        format: RECEIPT_FORMAT,
        site,
        day,
        support: { idea: ideas[i], supporter: userId, salt: row.receipt_salt, supported_at: row.at },
        leaf,
        proof: plan.map((p, step) => ({ side: p.side, hash: hashes.rows[0].hashes[step] })),
        root: published.root,
        leaf_count: published.leaf_count,
      },
    };
  }
  return { kind: "none" };
}

// One day's nodes built at a time in this process: a data export asks for the receipts of all of
// a person's supports at once, and each build holds a day's leaves and nodes (10 MB for 160,000
// leaves) while it hashes them.
let building: Promise<unknown> = Promise.resolve();

/** A day published before its inner nodes were kept (decision 104): built from its leaves, once. */
function storeNodes(db: Kysely<Database>, day: string): Promise<void> {
  const built = building.then(async () => {
    // Another receipt of the day may have built them while this one waited.
    if (await db.selectFrom("support_root_nodes").select("day").where("day", "=", day).executeTakeFirst()) return;
    const { leaves } = await db.selectFrom("support_root_leaves").select("leaves").where("day", "=", day).executeTakeFirstOrThrow();
    await db
      .insertInto("support_root_nodes")
      .values({ day, nodes: merkleNodes(Buffer.from(leaves)) })
      .onConflict((oc) => oc.column("day").doNothing())
      .execute();
  });
  building = built.catch(() => {});
  return built;
}

/** For the idea's page: the day of the person's support of it, and whether that day is published. */
export async function receiptState(db: Kysely<Database>, userId: number, ideaId: number): Promise<{ day: string; published: boolean } | null> {
  const row = await supportsWithDays(db).where("supports.user_id", "=", userId).where("supports.idea_id", "=", ideaId).executeTakeFirst();
  return row ?? null;
}

/**
 * One published day in full, for anyone to rebuild its root: the leaf hashes in the tree's order
 * (a support's leaf is a hash of an HMAC keyed with a salt only its supporter holds: it tells
 * nothing about who), and the invalidations and reinstatements of the day with their reasons,
 * each with the leaf it makes. Null when the day is not published.
 */
export async function publishedDay(db: Kysely<Database>, day: string) {
  if (!isIsoDate(day)) return null;
  const row = await db
    .selectFrom("support_roots")
    .innerJoin("support_root_leaves", "support_root_leaves.day", "support_roots.day")
    .select(["support_roots.root", "support_roots.leaf_count", "support_roots.supports", "support_roots.published_at", "support_root_leaves.leaves"])
    .where("support_roots.day", "=", day)
    .executeTakeFirst();
  if (!row) return null;
  const { invalidations, reinstatements } = await invalidationLeaves(db, day);
  return {
    day,
    root: row.root,
    leaf_count: row.leaf_count,
    supports: row.supports,
    published_at: new Date(row.published_at).toISOString(),
    invalidations,
    reinstatements,
    leaves: leavesOf(row.leaves),
  };
}
