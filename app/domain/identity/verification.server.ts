// Identity verifications (decision 049): a person's current verification, recorded after an
// OpenID Connect provider vouched for them or a staff member checked an ID. The provider's
// stable person identifier arrives here only as an HMAC; the database's unique index keeps one
// verified account per person.
import { sql, type Kysely, type RawBuilder } from "kysely";
import { z } from "zod";
import type { Database } from "../../../db/schema";
import { fail, FORM, msg, type Result } from "../../utils/result";
import { hasRole, isAdmin, participationRefusal, staffRefusal, type Actor } from "../accounts/permissions";
import { accountEmail } from "../accounts/accounts.server";
import { enqueueEmail } from "../notifications/outbox.server";
import { getSettings } from "../settings.server";
import { execute, useCase, type Trx } from "../use-case.server";
import { levelOf, type Level, type VerificationFacts } from "./levels";
import { noControlChars } from "../../utils/text";
import { IN_PERSON_PLACE_MAX } from "./limits";
import { DAY_MS } from "../../utils/korea-time";


type Db = Kysely<Database> | Trx;

export interface Verification extends VerificationFacts {
  level: Level;
  provider: string | null;
  verifiedAt: Date | null;
  place: string | null;
  /** Revoked by staff (decision 057): when and why. */
  revokedAt: Date | null;
  revocationReason: string | null;
}

/** The person's verification facts and the level they give now. */
export async function verificationOf(db: Db, userId: number, now = new Date()): Promise<Verification> {
  const row = await db
    .selectFrom("users")
    .leftJoin("identity_verifications as v", "v.user_id", "users.id")
    .select(["users.email_verified_at", "v.method", "v.expires_at", "v.birth_year", "v.province_id", "v.provider", "v.verified_at", "v.place", "v.revoked_at", "v.revocation_reason"])
    .where("users.id", "=", userId)
    .executeTakeFirst();
  const facts: VerificationFacts = {
    emailVerified: Boolean(row?.email_verified_at),
    method: row?.method ?? null,
    expiresAt: row?.expires_at ? new Date(row.expires_at) : null,
    birthYear: row?.birth_year ?? null,
    provinceId: row?.province_id ?? null,
  };
  return {
    ...facts,
    level: levelOf(facts, now),
    provider: row?.provider ?? null,
    verifiedAt: row?.verified_at ? new Date(row.verified_at) : null,
    place: row?.place ?? null,
    revokedAt: row?.revoked_at ? new Date(row.revoked_at) : null,
    revocationReason: row?.revocation_reason ?? null,
  };
}

/**
 * The level of a person as one SQL expression (for statements that must not wait a round trip):
 * an account's id and the moment, as values or as a statement's own columns (a batch of supports;
 * its own names start with `level_`, so that they hide none of the statement's).
 */
export function levelSql(userId: number | RawBuilder<unknown>, now: Date | RawBuilder<unknown>) {
  const at = now instanceof Date ? sql`${now}::timestamptz` : now;
  return sql<number>`coalesce(
    (SELECT CASE level_v.method WHEN 'in_person' THEN 3 ELSE 2 END FROM identity_verifications level_v
      WHERE level_v.user_id = ${userId} AND level_v.expires_at > ${at}),
    (SELECT CASE WHEN level_u.email_verified_at IS NULL THEN 0 ELSE 1 END FROM users level_u WHERE level_u.id = ${userId}))`;
}

const SameIdentity = { message: msg("verification.errors.sameIdentity"), status: 409 } as const;

const RecordSchema = z.object({
  provider: z.string().min(1).max(40),
  subjectHmac: z.string().regex(/^[0-9a-f]{64}$/),
  birthYear: z.number().int().min(1900).max(2100).nullable(),
  provinceId: z.number().int().positive().nullable(),
});

