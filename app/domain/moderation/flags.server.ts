// Flags and the moderator's decision on a flagged item. An item is an idea or a post (a comment
// on an idea, or a post in a committee thread). Hiding keeps the item in place with a notice
// instead of its content; the author and moderators still read it.
import { sql, type Kysely, type Transaction } from "kysely";
import type { Database, HiddenBy, IdeaStatus, ThreadKind } from "../../../db/schema";
import { fail, FORM, msg, type Result } from "../../utils/result";
import type { Actor } from "../accounts/permissions";
import { recordAudit } from "../audit.server";
import { ideaVisibleTo } from "../ideas/permissions";
import { flagWeight } from "../identity/levels";
import { verificationOf } from "../identity/verification.server";
import { getSettings, type SiteSettings } from "../settings.server";
import { raiseAlert } from "./burst.server";
import { execute, executeWithin, useCase } from "../use-case.server";
import { notifyModeration } from "./notify.server";
import { flagRefusal, moderationRefusal } from "./permissions";
import { DecisionSchema, FlagSchema, type Decision, type TargetType } from "./schemas";
import { HOUR_MS } from "../../utils/korea-time";

type Trx = Transaction<Database>;

export interface LockedItem {
  type: TargetType;
  id: number;
  authorId: number;
  /** The idea the item is, or is a comment on (null for a committee thread's post). */
  ideaId: number | null;
  threadId: number | null;
  threadKind: ThreadKind | null;
  /** The idea's title, or the thread's. */
  title: string;
  /** For visibility: the idea's status and author. */
  idea: { authorId: number; status: IdeaStatus } | null;
  /** An idea's supports (null for a post): a popular idea is not hidden by flags alone. */
  supportCount: number | null;
  hiddenAt: Date | null;
  hiddenBy: HiddenBy | null;
  removed: boolean;
}

/** The item's row, locked for the rest of the transaction (flags are counted under this lock). */
export async function lockItem(trx: Trx, type: TargetType, id: number): Promise<LockedItem | null> {
  if (type === "idea") {
    const idea = await trx
      .selectFrom("ideas")
      .select(["id", "author_id", "status", "title", "hidden_at", "hidden_by", "support_count"])
      .where("id", "=", id)
      .forUpdate()
      .executeTakeFirst();
    if (!idea) return null;
    return {
      type,
      id,
      authorId: idea.author_id,
      ideaId: idea.id,
      threadId: null,
      threadKind: null,
      title: idea.title,
      idea: { authorId: idea.author_id, status: idea.status },
      supportCount: idea.support_count,
      hiddenAt: idea.hidden_at,
      hiddenBy: idea.hidden_by,
      removed: false,
    };
  }
  const post = await trx
    .selectFrom("posts")
    .innerJoin("threads", "threads.id", "posts.thread_id")
    .leftJoin("ideas", "ideas.id", "threads.idea_id")
    .select([
      "posts.id",
      "posts.author_id",
      "posts.hidden_at",
      "posts.hidden_by",
      "posts.removed_at",
      "threads.id as thread_id",
      "threads.kind",
      "threads.title",
      "threads.idea_id",
      "ideas.status as idea_status",
      "ideas.author_id as idea_author_id",
    ])
    .where("posts.id", "=", id)
    .forUpdate(["posts"])
    .executeTakeFirst();
  if (!post) return null;
  return {
    type,
    id,
    authorId: post.author_id,
    ideaId: post.kind === "idea_comments" ? post.idea_id : null,
    threadId: post.thread_id,
    threadKind: post.kind,
    title: post.title,
    idea: post.idea_status && post.idea_author_id !== null ? { authorId: post.idea_author_id, status: post.idea_status } : null,
    supportCount: null,
    hiddenAt: post.hidden_at,
    hiddenBy: post.hidden_by,
    removed: post.removed_at !== null,
  };
}

function itemColumn(type: TargetType) {
  return type === "idea" ? ("idea_id" as const) : ("post_id" as const);
}

/** The open flags' weight, in quarters (a flag made before weights counts in full). */
async function openFlagWeight(trx: Trx, type: TargetType, id: number): Promise<number> {
  const row = await trx
    .selectFrom("flags")
    .select(sql<string>`coalesce(sum(coalesce(weight, 4)), 0)`.as("w"))
    .where(itemColumn(type), "=", id)
    .where("resolved_at", "is", null)
    .executeTakeFirstOrThrow();
  return Number(row.w);
}

/**
 * The burst watch on flags (decision 050), like the one on supports: many flags on one idea
 * from new accounts within the window raise a moderator alert with the evidence. Also raised
 * when flags would hide an idea too popular to hide without a moderator.
 */
