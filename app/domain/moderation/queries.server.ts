// Read queries for the moderation pages: the queue (flagged items, held ideas, alerts), the
// log, an account's history, the invalidations; and what an idea's page needs to know.
// Each page does a fixed number of queries whatever the queue's length.
import { sql, type Kysely } from "kysely";
import type { Database, HiddenBy, IdeaStatus, ScreeningHitRow, ThreadKind } from "../../../db/schema";
import { isModerator, type Actor } from "../accounts/permissions";
import { ideaVisibleTo } from "../ideas/permissions";
import { readIdea, type IdeaRecord } from "../ideas/record.server";
import { isPermanent } from "./accounts.server";
import { canModerate, flagRefusal, ideaTitleFor, seesHiddenContent } from "./permissions";
import { HOUR_MS } from "../../utils/korea-time";

type Db = Kysely<Database>;

export const QUEUE_PAGE = 50;
/** Items waiting longer than this are highlighted in the queue. */
export const LONG_WAIT_HOURS = 48;
const HISTORY_PER_AUTHOR = 5;

function iso(date: Date | string | null): string | null {
  return date === null ? null : new Date(date).toISOString();
}

export interface AuthorSummary {
  id: number;
  name: string;
  joined: string;
  suspendedUntil: string | null;
  permanent: boolean;
  history: { id: number; action: string; at: string; reason: string | null }[];
  historyCount: number;
}

/** The authors' earlier moderation history (actions that concerned them), newest first. */
export async function authorHistories(db: Db, userIds: number[], now = new Date()): Promise<Map<number, AuthorSummary>> {
  const ids = [...new Set(userIds)];
  const out = new Map<number, AuthorSummary>();
  if (ids.length === 0) return out;
  const [users, rows, counts] = await Promise.all([
    db.selectFrom("users").select(["id", "display_name", "created_at", "suspended_until"]).where("id", "in", ids).execute(),
    sql<{ id: number; subject: string; action: string; created_at: Date; reason: string | null }>`
      SELECT id, subject, action, created_at, reason FROM (
        SELECT id, details->>'subjectUserId' AS subject, action, created_at, details->>'reason' AS reason,
               row_number() OVER (PARTITION BY details->>'subjectUserId' ORDER BY id DESC) AS rank
        FROM audit_log
        WHERE details ? 'subjectUserId' AND details->>'subjectUserId' IN (${sql.join(ids.map(String))})
          AND action LIKE 'moderation.%'
      ) ranked WHERE rank <= ${HISTORY_PER_AUTHOR} ORDER BY id DESC`.execute(db),
    sql<{ subject: string; n: number }>`
      SELECT details->>'subjectUserId' AS subject, count(*)::int AS n FROM audit_log
      WHERE details ? 'subjectUserId' AND details->>'subjectUserId' IN (${sql.join(ids.map(String))})
        AND action LIKE 'moderation.%'
      GROUP BY 1`.execute(db),
  ]);
  for (const u of users) {
    const suspended = u.suspended_until !== null && new Date(u.suspended_until) > now;
    out.set(u.id, {
      id: u.id,
      name: u.display_name,
      joined: iso(u.created_at)!,
      suspendedUntil: suspended ? iso(u.suspended_until) : null,
      permanent: suspended && isPermanent(u.suspended_until),
      history: rows.rows
        .filter((r) => Number(r.subject) === u.id)
        .map((r) => ({ id: Number(r.id), action: r.action, at: iso(r.created_at)!, reason: r.reason })),
      historyCount: Number(counts.rows.find((c) => Number(c.subject) === u.id)?.n ?? 0),
    });
  }
  return out;
}

