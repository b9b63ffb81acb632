// The watch on bursts of support: when one idea gains supports from many new accounts, or many
// supports from one network, within a short window (settings), a moderator alert is raised with
// the evidence. Nothing is blocked automatically. Runs inside the support's transaction.
import { sql, type Transaction } from "kysely";
import type { Database } from "../../../db/schema";
import { getSettings } from "../settings.server";
import { moderatorIds, notifyModeration } from "./notify.server";

type Trx = Transaction<Database>;

const EVIDENCE_ROWS = 50;

interface Burst {
  kind: "new_accounts" | "ip_prefix";
  ipPrefix: string | null;
  count: number;
  since: Date;
  threshold: number;
  accounts: { id: number; name: string; joined: string; supported: string }[];
}

async function raiseAlert(trx: Trx, ideaId: number, burst: Burst, now: Date, windowMinutes: number, newAccountHours: number) {
  const evidence = JSON.stringify({
    threshold: burst.threshold,
    windowMinutes,
    newAccountHours,
    accounts: burst.accounts,
  });
  const open = await trx
    .selectFrom("moderation_alerts")
    .select("id")
    .where("idea_id", "=", ideaId)
    .where("kind", "=", burst.kind)
    .where(sql<boolean>`coalesce(ip_prefix, '') = ${burst.ipPrefix ?? ""}`)
    .where("resolved_at", "is", null)
    .executeTakeFirst();
  if (open) {
    // The alert stands; it shows the burst as it grows.
    await trx
      .updateTable("moderation_alerts")
      .set({ support_count: burst.count, window_end: now, evidence })
      .where("id", "=", open.id)
      .execute();
    return;
  }
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
  if (!inserted) return;
  const idea = await trx.selectFrom("ideas").select("title").where("id", "=", ideaId).executeTakeFirstOrThrow();
  await notifyModeration(
    trx,
    await moderatorIds(trx),
    ideaId,
    (t) => t(`moderation.notice.alert.${burst.kind}`, { title: idea.title, count: burst.count, minutes: windowMinutes }),
    now,
    { kind: "moderation_notice", preference: "email_on_staff_deadlines" },
  );
}

function burstRows(trx: Trx, ideaId: number, since: Date, now: Date) {
  return trx
    .selectFrom("supports")
    .innerJoin("users", "users.id", "supports.user_id")
    .where("supports.idea_id", "=", ideaId)
    .where("supports.created_at", ">", since)
    .where("supports.created_at", "<=", now)
    .where("supports.invalidated_at", "is", null);
}

async function evidence(query: ReturnType<typeof burstRows>) {
  const [count, rows] = await Promise.all([
    query.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
    query
      .select(["users.id", "users.display_name", "users.created_at", "supports.created_at as supported_at"])
      .orderBy("supports.created_at", "desc")
      .limit(EVIDENCE_ROWS)
      .execute(),
  ]);
  return {
    count: Number(count.n),
    accounts: rows.map((r) => ({
      id: r.id,
      name: r.display_name,
      joined: new Date(r.created_at).toISOString(),
      supported: new Date(r.supported_at).toISOString(),
    })),
  };
}

/**
 * Called in the support's transaction (the idea row locked) after a new support: when the idea
 * gained supports from many new accounts, or many supports from one network, within the
 * window, a moderator alert is raised (or brought up to date) with the evidence. Nothing is
 * refused here: people decide.
 */
export async function watchSupportBurst(trx: Trx, ideaId: number, userId: number, ipPrefix: string | null, now: Date): Promise<void> {
  const settings = await getSettings(trx);
  const since = new Date(now.getTime() - settings.burst_window_minutes * 60_000);
  const newSince = new Date(now.getTime() - settings.burst_new_account_hours * 3_600_000);
  const supporter = await trx.selectFrom("users").select("created_at").where("id", "=", userId).executeTakeFirst();
  // Only a support that could add to a burst is looked at: from a new account, or with a network.
  if (supporter && new Date(supporter.created_at) > newSince) {
    const seen = await evidence(burstRows(trx, ideaId, since, now).where("users.created_at", ">", newSince));
    if (seen.count >= settings.burst_new_accounts) {
      await raiseAlert(trx, ideaId, { kind: "new_accounts", ipPrefix: null, since, threshold: settings.burst_new_accounts, ...seen }, now, settings.burst_window_minutes, settings.burst_new_account_hours);
    }
  }
  if (ipPrefix) {
    const seen = await evidence(burstRows(trx, ideaId, since, now).where("supports.ip_prefix", "=", ipPrefix));
    if (seen.count >= settings.burst_ip_prefix_supports) {
      await raiseAlert(trx, ideaId, { kind: "ip_prefix", ipPrefix, since, threshold: settings.burst_ip_prefix_supports, ...seen }, now, settings.burst_window_minutes, settings.burst_new_account_hours);
    }
  }
}

