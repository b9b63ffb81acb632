// An idea's page (issue 13): the idea read once (record.server.ts), what each part of the page
// shows this reader, the permission facts behind its buttons and the staff actions allowed, in
// one call for the route. Hidden content never leaves the server for a reader who may not see it.
// A new part of the page is one more entry here, fed from the record or its own table.
import type { Kysely } from "kysely";
import type { Database, Locale } from "../../../db/schema";
import { participationRefusal, type Actor } from "../accounts/permissions";
import { businessDaysLeft } from "../agencies/clock";
import { followThrough, mayRate, ratingOpen } from "../agencies/follow-through.server";
import { loadHolidays } from "../agencies/holidays.server";
import { ideaFollowUps } from "../agencies/obligations.server";
import { extensionStepOf, extensionUsed, transferReplyRefusal } from "../agencies/permissions";
import { agencyRecord } from "../agencies/queries.server";
import { staffNotes } from "../agencies/staff-notes.server";
import { ideaTransfers } from "../agencies/transfers.server";
import { ideaProvenance, paperRecord } from "../assisted/queries.server";
import { digestView } from "../committees/digest.server";
import { ideaVote } from "../committees/queries.server";
import { discussionView } from "../deliberation/queries.server";
import { moderationView } from "../moderation/queries.server";
import { receiptState } from "../receipts/queries.server";
import { getSettings } from "../settings.server";
import { ideaWorkflow, staffChoices } from "../workflow/queries.server";
import { actionsFor, currentDeadline } from "../workflow/transitions";
import { canEditIdea, canWithdrawIdea, ideaVisibleTo, openForSupport } from "./permissions";
import { readerFacts } from "./queries.server";
import { readIdea } from "./record.server";

