// Duplicate clusters for moderators (issue 16, decision 044): open ideas whose titles are close
// (pg_trgm similarity, on both back ends) or most of whose supporters are the same people,
// grouped, each with how many people support both and a
// preview of what the existing merge would do: how many supports move to the target, how many
// are already there. Bounded: only the CANDIDATES most supported open ideas are compared, so the
// cost does not grow with the number of ideas (50k open ideas cost the same as 500).
import { sql, type Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { withoutJit } from "../../../db/local-settings";

const CANDIDATES = 500;
/** pg_trgm similarity from which two titles are "close". */
const CLOSE = 0.45;
const MAX_PAIRS = 200;
/** Two ideas are also a pair when at least this many people support both... */
const SHARED_MIN = 5;
/** ...and they are at least this share of the smaller idea's supporters. */
const SHARED_SHARE = 0.5;
/** Supporters read per candidate to find the shared ones (see \`sample\` below). */
const SAMPLE = 200;

export interface ClusterMember {
  id: number;
  title: string;
  supports: number;
  /** People who support both this idea and the target. */
  shared: number;
  /** The merge preview into the target: supports that would move; those already on the target. */
  wouldMove: number;
  alreadyOnTarget: number;
}

export interface DuplicateCluster {
  target: { id: number; title: string; supports: number };
  members: ClusterMember[];
}

export function duplicateClusters(db: Kysely<Database>): Promise<DuplicateCluster[]> {
  // Without JIT compilation: the statements below are estimated past jit_above_cost on a big
  // database and run in a fraction of what compiling them took (decision 103).
  return withoutJit(db, clustersOf);
}

async function clustersOf(db: Kysely<Database>): Promise<DuplicateCluster[]> {
  // Two ideas are a pair when their titles are close, or when most of the smaller one's
  // supporters support the other too (different words for one proposal, found by the people
  // behind them). Each candidate comes with its title's trigrams as pg_trgm makes them, so that
  // the titles are compared here, each trigram once (see closeTitles).
  const candidates = await db
    .selectFrom("ideas")
    .select(["id", "title", "support_count", sql<string[]>`show_trgm(title)`.as("trigrams")])
    .where("status", "=", "open")
    .where("hidden_at", "is", null)
    .orderBy("support_count", "desc")
    .orderBy("id")
    .limit(CANDIDATES)
    .execute();
  if (candidates.length < 2) return [];
  const best = new Map<string, Pair>();
  for (const pair of [...closeTitles(candidates), ...(await sharedSupporters(db, candidates))]) {
    const key = `${pair.a} ${pair.b}`;
    if ((best.get(key)?.score ?? -1) < pair.score) best.set(key, pair);
  }
  const pairs = [...best.values()].sort((x, y) => y.score - x.score || x.a - y.a || x.b - y.b).slice(0, MAX_PAIRS);
  if (pairs.length === 0) return [];
  // Groups: ideas joined by a close title are one cluster (union-find over the pairs).
  const parent = new Map<number, number>();
  const find = (n: number): number => {
    const p = parent.get(n) ?? n;
    if (p === n) return n;
    const root = find(p);
    parent.set(n, root);
    return root;
  };
  for (const { a, b } of pairs) parent.set(find(a), find(b));
  const paired = new Set(pairs.flatMap((p) => [p.a, p.b]));
  const ideas = candidates.filter((c) => paired.has(c.id));
  const groups = new Map<number, typeof ideas>();
  for (const idea of ideas) {
    const root = find(idea.id);
    groups.set(root, [...(groups.get(root) ?? []), idea]);
  }
  // The target of each group is the most supported: merging into it moves the fewest supports.
  const targeted = [...groups.values()].map((group) => {
    const [target, ...rest] = [...group].sort((x, y) => y.support_count - x.support_count || x.id - y.id);
    return { target, rest };
  });
  // Every member's preview in one statement: the same counts the merge makes
  // (app/domain/moderation/ideas.server.ts): a member's counting supports move once each; a person
  // who supports both keeps their support on the target. Each member's supports are read through
  // the primary key (OFFSET 0 keeps the look-up per member; joined, the planner read every support
  // of every idea: 0.45 s on the benchmark's data).
  const pairsToCount = targeted.flatMap(({ target, rest }) => rest.map((idea) => sql`(${idea.id}::bigint, ${target.id}::bigint)`));
  const counted = await sql<{ member: string; counting: string; shared: string }>`
    SELECT p.member::text AS member, count(*)::text AS counting,
      count(*) FILTER (WHERE EXISTS (SELECT 1 FROM supports t WHERE t.idea_id = p.target AND t.user_id = s.user_id))::text AS shared
    FROM (VALUES ${sql.join(pairsToCount)}) AS p(member, target)
    CROSS JOIN LATERAL (SELECT user_id FROM supports WHERE idea_id = p.member AND invalidated_at IS NULL OFFSET 0) s
    GROUP BY p.member`.execute(db);
  const countsOf = new Map(counted.rows.map((r) => [Number(r.member), { counting: Number(r.counting), shared: Number(r.shared) }]));
  const clusters: DuplicateCluster[] = targeted.map(({ target, rest }) => ({
    target: { id: target.id, title: target.title, supports: target.support_count },
    members: rest.map((idea) => {
      const { counting, shared } = countsOf.get(idea.id) ?? { counting: 0, shared: 0 };
      return { id: idea.id, title: idea.title, supports: idea.support_count, shared, wouldMove: counting - shared, alreadyOnTarget: shared };
    }),
  }));
  // Most people behind both first; on a tie, the more supported target first (the candidates' order).
  return clusters.sort((x, y) => y.members.reduce((n, m) => n + m.shared, 0) - x.members.reduce((n, m) => n + m.shared, 0));
}

/** Two candidates (a < b) and how alike they are: a title's similarity or a share of supporters. */
interface Pair {
  a: number;
  b: number;
  score: number;
}

const pairOf = (x: number, y: number, score: number): Pair => ({ a: Math.min(x, y), b: Math.max(x, y), score });

/**
 * The candidates whose titles are close: pg_trgm's `similarity()` (the trigrams both titles have,
 * over those either has; `show_trgm` gives each title's, as `similarity()` makes them), counted
 * through each trigram's titles. `similarity()` on every pair in SQL made each title's trigrams
 * again for each of the 124,750 pairs: 0.8 s of the page on the benchmark's data, against a few
 * milliseconds here (docs/scaling.md, twenty-first round).
 */
function closeTitles(candidates: { id: number; trigrams: string[] }[]): Pair[] {
  const titlesWith = new Map<string, number[]>();
  candidates.forEach(({ trigrams }, i) => {
    for (const trigram of trigrams) {
      const titles = titlesWith.get(trigram);
      if (titles) titles.push(i);
      else titlesWith.set(trigram, [i]);
    }
  });
  const shared = new Int32Array(candidates.length);
  const pairs: Pair[] = [];
  for (let i = 0; i < candidates.length; i++) {
    const others: number[] = [];
    for (const trigram of candidates[i].trigrams) {
      for (const j of titlesWith.get(trigram)!) if (j > i && shared[j]++ === 0) others.push(j);
    }
    for (const j of others) {
      const both = shared[j];
      shared[j] = 0;
      // In double precision, exact for ratios of such small numbers: titles that share exactly
      // 45 % are close (similarity() returns a real, 0.44999999, which `%` takes for less).
      const score = both / (candidates[i].trigrams.length + candidates[j].trigrams.length - both);
      if (score >= CLOSE) pairs.push(pairOf(candidates[i].id, candidates[j].id, score));
    }
  }
  return pairs;
}

/**
 * The candidates most of whose supporters support another candidate, read from the smaller
 * one's side: most of ITS supporters support the other one. Each candidate's supporters are a
 * bounded sample (SAMPLE, in the primary key's order): exact for an idea with at most SAMPLE
 * supporters (the small ideas a duplicate usually is), an estimate for a bigger one. Each sampled
 * person's supports are then looked up by person (`supports_user`), so the cost is bounded by
 * CANDIDATES × SAMPLE look-ups whatever the candidates' supports: hashing every support of every
 * candidate read all of the most supported one's (a million on the benchmark's data).
 */
async function sharedSupporters(db: Kysely<Database>, candidates: { id: number; support_count: number }[]): Promise<Pair[]> {
  const ids = candidates.map((c) => c.id);
  const rows = await sql<{ small: string; other: string; score: number }>`
    WITH candidates AS MATERIALIZED (
      SELECT * FROM unnest(${ids}::bigint[], ${candidates.map((c) => c.support_count)}::int[]) AS c(id, support_count)
    ),
    sample AS MATERIALIZED (
      SELECT x.id AS idea, least(x.support_count, ${SAMPLE}) AS size, s.user_id
      FROM candidates x
      CROSS JOIN LATERAL (SELECT user_id FROM supports WHERE idea_id = x.id AND invalidated_at IS NULL ORDER BY user_id LIMIT ${SAMPLE}) s
    ),
    overlap AS (
      SELECT m.idea AS small, o.idea_id AS other, m.size, count(*) AS shared
      FROM sample m
      -- OFFSET 0 keeps the look-up per person: merged into the join, it was planned as a hash of
      -- every candidate's supports.
      CROSS JOIN LATERAL (
        SELECT idea_id FROM supports
        WHERE user_id = m.user_id AND idea_id <> m.idea AND invalidated_at IS NULL AND idea_id = ANY(${ids}::bigint[])
        OFFSET 0
      ) o
      GROUP BY m.idea, o.idea_id, m.size
      HAVING count(*) >= ${SHARED_MIN}
    )
    SELECT v.small::text AS small, v.other::text AS other, v.shared::float8 / greatest(v.size, 1) AS score
    FROM overlap v JOIN candidates x ON x.id = v.small JOIN candidates y ON y.id = v.other
    WHERE (x.support_count, x.id) < (y.support_count, y.id)
      AND v.shared >= ${SHARED_SHARE}::float8 * v.size`.execute(db);
  return rows.rows.map((r) => pairOf(Number(r.small), Number(r.other), r.score));
}
