// The committee's forms, one zod schema each; messages are catalog keys (app/locales/*/committees.ts).
import { z } from "zod";
import { multiLine, noControlChars } from "../../utils/text";
import { QUORUM_MAX, REASON_MAX, REASON_MIN, VOTE_CHOICES } from "./rules";
import type { VoteChoice } from "../../../db/schema";
import { parseKoreaTime } from "../../utils/korea-time";

const text = (min: number, max: number, key: string) =>
  z
    .string({ message: key })
    .transform(multiLine)
    .refine((s) => s.length >= min, { message: key, params: { min } })
    .refine((s) => s.length <= max, { message: `${key}Long`, params: { max } })
    .refine(noControlChars, { message: "errors.controlChars" });

export const VoteSchema = z.object({
  choice: z.enum(VOTE_CHOICES as [VoteChoice, ...VoteChoice[]], { message: "committees.errors.choice" }),
  reason: text(REASON_MIN, REASON_MAX, "committees.errors.reason"),
});

/** A closing time typed in Korea time (datetime-local). */
const closingTime = z
  .string({ message: "committees.errors.closesAt" })
  .transform((s, ctx) => {
    const at = parseKoreaTime(s);
    if (!at) {
      ctx.addIssue({ code: "custom", message: "committees.errors.closesAt" });
      return z.NEVER;
    }
    return at;
  });

export const OpenVoteSchema = z.object({ closesAt: closingTime });
export const ExtendVoteSchema = z.object({ closesAt: closingTime });
export const CloseVoteSchema = z.object({});

export const QuorumSchema = z
  .object({
    quorumKind: z.enum(["majority", "count", "share"], { message: "committees.errors.quorumKind" }),
    quorumValue: z.string().optional().default(""),
  })
  .transform((q, ctx) => {
    if (q.quorumKind === "majority") return { kind: null, value: null };
    const value = /^\d{1,4}$/.test(q.quorumValue.trim()) ? Number(q.quorumValue.trim()) : NaN;
    const max = QUORUM_MAX[q.quorumKind];
    if (!Number.isInteger(value) || value < 1 || value > max) {
      const message = q.quorumKind === "share" ? "committees.errors.quorumShare" : "committees.errors.quorumCount";
      ctx.addIssue({ code: "custom", path: ["quorumValue"], message, params: { max } });
      return z.NEVER;
    }
    return { kind: q.quorumKind, value };
  });
