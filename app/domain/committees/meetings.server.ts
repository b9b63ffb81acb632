// A committee's meetings and minutes (issue 14, decision 029): the chair schedules a meeting
// with an agenda of ideas in the committee's care, moves or cancels it with a public reason
// before it starts, and publishes its minutes after (attendance, a decision per agenda item,
// Markdown); a correction is a new version, the old ones stay readable with their changes.
import type { Kysely } from "kysely";
import type { Database, MinutesAttendee, MinutesDecision } from "../../../db/schema";
import { renderMarkdown } from "../../utils/markdown.server";
import { fail, msg } from "../../utils/result";
import type { Actor } from "../accounts/permissions";
import { appendEvent } from "../ideas/timeline.server";
import { execute, useCase, type CustomRefusal, type KernelRefusal, type Trx } from "../use-case.server";
import { changeMeetingRefusal, MEETING_LIMITS, minutesRefusal, scheduleRefusal, type MeetingRefusal } from "./meetings";
import { CancelMeetingSchema, MinutesSchema, MoveMeetingSchema, ScheduleMeetingSchema } from "./meetings-schemas";
import { DAY_MS } from "../../utils/korea-time";

type Db = Kysely<Database>;

const MESSAGES: Record<Exclude<MeetingRefusal, "signin" | "unverified" | "suspended" | "forbidden">, CustomRefusal> = {
  notChair: { message: msg("committees.errors.notChair"), status: 403 },
  meetingCancelled: { message: msg("meetings.errors.cancelled"), status: 409 },
  meetingStarted: { message: msg("meetings.errors.started"), status: 409 },
  meetingNotHeld: { message: msg("meetings.errors.notHeld"), status: 409 },
};

function refusalOf(refusal: MeetingRefusal | null): KernelRefusal | CustomRefusal | null {
  if (refusal === null) return null;
  return refusal in MESSAGES ? MESSAGES[refusal as keyof typeof MESSAGES] : (refusal as KernelRefusal);
}

/** The meeting's path, stored as the note of the timeline event of each idea it discussed. */
export const meetingPath = (slug: string, meetingId: number) => `/committees/${slug}/meetings/${meetingId}`;

function lockMeeting(trx: Trx, meetingId: number | undefined) {
  if (meetingId === undefined) return Promise.resolve(undefined);
  return trx
    .selectFrom("committee_meetings")
    .innerJoin("committees", "committees.id", "committee_meetings.committee_id")
    .select([
      "committee_meetings.id",
      "committee_meetings.committee_id as committeeId",
      "committee_meetings.starts_at as startsAt",
      "committee_meetings.cancelled_at as cancelledAt",
      "committee_meetings.place",
      "committee_meetings.online_url",
      "committees.slug",
    ])
    .where("committee_meetings.id", "=", meetingId)
    .forUpdate("committee_meetings")
    .executeTakeFirst();
}

function startsAtRefusal(startsAt: Date, now: Date) {
  if (startsAt <= now) return fail("startsAt", msg("meetings.errors.past"));
  if (startsAt.getTime() - now.getTime() > MEETING_LIMITS.aheadDays * DAY_MS) return fail("startsAt", msg("meetings.errors.tooFar"));
  return null;
}

const Schedule = useCase({
  name: "committee.meeting.schedule",
  schema: ScheduleMeetingSchema,
  load: (trx, _input, committeeId) =>
    committeeId === undefined ? Promise.resolve(undefined) : trx.selectFrom("committees").select(["id", "slug"]).where("id", "=", committeeId).forUpdate().executeTakeFirst(),
  permit: (actor, committee, { now }) => refusalOf(scheduleRefusal(actor, committee.id, now)),
  run: async ({ trx, actor, input, subject: committee, now }) => {
    const late = startsAtRefusal(input.startsAt, now);
    if (late) return late;
    const agenda = [...new Set(input.agenda)];
    // Only ideas in the committee's care: waiting for take-up or in deliberation.
    const inCare = await trx
      .selectFrom("ideas")
      .select("id")
      .where("id", "in", agenda)
      .where("committee_id", "=", committee.id)
      .where("status", "in", ["fast_tracked", "in_deliberation"])
      .execute();
    if (inCare.length !== agenda.length) return fail("agenda", msg("meetings.errors.agendaIdea"));
    const meeting = await trx
      .insertInto("committee_meetings")
      .values({ committee_id: committee.id, starts_at: input.startsAt, place: input.place, online_url: input.onlineUrl, created_by: actor.id, created_at: now })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx
      .insertInto("committee_meeting_items")
      .values(agenda.map((ideaId, position) => ({ meeting_id: meeting.id, idea_id: ideaId, position })))
      .execute();
    return { meetingId: meeting.id };
  },
  audit: ({ input }, output) => ({ targetType: "committee_meeting", targetId: output.meetingId, details: { startsAt: input.startsAt.toISOString(), agenda: input.agenda } }),
});

const Move = useCase({
  name: "committee.meeting.move",
  schema: MoveMeetingSchema,
  load: (trx, _input, meetingId) => lockMeeting(trx, meetingId),
  permit: (actor, m, { now }) => refusalOf(changeMeetingRefusal(actor, m, now)),
  run: async ({ trx, actor, input, subject: m, now }) => {
    const late = startsAtRefusal(input.startsAt, now);
    if (late) return late;
    const same = input.startsAt.getTime() === new Date(m.startsAt).getTime() && input.place === m.place && input.onlineUrl === m.online_url;
    if (same) return fail("startsAt", msg("meetings.errors.unchanged"));
    await trx
      .insertInto("committee_meeting_changes")
      .values({ meeting_id: m.id, kind: "moved", from_starts_at: m.startsAt, to_starts_at: input.startsAt, reason: input.reason, author_id: actor.id, created_at: now })
      .execute();
    await trx.updateTable("committee_meetings").set({ starts_at: input.startsAt, place: input.place, online_url: input.onlineUrl }).where("id", "=", m.id).execute();
    return { startsAt: input.startsAt.toISOString() };
  },
  audit: ({ subject, input }) => ({ targetType: "committee_meeting", targetId: subject.id, details: { from: new Date(subject.startsAt).toISOString(), to: input.startsAt.toISOString() } }),
});

