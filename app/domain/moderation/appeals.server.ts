// Appeals (issue 16, decision 044): the author of a rejected idea or a hidden post appeals once,
// within 14 days, with a reason; a moderator other than the one who decided rules on it. A
// reversal goes through the existing moves (the idea's `reinstate` transition, the moderators'
// `restore` decision) inside the ruling's transaction; the author is told either way.
import { sql, type Kysely } from "kysely";
import { z } from "zod";
import type { Database } from "../../../db/schema";
import { INTEGER_MAX } from "../../utils/ids";
import { fail, msg, type Result } from "../../utils/result";
import { multiLineText } from "../../utils/text-schema";
import type { Actor } from "../accounts/permissions";
import { execute, useCase, type CustomRefusal, type KernelRefusal, type Trx } from "../use-case.server";
import {
  APPEAL_OUTCOMES,
  APPEAL_REASON_MAX,
  APPEAL_REASON_MIN,
  RULING_REASON_MIN,
  appealRefusal,
  rulingRefusal,
  type AppealFacts,
  type AppealRefusal,
  type RulingRefusal,
} from "./appeals";
import { restoreWithin } from "./flags.server";
import { reinstateWithin } from "./ideas.server";
import { notifyModeration } from "./notify.server";

export type AppealSubjectType = "idea" | "post";

const id = z.coerce.number({ message: "errors.notFound" }).int("errors.notFound").positive("errors.notFound").max(INTEGER_MAX, "errors.notFound");

const AppealSchema = z.object({
  type: z.enum(["idea", "post"], { message: "errors.invalidChoice" }),
  id,
  reason: multiLineText(APPEAL_REASON_MIN, APPEAL_REASON_MAX, "appeals.errors.reasonLength"),
});

const RulingSchema = z.object({
  outcome: z.enum(APPEAL_OUTCOMES, { message: "appeals.errors.outcome" }),
  reason: multiLineText(RULING_REASON_MIN, APPEAL_REASON_MAX, "appeals.errors.rulingLength"),
});

export interface AppealSubject extends AppealFacts {
  type: AppealSubjectType;
  id: number;
  /** The idea's title, or the post's thread's title. */
  title: string;
  /** The idea the post belongs to, or the idea itself (for links and notices). */
  ideaId: number | null;
  threadId: number | null;
  /** What the moderator wrote (the rejection's reason) or the hide's preset reason. */
  decisionReason: string | null;
  /** The moderator who decided (null: reports hid the post automatically). */
  deciderId: number | null;
  appeal: { id: number; outcome: "upheld" | "reversed" | null; createdAt: string; decisionReason: string | null } | null;
}

/** What an appeal is about, read (and, in a transaction, locked): the decision, who made it, any appeal. */
export async function appealSubject(db: Kysely<Database> | Trx, type: AppealSubjectType, subjectId: number, lock = false): Promise<AppealSubject | null> {
  let base: Omit<AppealSubject, "appeal" | "appealed"> | null = null;
  if (type === "idea") {
    let q = db.selectFrom("ideas").select(["id", "author_id", "title", "status", "status_changed_at"]).where("id", "=", subjectId);
    if (lock) q = q.forUpdate();
    const idea = await q.executeTakeFirst();
    if (!idea) return null;
    const rejection = await db
      .selectFrom("idea_events")
      .select(["actor_id", "note"])
      .where("idea_id", "=", idea.id)
      .where("to_status", "=", "rejected")
      .orderBy("id", "desc")
      .limit(1)
      .executeTakeFirst();
    base = {
      type,
      id: idea.id,
      authorId: idea.author_id,
      title: idea.title,
      ideaId: idea.id,
      threadId: null,
      decidedAt: idea.status === "rejected" ? idea.status_changed_at : null,
      decisionReason: rejection?.note ?? null,
      deciderId: rejection?.actor_id ?? null,
    };
  } else {
    let q = db
      .selectFrom("posts")
      .innerJoin("threads", "threads.id", "posts.thread_id")
      .select(["posts.id", "posts.author_id", "posts.hidden_at", "posts.hidden_by", "posts.hidden_reason", "posts.thread_id", "threads.title", "threads.idea_id"])
      .where("posts.id", "=", subjectId)
      .where("posts.removed_at", "is", null);
    if (lock) q = q.forUpdate("posts");
    const post = await q.executeTakeFirst();
    if (!post) return null;
    const hide =
      post.hidden_by === "moderator"
        ? await db
            .selectFrom("audit_log")
            .select("actor_id")
            .where("action", "=", "moderation.hide")
            .where("target_type", "=", "post")
            .where("target_id", "=", String(post.id))
            .orderBy("id", "desc")
            .limit(1)
            .executeTakeFirst()
        : undefined;
    base = {
      type,
      id: post.id,
      authorId: post.author_id,
      title: post.title,
      ideaId: post.idea_id,
      threadId: post.thread_id,
      decidedAt: post.hidden_at,
      decisionReason: post.hidden_reason,
      deciderId: hide?.actor_id ?? null,
    };
  }
  const appeal = await db
    .selectFrom("appeals")
    .select(["id", "outcome", "created_at", "decision_reason"])
    .where(type === "idea" ? "idea_id" : "post_id", "=", subjectId)
    .executeTakeFirst();
  return {
    ...base,
    appealed: Boolean(appeal),
    appeal: appeal ? { id: appeal.id, outcome: appeal.outcome, createdAt: new Date(appeal.created_at).toISOString(), decisionReason: appeal.decision_reason } : null,
  };
}

