// The watch on bursts of support: when one idea gains supports from many new accounts, or many
// supports from one network, within a short window (settings), a moderator alert is raised with
// the evidence. Nothing is blocked automatically. Runs right after the support's transaction.
import { sql, type Kysely, type Transaction } from "kysely";
import type { Database } from "../../../db/schema";
import { getSettings, type SiteSettings } from "../settings.server";
import { moderatorIds, notifyModeration } from "./notify.server";
import { HOUR_MS } from "../../utils/korea-time";

type Db = Kysely<Database>;
type Trx = Transaction<Database>;

const EVIDENCE_ROWS = 50;

export interface Burst {
  kind: "new_accounts" | "ip_prefix" | "flag_burst";
  ipPrefix: string | null;
  count: number;
  since: Date;
  threshold: number;
  accounts: { id: number; name: string; joined: string; supported: string }[];
}

/** Raises a moderator alert on an idea, or brings the open one of its kind up to date. */
export async function raiseAlert(trx: Trx, ideaId: number, burst: Burst, now: Date, windowMinutes: number, newAccountHours: number) {
  const evidence = JSON.stringify({
    threshold: burst.threshold,
    windowMinutes,
    newAccountHours,
    accounts: burst.accounts,
  });
  const growOpenAlert = () =>
    trx
      .updateTable("moderation_alerts")
      .set({ support_count: burst.count, window_end: now, evidence })
      .where("idea_id", "=", ideaId)
      .where("kind", "=", burst.kind)
      .where(sql<boolean>`coalesce(ip_prefix, '') = ${burst.ipPrefix ?? ""}`)
      .where("resolved_at", "is", null)
      // The alert stands; it shows the burst as it grows, never back to a smaller count that a
      // support sent at the same moment counted before the others (decision 098).
      .where("support_count", "<=", burst.count)
      .returning("id")
      .execute();
  if ((await growOpenAlert()).length > 0) return;
  const inserted = await trx
    .insertInto("moderation_alerts")
    .values({
      kind: burst.kind,
      idea_id: ideaId,
      ip_prefix: burst.ipPrefix,
      window_start: burst.since,
      window_end: now,
      support_count: burst.count,
      evidence,
      created_at: now,
    })
    .onConflict((oc) => oc.doNothing())
    .returning("id")
    .executeTakeFirst();
  if (!inserted) {
    // Open already (with a larger count), or raised by another support at the same moment: that
    // one notified the moderators; this one brings it up to date if it counted more.
    await growOpenAlert();
    return;
  }
  const idea = await trx.selectFrom("ideas").select("title").where("id", "=", ideaId).executeTakeFirstOrThrow();
  await notifyModeration(
    trx,
    await moderatorIds(trx),
    ideaId,
    (t) => t(`moderation.notice.alert.${burst.kind}`, { title: idea.title, count: burst.count, window: t("units.minutes", { count: windowMinutes }) }),
    now,
    { kind: "moderation_notice", preference: "email_on_staff_deadlines" },
  );
}

function burstRows(trx: Db, ideaId: number, since: Date, now: Date) {
  return trx
    .selectFrom("supports")
    .innerJoin("users", "users.id", "supports.user_id")
    .where("supports.idea_id", "=", ideaId)
    .where("supports.created_at", ">", since)
    .where("supports.created_at", "<=", now)
    .where("supports.invalidated_at", "is", null);
}

/**
 * How many supports the query finds (or `known`, counted already by the support's statement);
 * when they reach the threshold, the latest of them as evidence. The query is built only when it
 * is sent: most supports' counts are known and below the threshold, and building it cost a
 * support tens of microseconds for nothing.
 */
async function evidence(rows: () => ReturnType<typeof burstRows>, threshold: number, known?: number) {
  const count = known ?? Number((await rows().select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);
  if (count < threshold) return null;
  const latest = await rows()
    .select(["users.id", "users.display_name", "users.created_at", "supports.created_at as supported_at"])
    .orderBy("supports.created_at", "desc")
    .limit(EVIDENCE_ROWS)
    .execute();
  return {
    count,
    accounts: latest.map((r) => ({
      id: r.id,
      name: r.display_name,
      joined: new Date(r.created_at).toISOString(),
      supported: new Date(r.supported_at).toISOString(),
    })),
  };
}

/**
 * What the burst watch needs, when the caller has read it already (the support's statement): the
 * settings, when the supporter joined, and the supports in the window, this one included, from new
 * accounts (null when the supporter is not new) and from its network (null without one).
 */
export interface KnownBurstFacts {
  settings: SiteSettings;
  supporterSince: Date;
  counts?: { newAccounts: number | null; network: number | null };
}

/**
 * Called right after a new support is committed: when the idea gained supports from many new
 * accounts, or many supports from one network, within the window, a moderator alert is raised
 * (or brought up to date) with the evidence. Nothing is refused here: people decide. Outside the
 * support's transaction, so that the idea's row lock is not held while it reads; two supports
 * raising the same alert at once meet on the unique index of open alerts.
 */
export async function watchSupportBurst(
  db: Db,
  ideaId: number,
  userId: number,
  ipPrefix: string | null,
  now: Date,
  known?: KnownBurstFacts,
): Promise<void> {
  const settings = known?.settings ?? (await getSettings(db));
  const since = new Date(now.getTime() - settings.burst_window_minutes * 60_000);
  const newSince = new Date(now.getTime() - settings.burst_new_account_hours * HOUR_MS);
  const raise = (burst: Burst) =>
    db.transaction().execute((trx) => raiseAlert(trx, ideaId, burst, now, settings.burst_window_minutes, settings.burst_new_account_hours));
  const joined = known?.supporterSince ?? (await db.selectFrom("users").select("created_at").where("id", "=", userId).executeTakeFirst())?.created_at;
  // Only a support that could add to a burst is looked at: from a new account, or with a network.
  if (joined && new Date(joined) > newSince) {
    const seen = await evidence(() => burstRows(db, ideaId, since, now).where("users.created_at", ">", newSince), settings.burst_new_accounts, known?.counts?.newAccounts ?? undefined);
    if (seen) await raise({ kind: "new_accounts", ipPrefix: null, since, threshold: settings.burst_new_accounts, ...seen });
  }
  if (ipPrefix) {
    const seen = await evidence(() => burstRows(db, ideaId, since, now).where("supports.ip_prefix", "=", ipPrefix), settings.burst_ip_prefix_supports, known?.counts?.network ?? undefined);
    if (seen) await raise({ kind: "ip_prefix", ipPrefix, since, threshold: settings.burst_ip_prefix_supports, ...seen });
  }
}
