// Eligibility per call for ideas (decision 049): what a call asks of the people who propose to
// it and support its ideas, read in the use case's transaction, and its refusals.
import { msg } from "../../utils/result";
import type { CustomRefusal, Trx } from "../use-case.server";
import { eligibilityRefusal, hasRules, type CallRules, type VerificationFacts } from "./levels";

/** The call's rules (null: no call, or no such call). */
export async function callRules(trx: Trx, campaignId: number): Promise<CallRules | null> {
  const c = await trx
    .selectFrom("campaigns")
    .select(["propose_level", "support_level", "eligible_region_id", "min_age"])
    .where("id", "=", campaignId)
    .executeTakeFirst();
  return c ? { proposeLevel: c.propose_level, supportLevel: c.support_level, eligibleRegionId: c.eligible_region_id, minAge: c.min_age } : null;
}

/** The refusal a page shows when the call's rules leave this person out (403, next to the form). */
export function permitByCall(rules: CallRules | null, act: "propose" | "support", person: VerificationFacts, now: Date, field?: string): CustomRefusal | null {
  if (!rules || !hasRules(rules)) return null;
  const refusal = eligibilityRefusal(rules, act, person, now);
  if (!refusal) return null;
  const message =
    refusal.reason === "level"
      ? msg(refusal.needed >= 3 ? "verification.eligibility.level3" : "verification.eligibility.level2")
      : refusal.reason === "region"
        ? msg("verification.eligibility.region")
        : msg("verification.eligibility.age", { age: refusal.minAge });
  return { message, status: 403, ...(field ? { field } : {}) };
}
