// Read queries for the committees' pages, threads and the comments of an idea. Each page does a
// fixed number of queries whatever the thread's size: one statement for a page of top-level posts
// (keyset on the posts_top index) and every reply under them (posts_replies, by root_id; decision
// 085), and none while the thread's posts_version is the one its kept copy was read at (090).
import { sql, type Kysely } from "kysely";
import { named } from "../../../db/named";
import type { Database, GuestKind, IdeaStatus, Stance, ThreadKind } from "../../../db/schema";
import { isSlug } from "../../utils/ids";
import type { Actor } from "../accounts/permissions";
import { ideaVisibleTo } from "../ideas/permissions";
import { readIdea, type IdeaRecord } from "../ideas/record.server";
import { ideaTitleFor, seesHiddenContent } from "../moderation/permissions";
import { latestRecommendation } from "../workflow/queries.server";
import { markRead, shownTally, withThreadRead } from "./deliberation.server";
import { canEditPost, canLockThread, canUnlockThread, postRefusal, postsAsGuest, removalBy, type DiscussionRefusal, type ThreadFacts } from "./permissions";
import { inviteGuestRefusal, withdrawGuestRefusal } from "./guests";
import { activeGuests, inviteOptions } from "./guests.server";
import { editableUntil, nestReplies, newestFirst, postHref, type Tally, type TreeNode } from "./rules";
import { excerptOf } from "../../utils/markdown.server";
import { statusesWithDeadline } from "../workflow/statuses";
import { pageOf } from "../../utils/paging";
import { keptPerKey } from "../kept.server";

type Db = Kysely<Database>;

export const POSTS_PER_PAGE = 20;
export const THREADS_PER_PAGE = 30;
/** Ideas in a committee's care, one page of its public page (decision 071). */
export const QUEUE_PAGE_SIZE = 25;
const MEMBER_ROLES = ["committee_member", "committee_chair"] as const;

function iso(date: Date | string | null): string | null {
  return date === null ? null : new Date(date).toISOString();
}

// ——— Committees ———

export async function committeeList(db: Db) {
  return db
    .selectFrom("committees")
    .select([
      "committees.id",
      "committees.slug",
      "committees.name_ko",
      "committees.name_en",
      "committees.description_ko",
      "committees.description_en",
      sql<number>`(SELECT count(DISTINCT g.user_id)::int FROM role_grants g
        WHERE g.committee_id = committees.id AND g.role IN ('committee_member', 'committee_chair'))`.as("member_count"),
      sql<number>`(SELECT count(*)::int FROM ideas i WHERE i.committee_id = committees.id AND i.status = 'fast_tracked')`.as(
        "awaiting_count",
      ),
      sql<number>`(SELECT count(*)::int FROM ideas i WHERE i.committee_id = committees.id AND i.status = 'in_deliberation')`.as(
        "deliberating_count",
      ),
    ])
    .orderBy("committees.id")
    .execute();
}

export async function committeeBySlug(db: Db, slug: string) {
  if (!isSlug(slug)) return null;
  return (await db.selectFrom("committees").selectAll().where("slug", "=", slug).executeTakeFirst()) ?? null;
}

/**
 * A committee's page: its members, one page of the ideas in its care (earliest deadline first,
 * so what is late leads) with how many there are and how many are late, its threads.
 */
