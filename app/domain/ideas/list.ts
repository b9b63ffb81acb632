// The state of the idea list, all of it in the URL: parsed leniently (an unknown value is
// ignored, never an error page) and written back for links.
import type { IdeaStatus } from "../../../db/schema";
import { INTEGER_MAX, isId, SMALLINT_MAX } from "../../utils/ids";

export const SORTS = ["trending", "top", "new", "closing", "relevance"] as const;
export type Sort = (typeof SORTS)[number];

/** Statuses anyone can list. Pending and rejected ideas are never in public lists. */
export const LISTABLE_STATUSES: IdeaStatus[] = [
  "open",
  "fast_tracked",
  "in_deliberation",
  "under_review",
  "answered",
  "implementing",
  "implemented",
  "closed",
  "expired",
  "withdrawn",
  "merged",
];
/** What the list shows when no status is chosen: ideas still alive or with an outcome. */
export const DEFAULT_STATUSES: IdeaStatus[] = LISTABLE_STATUSES.filter((s) => s !== "withdrawn" && s !== "merged");

export interface ListParams {
  q: string;
  sort: Sort;
  status: IdeaStatus | null;
  categoryId: number | null;
  regionId: number | null;
  campaignId: number | null;
  cursor: string | null;
}

function id(value: string | null, max = INTEGER_MAX): number | null {
  const n = Number(value);
  return value && isId(n, max) ? n : null;
}

export function parseListParams(params: URLSearchParams): ListParams {
  const q = (params.get("q") ?? "").replace(/\s+/g, " ").trim().slice(0, 100);
  const sortParam = params.get("sort");
  const sort: Sort = SORTS.includes(sortParam as Sort) ? (sortParam as Sort) : q ? "relevance" : "trending";
  const statusParam = params.get("status");
  return {
    q,
    sort: sort === "relevance" && !q ? "trending" : sort,
    status: LISTABLE_STATUSES.includes(statusParam as IdeaStatus) ? (statusParam as IdeaStatus) : null,
    categoryId: id(params.get("category")),
    regionId: id(params.get("region"), SMALLINT_MAX),
    campaignId: id(params.get("campaign")),
    cursor: params.get("cursor")?.slice(0, 200) || null,
  };
}

export function listSearch(params: ListParams, changes: Partial<ListParams> = {}): string {
  const p = { ...params, cursor: null, ...changes };
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

/** Keyset cursors: the sort values of the last row shown, opaque to people. */
export function encodeCursor(values: (string | number)[]): string {
  return Buffer.from(JSON.stringify(values)).toString("base64url");
}

export function decodeCursor(cursor: string | null, length: number): (string | number)[] | null {
  if (!cursor) return null;
  try {
    const values = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (!Array.isArray(values) || values.length !== length) return null;
    if (!values.every((v) => (typeof v === "number" && Number.isFinite(v)) || (typeof v === "string" && v.length < 64))) return null;
    return values;
  } catch {
    return null;
  }
}
