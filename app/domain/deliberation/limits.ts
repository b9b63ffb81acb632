// The discussion forms: limits and choices the pages show and the schemas check, without zod, so that
// the browser's bundle does not carry the validation library (docs/decisions/025-compression-and-page-weight.md).

export const POST_MAX = 5_000;
export const THREAD_TITLE_MIN = 5;
export const THREAD_TITLE_MAX = 120;
export const REASON_MIN = 5;
export const REASON_MAX = 500;
export const STANCES = ["for", "against", "neutral"] as const;
export const THREAD_FIELDS = ["title", "body", "stance"] as const;
