// The event forms' limits and choices, which the forms show and the schemas (./schemas) check;
// without zod, so that the browser's bundle does not carry the validation library
// (docs/decisions/025-compression-and-page-weight.md). Times are typed in Korea time (a
// `datetime-local` field, no offset), read and shown by app/utils/korea-time.ts.

export const EVENT_KINDS = ["forum", "town_hall", "booth", "online"] as const;

export const EVENT_LIMITS = {
  title: 150,
  description: 10_000,
  place: 150,
  address: 300,
  url: 500,
  interpretation: 200,
  accessNotes: 1_000,
  capacity: 100_000,
  reason: 500,
  minutes: 50_000,
  facilitator: 120,
  note: 500,
  ideas: 50,
} as const;

/** The form fields the event form sends. */
export const EVENT_FIELDS = [
  "organiser", "kind", "titleKo", "titleEn", "descriptionKo", "descriptionEn", "startsAt", "endsAt", "regionId",
  "place", "address", "onlineUrl", "stepFree", "signLanguage", "captioning", "interpretation", "accessNotes", "capacity",
] as const;
