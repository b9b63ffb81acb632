// Suspending an account for a period or for good, and lifting it. A suspended account can read
// but not act (participationRefusal / staffRefusal); its open sessions end in the same
// transaction (Lucia keeps them in `sessions`: deleting the rows is what invalidateUserSessions
// does), so it must sign in again and finds itself read-only.
import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { fail, FORM, invalidInput, msg, type Result } from "../../utils/result";
import type { Actor } from "../accounts/permissions";
import { recordAudit } from "../audit.server";
import { refusalFailure } from "../ideas/ideas.server";
import { notifyModeration } from "./notify.server";
import { adminRefusal, suspendRefusal } from "./permissions";
import { LiftSchema, SuspendSchema } from "./schemas";

const DAY = 86_400_000;
/**
 * A permanent suspension ends on this date: a real timestamp (not 'infinity', which the pg
 * driver returns as a number) that every comparison with "now" handles.
 */
export const PERMANENT = new Date("9999-12-31T00:00:00Z");

export function isPermanent(until: Date | string | null): boolean {
  return until !== null && new Date(until).getUTCFullYear() >= 9999;
}

export async function suspendAccount(
  db: Kysely<Database>,
  actor: Actor | null,
  userId: number,
  input: Record<string, unknown>,
  now = new Date(),
): Promise<Result<{ until: Date; sessionsEnded: number }>> {
  const target = await db
    .selectFrom("users")
    .select(["id", (eb) => eb.exists(eb.selectFrom("role_grants").select("id").whereRef("role_grants.user_id", "=", "users.id")).as("staff")])
    .where("id", "=", userId)
    .executeTakeFirst();
  if (!target) return fail(FORM, msg("errors.notFound"), 404);
  const refusal = suspendRefusal(actor, { id: target.id, staff: Boolean(target.staff) }, now);
  if (refusal) return refusalFailure(refusal);
  const parsed = SuspendSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  const { days, reason } = parsed.data;
  const until = days === "permanent" ? PERMANENT : new Date(now.getTime() + Number(days) * DAY);
  return db.transaction().execute(async (trx) => {
    await trx.updateTable("users").set({ suspended_until: until, suspension_reason: reason }).where("id", "=", userId).execute();
    const ended = await trx.deleteFrom("sessions").where("user_id", "=", userId).executeTakeFirst();
    const sessionsEnded = Number(ended.numDeletedRows);
    await recordAudit(trx, {
      actorId: actor!.id,
      action: "moderation.suspend",
      targetType: "user",
      targetId: userId,
      details: { until: until.toISOString(), permanent: days === "permanent", days, reason, sessionsEnded, subjectUserId: userId },
    });
    await notifyModeration(
      trx,
      [userId],
      null,
      (t) =>
        days === "permanent"
          ? t("moderation.notice.suspendedPermanently", { reason })
          : t("moderation.notice.suspended", { count: Number(days), reason }),
      now,
      { kind: "moderation_notice" },
    );
    return { ok: true as const, until, sessionsEnded };
  });
}

/** Only an admin lifts a suspension, with a reason. */
export async function liftSuspension(
  db: Kysely<Database>,
  actor: Actor | null,
  userId: number,
  input: Record<string, unknown>,
  now = new Date(),
): Promise<Result> {
  const refusal = adminRefusal(actor, now);
  if (refusal) return refusalFailure(refusal);
  const parsed = LiftSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  return db.transaction().execute(async (trx) => {
    const user = await trx.selectFrom("users").select(["id", "suspended_until"]).where("id", "=", userId).forUpdate().executeTakeFirst();
    if (!user) return fail(FORM, msg("errors.notFound"), 404);
    if (user.suspended_until === null || new Date(user.suspended_until) <= now) return fail(FORM, msg("moderation.errors.notSuspended"), 409);
    await trx.updateTable("users").set({ suspended_until: null, suspension_reason: null }).where("id", "=", userId).execute();
    await recordAudit(trx, {
      actorId: actor!.id,
      action: "moderation.lift",
      targetType: "user",
      targetId: userId,
      details: { reason: parsed.data.reason, was: new Date(user.suspended_until).toISOString(), subjectUserId: userId },
    });
    await notifyModeration(trx, [userId], null, (t) => t("moderation.notice.lifted", { reason: parsed.data.reason }), now, { kind: "moderation_notice" });
    return { ok: true as const };
  });
}
