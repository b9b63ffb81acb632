// The answer's lifecycle (issue 15, decision 031): a step's deadline extended once with a
// public reason, interim replies, the agency's private draft, revisions of a published answer.
// Each is a use case of the kernel: the idea locked, the transition table asked (the same
// answer the page's forms come from), an audit row for every staff act.
import type { Kysely } from "kysely";
import { sql } from "kysely";
import { z } from "zod";
import type { Database, Outcome } from "../../../db/schema";
import { markdownToText, renderMarkdown } from "../../utils/markdown.server";
import { fail, msg } from "../../utils/result";
import { multiLineText } from "../../utils/text-schema";
import type { Actor } from "../accounts/permissions";
import { notify } from "../notifications/notify.server";
import { getSettings } from "../settings.server";
import { execute, useCase, type Trx } from "../use-case.server";
import { OUTCOMES, transitionRefusal } from "../workflow/transitions";
import { ideaTransition, lockIdea, runIdeaTransition } from "../workflow/workflow.server";
import { ANSWER } from "../workflow/limits";
import { addBusinessDays, dueDay } from "./clock";
import { EXTENSION_REASON, INTERIM_REPLY, REVISION_REASON } from "./limits";
import { loadHolidays } from "./holidays.server";
import { recordAnswerVersion } from "./versions.server";
import { sameReplies } from "./question-replies";
import { currentReplies, frozenQuestions, recordReplies, repliesOf, REPLY_SHAPE } from "./question-replies.server";
import { fulfilFollowUps } from "./obligations.server";
import { endOfKoreaDay } from "../../utils/korea-time";
import { cutText } from "../../utils/text";
import { TIMELINE_NOTE_MAX } from "../ideas/limits";

const expectedStatus = z.string().optional();

// ——— Extension ———

const ExtendSchema = z.object({
  days: z.coerce
    .number({ message: "agencyWork.errors.days" })
    .int("agencyWork.errors.days")
    .min(1, "agencyWork.errors.days")
    .max(365, "agencyWork.errors.days"),
  reason: multiLineText(EXTENSION_REASON.min, EXTENSION_REASON.max, "agencyWork.errors.extensionReason"),
  expectedStatus,
});

/** The new due date of an extension: n business days after the current due day, at its end. */
export function extendedDue(current: Date, days: number, holidays: ReadonlySet<string>): Date {
  return endOfKoreaDay(addBusinessDays(dueDay(current), days, holidays));
}

/** The step an extension is for, and who holds it (decision 055: once per step and holder). */
type ExtendedStep = "committee" | "agency" | "follow_up";

/** The due date being extended, and the holder the extension is keyed by; or a failure. */
async function stepToExtend(trx: Trx, idea: { id: number; agency_id: number | null }, step: ExtendedStep) {
  if (step === "follow_up") {
    // The follow-up owed soonest: the one the idea's page shows (a follow-up is a step of its own).
    const owed = await trx
      .selectFrom("follow_ups")
      .select(["id", "due_at", "agency_id"])
      .where("idea_id", "=", idea.id)
      .where("fulfilled_at", "is", null)
      .orderBy("due_at")
      .orderBy("id")
      .forUpdate()
      .executeTakeFirst();
    return owed ? { due: new Date(owed.due_at), agencyId: owed.agency_id ?? idea.agency_id, followUpId: owed.id } : null;
  }
  const row = await trx.selectFrom("ideas").select(["committee_due_at", "agency_due_at"]).where("id", "=", idea.id).executeTakeFirstOrThrow();
  const current = step === "committee" ? row.committee_due_at : row.agency_due_at;
  // The agency's step is held by the agency that has the idea now: after an accepted transfer
  // (or an admin's reassignment) the receiving agency holds a step of its own.
  return current ? { due: new Date(current), agencyId: step === "agency" ? idea.agency_id : null, followUpId: null } : null;
}

const ACTIONS = { committee: "extendCommittee", agency: "extendAgency", follow_up: "extendFollowUp" } as const;

