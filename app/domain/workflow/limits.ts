// The staff forms of the pipeline: limits the pages state in hints and the schemas check, without
// zod (decision 025); the messages interpolate them (decision 021).

/** A committee's recommendation: its public rationale. */
export const RATIONALE = { min: 20, max: 10_000 } as const;
/** An agency's official answer (a private draft may be shorter: it needs only one character). */
export const ANSWER = { min: 100, max: 20_000 } as const;
/** A progress report on an accepted idea. */
export const PROGRESS_NOTE = { min: 10, max: 5_000 } as const;
/** The reason for reassigning an idea to another committee or agency. */
export const REASSIGN_REASON = { min: 10, max: 2_000 } as const;
