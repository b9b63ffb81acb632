// The dashboard's numbers, computed in a fixed number of aggregate queries. None reads the
// supports table: weekly supports come from idea_support_weeks and regional ones from
// idea_support_regions, both kept beside the supports (docs/decisions/012-statistics.md).
import { sql, type Kysely, type RawBuilder } from "kysely";
import type { Database, Outcome } from "../../../db/schema";
import { isSlug } from "../../utils/ids";
import { filterChoices } from "../ideas/queries.server";
import { onTimeRate } from "../workflow/queries.server";
import { DURATION_STEPS, FUNNEL_STEPS, OUTCOME_ORDER, type AgencyStats, type BodyStats, type Dashboard, type DurationStep } from "./dashboard";
import { fillWeeks, statsWindow, weeksBetween } from "./period";
import { statusesWithDeadline } from "../workflow/statuses";
import { statusList } from "../workflow/status-sql.server";
import { addDays, KOREA_ZONE, startOfKoreaDay } from "../../utils/korea-time";

export interface StatsScope {
  /** The campaign filter, resolved from its slug. */
  campaign: { id: number; slug: string } | null;
  from: string | null;
  to: string | null;
}

/** Resolves a campaign slug; null when there is no such campaign. */
export async function campaignBySlug(db: Kysely<Database>, slug: string) {
  if (!isSlug(slug)) return null;
  return (
    (await db.selectFrom("campaigns").select(["id", "slug", "title_ko", "title_en"]).where("slug", "=", slug).executeTakeFirst()) ?? null
  );
}

/** The campaigns a person can filter by, newest first: the list pages' kept choices (decision 074). */
export async function campaignChoices(db: Kysely<Database>) {
  return (await filterChoices(db)).campaigns;
}

const PUBLIC = sql`i.status NOT IN ('pending', 'rejected')`;

/** The ideas the numbers are about: public ones, of the campaign, submitted in the period. */
function cohort(scope: StatsScope, window: ReturnType<typeof statsWindow>): RawBuilder<boolean> {
  const parts = [PUBLIC];
  if (scope.campaign) parts.push(sql`i.campaign_id = ${scope.campaign.id}`);
  if (window.cohortFrom) parts.push(sql`i.created_at >= ${window.cohortFrom}::timestamptz`);
  if (window.cohortTo) parts.push(sql`i.created_at < ${window.cohortTo}::timestamptz`);
  return sql<boolean>`(${sql.join(parts, sql` AND `)})`;
}

function campaignOnly(scope: StatsScope): RawBuilder<boolean> {
  return scope.campaign ? sql<boolean>`(${PUBLIC} AND i.campaign_id = ${scope.campaign.id})` : sql<boolean>`${PUBLIC}`;
}

const days = (seconds: number | null) => (seconds === null ? null : Math.round((seconds / 86_400) * 10) / 10);

type Results<T extends readonly (() => Promise<unknown>)[]> = { -readonly [K in keyof T]: Awaited<ReturnType<T[K]>> };

/** The statements all at once (a reader waits for them), or one after another. */
async function run<T extends readonly (() => Promise<unknown>)[]>(statements: T, inTurn: boolean): Promise<Results<T>> {
  if (!inTurn) return (await Promise.all(statements.map((statement) => statement()))) as Results<T>;
  const results: unknown[] = [];
  for (const statement of statements) results.push(await statement());
  return results as Results<T>;
}

/**
 * The dashboard's numbers for a scope, in nine statements: at once for a reader who waits for
 * them; one after another (`inTurn`) for a computation nobody waits for (cache.server.ts), which
 * then holds one of PostgreSQL's backends at a time instead of nine, beside the pages it serves.
 */