async function watchFlags(trx: Trx, ideaId: number, settings: SiteSettings, now: Date, protectedIdea: boolean) {
  const since = new Date(now.getTime() - settings.burst_window_minutes * 60_000);
  const newSince = new Date(now.getTime() - settings.flag_new_account_hours * HOUR_MS);
  const rows = await trx
    .selectFrom("flags")
    .innerJoin("users", "users.id", "flags.user_id")
    .select(["users.id", "users.display_name", "users.created_at", "flags.created_at as flagged_at"])
    .where("flags.idea_id", "=", ideaId)
    .where("flags.resolved_at", "is", null)
    .orderBy("flags.created_at", "desc")
    .limit(200)
    .execute();
  const fresh = rows.filter((r) => new Date(r.flagged_at) > since && new Date(r.created_at) > newSince);
  const burst = fresh.length >= settings.flag_burst_new_accounts;
  if (!burst && !protectedIdea) return;
  const shown = burst ? fresh : rows;
  await raiseAlert(
    trx,
    ideaId,
    {
      kind: "flag_burst",
      ipPrefix: null,
      count: shown.length,
      since,
      threshold: settings.flag_burst_new_accounts,
      accounts: shown.slice(0, 50).map((r) => ({ id: r.id, name: r.display_name, joined: new Date(r.created_at).toISOString(), supported: new Date(r.flagged_at).toISOString() })),
    },
    now,
    settings.burst_window_minutes,
    settings.flag_new_account_hours,
  );
}