/** Everything the idea page shows this reader; null when there is no such idea or it is not theirs to see. */
export async function ideaPage(db: Kysely<Database>, ideaId: number, actor: Actor | null, locale: Locale, now = new Date()) {
  // A signed-in reader's mark of the comments moves in the record's statement (decision 089).
  const record = await readIdea(db, ideaId, actor?.id ?? null, { markCommentsReadAt: actor ? now : undefined });
  if (!record || !ideaVisibleTo(actor, { authorId: record.shown.author_id, status: record.shown.status })) return null;
  const { shown: idea, holder } = record;
  const wf = { status: idea.status, authorId: idea.author_id, committeeId: holder.committee_id, agencyId: holder.agency_id, outcome: holder.outcome };
  const actions = actionsFor(actor, wf, now);
  // Officers assign while the idea is theirs to answer or to implement; the supervising office while the answer is owed.
  const canAssign = actions.includes("assignOfficer");
  // A part of the page reads its table only when the idea has a row there (record.has).
  const { has } = record;
  // The committee's or the agency's deadline while its step is under way (a follow-up owed is the other, below).
  const stepDeadline = currentDeadline({ status: idea.status, ...holder }, now);
  // The reader's own marks (whether they reported the idea among them) came with the record.
  const [reader, settings, workflow, moderation, discussion, vote, digestRead, paper, agency, transfers, followUps, notes, rating, holidays, choices] = await Promise.all([
    readerFacts(db, ideaId, record),
    getSettings(db),
    ideaWorkflow(db, ideaId, holder, has),
    moderationView(db, record.moderation, actor, record.reader.flagged, now),
    discussionView(db, record.threads, actor, now),
    ideaVote(db, { id: ideaId, status: idea.status, committee_id: holder.committee_id }, actor, now),
    digestView(db, { id: ideaId, title: idea.title, status: idea.status, committee_id: holder.committee_id }, actor, now, has),
    // Assisted entry (decision 039): its paper supports.
    paperRecord(db, ideaId, actor, locale, has),
    // The agency's record (extensions, interim replies, answer versions; its draft for its officers).
    agencyRecord(db, { id: ideaId, agency_id: holder.agency_id, official_answer: record.officialAnswer }, actor, has),
    ideaTransfers(db, ideaId, has),
    ideaFollowUps(db, ideaId, has),
    staffNotes(db, ideaId, actor, { committeeId: wf.committeeId, agencyId: wf.agencyId }),
    ratingOpen(idea.status) ? followThrough(db, ideaId, actor, wf.agencyId) : Promise.resolve(null),
    // Business days left are counted only when there is a deadline to count to.
    stepDeadline || has("follow_ups") ? loadHolidays(db) : new Set<string>(),
    staffChoices(db, holder.agency_id, actions, canAssign),
  ]);
  // The reader's support receipt (decision 051): ready once the support's day is published.
  const receipt = actor && reader.supports ? await receiptState(db, actor.id, ideaId) : null;
  const pending = transfers.find((x) => x.state === "pending") ?? null;
  const canReply = pending !== null && transferReplyRefusal(actor, idea, { toAgencyId: pending.to_agency_id, replyDueAt: new Date(pending.reply_due_at) }, now) === null;
  // The step under way: the committee's or the agency's, else a follow-up answer owed.
  const owed = followUps.filter((f) => !f.fulfilled_at).sort((a, b) => a.due_at.localeCompare(b.due_at))[0];
  const step =
    stepDeadline ??
    (owed ? { step: "follow_up" as const, dueAt: new Date(owed.due_at), overdue: new Date(owed.due_at) <= now } : null);
  // The step an extension would be for, and whether its holder has used its one (decision 055).
  const extensionStep = extensionStepOf(idea.status, Boolean(owed));
  const held = extensionStep ? { step: extensionStep, agencyId: extensionStep === "committee" ? null : holder.agency_id, followUpId: extensionStep === "follow_up" ? owed!.id : null } : null;
  const facts = {
    authorId: idea.author_id,
    status: idea.status,
    supportCount: idea.support_count,
    supportEndsAt: idea.support_ends_at,
    hiddenAt: idea.hidden_at,
    actorSupports: reader.supports,
  };
  return {
    ...reader,
    idea: moderation.hiddenForReader ? { ...idea, title: "", body: "", body_html: "", excerpt: "" } : idea,
    moderation,
    discussion,
    vote,
    // The deliberation digest (decision 034): the members list is for its own form only.
    digest: digestRead ? { digest: digestRead.digest, writerName: digestRead.writerName, can: digestRead.can } : null,
    // The frozen digest's open questions, which the agency's answer replies to (decision 055),
    // and the replies of the answer's latest version.
    openQuestions: digestRead?.digest?.frozenAt ? digestRead.digest.questions : [],
    answerReplies: agency.versions[0]?.replies ?? [],
    provenance: ideaProvenance(record.origin, actor, locale),
    paper,
    workflow,
    actions,
    canAssign,
    choices,
    agency,
    extensionMaxDays: settings.extension_max_business_days,
    extension: held ? { step: held.step, used: extensionUsed(agency.extensions, held), afterTransfer: transfers.some((x) => x.state === "accepted" && x.to_agency_id === holder.agency_id) } : null,
    transfers,
    pendingTransfer: pending,
    canReply,
    transferReplyDays: settings.transfer_reply_business_days,
    followUps,
    followUpOwed: owed ? owed.due_at : null,
    notes,
    rating,
    canRate: mayRate(actor, idea, reader.supports),
    ratingSettings: { min: settings.follow_through_min_raters, percent: settings.follow_through_no_percent },
    deadline: step ? { ...step, dueAt: step.dueAt.toISOString(), businessDays: businessDaysLeft(step.dueAt, now, holidays) } : null,
    isAuthor: actor?.id === idea.author_id,
    receipt,
    can: {
      participate: participationRefusal(actor),
      support: openForSupport(facts),
      edit: canEditIdea(actor, facts, settings.edit_max_other_supporters),
      withdraw: canWithdrawIdea(actor, facts),
    },
  };
}