const RecordOnline = useCase({
  name: "identity.verify",
  schema: RecordSchema,
  // The person's own row, locked: two verifications of one account queue.
  load: (trx, _input, _target, actor) => trx.selectFrom("users").select("id").where("id", "=", actor.id).forUpdate().executeTakeFirst(),
  permit: (actor, _subject, { now }) => participationRefusal(actor, now),
  run: async ({ trx, actor, input, now }) => {
    // Another account holds this person's verification: refused (the unique index also says so).
    const other = await trx
      .selectFrom("identity_verifications")
      .select("user_id")
      .where("subject_hmac", "=", input.subjectHmac)
      .where("user_id", "<>", actor.id)
      .executeTakeFirst();
    if (other) return fail(FORM, SameIdentity.message, SameIdentity.status);
    const settings = await getSettings(trx);
    const row = {
      method: "oidc" as const,
      provider: input.provider,
      subject_hmac: input.subjectHmac,
      birth_year: input.birthYear,
      province_id: input.provinceId,
      verified_at: now,
      expires_at: new Date(now.getTime() + settings.identity_verification_days * DAY_MS),
      verified_by: null,
      place: null,
      revoked_at: null,
      revoked_by: null,
      revocation_reason: null,
    };
    await trx
      .insertInto("identity_verifications")
      .values({ user_id: actor.id, ...row })
      .onConflict((oc) => oc.column("user_id").doUpdateSet(row))
      .execute();
    return { level: 2 as Level };
  },
});

/** Records that a provider vouched for the actor (after the token exchange: oidc.server.ts). */
export async function recordOnlineVerification(
  db: Kysely<Database>,
  actor: Actor | null,
  input: z.input<typeof RecordSchema>,
  now = new Date(),
): Promise<Result<{ level: Level }>> {
  try {
    return await execute(db, RecordOnline, actor, { input, now });
  } catch (error) {
    // Two accounts of one person verifying at the same moment: the unique index has the last word.
    if ((error as { code?: unknown }).code === "23505") return fail(FORM, SameIdentity.message, SameIdentity.status);
    throw error;
  }
}

/** Whether the actor may verify people in person (pages show the form with it). */
export function inPersonRefusal(actor: Actor | null, now = new Date()) {
  return staffRefusal(actor, hasRole(actor, "identity_verifier"), now);
}

const InPersonSchema = z.object({
  /** The account's e-mail address, as the person gives it at the desk. */
  email: z.string().trim().toLowerCase().min(1, "errors.required").max(254, "errors.tooLong").refine(noControlChars, "errors.controlChars"),
  // Where the ID was checked (kept with the audit row): one line of text, no control characters.
  place: z.string().trim().min(1, "errors.required").max(IN_PERSON_PLACE_MAX, "errors.tooLong").refine(noControlChars, "errors.controlChars"),
  checked: z.literal("on", { message: "verification.errors.checkFirst" }),
});

/** The desk's verification as a use case, for the desk that also links supports given in person (decision 058). */
export const RecordInPerson = useCase({
  name: "identity.verify_in_person",
  schema: InPersonSchema,
  // Always a subject, so that whether an address has an account is told to the role only.
  load: async (trx, input) => ({
    // FOR NO KEY UPDATE: two verifications of one account still queue, but a support being
    // inserted (its foreign key takes KEY SHARE on the user) does not wait, so linking the
    // person's in-person supports, which locks ideas next, cannot deadlock with it (decision 058).
    person: await trx.selectFrom("users").select("id").where("email", "=", input.email).where("deleted_at", "is", null).forNoKeyUpdate().executeTakeFirst(),
  }),
  permit: (actor, { person }, { now }) => {
    const refusal = inPersonRefusal(actor, now);
    if (refusal) return refusal;
    if (!person) return { message: msg("verification.errors.noAccount"), status: 404, field: "email" };
    // Nobody vouches for themselves.
    if (person.id === actor.id) return { message: msg("verification.errors.notYourself"), status: 409, field: "email" };
    return null;
  },
  run: async ({ trx, actor, input, subject: { person }, now }) => {
    if (!person) return fail("email", msg("verification.errors.noAccount"), 404);
    const settings = await getSettings(trx);
    const row = {
      method: "in_person" as const,
      verified_at: now,
      expires_at: new Date(now.getTime() + settings.identity_verification_days * DAY_MS),
      verified_by: actor.id,
      place: input.place,
      revoked_at: null,
      revoked_by: null,
      revocation_reason: null,
    };
    // An online verification's HMAC (one account per person), birth year and province are kept.
    await trx
      .insertInto("identity_verifications")
      .values({ user_id: person.id, ...row })
      .onConflict((oc) => oc.column("user_id").doUpdateSet(row))
      .execute();
    return { userId: person.id };
  },
  // Who (the actor), whom and where; the address typed is not repeated in the log.
  audit: ({ input }, { userId }) => ({ targetType: "user", targetId: userId, details: { place: input.place, subjectUserId: userId } }),
});

