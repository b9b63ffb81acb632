// A committee's meetings (decision 029), as pure rules shared by the pages (to show a form) and
// the use cases (to refuse): the chair schedules, moves and cancels a meeting before it starts,
// and publishes (then corrects) its minutes once it has started. Limits and form schemas here.
import { z } from "zod";
import type { MinutesDecision } from "../../../db/schema";
import { parseKoreaTime } from "../campaigns/limits";
import { chairsCommittee, staffRefusal, type Actor, type Refusal } from "../accounts/permissions";
import { noControlChars } from "../../utils/text";

export const MEETING_LIMITS = { place: 200, url: 500, reason: 500, agenda: 20, body: 20_000, decision: 1000, note: 300, aheadDays: 365 } as const;

export type MeetingRefusal = Refusal | "notChair" | "meetingCancelled" | "meetingStarted" | "meetingNotHeld";

export interface MeetingFacts {
  committeeId: number;
  startsAt: Date | string;
  cancelledAt: Date | string | null;
}

function chairRefusal(actor: Actor | null, committeeId: number, now: Date): MeetingRefusal | null {
  const base = staffRefusal(actor, true, now);
  if (base) return base;
  return chairsCommittee(actor, committeeId) ? null : "notChair";
}

/** The chair of the committee schedules its meetings. */
export function scheduleRefusal(actor: Actor | null, committeeId: number, now = new Date()): MeetingRefusal | null {
  return chairRefusal(actor, committeeId, now);
}

/** The chair moves or cancels a meeting that has not started and is not cancelled. */
export function changeMeetingRefusal(actor: Actor | null, m: MeetingFacts, now = new Date()): MeetingRefusal | null {
  const refusal = chairRefusal(actor, m.committeeId, now);
  if (refusal) return refusal;
  if (m.cancelledAt !== null) return "meetingCancelled";
  if (new Date(m.startsAt) <= now) return "meetingStarted";
  return null;
}

/** The chair publishes (or corrects) the minutes of a meeting that took place. */
export function minutesRefusal(actor: Actor | null, m: MeetingFacts, now = new Date()): MeetingRefusal | null {
  const refusal = chairRefusal(actor, m.committeeId, now);
  if (refusal) return refusal;
  if (m.cancelledAt !== null) return "meetingCancelled";
  if (new Date(m.startsAt) > now) return "meetingNotHeld";
  return null;
}

const text = (min: number, max: number, key: string) =>
  z
    .string({ message: key })
    .transform((s) => s.normalize("NFC").replace(/\r\n?/g, "\n").trim())
    .pipe(z.string().refine((s) => s.length >= min, { message: key, params: { min } }).max(max, "errors.tooLong").refine(noControlChars, "errors.controlChars"));

const optional = (max: number) =>
  z
    .string()
    .optional()
    .default("")
    .transform((s) => s.normalize("NFC").trim())
    .pipe(z.string().max(max, "errors.tooLong").refine(noControlChars, "errors.controlChars"))
    .transform((s) => (s === "" ? null : s));

const startsAt = z.string({ message: "meetings.errors.startsAt" }).transform((s, ctx) => {
  const at = parseKoreaTime(s);
  if (!at) {
    ctx.addIssue({ code: "custom", message: "meetings.errors.startsAt" });
    return z.NEVER;
  }
  return at;
});

const onlineUrl = optional(MEETING_LIMITS.url).refine((s) => s === null || /^https?:\/\/[^\s<>"]+$/i.test(s), { message: "meetings.errors.url" });

const ids = z
  .array(z.string().regex(/^\d{1,15}$/, "errors.invalidChoice").transform(Number))
  .max(MEETING_LIMITS.agenda, "meetings.errors.agendaLong");

/** Where: a place, an online link, or both; at least one. */
function somewhere<T extends { place: string | null; onlineUrl: string | null }>(v: T, ctx: z.RefinementCtx) {
  if (v.place === null && v.onlineUrl === null) ctx.addIssue({ code: "custom", path: ["place"], message: "meetings.errors.where" });
}

export const ScheduleMeetingSchema = z
  .object({
    startsAt,
    place: optional(MEETING_LIMITS.place),
    onlineUrl,
    agenda: ids.min(1, "meetings.errors.agenda"),
  })
  .superRefine(somewhere);

export const MoveMeetingSchema = z
  .object({ startsAt, place: optional(MEETING_LIMITS.place), onlineUrl, reason: text(5, MEETING_LIMITS.reason, "meetings.errors.reason") })
  .superRefine(somewhere);

export const CancelMeetingSchema = z.object({ reason: text(5, MEETING_LIMITS.reason, "meetings.errors.reason") });

export const MinutesSchema = z.object({
  body: text(1, MEETING_LIMITS.body, "meetings.minutes.errors.body"),
  present: ids.default([]),
  /** What was decided on each agenda item, by idea id; checked against the agenda by the use case. */
  decisions: z.record(z.string(), text(0, MEETING_LIMITS.decision, "errors.required")).default({}),
  note: optional(MEETING_LIMITS.note),
});

/**
 * The minutes as one text, for the changes between two versions: attendance, each agenda
 * item's decision, then the body. Names come from the version, so an old version reads as it was.
 */
export function minutesText(
  m: { attendance: { name: string }[]; decisions: MinutesDecision[]; body: string },
  titles: Map<number, string>,
  labels: { present: string; decision: string },
): string {
  const lines = [`${labels.present}: ${m.attendance.map((a) => a.name).join(", ")}`];
  for (const d of m.decisions) lines.push(`${labels.decision} — ${titles.get(d.ideaId) ?? `#${d.ideaId}`}: ${d.decision}`);
  return [...lines, "", m.body].join("\n");
}
