// The open data endpoints, shared by their JSON and CSV routes: parse, look up, answer.
import type { AppLoadContext } from "@remix-run/node";
import { apiBadRequest, apiCsv, apiJson, apiNotFound, CORS_HEADERS, preflight, publicLink } from "../utils/api.server";
import type { CsvValue } from "../utils/csv";
import { isLocale, translator, type Locale } from "../utils/i18n";
import { getSettings } from "../domain/settings.server";
import { cachedDashboard } from "../domain/stats/cache.server";
import type { Dashboard } from "../domain/stats/dashboard";
import { parseStatsParams } from "../domain/stats/period";
import { campaignBySlug, resolveScope } from "../domain/stats/queries.server";
import { atomXml } from "../domain/opendata/atom";
import { noteIsWords, timelineLabel } from "../domain/ideas/timeline-kinds";
import { EVENT_FIELDS, exportEvents, exportIdeas, feedEntries, IDEA_FIELDS, lookup } from "../domain/opendata/queries.server";
import { parseEventExport, parseFormat, parseIdeaExport } from "../domain/opendata/params";
import { parseRootRange, publishedDay, publishedRoots, ROOT_FIELDS } from "../domain/receipts/queries.server";
import { monthBounds, monthFigures, monthOf, rejectedIdeas, type MonthFigures } from "../domain/admin/transparency.server";
import { API_CACHE, cacheControl } from "../utils/http.server";
import { isSlug } from "../utils/ids";

/** The licence the operator sets (setting `open_data_licence`), named in every answer. */
async function licence(context: AppLoadContext): Promise<string> {
  return (await getSettings(context.services.db)).open_data_licence;
}

type Format = "json" | "csv" | "query";

/** Reads ?format= when the URL does not name the format itself (the .csv routes do). */
function formatOf(request: Request, format: Format): "json" | "csv" | Response {
  if (format !== "query") return format;
  const parsed = parseFormat(new URL(request.url).searchParams, "json");
  return parsed.ok ? parsed.value : apiBadRequest(parsed.parameter, parsed.message);
}

function nextLink(request: Request, context: AppLoadContext, cursor: string | null): string | null {
  return cursor ? publicLink(request, context.services.config.publicUrl, { cursor }) : null;
}

export async function ideasEndpoint(request: Request, context: AppLoadContext, format: Format): Promise<Response> {
  if (request.method === "OPTIONS") return preflight();
  const as = formatOf(request, format);
  if (as instanceof Response) return as;
  const parsed = parseIdeaExport(new URL(request.url).searchParams);
  if (!parsed.ok) return apiBadRequest(parsed.parameter, parsed.message);
  const { db, config } = context.services;
  const p = parsed.value;
  const [category, region, campaign] = await Promise.all([
    lookup(db, "categories", p.category, "category"),
    lookup(db, "regions", p.region, "region"),
    lookup(db, "campaigns", p.campaign, "campaign"),
  ]);
  for (const l of [category, region, campaign]) if (!l.ok) return apiBadRequest(l.parameter, l.message);
  const id = (l: typeof category) => (l.ok ? l.id : null);
  const { records, nextCursor } = await exportIdeas(db, p, { categoryId: id(category), regionId: id(region), campaignId: id(campaign) }, config.publicUrl);
  const next = nextLink(request, context, nextCursor);
  if (as === "csv") return apiCsv("ideas.csv", IDEA_FIELDS, records, next);
  return apiJson({ licence: await licence(context), count: records.length, next, data: records }, next);
}

