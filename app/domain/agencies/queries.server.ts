// Read queries of the agencies' features: the supervising office's queue.
import { sql, type Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { worksForAgency, type Actor } from "../accounts/permissions";
import { everyTable, rowsIf, type HasRows } from "../ideas/record.server";
import { diffWords } from "./diff";
import { queueCards } from "../workflow/queries.server";
import { escalatedIdeaIds } from "./reminders.server";
import type { VersionReply } from "./question-replies.server";

/** The agencies an actor supervises, and the ideas escalated to them still awaiting an answer. */
export async function supervisorQueue(db: Kysely<Database>, actor: Actor) {
  const agencyIds = actor.grants.filter((g) => g.role === "agency_supervisor" && g.agencyId !== null).map((g) => g.agencyId!);
  const ids = await escalatedIdeaIds(db, agencyIds);
  const rows = ids.length ? await queueCards(db).select("ideas.hidden_at").where("ideas.id", "in", ids).orderBy("ideas.agency_due_at").limit(500).execute() : [];
  // An idea a moderator hid keeps its place, without its title (as in the officers' queue).
  const escalated = rows.map(({ hidden_at, ...row }) => ({ ...row, hidden: hidden_at !== null, title: hidden_at !== null ? "" : row.title }));
  return { supervised: agencyIds, escalated };
}

/**
 * The public record of the agency's and the committee's handling of an idea: extensions of a
 * deadline (original and new dates, reason), interim replies, every version of the answer with
 * what changed from the one before. The draft answer is added only for the agency's officers.
 */
export async function agencyRecord(
  db: Kysely<Database>,
  idea: { id: number; agency_id: number | null; official_answer: string | null },
  actor: Actor | null,
  has: HasRows = everyTable,
) {
  const ideaId = idea.id;
  const officer = idea.agency_id !== null && worksForAgency(actor, idea.agency_id);
  const [extensions, interim, versions, draft] = await Promise.all([
    rowsIf(
      has,
      "step_extensions",
      () =>
        db
          .selectFrom("step_extensions")
          .leftJoin("agencies", "agencies.id", "step_extensions.agency_id")
          .select([
            "step_extensions.id",
            "step_extensions.step",
            "step_extensions.agency_id",
            "step_extensions.follow_up_id",
            "agencies.name_ko as agency_ko",
            "agencies.name_en as agency_en",
            "step_extensions.original_due_at",
            "step_extensions.new_due_at",
            "step_extensions.business_days",
            "step_extensions.reason",
            "step_extensions.created_at",
          ])
          .where("step_extensions.idea_id", "=", ideaId)
          .orderBy("step_extensions.id"),
    ),
    rowsIf(
      has,
      "interim_replies",
      () =>
        db
          .selectFrom("interim_replies")
          .innerJoin("agencies", "agencies.id", "interim_replies.agency_id")
          .select(["interim_replies.id", "interim_replies.body_html", "interim_replies.created_at", "agencies.name_ko", "agencies.name_en"])
          .where("interim_replies.idea_id", "=", ideaId)
          .orderBy("interim_replies.id"),
    ),
    rowsIf(
      has,
      "answer_revisions",
      () =>
        db
          .selectFrom("answer_revisions")
          .select(["version", "outcome", "answer", "answer_html", "reason", "created_at"])
          // Each version's replies to the digest's open questions (decision 055), in the same statement.
          .select(
            sql<VersionReply[]>`(select coalesce(json_agg(json_build_object('question_index', q.question_index, 'question', q.question, 'reply', q.reply) order by q.question_index), '[]'::json)
              from answer_question_replies q where q.idea_id = answer_revisions.idea_id and q.version = answer_revisions.version)`.as("replies"),
          )
          .where("idea_id", "=", ideaId)
          .orderBy("version"),
    ),
    officer ? db.selectFrom("answer_drafts").select(["outcome", "body", "replies", "updated_at"]).where("idea_id", "=", ideaId).executeTakeFirst() : Promise.resolve(undefined),
  ]);
  return {
    extensions: extensions.map((e) => ({
      ...e,
      original_due_at: new Date(e.original_due_at).toISOString(),
      new_due_at: new Date(e.new_due_at).toISOString(),
      created_at: new Date(e.created_at).toISOString(),
    })),
    interim: interim.map((r) => ({ ...r, created_at: new Date(r.created_at).toISOString() })),
    // Newest first; each with what changed from the version before it.
    versions: versions
      .map((v, i) => ({
        version: v.version,
        outcome: v.outcome,
        answer_html: v.answer_html,
        reason: v.reason,
        created_at: new Date(v.created_at).toISOString(),
        previousOutcome: i > 0 ? versions[i - 1].outcome : null,
        changes: i > 0 ? diffWords(versions[i - 1].answer, v.answer) : null,
        replies: v.replies,
        // The questions whose reply this version changed (added, changed or removed).
        changedReplies: i > 0 ? changedIndexes(versions[i - 1].replies, v.replies) : [],
      }))
      .reverse(),
    // The answer's source text, for the officers' revision form.
    currentAnswer: officer ? idea.official_answer : null,
    draft: draft ? { outcome: draft.outcome ?? "", answer: draft.body, replies: draft.replies, updated_at: new Date(draft.updated_at).toISOString() } : null,
  };
}

export type AgencyRecord = Awaited<ReturnType<typeof agencyRecord>>;

/** The places of the questions whose reply differs between two versions. */
function changedIndexes(before: VersionReply[], after: VersionReply[]): number[] {
  const a = new Map(before.map((r) => [r.question_index, r.reply]));
  const b = new Map(after.map((r) => [r.question_index, r.reply]));
  return [...new Set([...a.keys(), ...b.keys()])].filter((i) => a.get(i) !== b.get(i)).sort((x, y) => x - y);
}
