// The agencies' forms: limits the pages state in hints and the schemas check, without zod
// (decision 025); the messages interpolate them (decision 021).

/** The public reason for extending a step's deadline. */
export const EXTENSION_REASON = { min: 50, max: 2_000 } as const;
/** An interim reply (public; the status does not change). */
export const INTERIM_REPLY = { min: 20, max: 5_000 } as const;
/** The public reason for revising a published answer. */
export const REVISION_REASON = { min: 20, max: 2_000 } as const;
/** The reason for proposing or declining a transfer to another agency. */
export const TRANSFER_REASON = { min: 20, max: 2_000 } as const;
/** A private staff note. */
export const STAFF_NOTE_MAX = 5_000;
/** A citizen's comment with a follow-through rating. */
export const RATING_COMMENT_MAX = 1_000;
/** A holiday's name, in either language. */
export const HOLIDAY_NAME_MAX = 100;