const extension = (step: ExtendedStep) =>
  ideaTransition({
    name: `deadline.extend_${step}`,
    schema: ExtendSchema,
    action: ACTIONS[step],
    audit: { action: "deadline.extend", details: ({ input }) => ({ step, days: input.days }) },
    prepare: async ({ trx, actor, input, subject: idea, now }) => {
      const settings = await getSettings(trx);
      if (input.days > settings.extension_max_business_days) {
        return fail("days", msg("agencyWork.errors.daysMax", { max: settings.extension_max_business_days }));
      }
      const held = await stepToExtend(trx, idea, step);
      if (!held) return fail("days", msg("agencyWork.errors.noDeadline"), 409);
      // Asked in time: once the deadline has passed, the step is late, not extended.
      if (held.due <= now) return fail("days", msg("agencyWork.errors.extensionLate"), 409);
      const newDue = extendedDue(held.due, input.days, await loadHolidays(trx));
      const inserted = await trx
        .insertInto("step_extensions")
        .values({
          idea_id: idea.id,
          step,
          agency_id: held.agencyId,
          follow_up_id: held.followUpId,
          original_due_at: held.due,
          new_due_at: newDue,
          business_days: input.days,
          reason: input.reason,
          requested_by: actor.id,
          created_at: now,
        })
        .onConflict((oc) => oc.constraint("step_extensions_once").doNothing())
        .returning("id")
        .executeTakeFirst();
      if (!inserted) return fail("days", msg("agencyWork.errors.alreadyExtended"), 409);
      if (held.followUpId !== null) {
        // The follow-up's due date moves; its reminders start again for the new one (keyed by due date).
        await trx.updateTable("follow_ups").set({ due_at: newDue }).where("id", "=", held.followUpId).execute();
        return { kind: "follow_up_extended", note: input.reason, output: { dueAt: newDue.toISOString() } };
      }
      return {
        set: step === "committee" ? { committee_due_at: newDue } : { agency_due_at: newDue },
        kind: "extended",
        note: input.reason,
        output: { dueAt: newDue.toISOString() },
      };
    },
  });

const Extend = { committee: extension("committee"), agency: extension("agency"), follow_up: extension("follow_up") };

/**
 * The holder of a step asks once for more business days, with a public reason: the committee's
 * step, the agency's answer (once per agency that holds it), or a follow-up answer owed.
 */
export function extendDeadline(db: Kysely<Database>, actor: Actor | null, ideaId: number, step: ExtendedStep, input: Record<string, unknown>, now = new Date()) {
  return runIdeaTransition(db, Extend[step], actor, ideaId, input, now);
}

// ——— Interim reply ———

const InterimSchema = z.object({ body: multiLineText(INTERIM_REPLY.min, INTERIM_REPLY.max, "agencyWork.errors.interimLength"), expectedStatus });

const Interim = ideaTransition({
  name: "answer.interim",
  schema: InterimSchema,
  action: "interimReply",
  audit: { action: "answer.interim" },
  prepare: async ({ trx, actor, input, subject: idea, now }) => {
    const row = await trx
      .insertInto("interim_replies")
      .values({ idea_id: idea.id, agency_id: idea.agency_id!, body: input.body, body_html: renderMarkdown(input.body), author_id: actor.id, created_at: now })
      .returning("id")
      .executeTakeFirstOrThrow();
    return { kind: "interim_reply", note: cutText(markdownToText(input.body), TIMELINE_NOTE_MAX), output: { replyId: row.id } };
  },
});

/** A public message from the agency that changes no status. */
export function postInterimReply(db: Kysely<Database>, actor: Actor | null, ideaId: number, input: Record<string, unknown>, now = new Date()) {
  return runIdeaTransition(db, Interim, actor, ideaId, input, now);
}

// ——— Draft ———

const outcome = z.enum(OUTCOMES as [Outcome, ...Outcome[]], { message: "workflow.errors.outcome" });

const DraftSchema = z.object({
  outcome: z.union([z.literal(""), outcome]).optional().transform((v) => (v ? v : null)),
  answer: multiLineText(1, ANSWER.max, "workflow.errors.answerLength"),
  ...REPLY_SHAPE,
});

const SaveDraft = useCase({
  name: "answer.draft",
  schema: DraftSchema,
  load: (trx, _input, ideaId) => (ideaId === undefined ? Promise.resolve(undefined) : lockIdea(trx, ideaId)),
  // Whoever may answer may keep a draft of the answer.
  permit: (actor, idea, { now }) => {
    const refusal = transitionRefusal("answer", actor, { status: idea.status, authorId: idea.author_id, committeeId: idea.committee_id, agencyId: idea.agency_id, outcome: idea.outcome }, now);
    return refusal === "forbidden" ? "forbidden" : refusal ? "movedOn" : null;
  },
  run: async ({ trx, actor, input, subject: idea, now }) => {
    // The replies to the digest's open questions are kept with the draft, as private as it.
    const questions = await frozenQuestions(trx, idea.id);
    const replies = JSON.stringify(repliesOf(input).slice(0, questions.length).map((r) => r ?? ""));
    const values = { agency_id: idea.agency_id!, outcome: input.outcome, body: input.answer, replies, updated_by: actor.id, updated_at: now };
    await trx
      .insertInto("answer_drafts")
      .values({ idea_id: idea.id, ...values })
      .onConflict((oc) => oc.column("idea_id").doUpdateSet(values))
      .execute();
    return { saved: true };
  },
  // The draft's words stay out of the log: it is private until published.
  audit: ({ subject }) => ({ targetType: "idea", targetId: subject.id }),
});

