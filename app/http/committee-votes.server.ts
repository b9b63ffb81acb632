// The committee's vote intents on an idea's page (/ideas/:id): read the form, call the use case,
// answer with a redirect to the panel (reloading does not send twice) or with the errors and
// what was typed. Returns null for any other intent, so that the page's own action handles it.
import { json, redirect } from "@remix-run/node";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { formValues, type FieldErrors } from "../utils/result";
import type { Actor } from "../domain/accounts/permissions";
import { castVote, closeVote, extendVote, openVote } from "../domain/committees/votes.server";

export const COMMITTEE_INTENTS = ["committee:vote", "committee:openVote", "committee:extendVote", "committee:closeVote"] as const;
export type CommitteeIntent = (typeof COMMITTEE_INTENTS)[number];

export interface CommitteeReply {
  errors?: FieldErrors;
  values?: Record<string, string>;
  done?: string;
  /** Which of the panel's forms was refused. */
  form?: string;
}

export async function committeeVoteAction(db: Kysely<Database>, actor: Actor | null, ideaId: number, form: FormData, now = new Date()) {
  const intent = form.get("intent");
  if (typeof intent !== "string" || !(COMMITTEE_INTENTS as readonly string[]).includes(intent)) return null;
  const values = formValues(form, ["choice", "reason", "closesAt"]);
  const result =
    intent === "committee:vote"
      ? await castVote(db, actor, ideaId, values, now)
      : intent === "committee:openVote"
        ? await openVote(db, actor, ideaId, values, now)
        : intent === "committee:extendVote"
          ? await extendVote(db, actor, ideaId, values, now)
          : await closeVote(db, actor, ideaId, {}, now);
  if (!result.ok) return json<CommitteeReply>({ errors: result.errors, values, form: intent }, { status: result.status });
  return redirect(`/ideas/${ideaId}?vote=${intent.slice("committee:".length)}#committee-vote`);
}
