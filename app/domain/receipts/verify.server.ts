// The page /verify-receipt's question: does this pasted receipt match the root this site
// published for its day? Reads only (decision 051).
import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { fail, msg, type Result } from "../../utils/result";
import { PRIVATE_STATUSES } from "../ideas/permissions";
import { checkReceipt, readReceipt, type ReceiptProblem } from "./receipt.server";
import { RECEIPT_MAX_CHARS } from "./limits";
import { rootOf } from "./queries.server";

export interface Verdict {
  matches: boolean;
  problem: Exclude<ReceiptProblem, "unreadable"> | null;
  day: string;
  ideaId: number;
  /** The idea's title, when the idea is public. */
  title: string | null;
  root: string;
}

export async function verifyPastedReceipt(db: Kysely<Database>, text: string): Promise<Result<{ verdict: Verdict }>> {
  if (text.trim() === "") return fail("receipt", msg("receipts.errors.empty"));
  if (text.length > RECEIPT_MAX_CHARS) return fail("receipt", msg("receipts.errors.tooLong", { max: RECEIPT_MAX_CHARS }));
  const read = readReceipt(text);
  if (!read.ok) return fail("receipt", msg("receipts.errors.unreadable"));
  const { receipt } = read;
  const check = checkReceipt(receipt, await rootOf(db, receipt.day));
  const idea = await db
    .selectFrom("ideas")
    .select("title")
    .where("id", "=", receipt.support.idea)
    .where("hidden_at", "is", null)
    .where("status", "not in", PRIVATE_STATUSES)
    .executeTakeFirst();
  return {
    ok: true,
    verdict: {
      matches: check.ok,
      problem: check.ok ? null : (check.problem as Verdict["problem"]),
      day: receipt.day,
      ideaId: receipt.support.idea,
      title: idea?.title ?? null,
      root: receipt.root,
    },
  };
}
