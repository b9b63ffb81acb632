// Verifying a person in person and, in the same transaction, linking the supports they gave in
// person before they had an account (issue 18, decisions 058 and 063).
import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import type { Result } from "../../utils/result";
import type { Actor } from "../accounts/permissions";
import { inPersonRefusal, RecordInPerson } from "../identity/verification.server";
import { execute, executeWithin, useCase } from "../use-case.server";
import { linkInPersonSupports } from "./paper.server";
import { VerifyAndLinkSchema } from "./schemas";

const VerifyAndLink = useCase({
  name: "assisted.linkInPerson",
  schema: VerifyAndLinkSchema,
  permit: (actor, _subject: undefined, { now }) => inPersonRefusal(actor, now),
  run: async ({ trx, actor, input, now }) => {
    // The verification writes its own audit row; a refusal of it rolls the whole back.
    const { userId } = await executeWithin(trx, RecordInPerson, actor, { input: input.verification, now });
    const links = input.person ? await linkInPersonSupports(trx, userId, input.person, actor.id, now) : { linked: 0, merged: 0, legacyCapped: false };
    return { userId, ...links };
  },
  // Only when the desk looked for supports: who, how many were linked or merged, and whether rows
  // recorded before decision 063 were left unsearched (never the details typed).
  audit: ({ input }, output) =>
    input.person ? { targetType: "user", targetId: output.userId, details: { linked: output.linked, merged: output.merged, ...(output.legacyCapped ? { legacyCapped: true } : {}) } } : null,
});

/** The identity desk: verify the person, and link their in-person supports when their details are given. */
export function verifyAndLinkInPerson(db: Kysely<Database>, actor: Actor | null, input: Record<string, unknown>, now?: Date): Promise<Result<{ userId: number; linked: number; merged: number; legacyCapped: boolean }>> {
  return execute(db, VerifyAndLink, actor, { input, now });
}
