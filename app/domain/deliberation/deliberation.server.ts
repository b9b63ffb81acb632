// Use cases of the discussion engine: opening a committee thread, posting and replying,
// commenting on an idea, editing, removing, locking, marking a thread read; and the two pieces
// the fast-track workflow calls (ensureDeliberationThread, stanceTally).
//
// Removal: a removed post is never deleted, with or without replies. Its text is cleared and it
// stays as "removed by the author" / "removed by a moderator". Keeping the row keeps the
// conversation's shape (a reply attached to a depth-3 ancestor may answer it), the thread's
// pages stable, and an exact record of what happened; clearing the text honours the removal.
import { sql, type Kysely, type RawBuilder } from "kysely";
import { z } from "zod";
import type { Database, IdeaStatus, ThreadKind } from "../../../db/schema";
import { named } from "../../../db/named";
import { renderMarkdown } from "../../utils/markdown.server";
import { fail, FORM, msg, type Failure, type Result } from "../../utils/result";
import { participationRefusal, staffRefusal, sitsOnCommittee, type Actor } from "../accounts/permissions";
import { ideaVisibleTo } from "../ideas/permissions";
import { personalDataFailure } from "../moderation/screening.server";
import { keptPerKey } from "../kept.server";
import { getSettings } from "../settings.server";
import { execute, refusalFailure, useCase, type CustomRefusal, type KernelRefusal, type Trx } from "../use-case.server";
import { commentsOpen, editRefusal, lockRefusal, postRefusal, postsAsGuest, removalBy, type EditRefusal, type LockRefusal, type ThreadFacts } from "./permissions";
import { COMMENT_WINDOW_MS, EDIT_WINDOW_MS, placeReply, type Tally } from "./rules";
import { EditPostSchema, LockSchema, PostSchema, RemoveSchema, ThreadSchema } from "./schemas";

type Db = Kysely<Database>;

export interface PostWritten {
  threadId: number;
  postId: number;
  /** The top-level post the new post is under (itself when it is top-level). */
  rootId: number;
}

/** The discussion's own refusals, as the kernel shows them (a 409 with its message). */
const DISCUSSION_REFUSALS: Record<Exclude<EditRefusal | LockRefusal, KernelRefusal>, CustomRefusal> = {
  locked: { message: msg("deliberation.errors.locked"), status: 409 },
  closed: { message: msg("deliberation.errors.commentsClosed"), status: 409 },
  guestClosed: { message: msg("guests.errors.closed"), status: 409 },
  removed: { message: msg("deliberation.errors.removed"), status: 409 },
  editWindow: { message: msg("deliberation.errors.editWindow", { count: EDIT_WINDOW_MS / 60_000 }), status: 409 },
  alreadyLocked: { message: msg("deliberation.errors.alreadyLocked"), status: 409 },
  notLocked: { message: msg("deliberation.errors.notLocked"), status: 409 },
};

function refusal(r: EditRefusal | LockRefusal | null): KernelRefusal | CustomRefusal | null {
  if (r === null) return null;
  return r in DISCUSSION_REFUSALS ? DISCUSSION_REFUSALS[r as keyof typeof DISCUSSION_REFUSALS] : (r as KernelRefusal);
}

/** Who may post as a guest in a thread (its idea's invitations not withdrawn; decision 054), for `ThreadFacts.guestIds`. */
const guestIdsOfThread = sql<string[] | null>`(SELECT array_agg(g.user_id) FROM deliberation_guests g
  WHERE g.idea_id = threads.idea_id AND threads.kind = 'committee' AND g.withdrawn_at IS NULL)`.as("guest_ids");

/** The thread row, locked for the rest of the transaction, with what the rules need. */
async function lockThreadRow(trx: Trx, threadId: number) {
  const thread = await trx
    .selectFrom("threads")
    .leftJoin("ideas", "ideas.id", "threads.idea_id")
    .select([
      "threads.id",
      "threads.kind",
      "threads.committee_id",
      "threads.idea_id",
      "threads.locked_at",
      "threads.lock_reason",
      "ideas.status as idea_status",
      "ideas.author_id as idea_author_id",
      guestIdsOfThread,
    ])
    .where("threads.id", "=", threadId)
    .forUpdate(["threads"])
    .executeTakeFirst();
  return thread ?? undefined;
}