export interface QueueItem {
  type: "idea" | "post";
  id: number;
  waitingSince: string;
  waitingHours: number;
  longWait: boolean;
  flagCount: number;
  flags: { id: number; reason: string; details: string | null; at: string }[];
  hiddenBy: HiddenBy | null;
  hiddenReason: string | null;
  removed: boolean;
  /** The content, for the moderator. */
  title: string | null;
  bodyHtml: string;
  createdAt: string;
  /** Where it is: the idea (its page), or the thread of the post. */
  context: {
    ideaId: number | null;
    ideaTitle: string | null;
    ideaStatus: IdeaStatus | null;
    threadId: number | null;
    threadTitle: string | null;
    threadKind: ThreadKind | null;
    committeeKo: string | null;
    committeeEn: string | null;
  };
  author: AuthorSummary;
}

/** The flagged items with open flags, the longest-waiting first. */
export async function flagQueue(db: Db, now = new Date(), limit = QUEUE_PAGE): Promise<{ items: QueueItem[]; total: number }> {
  const [groups, total] = await Promise.all([
    db
      .selectFrom("flags")
      .select(["idea_id", "post_id", (eb) => eb.fn.min("created_at").as("first_at"), (eb) => eb.fn.countAll<number>().as("n")])
      .where("resolved_at", "is", null)
      .groupBy(["idea_id", "post_id"])
      .orderBy("first_at", "asc")
      .orderBy("idea_id")
      .orderBy("post_id")
      .limit(limit)
      .execute(),
    db
      .selectFrom("flags")
      .select(sql<number>`count(DISTINCT (coalesce(idea_id, 0), coalesce(post_id, 0)))::int`.as("n"))
      .where("resolved_at", "is", null)
      .executeTakeFirstOrThrow(),
  ]);
  const ideaIds = groups.flatMap((g) => (g.idea_id !== null ? [g.idea_id] : []));
  const postIds = groups.flatMap((g) => (g.post_id !== null ? [g.post_id] : []));
  const [ideas, posts, flags] = await Promise.all([
    ideaIds.length
      ? db
          .selectFrom("ideas")
          .select(["id", "title", "body_html", "status", "author_id", "created_at", "hidden_by", "hidden_reason"])
          .where("id", "in", ideaIds)
          .execute()
      : Promise.resolve([]),
    postIds.length
      ? db
          .selectFrom("posts")
          .innerJoin("threads", "threads.id", "posts.thread_id")
          .leftJoin("ideas", "ideas.id", "threads.idea_id")
          .leftJoin("committees", "committees.id", "threads.committee_id")
          .select([
            "posts.id",
            "posts.body_html",
            "posts.author_id",
            "posts.created_at",
            "posts.hidden_by",
            "posts.hidden_reason",
            "posts.removed_at",
            "threads.id as thread_id",
            "threads.title as thread_title",
            "threads.kind as thread_kind",
            "threads.idea_id",
            "ideas.title as idea_title",
            "ideas.status as idea_status",
            "committees.name_ko as committee_ko",
            "committees.name_en as committee_en",
          ])
          .where("posts.id", "in", postIds)
          .execute()
      : Promise.resolve([]),
    db
      .selectFrom("flags")
      .select(["id", "idea_id", "post_id", "reason", "details", "created_at"])
      .where("resolved_at", "is", null)
      .where((eb) =>
        eb.or([eb("idea_id", "in", ideaIds.length ? ideaIds : [-1]), eb("post_id", "in", postIds.length ? postIds : [-1])]),
      )
      .orderBy("id")
      .execute(),
  ]);
  const authors = await authorHistories(db, [...ideas.map((i) => i.author_id), ...posts.map((p) => p.author_id)], now);
  const items: QueueItem[] = [];
  for (const g of groups) {
    const since = new Date(g.first_at as Date | string);
    const hours = Math.max(0, Math.floor((now.getTime() - since.getTime()) / HOUR_MS));
    const base = {
      waitingSince: since.toISOString(),
      waitingHours: hours,
      longWait: hours >= LONG_WAIT_HOURS,
      flagCount: Number(g.n),
    };
    const flagsOf = (f: (typeof flags)[number]) =>
      g.idea_id !== null ? f.idea_id === g.idea_id : f.post_id === g.post_id;
    const flagList = flags.filter(flagsOf).map((f) => ({ id: f.id, reason: f.reason, details: f.details, at: iso(f.created_at)! }));
    if (g.idea_id !== null) {
      const idea = ideas.find((i) => i.id === g.idea_id);
      if (!idea) continue;
      items.push({
        type: "idea",
        id: idea.id,
        ...base,
        flags: flagList,
        hiddenBy: idea.hidden_by,
        hiddenReason: idea.hidden_reason,
        removed: false,
        title: idea.title,
        bodyHtml: idea.body_html,
        createdAt: iso(idea.created_at)!,
        context: { ideaId: idea.id, ideaTitle: idea.title, ideaStatus: idea.status, threadId: null, threadTitle: null, threadKind: null, committeeKo: null, committeeEn: null },
        author: authors.get(idea.author_id)!,
      });
    } else {
      const post = posts.find((p) => p.id === g.post_id);
      if (!post) continue;
      items.push({
        type: "post",
        id: post.id,
        ...base,
        flags: flagList,
        hiddenBy: post.hidden_by,
        hiddenReason: post.hidden_reason,
        removed: post.removed_at !== null,
        title: null,
        bodyHtml: post.body_html,
        createdAt: iso(post.created_at)!,
        context: {
          ideaId: post.idea_id,
          ideaTitle: post.idea_title,
          ideaStatus: post.idea_status,
          threadId: post.thread_id,
          threadTitle: post.thread_title,
          threadKind: post.thread_kind,
          committeeKo: post.committee_ko,
          committeeEn: post.committee_en,
        },
        author: authors.get(post.author_id)!,
      });
    }
  }
  return { items, total: Number(total.n) };
}

