// Moderation notices: the "moderation" notification kind, whose catalog text carries a
// `{{reason}}` written in each recipient's own language when the notice is stored.
import { sql, type Transaction } from "kysely";
import type { Database } from "../../../db/schema";
import { translator, type Locale } from "../../utils/i18n";
import { notify, type EmailPreference } from "../notifications/notify.server";

type Trx = Transaction<Database>;
export type Words = (t: ReturnType<typeof translator>) => string;

const LOCALES: Locale[] = ["ko", "en"];
/** Accounts without a language read Korean, the site's default. */
const localeOf = (locale: string | null): Locale => (locale === "en" ? "en" : "ko");

/**
 * One notice per person, in their language. Kind "moderation" reads "A moderator acted on your
 * content: <words>"; "moderation_notice" is the words alone, a whole sentence.
 */
export async function notifyModeration(
  trx: Trx,
  userIds: number[],
  ideaId: number | null,
  words: Words,
  now: Date,
  options: { kind?: "moderation" | "moderation_notice"; preference?: EmailPreference } = {},
): Promise<void> {
  const kind = options.kind ?? "moderation";
  const preference = options.preference ?? "email_on_own_ideas";
  const ids = [...new Set(userIds)];
  if (ids.length === 0) return;
  const people = await trx.selectFrom("users").select(["id", "locale"]).where("id", "in", ids).execute();
  for (const locale of LOCALES) {
    const group = people.filter((p) => localeOf(p.locale) === locale).map((p) => p.id);
    await notify(trx, group, kind, ideaId, { reason: words(translator(locale)) }, preference, now);
  }
}

/**
 * A notice to every counting supporter of an idea (but `except`), in one statement per
 * language whatever their number: a merge tells the merged idea's supporters where their
 * support went.
 */
export async function notifySupporters(trx: Trx, ideaId: number, except: number[], targetIdeaId: number, words: Words, now: Date) {
  for (const locale of LOCALES) {
    const payload = JSON.stringify({ reason: words(translator(locale)) });
    await sql`
      INSERT INTO notifications (user_id, kind, idea_id, payload, email, created_at)
      SELECT u.id, 'moderation_notice', ${targetIdeaId}::bigint, ${payload}::jsonb, u.email_on_followed_ideas, ${now}::timestamptz
      FROM supports s JOIN users u ON u.id = s.user_id
      WHERE s.idea_id = ${ideaId} AND s.invalidated_at IS NULL
        AND (CASE WHEN u.locale = 'en' THEN 'en' ELSE 'ko' END) = ${locale}
        ${except.length ? sql`AND u.id NOT IN (${sql.join(except)})` : sql``}`.execute(trx);
  }
}

/** Moderators and admins, for alerts. */
export async function moderatorIds(trx: Trx): Promise<number[]> {
  const rows = await trx.selectFrom("role_grants").select("user_id").distinct().where("role", "in", ["moderator", "admin"]).execute();
  return rows.map((r) => r.user_id);
}
