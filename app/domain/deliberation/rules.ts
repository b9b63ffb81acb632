// The discussion engine's rules as pure functions: where a reply goes, how long a post may be
// edited, how stances are counted, how a page's replies nest. Tested in tests/unit/deliberation.test.ts.
import type { ThreadKind } from "../../../db/schema";

/** Idea comments read newest first; a committee's deliberation reads as a conversation, oldest first. */
export function newestFirst(kind: ThreadKind): boolean {
  return kind === "idea_comments";
}

/**
 * The address of a post: its thread's page that shows it (the page starts at its top-level
 * post, in the thread's order), at the post.
 */
export function postHref(post: { id: number; thread_id: number; root_id: number | null; kind: ThreadKind }): string {
  const top = post.root_id ?? post.id;
  const cursor = newestFirst(post.kind) ? top + 1 : top - 1;
  return `/threads/${post.thread_id}?cursor=${cursor}#post-${post.id}`;
}

/** Top-level posts are depth 0; replies nest to depth 3 and no deeper. */
export const MAX_DEPTH = 3;
export const EDIT_WINDOW_MS = 15 * 60_000;
export const COMMENT_WINDOW_MS = 10 * 60_000;

export interface ReplyTarget {
  id: number;
  depth: number;
  parentId: number | null;
  /** The depth of the target's parent (null for a top-level post). */
  parentDepth: number | null;
}

/**
 * Where a reply to `target` is stored. Above the deepest level it nests under the target.
 * A reply that would be deeper than depth 3 attaches to the depth-3 ancestor instead: the
 * first post at depth 3 on the way down from the top-level post, which is the target itself or,
 * when the target already hangs under a depth-3 post, the target's parent. So a depth-3 post
 * gathers the rest of its conversation as one flat list, and `replyTo` keeps which post was
 * answered when that is not the parent.
 */
export function placeReply(target: ReplyTarget): { parentId: number; depth: number; replyToId: number | null } {
  if (target.depth < MAX_DEPTH) return { parentId: target.id, depth: target.depth + 1, replyToId: null };
  const anchor = target.parentDepth === MAX_DEPTH && target.parentId !== null ? target.parentId : target.id;
  return { parentId: anchor, depth: MAX_DEPTH, replyToId: anchor === target.id ? null : target.id };
}

/** The author may edit a post for 15 minutes after writing it. */
export function withinEditWindow(createdAt: Date | string, now = new Date()): boolean {
  const elapsed = now.getTime() - new Date(createdAt).getTime();
  return elapsed >= 0 && elapsed < EDIT_WINDOW_MS;
}

export function editableUntil(createdAt: Date | string): Date {
  return new Date(new Date(createdAt).getTime() + EDIT_WINDOW_MS);
}

export interface Tally {
  for: number;
  against: number;
  neutral: number;
}

export interface TreeNode<T> {
  post: T;
  replies: TreeNode<T>[];
}

/**
 * Nests the replies fetched for a page under their top-level posts, in the order given
 * (oldest first among siblings). A reply whose parent is not on the page is dropped.
 */
export function nestReplies<T extends { id: number; parent_id: number | null }>(roots: readonly T[], replies: readonly T[]): TreeNode<T>[] {
  const nodes = new Map<number, TreeNode<T>>();
  const top = roots.map((post) => {
    const node = { post, replies: [] };
    nodes.set(post.id, node);
    return node;
  });
  for (const post of [...replies].sort((a, b) => a.id - b.id)) {
    const node = { post, replies: [] };
    nodes.set(post.id, node);
    const parent = post.parent_id === null ? undefined : nodes.get(post.parent_id);
    parent?.replies.push(node);
  }
  return top;
}