const Cancel = useCase({
  name: "committee.meeting.cancel",
  schema: CancelMeetingSchema,
  load: (trx, _input, meetingId) => lockMeeting(trx, meetingId),
  permit: (actor, m, { now }) => refusalOf(changeMeetingRefusal(actor, m, now)),
  run: async ({ trx, actor, input, subject: m, now }) => {
    await trx
      .insertInto("committee_meeting_changes")
      .values({ meeting_id: m.id, kind: "cancelled", from_starts_at: m.startsAt, to_starts_at: null, reason: input.reason, author_id: actor.id, created_at: now })
      .execute();
    await trx.updateTable("committee_meetings").set({ cancelled_at: now }).where("id", "=", m.id).execute();
    return { cancelled: true };
  },
  audit: ({ subject, input }) => ({ targetType: "committee_meeting", targetId: subject.id, details: { reason: input.reason } }),
});

const PublishMinutes = useCase({
  name: "committee.minutes.publish",
  schema: MinutesSchema,
  load: (trx, _input, meetingId) => lockMeeting(trx, meetingId),
  permit: (actor, m, { now }) => refusalOf(minutesRefusal(actor, m, now)),
  run: async ({ trx, actor, input, subject: m, now }) => {
    const [items, latest, members] = await Promise.all([
      trx.selectFrom("committee_meeting_items").select("idea_id").where("meeting_id", "=", m.id).orderBy("position").execute(),
      trx.selectFrom("committee_minutes").selectAll().where("meeting_id", "=", m.id).orderBy("version", "desc").limit(1).executeTakeFirst(),
      trx
        .selectFrom("role_grants")
        .innerJoin("users", "users.id", "role_grants.user_id")
        .select(["users.id", "users.display_name"])
        .where("role_grants.committee_id", "=", m.committeeId)
        .where("role_grants.role", "in", ["committee_member", "committee_chair"])
        .execute(),
    ]);
    // A decision for every agenda item, in the agenda's order; nothing for an idea not on it.
    const decisions: MinutesDecision[] = [];
    for (const { idea_id } of items) {
      const decision = input.decisions[String(idea_id)] ?? "";
      if (decision === "") return fail(`decision-${idea_id}`, msg("meetings.minutes.errors.decision"));
      decisions.push({ ideaId: idea_id, decision });
    }
    const names = new Map(members.map((u) => [u.id, u.display_name]));
    const present = [...new Set(input.present)];
    if (present.some((id) => !names.has(id))) return fail("present", msg("meetings.minutes.errors.present"));
    // Names as they were at the meeting: a correction keeps the names of the version it corrects.
    const earlier = new Map(((latest?.attendance ?? []) as MinutesAttendee[]).map((a) => [a.userId, a.name]));
    const attendance: MinutesAttendee[] = present.sort((a, b) => a - b).map((userId) => ({ userId, name: earlier.get(userId) ?? names.get(userId)! }));
    if (latest) {
      if (input.note === null) return fail("note", msg("meetings.minutes.errors.note"));
      // jsonb orders an object's keys its own way: compare the values, not the stored text.
      const people = (list: MinutesAttendee[]) => list.map((a) => a.userId).join(",");
      const decided = (list: MinutesDecision[]) => JSON.stringify(list.map((d) => [d.ideaId, d.decision]));
      const unchanged =
        latest.body === input.body &&
        people(latest.attendance as MinutesAttendee[]) === people(attendance) &&
        decided(latest.decisions as MinutesDecision[]) === decided(decisions);
      if (unchanged) return fail("body", msg("meetings.minutes.errors.unchanged"));
    }
    const version = (latest?.version ?? 0) + 1;
    await trx
      .insertInto("committee_minutes")
      .values({
        meeting_id: m.id,
        version,
        body: input.body,
        body_html: renderMarkdown(input.body),
        attendance: JSON.stringify(attendance),
        decisions: JSON.stringify(decisions),
        note: input.note ?? "",
        author_id: actor.id,
        created_at: now,
      })
      .execute();
    // The first publication puts the meeting on the timeline of each idea it discussed.
    if (!latest) for (const d of decisions) await appendEvent(trx, { ideaId: d.ideaId, actorId: actor.id, kind: "meeting_discussed", note: meetingPath(m.slug, m.id), at: now });
    return { version };
  },
  audit: ({ subject }, output) => ({ targetType: "committee_meeting", targetId: subject.id, details: { version: output.version } }),
});

export function scheduleMeeting(db: Db, actor: Actor | null, committeeId: number, input: Record<string, unknown>, now = new Date()) {
  return execute(db, Schedule, actor, { target: committeeId, input, now });
}
export function moveMeeting(db: Db, actor: Actor | null, meetingId: number, input: Record<string, unknown>, now = new Date()) {
  return execute(db, Move, actor, { target: meetingId, input, now });
}
export function cancelMeeting(db: Db, actor: Actor | null, meetingId: number, input: Record<string, unknown>, now = new Date()) {
  return execute(db, Cancel, actor, { target: meetingId, input, now });
}
export function publishMinutes(db: Db, actor: Actor | null, meetingId: number, input: Record<string, unknown>, now = new Date()) {
  return execute(db, PublishMinutes, actor, { target: meetingId, input, now });
}
