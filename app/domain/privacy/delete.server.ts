// Leaving Madang (/me/delete; issue 17, Privacy rights; decision 036). The account is
// anonymised, not dropped, in one transaction:
//   - the name becomes FORMER_MEMBER_NAME (pages show "a former member" in the reader's language),
//     the e-mail address an unusable unique one (former-<id>@deleted.invalid), the password
//     unusable; region, language, suspension reason and e-mail choices go;
//   - sessions, remembered browsers, two-factor secret and recovery codes, e-mail links, follows, notifications and reading marks go;
//   - places and turns in events still to come are given up (the waiting list moves up);
//     e-mails to the address that are still in the outbox are dropped;
//   - supports stay, with their user_id (the row of an anonymised account), so every total, the
//     one-support-per-person rule and past invalidations stay exact; their network prefix goes;
//   - ideas stay under the former member's name; posts too, unless the person withdraws them
//     (then each is removed as an author's withdrawal: text gone, "withdrawn by the author");
//   - flags the person made stay counted, without the text they wrote;
//   - the person's name is replaced in the burst watch's evidence;
//   - the audit row says an account left, its id and how many posts were withdrawn: nothing else.
import type { Kysely } from "kysely";
import { sql } from "kysely";
import { z } from "zod";
import type { Database } from "../../../db/schema";
import { fail, msg } from "../../utils/result";
import type { Actor } from "../accounts/permissions";
import { currentPassword } from "../accounts/schemas";
import { verifyPassword } from "../accounts/passwords.server";
import { withdrawFromEvents } from "../events/registrations.server";
import { execute, useCase } from "../use-case.server";
import { FORMER_MEMBER_NAME, leaveRefusal } from "./permissions";

export const LeaveSchema = z.object({
  password: currentPassword,
  // A checkbox: "on" when ticked, absent or "" when not.
  withdrawPosts: z
    .string()
    .optional()
    .transform((v) => v === "on"),
});

/** The address an account gets when its person leaves: unique, and no mail can reach it (RFC 2606). */
export function erasedEmail(userId: number): string {
  return `former-${userId}@deleted.invalid`;
}

const LeaveMadang = useCase({
  name: "account.delete",
  schema: LeaveSchema,
  load: (trx, _input, userId) =>
    trx.selectFrom("users").select(["id", "email", "password_hash", "deleted_at"]).where("id", "=", userId!).forUpdate().executeTakeFirst(),
  permit: (actor, account) => leaveRefusal(actor, account),
  run: async ({ trx, input, subject, now }) => {
    const id = subject.id;
    if (!(await verifyPassword(subject.password_hash, input.password))) return fail("password", msg("privacy.errors.wrongPassword"), 400);

    let withdrawn = 0;
    if (input.withdrawPosts) {
      const rows = await trx
        .updateTable("posts")
        .set({ body: "", body_html: "", removed_at: now, removed_by: id, removal: "author" })
        .where("author_id", "=", id)
        .where("removed_at", "is", null)
        .returning("id")
        .execute();
      withdrawn = rows.length;
    }

    await trx
      .updateTable("users")
      .set({
        email: erasedEmail(id),
        display_name: FORMER_MEMBER_NAME,
        // Not an argon2 hash: no password ever matches it (verifyPassword answers false).
        password_hash: "!deleted",
        email_verified_at: null,
        locale: null,
        home_region_id: null,
        suspension_reason: null,
        email_on_own_ideas: false,
        email_on_followed_ideas: false,
        email_on_staff_deadlines: false,
        unsubscribe_token: sql<string>`replace(gen_random_uuid()::text, '-', '')`,
        deleted_at: now,
      })
      .where("id", "=", id)
      .execute();

    // Places and turns in events still to come go to the next people waiting.
    await withdrawFromEvents(trx, id, now);
    // The identity verification goes too: its HMAC no longer holds the person to this account,
    // so they may verify a new one (decision 049).
    for (const table of ["sessions", "trusted_devices", "email_tokens", "follows", "notifications", "thread_reads", "identity_verifications", "identity_requests", "two_factor", "sign_in_challenges"] as const) {
      await trx.deleteFrom(table).where("user_id", "=", id).execute();
    }
    await trx.deleteFrom("email_outbox").where("to_address", "=", subject.email).execute();
    // Sign-in counters are keyed by the address (app/auth/rate-limit.server.ts).
    await sql`DELETE FROM rate_limits WHERE strpos(key, ${subject.email}) > 0`.execute(trx);
    await trx.updateTable("supports").set({ ip_prefix: null }).where("user_id", "=", id).where("ip_prefix", "is not", null).execute();
    await trx.updateTable("flags").set({ details: null }).where("user_id", "=", id).where("details", "is not", null).execute();
    // The burst watch's evidence lists accounts by id and name (moderation_alerts.evidence.accounts).
    await sql`
      UPDATE moderation_alerts
         SET evidence = jsonb_set(evidence, '{accounts}', (
               SELECT jsonb_agg(CASE WHEN a->>'id' = ${String(id)} THEN a || jsonb_build_object('name', ${FORMER_MEMBER_NAME}::text) ELSE a END ORDER BY n)
                 FROM jsonb_array_elements(evidence->'accounts') WITH ORDINALITY AS e(a, n)))
       WHERE jsonb_typeof(evidence->'accounts') = 'array'
         AND evidence->'accounts' @> jsonb_build_array(jsonb_build_object('id', ${id}::bigint))`.execute(trx);
    return { withdrawn };
  },
  // The event, without personal data: which account (an id that now names nobody) and what was chosen.
  audit: ({ subject }, { withdrawn }) => ({ targetType: "user", targetId: subject.id, details: { withdrawnPosts: withdrawn } }),
});

/** The signed-in person leaves Madang (their own account only). */
export function leaveMadang(db: Kysely<Database>, actor: Actor | null, input: Record<string, unknown>, now = new Date()) {
  return execute(db, LeaveMadang, actor, { target: actor?.id, input, now });
}
