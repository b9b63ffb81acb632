// The meeting forms' schemas (decision 029); the limits they check are in ./meetings, which the
// pages import without zod (decision 025).
import { z } from "zod";
import { multiLine, noControlChars, trimmed } from "../../utils/text";
import { MEETING_LIMITS } from "./meetings";
import { parseKoreaTime } from "../../utils/korea-time";
import { parseId } from "../../utils/ids";

const text = (min: number, max: number, key: string) =>
  z
    .string({ message: key })
    .transform(multiLine)
    .pipe(z.string().refine((s) => s.length >= min, { message: key, params: { min } }).max(max, "errors.tooLong").refine(noControlChars, "errors.controlChars"));

const optional = (max: number) =>
  z
    .string()
    .optional()
    .default("")
    .transform(trimmed)
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
  .array(z.string().refine((s) => parseId(s) !== null, "errors.invalidChoice").transform(Number))
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
  .object({ startsAt, place: optional(MEETING_LIMITS.place), onlineUrl, reason: text(MEETING_LIMITS.reasonMin, MEETING_LIMITS.reason, "meetings.errors.reason") })
  .superRefine(somewhere);

export const CancelMeetingSchema = z.object({ reason: text(MEETING_LIMITS.reasonMin, MEETING_LIMITS.reason, "meetings.errors.reason") });

export const MinutesSchema = z.object({
  body: text(1, MEETING_LIMITS.body, "meetings.minutes.errors.body"),
  present: ids.default([]),
  /** What was decided on each agenda item, by idea id; checked against the agenda by the use case. */
  decisions: z.record(z.string(), text(0, MEETING_LIMITS.decision, "errors.required")).default({}),
  note: optional(MEETING_LIMITS.note),
});
