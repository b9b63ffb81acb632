// The notification centre: personal notifications plus the status changes of ideas the person
// follows or supports (read from the timeline), newest first, and the unread count.
import { THREAD_NOTIFICATIONS, type NotificationKind } from "./notify.server";
import { sql, type Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import type { Actor } from "../accounts/permissions";
import { contentVisibleTo } from "../ideas/visibility.server";
import { digestOf } from "./digest-text";

/** Ideas in a person's feed: followed or supported, not their own (those notify directly). */
function feedIdeas(db: Kysely<Database>, userId: number) {
  return db
    .selectFrom("follows")
    .select("idea_id")
    .where("user_id", "=", userId)
    .union(db.selectFrom("supports").select("idea_id").where("user_id", "=", userId));
}

/** Unread personal notifications and feed news (of ideas the person may see; the header's count). */
export async function unreadCount(db: Kysely<Database>, actor: Actor): Promise<number> {
  const userId = actor.id;
  const row = await db
    .selectNoFrom((eb) => [
      eb
        .selectFrom("notifications")
        .select(eb.fn.countAll<number>().as("n"))
        .where("user_id", "=", userId)
        .where("read_at", "is", null)
        .as("personal"),
      eb
        .selectFrom("idea_events")
        .innerJoin("ideas", "ideas.id", "idea_events.idea_id")
        .select(eb.fn.countAll<number>().as("n"))
        .where("idea_events.kind", "=", "status")
        .where("idea_events.idea_id", "in", feedIdeas(db, userId))
        .where("ideas.author_id", "!=", userId)
        .where(contentVisibleTo(actor))
        .where("idea_events.created_at", ">", eb.selectFrom("users").select("feed_seen_at").where("id", "=", userId))
        .as("feed"),
    ])
    .executeTakeFirstOrThrow();
  return Number(row.personal ?? 0) + Number(row.feed ?? 0);
}

/**
 * The person's notifications, newest first. Both kinds follow the ideas' visibility rule
 * (ideas/visibility.server.ts): a followed idea's news is left out once the person may not see
 * it (held, rejected, hidden), and a personal notice about such an idea keeps its date but not
 * its words (they quote the title): it reads "an idea you can no longer see", with no link.
 */
export async function notificationCentre(db: Kysely<Database>, actor: Actor, limit = 50) {
  const userId = actor.id;
  const [personal, feed, user] = await Promise.all([
    db
      .selectFrom("notifications")
      .leftJoin("ideas", "ideas.id", "notifications.idea_id")
      .select([
        "notifications.id",
        "notifications.kind",
        "notifications.idea_id",
        "notifications.payload",
        "notifications.created_at",
        "notifications.read_at",
        sql<boolean>`(notifications.idea_id IS NULL OR ideas.id IS NULL OR ${contentVisibleTo(actor)})`.as("visible"),
      ])
      .where("notifications.user_id", "=", userId)
      .where("notifications.kind", "!=", "followed_status")
      .orderBy("notifications.id", "desc")
      .limit(limit)
      .execute(),
    db
      .selectFrom("idea_events")
      .innerJoin("ideas", "ideas.id", "idea_events.idea_id")
      .select([
        "idea_events.id",
        "idea_events.idea_id",
        "idea_events.from_status",
        "idea_events.to_status",
        "idea_events.created_at",
        "ideas.title",
      ])
      .where("idea_events.kind", "=", "status")
      .where("idea_events.idea_id", "in", feedIdeas(db, userId))
      .where("ideas.author_id", "!=", userId)
      .where(contentVisibleTo(actor))
      .orderBy("idea_events.id", "desc")
      .limit(limit)
      .execute(),
    db.selectFrom("users").select("feed_seen_at").where("id", "=", userId).executeTakeFirstOrThrow(),
  ]);
  const seen = new Date(user.feed_seen_at);
  const items = [
    ...personal.map((n) => ({
      key: `n${n.id}`,
      kind: n.visible ? n.kind : "redacted",
      ideaId: n.visible ? n.idea_id : null,
      payload: n.visible ? (n.payload as Record<string, string>) : {},
      at: new Date(n.created_at).toISOString(),
      unread: n.read_at === null,
      // A forwarded idea's notice carries the committee's digest; an invitation leads to its thread (decision 054).
      digest: n.visible && n.kind === "agency_assigned" ? digestOf(n.payload as Record<string, unknown>) : null,
      threadId: n.visible && THREAD_NOTIFICATIONS.includes(n.kind as NotificationKind) ? threadOf(n.payload as Record<string, unknown>) : null,
    })),
    ...feed.map((e) => ({
      key: `e${e.id}`,
      kind: "followed_status",
      ideaId: e.idea_id,
      payload: { title: e.title, from: e.from_status ?? "", to: e.to_status ?? "" } as Record<string, string>,
      at: new Date(e.created_at).toISOString(),
      unread: new Date(e.created_at) > seen,
      digest: null,
      threadId: null,
    })),
  ];
  return items.sort((a, b) => b.at.localeCompare(a.at)).slice(0, limit);
}

function threadOf(payload: Record<string, unknown>): number | null {
  return typeof payload.threadId === "number" ? payload.threadId : null;
}

export async function markAllRead(db: Kysely<Database>, userId: number, now = new Date()): Promise<void> {
  await db.updateTable("notifications").set({ read_at: now }).where("user_id", "=", userId).where("read_at", "is", null).execute();
  await db.updateTable("users").set({ feed_seen_at: sql<Date>`greatest(feed_seen_at, ${now}::timestamptz)` }).where("id", "=", userId).execute();
}
