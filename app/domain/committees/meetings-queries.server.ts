// Read queries for a committee's meetings (decision 029): the lists on the committee page and
// the workspace, and one meeting's public page (agenda with each idea's vote, moves and
// cancellation, the minutes and their versions with the changes between them).
import type { Kysely } from "kysely";
import type { Database, MinutesAttendee, MinutesDecision } from "../../../db/schema";
import type { Actor } from "../accounts/permissions";
import { ideaTitleFor } from "../moderation/permissions";
import { diffLines, foldUnchanged } from "../pages/diff";
import { changeMeetingRefusal, minutesRefusal, minutesText } from "./meetings";
import { countVotes } from "./rules";

type Db = Kysely<Database>;
const iso = (d: Date | string) => new Date(d).toISOString();

function meetingRows(db: Db, committeeId: number) {
  return db
    .selectFrom("committee_meetings")
    .select((eb) => [
      "committee_meetings.id",
      "committee_meetings.starts_at",
      "committee_meetings.place",
      "committee_meetings.online_url",
      "committee_meetings.cancelled_at",
      eb.selectFrom("committee_meeting_items").select((e) => e.fn.countAll<number>().as("n")).whereRef("meeting_id", "=", "committee_meetings.id").as("items"),
      eb.exists(eb.selectFrom("committee_minutes").select("id").whereRef("meeting_id", "=", "committee_meetings.id")).as("has_minutes"),
    ])
    .where("committee_meetings.committee_id", "=", committeeId);
}

type MeetingRow = Awaited<ReturnType<ReturnType<typeof meetingRows>["execute"]>>[number];

const summary = (r: MeetingRow) => ({
  id: r.id,
  startsAt: iso(r.starts_at),
  place: r.place,
  onlineUrl: r.online_url,
  cancelled: r.cancelled_at !== null,
  items: Number(r.items),
  hasMinutes: Boolean(r.has_minutes),
});

export type MeetingSummary = ReturnType<typeof summary>;

/** The committee page's lists: meetings to come (soonest first) and the latest past ones. */
export async function committeeMeetings(db: Db, committeeId: number, now = new Date(), pastLimit = 20) {
  const [upcoming, past] = await Promise.all([
    meetingRows(db, committeeId).where("committee_meetings.starts_at", ">", now).orderBy("committee_meetings.starts_at", "asc").orderBy("committee_meetings.id").limit(50).execute(),
    meetingRows(db, committeeId).where("committee_meetings.starts_at", "<=", now).orderBy("committee_meetings.starts_at", "desc").orderBy("committee_meetings.id", "desc").limit(pastLimit).execute(),
  ]);
  return { upcoming: upcoming.map(summary), past: past.map(summary) };
}

/** The workspace's next meeting: the soonest one to come that is not cancelled. */
export async function nextMeeting(db: Db, committeeId: number, now = new Date()) {
  const row = await meetingRows(db, committeeId)
    .where("committee_meetings.starts_at", ">", now)
    .where("committee_meetings.cancelled_at", "is", null)
    .orderBy("committee_meetings.starts_at", "asc")
    .limit(1)
    .executeTakeFirst();
  return row ? summary(row) : null;
}