export function saveDraft(db: Kysely<Database>, actor: Actor | null, ideaId: number, input: Record<string, unknown>, now = new Date()) {
  return execute(db, SaveDraft, actor, { target: ideaId, input, now });
}

// ——— Versions ———

const ReviseSchema = z.object({
  outcome: z.union([z.literal(""), outcome]).optional().transform((v) => (v ? v : null)),
  answer: multiLineText(ANSWER.min, ANSWER.max, "workflow.errors.answerLength"),
  reason: multiLineText(REVISION_REASON.min, REVISION_REASON.max, "agencyWork.errors.revisionReason"),
  // A reply not sent keeps the current one; a reply sent empty removes it (decision 055).
  ...REPLY_SHAPE,
  expectedStatus,
});

const Revise = ideaTransition({
  name: "answer.revise",
  schema: ReviseSchema,
  action: "reviseAnswer",
  audit: { action: "answer.revise", details: ({ input, subject }, output) => ({ version: (output as { version?: number }).version, from: subject.outcome, outcome: input.outcome ?? subject.outcome }) },
  prepare: async ({ trx, actor, input, subject: idea, now }) => {
    const newOutcome = input.outcome ?? idea.outcome!;
    // Once implementation has begun, the outcome stands; the words may still be corrected.
    if (idea.status === "implementing" && newOutcome !== idea.outcome) return fail("outcome", msg("agencyWork.errors.outcomeFixed"), 409);
    // Further study is chosen with the answer, with its follow-up date; a revision does not begin one.
    if (newOutcome === "further_study" && idea.outcome !== "further_study") return fail("outcome", msg("transfers.errors.noNewStudy"));
    const current = await trx.selectFrom("ideas").select("official_answer").where("id", "=", idea.id).executeTakeFirstOrThrow();
    const questions = await frozenQuestions(trx, idea.id);
    const previous = await currentReplies(trx, idea.id, questions);
    const sent = repliesOf(input);
    const replies = questions.map((_, i) => sent[i] ?? previous[i]);
    if (current.official_answer === input.answer && newOutcome === idea.outcome && sameReplies(replies, previous)) return fail("answer", msg("agencyWork.errors.unchanged"));
    const html = renderMarkdown(input.answer);
    // An answer given before versions were kept gets its first version now.
    const any = await trx.selectFrom("answer_revisions").select("id").where("idea_id", "=", idea.id).executeTakeFirst();
    if (!any && current.official_answer && idea.outcome) {
      const old = await trx.selectFrom("ideas").select(["official_answer_html", "answered_at"]).where("id", "=", idea.id).executeTakeFirstOrThrow();
      await trx
        .insertInto("answer_revisions")
        .values({ idea_id: idea.id, version: 1, agency_id: idea.agency_id, outcome: idea.outcome, answer: current.official_answer, answer_html: old.official_answer_html ?? "", reason: null, author_id: null, created_at: old.answered_at ?? now })
        .execute();
    }
    const version = await recordAnswerVersion(trx, { ideaId: idea.id, agencyId: idea.agency_id, outcome: newOutcome, answer: input.answer, answerHtml: html, reason: input.reason, authorId: actor.id, at: now });
    // Every version carries its whole set of replies, so each stays readable on its own.
    await recordReplies(trx, { ideaId: idea.id, version, questions, replies });
    // A follow-up answer owed (after further study, after citizens' follow-through) is this one.
    await fulfilFollowUps(trx, idea.id, newOutcome, version, now);
    // The author and the idea's followers hear of it (in the app; by e-mail as they chose).
    const payload = { title: idea.title, reason: input.reason };
    await notify(trx, [idea.author_id], "answer_revised", idea.id, payload, "email_on_own_ideas", now);
    const followers = await trx.selectFrom("follows").select("user_id").where("idea_id", "=", idea.id).where("user_id", "<>", idea.author_id).execute();
    await notify(trx, followers.map((f) => f.user_id), "answer_revised", idea.id, payload, "email_on_followed_ideas", now);
    return {
      set: { official_answer: input.answer, official_answer_html: html, outcome: newOutcome },
      kind: "answer_revised",
      note: input.reason,
      output: { version },
    };
  },
});

/** A new version of a published answer, with a reason; every version stays readable. */
export function reviseAnswer(db: Kysely<Database>, actor: Actor | null, ideaId: number, input: Record<string, unknown>, now = new Date()) {
  return runIdeaTransition(db, Revise, actor, ideaId, input, now);
}
