// Moderation in the open (/transparency, decision 033): the rejected ideas, newest first, with
// their date and the category of their reason, and the title unless the reason is personal data
// or illegal content; and each month's figures: moderators' decisions by reason, the median time
// from the first report to a decision, automatic hides and how many a moderator reversed, and
// supports invalidated with why. Nobody's name appears: moderators act for the platform.
import { sql, type Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { FLAG_REASONS } from "../moderation/limits";
import { appealFigures } from "../moderation/appeals.server";
import { koreaDate, startOfKoreaMonth } from "../../utils/korea-time";

export const REJECTED_PAGE = 30;

/** Reasons whose very title must not be repeated in public. */
export const WITHHELD_REASONS = ["personal_data", "illegal"] as const;

export interface RejectedIdea {
  id: number;
  rejectedAt: string;
  /** A flag reason (spam, abuse, personal_data...) or "unstated". */
  category: string;
  /** Null when the reason is personal data or illegal content. */
  title: string | null;
}

const reasons = sql.join(FLAG_REASONS.map((r) => sql.lit(r)));
const withheld = sql.join(WITHHELD_REASONS.map((r) => sql.lit(r)));

/**
 * The rejected ideas, a page at a time (cursor: the last id shown). The category is the
 * moderator's preset reason when the idea was hidden with one, else the rejection's reason when
 * it is a preset, else the reason most of its reports gave, else "unstated". The title is
 * withheld when any of these, or screening, says personal data or illegal content.
 */
export async function rejectedIdeas(db: Kysely<Database>, before: number | null, limit = REJECTED_PAGE) {
  const rows = await sql<{ id: number; title: string; rejected_at: Date; category: string | null; withheld: boolean }>`
    SELECT i.id, i.title, i.status_changed_at AS rejected_at,
      coalesce(
        CASE WHEN i.hidden_reason IN (${reasons}) THEN i.hidden_reason END,
        (SELECT a.details->>'reason' FROM audit_log a
          WHERE a.target_type = 'idea' AND a.target_id = i.id::text AND a.action = 'moderation.reject'
            AND a.details->>'reason' IN (${reasons})
          ORDER BY a.id DESC LIMIT 1),
        (SELECT f.reason FROM flags f WHERE f.idea_id = i.id GROUP BY f.reason ORDER BY count(*) DESC, f.reason LIMIT 1)
      ) AS category,
      (i.hidden_reason IN (${withheld})
        OR EXISTS (SELECT 1 FROM flags f WHERE f.idea_id = i.id AND f.reason IN (${withheld}))
        OR coalesce(i.screening @> '[{"kind": "personal_data"}]'::jsonb, false)
        OR EXISTS (SELECT 1 FROM audit_log a WHERE a.target_type = 'idea' AND a.target_id = i.id::text
          AND a.action = 'moderation.reject' AND a.details->>'reason' IN (${withheld}))) AS withheld
    FROM ideas i
    WHERE i.status = 'rejected'
      ${before === null ? sql`` : sql`AND (i.status_changed_at, i.id) < (SELECT b.status_changed_at, b.id FROM ideas b WHERE b.id = ${before})`}
    ORDER BY i.status_changed_at DESC, i.id DESC
    LIMIT ${limit + 1}`.execute(db);
  const page = rows.rows.slice(0, limit);
  const ideas: RejectedIdea[] = page.map((r) => {
    const category = r.category ?? "unstated";
    const hide = r.withheld || (WITHHELD_REASONS as readonly string[]).includes(category);
    return { id: Number(r.id), rejectedAt: new Date(r.rejected_at).toISOString(), category, title: hide ? null : r.title };
  });
  return { ideas, next: rows.rows.length > limit ? ideas[ideas.length - 1].id : null };
}

// ——— Monthly figures ———

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** A month in Korea time ("2026-12"), as the instants it starts and ends. */
export function monthBounds(month: string): { start: Date; end: Date } | null {
  const m = MONTH.exec(month);
  if (!m) return null;
  const year = Number(m[1]);
  const index = Number(m[2]) - 1;
  if (year < 2000 || year > 2100) return null;
  const start = startOfKoreaMonth(year, index);
  const end = startOfKoreaMonth(year, index + 1);
  return { start, end };
}

/** The month (Korea time) an instant falls in. */
export function monthOf(at: Date): string {
  return koreaDate(at).slice(0, 7);
}

/** The last `count` months, newest first, ending with the month of `now`. */
export function recentMonths(now: Date, count = 12): string[] {
  const [y, m] = monthOf(now).split("-").map(Number);
  return Array.from({ length: count }, (_, i) => {
    const d = new Date(Date.UTC(y, m - 1 - i, 1));
    return d.toISOString().slice(0, 7);
  });
}

export interface MonthFigures {
  month: string;
  /** Moderators' decisions: hide, restore, dismiss, reject, merge; each by its reason. */
  decisions: { decision: string; reason: string; count: number }[];
  /** Median hours from an item's first report to the moderator's decision (null: none decided). */
  medianHoursToDecision: number | null;
  decided: number;
  /** Median hours a held idea waited for approval or rejection. */
  medianHoursHeld: number | null;
  held: number;
  autoHides: number;
  /** Of this month's automatic hides, those a moderator has since undone (restored or dismissed). */
  autoHidesReversed: number;
  invalidations: { reason: string; batches: number; supports: number; reinstated: number }[];
  /** Appeals sent this month, and those ruled this month by outcome (decision 044). */
  appeals: { received: number; upheld: number; reversed: number };
}

export async function monthFigures(db: Kysely<Database>, month: string): Promise<MonthFigures | null> {
  const bounds = monthBounds(month);
  if (!bounds) return null;
  const { start, end } = bounds;
  // The moderation rows of the month: the kind index (2026-12-03-070) gives them by date.
  const inMonth = sql`split_part(a.action, '.', 1) = 'moderation' AND a.created_at >= ${start} AND a.created_at < ${end}`;

  const [decisions, toDecision, held, autoHides, invalidations, appeals] = await Promise.all([
    sql<{ decision: string; reason: string; count: string }>`
      SELECT split_part(a.action, '.', 2) AS decision,
        CASE
          WHEN a.action = 'moderation.merge' THEN 'duplicate'
          WHEN a.action = 'moderation.reject' AND a.details->>'reason' IN (${reasons}) THEN a.details->>'reason'
          WHEN a.action = 'moderation.reject' THEN 'unstated'
          ELSE coalesce(a.details->>'reason', 'unstated')
        END AS reason,
        count(*)::text AS count
      FROM audit_log a
      WHERE ${inMonth} AND a.action IN ('moderation.hide', 'moderation.restore', 'moderation.dismiss', 'moderation.reject', 'moderation.merge')
      GROUP BY 1, 2
      ORDER BY 1, 3 DESC, 2`.execute(db),
    // An item decided this month: the time from its first report to the decision.
    sql<{ median: number | null; decided: string }>`
      SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM a.created_at - first.at) / 3600) AS median, count(*)::text AS decided
      FROM audit_log a
      CROSS JOIN LATERAL (
        SELECT min(f.created_at) AS at FROM flags f
        WHERE (a.target_type = 'idea' AND f.idea_id::text = a.target_id) OR (a.target_type = 'post' AND f.post_id::text = a.target_id)
      ) first
      WHERE ${inMonth} AND a.action IN ('moderation.hide', 'moderation.restore', 'moderation.dismiss')
        AND first.at IS NOT NULL AND first.at <= a.created_at`.execute(db),
    // A held idea approved or rejected this month: how long it waited from its submission.
    sql<{ median: number | null; held: string }>`
      SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM a.created_at - i.created_at) / 3600) AS median, count(*)::text AS held
      FROM audit_log a
      JOIN ideas i ON i.id::text = a.target_id
      WHERE ${inMonth} AND a.target_type = 'idea' AND a.action IN ('moderation.approve', 'moderation.reject')
        AND EXISTS (SELECT 1 FROM idea_events e WHERE e.idea_id = i.id AND e.from_status = 'pending' AND e.created_at >= a.created_at - interval '1 second' AND e.created_at <= a.created_at + interval '1 second')`.execute(db),
    sql<{ hides: string; reversed: string }>`
      SELECT count(*)::text AS hides,
        count(*) FILTER (WHERE EXISTS (
          SELECT 1 FROM audit_log r
          WHERE r.target_type = a.target_type AND r.target_id = a.target_id AND r.id > a.id
            AND r.action IN ('moderation.restore', 'moderation.dismiss')
        ))::text AS reversed
      FROM audit_log a
      WHERE ${inMonth} AND a.action = 'moderation.autohide'`.execute(db),
    db
      .selectFrom("support_invalidations")
      .select((eb) => [
        "reason",
        eb.fn.countAll<string>().as("batches"),
        eb.fn.sum<string>("support_count").as("supports"),
        sql<string>`coalesce(sum(support_count) FILTER (WHERE reversed_at IS NOT NULL), 0)`.as("reinstated"),
      ])
      .where("created_at", ">=", start)
      .where("created_at", "<", end)
      .groupBy("reason")
      .orderBy("supports", "desc")
      .limit(50)
      .execute(),
    appealFigures(db, start, end),
  ]);
  const hours = (v: number | null | undefined) => (v === null || v === undefined ? null : Math.round(Number(v) * 10) / 10);
  return {
    month,
    decisions: decisions.rows.map((r) => ({ decision: r.decision, reason: r.reason, count: Number(r.count) })),
    medianHoursToDecision: hours(toDecision.rows[0]?.median),
    decided: Number(toDecision.rows[0]?.decided ?? 0),
    medianHoursHeld: hours(held.rows[0]?.median),
    held: Number(held.rows[0]?.held ?? 0),
    autoHides: Number(autoHides.rows[0]?.hides ?? 0),
    autoHidesReversed: Number(autoHides.rows[0]?.reversed ?? 0),
    invalidations: invalidations.map((r) => ({ reason: r.reason, batches: Number(r.batches), supports: Number(r.supports ?? 0), reinstated: Number(r.reinstated ?? 0) })),
    appeals,
  };
}
