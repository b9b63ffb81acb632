// What people may type into a text field.

/**
 * Characters no one types into a form: control characters other than tab and line breaks, DEL,
 * and the bidirectional overrides and isolates that make text read differently from what it is.
 */
const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u202A-\u202E\u2066-\u2069]/;
const ALL_CONTROL_CHARS = /[\u0000-\u001F\u007F\u202A-\u202E\u2066-\u2069]/g;

/** True when the text holds none of them (for a schema's `refine`). */
export function noControlChars(text: string): boolean {
  return !CONTROL_CHARS.test(text);
}

/** Line breaks as \n, as an HTML parser reads them ("\r\n" and a lone "\r" alike). */
export function unixLineEnds(text: string): string {
  return text.replace(/\r\n?/g, "\n");
}

/** Several lines of text as they are kept: Unicode NFC, line breaks as \n, trimmed (inner spacing kept). */
export function multiLine(text: string): string {
  return unixLineEnds(text.normalize("NFC")).trim();
}

/** A short text kept as typed: Unicode NFC, trimmed (inner spacing kept, unlike oneLine). */
export function trimmed(text: string): string {
  return text.normalize("NFC").trim();
}

/** A plain text cut to at most `max` characters, its end marked "…" when cut (a note, a log's value). */
export function cutText(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** One line of text as it is kept: Unicode NFC, each run of white space one space, trimmed. */
export function oneLine(text: string): string {
  return text.normalize("NFC").replace(/\s+/g, " ").trim();
}

/** The longest search a box sends; a longer one is cut (searchText), no message. */
export const SEARCH_MAX = 100;

/** A search box's text as a query may use it: no control characters (NUL included), at most `max` characters. */
export function searchText(raw: string | null, max = SEARCH_MAX): string {
  return (raw ?? "").replace(ALL_CONTROL_CHARS, "").slice(0, max);
}

/**
 * The `maxLength` of a form field whose text the server limits to `limit` characters: the limit
 * plus some slack, a tenth of it and at least 20. Why slack at all: a browser cuts pasted text at
 * `maxLength` without a word, so a text a little too long would lose its end in silence; with
 * slack the server receives it and answers next to the field with the limit, keeping what was
 * typed. Why any `maxLength` at all: so that a field never takes megabytes. Every form writes
 * its `maxLength` through this (tests/unit/input-slack.test.ts), never a slack of its own.
 */
export function maxLengthFor(limit: number): number {
  return limit + Math.max(20, Math.ceil(limit / 10));
}
