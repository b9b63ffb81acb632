// The app's periodic jobs. Each is idempotent: running it twice changes nothing more.
import { sql } from "kysely";
import { fanOutFollowerEmails, sendDigests } from "../domain/notifications/digest.server";
import { expireDue, fastTrackDue, markOverdue } from "../domain/workflow/automatic.server";
import { retention } from "./retention.server";
import { closeDueVotes } from "../domain/committees/votes.server";
import type { Job } from "./scheduler.server";
import { deadlineReminders, eventReminders } from "./reminders.server";
import { refreshStats } from "./stats.server";
import { publishDueRoots } from "../domain/receipts/publish.server";
import { DAY_MS } from "../utils/korea-time";

/** Trending = supports gained in the last 72 hours (docs/decisions/009-trending.md). */
export const refreshTrending: Job = {
  name: "refresh-trending",
  everySeconds: 300,
  async run(db, now) {
    // The ideas to score are those supported in the window and those trending before (found
    // through the trending index), not every idea: the job read the whole table twice every five
    // minutes, a cost that grew with the history of a country's ideas rather than with what trends.
    const result = await sql`
      UPDATE ideas SET trending_score = fresh.score
      FROM (
        SELECT coalesce(recent.idea_id, held.id) AS id, coalesce(recent.score, 0) AS score
        FROM (
          SELECT idea_id, sum(supports)::int AS score
          FROM idea_support_hours
          WHERE hour > ${now}::timestamptz - interval '72 hours'
          GROUP BY idea_id
        ) recent
        FULL JOIN (SELECT id FROM ideas WHERE trending_score > 0) held ON held.id = recent.idea_id
      ) fresh
      WHERE ideas.id = fresh.id AND ideas.trending_score <> fresh.score`.execute(db);
    return `${result.numAffectedRows ?? 0} ideas re-scored`;
  },
};

/** Removes what has expired: sessions, rate-limit counters, old e-mail tokens, old hour counters. */
export const cleanUp: Job = {
  name: "clean-up",
  everySeconds: 3600,
  async run(db, now) {
    const sessions = await db.deleteFrom("sessions").where("expires_at", "<", now).executeTakeFirst();
    await db.deleteFrom("rate_limits").where("expire", "<", now.getTime()).execute();
    await db
      .deleteFrom("email_tokens")
      .where("expires_at", "<", new Date(now.getTime() - 7 * DAY_MS))
      .execute();
    // Hour counters only serve the 72-hour trending window.
    await db
      .deleteFrom("idea_support_hours")
      .where("hour", "<", new Date(now.getTime() - 4 * DAY_MS))
      .execute();
    return `${sessions.numDeletedRows} expired sessions removed`;
  },
};

/** The pipeline's automatic steps: catch-up fast-tracks, expiry, overdue deadlines. */
export const pipeline: Job = {
  name: "pipeline",
  everySeconds: 60,
  async run(db, now) {
    const fastTracked = await fastTrackDue(db, now);
    const expired = await expireDue(db, now);
    const overdue = await markOverdue(db, now);
    // Committee votes whose closing time passed are sealed and their chairs told.
    const votes = await closeDueVotes(db, now);
    return `${fastTracked} fast-tracked, ${expired} expired, ${overdue} newly overdue, ${votes} votes closed`;
  },
};

/** Each day's Merkle root over its supports and invalidations, published once (decision 051). */
export const supportRoots: Job = {
  name: "support-roots",
  everySeconds: 600,
  async run(db, now) {
    const days = await publishDueRoots(db, now);
    return days.length ? `roots published for ${days.length} days, ${days[0]} to ${days[days.length - 1]}` : "no day to publish";
  },
};

export function notificationEmails(publicUrl: string): Job {
  return {
    name: "notification-emails",
    everySeconds: 60,
    async run(db, now) {
      const events = await fanOutFollowerEmails(db, now);
      const digests = await sendDigests(db, publicUrl, now);
      return `${events} events fanned out, ${digests} digests`;
    },
  };
}

export function allJobs(publicUrl: string): Job[] {
  return [pipeline, deadlineReminders, eventReminders, notificationEmails(publicUrl), refreshTrending, refreshStats, cleanUp, retention, supportRoots];
}