/** Ideas held by screening, the longest-waiting first, with why. */
export async function heldIdeas(db: Db, now = new Date(), limit = QUEUE_PAGE) {
  const rows = await db
    .selectFrom("ideas")
    .select(["id", "title", "excerpt", "author_id", "created_at", "screening"])
    .where("status", "=", "pending")
    .orderBy("created_at", "asc")
    .orderBy("id", "asc")
    .limit(limit)
    .execute();
  const authors = await authorHistories(db, rows.map((r) => r.author_id), now);
  return rows.map((r) => {
    const hours = Math.max(0, Math.floor((now.getTime() - new Date(r.created_at).getTime()) / HOUR_MS));
    return {
      id: r.id,
      title: r.title,
      excerpt: r.excerpt,
      createdAt: iso(r.created_at)!,
      waitingHours: hours,
      longWait: hours >= LONG_WAIT_HOURS,
      screening: (r.screening ?? []) as ScreeningHitRow[],
      author: authors.get(r.author_id)!,
    };
  });
}

export async function openAlerts(db: Db, limit = QUEUE_PAGE) {
  const rows = await db
    .selectFrom("moderation_alerts")
    .innerJoin("ideas", "ideas.id", "moderation_alerts.idea_id")
    .select([
      "moderation_alerts.id",
      "moderation_alerts.kind",
      "moderation_alerts.idea_id",
      "moderation_alerts.ip_prefix",
      "moderation_alerts.window_start",
      "moderation_alerts.window_end",
      "moderation_alerts.support_count",
      "moderation_alerts.evidence",
      "moderation_alerts.created_at",
      "ideas.title as idea_title",
      "ideas.support_count as idea_support_count",
    ])
    .where("moderation_alerts.resolved_at", "is", null)
    .orderBy("moderation_alerts.created_at", "asc")
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    ...r,
    window_start: iso(r.window_start)!,
    window_end: iso(r.window_end)!,
    created_at: iso(r.created_at)!,
    evidence: r.evidence as { threshold?: number; windowMinutes?: number; newAccountHours?: number; accounts?: { id: number; name: string; joined: string; supported: string }[] },
  }));
}