async function openFlagCount(trx: Trx, type: TargetType, id: number): Promise<number> {
  const row = await trx
    .selectFrom("flags")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where(itemColumn(type), "=", id)
    .where("resolved_at", "is", null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function setHidden(trx: Trx, item: LockedItem, hidden: { at: Date; by: HiddenBy; reason: string | null } | null) {
  const values = hidden
    ? { hidden_at: hidden.at, hidden_by: hidden.by, hidden_reason: hidden.reason }
    : { hidden_at: null, hidden_by: null, hidden_reason: null };
  if (item.type === "idea") await trx.updateTable("ideas").set(values).where("id", "=", item.id).execute();
  else await trx.updateTable("posts").set(values).where("id", "=", item.id).execute();
}

/** What kind of item it is, in words: an idea, a comment on an idea, a committee post. */
export function itemKind(item: Pick<LockedItem, "type" | "threadKind">): "idea" | "comment" | "post" {
  if (item.type === "idea") return "idea";
  return item.threadKind === "idea_comments" ? "comment" : "post";
}

const Flag = useCase({
  name: "moderation.flag",
  schema: FlagSchema,
  load: async (trx, input) => (await lockItem(trx, input.targetType, input.targetId)) ?? undefined,
  permit: (actor, item, { now }) => {
    // What this person may not read is not found, whatever else holds.
    if ((item.idea && !ideaVisibleTo(actor, item.idea)) || item.removed) return "notFound";
    const refusal = flagRefusal(actor, { authorId: item.authorId }, now);
    if (refusal === "own") return { message: msg("moderation.errors.ownContent"), status: 409 };
    if (refusal === "already") return { message: msg("moderation.errors.alreadyFlagged"), status: 409 };
    return refusal;
  },
  run: async ({ trx, actor, input: flag, subject: item, now }) => {
    const settings = await getSettings(trx);
    // The flag's weight: a quarter from a new, unverified account (decision 050).
    const flagger = await verificationOf(trx, actor.id, now);
    const joined = await trx.selectFrom("users").select("created_at").where("id", "=", actor.id).executeTakeFirstOrThrow();
    const weight = flagWeight(new Date(joined.created_at), flagger.level, settings.flag_new_account_hours, now);
    const inserted = await trx
      .insertInto("flags")
      .values({
        idea_id: item.type === "idea" ? item.id : null,
        post_id: item.type === "post" ? item.id : null,
        user_id: actor.id,
        reason: flag.reason,
        details: flag.details || null,
        created_at: now,
        weight,
      })
      .onConflict((oc) => oc.doNothing())
      .returning("id")
      .executeTakeFirst();
    if (!inserted) return fail(FORM, msg("moderation.errors.alreadyFlagged"), 409);
    const weighed = await openFlagWeight(trx, item.type, item.id);
    const reached = item.hiddenAt === null && weighed >= settings.flag_hide_threshold * 4;
    // An idea with many supporters stays visible until a moderator decides (decision 050).
    const protectedIdea = item.supportCount !== null && item.supportCount >= settings.flag_protected_supports;
    const hide = reached && !protectedIdea;
    if (item.type === "idea") await watchFlags(trx, item.id, settings, now, reached && protectedIdea);
    if (hide) {
      const open = await openFlagCount(trx, item.type, item.id);
      await setHidden(trx, item, { at: now, by: "flags", reason: null });
      // The site hides it, not the person who flagged: a row with no actor.
      await recordAudit(trx, {
        actorId: null,
        action: "moderation.autohide",
        targetType: item.type,
        targetId: item.id,
        details: { flags: open, weight: weighed / 4, threshold: settings.flag_hide_threshold, subjectUserId: item.authorId, ideaId: item.ideaId, threadId: item.threadId },
      });
    }
    return { hidden: hide || item.hiddenAt !== null };
  },
  // A citizen's flag is theirs, not a staff action: no audit row of its own.
});

/**
 * A citizen flags an item, once (the database's unique index has the last word). When the
 * item's open flags reach the threshold it is hidden at once, pending a moderator's review.
 */
export function flagContent(db: Kysely<Database>, actor: Actor | null, input: Record<string, unknown>, now = new Date()): Promise<Result<{ hidden: boolean }>> {
  return execute(db, Flag, actor, { input, now });
}

const RESOLUTION = { hide: "hidden", restore: "restored", dismiss: "dismissed" } as const;

const Decide = useCase({
  name: "moderation.decide",
  schema: DecisionSchema,
  load: async (trx, input) => (await lockItem(trx, input.targetType, input.targetId)) ?? undefined,
  permit: (actor, item, { now, input: d }) => {
    const refusal = moderationRefusal(actor, now);
    if (refusal) return refusal;
    if (d.decision === "hide" && item.hiddenBy === "moderator") return { message: msg("moderation.errors.alreadyHidden"), status: 409 };
    if (d.decision === "restore" && item.hiddenAt === null) return { message: msg("moderation.errors.notHidden"), status: 409 };
    return null;
  },
  run: async ({ trx, actor, input: d, subject: item, now }) => {
    const open = await openFlagCount(trx, item.type, item.id);
    if (d.decision === "hide") await setHidden(trx, item, { at: now, by: "moderator", reason: d.reason });
    else if (d.decision === "restore") await setHidden(trx, item, null);
    else {
      if (open === 0 && item.hiddenBy !== "flags") return fail(FORM, msg("moderation.errors.nothingToDismiss"), 409);
      if (item.hiddenBy === "flags") await setHidden(trx, item, null);
    }
    await trx
      .updateTable("flags")
      .set({ resolved_at: now, resolved_by: actor.id, resolution: RESOLUTION[d.decision] })
      .where(itemColumn(item.type), "=", item.id)
      .where("resolved_at", "is", null)
      .execute();
    const kind = itemKind(item);
    await notifyModeration(
      trx,
      [item.authorId],
      item.ideaId,
      (t) =>
        t(`moderation.notice.${d.decision}`, {
          item: t(`moderation.item.${kind}`),
          title: item.title,
          reason: t(`moderation.reason.${d.reason}`),
        }) + (d.note && d.decision !== "dismiss" ? ` — ${d.note}` : ""), // a dismissal's note stays in the log
      now,
    );
    return { decision: d.decision, flags: open };
  },
  audit: ({ input: d, subject: item }, { flags }) => ({
    action: `moderation.${d.decision}`,
    targetType: item.type,
    targetId: item.id,
    details: { reason: d.reason, note: d.note || null, flags, subjectUserId: item.authorId, ideaId: item.ideaId, threadId: item.threadId },
  }),
});

/**
 * A moderator's decision on an item, with a preset reason and a note: hide it ("hidden by a
 * moderator: <reason>" in its place), restore it, or dismiss its flags (which also shows an
 * item the flags had hidden). The open flags are resolved, the action logged, the author told.
 */
export async function decideItem(db: Kysely<Database>, actor: Actor | null, input: Record<string, unknown>, now = new Date()): Promise<Result<{ decision: Decision }>> {
  const result = await execute(db, Decide, actor, { input, now });
  return result.ok ? { ok: true, decision: result.decision } : result;
}

/** A hidden item put back by a moderator's decision, as one step of an appeal's ruling. */
export function restoreWithin(trx: Trx, actor: Actor, type: TargetType, id: number, note: string, now: Date) {
  return executeWithin(trx, Decide, actor, { input: { targetType: type, targetId: String(id), decision: "restore", reason: "no_violation", note }, now });
}