export async function eventsEndpoint(request: Request, context: AppLoadContext, format: Format): Promise<Response> {
  if (request.method === "OPTIONS") return preflight();
  const as = formatOf(request, format);
  if (as instanceof Response) return as;
  const parsed = parseEventExport(new URL(request.url).searchParams);
  if (!parsed.ok) return apiBadRequest(parsed.parameter, parsed.message);
  const { db, config } = context.services;
  const campaign = await lookup(db, "campaigns", parsed.value.campaign, "campaign");
  if (!campaign.ok) return apiBadRequest(campaign.parameter, campaign.message);
  const { records, nextCursor } = await exportEvents(db, parsed.value, { campaignId: campaign.id }, config.publicUrl);
  const next = nextLink(request, context, nextCursor);
  if (as === "csv") return apiCsv("events.csv", EVENT_FIELDS, records, next);
  return apiJson({ licence: await licence(context), count: records.length, next, data: records }, next);
}

export const STATS_FIELDS = ["section", "key", "metric", "value"] as const;

/** The dashboard as long ("tidy") rows: one number per line, easy to filter in a spreadsheet. */
export function statsRows(d: Dashboard): Record<(typeof STATS_FIELDS)[number], CsvValue>[] {
  const rows: Record<(typeof STATS_FIELDS)[number], CsvValue>[] = [];
  const add = (section: string, key: string | null, metric: string, value: number | null) => rows.push({ section, key, metric, value });
  for (const [metric, value] of Object.entries(d.totals)) add("totals", null, metric, value);
  for (const w of d.ideasPerWeek) add("ideas_per_week", w.week, "ideas", w.count);
  for (const w of d.supportsPerWeek) add("supports_per_week", w.week, "supports", w.count);
  for (const f of d.funnel) add("funnel", f.step, "ideas", f.count);
  for (const s of d.durations) {
    add("durations", s.step, "ideas", s.count);
    add("durations", s.step, "median_days", s.medianDays);
    add("durations", s.step, "p90_days", s.p90Days);
  }
  for (const [section, bodies] of [["committees", d.committees], ["agencies", d.agencies]] as const) {
    for (const b of bodies) {
      add(section, b.slug, "on_hand", b.onHand);
      add(section, b.slug, "overdue", b.overdue);
      add(section, b.slug, "answered", b.answered);
      add(section, b.slug, "on_time", b.onTime);
      add(section, b.slug, "on_time_rate", b.onTimeRate === null ? null : Math.round(b.onTimeRate * 1000) / 1000);
      if ("outcomes" in b) for (const [o, n] of Object.entries(b.outcomes)) add(section, b.slug, `outcome_${o}`, n);
    }
  }
  for (const o of d.outcomes) add("outcomes", o.outcome, "ideas", o.count);
  for (const r of d.regions) add("supports_by_region", r.code ?? "none", "supports", r.supports);
  return rows;
}

export async function statsEndpoint(request: Request, context: AppLoadContext, format: Format): Promise<Response> {
  if (request.method === "OPTIONS") return preflight();
  const as = formatOf(request, format);
  if (as instanceof Response) return as;
  const { params, errors } = parseStatsParams(new URL(request.url).searchParams);
  const t = translator("en");
  for (const [parameter, key] of Object.entries(errors)) return apiBadRequest(parameter, t(key));
  const { scope, campaignError } = await resolveScope(context.services.db, params);
  if (campaignError) return apiBadRequest("campaign", t("stats.errors.unknownCampaign"));
  const dashboard = await cachedDashboard(context.services.db, scope, new Date(), context.services.primary);
  if (as === "csv") return apiCsv("stats.csv", STATS_FIELDS, statsRows(dashboard));
  return apiJson({ licence: await licence(context), ...dashboard });
}