type LockedThread = NonNullable<Awaited<ReturnType<typeof lockThreadRow>>>;

function factsOf(thread: {
  kind: ThreadKind;
  committee_id: number | null;
  idea_id: number | null;
  locked_at: Date | null;
  idea_status: IdeaStatus | null;
  guest_ids: (string | number)[] | null;
}): ThreadFacts {
  return {
    kind: thread.kind,
    committeeId: thread.committee_id,
    lockedAt: thread.locked_at,
    ideaStatus: thread.idea_status,
    ideaId: thread.idea_id,
    guestIds: (thread.guest_ids ?? []).map(Number),
  };
}

/**
 * The invitation a guest posts under, held (FOR SHARE) until the post is written, with the idea's
 * status read under a share lock: a withdrawal or a recommendation recorded at the same moment
 * either comes first, and the post is refused, or waits for the post. Null: refused.
 */
async function guestInvitation(trx: Trx, actor: Actor, ideaId: number): Promise<{ id: number } | Failure> {
  const guest = await trx
    .selectFrom("deliberation_guests")
    .select("id")
    .where("idea_id", "=", ideaId)
    .where("user_id", "=", actor.id)
    .where("withdrawn_at", "is", null)
    .forShare()
    .executeTakeFirst();
  if (!guest) return refusalFailure("forbidden");
  const idea = await trx.selectFrom("ideas").select("status").where("id", "=", ideaId).forShare().executeTakeFirstOrThrow();
  if (idea.status !== "in_deliberation") return refusalFailure(DISCUSSION_REFUSALS.guestClosed);
  return guest;
}

/**
 * Serializes one person's posts, for the comment rate limit. Taken first in every transaction
 * that writes a post (in the use case's `load`), before the thread row and before any row that
 * refers to the person, so that all of them lock in the same order.
 */
async function lockAuthor(trx: Trx, userId: number): Promise<void> {
  await trx.selectFrom("users").select("id").where("id", "=", userId).forUpdate().execute();
}

/** A use case's `load` for writing a post: the author's row locked first, then the subject read. */
function asAuthor<Subject>(read: (trx: Trx, id: number) => Promise<Subject | undefined>) {
  return async (trx: Trx, _input: unknown, id: number | undefined, actor: Actor): Promise<Subject | undefined> => {
    if (id === undefined) return undefined;
    await lockAuthor(trx, actor.id);
    return read(trx, id);
  };
}

/**
 * Writes one post in a locked, permitted thread (the author's row locked first): places a reply
 * by the depth rule, applies the comment rate limit, and moves the thread's and the parent's counters.
 */
