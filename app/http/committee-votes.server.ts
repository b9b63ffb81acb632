// The committee's vote intents on an idea's page (/ideas/:id), as an intent map for
// `dispatchIntent` (./intents.server.ts): each calls its use case and answers with a redirect to
// the panel (reloading does not send twice), or, through dispatchIntent, with the errors and
// what was typed; `form` is the intent, which the panel reads to show them.
import { redirect } from "@remix-run/node";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import type { Actor } from "../domain/accounts/permissions";
import { castVote, closeVote, extendVote, openVote } from "../domain/committees/votes.server";
import type { Intent, IntentMap, Values } from "./intents.server";

export function committeeVoteIntents(db: Kysely<Database>, actor: Actor | null, ideaId: number): IntentMap {
  const vote = (name: string, run: Intent["run"]): Intent => ({
    fields: ["choice", "reason", "closesAt"],
    panel: () => `committee:${name}`,
    run,
    done: () => redirect(`/ideas/${ideaId}?vote=${name}#committee-vote`),
  });
  return {
    "committee:vote": vote("vote", (v: Values) => castVote(db, actor, ideaId, v, new Date())),
    "committee:openVote": vote("openVote", (v: Values) => openVote(db, actor, ideaId, v, new Date())),
    "committee:extendVote": vote("extendVote", (v: Values) => extendVote(db, actor, ideaId, v, new Date())),
    "committee:closeVote": vote("closeVote", () => closeVote(db, actor, ideaId, {}, new Date())),
  };
}