/** A month's moderation figures (/transparency) as lines: section, key, metric, value. */
function transparencyRows(f: MonthFigures): Record<(typeof STATS_FIELDS)[number], CsvValue>[] {
  const rows: Record<(typeof STATS_FIELDS)[number], CsvValue>[] = [];
  const add = (section: string, key: string, metric: string, value: CsvValue) => rows.push({ section, key, metric, value });
  for (const d of f.decisions) add("decisions", `${d.decision}:${d.reason}`, "count", d.count);
  add("timing", "report_to_decision", "median_hours", f.medianHoursToDecision);
  add("timing", "report_to_decision", "items", f.decided);
  add("timing", "held_idea_wait", "median_hours", f.medianHoursHeld);
  add("timing", "held_idea_wait", "ideas", f.held);
  add("automatic_hides", "all", "count", f.autoHides);
  add("automatic_hides", "all", "reversed", f.autoHidesReversed);
  for (const i of f.invalidations) {
    add("supports_invalidated", i.reason, "batches", i.batches);
    add("supports_invalidated", i.reason, "supports", i.supports);
    add("supports_invalidated", i.reason, "reinstated", i.reinstated);
  }
  add("appeals", "all", "received", f.appeals.received);
  add("appeals", "all", "upheld", f.appeals.upheld);
  add("appeals", "all", "reversed", f.appeals.reversed);
  return rows;
}

/** GET /api/v1/transparency (JSON) and .csv: a month's moderation figures (?month=YYYY-MM, Korea time). */
export async function transparencyEndpoint(request: Request, context: AppLoadContext, format: Format): Promise<Response> {
  if (request.method === "OPTIONS") return preflight();
  const as = formatOf(request, format);
  if (as instanceof Response) return as;
  const month = new URL(request.url).searchParams.get("month") ?? monthOf(new Date());
  if (!monthBounds(month)) return apiBadRequest("month", "month must be YYYY-MM, between 2000 and 2100.");
  const db = context.services.db;
  const figures = (await monthFigures(db, month))!;
  if (as === "csv") return apiCsv(`transparency-${month}.csv`, STATS_FIELDS, transparencyRows(figures));
  // The newest rejected ideas, as on /transparency (titles withheld for personal data or illegal content).
  const { ideas } = await rejectedIdeas(db, null);
  return apiJson({ licence: await licence(context), ...figures, recent_rejections: ideas });
}

/** GET /api/v1/support-roots (JSON) and .csv: each day's Merkle root over its supports and invalidations (decision 051). */
export async function supportRootsEndpoint(request: Request, context: AppLoadContext, format: Format): Promise<Response> {
  if (request.method === "OPTIONS") return preflight();
  const as = formatOf(request, format);
  if (as instanceof Response) return as;
  const range = parseRootRange(new URL(request.url).searchParams);
  if (!range.ok) return apiBadRequest(range.parameter, `${range.parameter} must be a date, YYYY-MM-DD (Korea time).`);
  const roots = await publishedRoots(context.services.db, range);
  if (as === "csv") return apiCsv("support-roots.csv", ROOT_FIELDS, roots);
  const base = context.services.config.publicUrl;
  return apiJson({
    licence: await licence(context),
    documentation: `${base}/open-data#support-roots`,
    verify: `${base}/verify-receipt`,
    count: roots.length,
    data: roots,
  });
}

/** GET /api/v1/support-roots/:day: one published day in full, its leaves and its invalidations with their reasons (decision 051). */
export async function supportDayEndpoint(request: Request, context: AppLoadContext, day: string | undefined): Promise<Response> {
  if (request.method === "OPTIONS") return preflight();
  const found = day ? await publishedDay(context.services.db, day) : null;
  if (!found) {
    return apiNotFound("No root is published for this day (YYYY-MM-DD, Korea time).");
  }
  return apiJson({ licence: await licence(context), ...found });
}

