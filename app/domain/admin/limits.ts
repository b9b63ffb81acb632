// Limits of the administration's forms, shown by the pages (browser-safe: no zod, no server code).

/** The "why" note of a settings change or a page edit. */
export const REASON_MAX = 500;
