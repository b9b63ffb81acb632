// Every change of an idea's status goes through `runTransition`: one transaction that locks
// the idea, checks the transition table and the status the person saw, writes the change and
// its timeline event, and notifies. Two staff acting at once: the second finds the idea moved
// on and is told so; nothing half-happens.
import type { Kysely, Transaction, Updateable } from "kysely";
import { z } from "zod";
import type { Database, IdeasTable, IdeaStatus, Outcome } from "../../../db/schema";
import { markdownToText, renderMarkdown } from "../../utils/markdown.server";
import { INTEGER_MAX, isId } from "../../utils/ids";
import { fail, FORM, invalidInput, msg, type Failure, type Result } from "../../utils/result";
import type { Actor } from "../accounts/permissions";
import { recordAudit } from "../audit.server";
import { ensureDeliberationThread, ideaDeliberationTally } from "../deliberation/deliberation.server";
import { appendEvent } from "../ideas/timeline.server";
import { notifyStatusChange } from "../notifications/notify.server";
import { getSettings } from "../settings.server";
import { OUTCOMES, transitionFor, transitionRefusal, type WorkflowAction, type WorkflowIdea } from "./transitions";
import { noControlChars } from "../../utils/text";

const DAY = 86_400_000;

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
    ])
    .where("id", "=", ideaId)
    .forUpdate()
    .executeTakeFirst();
}

function workflowIdea(idea: NonNullable<LockedIdea>): WorkflowIdea {
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
  kind?: string;
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
    kind: changed ? "status" : (move.kind ?? action),
    from: idea.status,
    to,
    note: move.note ?? null,
    at: now,
  });
  if (changed) await notifyStatusChange(trx, { ...idea, agency_id: move.set?.agency_id ?? idea.agency_id, committee_id: move.set?.committee_id ?? idea.committee_id }, idea.status, to, now);
  return to;
}

function refusal(reason: ReturnType<typeof transitionRefusal>): Failure {
  if (reason === "forbidden") return fail(FORM, msg("errors.forbidden"), 403);
  return fail(FORM, msg("workflow.errors.movedOn"), 409);
}

/**
 * Runs a person's workflow action: signed in, the idea locked, the status they saw still
 * current, the table allowing it; then `prepare` checks what depends on the database and
 * returns the move (or a failure), which is applied in the same transaction.
 */
export async function runTransition(
  db: Kysely<Database>,
  actor: Actor | null,
  ideaId: number,
  action: WorkflowAction,
  expectedStatus: string | undefined,
  prepare: (trx: Transaction<Database>, idea: NonNullable<LockedIdea>) => Promise<Move | Failure>,
  now = new Date(),
): Promise<Result<{ status: IdeaStatus }>> {
  if (!actor) return fail(FORM, msg("errors.signin"), 401);
  // An id from a form may be anything; past bigint's range it is no idea (and no query).
  if (!isId(ideaId)) return fail(FORM, msg("errors.notFound"), 404);
  return db.transaction().execute(async (trx) => {
    const idea = await lockIdea(trx, ideaId);
    if (!idea) return fail(FORM, msg("errors.notFound"), 404);
    const reason = transitionRefusal(action, actor, workflowIdea(idea), now);
    if (reason === "forbidden") return refusal(reason);
    if (reason || (expectedStatus && expectedStatus !== idea.status)) return refusal("movedOn");
    const move = await prepare(trx, idea);
    if ("ok" in move) return move;
    const status = await applyMove(trx, idea, action, actor.id, move, now);
    return { ok: true as const, status };
  });
}

// ——— Inputs ———

// No control characters except tab and line breaks, no bidirectional overrides.
const note = (min: number, max: number, key: string) =>
  z
    .string({ message: "errors.required" })
    .transform((s) => s.normalize("NFC").replace(/\r\n?/g, "\n").trim())
    .pipe(z.string().min(1, "errors.required").min(min, key).max(max, key).refine(noControlChars, "errors.controlChars"));

