// Granting and revoking staff roles. Admin only; every change is written to the audit log.
import type { Kysely } from "kysely";
import { z } from "zod";
import type { Database, RoleName } from "../../../db/schema";
import { recordAudit } from "../audit.server";
import { INTEGER_MAX } from "../../utils/ids";
import { fail, FORM, invalidInput, msg, type Result } from "../../utils/result";
import { AGENCY_ROLES, canManageRoles, ROLE_NAMES, type Actor, type Grant } from "./permissions";


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
    committeeId: g.role === "committee_member" || g.role === "committee_chair" ? g.committeeId : null,
    agencyId: AGENCY_ROLES.includes(g.role) ? g.agencyId : null,
  }))
  .superRefine((g, ctx) => {
    if ((g.role === "committee_member" || g.role === "committee_chair") && !g.committeeId)
      ctx.addIssue({ code: "custom", path: ["committeeId"], message: "errors.required" });
    if (AGENCY_ROLES.includes(g.role) && !g.agencyId)
      ctx.addIssue({ code: "custom", path: ["agencyId"], message: "errors.required" });
  });

export async function grantRole(
  db: Kysely<Database>,
  actor: Actor | null,
  input: Record<string, unknown>,
): Promise<Result<{ grantId: number }>> {
  if (!canManageRoles(actor)) return fail(FORM, msg("errors.forbidden"), actor ? 403 : 401);
  const parsed = GrantRoleSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  const g = parsed.data;
  return db.transaction().execute(async (trx) => {
    const user = await trx.selectFrom("users").select("id").where("id", "=", g.userId).executeTakeFirst();
    if (!user) return fail(FORM, msg("errors.notFound"), 404);
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
    if (existing) return { ok: true as const, grantId: existing.id };
    const row = await trx
      .insertInto("role_grants")
      .values({
        user_id: g.userId,
        role: g.role,
        committee_id: g.committeeId,
        agency_id: g.agencyId,
        granted_by: actor!.id,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actorId: actor!.id,
      action: "role.grant",
      targetType: "user",
      targetId: g.userId,
      details: { role: g.role, committeeId: g.committeeId, agencyId: g.agencyId },
    });
    return { ok: true as const, grantId: row.id };
  });
}

export async function revokeRole(
  db: Kysely<Database>,
  actor: Actor | null,
  input: Record<string, unknown>,
): Promise<Result> {
  if (!canManageRoles(actor)) return fail(FORM, msg("errors.forbidden"), actor ? 403 : 401);
  // The user whose page the form is on, when given: a grant of someone else is not found there.
  const parsed = z
    .object({ grantId: z.coerce.number().int().positive(), userId: z.coerce.number().int().positive().optional() })
    .safeParse(input);
  if (!parsed.success) return fail(FORM, msg("errors.invalidChoice"));
  return db.transaction().execute(async (trx) => {
    const grant = await trx
      .selectFrom("role_grants")
      .selectAll()
      .where("id", "=", parsed.data.grantId)
      .forUpdate()
      .executeTakeFirst();
    if (!grant || (parsed.data.userId !== undefined && grant.user_id !== parsed.data.userId)) return fail(FORM, msg("errors.notFound"), 404);
    if (grant.role === "admin") {
      // Lock every admin grant so that two admins revoking each other cannot leave none.
      const admins = await trx.selectFrom("role_grants").select("id").where("role", "=", "admin").forUpdate().execute();
      if (admins.length <= 1) return fail(FORM, msg("errors.lastAdmin"), 409);
    }
    await trx.deleteFrom("role_grants").where("id", "=", grant.id).execute();
    await recordAudit(trx, {
      actorId: actor!.id,
      action: "role.revoke",
      targetType: "user",
      targetId: grant.user_id,
      details: { role: grant.role, committeeId: grant.committee_id, agencyId: grant.agency_id },
    });
    return { ok: true as const };
  });
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
