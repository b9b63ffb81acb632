// Every kind of event an idea's public timeline holds, as one table (decision 041): the message
// that labels it, and what its note is. The idea page's timeline, the open data's events
// (/api/v1/events and .csv) and the Atom feed all label an event through `timelineLabel`, so a
// kind added here is shown and exported everywhere at once; `appendEvent` accepts only these
// kinds, so the compiler asks for a row before a new kind can be written.
import type { TFunction } from "i18next";
import { formatDate, type Locale } from "../../utils/i18n";

/**
 * What an event's note is:
 * - `words`: someone's words (a reason, an interim reply, the rationale of a move), shown under
 *   the label and exported as the note;
 * - `label`: a name or a figure the label itself says ({{note}}, {{name}});
 * - `count`: a number the label says as {{count}} (plural), or that only the record keeps;
 * - `date`: an instant the label says as {{date}} (a new due date);
 * - `link`: the address of the page the event happened on (a committee meeting).
 */
export type NoteRole = "words" | "label" | "count" | "date" | "link";

export interface TimelineKindRecord {
  /** The catalog key of the label (both languages have it: tests/unit/i18n checks the catalogs). */
  label: string;
  note: NoteRole;
}

export const TIMELINE_KINDS = {
  // Submission and the citizen's part.
  submitted: { label: "ideas.event.submitted", note: "words" },
  held: { label: "moderation.event.held", note: "words" },
  edited: { label: "ideas.event.edited", note: "words" },
  threshold_reached: { label: "ideas.event.threshold_reached", note: "count" },
  // Any change of status (approval, fast track, forwarding, answer, implementation, closing...).
  status: { label: "ideas.event.status", note: "words" },
  // Moderation (app/domain/moderation).
  merged_in: { label: "moderation.event.merged_in", note: "label" },
  supports_invalidated: { label: "moderation.event.supports_invalidated", note: "count" },
  supports_reinstated: { label: "moderation.event.supports_reinstated", note: "count" },
  // The committee (app/domain/committees).
  vote_opened: { label: "committees.event.vote_opened", note: "words" },
  vote_extended: { label: "committees.event.vote_extended", note: "words" },
  vote_closed: { label: "committees.event.vote_closed", note: "words" },
  meeting_discussed: { label: "meetings.event.discussed", note: "link" },
  // Reassignment by an admin.
  reassigned_committee: { label: "workflow.event.reassigned_committee", note: "words" },
  reassigned_agency: { label: "workflow.event.reassigned_agency", note: "words" },
  deadline_reset: { label: "workflow.event.deadline_reset", note: "date" },
  // The agency's work (app/domain/agencies, decisions 030, 031, 035, 042).
  assigned: { label: "workflow.event.assigned", note: "label" },
  extended: { label: "workflow.event.extended", note: "words" },
  interim_reply: { label: "workflow.event.interim_reply", note: "words" },
  answer_revised: { label: "workflow.event.answer_revised", note: "words" },
  progress: { label: "workflow.event.progress", note: "label" },
  escalated: { label: "workflow.event.escalated", note: "words" },
  transfer_proposed: { label: "workflow.event.transfer_proposed", note: "words" },
  transfer_accepted: { label: "workflow.event.transfer_accepted", note: "words" },
  transfer_declined: { label: "workflow.event.transfer_declined", note: "words" },
  transfer_lapsed: { label: "workflow.event.transfer_lapsed", note: "words" },
  follow_up_set: { label: "workflow.event.follow_up_set", note: "date" },
  follow_up_extended: { label: "workflow.event.follow_up_extended", note: "words" },
  follow_through_owed: { label: "workflow.event.follow_through_owed", note: "date" },
  // Assisted entry and paper supports (app/domain/assisted, decision 039).
  claimed: { label: "assisted.event.claimed", note: "words" },
  paper_batch: { label: "assisted.event.paper_batch", note: "count" },
  paper_corrected: { label: "assisted.event.paper_corrected", note: "words" },
  paper_voided: { label: "assisted.event.paper_voided", note: "words" },
  in_person: { label: "assisted.event.in_person", note: "words" },
  in_person_voided: { label: "assisted.event.in_person_voided", note: "words" },
} as const satisfies Record<string, TimelineKindRecord>;

export type TimelineKind = keyof typeof TIMELINE_KINDS;

export const ALL_TIMELINE_KINDS = Object.keys(TIMELINE_KINDS) as TimelineKind[];

export interface LabelledEvent {
  kind: string;
  from_status: string | null;
  to_status: string | null;
  note: string | null;
}

function recordOf(kind: string): TimelineKindRecord {
  // A kind no longer written (or written by a newer version) reads as a change of status.
  return (TIMELINE_KINDS as Record<string, TimelineKindRecord>)[kind] ?? TIMELINE_KINDS.status;
}

/** The event's label in the language of `t` (dates in `locale`). */
export function timelineLabel(t: TFunction, e: LabelledEvent, locale: Locale): string {
  const record = recordOf(e.kind);
  const note = e.note ?? "";
  switch (record.note) {
    case "count":
      return t(record.label, { count: Number(note) || 0 });
    case "date":
      return t(record.label, { date: note ? formatDate(note, locale) : "—" });
    case "label":
      return t(record.label, { name: note, note });
    default:
      return t(record.label, {
        from: e.from_status ? t(`status.${e.from_status}`) : "—",
        to: e.to_status ? t(`status.${e.to_status}`) : "—",
      });
  }
}

/** Whether the note is someone's words, shown under the label (else the label says it, or it is a link). */
export function noteIsWords(kind: string): boolean {
  return recordOf(kind).note === "words";
}
