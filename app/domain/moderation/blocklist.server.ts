// The admins' block list: words and phrases that hold a new idea for a moderator's review.
import type { Kysely } from "kysely";
import { z } from "zod";
import type { Database } from "../../../db/schema";
import { INTEGER_MAX, isId, parseId } from "../../utils/ids";
import { fail, msg, type Result } from "../../utils/result";
import type { Actor } from "../accounts/permissions";
import { execute, useCase } from "../use-case.server";
import { adminRefusal } from "./permissions";
import { BlockTermSchema } from "./schemas";

export async function blockedTerms(db: Kysely<Database>) {
  return db
    .selectFrom("blocked_terms")
    .leftJoin("users", "users.id", "blocked_terms.created_by")
    .select(["blocked_terms.id", "blocked_terms.term", "blocked_terms.created_at", "users.display_name as created_by_name"])
    .orderBy("blocked_terms.term")
    .execute();
}

const AddTerm = useCase({
  name: "moderation.blocklist_add",
  schema: BlockTermSchema,
  permit: (actor, _none, { now }) => adminRefusal(actor, now),
  run: async ({ trx, actor, input: { term } }) => {
    const row = await trx
      .insertInto("blocked_terms")
      .values({ term, created_by: actor.id })
      .onConflict((oc) => oc.column("term").doNothing())
      .returning("id")
      .executeTakeFirst();
    if (!row) return fail("term", msg("moderation.errors.termExists"), 409);
    return { termId: row.id };
  },
  audit: ({ input: { term } }, { termId }) => ({ targetType: "blocked_term", targetId: termId, details: { term } }),
});

export function addBlockedTerm(db: Kysely<Database>, actor: Actor | null, input: Record<string, unknown>): Promise<Result<{ termId: number }>> {
  return execute(db, AddTerm, actor, { input });
}

const RemoveTerm = useCase({
  name: "moderation.blocklist_remove",
  schema: z.object({}),
  // The term's number, as the form gives it; past the column's range it names nothing.
  load: async (_trx, _input, termId) => (isId(termId, INTEGER_MAX) ? { id: termId } : undefined),
  permit: (actor, _term, { now }) => adminRefusal(actor, now),
  run: async ({ trx, subject }) => {
    const row = await trx.deleteFrom("blocked_terms").where("id", "=", subject.id).returning("term").executeTakeFirst();
    return { term: row?.term ?? null };
  },
  // Removing twice is not an error: the term is gone, and logged once.
  audit: ({ subject }, { term }) => (term === null ? null : { targetType: "blocked_term", targetId: subject.id, details: { term } }),
});

export async function removeBlockedTerm(db: Kysely<Database>, actor: Actor | null, input: { termId?: string }): Promise<Result> {
  const termId = parseId(input.termId) ?? 0;
  const result = await execute(db, RemoveTerm, actor, { target: termId });
  return result.ok ? { ok: true } : result;
}
