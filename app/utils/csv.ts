// CSV for the open data: RFC 4180 (comma, CRLF, double quotes doubled inside quoted fields),
// UTF-8 with a byte order mark so that Excel reads Korean correctly, and a defence against
// formula injection: a text cell that starts with = + - @, a tab or a carriage return is read
// as a formula by spreadsheets, so it gets a leading apostrophe (OWASP "CSV injection").
export const BOM = "\uFEFF";
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export type CsvValue = string | number | boolean | Date | null | undefined;

/** One field, quoted when it must be. Numbers and booleans are written as they are. */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  if (typeof value === "boolean") return value ? "true" : "false";
  let text = value instanceof Date ? value.toISOString() : value;
  if (FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(values: readonly CsvValue[]): string {
  return `${values.map(csvCell).join(",")}\r\n`;
}

/** A whole document: BOM, header line, one line per row. */
export function toCsv<K extends string>(columns: readonly K[], rows: readonly Partial<Record<K, CsvValue>>[]): string {
  let out = BOM + csvLine(columns);
  for (const row of rows) out += csvLine(columns.map((c) => row[c]));
  return out;
}
