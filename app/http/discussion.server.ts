// The discussion's form intents, shared by /threads/:id and the comments on /ideas/:id, as an
// intent map for `dispatchIntent` (./intents.server.ts): each reads its fields, calls the use
// case, and answers with a redirect to the post (so that reloading the page does not post twice)
// or, through dispatchIntent, with the errors and what was typed next to the form that was sent.
import { redirect } from "@remix-run/node";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { safeNext } from "../utils/http.server";
import { parseId } from "../utils/ids";
import type { Actor } from "../domain/accounts/permissions";
import { commentOnIdea, createPost, editPost, lockThread, removePost, unlockThread } from "../domain/deliberation/deliberation.server";
import { POST_FIELDS } from "../domain/deliberation/schemas";
import type { IntentMap, IntentReply, Values } from "./intents.server";

/** What a refused discussion form gets back; `form` names the form on the page that was sent. */
export type DiscussionReply = IntentReply;

/** Where the discussion is: a thread's page, or the comments on an idea's page. */
type Where = { threadId: number; newestFirst: boolean } | { ideaId: number };

/**
 * The discussion's intents on a thread's page or an idea's page; a page's action puts them in
 * its own map beside its other intents.
 */
export function discussionIntents(db: Kysely<Database>, actor: Actor | null, where: Where): IntentMap {
  const base = "ideaId" in where ? `/ideas/${where.ideaId}` : `/threads/${where.threadId}`;
  // Edits, removals and locks act only on what the page they come from shows.
  const scope = "ideaId" in where ? { ideaId: where.ideaId } : { threadId: where.threadId };
  const back = (v: Values) => safeNext(v.back, base);
  const to = (path: string, postId?: number) => redirect(postId ? `${path}#post-${postId}` : path);
  // A post id that is not one names no post: 0, which the use case answers as not found.
  const postId = (v: Values) => parseId(v.postId) ?? 0;
  const threadId = (v: Values) => ("threadId" in where ? where.threadId : (parseId(v.threadId) ?? 0));
  return {
    "discussion:post": {
      fields: [...POST_FIELDS, "back"],
      panel: (v) => (v.replyTo ? `reply-${v.replyTo}` : "new"),
      run: (v) => ("ideaId" in where ? commentOnIdea(db, actor, where.ideaId, v) : createPost(db, actor, where.threadId, v)),
      done: (v, result) => {
        const id = (result as { postId: number }).postId;
        if (v.replyTo) return to(back(v), id);
        // A new top-level post is on the first page of a newest-first thread, and starts the page
        // after the post before it in an oldest-first one.
        if ("ideaId" in where || where.newestFirst) return to(base, id);
        return to(`${base}?cursor=${id - 1}`, id);
      },
    },
    "discussion:edit": {
      fields: ["postId", "body", "stance", "back"],
      panel: (v) => `edit-${postId(v)}`,
      run: (v) => editPost(db, actor, postId(v), v, new Date(), scope),
      done: (v) => to(back(v), postId(v)),
    },
    "discussion:remove": {
      fields: ["postId", "reason", "back"],
      panel: (v) => `remove-${postId(v)}`,
      run: (v) => removePost(db, actor, postId(v), v, new Date(), scope),
      done: (v) => to(back(v), postId(v)),
    },
    "discussion:lock": {
      fields: ["threadId", "reason", "back"],
      panel: () => "lock",
      run: (v) => lockThread(db, actor, threadId(v), v, new Date(), scope),
      done: (v) => to(back(v)),
    },
    "discussion:unlock": {
      fields: ["threadId", "back"],
      panel: () => "unlock",
      run: (v) => unlockThread(db, actor, threadId(v), new Date(), scope),
      done: (v) => to(back(v)),
    },
  };
}