export async function computeDashboard(db: Kysely<Database>, scope: StatsScope, now = new Date(), options: { inTurn?: boolean } = {}): Promise<Dashboard> {
  const window = statsWindow(scope, now);
  const where = cohort(scope, window);
  const weeks = weeksBetween(window.firstWeek, window.lastWeek);
  const weeksFrom = startOfKoreaDay(window.firstWeek);
  const weeksTo = startOfKoreaDay(addDays(window.lastWeek, 7));

  const ideasPerWeek = () =>
    sql<{ week: string; count: number }>`
    SELECT to_char(date_trunc('week', i.created_at AT TIME ZONE ${sql.lit(KOREA_ZONE)}), 'YYYY-MM-DD') AS week, count(*)::int AS count
    FROM ideas i
    WHERE ${campaignOnly(scope)} AND i.created_at >= ${weeksFrom}::timestamptz AND i.created_at < ${weeksTo}::timestamptz
    GROUP BY 1`.execute(db);

  const supportsPerWeek = () =>
    sql<{ week: string; count: number }>`
    SELECT to_char(w.week, 'YYYY-MM-DD') AS week, sum(w.supports)::int AS count
    FROM idea_support_weeks w JOIN ideas i ON i.id = w.idea_id
    WHERE ${campaignOnly(scope)} AND w.week BETWEEN ${window.firstWeek}::date AND ${window.lastWeek}::date
    GROUP BY w.week`.execute(db);

  const totals = () =>
    sql<{ ideas: number; supports: number; verified_supports: number }>`
    SELECT count(*)::int AS ideas, coalesce(sum(i.support_count), 0)::bigint AS supports,
      coalesce(sum(i.verified_support_count), 0)::bigint AS verified_supports FROM ideas i WHERE ${where}`.execute(db);

  // "Ever reached" comes from the timeline, not the current status: an implemented idea was
  // also fast-tracked, deliberated and answered.
  const funnel = () =>
    sql<Record<(typeof FUNNEL_STEPS)[number], number>>`
    SELECT count(*) FILTER (WHERE open)::int AS open,
           count(*) FILTER (WHERE fast_tracked)::int AS fast_tracked,
           count(*) FILTER (WHERE deliberated)::int AS deliberated,
           count(*) FILTER (WHERE answered)::int AS answered,
           count(*) FILTER (WHERE implemented)::int AS implemented
    FROM (
      SELECT e.idea_id,
             bool_or(e.to_status = 'open') AS open,
             bool_or(e.to_status = 'fast_tracked') AS fast_tracked,
             bool_or(e.from_status = 'in_deliberation' AND e.to_status IN ('under_review', 'closed')) AS deliberated,
             bool_or(e.to_status = 'answered') AS answered,
             bool_or(e.to_status = 'implemented') AS implemented
      FROM idea_events e JOIN ideas i ON i.id = e.idea_id
      WHERE e.kind IN ('submitted', 'status') AND ${where}
      GROUP BY e.idea_id
    ) reached`.execute(db);

  const stepPairs = sql.join(
    Object.entries(DURATION_STEPS).flatMap(([from, tos]) => tos.map((to) => sql`(${from}, ${to})`)),
  );
  const durations = () =>
    sql<{ step: DurationStep; count: number; median: number | null; p90: number | null }>`
    WITH moves AS (
      SELECT e.to_status AS step, e.created_at AS entered_at,
             lead(e.created_at) OVER stay AS left_at, lead(e.to_status) OVER stay AS next_status
      FROM idea_events e JOIN ideas i ON i.id = e.idea_id
      WHERE e.kind IN ('submitted', 'status') AND e.to_status IS NOT NULL AND ${where}
      WINDOW stay AS (PARTITION BY e.idea_id ORDER BY e.created_at, e.id)
    )
    SELECT step, count(*)::int AS count,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM left_at - entered_at)::float8) AS median,
           percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM left_at - entered_at)::float8) AS p90
    FROM moves
    WHERE (step, next_status) IN (${stepPairs})
    GROUP BY step`.execute(db);

  const committees = () =>
    sql<{ slug: string; name_ko: string; name_en: string; on_hand: number; overdue: number; answered: number; on_time: number }>`
    SELECT c.slug, c.name_ko, c.name_en,
           coalesce(h.on_hand, 0)::int AS on_hand, coalesce(h.overdue, 0)::int AS overdue,
           coalesce(r.answered, 0)::int AS answered, coalesce(r.on_time, 0)::int AS on_time
    FROM committees c
    LEFT JOIN (
      SELECT i.committee_id,
             count(*) FILTER (WHERE i.status IN (${statusList(statusesWithDeadline("committee"))})) AS on_hand,
             count(*) FILTER (WHERE i.status IN (${statusList(statusesWithDeadline("committee"))}) AND i.committee_due_at <= ${now}::timestamptz) AS overdue
      FROM ideas i WHERE i.committee_id IS NOT NULL AND ${where} GROUP BY i.committee_id
    ) h ON h.committee_id = c.id
    LEFT JOIN (
      SELECT r.committee_id, count(*) AS answered, count(*) FILTER (WHERE r.created_at <= i.committee_due_at) AS on_time
      FROM recommendations r JOIN ideas i ON i.id = r.idea_id WHERE ${where} GROUP BY r.committee_id
    ) r ON r.committee_id = c.id
    ORDER BY c.id`.execute(db);

  // The same definitions as the agency pages (app/domain/workflow/queries.server.ts), with
  // the dashboard's filters; tests/integration/open-data.test.ts checks that they agree.
  const agencies = () =>
    sql<
    { slug: string; kind: "ministry" | "local"; name_ko: string; name_en: string; on_hand: number; overdue: number; answered: number; on_time: number } & Record<Outcome, number>
  >`
    SELECT a.slug, a.kind, a.name_ko, a.name_en,
           coalesce(h.on_hand, 0)::int AS on_hand, coalesce(h.overdue, 0)::int AS overdue,
           coalesce(h.answered, 0)::int AS answered, coalesce(h.on_time, 0)::int AS on_time,
           coalesce(h.accepted, 0)::int AS accepted, coalesce(h.partially_accepted, 0)::int AS partially_accepted,
           coalesce(h.further_study, 0)::int AS further_study, coalesce(h.not_accepted, 0)::int AS not_accepted
    FROM agencies a
    LEFT JOIN (
      SELECT i.agency_id,
             count(*) FILTER (WHERE i.status IN (${statusList(statusesWithDeadline("agency"))})) AS on_hand,
             count(*) FILTER (WHERE i.status IN (${statusList(statusesWithDeadline("agency"))}) AND i.agency_due_at <= ${now}::timestamptz) AS overdue,
             count(*) FILTER (WHERE i.answered_at IS NOT NULL) AS answered,
             count(*) FILTER (WHERE i.answered_at IS NOT NULL AND i.answered_at <= i.agency_due_at) AS on_time,
             count(*) FILTER (WHERE i.outcome = 'accepted') AS accepted,
             count(*) FILTER (WHERE i.outcome = 'partially_accepted') AS partially_accepted,
             count(*) FILTER (WHERE i.outcome = 'further_study') AS further_study,
             count(*) FILTER (WHERE i.outcome = 'not_accepted') AS not_accepted
      FROM ideas i WHERE i.agency_id IS NOT NULL AND ${where} GROUP BY i.agency_id
    ) h ON h.agency_id = a.id
    ORDER BY a.kind, a.id`.execute(db);

  const regions = () =>
    sql<{ region_id: number; supports: number }>`
    SELECT r.region_id, sum(r.supports)::bigint AS supports
    FROM idea_support_regions r JOIN ideas i ON i.id = r.idea_id
    WHERE ${where}
    GROUP BY r.region_id`.execute(db);

  const regionNames = () => db.selectFrom("regions").select(["id", "code", "name_ko", "name_en"]).orderBy("id").execute();

  const [ideasRows, supportsRows, totalsRows, funnelRows, durationRows, committeeRows, agencyRows, regionRows, names] = await run(
    [ideasPerWeek, supportsPerWeek, totals, funnel, durations, committees, agencies, regions, regionNames] as const,
    options.inTurn ?? false,
  );

  const reached = funnelRows.rows[0];
  const body = (r: { slug: string; name_ko: string; name_en: string; on_hand: number; overdue: number; answered: number; on_time: number }): BodyStats => ({
    slug: r.slug,
    name_ko: r.name_ko,
    name_en: r.name_en,
    onHand: r.on_hand,
    overdue: r.overdue,
    answered: r.answered,
    onTime: r.on_time,
    onTimeRate: onTimeRate(r),
  });
  const agencyStats: AgencyStats[] = agencyRows.rows.map((r) => ({
    ...body(r),
    kind: r.kind,
    outcomes: Object.fromEntries(OUTCOME_ORDER.map((o) => [o, r[o]])) as Record<Outcome, number>,
  }));
  const byRegion = new Map(regionRows.rows.map((r) => [r.region_id, r.supports]));
  const durationByStep = new Map(durationRows.rows.map((r) => [r.step, r]));

  return {
    computedAt: now.toISOString(),
    filter: { campaign: scope.campaign?.slug ?? null, from: scope.from, to: scope.to },
    weeks: { first: window.firstWeek, last: window.lastWeek, clamped: window.clamped },
    totals: {
      ideas: totalsRows.rows[0].ideas,
      supports: totalsRows.rows[0].supports,
      verifiedSupports: totalsRows.rows[0].verified_supports,
      answered: reached.answered,
      implemented: reached.implemented,
    },
    ideasPerWeek: fillWeeks(weeks, ideasRows.rows),
    supportsPerWeek: fillWeeks(weeks, supportsRows.rows),
    funnel: FUNNEL_STEPS.map((step) => ({ step, count: reached[step] })),
    durations: (Object.keys(DURATION_STEPS) as DurationStep[]).map((step) => {
      const row = durationByStep.get(step);
      return { step, count: row?.count ?? 0, medianDays: days(row?.median ?? null), p90Days: days(row?.p90 ?? null) };
    }),
    committees: committeeRows.rows.map(body),
    agencies: agencyStats,
    outcomes: OUTCOME_ORDER.map((outcome) => ({ outcome, count: agencyStats.reduce((sum, a) => sum + a.outcomes[outcome], 0) })),
    regions: [
      ...names.map((r) => ({ code: r.code, name_ko: r.name_ko, name_en: r.name_en, supports: byRegion.get(r.id) ?? 0 })),
      { code: null, name_ko: null, name_en: null, supports: byRegion.get(0) ?? 0 },
    ],
  };
}


/**
 * The scope the filters describe, with the campaign slug resolved. Errors are catalog keys by
 * parameter (an unknown campaign is one); the scope then leaves out what was wrong.
 */
export async function resolveScope(
  db: Kysely<Database>,
  params: { campaign: string | null; from: string | null; to: string | null },
): Promise<{ scope: StatsScope; campaignError: boolean }> {
  const campaign = params.campaign ? await campaignBySlug(db, params.campaign) : null;
  return {
    scope: { campaign: campaign ? { id: campaign.id, slug: campaign.slug } : null, from: params.from, to: params.to },
    campaignError: Boolean(params.campaign && !campaign),
  };
}