export async function committeePage(db: Db, committeeId: number, cursor: number | null, now = new Date(), actor: Actor | null = null, queuePage = 1) {
  const inCare = () => db.selectFrom("ideas").where("ideas.committee_id", "=", committeeId).where("ideas.status", "in", statusesWithDeadline("committee"));
  // Both counts from the queue's partial index (ideas_committee), in one statement.
  const counts = inCare()
    .select((eb) => [eb.fn.countAll<string>().as("total"), eb.fn.countAll<string>().filterWhere("ideas.committee_due_at", "<", now).as("overdue")])
    .executeTakeFirstOrThrow();
  const [members, ideas, threads, { overdue }] = await Promise.all([
    db
      .selectFrom("role_grants")
      .innerJoin("users", "users.id", "role_grants.user_id")
      .select(["users.id", "users.display_name", sql<boolean>`bool_or(role_grants.role = 'committee_chair')`.as("chair")])
      .where("role_grants.committee_id", "=", committeeId)
      .where("role_grants.role", "in", MEMBER_ROLES)
      .groupBy(["users.id", "users.display_name"])
      .orderBy("chair", "desc")
      .orderBy("users.display_name")
      .execute(),
    // The page's ids from the index alone (a deep page skips index entries, not joined rows).
    pageOf(queuePage, QUEUE_PAGE_SIZE, counts.then((c) => Number(c.total)), (limit, offset) =>
      db
        .selectFrom("ideas")
        .leftJoin("threads", (join) => join.onRef("threads.idea_id", "=", "ideas.id").on("threads.kind", "=", "committee"))
        .select(["ideas.id", "ideas.title", "ideas.author_id", "ideas.hidden_at", "ideas.status", "ideas.committee_due_at", "ideas.support_count", "threads.id as thread_id"])
        .where("ideas.id", "in", inCare().select("ideas.id").orderBy("ideas.committee_due_at", "asc").orderBy("ideas.id", "asc").limit(limit).offset(offset))
        .orderBy("ideas.committee_due_at", "asc")
        .orderBy("ideas.id", "asc")
        .execute(),
    ),
    committeeThreads(db, committeeId, cursor, actor),
    counts,
  ]);
  const { rows, ...ideasPage } = ideas;
  return {
    members,
    ideas: rows.map(({ author_id, hidden_at, ...idea }) => ({
      ...idea,
      title: ideaTitleFor(actor, { title: idea.title, authorId: author_id, hiddenAt: hidden_at }),
      committee_due_at: iso(idea.committee_due_at),
      overdue: idea.committee_due_at !== null && new Date(idea.committee_due_at) < now,
    })),
    ideasPage: { ...ideasPage, overdue: Number(overdue) },
    ...threads,
  };
}

async function committeeThreads(db: Db, committeeId: number, cursor: number | null, actor: Actor | null) {
  const query = db
    .selectFrom("threads")
    .leftJoin("ideas", "ideas.id", "threads.idea_id")
    .select([
      "threads.id",
      "threads.title",
      "threads.idea_id",
      "threads.post_count",
      "threads.last_post_at",
      "threads.created_at",
      "threads.locked_at",
      "ideas.title as idea_title",
      "ideas.author_id as idea_author_id",
      "ideas.hidden_at as idea_hidden_at",
    ])
    .orderBy("threads.id", "desc");
  // The page's ids from threads_committee alone: the newest threads of the table are mostly
  // ideas' comment threads, and reading the primary key backwards for the committee's skipped
  // 15,000 of them on madang_bench (decision 071).
  let ids = db.selectFrom("threads").select("threads.id").where("threads.kind", "=", "committee").where("threads.committee_id", "=", committeeId);
  if (cursor !== null) ids = ids.where("threads.id", "<", cursor);
  const rows = await query.where("threads.id", "in", ids.orderBy("threads.id", "desc").limit(THREADS_PER_PAGE + 1)).execute();
  const page = rows.slice(0, THREADS_PER_PAGE);
  return {
    threads: page.map(({ idea_author_id, idea_hidden_at, ...t }) => {
      // An idea's deliberation thread carries the idea's title: redacted with it.
      const redacted = t.idea_title !== null && idea_author_id !== null && ideaTitleFor(actor, { title: t.idea_title, authorId: idea_author_id, hiddenAt: idea_hidden_at }) === null;
      return {
        ...t,
        title: redacted ? null : t.title,
        idea_title: redacted ? null : t.idea_title,
        last_post_at: iso(t.last_post_at),
        created_at: iso(t.created_at)!,
        locked_at: iso(t.locked_at),
      };
    }),
    nextCursor: rows.length > THREADS_PER_PAGE ? page[page.length - 1].id : null,
  };
}

// ——— Threads and posts ———

export interface PostView {
  id: number;
  parent_id: number | null;
  reply_to_id: number | null;
  reply_to_name: string | null;
  depth: number;
  author_id: number;
  author_name: string;
  body_html: string;
  /** The Markdown, only for the author while they may edit it. */
  body: string | null;
  stance: Stance;
  created_at: string;
  edited_at: string | null;
  removal: "author" | "moderator" | null;
  reply_count: number;
  editable_until: string | null;
  fresh: boolean;
  /** `remove` says in which capacity the reader may remove the post. */
  can: { reply: boolean; edit: boolean; remove: "author" | "moderator" | null };
  /** Moderation: whether the reader sees a report link (visitors too: it asks them to sign in). */
  flaggable: boolean;
  /** Moderation: hidden in place; `forReader` when this reader gets the notice instead of the text. */
  hidden: { by: "flags" | "moderator"; reason: string | null; forReader: boolean; own: boolean } | null;
  /** Written by a guest of the deliberation (decision 054): the idea's author or an agency's officer. */
  guest: { kind: GuestKind; agency_ko: string | null; agency_en: string | null } | null;
}

