// Every change of an idea's status goes through `runTransition`: one transaction that locks
// the idea, checks the transition table and the status the person saw, writes the change and
// its timeline event, and notifies. Two staff acting at once: the second finds the idea moved
// on and is told so; nothing half-happens.
import type { Kysely, Transaction, Updateable } from "kysely";
import { z } from "zod";
import type { Database, IdeasTable, IdeaStatus, Outcome } from "../../../db/schema";
import { markdownToText, renderMarkdown } from "../../utils/markdown.server";
import { INTEGER_MAX, isId } from "../../utils/ids";
import { fail, msg, type Failure, type Result } from "../../utils/result";
import type { Actor } from "../accounts/permissions";
import { execute, executeWithin, lockInOrder, useCase, type Context, type Trx } from "../use-case.server";
import { ensureDeliberationThread, ideaDeliberationTally } from "../deliberation/deliberation.server";
import { appendEvent } from "../ideas/timeline.server";
import type { TimelineKind } from "../ideas/timeline-kinds";
import { notifyReassigned, notifyStatusChange } from "../notifications/notify.server";
import { getSettings } from "../settings.server";
import { dueInBusinessDays } from "../agencies/holidays.server";
import { recordAnswerVersion } from "../agencies/versions.server";
import { frozenQuestions, recordReplies, repliesOf, REPLY_SHAPE } from "../agencies/question-replies.server";
import { followUpDue, oweFollowUp, withdrawPendingTransfer } from "../agencies/obligations.server";
import { OUTCOMES, transitionFor, transitionRefusal, type WorkflowAction, type WorkflowIdea } from "./transitions";
import { cutText, multiLine, noControlChars } from "../../utils/text";
import { multiLineText } from "../../utils/text-schema";
import { ANSWER, PROGRESS_NOTE, REASSIGN_REASON, RATIONALE } from "./limits";
import { closedVoteRecord } from "../committees/votes.server";
import { digestMissing, freezeDigest } from "../committees/digest.server";
import { DISSENT_MAX, DISSENT_MIN, needsDissent } from "../committees/rules";
import { TIMELINE_NOTE_MAX } from "../ideas/limits";


export type LockedIdea = Awaited<ReturnType<typeof lockIdea>>;

export async function lockIdea(trx: Transaction<Database>, ideaId: number) {
  return trx
    .selectFrom("ideas")
    .select([
      "id",
      "title",
      "author_id",
      "status",
      "committee_id",
      "agency_id",
      "outcome",
      "campaign_id",
      "category_id",
      "support_count",
      "progress_percent",
      "hidden_at",
    ])
    .where("id", "=", ideaId)
    .forUpdate()
    .executeTakeFirst();
}

/** A locked idea as the transition table reads it. */
export function workflowIdea(idea: NonNullable<LockedIdea>): WorkflowIdea {
  return {
    status: idea.status,
    authorId: idea.author_id,
    committeeId: idea.committee_id,
    agencyId: idea.agency_id,
    outcome: idea.outcome,
  };
}

export interface Move {
  set?: Updateable<IdeasTable>;
  note?: string | null;
  /** Overrides the status the transition table names (progress at 100% completes). */
  to?: IdeaStatus;
  /** The timeline event's kind when the status does not change (reassignments, progress). */
  kind?: TimelineKind;
  /** Work after the move's own timeline event (events that read after it: a new deadline). */
  afterward?: () => Promise<void>;
}

/** Applies one move to a locked idea: the row, the timeline event, the notifications. */
export async function applyMove(
  trx: Transaction<Database>,
  idea: NonNullable<LockedIdea>,
  action: WorkflowAction,
  actorId: number | null,
  move: Move,
  now: Date,
): Promise<IdeaStatus> {
  const to = move.to ?? transitionFor(action).to ?? idea.status;
  const changed = to !== idea.status;
  await trx
    .updateTable("ideas")
    .set({ ...move.set, status: to, updated_at: now, ...(changed ? { status_changed_at: now } : {}) })
    .where("id", "=", idea.id)
    .execute();
  await appendEvent(trx, {
    ideaId: idea.id,
    actorId,
    kind: changed ? "status" : (move.kind ?? "status"),
    from: idea.status,
    to,
    note: move.note ?? null,
    at: now,
  });
  if (changed) await notifyStatusChange(trx, { ...idea, agency_id: move.set?.agency_id ?? idea.agency_id, committee_id: move.set?.committee_id ?? idea.committee_id }, idea.status, to, now);
  return to;
}

