// The agency's replies to the open questions of the frozen deliberation digest (issues 14 and
// 15, decision 055): one reply per question, each optional, published with the answer and kept
// with every version of it. Pure: the form, the page and the use cases share these rules.
import { DIGEST_LIMITS } from "../committees/digest";

/** A reply's length limit, in characters. */
export const REPLY_MAX = 5_000;

/** A reply field: one per question the digest may hold (DIGEST_LIMITS.questions, ten). */
export type ReplyField = `reply${0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9}`;

/** The form field of the reply to the question at this place (0-based) of the digest's list. */
export function replyField(index: number): ReplyField {
  return `reply${index}` as ReplyField;
}

/** Every reply field a form may send, in question order. */
export const REPLY_FIELDS: readonly ReplyField[] = Array.from({ length: DIGEST_LIMITS.questions }, (_, i) => replyField(i));

/** How many of the questions have no reply (an empty or blank reply is none). */
export function unansweredCount(questions: readonly string[], replies: readonly (string | null | undefined)[]): number {
  return questions.filter((_, i) => !(replies[i] ?? "").trim()).length;
}

/** Whether two lists of replies say the same, question by question. */
export function sameReplies(a: readonly (string | null | undefined)[], b: readonly (string | null | undefined)[]): boolean {
  const length = Math.max(a.length, b.length);
  for (let i = 0; i < length; i++) if ((a[i] ?? "").trim() !== (b[i] ?? "").trim()) return false;
  return true;
}