export interface ThreadView {
  id: number;
  kind: ThreadKind;
  /** Null when the thread is about an idea whose title this reader may not see (ideaTitleFor). */
  title: string | null;
  committee_id: number | null;
  committee_slug: string | null;
  committee_ko: string | null;
  committee_en: string | null;
  idea_id: number | null;
  idea_title: string | null;
  idea_status: IdeaStatus | null;
  created_at: string;
  locked_at: string | null;
  lock_reason: string | null;
  locked_by_name: string | null;
  post_count: number;
}

function postQuery(db: Db) {
  return db
    .selectFrom("posts")
    .innerJoin("users as author", "author.id", "posts.author_id")
    .leftJoin("posts as answered", "answered.id", "posts.reply_to_id")
    .leftJoin("users as answered_author", "answered_author.id", "answered.author_id")
    .leftJoin("deliberation_guests as guest", "guest.id", "posts.guest_id")
    .leftJoin("agencies as guest_agency", "guest_agency.id", "guest.agency_id")
    .select([
      "posts.id",
      "posts.parent_id",
      "posts.reply_to_id",
      "answered_author.display_name as reply_to_name",
      "posts.depth",
      "posts.author_id",
      "author.display_name as author_name",
      "posts.body",
      "posts.body_html",
      "posts.stance",
      "posts.created_at",
      "posts.edited_at",
      "posts.removed_at",
      "posts.removal",
      "posts.reply_count",
      // Moderation
      "posts.hidden_at",
      "posts.hidden_by",
      "posts.hidden_reason",
      "guest.kind as guest_kind",
      "guest_agency.name_ko as guest_agency_ko",
      "guest_agency.name_en as guest_agency_en",
    ]);
}

type PostRow = Awaited<ReturnType<ReturnType<typeof postQuery>["execute"]>>[number];

/** A page's statement: which thread, in which order, after which post, how many top-level posts. */
interface PostsPageKey {
  threadId: number;
  desc: boolean;
  after: number | null;
  size: number;
}

/**
 * A page's top-level posts (one more, to know whether another page follows) and, in the same
 * statement, the replies under the page's own (decision 085: one round trip where there were two).
 * A named statement (decision 073), one per shape: the depth a literal, so that the generic plan
 * still reads the top posts through their partial index.
 */
function readPostsPage(db: Db, { threadId, desc, after, size }: PostsPageKey): Promise<PostRow[]> {
  const parameters = after !== null ? [threadId, after, size + 1, size] : [threadId, size + 1, size];
  return named(db, `posts-top-${desc ? "newest" : "oldest"}${after !== null ? "-after" : ""}`, parameters, () => {
    let top = postQuery(db)
      .where("posts.thread_id", "=", threadId)
      .where("posts.depth", "=", sql.lit(0))
      .orderBy("posts.id", desc ? "desc" : "asc");
    if (after !== null) top = top.where("posts.id", desc ? "<" : ">", after);
    const page = sql`(SELECT t.id FROM top t ORDER BY t.id ${sql.raw(desc ? "DESC" : "ASC")} LIMIT ${size})`;
    return db
      .with("top", () => top.limit(size + 1))
      .selectFrom("top")
      .selectAll()
      .unionAll(postQuery(db).where(sql<boolean>`posts.root_id IN ${page}`));
  });
}

/**
 * How long a process keeps a page of a thread's posts while the thread's `posts_version` stays the
 * same (decision 090). Every change to the posts moves the version, which each page reads with its
 * record, so a post, an edit, a removal or a moderator's hiding shows at the next view in every
 * process; what the version does not follow (an author's new display name, a guest's agency
 * renamed) shows within this time.
 */
export const POSTS_MAX_AGE_MS = 1_000;
/** Pages of posts kept per process: the busiest threads' first pages (a page is 20–30 KB of rows). */
const KEPT_POST_PAGES = 200;
const keptPostPages = keptPerKey<PostRow[], string>(POSTS_MAX_AGE_MS, (db, key) => readPostsPage(db, JSON.parse(key) as PostsPageKey), [], KEPT_POST_PAGES);