const APPEAL_REFUSALS: Record<Exclude<AppealRefusal, KernelRefusal>, CustomRefusal> = {
  closed: { message: msg("appeals.errors.closed"), status: 409 },
  already: { message: msg("appeals.errors.already"), status: 409 },
  notDecided: { message: msg("appeals.errors.notDecided"), status: 409 },
};

const Appeal = useCase({
  name: "moderation.appealSent",
  schema: AppealSchema,
  load: async (trx, input) => (await appealSubject(trx, input.type, input.id, true)) ?? undefined,
  permit: (actor, subject, { now }) => {
    const refusal = appealRefusal(actor, subject, now);
    if (refusal === null) return null;
    return refusal in APPEAL_REFUSALS ? APPEAL_REFUSALS[refusal as keyof typeof APPEAL_REFUSALS] : (refusal as KernelRefusal);
  },
  run: async ({ trx, actor, input, subject, now }) => {
    const row = await trx
      .insertInto("appeals")
      .values({
        idea_id: subject.type === "idea" ? subject.id : null,
        post_id: subject.type === "post" ? subject.id : null,
        author_id: actor.id,
        reason: input.reason,
        decided_by_original: subject.deciderId,
        created_at: now,
      })
      .onConflict((oc) => oc.doNothing())
      .returning("id")
      .executeTakeFirst();
    if (!row) return fail("_form", msg("appeals.errors.already"), 409);
    return { id: row.id };
  },
  // The author's own act: no staff audit row.
});

/** The author appeals a rejected idea or a hidden post, once, within 14 days, with a reason. */
export function sendAppeal(db: Kysely<Database>, actor: Actor | null, input: Record<string, unknown>, now = new Date()): Promise<Result<{ id: number }>> {
  return execute(db, Appeal, actor, { input, now });
}

const RULING_REFUSALS: Record<Exclude<RulingRefusal, KernelRefusal>, CustomRefusal> = {
  ownDecision: { message: msg("appeals.errors.ownDecision"), status: 403 },
  decided: { message: msg("appeals.errors.decided"), status: 409 },
};