/** How much is waiting, for the page's headings. */
export async function queueCounts(db: Db) {
  const row = await db
    .selectNoFrom((eb) => [
      eb.selectFrom("flags").select(sql<number>`count(DISTINCT (coalesce(idea_id, 0), coalesce(post_id, 0)))::int`.as("n")).where("resolved_at", "is", null).as("flagged"),
      eb.selectFrom("ideas").select(eb.fn.countAll<number>().as("n")).where("status", "=", "pending").as("held"),
      eb.selectFrom("moderation_alerts").select(eb.fn.countAll<number>().as("n")).where("resolved_at", "is", null).as("alerts"),
    ])
    .executeTakeFirstOrThrow();
  return { flagged: Number(row.flagged ?? 0), held: Number(row.held ?? 0), alerts: Number(row.alerts ?? 0) };
}

// ——— The log ———

export const LOG_PAGE = 100;

/** The moderation log: the audit rows of moderation actions (and moderators' post removals), newest first. */
export async function moderationLog(db: Db, before: number | null, limit = LOG_PAGE) {
  let query = db
    .selectFrom("audit_log")
    .leftJoin("users as actor", "actor.id", "audit_log.actor_id")
    .leftJoin("users as subject", (join) => join.on(sql<boolean>`subject.id::text = audit_log.details->>'subjectUserId'`))
    .select([
      "audit_log.id",
      "audit_log.action",
      "audit_log.target_type",
      "audit_log.target_id",
      "audit_log.details",
      "audit_log.created_at",
      "actor.display_name as actor_name",
      "subject.id as subject_id",
      "subject.display_name as subject_name",
    ])
    .where((eb) => eb.or([eb("audit_log.action", "like", "moderation.%"), eb("audit_log.action", "=", "post.remove")]))
    .orderBy("audit_log.id", "desc")
    .limit(limit + 1);
  if (before !== null) query = query.where("audit_log.id", "<", before);
  const rows = await query.execute();
  const page = rows.slice(0, limit);
  return {
    entries: page.map((r) => ({ ...r, created_at: iso(r.created_at)!, details: r.details as Record<string, unknown> })),
    next: rows.length > limit ? page[page.length - 1].id : null,
  };
}

// ——— Accounts ———

export async function accountForModeration(db: Db, userId: number, now = new Date()) {
  const user = await db
    .selectFrom("users")
    .select(["id", "display_name", "email", "created_at", "email_verified_at", "suspended_until", "suspension_reason"])
    .where("id", "=", userId)
    .executeTakeFirst();
  if (!user) return null;
  const [history, staff, content] = await Promise.all([
    db
      .selectFrom("audit_log")
      .leftJoin("users as actor", "actor.id", "audit_log.actor_id")
      .select(["audit_log.id", "audit_log.action", "audit_log.target_type", "audit_log.target_id", "audit_log.details", "audit_log.created_at", "actor.display_name as actor_name"])
      .where(sql<boolean>`audit_log.details ? 'subjectUserId'`)
      .where(sql<boolean>`audit_log.details->>'subjectUserId' = ${String(userId)}`)
      .orderBy("audit_log.id", "desc")
      .limit(200)
      .execute(),
    db.selectFrom("role_grants").select("role").where("user_id", "=", userId).execute(),
    db
      .selectNoFrom((eb) => [
        eb.selectFrom("ideas").select(eb.fn.countAll<number>().as("n")).where("author_id", "=", userId).as("ideas"),
        eb.selectFrom("posts").select(eb.fn.countAll<number>().as("n")).where("author_id", "=", userId).as("posts"),
        eb.selectFrom("ideas").select(eb.fn.countAll<number>().as("n")).where("author_id", "=", userId).where("hidden_at", "is not", null).as("hiddenIdeas"),
        eb.selectFrom("posts").select(eb.fn.countAll<number>().as("n")).where("author_id", "=", userId).where("hidden_at", "is not", null).as("hiddenPosts"),
        eb.selectFrom("sessions").select(eb.fn.countAll<number>().as("n")).where("user_id", "=", userId).as("sessions"),
      ])
      .executeTakeFirstOrThrow(),
  ]);
  const suspended = user.suspended_until !== null && new Date(user.suspended_until) > now;
  return {
    user: {
      id: user.id,
      name: user.display_name,
      email: user.email,
      joined: iso(user.created_at)!,
      verified: user.email_verified_at !== null,
      suspendedUntil: suspended ? iso(user.suspended_until) : null,
      permanent: suspended && isPermanent(user.suspended_until),
      suspensionReason: suspended ? user.suspension_reason : null,
      staff: staff.length > 0,
    },
    history: history.map((h) => ({ ...h, created_at: iso(h.created_at)!, details: h.details as Record<string, unknown> })),
    counts: {
      ideas: Number(content.ideas ?? 0),
      posts: Number(content.posts ?? 0),
      hidden: Number(content.hiddenIdeas ?? 0) + Number(content.hiddenPosts ?? 0),
      sessions: Number(content.sessions ?? 0),
    },
  };
}

