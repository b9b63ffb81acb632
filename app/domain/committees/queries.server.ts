// Read queries for the committee's vote on an idea: the panel on the idea's page (state, counts,
// quorum, who voted how, what the reader may do).
import { sql, type Kysely } from "kysely";
import type { Database, IdeaStatus, VoteChoice } from "../../../db/schema";
import type { Actor } from "../accounts/permissions";
import { closeVoteRefusal, extendVoteRefusal, openVoteRefusal, voteRefusal, type VoteFacts } from "./permissions";
import { ballotState, castCount, countVotes, majorityOf, quorumNeeded } from "./rules";
import { currentMemberCount, votesOn } from "./votes.server";
import { statusesWithDeadline } from "../workflow/statuses";
import { canOpenThread } from "../deliberation/permissions";
import { committeeBySlug } from "../deliberation/queries.server";
import { scheduleRefusal } from "./meetings";
import { agendaChoices } from "./meetings-queries.server";
import { DAY_MS } from "../../utils/korea-time";
import { keptPerKey } from "../kept.server";
import { ideaTitleFor } from "../moderation/permissions";
import { pageOf } from "../../utils/paging";

type Db = Kysely<Database>;
const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** The vote panel of an idea in a committee's care; null when no committee holds the idea. */
export async function ideaVote(db: Db, idea: { id: number; status: IdeaStatus; committee_id: number | null }, actor: Actor | null, now = new Date()) {
  const ideaId = idea.id;
  if (idea.committee_id === null) return null;
  const [ballot, rows, committee, members] = await Promise.all([
    db.selectFrom("committee_ballots").selectAll().where("idea_id", "=", ideaId).executeTakeFirst(),
    votesOn(db, ideaId),
    db.selectFrom("committees").select(["quorum_kind", "quorum_value"]).where("id", "=", idea.committee_id).executeTakeFirstOrThrow(),
    currentMemberCount(db, idea.committee_id),
  ]);
  const counts = countVotes(rows);
  const cast = castCount(counts);
  const sealed = ballot?.closed_at != null && ballot.quorum_needed !== null;
  const needed = sealed ? ballot!.quorum_needed! : quorumNeeded({ kind: committee.quorum_kind, value: committee.quorum_value }, members);
  const memberCount = sealed ? (ballot!.member_count ?? members) : members;
  const facts: VoteFacts = {
    ideaStatus: idea.status,
    committeeId: idea.committee_id,
    ballot: ballot ? { closesAt: ballot.closes_at, closedAt: ballot.closed_at, extendedAt: ballot.extended_at, quorumMet: cast >= needed } : null,
  };
  const state = ballotState(facts.ballot, now);
  // Nothing to show before the committee takes the idea up, unless votes were held.
  if (!ballot && idea.status !== "in_deliberation") return null;
  const mine = actor ? rows.find((r) => r.user_id === actor.id) : undefined;
  return {
    state,
    ballot: ballot
      ? {
          round: ballot.round,
          openedAt: iso(ballot.opened_at)!,
          closesAt: iso(ballot.closes_at)!,
          extended: ballot.extended_at !== null,
          closedAt: state === "closed" ? iso(ballot.closed_at ?? ballot.closes_at) : null,
        }
      : null,
    counts,
    cast,
    needed,
    members: memberCount,
    missing: Math.max(0, needed - cast),
    majority: majorityOf(counts),
    votes: rows.map((r) => ({
      id: r.id,
      name: r.name,
      choice: r.choice as VoteChoice,
      reason: r.reason,
      castAt: iso(r.cast_at)!,
      changedAt: iso(r.changed_at),
      mine: actor?.id === r.user_id,
    })),
    mine: mine ? { choice: mine.choice as VoteChoice, reason: mine.reason } : null,
    can: {
      vote: voteRefusal(actor, facts, now) === null,
      open: openVoteRefusal(actor, facts, now) === null,
      extend: extendVoteRefusal(actor, facts, now) === null,
      close: closeVoteRefusal(actor, facts, now) === null,
    },
  };
}

export type IdeaVoteView = NonNullable<Awaited<ReturnType<typeof ideaVote>>>;