/** One meeting's page; null when the committee has no such meeting. */
export async function meetingPage(db: Db, committeeId: number, meetingId: number, actor: Actor | null, labels: { present: string; decision: string }, now = new Date()) {
  const meeting = await db.selectFrom("committee_meetings").selectAll().where("id", "=", meetingId).where("committee_id", "=", committeeId).executeTakeFirst();
  if (!meeting) return null;
  const [items, changes, versions, members] = await Promise.all([
    db
      .selectFrom("committee_meeting_items")
      .innerJoin("ideas", "ideas.id", "committee_meeting_items.idea_id")
      .leftJoin("committee_ballots", "committee_ballots.idea_id", "ideas.id")
      .select(["ideas.id", "ideas.title", "ideas.status", "ideas.author_id", "ideas.hidden_at", "committee_ballots.closed_at", "committee_ballots.closes_at"])
      .where("committee_meeting_items.meeting_id", "=", meetingId)
      .orderBy("committee_meeting_items.position")
      .execute(),
    db
      .selectFrom("committee_meeting_changes")
      .leftJoin("users", "users.id", "committee_meeting_changes.author_id")
      .select(["committee_meeting_changes.id", "kind", "from_starts_at", "to_starts_at", "reason", "committee_meeting_changes.created_at", "users.display_name as author"])
      .where("meeting_id", "=", meetingId)
      .orderBy("committee_meeting_changes.id")
      .execute(),
    db
      .selectFrom("committee_minutes")
      .leftJoin("users", "users.id", "committee_minutes.author_id")
      .select(["version", "body", "body_html", "attendance", "decisions", "note", "committee_minutes.created_at", "users.display_name as author"])
      .where("meeting_id", "=", meetingId)
      .orderBy("version", "desc")
      .execute(),
    db
      .selectFrom("role_grants")
      .innerJoin("users", "users.id", "role_grants.user_id")
      .select(["users.id", "users.display_name as name"])
      .distinct()
      .where("role_grants.committee_id", "=", committeeId)
      .where("role_grants.role", "in", ["committee_member", "committee_chair"])
      .orderBy("users.id")
      .execute(),
  ]);
  // The vote held on each agenda item (counts once it closed), read now: the minutes link to it.
  const ideaIds = items.map((i) => i.id);
  const votes = ideaIds.length
    ? await db.selectFrom("committee_votes").select(["idea_id", "choice"]).where("idea_id", "in", ideaIds).execute()
    : [];
  const agenda = items.map((i) => ({
    id: i.id,
    title: ideaTitleFor(actor, { title: i.title, authorId: i.author_id, hiddenAt: i.hidden_at }),
    status: i.status,
    vote:
      i.closes_at === null
        ? null
        : { closed: i.closed_at !== null, counts: i.closed_at !== null ? countVotes(votes.filter((v) => v.idea_id === i.id)) : null },
  }));
  const titles = new Map(agenda.map((a) => [a.id, a.title ?? `#${a.id}`]));
  const asText = (v: (typeof versions)[number]) =>
    minutesText({ attendance: v.attendance as MinutesAttendee[], decisions: v.decisions as MinutesDecision[], body: v.body }, titles, labels);
  const history = versions.map((v, index) => {
    const before = versions[index + 1];
    return {
      version: v.version,
      note: v.note,
      author: v.author,
      createdAt: iso(v.created_at),
      diff: before ? foldUnchanged(diffLines(asText(before), asText(v))) : null,
    };
  });
  const latest = versions[0];
  const facts = { committeeId, startsAt: meeting.starts_at, cancelledAt: meeting.cancelled_at };
  return {
    id: meeting.id,
    startsAt: iso(meeting.starts_at),
    place: meeting.place,
    onlineUrl: meeting.online_url,
    cancelledAt: meeting.cancelled_at === null ? null : iso(meeting.cancelled_at),
    held: new Date(meeting.starts_at) <= now && meeting.cancelled_at === null,
    agenda,
    changes: changes.map((c) => ({
      id: c.id,
      kind: c.kind,
      from: iso(c.from_starts_at),
      to: c.to_starts_at === null ? null : iso(c.to_starts_at),
      reason: c.reason,
      author: c.author,
      at: iso(c.created_at),
    })),
    minutes: latest
      ? {
          version: latest.version,
          body: latest.body,
          bodyHtml: latest.body_html,
          attendance: latest.attendance as MinutesAttendee[],
          decisions: latest.decisions as MinutesDecision[],
          author: latest.author,
          createdAt: iso(latest.created_at),
        }
      : null,
    history,
    members,
    can: {
      change: changeMeetingRefusal(actor, facts, now) === null,
      minutes: minutesRefusal(actor, facts, now) === null,
    },
  };
}

export type MeetingView = NonNullable<Awaited<ReturnType<typeof meetingPage>>>;

/** The ideas the chair may put on a new meeting's agenda: those in the committee's care. */
export function agendaChoices(db: Db, committeeId: number) {
  return db
    .selectFrom("ideas")
    .select(["id", "title", "status"])
    .where("committee_id", "=", committeeId)
    .where("status", "in", ["fast_tracked", "in_deliberation"])
    .orderBy("committee_due_at", "asc")
    .orderBy("id")
    .limit(100)
    .execute();
}

/** Whether the meeting is this committee's (an address with another committee's slug is not found). */
export async function isCommitteeMeeting(db: Db, committeeId: number, meetingId: number): Promise<boolean> {
  const row = await db.selectFrom("committee_meetings").select("id").where("id", "=", meetingId).where("committee_id", "=", committeeId).executeTakeFirst();
  return row !== undefined;
}