// ——— Invalidations ———

export async function invalidationsList(db: Db, ideaId: number | null, limit = 50) {
  let query = db
    .selectFrom("support_invalidations")
    .innerJoin("ideas", "ideas.id", "support_invalidations.idea_id")
    .innerJoin("users as by", "by.id", "support_invalidations.created_by")
    .leftJoin("users as reverser", "reverser.id", "support_invalidations.reversed_by")
    .select([
      "support_invalidations.id",
      "support_invalidations.idea_id",
      "ideas.title as idea_title",
      "support_invalidations.criteria",
      "support_invalidations.reason",
      "support_invalidations.support_count",
      "support_invalidations.created_at",
      "support_invalidations.reversed_at",
      "support_invalidations.reversal_reason",
      "by.display_name as by_name",
      "reverser.display_name as reversed_by_name",
    ])
    .orderBy("support_invalidations.id", "desc")
    .limit(limit);
  if (ideaId !== null) query = query.where("support_invalidations.idea_id", "=", ideaId);
  const rows = await query.execute();
  return rows.map((r) => ({
    ...r,
    criteria: r.criteria as { userIds?: number[] | null; ipPrefix?: string | null; from?: string | null; to?: string | null },
    created_at: iso(r.created_at)!,
    reversed_at: iso(r.reversed_at),
  }));
}

/** The idea an invalidation is about, with its count and threshold. */
export async function ideaSupportSummary(db: Db, ideaId: number) {
  const idea = await db
    .selectFrom("ideas")
    .select(["id", "title", "support_count", "support_threshold", "status"])
    .where("id", "=", ideaId)
    .executeTakeFirst();
  return idea ?? null;
}

// ——— An idea's page ———

/**
 * What an idea's page shows about moderation, for this reader: whether its content is hidden
 * to them (and why), the idea it was merged into, why it was held (author and moderators),
 * the reason of a rejection, and whether they may report it.
 */
export async function ideaModeration(db: Db, ideaId: number, actor: Actor | null, now = new Date()) {
  const record = await readIdea(db, ideaId, actor?.id ?? null);
  if (!record) return null;
  return moderationView(db, record.moderation, actor, record.reader.flagged, now);
}

/**
 * The same, from the idea already read (its page reads it once: app/domain/ideas/page.server.ts)
 * and whether the reader reported it (read with the record: readIdea with the reader).
 */
