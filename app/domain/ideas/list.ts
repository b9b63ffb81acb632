// The state of the idea list, all of it in the URL: parsed leniently (an unknown value is
// ignored, never an error page) and written back for links.
import type { IdeaStatus } from "../../../db/schema";
import { INTEGER_MAX, isId, SMALLINT_MAX } from "../../utils/ids";
import { SEARCH_MAX } from "../../utils/text";
import { statusesWhere } from "../workflow/statuses";

export const SORTS = ["trending", "top", "new", "closing", "relevance"] as const;
export type Sort = (typeof SORTS)[number];

/** Statuses anyone can list (the status table's). Pending and rejected ideas are never in public lists. */
export const LISTABLE_STATUSES: IdeaStatus[] = statusesWhere((s) => s.listable);
/** What the list shows when no status is chosen: ideas still alive or with an outcome. */
export const DEFAULT_STATUSES: IdeaStatus[] = statusesWhere((s) => s.listedByDefault);

export interface ListParams {
  q: string;
  sort: Sort;
  status: IdeaStatus | null;
  categoryId: number | null;
  regionId: number | null;
  campaignId: number | null;
  cursor: string | null;
  /** A cursor was given that this sort cannot have written (tampered, cut short, from another sort). */
  cursorInvalid: boolean;
}

function id(value: string | null, max = INTEGER_MAX): number | null {
  const n = Number(value);
  return value && isId(n, max) ? n : null;
}

export function parseListParams(params: URLSearchParams): ListParams {
  const q = (params.get("q") ?? "").replace(/\s+/g, " ").trim().slice(0, SEARCH_MAX);
  const sortParam = params.get("sort");
  const sort: Sort = SORTS.includes(sortParam as Sort) ? (sortParam as Sort) : q ? "relevance" : "trending";
  const statusParam = params.get("status");
  const effectiveSort = sort === "relevance" && !q ? "trending" : sort;
  const cursor = params.get("cursor") || null;
  return {
    q,
    sort: effectiveSort,
    status: LISTABLE_STATUSES.includes(statusParam as IdeaStatus) ? (statusParam as IdeaStatus) : null,
    categoryId: id(params.get("category")),
    regionId: id(params.get("region"), SMALLINT_MAX),
    campaignId: id(params.get("campaign")),
    cursor,
    cursorInvalid: cursor !== null && decodeCursor(cursor, CURSOR_SHAPES[effectiveSort]) === null,
  };
}

export function listSearch(params: ListParams, changes: Partial<ListParams> = {}): string {
  const p = { ...params, cursor: null, cursorInvalid: false, ...changes };
  const out = new URLSearchParams();
  if (p.q) out.set("q", p.q);
  if (p.sort !== (p.q ? "relevance" : "trending")) out.set("sort", p.sort);
  if (p.status) out.set("status", p.status);
  if (p.categoryId) out.set("category", String(p.categoryId));
  if (p.regionId) out.set("region", String(p.regionId));
  if (p.campaignId) out.set("campaign", String(p.campaignId));
  if (p.cursor) out.set("cursor", p.cursor);
  const s = out.toString();
  return s ? `?${s}` : "";
}

/**
 * Keyset cursors: the sort values of the last row shown, opaque to people. Each position has a
 * kind, checked before the value goes near SQL: a cursor is client input like any other, and
 * `["abc",1]` cast to a timestamp, or 1e12 to an integer, is a database error (a 500).
 */
export type CursorValue = "int" | "id" | "real" | "instant";

/** What each sort's cursor holds, position by position (the query's ORDER BY). */
export const CURSOR_SHAPES: Record<Sort, readonly CursorValue[]> = {
  trending: ["int", "int", "id"],
  top: ["int", "id"],
  new: ["instant", "id"],
  closing: ["instant", "id"],
  relevance: ["real", "id"],
};

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const INT_MIN = -2_147_483_648;
const REAL_MAX = 3.4e38;

function fits(value: unknown, kind: CursorValue): boolean {
  switch (kind) {
    case "int":
      return typeof value === "number" && Number.isInteger(value) && value >= INT_MIN && value <= INTEGER_MAX;
    case "id":
      return isId(value);
    case "real":
      return typeof value === "number" && Number.isFinite(value) && Math.abs(value) <= REAL_MAX;
    case "instant":
      return typeof value === "string" && ISO_INSTANT.test(value) && new Date(value).toISOString() === value;
  }
}

export function encodeCursor(values: (string | number)[]): string {
  return Buffer.from(JSON.stringify(values)).toString("base64url");
}

/** The cursor's values when they are exactly what `shape` says, else null. */
export function decodeCursor(cursor: string | null, shape: readonly CursorValue[]): (string | number)[] | null {
  if (!cursor || cursor.length > 200 || !/^[A-Za-z0-9_-]+$/.test(cursor)) return null;
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (!Array.isArray(values) || values.length !== shape.length) return null;
    return values.every((v, i) => fits(v, shape[i])) ? (values as (string | number)[]) : null;
  } catch {
    return null;
  }
}