const expectedStatus = z.string().optional();

/** What a transition's work gets: the kernel's context, with the idea locked. */
export type TransitionContext<Input> = Context<Input, NonNullable<LockedIdea>>;

/**
 * Declares an idea's move as a use case of the kernel (app/domain/use-case.server.ts): the idea
 * locked, the transition table asked (the same answer the page's buttons come from), the status
 * the person saw still current; then `prepare` checks what depends on the database and returns
 * the move (or a failure, which rolls back what it wrote), applied in the same transaction.
 * Every person's move leaves an audit row (`idea.<action>` unless named), except the author's
 * own withdrawal. `alsoLock` names other ideas the move changes: all are locked in id order.
 */
export function ideaTransition<Input extends { expectedStatus?: string }, Extra extends object = object>(spec: {
  name: string;
  schema: z.ZodType<Input>;
  action: WorkflowAction | ((input: Input) => WorkflowAction);
  prepare?: (context: TransitionContext<Input>) => Promise<(Move & { output?: Extra }) | Failure>;
  alsoLock?: (input: Input) => number[];
  audit?: { action?: string; details?: (context: TransitionContext<Input>, output: { status: IdeaStatus } & Extra) => Record<string, unknown> };
}) {
  const actionOf = (input: Input) => (typeof spec.action === "function" ? spec.action(input) : spec.action);
  return useCase<Input, NonNullable<LockedIdea>, { status: IdeaStatus } & Extra>({
    name: spec.name,
    schema: spec.schema,
    load: async (trx, input, ideaId) => {
      if (ideaId === undefined) return undefined;
      if (spec.alsoLock) await lockInOrder(trx, "ideas", [ideaId, ...spec.alsoLock(input)]);
      return lockIdea(trx, ideaId);
    },
    permit: (actor, idea, { now, input }) => {
      const reason = transitionRefusal(actionOf(input), actor, workflowIdea(idea), now);
      if (reason === "forbidden") return "forbidden";
      if (reason || (input.expectedStatus && input.expectedStatus !== idea.status)) return "movedOn";
      return null;
    },
    run: async (context) => {
      const move = spec.prepare ? await spec.prepare(context) : {};
      if ("ok" in move) return move;
      const status = await applyMove(context.trx, context.subject, actionOf(context.input), context.actor.id, move, context.now);
      await move.afterward?.();
      return { ...(move.output as Extra), status };
    },
    // The author's own moves (withdrawing) are theirs, not staff actions: no audit row.
    audit: (context, output) =>
      actionOf(context.input) === "withdraw"
        ? null
        : {
            action: spec.audit?.action ?? `idea.${actionOf(context.input)}`,
            targetType: "idea",
            targetId: context.subject.id,
            details: { from: context.subject.status, to: output.status, ...spec.audit?.details?.(context, output) },
          },
  });
}

/** Runs a declared transition for a person on an idea (the functions below are this, named). */
export function runIdeaTransition<Input extends { expectedStatus?: string }, Extra extends object = object>(
  db: Kysely<Database>,
  transition: ReturnType<typeof ideaTransition<Input, Extra>>,
  actor: Actor | null,
  ideaId: number,
  input: Record<string, unknown>,
  now = new Date(),
): Promise<Result<{ status: IdeaStatus } & Extra>> {
  return execute(db, transition, actor, { target: ideaId, input, now });
}

// ——— Inputs ———

const RecommendationSchema = z
  .object({
    decision: z.enum(["forward", "not_recommended"], { message: "workflow.errors.decision" }),
    agencyId: z.string().optional().transform((v) => (v ? Number(v) : null)),
    rationale: multiLineText(RATIONALE.min, RATIONALE.max, "workflow.errors.rationale"),
    // Required when the decision goes against the majority of the committee's vote (below).
    dissentNote: z
      .string()
      .optional()
      .transform((s) => multiLine(s ?? ""))
      .refine((s) => s.length <= DISSENT_MAX, { message: "committees.errors.dissentLong", params: { max: DISSENT_MAX } })
      .refine(noControlChars, { message: "errors.controlChars" }),
    expectedStatus,
  })
  .superRefine((r, ctx) => {
    if (r.decision === "forward" && !isId(r.agencyId, INTEGER_MAX)) {
      ctx.addIssue({ code: "custom", path: ["agencyId"], message: "workflow.errors.agency" });
    }
  });

