// Granting and revoking staff roles. Admin only; every change is written to the audit log.
import type { Kysely } from "kysely";
import { z } from "zod";
import type { Database, RoleName } from "../../../db/schema";
import { INTEGER_MAX } from "../../utils/ids";
import { fail, FORM, msg, type Result } from "../../utils/result";
import { execute, useCase } from "../use-case.server";
import { AGENCY_ROLES, isAdmin, ROLE_NAMES, staffRefusal, type Actor, type Grant } from "./permissions";


const optionalId = z
  .string()
  .optional()
  .transform((v) => (v ? Number(v) : null))
  .pipe(z.number().int().positive().max(INTEGER_MAX).nullable());

export const GrantRoleSchema = z
  .object({
    userId: z.coerce.number().int().positive(),
    role: z.enum(ROLE_NAMES, { message: "admin.roleRequired" }),
    committeeId: optionalId,
    agencyId: optionalId,
  })
  .transform((g) => ({
    ...g,
    // Only the scope the role takes is kept: a stray committee on an officer role is dropped.
    // An event organiser acts for a committee, an agency, or (neither) the operator.
    committeeId: g.role === "committee_member" || g.role === "committee_chair" || g.role === "event_organiser" ? g.committeeId : null,
    agencyId: AGENCY_ROLES.includes(g.role) || g.role === "event_organiser" ? g.agencyId : null,
  }))
  .superRefine((g, ctx) => {
    if (g.role === "event_organiser" && g.committeeId && g.agencyId)
      ctx.addIssue({ code: "custom", path: ["agencyId"], message: "admin.organiserOneScope" });
    if ((g.role === "committee_member" || g.role === "committee_chair") && !g.committeeId)
      ctx.addIssue({ code: "custom", path: ["committeeId"], message: "errors.required" });
    if (AGENCY_ROLES.includes(g.role) && !g.agencyId)
      ctx.addIssue({ code: "custom", path: ["agencyId"], message: "errors.required" });
  });

/** Only an admin (not suspended) grants and revokes roles. */
const adminOnly = (actor: Actor, _subject: unknown, { now }: { now: Date }) => staffRefusal(actor, isAdmin(actor), now);

const Grant = useCase({
  name: "role.grant",
  schema: GrantRoleSchema,
  // The person's row, locked: two admins granting the same role at once make one grant.
  load: (trx, input) => trx.selectFrom("users").select("id").where("id", "=", input.userId).forUpdate().executeTakeFirst(),
  permit: adminOnly,
  run: async ({ trx, actor, input: g }) => {
    if (g.committeeId) {
      const c = await trx.selectFrom("committees").select("id").where("id", "=", g.committeeId).executeTakeFirst();
      if (!c) return fail("committeeId", msg("errors.invalidChoice"));
    }
    if (g.agencyId) {
      const a = await trx.selectFrom("agencies").select("id").where("id", "=", g.agencyId).executeTakeFirst();
      if (!a) return fail("agencyId", msg("errors.invalidChoice"));
    }
    const existing = await trx
      .selectFrom("role_grants")
      .select("id")
      .where("user_id", "=", g.userId)
      .where("role", "=", g.role)
      .where((eb) => (g.committeeId ? eb("committee_id", "=", g.committeeId) : eb("committee_id", "is", null)))
      .where((eb) => (g.agencyId ? eb("agency_id", "=", g.agencyId) : eb("agency_id", "is", null)))
      .executeTakeFirst();
    if (existing) return { grantId: existing.id, created: false };
    const row = await trx
      .insertInto("role_grants")
      .values({ user_id: g.userId, role: g.role, committee_id: g.committeeId, agency_id: g.agencyId, granted_by: actor.id })
      .returning("id")
      .executeTakeFirstOrThrow();
    return { grantId: row.id, created: true };
  },
  // Granting what the person already holds changes nothing, and logs nothing.
  audit: ({ input: g }, { created }) =>
    created ? { targetType: "user", targetId: g.userId, details: { role: g.role, committeeId: g.committeeId, agencyId: g.agencyId } } : null,
});

export async function grantRole(db: Kysely<Database>, actor: Actor | null, input: Record<string, unknown>): Promise<Result<{ grantId: number }>> {
  const result = await execute(db, Grant, actor, { input });
  return result.ok ? { ok: true, grantId: result.grantId } : result;
}

const invalidChoice = "errors.invalidChoice";
const grantId = z.coerce.number({ message: invalidChoice }).int(invalidChoice).positive(invalidChoice);

const Revoke = useCase({
  name: "role.revoke",
  // The user whose page the form is on, when given: a grant of someone else is not found there.
  schema: z.object({ grantId, userId: grantId.optional() }),
  load: async (trx, input) => {
    const grant = await trx.selectFrom("role_grants").selectAll().where("id", "=", input.grantId).forUpdate().executeTakeFirst();
    return grant && (input.userId === undefined || grant.user_id === input.userId) ? grant : undefined;
  },
  permit: adminOnly,
  run: async ({ trx, subject: grant }) => {
    if (grant.role === "admin") {
      // Lock every admin grant so that two admins revoking each other cannot leave none.
      const admins = await trx.selectFrom("role_grants").select("id").where("role", "=", "admin").forUpdate().execute();
      if (admins.length <= 1) return fail(FORM, msg("errors.lastAdmin"), 409);
    }
    await trx.deleteFrom("role_grants").where("id", "=", grant.id).execute();
    return {};
  },
  audit: ({ subject: grant }) => ({
    targetType: "user",
    targetId: grant.user_id,
    details: { role: grant.role, committeeId: grant.committee_id, agencyId: grant.agency_id },
  }),
});

export function revokeRole(db: Kysely<Database>, actor: Actor | null, input: Record<string, unknown>): Promise<Result> {
  return execute(db, Revoke, actor, { input });
}

export async function grantsOf(db: Kysely<Database>, userId: number): Promise<Grant[]> {
  const rows = await db
    .selectFrom("role_grants")
    .select(["id", "role", "committee_id", "agency_id"])
    .where("user_id", "=", userId)
    .orderBy("id")
    .execute();
  return rows.map((r) => ({ id: r.id, role: r.role as RoleName, committeeId: r.committee_id, agencyId: r.agency_id }));
}
