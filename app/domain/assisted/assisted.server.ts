// Assisted entry (issue 18, decision 039): staff file an idea for a person at a booth, by phone
// or from a paper form. The idea goes through the same steps as one submitted on the web (the
// call's rules, the moderation screen: `insertIdea`), records where it came from, and gives a
// one-time claim code, printed for the person, that links the idea to their account later.
import { createHash, randomInt } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { fail, msg, type Result } from "../../utils/result";
import { participationRefusal, type Actor } from "../accounts/permissions";
import { eventFieldFailure, eventOrganiser } from "../events/born-here.server";
import { insertIdea } from "../ideas/ideas.server";
import { appendEvent } from "../ideas/timeline.server";
import { getSettings } from "../settings.server";
import { execute, useCase, type Trx } from "../use-case.server";
import { deskRefusal, eventDeskRefusal } from "./permissions";
import { AssistedIdeaSchema, ClaimSchema } from "./schemas";
import { DAY_MS } from "../../utils/korea-time";

/** No 0/O, 1/I/L: a code is read off paper and typed by hand. */
const ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
const CODE_LENGTH = 12;

/** A new claim code, shown grouped by four (31^12 ≈ 7.9 × 10^17 codes). */
function newClaimCode(): string {
  let code = "";
  for (let i = 0; i < CODE_LENGTH; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return code.match(/.{4}/g)!.join("-");
}

/** How a code is stored: the SHA-256 of its letters, upper case, without dashes or spaces. */
export function claimCodeHash(code: string): string {
  return createHash("sha256").update(code.toUpperCase().replace(/[\s-]/g, "")).digest("hex");
}

/** Gives the idea a new claim code; an unused older one stops working. Returns the code. */
async function issueClaimCode(trx: Trx, ideaId: number, staffId: number, now: Date): Promise<{ code: string; expiresAt: Date }> {
  const settings = await getSettings(trx);
  await trx.updateTable("idea_claim_codes").set({ expires_at: now }).where("idea_id", "=", ideaId).where("used_at", "is", null).where("expires_at", ">", now).execute();
  const code = newClaimCode();
  const expiresAt = new Date(now.getTime() + settings.claim_code_days * DAY_MS);
  await trx.insertInto("idea_claim_codes").values({ idea_id: ideaId, code_hash: claimCodeHash(code), expires_at: expiresAt, created_by: staffId, created_at: now }).execute();
  return { code, expiresAt };
}

const FileAssisted = useCase({
  name: "assisted.fileIdea",
  schema: AssistedIdeaSchema,
  // An organiser files only for their own event (decision 058): who organises the one named.
  load: async (trx, input) => ({ event: await eventOrganiser(trx, input.eventId) }),
  permit: (actor, { event }, { now }) => eventDeskRefusal(actor, event, now),
  run: async ({ trx, actor, input, now }) => {
    const settings = await getSettings(trx);
    const { channel, consentRef, eventId, ...idea } = input;
    const eventFailure = await eventFieldFailure(trx, eventId, now);
    if (eventFailure) return eventFailure;
    // The staff member stands as author until the person claims it; the page says it was filed
    // for someone (entered_by = author_id), and no support is added: the person gives theirs.
    const row = await insertIdea(trx, actor.id, idea, settings, now, { channel, enteredBy: actor.id, consentRef, eventId });
    if ("ok" in row) return row;
    const claim = await issueClaimCode(trx, row.id, actor.id, now);
    return { ideaId: row.id, held: row.held, code: claim.code, expiresAt: claim.expiresAt.toISOString() };
  },
  audit: ({ input }, output) => ({ targetType: "idea", targetId: output.ideaId, details: { channel: input.channel, consentRef: input.consentRef, eventId: input.eventId } }),
});

/** Staff file an idea for a person; the claim code comes back once, to be printed. */
export function fileAssistedIdea(db: Kysely<Database>, actor: Actor | null, input: Record<string, unknown>, now?: Date) {
  return execute(db, FileAssisted, actor, { input, now });
}

const ReissueCode = useCase({
  name: "assisted.reissueCode",
  schema: ClaimSchema.partial(),
  load: (trx, _input, ideaId) =>
    ideaId === undefined
      ? Promise.resolve(undefined)
      : trx.selectFrom("ideas").select(["id", "author_id", "entered_by"]).where("id", "=", ideaId).forUpdate().executeTakeFirst(),
  permit: (actor, idea, { now }) => deskRefusal(actor, now) ?? (idea.entered_by === null || idea.entered_by !== idea.author_id ? { message: msg("assisted.errors.notClaimable"), status: 409 } : null),
  run: async ({ trx, actor, subject, now }) => {
    const claim = await issueClaimCode(trx, subject.id, actor.id, now);
    return { code: claim.code, expiresAt: claim.expiresAt.toISOString() };
  },
  audit: ({ subject }) => ({ targetType: "idea", targetId: subject.id }),
});

/** A new code for an idea not claimed yet (the paper was lost); the older one stops working. */
export function reissueClaimCode(db: Kysely<Database>, actor: Actor | null, ideaId: number, now?: Date) {
  return execute(db, ReissueCode, actor, { target: ideaId, input: {}, now });
}

const Claim = useCase({
  name: "assisted.claim",
  schema: ClaimSchema,
  permit: (actor, _subject: undefined, { now }) => participationRefusal(actor, now),
  run: async ({ trx, actor, input, now }) => {
    const code = await trx.selectFrom("idea_claim_codes").selectAll().where("code_hash", "=", claimCodeHash(input.code)).forUpdate().executeTakeFirst();
    if (!code) return fail("code", msg("assisted.errors.claimInvalid"));
    if (code.used_at !== null) return fail("code", msg("assisted.errors.claimUsed"), 409);
    if (new Date(code.expires_at) <= now) return fail("code", msg("assisted.errors.claimExpired"), 409);
    const idea = await trx.selectFrom("ideas").select(["id", "author_id", "entered_by"]).where("id", "=", code.idea_id).forUpdate().executeTakeFirstOrThrow();
    if (idea.entered_by === null || idea.author_id !== idea.entered_by) return fail("code", msg("assisted.errors.claimUsed"), 409);
    await trx.updateTable("idea_claim_codes").set({ used_at: now, used_by: actor.id }).where("id", "=", code.id).execute();
    await trx.updateTable("ideas").set({ author_id: actor.id, claimed_at: now, updated_at: now }).where("id", "=", idea.id).execute();
    await trx.insertInto("follows").values({ user_id: actor.id, idea_id: idea.id }).onConflict((oc) => oc.doNothing()).execute();
    await appendEvent(trx, { ideaId: idea.id, actorId: null, kind: "claimed", at: now });
    return { ideaId: idea.id };
  },
  // Who owns an idea changed: kept in the audit log like a staff action.
  audit: (_context, output) => ({ targetType: "idea", targetId: output.ideaId }),
});

/** A signed-in person claims the idea filed for them with the code they were given. */
export function claimIdea(db: Kysely<Database>, actor: Actor | null, input: Record<string, unknown>, now?: Date): Promise<Result<{ ideaId: number }>> {
  return execute(db, Claim, actor, { input, now });
}