export async function feedEndpoint(request: Request, context: AppLoadContext): Promise<Response> {
  if (request.method === "OPTIONS") return preflight();
  const search = new URL(request.url).searchParams;
  const lang = search.get("lang");
  if (lang !== null && lang !== "" && !isLocale(lang)) return apiBadRequest("lang", "The lang must be ko or en.");
  const locale: Locale = isLocale(lang) ? lang : context.locale;
  const { db, config } = context.services;
  const slug = search.get("campaign") || null;
  if (slug !== null && !isSlug(slug)) return apiBadRequest("campaign", "The campaign must be a campaign slug.");
  const campaign = slug ? await campaignBySlug(db, slug) : null;
  if (slug && !campaign) return apiBadRequest("campaign", `There is no campaign "${slug}".`);
  const t = translator(locale);
  const rows = await feedEntries(db, campaign?.id ?? null);
  const host = new URL(config.publicUrl).hostname;
  const campaignTitle = campaign ? (locale === "ko" ? campaign.title_ko : campaign.title_en) : null;
  const xml = atomXml({
    id: `${config.publicUrl}/feed.atom${campaign ? `?campaign=${campaign.slug}` : ""}`,
    title: campaignTitle ? t("stats.feed.campaignTitle", { campaign: campaignTitle }) : t("stats.feed.title"),
    subtitle: t("stats.feed.subtitle"),
    self: publicLink(request, config.publicUrl, {}),
    alternate: campaign ? `${config.publicUrl}/campaigns/${campaign.slug}` : `${config.publicUrl}/ideas`,
    updated: (rows[0] ? new Date(rows[0].created_at) : new Date(0)).toISOString(),
    lang: locale,
    rights: await licence(context),
    author: t("site.name"),
    entries: rows.map((r) => {
      const base = { id: `tag:${host},2026:idea-event-${r.id}`, link: `${config.publicUrl}/ideas/${r.idea_id}`, updated: new Date(r.created_at).toISOString() };
      if (r.kind === "submitted") {
        // Filed by staff and not claimed yet: the author is a citizen, not the staff member.
        const author = r.entered_by !== null && r.entered_by === r.author_id ? null : r.author;
        return { ...base, title: t("stats.feed.newIdea", { title: r.title }), author, category: "new-idea", content: r.excerpt };
      }
      if (r.kind === "status" && r.to_status) {
        const from = r.from_status ? t(`status.${r.from_status}`) : "";
        const to = t(`status.${r.to_status}`);
        const content = [t("stats.feed.movedBody", { from, to }), r.note ?? ""].filter(Boolean).join("\n\n");
        return { ...base, title: t("stats.feed.moved", { title: r.title, from, to }), author: null, category: `status-${r.to_status}`, content };
      }
      // Every other step of the timeline (an extension, a transfer, a revised answer...), labelled as the idea's page says it.
      const label = timelineLabel(t, r, locale);
      const content = [label, noteIsWords(r.kind) ? (r.note ?? "") : ""].filter(Boolean).join("\n\n");
      return { ...base, title: t("stats.feed.event", { title: r.title, what: label }), author: null, category: `event-${r.kind}`, content };
    }),
  });
  return new Response(xml, {
    headers: {
      ...CORS_HEADERS,
      "Content-Type": "application/atom+xml; charset=utf-8",
      ...cacheControl(API_CACHE),
      // Without ?lang the language follows the reader's cookie or Accept-Language.
      Vary: "Accept-Language, Cookie",
    },
  });
}

export async function apiDirectory(request: Request, context: AppLoadContext): Promise<Response> {
  if (request.method === "OPTIONS") return preflight();
  const base = context.services.config.publicUrl;
  return apiJson({
    licence: await licence(context),
    documentation: `${base}/open-data`,
    endpoints: {
      ideas: `${base}/api/v1/ideas`,
      ideas_csv: `${base}/api/v1/ideas.csv`,
      events: `${base}/api/v1/events`,
      events_csv: `${base}/api/v1/events.csv`,
      stats: `${base}/api/v1/stats`,
      stats_csv: `${base}/api/v1/stats.csv`,
      transparency: `${base}/api/v1/transparency`,
      transparency_csv: `${base}/api/v1/transparency.csv`,
      support_roots: `${base}/api/v1/support-roots`,
      support_roots_csv: `${base}/api/v1/support-roots.csv`,
      support_roots_day: `${base}/api/v1/support-roots/{day}`,
      feed: `${base}/feed.atom`,
    },
  });
}
