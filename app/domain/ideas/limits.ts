// The idea form: limits and choices the pages show and the schemas check, without zod, so that
// the browser's bundle does not carry the validation library (docs/decisions/025-compression-and-page-weight.md).

export const TITLE_MIN = 5;
export const TITLE_MAX = 120;
export const BODY_MIN = 30;
export const BODY_MAX = 10_000;
/** The author's optional word when withdrawing an idea. */
export const WITHDRAW_NOTE_MAX = 1000;
/** The limits the form's hints state (`{{min}}`, `{{max}}` in the catalogs). */
export const IDEA_LENGTHS = { title: { min: TITLE_MIN, max: TITLE_MAX }, body: { min: BODY_MIN, max: BODY_MAX } };
export const IDEA_FIELDS = ["title", "body", "categoryId", "regionId", "campaignId"] as const;
/** The longest excerpt of a longer text (a recommendation's rationale, an interim reply) kept as a timeline note. */
export const TIMELINE_NOTE_MAX = 300;