/**
 * One page of a thread: its top-level posts after `cursor` in the thread's order, and every
 * reply under them, nested. One statement, whatever the size of the thread; none while the
 * thread's `postsVersion` (read with the page's record) is the one a kept copy was read at.
 * The rows are the same for every reader; what each reader may see and do is worked out here.
 */
export async function threadPosts(
  db: Db,
  thread: ThreadFacts & { id: number; postsVersion: number },
  actor: Actor | null,
  options: { cursor: number | null; lastReadAt: Date | null; now?: Date; pageSize?: number },
) {
  const now = options.now ?? new Date();
  const size = options.pageSize ?? POSTS_PER_PAGE;
  const desc = newestFirst(thread.kind);
  const key: PostsPageKey = { threadId: thread.id, desc, after: options.cursor, size };
  const rows = await keptPostPages.get(db, JSON.stringify(key), String(thread.postsVersion));
  const tops = rows.filter((r) => r.depth === 0).sort((a, b) => (desc ? b.id - a.id : a.id - b.id));
  const roots = tops.slice(0, size);
  const replies = rows.filter((r) => r.depth !== 0);
  const refusal: DiscussionRefusal | null = postRefusal(actor, thread, now);
  const mayPost = refusal === null;
  const view = (row: PostRow): PostView => {
    const facts = { authorId: row.author_id, createdAt: row.created_at, removedAt: row.removed_at };
    const edit = canEditPost(actor, facts, thread, now);
    // Moderation: a hidden post's text reaches only its author and moderators.
    const hiddenForReader = row.hidden_at !== null && !seesHiddenContent(actor, row.author_id);
    return {
      id: row.id,
      parent_id: row.parent_id,
      reply_to_id: row.reply_to_id,
      reply_to_name: row.reply_to_name,
      depth: row.depth,
      author_id: row.author_id,
      author_name: row.author_name,
      body_html: row.removed_at || hiddenForReader ? "" : row.body_html,
      body: edit ? row.body : null,
      stance: row.stance,
      created_at: iso(row.created_at)!,
      edited_at: iso(row.edited_at),
      removal: row.removal,
      reply_count: row.reply_count,
      editable_until: edit ? editableUntil(row.created_at).toISOString() : null,
      fresh: options.lastReadAt !== null && new Date(row.created_at) > options.lastReadAt && row.author_id !== actor?.id,
      can: { reply: mayPost && !row.removed_at, edit, remove: removalBy(actor, facts, now) },
      flaggable: !row.removed_at && actor?.id !== row.author_id,
      hidden: row.hidden_at ? { by: row.hidden_by!, reason: row.hidden_reason, forReader: hiddenForReader, own: actor?.id === row.author_id } : null,
      guest: row.guest_kind ? { kind: row.guest_kind, agency_ko: row.guest_agency_ko, agency_en: row.guest_agency_en } : null,
    };
  };
  return {
    posts: nestReplies(roots.map(view), replies.map(view)) as TreeNode<PostView>[],
    nextCursor: tops.length > size ? roots[roots.length - 1].id : null,
    mayPost,
    postRefusal: refusal,
  };
}

/**
 * The thread's record; with `markReadBy`, the reader's read mark moved in the same statement
 * (`thread-record-read`, decision 089: the CTEs of `markRead`), the mark as it was in
 * `last_read_at`.
 */
async function threadRow(db: Db, threadId: number, markReadBy: { readerId: number; at: Date } | null = null) {
  const [row] = markReadBy
    ? await named(db, "thread-record-read", [threadId, markReadBy.readerId, markReadBy.readerId, markReadBy.at, threadId], () => threadQuery(db, threadId, markReadBy))
    : await named(db, "thread-record", [threadId], () => threadQuery(db, threadId));
  return row;
}

