// Duplicate clusters for moderators (issue 16, decision 044): open ideas whose titles are close
// (pg_trgm similarity, on both back ends) or most of whose supporters are the same people,
// grouped, each with how many people support both and a
// preview of what the existing merge would do: how many supports move to the target, how many
// are already there. Bounded: only the CANDIDATES most supported open ideas are compared, so the
// cost does not grow with the number of ideas (50k open ideas cost the same as 500).
import { sql, type Kysely } from "kysely";
import type { Database } from "../../../db/schema";

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

export async function duplicateClusters(db: Kysely<Database>): Promise<DuplicateCluster[]> {
  // Two ideas are a pair when their titles are close, or when most of the smaller one's
  // supporters support the other too (different words for one proposal, found by the people
  // behind them). The second reads a bounded sample of each candidate's supporters.
  // The candidates first: their ids then go into the pairs' statement as a constant list, which
  // PostgreSQL checks by a hash whatever its row estimates (a freshly filled database has none
  // worth the name, and its plans looped over the candidates once per support: seconds).
  const candidateIds = (
    await db.selectFrom("ideas").select("id").where("status", "=", "open").where("hidden_at", "is", null).orderBy("support_count", "desc").orderBy("id").limit(CANDIDATES).execute()
  ).map((r) => r.id);
  if (candidateIds.length < 2) return [];
  const pairs = await sql<{ a: number; b: number }>`
    WITH candidates AS MATERIALIZED (
      SELECT id, title, support_count FROM ideas WHERE id = ANY(${candidateIds}::bigint[])
    ),
    close AS (
      SELECT x.id AS a, y.id AS b, similarity(x.title, y.title) AS score
      FROM candidates x JOIN candidates y ON x.id < y.id AND similarity(x.title, y.title) >= ${CLOSE}
    ),
    -- For each candidate, up to SAMPLE of its supporters (in the primary key's order), and the
    -- other candidates they support: exact for an idea with at most SAMPLE supporters (the small
    -- ideas a duplicate usually is), an estimate for a bigger one. The cost is bounded by
    -- CANDIDATES × SAMPLE look-ups, whatever the number of supports (the 1M-support idea too).
    sample AS MATERIALIZED (
      SELECT x.id AS idea, least(x.support_count, ${SAMPLE}) AS size, s.user_id
      FROM candidates x
      CROSS JOIN LATERAL (SELECT user_id FROM supports WHERE idea_id = x.id AND invalidated_at IS NULL ORDER BY user_id LIMIT ${SAMPLE}) s
    ),
    overlap AS (
      SELECT m.idea AS small, o.idea_id AS other, m.size, count(*) AS shared
      FROM sample m JOIN supports o ON o.user_id = m.user_id AND o.idea_id <> m.idea AND o.invalidated_at IS NULL
      WHERE o.idea_id = ANY(${candidateIds}::bigint[])
      GROUP BY m.idea, o.idea_id, m.size
      HAVING count(*) >= ${SHARED_MIN}
    ),
    shared_most AS (
      -- Read from the smaller idea's side: most of ITS supporters support the other one.
      SELECT least(v.small, v.other) AS a, greatest(v.small, v.other) AS b, v.shared::float8 / greatest(v.size, 1) AS score
      FROM overlap v JOIN candidates x ON x.id = v.small JOIN candidates y ON y.id = v.other
      WHERE (x.support_count, x.id) < (y.support_count, y.id)
        AND v.shared >= ${SHARED_SHARE}::float8 * v.size
    )
    SELECT a, b FROM (SELECT a, b, score FROM close UNION ALL SELECT a, b, score FROM shared_most) p
    GROUP BY a, b
    ORDER BY max(score) DESC, a, b
    LIMIT ${MAX_PAIRS}`.execute(db);
  if (pairs.rows.length === 0) return [];
  // Groups: ideas joined by a close title are one cluster (union-find over the pairs).
  const parent = new Map<number, number>();
  const find = (n: number): number => {
    const p = parent.get(n) ?? n;
    if (p === n) return n;
    const root = find(p);
    parent.set(n, root);
    return root;
  };
  for (const { a, b } of pairs.rows) parent.set(find(Number(a)), find(Number(b)));
  const ids = [...new Set(pairs.rows.flatMap((p) => [Number(p.a), Number(p.b)]))];
  const ideas = await db.selectFrom("ideas").select(["id", "title", "support_count"]).where("id", "in", ids).execute();
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
  // who supports both keeps their support on the target.
  const pairsToCount = targeted.flatMap(({ target, rest }) => rest.map((idea) => sql`(${idea.id}::bigint, ${target.id}::bigint)`));
  const counted = await sql<{ member: string; counting: string; shared: string }>`
    SELECT p.member::text AS member, count(*)::text AS counting,
      count(*) FILTER (WHERE EXISTS (SELECT 1 FROM supports t WHERE t.idea_id = p.target AND t.user_id = s.user_id))::text AS shared
    FROM (VALUES ${sql.join(pairsToCount)}) AS p(member, target)
    JOIN supports s ON s.idea_id = p.member AND s.invalidated_at IS NULL
    GROUP BY p.member`.execute(db);
  const countsOf = new Map(counted.rows.map((r) => [Number(r.member), { counting: Number(r.counting), shared: Number(r.shared) }]));
  const clusters: DuplicateCluster[] = targeted.map(({ target, rest }) => ({
    target: { id: target.id, title: target.title, supports: target.support_count },
    members: rest.map((idea) => {
      const { counting, shared } = countsOf.get(idea.id) ?? { counting: 0, shared: 0 };
      return { id: idea.id, title: idea.title, supports: idea.support_count, shared, wouldMove: counting - shared, alreadyOnTarget: shared };
    }),
  }));
  return clusters.sort((x, y) => y.members.reduce((n, m) => n + m.shared, 0) - x.members.reduce((n, m) => n + m.shared, 0));
}