const AnswerSchema = z
  .object({
    outcome: z.enum(OUTCOMES as [Outcome, ...Outcome[]], { message: "workflow.errors.outcome" }),
    answer: multiLineText(ANSWER.min, ANSWER.max, "workflow.errors.answerLength"),
    // Further study names the date of the follow-up answer it promises (decision 035).
    followUpDate: z.string().optional().transform((v) => (v ?? "").trim()),
    // A reply to each open question of the frozen digest, each optional (decision 055).
    ...REPLY_SHAPE,
    expectedStatus,
  })
  .superRefine((a, ctx) => {
    if (a.outcome === "further_study" && !a.followUpDate) ctx.addIssue({ code: "custom", path: ["followUpDate"], message: "transfers.errors.followUpRequired" });
  });

const ProgressSchema = z.object({
  percent: z.coerce.number({ message: "workflow.errors.percent" }).int("workflow.errors.percent").min(0, "workflow.errors.percent").max(100, "workflow.errors.percent"),
  note: multiLineText(PROGRESS_NOTE.min, PROGRESS_NOTE.max, "workflow.errors.progressNote"),
  expectedStatus,
});

const ReassignSchema = z.object({
  targetId: z.coerce.number({ message: "errors.required" }).int().positive("errors.required").max(INTEGER_MAX, "errors.invalidChoice"),
  reason: multiLineText(REASSIGN_REASON.min, REASSIGN_REASON.max, "workflow.errors.reason"),
  expectedStatus,
});

// ——— The committee's steps ———

const TakeUp = ideaTransition({ name: "workflow.takeUp", schema: z.object({ expectedStatus }), action: "takeUp" });

export function takeUp(db: Kysely<Database>, actor: Actor | null, ideaId: number, input: { expectedStatus?: string }, now = new Date()) {
  return runIdeaTransition(db, TakeUp, actor, ideaId, input, now);
}

/** Reads the stance tally of the idea's deliberation thread (stored with the recommendation). */
export type TallyReader = (trx: Transaction<Database>, ideaId: number) => Promise<{ for: number; against: number; neutral: number }>;

