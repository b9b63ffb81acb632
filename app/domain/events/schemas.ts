// The event forms' schemas. The limits and choices the forms show are in ./limits (browser-safe,
// without zod: docs/decisions/025-compression-and-page-weight.md).
import { z } from "zod";
import { INTEGER_MAX, SMALLINT_MAX } from "../../utils/ids";
import { multiLine, noControlChars } from "../../utils/text";
import { EVENT_KINDS, EVENT_LIMITS } from "./limits";
import { parseKoreaTime } from "../../utils/korea-time";

const text = (max: number) =>
  z
    .string({ message: "errors.required" })
    .transform(multiLine)
    .pipe(z.string().min(1, "errors.required").max(max, "errors.tooLong").refine(noControlChars, "errors.controlChars"));

const optionalText = (max: number) =>
  z
    .string()
    .optional()
    .transform((s) => multiLine(s ?? ""))
    .pipe(z.string().max(max, "errors.tooLong").refine(noControlChars, "errors.controlChars"));

const koreaTime = z
  .string({ message: "errors.required" })
  .trim()
  .min(1, "errors.required")
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, "events.errors.time")
  .transform(parseKoreaTime)
  .refine((d): d is Date => d !== null, "events.errors.time");

const checkbox = z
  .string()
  .optional()
  .transform((v) => v === "on" || v === "true" || v === "1");

/** "operator", "committee:3" or "agency:5" → who organises. */
const organiser = z
  .string({ message: "errors.required" })
  .regex(/^(operator|committee:\d{1,9}|agency:\d{1,9})$/, "errors.invalidChoice")
  .transform((v) => {
    const [kind, id] = v.split(":");
    return { committeeId: kind === "committee" ? Number(id) : null, agencyId: kind === "agency" ? Number(id) : null };
  });

export const EventSchema = z
  .object({
    organiser,
    kind: z.enum(EVENT_KINDS, { message: "errors.invalidChoice" }),
    titleKo: text(EVENT_LIMITS.title),
    titleEn: optionalText(EVENT_LIMITS.title),
    descriptionKo: optionalText(EVENT_LIMITS.description),
    descriptionEn: optionalText(EVENT_LIMITS.description),
    startsAt: koreaTime,
    endsAt: koreaTime,
    regionId: z
      .string()
      .optional()
      .transform((v) => (v ? Number(v) : null))
      .pipe(z.number({ message: "errors.invalidChoice" }).int("errors.invalidChoice").positive("errors.invalidChoice").max(SMALLINT_MAX, "errors.invalidChoice").nullable()),
    place: optionalText(EVENT_LIMITS.place),
    address: optionalText(EVENT_LIMITS.address),
    onlineUrl: optionalText(EVENT_LIMITS.url).refine((u) => u === "" || /^https?:\/\/[^\s]+$/.test(u), "events.errors.url"),
    stepFree: checkbox,
    signLanguage: checkbox,
    captioning: checkbox,
    interpretation: optionalText(EVENT_LIMITS.interpretation),
    accessNotes: optionalText(EVENT_LIMITS.accessNotes),
    capacity: z
      .string()
      .optional()
      .transform((v) => (v && v.trim() ? Number(v.trim()) : null))
      .pipe(z.number({ message: "events.errors.capacity" }).int("events.errors.capacity").positive("events.errors.capacity").max(EVENT_LIMITS.capacity, "events.errors.capacity").nullable()),
  })
  .superRefine((e, ctx) => {
    // The times may have failed their own checks (zod still runs this): compare only real dates.
    const times = e.startsAt instanceof Date && e.endsAt instanceof Date;
    if (times && e.endsAt.getTime() <= e.startsAt.getTime()) ctx.addIssue({ code: "custom", path: ["endsAt"], message: "events.errors.endsBeforeStart" });
    if (e.kind === "online" && !e.onlineUrl) ctx.addIssue({ code: "custom", path: ["onlineUrl"], message: "events.errors.onlineUrlRequired" });
    if (e.kind !== "online" && !e.place) ctx.addIssue({ code: "custom", path: ["place"], message: "events.errors.placeRequired" });
  });

export type EventInput = z.infer<typeof EventSchema>;

export const CancelEventSchema = z.object({ reason: text(EVENT_LIMITS.reason) });

const id = z.coerce.number({ message: "errors.invalidChoice" }).int("errors.invalidChoice").positive("errors.invalidChoice").max(Number.MAX_SAFE_INTEGER, "errors.invalidChoice");

export const AttendanceSchema = z.object({
  registrationId: id,
  attended: z.enum(["yes", "no"], { message: "errors.invalidChoice" }).transform((v) => v === "yes"),
});

/** "12, /ideas/15 https://…/ideas/20" → [12, 15, 20]: the ideas discussed, by number or address. */
const ideaList = z
  .string()
  .optional()
  .transform((v) => [...new Set((v ?? "").replace(/https?:\/\/[^/\s]+/g, "").match(/\d{1,15}/g)?.map(Number) ?? [])])
  .pipe(z.array(z.number().int().positive().max(Number.MAX_SAFE_INTEGER)).max(EVENT_LIMITS.ideas, "events.errors.tooManyIdeas"));

export const MinutesSchema = z.object({
  body: text(EVENT_LIMITS.minutes),
  attendance: z.coerce
    .number({ message: "events.errors.attendance" })
    .int("events.errors.attendance")
    .min(0, "events.errors.attendance")
    .max(INTEGER_MAX, "events.errors.attendance"),
  facilitator: text(EVENT_LIMITS.facilitator),
  ideas: ideaList,
  note: optionalText(EVENT_LIMITS.note),
  /** The version the form was written from (0: none yet). */
  baseVersion: z.coerce.number({ message: "errors.invalidChoice" }).int("errors.invalidChoice").min(0, "errors.invalidChoice").max(INTEGER_MAX, "errors.invalidChoice"),
});
