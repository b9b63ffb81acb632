// Paper supports (issue 18, decision 039): batches of signed sheets checked by staff, and
// supports given in person by someone without an account. Both are counted apart from online
// supports (ideas.support_count stays the exact count of online supports): the idea keeps the
// paper count, and the part of it that counts toward its threshold by its call's rule
// (campaigns.paper_supports; outside a call, paper supports do not count toward it). Nothing
// is deleted or changed in place: a batch is corrected by a new version or voided, with a reason.
import { sql, type Kysely } from "kysely";
import { z } from "zod";
import type { Database } from "../../../db/schema";
import { fail, msg, type Result } from "../../utils/result";
import type { Actor } from "../accounts/permissions";
import { eventFieldFailure, eventOrganiser } from "../events/born-here.server";
import { appendEvent } from "../ideas/timeline.server";
import { execute, useCase, type Trx } from "../use-case.server";
import { recheckThreshold } from "../moderation/counts.server";
import { deskRefusal, eventDeskRefusal } from "./permissions";
import { legacyIdentityHash, personDigest, type Person } from "./person.server";
import { CorrectBatchSchema, InPersonSchema, PaperBatchSchema, VoidSchema } from "./schemas";

/** Paper can be added while the idea still collects supports; voiding a wrong count is always possible. */
const COLLECTING = new Set(["open", "pending"]);

async function lockIdea(trx: Trx, ideaId: number | undefined) {
  if (ideaId === undefined) return undefined;
  return trx
    .selectFrom("ideas")
    .select(["id", "status", "campaign_id"])
    .where("id", "=", ideaId)
    .forUpdate()
    .executeTakeFirst();
}
type LockedIdea = NonNullable<Awaited<ReturnType<typeof lockIdea>>>;

/**
 * Counts the idea's paper supports again (verified signatures of its active accepted batches,
 * and in-person supports not voided) and the part that counts toward its threshold by its
 * call's rule. The idea's row is locked by the caller.
 */
async function recount(trx: Trx, idea: LockedIdea, now: Date): Promise<{ paper: number; counted: number }> {
  const [batches, people, campaign] = await Promise.all([
    trx
      .selectFrom("paper_batches")
      .select((eb) => eb.fn.coalesce(eb.fn.sum<number>("signatures_verified"), eb.lit(0)).as("n"))
      .where("idea_id", "=", idea.id)
      .where("state", "=", "active")
      .where("decision", "=", "accepted")
      .executeTakeFirstOrThrow(),
    trx
      .selectFrom("in_person_supports")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("idea_id", "=", idea.id)
      .where("voided_at", "is", null)
      .executeTakeFirstOrThrow(),
    idea.campaign_id === null ? Promise.resolve(undefined) : trx.selectFrom("campaigns").select("paper_supports").where("id", "=", idea.campaign_id).executeTakeFirst(),
  ]);
  const paper = Number(batches.n) + Number(people.n);
  const counted = campaign?.paper_supports === "counted" ? paper : 0;
  await trx.updateTable("ideas").set({ paper_support_count: paper, paper_counted: counted }).where("id", "=", idea.id).execute();
  // Reaching the threshold fast-tracks an open idea now; a void that takes it back under clears
  // the mark (an idea already moved on stays where it is), as for online supports.
  await recheckThreshold(trx, idea.id, now);
  return { paper, counted };
}

const collecting = (idea: LockedIdea) => (COLLECTING.has(idea.status) ? null : { message: msg("assisted.errors.notCollecting"), status: 409 as const });

const permitAdding = (actor: Actor, idea: LockedIdea, { now }: { now: Date }) => deskRefusal(actor, now) ?? collecting(idea);

/** A batch's row as the form gives it; the verifier is the staff member recording it. */
function batchRow(ideaId: number, input: z.output<typeof PaperBatchSchema>, verifierId: number, now: Date) {
  return {
    idea_id: ideaId,
    channel: input.channel,
    event_id: input.eventId,
    signatures_claimed: input.signaturesClaimed,
    signatures_verified: input.signaturesVerified,
    verifier_id: verifierId,
    scan_sha256: input.scanSha256,
    scan_file: input.scanFile ?? null,
    decision: input.decision,
    note: input.note,
    created_at: now,
  };
}