export async function moderationView(db: Db, row: IdeaRecord["moderation"], actor: Actor | null, flagged: boolean, now = new Date()) {
  const ideaId = row.id;
  const insider = seesHiddenContent(actor, row.author_id);
  const rejection =
    row.status === "rejected" && insider
      ? await db
          .selectFrom("idea_events")
          .select(["note", "created_at"])
          .where("idea_id", "=", ideaId)
          .where("kind", "=", "status")
          .where("to_status", "=", "rejected")
          .orderBy("id", "desc")
          .limit(1)
          .executeTakeFirst()
      : undefined;
  const survivorVisible =
    row.survivor_id !== null && row.survivor_status !== null && ideaVisibleTo(actor, { authorId: -1, status: row.survivor_status });
  return {
    hidden: row.hidden_at ? { by: row.hidden_by!, reason: row.hidden_reason } : null,
    /** True when the reader gets the notice instead of the content. */
    hiddenForReader: row.hidden_at !== null && !insider,
    mergedInto: survivorVisible ? { id: row.survivor_id!, title: row.survivor_title! } : null,
    screening: row.status === "pending" && insider ? ((row.screening ?? []) as ScreeningHitRow[]) : [],
    rejection: rejection ? { reason: rejection.note, at: iso(rejection.created_at)! } : null,
    flagged: Boolean(flagged),
    canFlag: flagRefusal(actor, { authorId: row.author_id, alreadyFlagged: Boolean(flagged) }, now) === null,
    /** Shown to visitors too: the report page asks them to sign in. */
    showFlagLink: !actor || (actor.id !== row.author_id && !flagged),
    moderator: canModerate(actor, now),
    staffReader: isModerator(actor),
  };
}

export type IdeaModeration = Awaited<ReturnType<typeof moderationView>>;

/** The item a report is about, as the report page shows it (null when it cannot be reported). */
export async function flagTarget(db: Db, type: "idea" | "post", id: number, actor: Actor | null) {
  if (type === "idea") {
    const idea = await db.selectFrom("ideas").select(["id", "title", "excerpt", "author_id", "status", "hidden_at"]).where("id", "=", id).executeTakeFirst();
    if (!idea || !ideaVisibleTo(actor, { authorId: idea.author_id, status: idea.status })) return null;
    return { type, id, title: ideaTitleFor(actor, { title: idea.title, authorId: idea.author_id, hiddenAt: idea.hidden_at }), excerpt: idea.hidden_at ? null : idea.excerpt, quoteHtml: null, authorId: idea.author_id, href: `/ideas/${idea.id}`, threadKind: null };
  }
  const post = await db
    .selectFrom("posts")
    .innerJoin("threads", "threads.id", "posts.thread_id")
    .leftJoin("ideas", "ideas.id", "threads.idea_id")
    .select(["posts.id", "posts.body_html", "posts.author_id", "posts.removed_at", "posts.hidden_at", "threads.id as thread_id", "threads.kind", "threads.title", "threads.idea_id", "ideas.status as idea_status", "ideas.author_id as idea_author_id", "ideas.hidden_at as idea_hidden_at"])
    .where("posts.id", "=", id)
    .executeTakeFirst();
  if (!post || post.removed_at) return null;
  if (post.idea_status && post.idea_author_id !== null && !ideaVisibleTo(actor, { authorId: post.idea_author_id, status: post.idea_status })) return null;
  // The post as it reads on its page (its sanitized HTML), not its Markdown source.
  const quoteHtml = post.hidden_at ? null : post.body_html;
  const href = post.kind === "idea_comments" && post.idea_id !== null ? `/ideas/${post.idea_id}#post-${post.id}` : `/threads/${post.thread_id}#post-${post.id}`;
  // A thread about an idea carries the idea's title: redacted with it.
  const title = post.idea_author_id !== null ? ideaTitleFor(actor, { title: post.title, authorId: post.idea_author_id, hiddenAt: post.idea_hidden_at }) : post.title;
  return { type, id, title, excerpt: null, quoteHtml, authorId: post.author_id, href, threadKind: post.kind };
}

/** Whether this person already reported the item. */
export async function hasFlagged(db: Db, actor: Actor | null, type: "idea" | "post", id: number): Promise<boolean> {
  if (!actor) return false;
  const row = await db
    .selectFrom("flags")
    .select("id")
    .where(type === "idea" ? "idea_id" : "post_id", "=", id)
    .where("user_id", "=", actor.id)
    .executeTakeFirst();
  return Boolean(row);
}