const recommendation = (tally: TallyReader) =>
  ideaTransition({
    name: "workflow.recommend",
    schema: RecommendationSchema,
    action: (r) => (r.decision === "forward" ? "forward" : "notRecommend"),
    audit: { details: ({ input }) => ({ decision: input.decision, agencyId: input.agencyId, dissent: input.dissentNote ? true : undefined }) },
    prepare: async ({ trx, actor, input: r, subject: idea, now }) => {
      let agencyId: number | null = null;
      if (r.decision === "forward") {
        const agency = await trx.selectFrom("agencies").select("id").where("id", "=", r.agencyId ?? -1).where("archived_at", "is", null).executeTakeFirst();
        if (!agency) return fail("agencyId", msg("workflow.errors.agency"));
        agencyId = agency.id;
      }
      // The committee decides by its vote: closed, with quorum (decision 028).
      const vote = await closedVoteRecord(trx, idea, now);
      if ("ok" in vote) return vote;
      // The digest goes to the agency with the recommendation: written first (decision 034, amended).
      const noDigest = await digestMissing(trx, idea.id);
      if (noDigest) return noDigest;
      const dissent = needsDissent(vote.counts, r.decision);
      if (dissent && r.dissentNote.length < DISSENT_MIN) {
        return fail("dissentNote", msg("committees.errors.dissentRequired", { for: vote.counts.for, against: vote.counts.against, min: DISSENT_MIN }));
      }
      // A note written when the decision agrees with the majority is kept too (nothing typed is lost).
      const dissentNote = r.dissentNote || null;
      const settings = await getSettings(trx);
      const counts = await tally(trx, idea.id);
      const recommendation = await trx
        .insertInto("recommendations")
        .values({
          idea_id: idea.id,
          committee_id: idea.committee_id ?? 0,
          decision: r.decision,
          agency_id: agencyId,
          rationale: r.rationale,
          rationale_html: renderMarkdown(r.rationale),
          stance_for: counts.for,
          stance_against: counts.against,
          stance_neutral: counts.neutral,
          vote_for: vote.counts.for,
          vote_against: vote.counts.against,
          vote_abstain: vote.counts.abstain,
          vote_members: vote.members,
          vote_quorum: vote.quorum,
          votes: JSON.stringify(vote.votes),
          dissent_note: dissentNote,
          dissent_note_html: dissentNote ? renderMarkdown(dissentNote) : null,
          recorded_by: actor.id,
          created_at: now,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      // The deliberation digest is frozen with the recommendation (decision 034).
      await freezeDigest(trx, idea.id, recommendation.id, now);
      return {
        note: cutText(markdownToText(r.rationale), TIMELINE_NOTE_MAX),
        set:
          agencyId !== null
            ? { agency_id: agencyId, agency_due_at: await dueInBusinessDays(trx, now, settings.agency_deadline_days), assigned_officer_id: null }
            : {},
      };
    },
  });

const Recommend = recommendation(ideaDeliberationTally);

export async function recordRecommendation(
  db: Kysely<Database>,
  actor: Actor | null,
  ideaId: number,
  input: Record<string, unknown>,
  options: { now?: Date; tally?: TallyReader } = {},
): Promise<Result<{ status: IdeaStatus }>> {
  const transition = options.tally ? recommendation(options.tally) : Recommend;
  return runIdeaTransition(db, transition, actor, ideaId, input, options.now);
}

// ——— The agency's steps ———

const AssignOfficer = useCase({
  name: "workflow.assignOfficer",
  schema: z.object({ officerId: z.coerce.number({ message: "workflow.errors.officer" }).int("workflow.errors.officer").positive("workflow.errors.officer").max(INTEGER_MAX, "workflow.errors.officer") }),
  load: (trx, _input, ideaId: number | undefined) => (ideaId === undefined ? Promise.resolve(undefined) : lockIdea(trx, ideaId)),
  // A row of the transition table like every other move (who, and from which statuses).
  permit: (actor, idea, { now }) => {
    const reason = transitionRefusal("assignOfficer", actor, workflowIdea(idea), now);
    return reason === "forbidden" ? "forbidden" : reason ? "movedOn" : null;
  },
  run: async ({ trx, actor, input, subject: idea, now }) => {
    const colleague = await trx
      .selectFrom("role_grants")
      .innerJoin("users", "users.id", "role_grants.user_id")
      .select(["users.id", "users.display_name"])
      .where("role_grants.role", "=", "agency_officer")
      .where("role_grants.agency_id", "=", idea.agency_id)
      .where("users.id", "=", input.officerId)
      .executeTakeFirst();
    if (!colleague) return fail("officerId", msg("workflow.errors.officer"));
    await trx.updateTable("ideas").set({ assigned_officer_id: colleague.id, updated_at: now }).where("id", "=", idea.id).execute();
    await appendEvent(trx, { ideaId: idea.id, actorId: actor.id, kind: "assigned", note: colleague.display_name, at: now });
    return { officerId: colleague.id };
  },
  audit: ({ subject }, { officerId }) => ({ action: "idea.assignOfficer", targetType: "idea", targetId: subject.id, details: { officerId } }),
});

export function assignOfficer(
  db: Kysely<Database>,
  actor: Actor | null,
  ideaId: number,
  input: { officerId?: string },
  now = new Date(),
): Promise<Result> {
  return execute(db, AssignOfficer, actor, { target: ideaId, input, now });
}

const Answer = ideaTransition({
  name: "workflow.answer",
  schema: AnswerSchema,
  action: "answer",
  audit: { details: ({ input }) => ({ outcome: input.outcome }) },
  prepare: async ({ trx, actor, input: a, subject: idea, now }) => {
    // Further study owes a follow-up answer at the date named: a step of its own (decision 035).
    const followUp = a.outcome === "further_study" ? await followUpDue(trx, a.followUpDate, now) : null;
    if (followUp && "ok" in followUp) return followUp;
    if (followUp) await oweFollowUp(trx, { ideaId: idea.id, kind: "further_study", agencyId: idea.agency_id, dueAt: followUp, now });
    // The agency answered itself: a transfer it had proposed is withdrawn.
    await withdrawPendingTransfer(trx, idea.id, now);
    const html = renderMarkdown(a.answer);
    // Version 1 of the answer (app/domain/agencies/versions.server.ts); the agency's draft goes.
    const version = await recordAnswerVersion(trx, { ideaId: idea.id, agencyId: idea.agency_id, outcome: a.outcome, answer: a.answer, answerHtml: html, reason: null, authorId: actor.id, at: now });
    // The replies to the digest's open questions are published with it (none is required).
    const questions = await frozenQuestions(trx, idea.id);
    await recordReplies(trx, { ideaId: idea.id, version, questions, replies: repliesOf(a).map((r) => r ?? "") });
    return {
      set: { outcome: a.outcome, official_answer: a.answer, official_answer_html: html, answered_at: now },
      afterward: followUp ? () => appendEvent(trx, { ideaId: idea.id, actorId: null, kind: "follow_up_set", note: followUp.toISOString(), at: now }) : undefined,
    };
  },
});

export function answerIdea(db: Kysely<Database>, actor: Actor | null, ideaId: number, input: Record<string, unknown>, now = new Date()) {
  return runIdeaTransition(db, Answer, actor, ideaId, input, now);
}

const Progress = ideaTransition({
  name: "workflow.progress",
  schema: ProgressSchema,
  action: (p) => (p.percent === 100 ? "complete" : "progress"),
  audit: { details: ({ input }) => ({ percent: input.percent }) },
  prepare: async ({ trx, actor, input: p, subject: idea, now }) => {
    await trx
      .insertInto("progress_updates")
      .values({ idea_id: idea.id, percent: p.percent, body: p.note, body_html: renderMarkdown(p.note), author_id: actor.id, created_at: now })
      .execute();
    return { set: { progress_percent: p.percent }, note: `${p.percent}%`, kind: "progress" };
  },
});

export function postProgress(db: Kysely<Database>, actor: Actor | null, ideaId: number, input: Record<string, unknown>, now = new Date()) {
  return runIdeaTransition(db, Progress, actor, ideaId, input, now);
}

// ——— The admin's reassignments ———

const reassignment = (target: "committee" | "agency") =>
  ideaTransition<z.output<typeof ReassignSchema>, { dueAt: string }>({
    name: `workflow.reassign_${target}`,
    schema: ReassignSchema,
    action: target === "committee" ? "reassignCommittee" : "reassignAgency",
    // The audit action the moderation log and the roles' history already read.
    audit: {
      action: `idea.reassign_${target}`,
      details: ({ input, subject }, { dueAt }) => ({ from: target === "committee" ? subject.committee_id : subject.agency_id, to: input.targetId, reason: input.reason, dueAt }),
    },
    prepare: async ({ trx, input: r, subject: idea, now }) => {
      const table = target === "committee" ? "committees" : "agencies";
      // An archived body takes no new ideas (decision 043).
      const exists = await trx.selectFrom(table).select("id").where("id", "=", r.targetId).where("archived_at", "is", null).executeTakeFirst();
      if (!exists) return fail("targetId", msg("errors.invalidChoice"));
      if (target === "committee") await ensureDeliberationThread(trx, { ideaId: idea.id, committeeId: r.targetId, title: idea.title });
      else await withdrawPendingTransfer(trx, idea.id, now);
      // The deadline rule on reassignment (docs/decisions/013-workflow.md): the new committee or
      // agency gets a full period from now, shown on the timeline ("deadline_reset") and told
      // to its chairs or officers with the idea.
      const settings = await getSettings(trx);
      const days = target === "committee" ? settings.committee_deadline_days : settings.agency_deadline_days;
      const dueAt = await dueInBusinessDays(trx, now, days);
      await notifyReassigned(trx, { id: idea.id, title: idea.title }, target, r.targetId, dueAt, now);
      return {
        afterward: () => appendEvent(trx, { ideaId: idea.id, actorId: null, kind: "deadline_reset", note: dueAt.toISOString(), at: now }),
        kind: `reassigned_${target}`,
        note: r.reason,
        set:
          target === "committee"
            ? { committee_id: r.targetId, committee_due_at: dueAt }
            : { agency_id: r.targetId, agency_due_at: dueAt, assigned_officer_id: null },
        output: { dueAt: dueAt.toISOString() },
      };
    },
  });

const Reassign = { committee: reassignment("committee"), agency: reassignment("agency") };

export function reassign(
  db: Kysely<Database>,
  actor: Actor | null,
  ideaId: number,
  target: "committee" | "agency",
  input: Record<string, unknown>,
  now = new Date(),
): Promise<Result<{ status: IdeaStatus; dueAt: string }>> {
  return runIdeaTransition(db, Reassign[target], actor, ideaId, input, now);
}

/** The same reassignment as one step of a larger use case (archiving a body), in its transaction. */
export function reassignWithin(trx: Trx, actor: Actor, ideaId: number, target: "committee" | "agency", input: Record<string, unknown>, now: Date) {
  return executeWithin(trx, Reassign[target], actor, { target: ideaId, input, now });
}
