// Suspending an account for a period or for good, and lifting it. A suspended account can read
// but not act (participationRefusal / staffRefusal); its open sessions end in the same
// transaction (Lucia keeps them in `sessions`: deleting the rows is what invalidateUserSessions
// does), so it must sign in again and finds itself read-only.
import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { msg, type Result } from "../../utils/result";
import type { Actor } from "../accounts/permissions";
import { execute, useCase, type Trx } from "../use-case.server";
import { notifyModeration } from "./notify.server";
import { adminRefusal, suspendRefusal } from "./permissions";
import { LiftSchema, SuspendSchema } from "./schemas";
import { DAY_MS } from "../../utils/korea-time";

/**
 * A permanent suspension ends on this date: a real timestamp (not 'infinity', which the pg
 * driver returns as a number) that every comparison with "now" handles.
 */
export const PERMANENT = new Date("9999-12-31T00:00:00Z");

export function isPermanent(until: Date | string | null): boolean {
  return until !== null && new Date(until).getUTCFullYear() >= 9999;
}

/** The account acted on, locked, with whether it holds a staff role. */
function lockAccount(trx: Trx, userId: number | undefined) {
  if (userId === undefined) return Promise.resolve(undefined);
  return trx
    .selectFrom("users")
    .select(["id", "suspended_until", (eb) => eb.exists(eb.selectFrom("role_grants").select("id").whereRef("role_grants.user_id", "=", "users.id")).as("staff")])
    .where("id", "=", userId)
    .forUpdate()
    .executeTakeFirst();
}

const Suspend = useCase({
  name: "moderation.suspend",
  schema: SuspendSchema,
  load: (trx, _input, userId) => lockAccount(trx, userId),
  permit: (actor, user, { now }) => suspendRefusal(actor, { id: user.id, staff: Boolean(user.staff) }, now),
  run: async ({ trx, input: { days, reason }, subject: user, now }) => {
    const until = days === "permanent" ? PERMANENT : new Date(now.getTime() + Number(days) * DAY_MS);
    await trx.updateTable("users").set({ suspended_until: until, suspension_reason: reason }).where("id", "=", user.id).execute();
    const ended = await trx.deleteFrom("sessions").where("user_id", "=", user.id).executeTakeFirst();
    await notifyModeration(
      trx,
      [user.id],
      null,
      (t) =>
        days === "permanent"
          ? t("moderation.notice.suspendedPermanently", { reason })
          : t("moderation.notice.suspended", { count: Number(days), reason }),
      now,
      { kind: "moderation_notice" },
    );
    return { until, sessionsEnded: Number(ended.numDeletedRows) };
  },
  audit: ({ input: { days, reason }, subject: user }, { until, sessionsEnded }) => ({
    targetType: "user",
    targetId: user.id,
    details: { until: until.toISOString(), permanent: days === "permanent", days, reason, sessionsEnded, subjectUserId: user.id },
  }),
});

/** A moderator suspends a citizen (an admin anyone but themselves): read-only until then, signed out now. */
export function suspendAccount(
  db: Kysely<Database>,
  actor: Actor | null,
  userId: number,
  input: Record<string, unknown>,
  now = new Date(),
): Promise<Result<{ until: Date; sessionsEnded: number }>> {
  return execute(db, Suspend, actor, { target: userId, input, now });
}

const Lift = useCase({
  name: "moderation.lift",
  schema: LiftSchema,
  load: (trx, _input, userId) => lockAccount(trx, userId),
  permit: (actor, user, { now }) => {
    const refusal = adminRefusal(actor, now);
    if (refusal) return refusal;
    const suspended = user.suspended_until !== null && new Date(user.suspended_until) > now;
    return suspended ? null : { message: msg("moderation.errors.notSuspended"), status: 409 };
  },
  run: async ({ trx, input: { reason }, subject: user, now }) => {
    await trx.updateTable("users").set({ suspended_until: null, suspension_reason: null }).where("id", "=", user.id).execute();
    await notifyModeration(trx, [user.id], null, (t) => t("moderation.notice.lifted", { reason }), now, { kind: "moderation_notice" });
    return {};
  },
  audit: ({ input: { reason }, subject: user }) => ({
    targetType: "user",
    targetId: user.id,
    details: { reason, was: new Date(user.suspended_until!).toISOString(), subjectUserId: user.id },
  }),
});

/** Only an admin lifts a suspension, with a reason. */
export function liftSuspension(db: Kysely<Database>, actor: Actor | null, userId: number, input: Record<string, unknown>, now = new Date()): Promise<Result> {
  return execute(db, Lift, actor, { target: userId, input, now });
}