/** The committees a person sits on (chair first), for the header link and /me. */
export async function myCommittees(db: Db, actor: Actor | null) {
  if (!actor) return [];
  const ids = [...new Set(actor.grants.filter((g) => g.role === "committee_member" || g.role === "committee_chair").map((g) => g.committeeId!))];
  if (ids.length === 0) return [];
  const rows = await db.selectFrom("committees").select(["id", "slug", "name_ko", "name_en"]).where("id", "in", ids).orderBy("id").execute();
  return rows.map((c) => ({ ...c, chair: actor.grants.some((g) => g.role === "committee_chair" && g.committeeId === c.id) }));
}

/**
 * A member's workspace: the ideas in the committee's care with their deadline, the state of
 * each vote and whether the reader has voted, and whether the deliberation has posts the
 * reader has not read.
 */
export async function committeeWorkspace(db: Db, committeeId: number, actor: Actor, now = new Date()) {
  const rows = await db
    .selectFrom("ideas")
    .leftJoin("threads", (join) => join.onRef("threads.idea_id", "=", "ideas.id").on("threads.kind", "=", "committee"))
    .leftJoin("thread_reads", (join) => join.onRef("thread_reads.thread_id", "=", "threads.id").on("thread_reads.user_id", "=", actor.id))
    .leftJoin("committee_ballots", "committee_ballots.idea_id", "ideas.id")
    .leftJoin("committee_votes", (join) => join.onRef("committee_votes.idea_id", "=", "ideas.id").on("committee_votes.user_id", "=", actor.id))
    .select([
      "ideas.id",
      "ideas.title",
      "ideas.status",
      "ideas.committee_due_at",
      "threads.id as thread_id",
      "threads.post_count",
      "threads.last_post_at",
      "thread_reads.last_read_at",
      "committee_ballots.closes_at",
      "committee_ballots.closed_at",
      "committee_ballots.extended_at",
      "committee_votes.choice as my_choice",
    ])
    .where("ideas.committee_id", "=", committeeId)
    .where("ideas.status", "in", statusesWithDeadline("committee"))
    .orderBy("ideas.committee_due_at", "asc")
    .orderBy("ideas.id", "asc")
    .execute();
  const ideas = rows.map((r) => {
    const ballot = r.closes_at ? { closesAt: r.closes_at, closedAt: r.closed_at, extendedAt: r.extended_at } : null;
    return {
      id: r.id,
      title: r.title,
      status: r.status,
      dueAt: iso(r.committee_due_at),
      overdue: r.committee_due_at !== null && new Date(r.committee_due_at) <= now,
      threadId: r.thread_id,
      unread: r.last_post_at !== null && (r.last_read_at === null || new Date(r.last_read_at) < new Date(r.last_post_at)),
      vote: ballotState(ballot, now),
      closesAt: iso(r.closes_at),
      myChoice: (r.my_choice as VoteChoice | null) ?? null,
    };
  });
  return {
    awaiting: ideas.filter((i) => i.status === "fast_tracked"),
    deliberating: ideas.filter((i) => i.status === "in_deliberation"),
    openVotes: ideas.filter((i) => i.vote === "open"),
  };
}

/** Recommendations on one page of a committee's record (decision 071). */
export const RECORD_PAGE_SIZE = 25;
/** How long the record's figures are kept at most, whatever the version says (decision 071). */
const FIGURES_MAX_AGE_MS = 5 * 60_000;
const keptRecordFigures = keptPerKey(FIGURES_MAX_AGE_MS, recordFigures, ["workflow.recommend"]);

/**
 * The committee's public record: one page of its recommendations, newest first, with the date,
 * the vote, the agency's answer and outcome; how many there are; the median days from fast track
 * to recommendation; the share of recommendations made by the deadline. The figures read every
 * recommendation: they are kept until one is added or removed (the count and the newest id,
 * read from the index with the page's count) or five minutes pass.
 */
