// The admins' block list: words and phrases that hold a new idea for a moderator's review.
import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { INTEGER_MAX, isId } from "../../utils/ids";
import { fail, FORM, invalidInput, msg, type Result } from "../../utils/result";
import type { Actor } from "../accounts/permissions";
import { recordAudit } from "../audit.server";
import { refusalFailure } from "../ideas/ideas.server";
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

export async function addBlockedTerm(db: Kysely<Database>, actor: Actor | null, input: Record<string, unknown>): Promise<Result<{ termId: number }>> {
  const refusal = adminRefusal(actor);
  if (refusal) return refusalFailure(refusal);
  const parsed = BlockTermSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto("blocked_terms")
      .values({ term: parsed.data.term, created_by: actor!.id })
      .onConflict((oc) => oc.column("term").doNothing())
      .returning("id")
      .executeTakeFirst();
    if (!row) return fail("term", msg("moderation.errors.termExists"), 409);
    await recordAudit(trx, { actorId: actor!.id, action: "moderation.blocklist_add", targetType: "blocked_term", targetId: row.id, details: { term: parsed.data.term } });
    return { ok: true as const, termId: row.id };
  });
}

export async function removeBlockedTerm(db: Kysely<Database>, actor: Actor | null, input: { termId?: string }): Promise<Result> {
  const refusal = adminRefusal(actor);
  if (refusal) return refusalFailure(refusal);
  const termId = Number(input.termId);
  if (!isId(termId, INTEGER_MAX)) return fail(FORM, msg("errors.notFound"), 404);
  return db.transaction().execute(async (trx) => {
    const row = await trx.deleteFrom("blocked_terms").where("id", "=", termId).returning("term").executeTakeFirst();
    // Removing twice is not an error: the term is gone.
    if (row) {
      await recordAudit(trx, { actorId: actor!.id, action: "moderation.blocklist_remove", targetType: "blocked_term", targetId: termId, details: { term: row.term } });
    }
    return { ok: true as const };
  });
}
