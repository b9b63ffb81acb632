// How long a pasted receipt may be: longer than any receipt (a proof has at most 64 steps). The
// verify page's form uses it in the browser too (to cut a file read into the field), so it lives
// outside the .server module, which the browser's build replaces with an empty one (decision 076).
export const RECEIPT_MAX_CHARS = 20_000;