const RecommendationSchema = z
  .object({
    decision: z.enum(["forward", "not_recommended"], { message: "workflow.errors.decision" }),
    agencyId: z.string().optional().transform((v) => (v ? Number(v) : null)),
    rationale: note(20, 10_000, "workflow.errors.rationale"),
    expectedStatus: z.string().optional(),
  })
  .superRefine((r, ctx) => {
    if (r.decision === "forward" && !isId(r.agencyId, INTEGER_MAX)) {
      ctx.addIssue({ code: "custom", path: ["agencyId"], message: "workflow.errors.agency" });
    }
  });

const AnswerSchema = z.object({
  outcome: z.enum(OUTCOMES as [Outcome, ...Outcome[]], { message: "workflow.errors.outcome" }),
  answer: note(100, 20_000, "workflow.errors.answerLength"),
  expectedStatus: z.string().optional(),
});

const ProgressSchema = z.object({
  percent: z.coerce.number({ message: "workflow.errors.percent" }).int("workflow.errors.percent").min(0, "workflow.errors.percent").max(100, "workflow.errors.percent"),
  note: note(10, 5_000, "workflow.errors.progressNote"),
});

const ReassignSchema = z.object({
  targetId: z.coerce.number({ message: "errors.required" }).int().positive("errors.required").max(INTEGER_MAX, "errors.invalidChoice"),
  reason: note(10, 2_000, "workflow.errors.reason"),
  expectedStatus: z.string().optional(),
});

// ——— The committee's steps ———

export async function takeUp(db: Kysely<Database>, actor: Actor | null, ideaId: number, input: { expectedStatus?: string }, now = new Date()) {
  return runTransition(db, actor, ideaId, "takeUp", input.expectedStatus, async () => ({}), now);
}

/** Reads the stance tally of the idea's deliberation thread (stored with the recommendation). */
export type TallyReader = (trx: Transaction<Database>, ideaId: number) => Promise<{ for: number; against: number; neutral: number }>;

export async function recordRecommendation(
  db: Kysely<Database>,
  actor: Actor | null,
  ideaId: number,
  input: Record<string, unknown>,
  options: { now?: Date; tally?: TallyReader } = {},
): Promise<Result<{ status: IdeaStatus }>> {
  const parsed = RecommendationSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  const r = parsed.data;
  const now = options.now ?? new Date();
  const action: WorkflowAction = r.decision === "forward" ? "forward" : "notRecommend";
  const settings = await getSettings(db);
  return runTransition(db, actor, ideaId, action, r.expectedStatus, async (trx, idea) => {
    if (r.decision === "forward") {
      const agency = await trx.selectFrom("agencies").select("id").where("id", "=", r.agencyId!).executeTakeFirst();
      if (!agency) return fail("agencyId", msg("workflow.errors.agency"));
    }
    const tally = await (options.tally ?? ideaDeliberationTally)(trx, idea.id);
    await trx
      .insertInto("recommendations")
      .values({
        idea_id: idea.id,
        committee_id: idea.committee_id!,
        decision: r.decision,
        agency_id: r.decision === "forward" ? r.agencyId : null,
        rationale: r.rationale,
        rationale_html: renderMarkdown(r.rationale),
        stance_for: tally.for,
        stance_against: tally.against,
        stance_neutral: tally.neutral,
        recorded_by: actor!.id,
        created_at: now,
      })
      .execute();
    const excerpt = markdownToText(r.rationale);
    return {
      note: excerpt.length > 300 ? `${excerpt.slice(0, 297)}…` : excerpt,
      set:
        r.decision === "forward"
          ? { agency_id: r.agencyId, agency_due_at: new Date(now.getTime() + settings.agency_deadline_days * DAY), assigned_officer_id: null }
          : {},
    };
  }, now);
}

// ——— The agency's steps ———