const RecordBatch = useCase({
  name: "assisted.recordBatch",
  schema: PaperBatchSchema,
  // An organiser records batches gathered at their own event (decision 058): who organises it.
  load: async (trx, input, ideaId) => {
    const idea = await lockIdea(trx, ideaId);
    return idea && { ...idea, event: await eventOrganiser(trx, input.eventId) };
  },
  permit: (actor, idea, { now }) => eventDeskRefusal(actor, idea.event, now) ?? collecting(idea),
  run: async ({ trx, actor, input, subject: idea, now }) => {
    const eventFailure = await eventFieldFailure(trx, input.eventId, now);
    if (eventFailure) return eventFailure;
    const row = await trx.insertInto("paper_batches").values(batchRow(idea.id, input, actor.id, now)).returning("id").executeTakeFirstOrThrow();
    await appendEvent(trx, { ideaId: idea.id, actorId: actor.id, kind: "paper_batch", note: String(input.decision === "accepted" ? input.signaturesVerified : 0), at: now });
    const counts = await recount(trx, idea, now);
    return { batchId: row.id, ...counts };
  },
  audit: ({ subject, input }, output) => ({ targetType: "idea", targetId: subject.id, details: { batchId: output.batchId, claimed: input.signaturesClaimed, verified: input.signaturesVerified, decision: input.decision, sha256: input.scanSha256 } }),
});

export function recordPaperBatch(db: Kysely<Database>, actor: Actor | null, ideaId: number, input: Record<string, unknown>, now?: Date) {
  return execute(db, RecordBatch, actor, { target: ideaId, input, now });
}

/** The idea a page names, when it names one: a batch or support of another idea is not found. */
const Scope = z.object({ ideaId: z.number().int().positive().optional() });

/** A batch with its idea's row locked (the idea first, as every writer of its counts does). */
async function lockBatch(trx: Trx, batchId: number | undefined, ideaId: number | undefined) {
  if (batchId === undefined) return undefined;
  const found = await trx.selectFrom("paper_batches").select("idea_id").where("id", "=", batchId).executeTakeFirst();
  if (!found || (ideaId !== undefined && found.idea_id !== ideaId)) return undefined;
  const idea = await lockIdea(trx, found.idea_id);
  const batch = await trx.selectFrom("paper_batches").selectAll().where("id", "=", batchId).forUpdate().executeTakeFirstOrThrow();
  return { idea: idea!, batch };
}
type LockedBatch = NonNullable<Awaited<ReturnType<typeof lockBatch>>>;

const permitClosing = (actor: Actor, { batch }: LockedBatch, { now }: { now: Date }) =>
  deskRefusal(actor, now) ?? (batch.state === "active" ? null : { message: msg("assisted.errors.batchClosed"), status: 409 as const });

const CorrectBatch = useCase({
  name: "assisted.correctBatch",
  schema: CorrectBatchSchema.and(Scope),
  load: (trx, input, batchId) => lockBatch(trx, batchId, input.ideaId),
  permit: permitClosing,
  run: async ({ trx, actor, input, subject: { idea, batch }, now }) => {
    // The batch's own event stays valid however long ago it was (eventFieldFailure says so).
    const eventFailure = await eventFieldFailure(trx, input.eventId, now);
    if (eventFailure) return eventFailure;
    await trx.updateTable("paper_batches").set({ state: "corrected", closed_reason: input.reason, closed_by: actor.id, closed_at: now }).where("id", "=", batch.id).execute();
    const row = await trx
      .insertInto("paper_batches")
      .values({ ...batchRow(idea.id, input, actor.id, now), scan_file: input.scanFile ?? batch.scan_file, replaces_id: batch.id })
      .returning("id")
      .executeTakeFirstOrThrow();
    await appendEvent(trx, { ideaId: idea.id, actorId: actor.id, kind: "paper_corrected", note: input.reason, at: now });
    const counts = await recount(trx, idea, now);
    return { batchId: row.id, ...counts };
  },
  audit: ({ subject, input }, output) => ({ targetType: "paper_batch", targetId: subject.batch.id, details: { newBatchId: output.batchId, reason: input.reason, verified: input.signaturesVerified } }),
});

