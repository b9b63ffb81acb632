// The agency's replies to the digest's open questions (decision 055): parsed with the answer, the
// draft and each revision, stored per (answer version, question) in answer_question_replies, and
// read back for the idea's page and the open data.
import type { Kysely } from "kysely";
import { z } from "zod";
import type { Database } from "../../../db/schema";
import { multiLine, noControlChars } from "../../utils/text";
import type { Trx } from "../use-case.server";
import { REPLY_FIELDS, REPLY_MAX, type ReplyField } from "./question-replies";

/**
 * The reply fields of a form: each optional. An absent field (undefined) is "not sent" — a
 * revision then keeps the current reply; a sent empty field is "no reply".
 */
const replyText = z
  .string()
  .optional()
  .transform((s) => (s === undefined ? undefined : multiLine(s)))
  .refine((s) => s === undefined || s.length <= REPLY_MAX, { message: "answerReplies.errors.length", params: { max: REPLY_MAX } })
  .refine((s) => s === undefined || noControlChars(s), { message: "errors.controlChars" });

export const REPLY_SHAPE = Object.fromEntries(REPLY_FIELDS.map((field) => [field, replyText])) as Record<ReplyField, typeof replyText>;

/** The replies of a parsed input, by the question's place: undefined where the field was not sent. */
export function repliesOf(input: Partial<Record<ReplyField, string | undefined>>): (string | undefined)[] {
  return REPLY_FIELDS.map((field) => input[field]);
}

/** The open questions of the idea's digest once frozen with the recommendation; none otherwise. */
export async function frozenQuestions(db: Kysely<Database> | Trx, ideaId: number): Promise<string[]> {
  const d = await db.selectFrom("deliberation_digests").select("open_questions").where("idea_id", "=", ideaId).where("frozen_at", "is not", null).executeTakeFirst();
  return d ? (d.open_questions as string[]) : [];
}

/** Each question's reply in the idea's latest published version ("" where it has none). */
export async function currentReplies(trx: Trx | Kysely<Database>, ideaId: number, questions: readonly string[]): Promise<string[]> {
  const rows = await trx
    .selectFrom("answer_question_replies")
    .select(["question_index", "reply"])
    .where("idea_id", "=", ideaId)
    .where("version", "=", (eb) => eb.selectFrom("answer_revisions").select((e) => e.fn.max("version").as("v")).where("idea_id", "=", ideaId))
    .execute();
  const byIndex = new Map(rows.map((r) => [r.question_index, r.reply]));
  return questions.map((_, i) => byIndex.get(i) ?? "");
}

/** Stores a published version's replies (the non-empty ones), each with its question's words. */
export async function recordReplies(trx: Trx, v: { ideaId: number; version: number; questions: readonly string[]; replies: readonly string[] }): Promise<number> {
  const rows = v.questions
    .map((question, i) => ({ idea_id: v.ideaId, version: v.version, question_index: i, question, reply: (v.replies[i] ?? "").trim() }))
    .filter((r) => r.reply !== "");
  if (rows.length) await trx.insertInto("answer_question_replies").values(rows).execute();
  return rows.length;
}

export interface VersionReply {
  question_index: number;
  question: string;
  reply: string;
}

/** Every version's replies, by version number, in question order. */
export async function repliesByVersion(db: Kysely<Database>, ideaIds: readonly number[]): Promise<Map<string, VersionReply[]>> {
  const map = new Map<string, VersionReply[]>();
  if (ideaIds.length === 0) return map;
  const rows = await db
    .selectFrom("answer_question_replies")
    .select(["idea_id", "version", "question_index", "question", "reply"])
    .where("idea_id", "in", ideaIds)
    .orderBy("idea_id")
    .orderBy("version")
    .orderBy("question_index")
    .execute();
  for (const r of rows) {
    const key = `${r.idea_id}:${r.version}`;
    map.set(key, [...(map.get(key) ?? []), { question_index: r.question_index, question: r.question, reply: r.reply }]);
  }
  return map;
}
