// What a leaf of the day's tree says, and a supporter's receipt (decision 051). Pure: used by
// the job that publishes the roots, the receipt download, the page /verify-receipt and the
// command `npm run verify-receipt`.
//
// A support's leaf names the idea, a tag of the supporter and the time. The tag is an HMAC of
// the supporter's account id keyed with a random salt kept with that one support: only someone
// who holds the salt (the server, and the supporter through the receipt) can tell whose it is;
// two supports of the same person have unrelated tags, so the leaves cannot be linked together.
import { createHmac } from "node:crypto";
import { z } from "zod";
import { leafHash, rootFromProof } from "./merkle.server";
import { koreaDate } from "../../utils/korea-time";

export const RECEIPT_FORMAT = "madang-support-receipt/1";

const HEX64 = /^[0-9a-f]{64}$/;
const DAY_TEXT = /^\d{4}-\d{2}-\d{2}$/;
/** Times in leaves: UTC, microseconds, as PostgreSQL keeps them. */
const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

/** The supporter's tag: HMAC-SHA-256 of the account id, keyed with the support's salt. */
export function supporterTag(salt: string, userId: number): string {
  return createHmac("sha256", Buffer.from(salt, "hex")).update(`madang/supporter/v1\n${userId}`).digest("hex");
}

/** The canonical text of a support's leaf: one field a line, in this order. */
export function supportLeafText(ideaId: number, tag: string, supportedAt: string): string {
  return `madang/support/v1\n${ideaId}\n${tag}\n${supportedAt}`;
}

/** The canonical text of an invalidation's leaf; the reason last, as written (it may hold line breaks). */
export function invalidationLeafText(v: { id: number; ideaId: number; count: number; at: string; reason: string }): string {
  return `madang/invalidation/v1\n${v.id}\n${v.ideaId}\n${v.count}\n${v.at}\n${v.reason}`;
}

/** The canonical text of a reinstatement's leaf (an invalidation reversed), its reason last. */
export function reinstatementLeafText(v: { id: number; ideaId: number; at: string; reason: string }): string {
  return `madang/reinstatement/v1\n${v.id}\n${v.ideaId}\n${v.at}\n${v.reason}`;
}

export function supportLeaf(ideaId: number, salt: string, userId: number, supportedAt: string): string {
  return leafHash(supportLeafText(ideaId, supporterTag(salt, userId), supportedAt));
}

const hex = z.string().regex(HEX64);

export const ReceiptSchema = z.object({
  format: z.literal(RECEIPT_FORMAT),
  site: z.string().max(300),
  day: z.string().regex(DAY_TEXT),
  support: z.object({
    idea: z.number().int().positive(),
    supporter: z.number().int().positive(),
    salt: hex,
    supported_at: z.string().regex(TIME),
  }),
  leaf: hex,
  proof: z.array(z.object({ side: z.enum(["left", "right"]), hash: hex })).max(64),
  root: hex,
  leaf_count: z.number().int().positive(),
});

export type Receipt = z.infer<typeof ReceiptSchema>;

/** Why a receipt does not check out; each has a message on the page and in the command. */
export type ReceiptProblem = "unreadable" | "leaf" | "day" | "proof" | "notPublished" | "root";

export type ReceiptCheck = { ok: true; receipt: Receipt } | { ok: false; problem: ReceiptProblem };

/** The receipt parsed from text (JSON), or why not. */
export function readReceipt(text: string): { ok: true; receipt: Receipt } | { ok: false; problem: "unreadable" } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, problem: "unreadable" };
  }
  const parsed = ReceiptSchema.safeParse(value);
  return parsed.success ? { ok: true, receipt: parsed.data } : { ok: false, problem: "unreadable" };
}

/** The Korean calendar day of a leaf's time (UTC+9, no daylight saving time). */
function koreaDay(time: string): string {
  return koreaDate(time);
}

/**
 * Checks a receipt against the root published for its day (`published`: null when none is):
 * the leaf must be what its support data hashes to, the support must fall on that day, the
 * proof must lead from the leaf to the receipt's root, and that root must be the published one.
 */
export function checkReceipt(receipt: Receipt, published: string | null): ReceiptCheck {
  const { idea, supporter, salt, supported_at } = receipt.support;
  if (supportLeaf(idea, salt, supporter, supported_at) !== receipt.leaf) return { ok: false, problem: "leaf" };
  if (koreaDay(supported_at) !== receipt.day) return { ok: false, problem: "day" };
  if (rootFromProof(receipt.leaf, receipt.proof) !== receipt.root) return { ok: false, problem: "proof" };
  if (published === null) return { ok: false, problem: "notPublished" };
  if (published !== receipt.root) return { ok: false, problem: "root" };
  return { ok: true, receipt };
}