/** A corrected count: a new version of the batch replaces the old, which stays in the history. */
export function correctPaperBatch(db: Kysely<Database>, actor: Actor | null, batchId: number, input: Record<string, unknown>, now?: Date, ideaId?: number) {
  return execute(db, CorrectBatch, actor, { target: batchId, input: { ...input, ideaId }, now });
}

const VoidBatch = useCase({
  name: "assisted.voidBatch",
  schema: VoidSchema.and(Scope),
  load: (trx, input, batchId) => lockBatch(trx, batchId, input.ideaId),
  permit: permitClosing,
  run: async ({ trx, actor, input, subject: { idea, batch }, now }) => {
    await trx.updateTable("paper_batches").set({ state: "voided", closed_reason: input.reason, closed_by: actor.id, closed_at: now }).where("id", "=", batch.id).execute();
    await appendEvent(trx, { ideaId: idea.id, actorId: actor.id, kind: "paper_voided", note: input.reason, at: now });
    return recount(trx, idea, now);
  },
  audit: ({ subject, input }) => ({ targetType: "paper_batch", targetId: subject.batch.id, details: { reason: input.reason } }),
});

/** Voids a batch (it no longer counts), with the reason, shown on the idea's timeline. */
export function voidPaperBatch(db: Kysely<Database>, actor: Actor | null, batchId: number, input: Record<string, unknown>, now?: Date, ideaId?: number) {
  return execute(db, VoidBatch, actor, { target: batchId, input: { ...input, ideaId }, now });
}

/**
 * Whether a row recorded before decision 063 (the per-idea scrypt, no digest) already counts this
 * person on the idea: one scrypt, and only for an idea that still has such rows.
 */
async function countedBefore(trx: Trx, ideaId: number, person: Person): Promise<boolean> {
  const legacy = await trx.selectFrom("in_person_supports").select("identity_hash").where("idea_id", "=", ideaId).where("person_digest", "is", null).where("voided_at", "is", null).execute();
  if (legacy.length === 0) return false;
  const hash = await legacyIdentityHash(ideaId, person);
  return legacy.some((r) => r.identity_hash === hash);
}

/** The account the identity desk matched this person to, when it did (a linked row not voided). */
async function matchedAccount(trx: Trx, digest: string): Promise<number | null> {
  const row = await trx.selectFrom("in_person_supports").select("user_id").where("person_digest", "=", digest).where("voided_at", "is", null).where("user_id", "is not", null).limit(1).executeTakeFirst();
  return row?.user_id ?? null;
}

/** How an account already counts on an idea (its row locked by the caller): online, in person, or not. */
async function countsAs(trx: Trx, ideaId: number, userId: number): Promise<"online" | "inPerson" | null> {
  const [online, inPerson] = await Promise.all([
    trx.selectFrom("supports").select("user_id").where("idea_id", "=", ideaId).where("user_id", "=", userId).where("invalidated_at", "is", null).executeTakeFirst(),
    trx.selectFrom("in_person_supports").select("id").where("idea_id", "=", ideaId).where("user_id", "=", userId).where("voided_at", "is", null).executeTakeFirst(),
  ]);
  return online ? "online" : inPerson ? "inPerson" : null;
}

