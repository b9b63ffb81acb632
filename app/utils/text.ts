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

/** Several lines of text as they are kept: Unicode NFC, line breaks as \n, trimmed (inner spacing kept). */
export function multiLine(text: string): string {
  return text.normalize("NFC").replace(/\r\n?/g, "\n").trim();
}

/** One line of text as it is kept: Unicode NFC, each run of white space one space, trimmed. */
export function oneLine(text: string): string {
  return text.normalize("NFC").replace(/\s+/g, " ").trim();
}

/** A search box's text as a query may use it: no control characters (NUL included), at most `max` characters. */
export function searchText(raw: string | null, max = 100): string {
  return (raw ?? "").replace(ALL_CONTROL_CHARS, "").slice(0, max);
}
