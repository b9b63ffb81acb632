// The discussion's form intents, shared by /threads/:id and the comments on /ideas/:id: read
// the form, call the use case, answer with a redirect to the post (so that reloading the page
// does not post twice) or with the errors and what was typed.
import { json, redirect } from "@remix-run/node";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { safeNext } from "../utils/http.server";
import { formValues, type FieldErrors } from "../utils/result";
import type { Actor } from "../domain/accounts/permissions";
import { commentOnIdea, createPost, editPost, lockThread, removePost, unlockThread } from "../domain/deliberation/deliberation.server";
import { POST_FIELDS } from "../domain/deliberation/schemas";

/** What a refused discussion form gets back; `form` names the form on the page that was sent. */
export interface DiscussionReply {
  errors?: FieldErrors;
  done?: string;
  values?: Record<string, string>;
  form?: string;
}

export const DISCUSSION_INTENTS = ["discussion:post", "discussion:edit", "discussion:remove", "discussion:lock", "discussion:unlock"] as const;

function idFrom(form: FormData, field: string): number {
  const value = String(form.get(field) ?? "");
  return /^\d{1,15}$/.test(value) ? Number(value) : 0;
}

/**
 * Handles a discussion intent posted to a thread's page or to an idea's page; returns null for
 * any other intent so that the page's own action handles it.
 */
export async function discussionAction(
  db: Kysely<Database>,
  actor: Actor | null,
  where: { threadId: number; newestFirst: boolean } | { ideaId: number },
  form: FormData,
) {
  const intent = form.get("intent");
  if (typeof intent !== "string" || !(DISCUSSION_INTENTS as readonly string[]).includes(intent)) return null;
  const base = "ideaId" in where ? `/ideas/${where.ideaId}` : `/threads/${where.threadId}`;
  // Edits, removals and locks act only on what the page they come from shows.
  const scope = "ideaId" in where ? { ideaId: where.ideaId } : { threadId: where.threadId };
  const back = safeNext(form.get("back"), base);
  const to = (path: string, postId?: number) => redirect(postId ? `${path}#post-${postId}` : path);
  const refused = (errors: FieldErrors, status: number, formKey: string, values: Record<string, string> = {}) =>
    json<DiscussionReply>({ errors, values, form: formKey }, { status });

  if (intent === "discussion:post") {
    const values = formValues(form, POST_FIELDS);
    const formKey = values.replyTo ? `reply-${values.replyTo}` : "new";
    const result =
      "ideaId" in where ? await commentOnIdea(db, actor, where.ideaId, values) : await createPost(db, actor, where.threadId, values);
    if (!result.ok) return refused(result.errors, result.status, formKey, values);
    if (values.replyTo) return to(back, result.postId);
    // A new top-level post is on the first page of a newest-first thread, and starts the page
    // after the post before it in an oldest-first one.
    if ("ideaId" in where || where.newestFirst) return to(base, result.postId);
    return to(`${base}?cursor=${result.postId - 1}`, result.postId);
  }
  if (intent === "discussion:edit") {
    const postId = idFrom(form, "postId");
    const values = formValues(form, ["body", "stance"]);
    const result = await editPost(db, actor, postId, values, new Date(), scope);
    if (!result.ok) return refused(result.errors, result.status, `edit-${postId}`, values);
    return to(back, postId);
  }
  if (intent === "discussion:remove") {
    const postId = idFrom(form, "postId");
    const values = formValues(form, ["reason"]);
    const result = await removePost(db, actor, postId, values, new Date(), scope);
    if (!result.ok) return refused(result.errors, result.status, `remove-${postId}`, values);
    return to(back, postId);
  }
  const threadId = "threadId" in where ? where.threadId : idFrom(form, "threadId");
  if (intent === "discussion:unlock") {
    const result = await unlockThread(db, actor, threadId, new Date(), scope);
    if (!result.ok) return refused(result.errors, result.status, "unlock");
    return to(back);
  }
  const values = formValues(form, ["reason"]);
  const result = await lockThread(db, actor, threadId, values, new Date(), scope);
  if (!result.ok) return refused(result.errors, result.status, "lock", values);
  return to(back);
}
