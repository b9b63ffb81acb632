// Every published version of an agency's answer (table answer_revisions, decision 031).
import { sql } from "kysely";
import type { Outcome } from "../../../db/schema";
import type { Trx } from "../use-case.server";

/**
 * Records a published version of the answer (called by the answer itself, version 1, and by
 * each revision) and removes the agency's draft.
 */
export async function recordAnswerVersion(
  trx: Trx,
  v: { ideaId: number; agencyId: number | null; outcome: Outcome; answer: string; answerHtml: string; reason: string | null; authorId: number; at: Date },
): Promise<number> {
  const last = await trx.selectFrom("answer_revisions").select(sql<number>`coalesce(max(version), 0)`.as("v")).where("idea_id", "=", v.ideaId).executeTakeFirst();
  const version = Number(last?.v ?? 0) + 1;
  await trx
    .insertInto("answer_revisions")
    .values({
      idea_id: v.ideaId,
      version,
      agency_id: v.agencyId,
      outcome: v.outcome,
      answer: v.answer,
      answer_html: v.answerHtml,
      reason: version === 1 ? null : v.reason,
      author_id: v.authorId,
      created_at: v.at,
    })
    .execute();
  await trx.deleteFrom("answer_drafts").where("idea_id", "=", v.ideaId).execute();
  return version;
}