export async function committeeRecord(db: Db, committeeId: number, page = 1, reader: Actor | null = null) {
  const ofCommittee = () => db.selectFrom("recommendations").where("recommendations.committee_id", "=", committeeId);
  const counted = ofCommittee()
    .select((eb) => [eb.fn.countAll<string>().as("total"), eb.fn.max("recommendations.id").as("newest")])
    .executeTakeFirstOrThrow();
  const [paged, figures] = await Promise.all([
    pageOf(page, RECORD_PAGE_SIZE, counted.then((c) => Number(c.total)), (limit, offset) =>
      db
        .selectFrom("recommendations")
        .innerJoin("ideas", "ideas.id", "recommendations.idea_id")
        .leftJoin("agencies", "agencies.id", "recommendations.agency_id")
        .select([
          "recommendations.id",
          "recommendations.idea_id",
          "ideas.title",
          "ideas.author_id",
          "ideas.hidden_at",
          "ideas.outcome",
          "ideas.answered_at",
          "recommendations.decision",
          "recommendations.created_at",
          "recommendations.vote_for",
          "recommendations.vote_against",
          "recommendations.vote_abstain",
          "recommendations.dissent_note",
          "agencies.slug as agency_slug",
          "agencies.name_ko as agency_ko",
          "agencies.name_en as agency_en",
        ])
        // The page's ids from the index alone (recommendations_committee), then their rows.
        .where("recommendations.id", "in", ofCommittee().select("recommendations.id").orderBy("recommendations.created_at", "desc").orderBy("recommendations.id", "desc").limit(limit).offset(offset))
        .orderBy("recommendations.created_at", "desc")
        .orderBy("recommendations.id", "desc")
        .execute(),
    ),
    counted.then((c) => keptRecordFigures.get(db, committeeId, `${c.total}|${c.newest ?? ""}`)),
  ]);
  return {
    recommendations: paged.rows.map((r) => ({
      id: r.id,
      ideaId: r.idea_id,
      // The title of an idea hidden from this reader is not shown (null: the page says why).
      title: ideaTitleFor(reader, { title: r.title, authorId: r.author_id, hiddenAt: r.hidden_at }),
      decision: r.decision,
      createdAt: iso(r.created_at)!,
      votes: r.vote_for === null ? null : { for: r.vote_for, against: r.vote_against ?? 0, abstain: r.vote_abstain ?? 0 },
      dissent: r.dissent_note !== null,
      agency: r.agency_slug ? { slug: r.agency_slug, name_ko: r.agency_ko!, name_en: r.agency_en! } : null,
      outcome: r.outcome,
      answeredAt: iso(r.answered_at),
    })),
    page: paged.page,
    pageSize: paged.pageSize,
    pageCount: paged.pageCount,
    total: paged.total,
    ...figures,
  };
}

/** The record's figures over every recommendation of the committee, in one statement. */
async function recordFigures(db: Db, committeeId: number) {
  const { rows } = await sql<{ median_days: number | string | null; timed: number; on_time: number }>`
    SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM r.created_at - (
             SELECT min(e.created_at) FROM idea_events e WHERE e.idea_id = r.idea_id AND e.to_status = 'fast_tracked')) / ${sql.lit(DAY_MS / 1000)}) AS median_days,
           count(*) FILTER (WHERE i.committee_due_at IS NOT NULL)::int AS timed,
           count(*) FILTER (WHERE r.created_at <= i.committee_due_at)::int AS on_time
    FROM recommendations r JOIN ideas i ON i.id = r.idea_id
    WHERE r.committee_id = ${committeeId}`.execute(db);
  const { median_days, timed, on_time } = rows[0];
  return {
    medianDays: median_days === null ? null : Math.round(Number(median_days) * 10) / 10,
    onTimeShare: Number(timed) === 0 ? null : Number(on_time) / Number(timed),
  };
}

/**
 * What a committee's new-meeting or new-thread form needs (issue 13): the committee named in the
 * address, whether this person may send the form (the same refusal the use case applies), and for
 * a meeting the ideas its agenda may list. Null when there is no such committee.
 */
export async function committeeForm(db: Db, slug: string, actor: Actor, form: "meeting" | "thread", now = new Date()) {
  const committee = await committeeBySlug(db, slug);
  if (!committee) return null;
  const allowed = form === "meeting" ? scheduleRefusal(actor, committee.id, now) === null : canOpenThread(actor, committee.id, now);
  const choices = form === "meeting" && allowed ? await agendaChoices(db, committee.id) : [];
  return { committee: { id: committee.id, slug: committee.slug, name_ko: committee.name_ko, name_en: committee.name_en }, allowed, choices };
}