async function writePost(
  trx: Trx,
  actor: Actor,
  thread: { id: number; kind: ThreadKind },
  input: { body: string; stance: "for" | "against" | "neutral"; replyTo: number | null },
  commentsPer10Minutes: number,
  now: Date,
  guestId: number | null = null,
): Promise<PostWritten | Failure> {
  if (thread.kind === "idea_comments") {
    // Counted in the database under the author's lock, so that comments sent in parallel
    // cannot slip past the limit.
    const recent = await trx
      .selectFrom("posts")
      .innerJoin("threads", "threads.id", "posts.thread_id")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("posts.author_id", "=", actor.id)
      .where("threads.kind", "=", "idea_comments")
      .where("posts.created_at", ">", new Date(now.getTime() - COMMENT_WINDOW_MS))
      .executeTakeFirstOrThrow();
    if (recent.n >= commentsPer10Minutes) {
      return fail(FORM, msg("deliberation.errors.rateLimited", { count: commentsPer10Minutes }), 429);
    }
  }
  let placement: { parentId: number | null; depth: number; replyToId: number | null; rootId: number | null } = {
    parentId: null,
    depth: 0,
    replyToId: null,
    rootId: null,
  };
  if (input.replyTo !== null) {
    const target = await trx
      .selectFrom("posts as p")
      .leftJoin("posts as parent", "parent.id", "p.parent_id")
      .select(["p.id", "p.thread_id", "p.depth", "p.parent_id", "p.root_id", "p.removed_at", "parent.depth as parent_depth"])
      .where("p.id", "=", input.replyTo)
      .executeTakeFirst();
    if (!target || target.thread_id !== thread.id) return fail("replyTo", msg("deliberation.errors.replyTarget"), 404);
    if (target.removed_at) return fail(FORM, msg("deliberation.errors.replyRemoved"), 409);
    const placed = placeReply({ id: target.id, depth: target.depth, parentId: target.parent_id, parentDepth: target.parent_depth });
    placement = { ...placed, rootId: target.root_id ?? target.id };
  }
  const post = await trx
    .insertInto("posts")
    .values({
      thread_id: thread.id,
      parent_id: placement.parentId,
      root_id: placement.rootId,
      reply_to_id: placement.replyToId,
      depth: placement.depth,
      author_id: actor.id,
      body: input.body,
      body_html: renderMarkdown(input.body),
      stance: input.stance,
      created_at: now,
      guest_id: guestId,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  if (placement.parentId !== null) {
    await trx
      .updateTable("posts")
      .set((eb) => ({ reply_count: eb("reply_count", "+", 1) }))
      .where("id", "=", placement.parentId)
      .execute();
  }
  await trx
    .updateTable("threads")
    .set((eb) => ({ post_count: eb("post_count", "+", 1), last_post_at: now }))
    .where("id", "=", thread.id)
    .execute();
  return { threadId: thread.id, postId: post.id, rootId: placement.rootId ?? post.id };
}

const OpenThread = useCase({
  name: "thread.open",
  schema: ThreadSchema,
  load: asAuthor((trx, committeeId) => trx.selectFrom("committees").select("id").where("id", "=", committeeId).executeTakeFirst()),
  permit: (actor, committee: { id: number }, { now }) => staffRefusal(actor, sitsOnCommittee(actor, committee.id), now),
  run: async ({ trx, actor, input: { title, body, stance }, subject: committee, now }) => {
    // Moderation: personal data is refused, pointing at the match (app/domain/moderation).
    const personal = personalDataFailure(title, "title") ?? personalDataFailure(body);
    if (personal) return personal;
    const thread = await trx
      .insertInto("threads")
      .values({ kind: "committee", committee_id: committee.id, title, created_by: actor.id, created_at: now })
      .returning(["id", "kind"])
      .executeTakeFirstOrThrow();
    return writePost(trx, actor, thread, { body, stance, replyTo: null }, Number.POSITIVE_INFINITY, now);
  },
  audit: ({ input, subject }, { threadId }) => ({ targetType: "thread", targetId: threadId, details: { committeeId: subject.id, title: input.title } }),
});

/** A member or the chair opens a thread in their committee, with its first post. */
export function createThread(db: Db, actor: Actor | null, committeeId: number, input: Record<string, unknown>, now = new Date()): Promise<Result<PostWritten>> {
  return execute(db, OpenThread, actor, { target: committeeId, input, now });
}

/** Can this person read the thread? An idea's comments are as visible as the idea. */
function threadVisibleTo(actor: Actor, thread: LockedThread): boolean {
  return !(thread.kind === "idea_comments" && thread.idea_status && !ideaVisibleTo(actor, { authorId: thread.idea_author_id!, status: thread.idea_status }));
}

const Post = useCase({
  name: "thread.post",
  schema: PostSchema,
  load: asAuthor(lockThreadRow),
  permit: (actor, thread: LockedThread, { now }) => (threadVisibleTo(actor, thread) ? refusal(postRefusal(actor, factsOf(thread), now)) : "notFound"),
  run: async ({ trx, actor, input, subject: thread, now }) => {
    // Moderation: personal data is refused, pointing at the match.
    const personal = personalDataFailure(input.body);
    if (personal) return personal;
    // A guest's post names the invitation it was written under (labelled, and not in the tally).
    const guest = postsAsGuest(actor, factsOf(thread)) ? await guestInvitation(trx, actor, thread.idea_id!) : null;
    if (guest && "ok" in guest) return guest;
    const settings = await getSettings(trx);
    return writePost(trx, actor, thread, input, settings.comments_per_10_minutes, now, guest?.id ?? null);
  },
  // A person's own words: no audit row (a committee member's post is public in its thread).
});

/** A post in an existing thread: top-level, or a reply when `replyTo` names a post. */
export function createPost(db: Db, actor: Actor | null, threadId: number, input: Record<string, unknown>, now = new Date()): Promise<Result<PostWritten>> {
  return execute(db, Post, actor, { target: threadId, input, now });
}

/** The comment thread of an idea, created on its first comment; safe to call concurrently. */
async function ensureCommentThread(trx: Trx, idea: { id: number; title: string }, actorId: number, now: Date): Promise<number> {
  await trx
    .insertInto("threads")
    .values({ kind: "idea_comments", idea_id: idea.id, title: idea.title.slice(0, 200), created_by: actorId, created_at: now })
    .onConflict((oc) => oc.column("idea_id").where(sql<boolean>`kind = 'idea_comments'`).doNothing())
    .execute();
  const thread = await trx
    .selectFrom("threads")
    .select("id")
    .where("idea_id", "=", idea.id)
    .where("kind", "=", "idea_comments")
    .executeTakeFirstOrThrow();
  return thread.id;
}

const Comment = useCase({
  name: "idea.comment",
  schema: PostSchema,
  load: asAuthor((trx, ideaId) => trx.selectFrom("ideas").select(["id", "title", "status", "author_id"]).where("id", "=", ideaId).executeTakeFirst()),
  permit: (actor, idea: { id: number; title: string; status: IdeaStatus; author_id: number }, { now }) => {
    if (!ideaVisibleTo(actor, { authorId: idea.author_id, status: idea.status })) return "notFound";
    const refused = participationRefusal(actor, now);
    if (refused) return refused;
    return commentsOpen(idea.status) ? null : DISCUSSION_REFUSALS.closed;
  },
  run: async ({ trx, actor, input, subject: idea, now }) => {
    // Moderation: personal data is refused, pointing at the match.
    const personal = personalDataFailure(input.body);
    if (personal) return personal;
    // A refused first comment leaves no empty comment thread behind: the kernel rolls back.
    const thread = (await lockThreadRow(trx, await ensureCommentThread(trx, idea, actor.id, now)))!;
    const refused = refusal(postRefusal(actor, factsOf(thread), now));
    if (refused) return refusalFailure(refused);
    const settings = await getSettings(trx);
    return writePost(trx, actor, thread, input, settings.comments_per_10_minutes, now);
  },
});

/** A citizen's comment on an idea (or a reply to a comment); the comment thread comes lazily. */
export function commentOnIdea(db: Db, actor: Actor | null, ideaId: number, input: Record<string, unknown>, now = new Date()): Promise<Result<PostWritten>> {
  return execute(db, Comment, actor, { target: ideaId, input, now });
}

/**
 * Where a form says the post or thread is: the page it was sent from. A post or thread
 * elsewhere is not found there (its own permissions would still apply, but an address must not
 * act on what it does not show).
 */
export type DiscussionScope = { threadId: number } | { ideaId: number };

function inScope(thread: { thread_id: number; kind: ThreadKind; idea_id: number | null }, scope: DiscussionScope | undefined): boolean {
  if (!scope) return true;
  if ("threadId" in scope) return thread.thread_id === scope.threadId;
  return thread.kind === "idea_comments" && thread.idea_id === scope.ideaId;
}

async function lockPost(trx: Trx, postId: number) {
  const post = await trx
    .selectFrom("posts")
    .innerJoin("threads", "threads.id", "posts.thread_id")
    .leftJoin("ideas", "ideas.id", "threads.idea_id")
    .select([
      "posts.id",
      "posts.thread_id",
      "posts.author_id",
      "posts.created_at",
      "posts.removed_at",
      "threads.kind",
      "threads.committee_id",
      "threads.idea_id",
      "threads.locked_at",
      "ideas.status as idea_status",
      guestIdsOfThread,
    ])
    .where("posts.id", "=", postId)
    .forUpdate(["posts"])
    .executeTakeFirst();
  return post ?? undefined;
}

type LockedPost = NonNullable<Awaited<ReturnType<typeof lockPost>>>;

/** Loads the post the form names, when it is on the page the form came from. */
const postIn =
  (scope: DiscussionScope | undefined) =>
  async (trx: Trx, _input: unknown, postId: number | undefined): Promise<LockedPost | undefined> => {
    const post = postId === undefined ? undefined : await lockPost(trx, postId);
    return post && inScope(post, scope) ? post : undefined;
  };

/** Loads the thread the form names, when it is the page the form came from. */
const threadIn =
  (scope: DiscussionScope | undefined) =>
  async (trx: Trx, _input: unknown, threadId: number | undefined): Promise<LockedThread | undefined> => {
    const thread = threadId === undefined ? undefined : await lockThreadRow(trx, threadId);
    return thread && inScope({ thread_id: thread.id, kind: thread.kind, idea_id: thread.idea_id }, scope) ? thread : undefined;
  };

const postFacts = (post: LockedPost) => ({ authorId: post.author_id, createdAt: post.created_at, removedAt: post.removed_at });

const EditPost = (scope?: DiscussionScope) =>
  useCase({
    name: "post.edit",
    schema: EditPostSchema,
    load: postIn(scope),
    permit: (actor, post, { now }) => refusal(editRefusal(actor, postFacts(post), factsOf(post), now)),
    run: async ({ trx, input: { body, stance }, subject: post, now }) => {
      // Moderation: personal data is refused, pointing at the match.
      const personal = personalDataFailure(body);
      if (personal) return personal;
      await trx
        .updateTable("posts")
        .set({ body, body_html: renderMarkdown(body), stance, edited_at: now })
        .where("id", "=", post.id)
        .execute();
      return { threadId: post.thread_id };
    },
  });

/** The author edits the text and stance of their post within 15 minutes of writing it. */
export function editPost(
  db: Db,
  actor: Actor | null,
  postId: number,
  input: Record<string, unknown>,
  now = new Date(),
  scope?: DiscussionScope,
): Promise<Result<{ threadId: number }>> {
  return execute(db, EditPost(scope), actor, { target: postId, input, now });
}

const RemovePost = (scope?: DiscussionScope) =>
  useCase({
    name: "post.remove",
    schema: RemoveSchema,
    load: postIn(scope),
    // Removing twice (a double click, a retry) is not an error: the post is removed once.
    permit: (actor, post, { now }) => (post.removed_at || removalBy(actor, postFacts(post), now) ? null : "forbidden"),
    run: async ({ trx, actor, subject: post, now }) => {
      if (post.removed_at) return { threadId: post.thread_id, by: null };
      const by = removalBy(actor, postFacts(post), now)!;
      await trx
        .updateTable("posts")
        .set({ body: "", body_html: "", removed_at: now, removed_by: actor.id, removal: by })
        .where("id", "=", post.id)
        .execute();
      return { threadId: post.thread_id, by };
    },
    audit: ({ input, subject: post }, { by }) =>
      by === null
        ? null
        : {
            action: by === "moderator" ? "post.remove" : "post.withdraw",
            targetType: "post",
            targetId: post.id,
            details: { threadId: post.thread_id, reason: input.reason ?? null },
          },
  });

/** The author, or a moderator, removes a post: it stays as "removed by ...", its text goes. */
export async function removePost(
  db: Db,
  actor: Actor | null,
  postId: number,
  input: Record<string, unknown> = {},
  now = new Date(),
  scope?: DiscussionScope,
): Promise<Result<{ threadId: number }>> {
  const result = await execute(db, RemovePost(scope), actor, { target: postId, input: { reason: input.reason || undefined }, now });
  return result.ok ? { ok: true, threadId: result.threadId } : result;
}

const LockThread = (scope?: DiscussionScope) =>
  useCase({
    name: "thread.lock",
    schema: LockSchema,
    load: threadIn(scope),
    permit: (actor, thread, { now }) => refusal(lockRefusal(actor, factsOf(thread), false, now)),
    run: async ({ trx, actor, input, subject: thread, now }) => {
      await trx.updateTable("threads").set({ locked_at: now, lock_reason: input.reason, locked_by: actor.id }).where("id", "=", thread.id).execute();
      return {};
    },
    audit: ({ input, subject }) => ({ targetType: "thread", targetId: subject.id, details: { reason: input.reason } }),
  });

/** The chair locks a committee thread (a moderator an idea's comments): no new posts, a reason shown. */
export function lockThread(
  db: Db,
  actor: Actor | null,
  threadId: number,
  input: Record<string, unknown>,
  now = new Date(),
  scope?: DiscussionScope,
): Promise<Result> {
  return execute(db, LockThread(scope), actor, { target: threadId, input, now });
}

const UnlockThread = (scope?: DiscussionScope) =>
  useCase({
    name: "thread.unlock",
    schema: z.object({}),
    load: threadIn(scope),
    permit: (actor, thread, { now }) => refusal(lockRefusal(actor, factsOf(thread), true, now)),
    run: async ({ trx, subject: thread }) => {
      await trx.updateTable("threads").set({ locked_at: null, lock_reason: null, locked_by: null }).where("id", "=", thread.id).execute();
      return {};
    },
    audit: ({ subject }) => ({
      targetType: "thread",
      targetId: subject.id,
      details: { lockedAt: subject.locked_at!.toISOString(), reason: subject.lock_reason },
    }),
  });

/** The chair (a moderator for an idea's comments) opens a locked thread again; the lock's reason stays in the audit log. */
export function unlockThread(db: Db, actor: Actor | null, threadId: number, now = new Date(), scope?: DiscussionScope): Promise<Result> {
  return execute(db, UnlockThread(scope), actor, { target: threadId, now });
}

/**
 * `markRead`'s statement as CTEs in front of another statement (a page's record, decision 089):
 * `read_thread` is the thread (`thread`: its id, or a statement that finds it; none, no mark),
 * `before` the reader's mark as it was, `noted` writes the mark on a first visit or when the
 * thread has a post since (decision 073). A CTE's write is not seen by the rest of the statement,
 * so `before` is the mark from before the view.
 */
export function withThreadRead(db: Db, readerId: number, thread: number | RawBuilder<unknown>, at: Date): Db {
  const id = typeof thread === "number" ? sql`${thread}::bigint` : thread;
  // Kysely writes a raw CTE as given: each in its parentheses.
  return db
    .with("read_thread", () => sql`(SELECT id, last_post_at FROM threads WHERE id = (${id}))`)
    .with("before", () => sql`(SELECT r.last_read_at FROM thread_reads r JOIN read_thread t ON r.thread_id = t.id WHERE r.user_id = ${readerId})`)
    .with(
      "noted",
      () => sql`(INSERT INTO thread_reads (user_id, thread_id, last_read_at)
        SELECT ${readerId}::bigint, t.id, ${at}::timestamptz FROM read_thread t
        WHERE NOT EXISTS (SELECT 1 FROM before WHERE t.last_post_at IS NULL OR t.last_post_at <= before.last_read_at)
        ON CONFLICT (user_id, thread_id) DO UPDATE SET last_read_at = excluded.last_read_at
          WHERE thread_reads.last_read_at < excluded.last_read_at)`,
    ) as unknown as Db;
}

/**
 * Records that the reader has seen the thread now, and returns when they had read it before
 * (null on a first visit): posts written since then are marked as new. One statement: the
 * CTE reads the row as it was before the upsert. The row is written on a first visit and when
 * the thread has a post later than the mark, not on a visit with nothing new since the last one
 * written (decision 073): posts "since then" are the same posts, and a signed-in view writes no
 * row version (nor a row lock) for nothing.
 */
export async function markRead(db: Db, actor: Actor | null, threadId: number, now = new Date()): Promise<Date | null> {
  if (!actor) return null;
  // Named (db/named.ts): on every signed-in view of a thread not read with its page's record.
  const rows = await named(db, "thread-read", [threadId, actor.id, actor.id, now], () =>
    withThreadRead(db, actor.id, threadId, now).selectNoFrom(sql<Date | null>`(SELECT last_read_at FROM before)`.as("previous")),
  );
  const previous = rows[0]?.previous;
  return previous ? new Date(previous) : null;
}

/**
 * The deliberation thread of a fast-tracked idea, created the first time and found after that.
 * Called by the fast-track workflow inside its own transaction (uses only `trx`). When the idea
 * was reassigned to another committee, the thread moves with it.
 */
export async function ensureDeliberationThread(
  trx: Trx,
  input: { ideaId: number; committeeId: number; title: string; at?: Date },
): Promise<number> {
  const row = await trx
    .insertInto("threads")
    .values({
      kind: "committee",
      committee_id: input.committeeId,
      idea_id: input.ideaId,
      title: input.title.slice(0, 200) || "—",
      // Opened when the idea was fast-tracked, not when this row happened to be written.
      ...(input.at ? { created_at: input.at } : {}),
    })
    .onConflict((oc) =>
      oc
        .column("idea_id")
        .where(sql<boolean>`kind = 'committee' AND idea_id IS NOT NULL`)
        .doUpdateSet({ committee_id: (eb) => eb.ref("excluded.committee_id") }),
    )
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * The stances of a thread by distinct person: each author's latest post that stands (not removed)
 * counts once, so writing more posts does not weigh more, and changing one's mind is counted.
 * Guests' posts (decision 054) are not counted: the tally is the committee's.
 */
export async function stanceTally(db: Kysely<Database>, threadId: number): Promise<Tally> {
  const rows = await stanceTallyStatement(threadId).execute(db);
  const tally: Tally = { for: 0, against: 0, neutral: 0 };
  for (const row of rows.rows) tally[row.stance] = Number(row.n);
  return tally;
}

// The tally as the thread's and the idea's pages show it, kept per thread by each process
// (decision 078): read again when the thread's posts_version differs from the kept copy's (any
// post written, edited, removed or hidden, in any process: decision 090, which replaced the post
// count here), when this process wrote, edited or removed a post or moderated, and after five
// seconds. A recommendation reads the tally itself, in its transaction.
const TALLY_MAX_AGE_MS = 5_000;
const keptTallies = keptPerKey(TALLY_MAX_AGE_MS, stanceTally, ["thread.", "post.", "moderation."], 2_000);

/** The stance tally shown on a page; `postsVersion` is the thread's, as the page read it with its record. */
export function shownTally(db: Kysely<Database>, threadId: number, postsVersion: number): Promise<Tally> {
  return keptTallies.get(db, threadId, String(postsVersion));
}

/** stanceTally's statement: an index-only scan of posts_tally, in its order (no sort, no heap page per post). */
export function stanceTallyStatement(threadId: number) {
  return sql<{ stance: keyof Tally; n: number }>`
    SELECT stance, count(*)::int AS n FROM (
      SELECT DISTINCT ON (author_id) stance FROM posts
      WHERE thread_id = ${threadId} AND removed_at IS NULL AND guest_id IS NULL
      ORDER BY author_id, id DESC
    ) latest GROUP BY stance`;
}

/**
 * The stance tally of an idea's deliberation thread (zeros when it has none), in the shape the
 * workflow's recommendation step reads: `recordRecommendation(db, actor, id, input, { tally: ideaDeliberationTally })`.
 */
export async function ideaDeliberationTally(db: Kysely<Database>, ideaId: number): Promise<Tally> {
  const thread = await db
    .selectFrom("threads")
    .select("id")
    .where("idea_id", "=", ideaId)
    .where("kind", "=", "committee")
    .executeTakeFirst();
  return thread ? stanceTally(db, thread.id) : { for: 0, against: 0, neutral: 0 };
}