const RecordInPerson = useCase({
  name: "assisted.recordInPerson",
  schema: InPersonSchema,
  load: (trx, _input, ideaId) => lockIdea(trx, ideaId),
  permit: permitAdding,
  run: async ({ trx, actor, input, subject: idea, now }) => {
    const eventFailure = await eventFieldFailure(trx, input.eventId, now);
    if (eventFailure) return eventFailure;
    const alreadyCounted = fail("name", msg("assisted.errors.alreadyCounted"), 409);
    if (await countedBefore(trx, idea.id, input)) return alreadyCounted;
    const digest = personDigest(input);
    // A person the identity desk already matched to an account: refused when that account
    // supports the idea online, else recorded linked to it (so an online support is refused later).
    const account = await matchedAccount(trx, digest);
    if (account !== null) {
      const counted = await countsAs(trx, idea.id, account);
      if (counted === "online") return fail("name", msg("assisted.errors.supportsOnline"), 409);
      if (counted === "inPerson") return alreadyCounted;
    }
    // The digest only: the per-idea scrypt is no longer written (decision 063).
    const row = await trx
      .insertInto("in_person_supports")
      .values({
        idea_id: idea.id,
        identity_hash: null,
        person_digest: digest,
        user_id: account,
        linked_at: account === null ? null : now,
        channel: input.channel,
        event_id: input.eventId,
        consent_ref: input.consentRef,
        recorded_by: actor.id,
        created_at: now,
      })
      .onConflict((oc) => oc.columns(["person_digest", "idea_id"]).where("voided_at", "is", null).doNothing())
      .returning("id")
      .executeTakeFirst();
    if (!row) return alreadyCounted;
    await appendEvent(trx, { ideaId: idea.id, actorId: actor.id, kind: "in_person", at: now });
    const counts = await recount(trx, idea, now);
    return { supportId: row.id, ...counts };
  },
  audit: ({ subject, input }, output) => ({ targetType: "idea", targetId: subject.id, details: { inPersonSupportId: output.supportId, channel: input.channel, consentRef: input.consentRef } }),
});

/** Staff record a support given in person by someone without an account; once per person. */
export function recordInPersonSupport(db: Kysely<Database>, actor: Actor | null, ideaId: number, input: Record<string, unknown>, now?: Date): Promise<Result<{ supportId: number; paper: number; counted: number }>> {
  return execute(db, RecordInPerson, actor, { target: ideaId, input, now });
}

async function lockInPerson(trx: Trx, id: number | undefined, ideaId: number | undefined) {
  if (id === undefined) return undefined;
  const found = await trx.selectFrom("in_person_supports").select("idea_id").where("id", "=", id).executeTakeFirst();
  if (!found || (ideaId !== undefined && found.idea_id !== ideaId)) return undefined;
  const idea = await lockIdea(trx, found.idea_id);
  const support = await trx.selectFrom("in_person_supports").select(["id", "voided_at"]).where("id", "=", id).forUpdate().executeTakeFirstOrThrow();
  return { idea: idea!, support };
}

const VoidInPerson = useCase({
  name: "assisted.voidInPerson",
  schema: VoidSchema.and(Scope),
  load: (trx, input, id) => lockInPerson(trx, id, input.ideaId),
  permit: (actor, { support }, { now }) => deskRefusal(actor, now) ?? (support.voided_at === null ? null : { message: msg("assisted.errors.batchClosed"), status: 409 as const }),
  run: async ({ trx, actor, input, subject: { idea, support }, now }) => {
    await trx.updateTable("in_person_supports").set({ voided_at: now, voided_by: actor.id, void_reason: input.reason }).where("id", "=", support.id).execute();
    await appendEvent(trx, { ideaId: idea.id, actorId: actor.id, kind: "in_person_voided", note: input.reason, at: now });
    return recount(trx, idea, now);
  },
  audit: ({ subject, input }) => ({ targetType: "in_person_support", targetId: subject.support.id, details: { reason: input.reason } }),
});

export function voidInPersonSupport(db: Kysely<Database>, actor: Actor | null, id: number, input: Record<string, unknown>, now?: Date, ideaId?: number) {
  return execute(db, VoidInPerson, actor, { target: id, input: { ...input, ideaId }, now });
}

/**
 * How many ideas with rows recorded before decision 063 (scrypt only) one verification searches:
 * one scrypt each (0.1–0.3 s, four at a time on libuv's pool), inside the verification's
 * transaction. No such row is written any more, and each one linked or voided leaves the set.
 */
export const LEGACY_IDEAS_MAX = 20;

/**
 * Unlinked rows recorded before decision 063 that are this person's: the ideas that still have
 * such rows, those collecting supports first and then the newest, up to LEGACY_IDEAS_MAX; whether
 * more were left unsearched.
 */