const Ruling = useCase({
  name: "moderation.appealRuled",
  schema: RulingSchema,
  load: async (trx, _input, appealId) =>
    appealId === undefined
      ? undefined
      : trx.selectFrom("appeals").selectAll().where("id", "=", appealId).forUpdate().executeTakeFirst(),
  permit: (actor, appeal, { now }) => {
    const refusal = rulingRefusal(actor, { originalDeciderId: appeal.decided_by_original, decided: appeal.outcome !== null }, now);
    if (refusal === null) return null;
    return refusal in RULING_REFUSALS ? RULING_REFUSALS[refusal as keyof typeof RULING_REFUSALS] : (refusal as KernelRefusal);
  },
  run: async ({ trx, actor, input, subject: appeal, now }) => {
    const type: AppealSubjectType = appeal.idea_id !== null ? "idea" : "post";
    const subjectId = (appeal.idea_id ?? appeal.post_id)!;
    const subject = await appealSubject(trx, type, subjectId, true);
    if (!subject) return fail("_form", msg("errors.notFound"), 404);
    if (input.outcome === "reversed") {
      // Reversed through the existing moves: the idea reopens; the post is shown again.
      if (subject.decidedAt === null) return fail("_form", msg("appeals.errors.notDecided"), 409);
      if (type === "idea") await reinstateWithin(trx, actor, subjectId, input.reason, now);
      else await restoreWithin(trx, actor, "post", subjectId, input.reason, now);
    }
    await trx
      .updateTable("appeals")
      .set({ outcome: input.outcome, decision_reason: input.reason, decided_by: actor.id, decided_at: now })
      .where("id", "=", appeal.id)
      .execute();
    await notifyModeration(
      trx,
      [appeal.author_id],
      subject.ideaId,
      (t) => t(`appeals.notice.${input.outcome}`, { title: subject.title, reason: input.reason }),
      now,
      { kind: "moderation_notice" },
    );
    return { id: appeal.id, outcome: input.outcome, type, subjectId, authorId: appeal.author_id };
  },
  audit: (_c, output) => ({
    targetType: "appeal",
    targetId: output.id,
    details: { outcome: output.outcome, [output.type === "idea" ? "ideaId" : "postId"]: output.subjectId, subjectUserId: output.authorId },
  }),
});

/** A moderator (not the one who decided) upholds or reverses the decision, with a reason. */
export function ruleOnAppeal(db: Kysely<Database>, actor: Actor | null, appealId: number, input: Record<string, unknown>, now = new Date()) {
  return execute(db, Ruling, actor, { target: appealId, input, now });
}

export const APPEALS_PAGE = 30;

/** The moderators' queue: appeals waiting, oldest first, a page at a time (after the id given). */
export async function pendingAppeals(db: Kysely<Database>, after = 0) {
  const rows = await db
    .selectFrom("appeals")
    .leftJoin("ideas", "ideas.id", "appeals.idea_id")
    .leftJoin("posts", "posts.id", "appeals.post_id")
    .leftJoin("threads", "threads.id", "posts.thread_id")
    .select([
      "appeals.id",
      "appeals.idea_id",
      "appeals.post_id",
      "appeals.reason",
      "appeals.created_at",
      "appeals.decided_by_original",
      "ideas.title as idea_title",
      "threads.title as thread_title",
      "posts.thread_id",
      "posts.body as post_body",
      "posts.hidden_reason",
      sql<string | null>`(SELECT e.note FROM idea_events e WHERE e.idea_id = appeals.idea_id AND e.to_status = 'rejected' ORDER BY e.id DESC LIMIT 1)`.as("rejection"),
    ])
    .where("appeals.outcome", "is", null)
    .where("appeals.id", ">", after)
    .orderBy("appeals.id")
    .limit(APPEALS_PAGE + 1)
    .execute();
  const page = rows.slice(0, APPEALS_PAGE).map((r) => ({
    id: r.id,
    type: (r.idea_id !== null ? "idea" : "post") as AppealSubjectType,
    ideaId: r.idea_id,
    postId: r.post_id,
    threadId: r.thread_id,
    title: r.idea_title ?? r.thread_title ?? "",
    postBody: r.post_body,
    decisionReason: r.idea_id !== null ? r.rejection : r.hidden_reason,
    reason: r.reason,
    createdAt: new Date(r.created_at).toISOString(),
    originalDeciderId: r.decided_by_original,
  }));
  return { appeals: page, next: rows.length > APPEALS_PAGE ? page[page.length - 1].id : null };
}

/** This month's appeals for /transparency: received, and ruled upheld or reversed. */
export async function appealFigures(db: Kysely<Database>, start: Date, end: Date) {
  const row = await sql<{ received: string; upheld: string; reversed: string }>`
    SELECT
      (SELECT count(*) FROM appeals WHERE created_at >= ${start} AND created_at < ${end})::text AS received,
      (SELECT count(*) FROM appeals WHERE outcome = 'upheld' AND decided_at >= ${start} AND decided_at < ${end})::text AS upheld,
      (SELECT count(*) FROM appeals WHERE outcome = 'reversed' AND decided_at >= ${start} AND decided_at < ${end})::text AS reversed`.execute(db);
  const r = row.rows[0];
  return { received: Number(r.received), upheld: Number(r.upheld), reversed: Number(r.reversed) };
}

