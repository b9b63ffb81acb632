// A committee's meetings (decision 029), as pure rules shared by the pages (to show a form) and
// the use cases (to refuse): the chair schedules, moves and cancels a meeting before it starts,
// and publishes (then corrects) its minutes once it has started. Limits here; the form schemas are
// in ./meetings-schemas (zod stays out of the browser: decision 025).
import type { MinutesDecision } from "../../../db/schema";
import { chairsCommittee, staffRefusal, type Actor, type Refusal } from "../accounts/permissions";

export const MEETING_LIMITS = { place: 200, url: 500, reason: 500, reasonMin: 5, agenda: 20, body: 20_000, decision: 1000, note: 300, aheadDays: 365 } as const;

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