async function legacyMatches(trx: Trx, person: Person): Promise<{ found: { id: number; idea_id: number }[]; capped: boolean }> {
  const ideas = await trx
    .selectFrom("in_person_supports")
    .innerJoin("ideas", "ideas.id", "in_person_supports.idea_id")
    .select("in_person_supports.idea_id")
    .where("in_person_supports.person_digest", "is", null)
    .where("in_person_supports.user_id", "is", null)
    .where("in_person_supports.voided_at", "is", null)
    .groupBy(["in_person_supports.idea_id", "ideas.status"])
    .orderBy(sql`ideas.status IN ('open', 'pending')`, "desc")
    .orderBy("in_person_supports.idea_id", "desc")
    .limit(LEGACY_IDEAS_MAX + 1)
    .execute();
  const searched = ideas.slice(0, LEGACY_IDEAS_MAX);
  if (searched.length === 0) return { found: [], capped: false };
  const hashes = await Promise.all(searched.map(async ({ idea_id }) => ({ ideaId: idea_id, hash: await legacyIdentityHash(idea_id, person) })));
  const found = await trx
    .selectFrom("in_person_supports")
    .select(["id", "idea_id"])
    .where((eb) => eb.or(hashes.map((h) => eb.and([eb("idea_id", "=", h.ideaId), eb("identity_hash", "=", h.hash)]))))
    .where("person_digest", "is", null)
    .where("user_id", "is", null)
    .where("voided_at", "is", null)
    .execute();
  return { found, capped: ideas.length > LEGACY_IDEAS_MAX };
}

/**
 * Links the supports a person gave in person to the account they made later (decisions 058, 063),
 * in the caller's transaction, once staff have checked the person's ID: the same name, birth date
 * and phone give the same digest as when the supports were recorded, so one HMAC and one indexed
 * query find them on every idea, collecting supports or not (rows recorded before decision 063:
 * the bounded scrypt fallback above). Each idea's row is locked (in id order) before its supports
 * are read, as the support path locks it before inserting, so a link and an online support of the
 * same idea queue:
 * - the person already supports the idea online: the in-person support is merged (closed; the
 *   online one, with its receipt, stands) and the idea's paper count is taken again — on an idea
 *   past collecting too, where the count then stops counting that person twice; the idea's status
 *   does not move (recheckThreshold acts on open ideas only);
 * - else it is linked, and an online support of that idea is refused from then on (the database's
 *   trigger supports_not_in_person has the last word); the counts do not change.
 * A legacy row found is given the digest and loses its scrypt, as if recorded today.
 */
export async function linkInPersonSupports(trx: Trx, userId: number, person: Person, actorId: number, now: Date): Promise<{ linked: number; merged: number; legacyCapped: boolean }> {
  const digest = personDigest(person);
  const [current, legacy] = await Promise.all([
    trx.selectFrom("in_person_supports").select(["id", "idea_id"]).where("person_digest", "=", digest).where("user_id", "is", null).where("voided_at", "is", null).execute(),
    legacyMatches(trx, person),
  ]);
  const found = [...current, ...legacy.found].sort((a, b) => a.idea_id - b.idea_id || a.id - b.id);
  let linked = 0;
  let merged = 0;
  for (const { id, idea_id } of found) {
    const idea = (await lockIdea(trx, idea_id))!;
    // Read again under the idea's lock: staff may have voided it meanwhile.
    const row = await trx.selectFrom("in_person_supports").select(["id"]).where("id", "=", id).where("user_id", "is", null).where("voided_at", "is", null).executeTakeFirst();
    if (!row) continue;
    const link = { user_id: userId, linked_at: now, person_digest: digest, identity_hash: null };
    // Counted already: online (the support with its receipt stands), or by another in-person row
    // linked to this account (typed with other details).
    if ((await countsAs(trx, idea_id, userId)) !== null) {
      await trx.updateTable("in_person_supports").set({ ...link, merged_at: now, voided_at: now, voided_by: actorId }).where("id", "=", id).execute();
      await recount(trx, idea, now);
      merged++;
    } else {
      await trx.updateTable("in_person_supports").set(link).where("id", "=", id).execute();
      linked++;
    }
  }
  return { linked, merged, legacyCapped: legacy.capped };
}