function threadQuery(db: Db, threadId: number, markReadBy: { readerId: number; at: Date } | null = null) {
  return (markReadBy ? withThreadRead(db, markReadBy.readerId, threadId, markReadBy.at) : db)
    .selectFrom("threads")
    .leftJoin("committees", "committees.id", "threads.committee_id")
    .leftJoin("ideas", "ideas.id", "threads.idea_id")
    .leftJoin("users as locker", "locker.id", "threads.locked_by")
    .select([
      "threads.id",
      "threads.kind",
      "threads.title",
      "threads.committee_id",
      "committees.slug as committee_slug",
      "committees.name_ko as committee_ko",
      "committees.name_en as committee_en",
      "threads.idea_id",
      "ideas.title as idea_title",
      "ideas.status as idea_status",
      "ideas.author_id as idea_author_id",
      "ideas.hidden_at as idea_hidden_at",
      "threads.created_at",
      "threads.locked_at",
      "threads.lock_reason",
      "locker.display_name as locked_by_name",
      "threads.post_count",
      // Moves with every change to the thread's posts (decision 090): its pages of posts and its
      // tally are kept per version.
      "threads.posts_version",
      // Whether an idea's deliberation has guests or a recommendation to show: most have neither,
      // and their page then runs no statement to list them (threadPage).
      (eb) => eb.exists(eb.selectFrom("deliberation_guests").select("id").whereRef("deliberation_guests.idea_id", "=", "threads.idea_id").where("deliberation_guests.withdrawn_at", "is", null)).as("has_guests"),
      (eb) => eb.exists(eb.selectFrom("recommendations").select("id").whereRef("recommendations.idea_id", "=", "threads.idea_id")).as("has_recommendation"),
    ])
    .$if(markReadBy !== null, (qb) => qb.select(sql<Date | null>`(SELECT last_read_at FROM before)`.as("last_read_at")))
    .where("threads.id", "=", threadId);
}

type ThreadRow = NonNullable<Awaited<ReturnType<typeof threadRow>>>;

export async function threadById(db: Db, threadId: number, actor: Actor | null = null): Promise<ThreadView | null> {
  const row = await threadRow(db, threadId);
  return row ? threadView(row, actor) : null;
}

function threadView(row: ThreadRow, actor: Actor | null): ThreadView {
  const { idea_author_id, idea_hidden_at, has_guests: _guests, has_recommendation: _recommendation, last_read_at: _lastRead, posts_version: _version, ...rest } = row;
  // A thread about an idea carries the idea's title: redacted with it.
  const redacted = row.idea_title !== null && idea_author_id !== null && ideaTitleFor(actor, { title: row.idea_title, authorId: idea_author_id, hiddenAt: idea_hidden_at }) === null;
  return {
    ...rest,
    title: redacted ? null : rest.title,
    idea_title: redacted ? null : rest.idea_title,
    created_at: iso(row.created_at)!,
    locked_at: iso(row.locked_at),
  };
}

/**
 * Everything /threads/:id shows: the thread, the committee's recommendation when this is an
 * idea's deliberation thread, the stance tally, a page of posts; and the reader's mark (the
 * last visit that found something new, markRead), which it moves to now when the thread has a
 * newer post. Null when there is no such thread for this reader.
 */
export async function threadPage(db: Db, threadId: number, actor: Actor | null, options: { cursor: number | null; now?: Date; agency?: number | null }) {
  const now = options.now ?? new Date();
  // A signed-in reader's mark moves in the record's statement (decision 089).
  const row = await threadRow(db, threadId, actor ? { readerId: actor.id, at: now } : null);
  if (!row) return null;
  if (row.idea_status && row.idea_author_id !== null && !ideaVisibleTo(actor, { authorId: row.idea_author_id, status: row.idea_status })) return null;
  const view = threadView(row, actor);
  // An idea's deliberation thread lists its guests (decision 054); they may post in it.
  const deliberation = view.kind === "committee" && view.idea_id !== null;
  const lastReadAt = row.last_read_at ? new Date(row.last_read_at) : null;
  const guests = deliberation && row.has_guests ? await activeGuests(db, view.idea_id!) : [];
  const facts: ThreadFacts & { id: number; postsVersion: number } = {
    id: view.id,
    postsVersion: row.posts_version,
    kind: view.kind,
    committeeId: view.committee_id,
    lockedAt: view.locked_at,
    ideaStatus: view.idea_status,
    ideaId: view.idea_id,
    guestIds: guests.map((g) => g.user_id),
  };
  const guestFacts = { committeeId: view.committee_id, ideaId: view.idea_id, ideaStatus: view.idea_status };
  const canInvite = deliberation && inviteGuestRefusal(actor, guestFacts, now) === null;
  const [recommendation, tally, page, invite] = await Promise.all([
    deliberation && row.has_recommendation ? latestRecommendation(db, view.idea_id!) : Promise.resolve(null),
    shownTally(db, threadId, facts.postsVersion),
    threadPosts(db, facts, actor, { cursor: options.cursor, lastReadAt, now }),
    canInvite
      ? inviteOptions(db, { committeeId: view.committee_id!, ideaId: view.idea_id!, ideaStatus: view.idea_status! }, options.agency ?? null, guests)
      : Promise.resolve(null),
  ]);
  return {
    thread: view,
    recommendation,
    tally,
    ...page,
    lastReadAt: iso(lastReadAt),
    canLock: canLockThread(actor, facts, now),
    canUnlock: canUnlockThread(actor, facts, now),
    guests: deliberation
      ? {
          list: guests,
          invite,
          canWithdraw: withdrawGuestRefusal(actor, guestFacts, now) === null,
          // Whether the reader posts here as a guest (the form says so).
          asGuest: postsAsGuest(actor, facts),
        }
      : null,
  };
}