export async function assignOfficer(
  db: Kysely<Database>,
  actor: Actor | null,
  ideaId: number,
  input: { officerId?: string },
  now = new Date(),
): Promise<Result> {
  if (!actor) return fail(FORM, msg("errors.signin"), 401);
  const officerId = Number(input.officerId);
  return db.transaction().execute(async (trx) => {
    const idea = await lockIdea(trx, ideaId);
    if (!idea) return fail(FORM, msg("errors.notFound"), 404);
    // Assigning is open to the idea's officers while it is theirs to answer or implement.
    const reason = transitionRefusal("answer", actor, workflowIdea(idea), now);
    const implementing = transitionRefusal("progress", actor, workflowIdea(idea), now);
    if (reason === "forbidden") return fail(FORM, msg("errors.forbidden"), 403);
    if (reason && implementing) return fail(FORM, msg("workflow.errors.movedOn"), 409);
    const colleague = await trx
      .selectFrom("role_grants")
      .innerJoin("users", "users.id", "role_grants.user_id")
      .select(["users.id", "users.display_name"])
      .where("role_grants.role", "=", "agency_officer")
      .where("role_grants.agency_id", "=", idea.agency_id)
      .where("users.id", "=", Number.isSafeInteger(officerId) ? officerId : -1)
      .executeTakeFirst();
    if (!colleague) return fail("officerId", msg("workflow.errors.officer"));
    await trx.updateTable("ideas").set({ assigned_officer_id: colleague.id, updated_at: now }).where("id", "=", ideaId).execute();
    await appendEvent(trx, { ideaId, actorId: actor.id, kind: "assigned", note: colleague.display_name, at: now });
    return { ok: true as const };
  });
}

export async function answerIdea(
  db: Kysely<Database>,
  actor: Actor | null,
  ideaId: number,
  input: Record<string, unknown>,
  now = new Date(),
): Promise<Result<{ status: IdeaStatus }>> {
  const parsed = AnswerSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  const a = parsed.data;
  return runTransition(db, actor, ideaId, "answer", a.expectedStatus, async () => ({
    set: { outcome: a.outcome, official_answer: a.answer, official_answer_html: renderMarkdown(a.answer), answered_at: now },
  }), now);
}

export async function postProgress(
  db: Kysely<Database>,
  actor: Actor | null,
  ideaId: number,
  input: Record<string, unknown>,
  now = new Date(),
): Promise<Result<{ status: IdeaStatus }>> {
  const parsed = ProgressSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  const p = parsed.data;
  const action: WorkflowAction = p.percent === 100 ? "complete" : "progress";
  return runTransition(db, actor, ideaId, action, undefined, async (trx, idea) => {
    await trx
      .insertInto("progress_updates")
      .values({ idea_id: idea.id, percent: p.percent, body: p.note, body_html: renderMarkdown(p.note), author_id: actor!.id, created_at: now })
      .execute();
    return { set: { progress_percent: p.percent }, note: `${p.percent}%`, kind: "progress" };
  }, now);
}

// ——— The admin's reassignments ———

export async function reassign(
  db: Kysely<Database>,
  actor: Actor | null,
  ideaId: number,
  target: "committee" | "agency",
  input: Record<string, unknown>,
  now = new Date(),
): Promise<Result<{ status: IdeaStatus }>> {
  const parsed = ReassignSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  const r = parsed.data;
  const action: WorkflowAction = target === "committee" ? "reassignCommittee" : "reassignAgency";
  return runTransition(db, actor, ideaId, action, r.expectedStatus, async (trx, idea) => {
    const table = target === "committee" ? "committees" : "agencies";
    const exists = await trx.selectFrom(table).select("id").where("id", "=", r.targetId).executeTakeFirst();
    if (!exists) return fail("targetId", msg("errors.invalidChoice"));
    const from = target === "committee" ? idea.committee_id : idea.agency_id;
    await recordAudit(trx, {
      actorId: actor!.id,
      action: `idea.reassign_${target}`,
      targetType: "idea",
      targetId: idea.id,
      details: { from, to: r.targetId, reason: r.reason },
    });
    if (target === "committee") await ensureDeliberationThread(trx, { ideaId: idea.id, committeeId: r.targetId, title: idea.title });
    return {
      kind: `reassigned_${target}`,
      note: r.reason,
      set: target === "committee" ? { committee_id: r.targetId } : { agency_id: r.targetId, assigned_officer_id: null },
    };
  }, now);
}
