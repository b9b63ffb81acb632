// Numbered pages of a list whose total is known (decision 071): the page asked for in the
// address, the page of rows with the total, and the address of another page that keeps every
// other parameter. A list that can only say whether a next page exists (the officers' history)
// uses the same page number with `pageCount` null. Browser-safe.

/** The deepest page an address may ask for; anything deeper is clamped to the list's last page. */
export const MAX_PAGE = 100_000;

/** One page of a list: its rows, its number (1-based), how many pages and rows there are. */
export interface Paged<T> {
  rows: T[];
  page: number;
  pageSize: number;
  pageCount: number;
  total: number;
}

/**
 * The page number in `params[name]`: a whole number from 1 to MAX_PAGE, else 1 (a page number
 * that is not one — `abc`, `-1`, `0`, `2.5`, empty — shows the first page, never an error).
 */
export function pageParam(params: URLSearchParams, name = "page"): number {
  const value = params.get(name);
  if (value === null || !/^[1-9][0-9]{0,5}$/.test(value)) return 1;
  return Math.min(Number(value), MAX_PAGE);
}

export function pageCountOf(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / pageSize));
}

/**
 * Page `page` of a list: the rows (`fetch(limit, offset)`) and the total read together; a page
 * past the last (the list shrank, or the address was typed) is answered with the last page.
 */
export async function pageOf<T>(page: number, pageSize: number, total: Promise<number> | number, fetch: (limit: number, offset: number) => Promise<T[]>): Promise<Paged<T>> {
  const [count, first] = await Promise.all([total, fetch(pageSize, (page - 1) * pageSize)]);
  const pageCount = pageCountOf(Number(count), pageSize);
  if (page <= pageCount) return { rows: first, page, pageSize, pageCount, total: Number(count) };
  return { rows: await fetch(pageSize, (pageCount - 1) * pageSize), page: pageCount, pageSize, pageCount, total: Number(count) };
}

/**
 * The address's query with `name` set to `value` (removed when null: the pager passes null for
 * page 1), every other parameter kept: `?queue=2&record=3` → `?queue=3&record=3`.
 */
export function withParam(search: string, name: string, value: string | null): string {
  const params = new URLSearchParams(search);
  if (value === null) params.delete(name);
  else params.set(name, value);
  const text = params.toString();
  return text ? `?${text}` : "";
}