export type ThreadPage = NonNullable<Awaited<ReturnType<typeof threadPage>>>;

/**
 * The discussion part of an idea's page: a link to its deliberation thread, and the first page
 * of its comments (newest first) with the tally. The comment thread may not exist yet.
 */
export async function ideaDiscussion(db: Db, ideaId: number, actor: Actor | null, now = new Date()) {
  const record = await readIdea(db, ideaId);
  return record ? discussionView(db, record.threads, actor, now) : null;
}

/** The same, from the idea already read (its page reads it once: app/domain/ideas/page.server.ts). */
export async function discussionView(db: Db, row: IdeaRecord["threads"], actor: Actor | null, now = new Date()) {
  const ideaId = row.id;
  const facts: ThreadFacts = { kind: "idea_comments", committeeId: null, lockedAt: row.locked_at, ideaStatus: row.status };
  const threadId = row.comment_thread_id;
  let page: Awaited<ReturnType<typeof threadPosts>> | null = null;
  let tally: Tally = { for: 0, against: 0, neutral: 0 };
  if (threadId !== null) {
    // Moved already when the record was read for this reader (decision 089).
    const lastReadAt = row.commentsRead ? row.commentsRead.previous : await markRead(db, actor, threadId, now);
    // Read with the thread's id, from the same row: there whenever the thread is.
    const postsVersion = row.posts_version!;
    [page, tally] = await Promise.all([
      threadPosts(db, { ...facts, id: threadId, postsVersion }, actor, { cursor: null, lastReadAt, now, pageSize: 10 }),
      shownTally(db, threadId, postsVersion),
    ]);
  }
  return {
    ideaId,
    threadId,
    postCount: row.post_count ?? 0,
    lockedAt: iso(row.locked_at),
    lockReason: row.lock_reason,
    posts: page?.posts ?? [],
    more: Boolean(page?.nextCursor),
    tally,
    postRefusal: postRefusal(actor, facts, now),
    deliberation:
      row.deliberation_thread_id !== null
        ? {
            threadId: row.deliberation_thread_id,
            postCount: row.deliberation_post_count ?? 0,
            committeeKo: row.committee_ko,
            committeeEn: row.committee_en,
          }
        : null,
  };
}

export type IdeaDiscussion = Awaited<ReturnType<typeof discussionView>>;

/**
 * A person's own comments and committee posts, newest first, with where each one is (for /me):
 * removed ones are left out; hidden ones are listed (the author still reads them).
 */
export async function myPosts(db: Db, actor: Actor, limit = 50) {
  const rows = await db
    .selectFrom("posts")
    .innerJoin("threads", "threads.id", "posts.thread_id")
    .leftJoin("ideas", "ideas.id", "threads.idea_id")
    .select([
      "posts.id",
      "posts.thread_id",
      "posts.root_id",
      "posts.body",
      "posts.stance",
      "posts.created_at",
      "posts.hidden_at",
      "threads.kind",
      "threads.title as thread_title",
      "ideas.title as idea_title",
      "ideas.author_id as idea_author_id",
      "ideas.hidden_at as idea_hidden_at",
    ])
    .where("posts.author_id", "=", actor.id)
    .where("posts.removed_at", "is", null)
    .orderBy("posts.id", "desc")
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    href: postHref(r),
    comment: r.kind === "idea_comments",
    // Where it is: the idea (or its committee thread) by title, unless a moderator hid the idea
    // from this reader (ideaTitleFor; null: the page says it is hidden).
    where:
      r.idea_title !== null && r.idea_author_id !== null
        ? ideaTitleFor(actor, { title: r.idea_title, authorId: r.idea_author_id, hiddenAt: r.idea_hidden_at })
        : r.thread_title,
    excerpt: excerptOf(r.body, 140),
    stance: r.stance,
    hidden: r.hidden_at !== null,
    created_at: iso(r.created_at)!,
  }));
}
