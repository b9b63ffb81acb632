// E-mail for notifications: supporters' opt-in copies fanned out from the timeline, then one
// message per person for everything that gathered in the last few minutes (a digest, not a flood).
import { THREAD_NOTIFICATIONS, type NotificationKind } from "./notify.server";
import { notificationValues } from "./notification-values";
import { digestOf, digestParagraphs } from "./digest-text";
import { sql, type Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { translator, type Locale } from "../../utils/i18n";
import { contentVisibleTo } from "../ideas/visibility.server";
import { enqueueEmail } from "./outbox.server";
import { composeEmail } from "./render.server";

/** How long notifications gather before they go out together. */
export const DIGEST_WAIT_MS = 5 * 60_000;
const FAN_OUT_JOB = "follower-emails";

/**
 * Gives each status change of an idea an e-mail notification for the supporters and followers
 * who asked for one (not the author, who is notified directly). Works through the timeline in
 * order from a cursor, so nothing is skipped or sent twice, even across restarts.
 */
export async function fanOutFollowerEmails(db: Kysely<Database>, now: Date, batch = 50): Promise<number> {
  await db.insertInto("scheduled_jobs").values({ name: FAN_OUT_JOB }).onConflict((oc) => oc.doNothing()).execute();
  return db.transaction().execute(async (trx) => {
    const job = await trx.selectFrom("scheduled_jobs").select("cursor").where("name", "=", FAN_OUT_JOB).forUpdate().executeTakeFirstOrThrow();
    const events = await trx
      .selectFrom("idea_events")
      .innerJoin("ideas", "ideas.id", "idea_events.idea_id")
      .select(["idea_events.id", "idea_events.idea_id", "idea_events.from_status", "idea_events.to_status", "ideas.title", "ideas.author_id"])
      .where("idea_events.kind", "=", "status")
      .where("idea_events.id", ">", job.cursor)
      // The cursor passes every event, but only news of an idea anyone may see goes out:
      // none about an idea held again, rejected or hidden (its title is not public).
      .select(sql<boolean>`${contentVisibleTo(null)}`.as("public"))
      .orderBy("idea_events.id")
      .limit(batch)
      .execute();
    for (const e of events) {
      if (!e.public) continue;
      const payload = JSON.stringify({ title: e.title, from: e.from_status, to: e.to_status });
      await sql`
        INSERT INTO notifications (user_id, kind, idea_id, payload, email, read_at, created_at)
        SELECT u.id, 'followed_status', ${e.idea_id}, ${payload}::jsonb, true, ${now}::timestamptz, ${now}::timestamptz
        FROM users u
        WHERE u.email_on_followed_ideas AND u.id <> ${e.author_id}
          AND u.id IN (SELECT user_id FROM supports WHERE idea_id = ${e.idea_id}
                       UNION SELECT user_id FROM follows WHERE idea_id = ${e.idea_id})`.execute(trx);
    }
    if (events.length) {
      await trx.updateTable("scheduled_jobs").set({ cursor: events[events.length - 1].id }).where("name", "=", FAN_OUT_JOB).execute();
    }
    return events.length;
  });
}

interface Pending {
  id: number;
  kind: string;
  idea_id: number | null;
  payload: Record<string, unknown>;
}

function line(n: Pending, t: ReturnType<typeof translator>, locale: Locale): string {
  return t(`notifications.kind.${n.kind}`, notificationValues(n.payload, (key) => t(key), locale));
}

/** Where a notification leads: an invitation to a deliberation, to its thread; else the idea. */
function linkOf(n: Pending, publicUrl: string): string[] {
  const threadId = n.payload.threadId;
  if (THREAD_NOTIFICATIONS.includes(n.kind as NotificationKind) && typeof threadId === "number") return [`${publicUrl}/threads/${threadId}`];
  return n.idea_id ? [`${publicUrl}/ideas/${n.idea_id}`] : [];
}

/** Sends each person one e-mail with every notification that has waited long enough. */
export async function sendDigests(db: Kysely<Database>, publicUrl: string, now: Date, batch = 100): Promise<number> {
  const due = await db
    .selectFrom("notifications")
    .select("user_id")
    .where("email", "=", true)
    .where("emailed_at", "is", null)
    .groupBy("user_id")
    .having((eb) => eb.fn.min("created_at"), "<=", new Date(now.getTime() - DIGEST_WAIT_MS))
    .limit(batch)
    .execute();
  let sent = 0;
  for (const { user_id } of due) {
    const done = await db.transaction().execute(async (trx) => {
      const pending = (await trx
        .selectFrom("notifications")
        .select(["id", "kind", "idea_id", "payload"])
        .where("user_id", "=", user_id)
        .where("email", "=", true)
        .where("emailed_at", "is", null)
        .orderBy("id")
        .forUpdate()
        .skipLocked()
        .execute()) as Pending[];
      if (pending.length === 0) return false;
      const user = await trx
        .selectFrom("users")
        .select(["email", "display_name", "locale", "unsubscribe_token"])
        .where("id", "=", user_id)
        .executeTakeFirstOrThrow();
      const locale: Locale = user.locale ?? "ko";
      const t = translator(locale);
      const unsubscribe = `${publicUrl}/unsubscribe?token=${user.unsubscribe_token}`;
      const items = pending.flatMap((n) => {
        // A forwarded idea's notice carries the committee's digest as text (decision 054).
        const digest = n.kind === "agency_assigned" ? digestOf(n.payload) : null;
        return [line(n, t, locale), ...(digest ? digestParagraphs(digest, t) : []), ...linkOf(n, publicUrl)];
      });
      const email = composeEmail({
        to: user.email,
        kind: "digest",
        lang: locale,
        subject: pending.length === 1 ? line(pending[0], t, locale) : t("notifications.digestSubject", { count: pending.length }),
        paragraphs: [
          t("mail.greeting", { name: user.display_name }),
          t("notifications.digestIntro"),
          ...items,
          `${t("notifications.manage")} ${publicUrl}/me/settings`,
          t("notifications.unsubscribe"),
          unsubscribe,
          t("mail.signature"),
        ],
      });
      await enqueueEmail(trx, { ...email, unsubscribeUrl: unsubscribe });
      await trx.updateTable("notifications").set({ emailed_at: now }).where("id", "in", pending.map((n) => n.id)).execute();
      return true;
    });
    if (done) sent++;
  }
  return sent;
}