/** A staff member with the identity_verifier role marks an account verified after checking an ID. */
export async function verifyInPerson(db: Kysely<Database>, actor: Actor | null, input: Record<string, unknown>, now = new Date()): Promise<Result<{ userId: number }>> {
  return execute(db, RecordInPerson, actor, { input, now });
}

/** Whether the actor may revoke verifications: the in-person verifiers and admins (decision 057). */
export function revokeRefusal(actor: Actor | null, now = new Date()) {
  return staffRefusal(actor, hasRole(actor, "identity_verifier") || isAdmin(actor), now);
}

const RevokeSchema = z.object({
  /** The account's e-mail address. */
  account: z.string().trim().toLowerCase().min(1, "errors.required").max(254, "errors.tooLong").refine(noControlChars, "errors.controlChars"),
  reason: z.string().trim().min(1, "errors.required").max(500, "errors.tooLong").refine(noControlChars, "errors.controlChars"),
  site: z.string().regex(/^https?:\/\/[^\s]+$/),
});

const RevokeVerification = useCase({
  name: "identity.revoke",
  schema: RevokeSchema,
  // Always a subject, as for verifying in person: whether an address has an account is told to the role only.
  load: async (trx, input) => ({
    person: await trx
      .selectFrom("users")
      .innerJoin("identity_verifications as v", "v.user_id", "users.id")
      .select(["users.id", "users.email", "users.display_name", "users.locale", "v.expires_at", "v.revoked_at"])
      .where("users.email", "=", input.account)
      .where("users.deleted_at", "is", null)
      .forUpdate()
      .executeTakeFirst(),
  }),
  permit: (actor, _subject, { now }) => revokeRefusal(actor, now),
  run: async ({ trx, actor, input, subject: { person }, now }) => {
    // No account, or none with a verification in force: the same answer to the role.
    if (!person || person.revoked_at || new Date(person.expires_at) <= now) return fail("account", msg("trust.revoke.errors.noVerification"), 404);
    // The verification ends now. The person identifier's HMAC goes too: a verification given in
    // error must not keep the real person from verifying their own account. Supports keep the
    // level recorded when they were given (supports.verification_level): counts do not move.
    await trx
      .updateTable("identity_verifications")
      .set({ expires_at: now, subject_hmac: null, revoked_at: now, revoked_by: actor.id, revocation_reason: input.reason })
      .where("user_id", "=", person.id)
      .execute();
    await enqueueEmail(
      trx,
      accountEmail(person.email, person.display_name, person.locale ?? "ko", "verification_revoked", "trust.mail.revoked.subject", (t) => [
        t("trust.mail.revoked.body", { reason: input.reason }),
        t("trust.mail.revoked.supports"),
        t("trust.mail.revoked.again"),
        `${input.site}/me/verify`,
      ]),
    );
    return { userId: person.id };
  },
  audit: ({ input }, { userId }) => ({ targetType: "user", targetId: userId, details: { reason: input.reason, subjectUserId: userId } }),
});

/** Staff revoke a person's identity verification, with a reason; the person is told. */
export function revokeVerification(db: Kysely<Database>, actor: Actor | null, input: Record<string, unknown>, now = new Date()): Promise<Result<{ userId: number }>> {
  return execute(db, RevokeVerification, actor, { input, now });
}
