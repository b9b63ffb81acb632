// Ids as the database stores them. Reference tables (categories, committees, agencies,
// campaigns, blocked terms) use `integer`, regions `smallint`, the rest `bigint`. A number past
// a column's range is no id of ours, and sending it to PostgreSQL would be an error (a 500), not
// "not found": the schemas and use cases refuse it first. Browser-safe.
export const INTEGER_MAX = 2_147_483_647;
export const SMALLINT_MAX = 32_767;

/** Slugs in addresses (campaigns, committees, agencies): anything else names nothing. */
export function isSlug(value: unknown): value is string {
  return typeof value === "string" && /^[a-z0-9][a-z0-9-]{0,99}$/.test(value);
}

/**
 * An id written as text (an address's segment, a form's field, a query's parameter): 1 to 15
 * digits naming a positive whole number the column can hold, else null. The one id parser: a
 * route turns null into a 404 (idParam in http.server.ts), a form into "not found" or its
 * field's message.
 */
export function parseId(text: unknown, max: number = Number.MAX_SAFE_INTEGER): number | null {
  if (typeof text !== "string" || !/^\d{1,15}$/.test(text)) return null;
  const n = Number(text);
  return isId(n, max) ? n : null;
}

/** A positive whole number the column can hold (bigint columns: any safe integer). */
export function isId(value: unknown, max: number = Number.MAX_SAFE_INTEGER): value is number {
  return typeof value === "number" && Number.isSafeInteger(value) && value > 0 && value <= max;
}
