// The open data API's query parameters. Strict, unlike the pages: a parameter that cannot be
// understood is answered with 400 and a message naming it, so that a script author sees the
// mistake instead of silently getting everything. Unknown parameters are ignored.
import type { IdeaStatus } from "../../../db/schema";
import { decodeCursor } from "../ideas/list";
import { LISTABLE_STATUSES } from "../ideas/list";
import { ALL_TIMELINE_KINDS, type TimelineKind } from "../ideas/timeline-kinds";
import { KOREA_UTC_OFFSET } from "../../utils/korea-time";
import { isSlug, parseId } from "../../utils/ids";

export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1000;

export type Parsed<T> = { ok: true; value: T } | { ok: false; parameter: string; message: string };

function bad(parameter: string, message: string): { ok: false; parameter: string; message: string } {
  return { ok: false, parameter, message };
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** An ISO 8601 date or date-time; a date alone, or a time without an offset, is Korea time. */
export function parseInstant(value: string): Date | null {
  if (!ISO_DATE.test(value)) return null;
  let text = value.replace(" ", "T");
  if (text.length === 10) text += "T00:00:00";
  if (!/(Z|[+-]\d{2}:?\d{2})$/.test(text)) text += KOREA_UTC_OFFSET;
  const date = new Date(text);
  if (Number.isNaN(date.getTime()) || date.getUTCFullYear() < 2000 || date.getUTCFullYear() > 2100) return null;
  // Reject dates that JavaScript rolled over (2026-02-31 becomes 2026-03-03).
  const [y, m, d] = value.slice(0, 10).split("-").map(Number);
  const check = new Date(Date.UTC(y, m - 1, d));
  if (check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d) return null;
  return date;
}

export interface PageParams {
  /** The id after which the page starts (the keyset cursor). */
  after: number | null;
  limit: number;
}

export function parsePage(search: URLSearchParams): Parsed<PageParams> {
  const cursor = search.get("cursor");
  let after: number | null = null;
  if (cursor !== null && cursor !== "") {
    const values = decodeCursor(cursor, ["id"]);
    if (!values) {
      return bad("cursor", "The cursor is not valid. Use the `next` link of the previous page as it is.");
    }
    after = values[0] as number;
  }
  const limitText = search.get("limit");
  let limit = DEFAULT_LIMIT;
  if (limitText !== null && limitText !== "") {
    if (!/^\d{1,7}$/.test(limitText) || Number(limitText) < 1 || Number(limitText) > MAX_LIMIT) {
      return bad("limit", `The limit must be a whole number from 1 to ${MAX_LIMIT}.`);
    }
    limit = Number(limitText);
  }
  return { ok: true, value: { after, limit } };
}

export function parseFormat(search: URLSearchParams, fallback: "json" | "csv"): Parsed<"json" | "csv"> {
  const format = search.get("format");
  if (format === null || format === "") return { ok: true, value: fallback };
  if (format === "json" || format === "csv") return { ok: true, value: format };
  return bad("format", "The format must be json or csv.");
}

/** A comma-separated list of names out of `allowed` (a status, a kind of event). */
function listOf<T extends string>(search: URLSearchParams, name: string, allowed: readonly T[], what: string): Parsed<T[] | null> {
  const text = search.get(name);
  if (text === null || text === "") return { ok: true, value: null };
  const list = text.split(",").map((s) => s.trim());
  const unknown = list.find((s) => !allowed.includes(s as T));
  if (unknown !== undefined) {
    return bad(name, `Unknown ${what} "${unknown.slice(0, 40)}". Use one or more of: ${allowed.join(", ")} (comma-separated).`);
  }
  return { ok: true, value: list as T[] };
}

const statuses = (search: URLSearchParams, name: string): Parsed<IdeaStatus[] | null> => listOf(search, name, LISTABLE_STATUSES, "status");

function code(search: URLSearchParams, name: string, what: string): Parsed<string | null> {
  const text = search.get(name);
  if (text === null || text === "") return { ok: true, value: null };
  if (!isSlug(text)) return bad(name, `The ${name} must be a ${what} (lower-case letters, digits and hyphens).`);
  return { ok: true, value: text };
}

function instant(search: URLSearchParams, name: string): Parsed<Date | null> {
  const text = search.get(name);
  if (text === null || text === "") return { ok: true, value: null };
  const date = parseInstant(text);
  if (!date) return bad(name, `The ${name} must be an ISO 8601 date or date-time, such as 2026-05-01 or 2026-05-01T09:00:00${KOREA_UTC_OFFSET}.`);
  return { ok: true, value: date };
}

function id(search: URLSearchParams, name: string): Parsed<number | null> {
  const text = search.get(name);
  if (text === null || text === "") return { ok: true, value: null };
  const value = parseId(text);
  if (value === null) return bad(name, `The ${name} must be a positive whole number.`);
  return { ok: true, value };
}

export interface IdeaExportParams extends PageParams {
  statuses: IdeaStatus[] | null;
  category: string | null;
  region: string | null;
  campaign: string | null;
  updatedSince: Date | null;
}

export function parseIdeaExport(search: URLSearchParams): Parsed<IdeaExportParams> {
  const page = parsePage(search);
  if (!page.ok) return page;
  const s = statuses(search, "status");
  if (!s.ok) return s;
  const category = code(search, "category", "category slug");
  if (!category.ok) return category;
  const region = code(search, "region", "region code");
  if (!region.ok) return region;
  const campaign = code(search, "campaign", "campaign slug");
  if (!campaign.ok) return campaign;
  const since = instant(search, "updated_since");
  if (!since.ok) return since;
  return {
    ok: true,
    value: { ...page.value, statuses: s.value, category: category.value, region: region.value, campaign: campaign.value, updatedSince: since.value },
  };
}

export interface EventExportParams extends PageParams {
  idea: number | null;
  campaign: string | null;
  /** Only these kinds of timeline event (null: every kind). */
  kinds: TimelineKind[] | null;
  /** Only moves into these statuses (the events of kind `submitted` or `status`). */
  statuses: IdeaStatus[] | null;
  since: Date | null;
}

export function parseEventExport(search: URLSearchParams): Parsed<EventExportParams> {
  const page = parsePage(search);
  if (!page.ok) return page;
  const idea = id(search, "idea");
  if (!idea.ok) return idea;
  const campaign = code(search, "campaign", "campaign slug");
  if (!campaign.ok) return campaign;
  const kinds = listOf(search, "kind", ALL_TIMELINE_KINDS, "kind");
  if (!kinds.ok) return kinds;
  const s = statuses(search, "status");
  if (!s.ok) return s;
  const since = instant(search, "since");
  if (!since.ok) return since;
  return { ok: true, value: { ...page.value, idea: idea.value, campaign: campaign.value, kinds: kinds.value, statuses: s.value, since: since.value } };
}
