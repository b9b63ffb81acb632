// The open data and the statistics against a real database: every export, scanned for personal
// data; pagination that gives every row once; numbers that match the data they count.
import type { AppLoadContext } from "@remix-run/node";
import { sql, type KyselyPlugin } from "kysely";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { withdrawSupport } from "../../app/domain/ideas/supports.server";
import { cacheKey, cachedDashboard, DEFAULT_SCOPE, recompute, refreshDashboards } from "../../app/domain/stats/cache.server";
import type { Dashboard } from "../../app/domain/stats/dashboard";
import { agenciesOverview } from "../../app/domain/workflow/queries.server";
import { answerIdea, postProgress, recordRecommendation, takeUp } from "../../app/domain/workflow/workflow.server";
import { loader as eventsCsv } from "../../app/routes/api.v1.events[.]csv";
import { loader as eventsJson } from "../../app/routes/api.v1.events";
import { loader as ideasCsv } from "../../app/routes/api.v1.ideas[.]csv";
import { loader as ideasJson } from "../../app/routes/api.v1.ideas";
import { loader as statsCsv } from "../../app/routes/api.v1.stats[.]csv";
import { loader as statsJson } from "../../app/routes/api.v1.stats";
import { loader as feed } from "../../app/routes/feed[.]atom";
import { loader as statsPage } from "../../app/routes/stats";
import { loader as openDataPage } from "../../app/routes/open-data";
import { loader as apiIndex } from "../../app/routes/api.v1._index";
import { forgetSettings } from "../../app/domain/settings.server";
import { citizenActor, createCampaign, createIdea, createUser, holdCommitteeVote, support, writeDigest, type RoleSpec } from "../../db/factories";
import { bodiesIn, person } from "../fixtures/roster";
import { openTestDatabase, type TestDatabase } from "./db";
import { call, contextFor, type RouteFunction } from "./harness";

const DAY = 86_400_000;
const ANSWER = "The ministry accepts this proposal. ".repeat(4) + "Funding is planned in next year's budget.";
const RATIONALE = "The committee finds broad support and a clear public benefit.";
const FORMULA_TITLE = '=HYPERLINK("http://evil.example","click")';

let t: TestDatabase;
let context: AppLoadContext;
const ago = (days: number) => new Date(Date.now() - days * DAY);
const ids = {} as Record<"implemented" | "overdue" | "fresh" | "waiting" | "late" | "open" | "other" | "pending" | "rejected" | "hidden" | "moef", number>;
let campaignSlug: string;
let otherSlug: string;
let seoul: number;
let busan: number;

type Loader = RouteFunction;
/** A visitor's request to a loader, answered with its status, headers and body (tests/integration/harness.ts). */
const get = (loader: Loader, path: string, method?: string) => call(loader, { path, method, context });
async function text(loader: Loader, path: string) {
  const res = await get(loader, path);
  expect(res.status, `${path}: ${res.status}`).toBe(200);
  return res.text;
}

// Staff with addresses of their own, which no open-data answer may contain (checked below).
const staff = (email: string, roles: RoleSpec[]) => person(t.db, { email, displayName: `Staff ${roles[0].role}`, roles });

beforeAll(async () => {
  t = await openTestDatabase();
  context = contextFor(t.services, null);
  const regions = await t.db.selectFrom("regions").select(["id", "code"]).execute();
  seoul = regions.find((r) => r.code === "seoul")!.id;
  busan = regions.find((r) => r.code === "busan")!.id;
  ids.moef = (await bodiesIn(t.db)).moef;

  const chair = await staff("chair.private@privacy.test", [{ role: "committee_chair", committee: "economy" }]);
  const officer = await staff("officer.private@privacy.test", [{ role: "agency_officer", agency: "moef" }]);
  const authors: { id: number }[] = [];
  for (let i = 0; i < 6; i++) {
    // Old enough accounts: screening holds ideas from brand-new ones.
    authors.push(await createUser(t.db, { email: `author${i}.secret@privacy.test`, displayName: `Author Number ${i}`, createdAt: ago(120) }));
  }
  const supporters: { id: number }[] = [];
  for (let i = 0; i < 12; i++) {
    const user = await createUser(t.db, { email: `supporter${i}.secret@privacy.test`, displayName: `Supporter ${i}`, createdAt: ago(120) });
    await t.db.updateTable("users").set({ home_region_id: i % 3 === 0 ? busan : seoul }).where("id", "=", user.id).execute();
    supporters.push(user);
  }
  const campaign = await createCampaign(t.db, { threshold: 3, opensAt: ago(100), closesAt: new Date(Date.now() + 30 * DAY) });
  const other = await createCampaign(t.db, { threshold: 50, opensAt: ago(100) });
  campaignSlug = campaign.slug;
  otherSlug = other.slug;

  let next = 0;
  const supportAt = async (ideaId: number, at: Date) => support(t.db, supporters[next++ % supporters.length].id, ideaId, at);
  /** An idea of the campaign, fast-tracked by two supports (the author's own is the first). */
  const fastTracked = async (author: number, created: number, supported: [number, number], title?: string) => {
    const ideaId = await createIdea(t.db, { author: authors[author], campaignId: campaign.id, createdAt: ago(created), ...(title ? { title } : {}) });
    await supportAt(ideaId, ago(supported[0]));
    await supportAt(ideaId, ago(supported[1]));
    return ideaId;
  };
  const ok = (r: { ok: boolean }) => expect(r).toMatchObject({ ok: true });

  // The whole pipeline: open 2 days, waiting 2, deliberation 6, agency review 10, implementing 5.
  ids.implemented = await fastTracked(0, 50, [49, 48], "A pipeline idea, all the way");
  ok(await takeUp(t.db, chair, ids.implemented, {}, ago(46)));
  await holdCommitteeVote(t.db, ids.implemented, { at: ago(40.1) });
  await writeDigest(t.db, ids.implemented, { at: ago(40.05) });
  ok(await recordRecommendation(t.db, chair, ids.implemented, { decision: "forward", agencyId: String(ids.moef), rationale: RATIONALE }, { now: ago(40) }));
  ok(await answerIdea(t.db, officer, ids.implemented, { outcome: "accepted", answer: ANSWER }, ago(30)));
  ok(await postProgress(t.db, officer, ids.implemented, { percent: "50", note: "Half of the work is done." }, ago(25)));
  ok(await postProgress(t.db, officer, ids.implemented, { percent: "100", note: "All of the work is done." }, ago(20)));
  // Forwarded 36 days ago: the agency's 30 days have passed.
  ids.overdue = await fastTracked(1, 45, [44.5, 44]);
  ok(await takeUp(t.db, chair, ids.overdue, {}, ago(40)));
  await holdCommitteeVote(t.db, ids.overdue, { at: ago(36.1) });
  await writeDigest(t.db, ids.overdue, { at: ago(36.05) });
  ok(await recordRecommendation(t.db, chair, ids.overdue, { decision: "forward", agencyId: String(ids.moef), rationale: RATIONALE }, { now: ago(36) }));
  // Forwarded yesterday: under review, not overdue.
  ids.fresh = await fastTracked(2, 10, [9, 8]);
  ok(await takeUp(t.db, chair, ids.fresh, {}, ago(5)));
  await holdCommitteeVote(t.db, ids.fresh, { at: ago(1.1) });
  await writeDigest(t.db, ids.fresh, { at: ago(1.05) });
  ok(await recordRecommendation(t.db, chair, ids.fresh, { decision: "forward", agencyId: String(ids.moef), rationale: RATIONALE }, { now: ago(1) }));
  // Waiting for the committee: one in time, one past its 14 days.
  ids.waiting = await fastTracked(3, 3, [2, 1]);
  ids.late = await fastTracked(4, 22, [21, 20]);
  // Open, with text that a spreadsheet or a feed reader would misread if not escaped.
  ids.open = await createIdea(t.db, {
    author: authors[5],
    campaignId: campaign.id,
    title: FORMULA_TITLE,
    body: 'Commas, "quotes" and\nline breaks; <b>markup</b> & 한국어 본문도 들어 있습니다.',
    createdAt: ago(4),
  });
  ids.other = await createIdea(t.db, { author: authors[5], campaignId: other.id, title: "<script>alert(1)</script> in another call", createdAt: ago(2) });
  await supportAt(ids.other, ago(1));
  // Never public: pending, rejected, hidden.
  ids.pending = await createIdea(t.db, { author: authors[0], title: "A pending idea nobody may see" });
  ids.rejected = await createIdea(t.db, { author: authors[1], title: "A rejected idea nobody may see" });
  ids.hidden = await createIdea(t.db, { author: authors[2], title: "A hidden idea nobody may see" });
  await t.db.updateTable("ideas").set({ status: "pending" }).where("id", "=", ids.pending).execute();
  await t.db.updateTable("ideas").set({ status: "rejected" }).where("id", "=", ids.rejected).execute();
  await t.db.updateTable("ideas").set({ hidden_at: new Date(), hidden_by: "moderator", hidden_reason: "test" }).where("id", "=", ids.hidden).execute();
}, 180_000);
afterAll(() => t?.close());

const PUBLIC = () => [ids.implemented, ids.overdue, ids.fresh, ids.waiting, ids.late, ids.open, ids.other];
const SECRET_TITLES = ["A pending idea nobody may see", "A rejected idea nobody may see", "A hidden idea nobody may see"];

async function walk(loader: Loader, path: string) {
  const rows: Record<string, unknown>[] = [];
  let url: string | null = path;
  let pages = 0;
  while (url) {
    const res = await get(loader, url.replace("http://madang.test", ""));
    expect(res.status).toBe(200);
    const body = res.data as { data: Record<string, unknown>[]; next: string | null; count: number };
    expect(body.count).toBe(body.data.length);
    if (body.next) expect(res.headers.get("Link")).toBe(`<${body.next}>; rel="next"`);
    rows.push(...body.data);
    url = body.next;
    if (++pages > 100) throw new Error("pagination does not end");
  }
  return { rows, pages };
}

describe("ideas export", () => {
  it("pages through every public idea exactly once, and never pending, rejected or hidden ones", async () => {
    const { rows, pages } = await walk(ideasJson, "/api/v1/ideas?limit=2");
    expect(pages).toBe(4);
    expect(rows.map((r) => r.id)).toEqual([...PUBLIC()].sort((a, b) => a - b));
  });

  it("carries the fields and the date of every status change", async () => {
    const res = await get(ideasJson, `/api/v1/ideas?status=implemented`);
    const { data } = res.data as { data: Record<string, unknown>[] };
    expect(data).toHaveLength(1);
    const idea = data[0];
    expect(idea).toMatchObject({
      id: ids.implemented,
      url: `http://madang.test/ideas/${ids.implemented}`,
      status: "implemented",
      author: "Author Number 0",
      category: "economy",
      campaign: campaignSlug,
      committee: "economy",
      agency: "moef",
      outcome: "accepted",
      official_answer: ANSWER,
      progress_percent: 100,
      support_count: 3,
      closed_at: null,
    });
    const at = (days: number) => ago(days).toISOString().slice(0, 13);
    expect(String(idea.fast_tracked_at).slice(0, 13)).toBe(at(48));
    expect(String(idea.in_deliberation_at).slice(0, 13)).toBe(at(46));
    expect(String(idea.under_review_at).slice(0, 13)).toBe(at(40));
    expect(String(idea.answered_at).slice(0, 13)).toBe(at(30));
    expect(String(idea.implementing_at).slice(0, 13)).toBe(at(25));
    expect(String(idea.implemented_at).slice(0, 13)).toBe(at(20));
    expect((idea.status_changes as { to: string }[]).map((c) => c.to)).toEqual([
      "open",
      "fast_tracked",
      "in_deliberation",
      "under_review",
      "answered",
      "implementing",
      "implemented",
    ]);
    for (const key of ["email", "author_id", "user_id", "ip", "ip_prefix", "assigned_officer_id"]) expect(idea).not.toHaveProperty(key);
  });

  it("filters by status, category, region, campaign and updated_since", async () => {
    const idsOf = async (query: string) => (((await get(ideasJson, `/api/v1/ideas?${query}`)).data) as { data: { id: number }[] }).data.map((r) => r.id);
    expect(await idsOf("status=under_review")).toEqual([ids.overdue, ids.fresh]);
    expect(await idsOf("status=fast_tracked,open")).toEqual([ids.waiting, ids.late, ids.open, ids.other]);
    expect(await idsOf(`campaign=${otherSlug}`)).toEqual([ids.other]);
    expect(await idsOf("category=health")).toEqual([]);
    expect(await idsOf("region=seoul")).toEqual([]);
    const since = ago(3).toISOString();
    expect(await idsOf(`updated_since=${encodeURIComponent(since)}`)).toEqual([ids.fresh, ids.waiting, ids.other]);
  });

  it("CSV: a BOM, the header, RFC 4180 quoting, formulas defused; the .csv address and ?format=csv agree", async () => {
    const res = await get(ideasCsv, "/api/v1/ideas.csv");
    expect(res.headers.get("Content-Type")).toBe("text/csv; charset=utf-8; header=present");
    const bytes = res.bytes;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // a decoded text would hide the BOM
    const body = bytes.toString("utf8");
    expect(body.slice(1).split("\r\n")[0]).toMatch(/^id,url,title,body,status,support_count,/);
    expect(body).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    expect(body).not.toMatch(/(^|,)=HYPERLINK/m);
    expect(body).toContain('"Commas, ""quotes"" and\nline breaks; <b>markup</b> & 한국어 본문도 들어 있습니다."');
    expect(body.trimEnd().split("\r\n")).toHaveLength(1 + PUBLIC().length); // the line break inside quotes is a bare LF
    expect((await get(ideasJson, "/api/v1/ideas?format=csv")).bytes.toString("utf8")).toBe(body);
  });

  it("answers bad parameters with 400 and a message naming them", async () => {
    for (const [query, parameter] of [
      ["status=pending", "status"],
      ["status=nonsense", "status"],
      ["cursor=%%%", "cursor"],
      ["limit=5000", "limit"],
      ["updated_since=last-week", "updated_since"],
      ["campaign=no-such-call", "campaign"],
      ["region=atlantis", "region"],
      ["format=xml", "format"],
    ]) {
      const res = await get(ideasJson, `/api/v1/ideas?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.headers.get("Access-Control-Allow-Origin")).toBe("*");
      expect(res.data).toMatchObject({ error: { status: 400, parameter, message: expect.any(String) } });
    }
  });

  it("is open to other origins and cacheable; answers a CORS preflight", async () => {
    const res = await get(ideasJson, "/api/v1/ideas");
    expect(res.headers.get("Access-Control-Allow-Origin")).toBe("*");
    expect(res.headers.get("Cache-Control")).toBe("public, max-age=60, stale-while-revalidate=300");
    expect(res.headers.get("Content-Type")).toBe("application/json; charset=utf-8");
    const pre = await get(ideasJson, "/api/v1/ideas", "OPTIONS");
    expect(pre.status).toBe(204);
    expect(pre.headers.get("Access-Control-Allow-Methods")).toContain("GET");
  });
});

describe("events export", () => {
  it("pages through the timeline events of public ideas by id, each once", async () => {
    const { rows } = await walk(eventsJson, "/api/v1/events?limit=3");
    const expected = await t.db
      .selectFrom("idea_events")
      .select("id")
      .where("idea_id", "in", PUBLIC())
      .orderBy("id")
      .execute();
    expect(rows.map((r) => r.id)).toEqual(expected.map((e) => e.id));
    expect(rows.some((r) => [ids.pending, ids.rejected, ids.hidden].includes(r.idea_id as number))).toBe(false);
    const mine = rows.filter((r) => r.idea_id === ids.implemented && ["submitted", "status"].includes(r.kind as string)).map((r) => `${r.from_status ?? ""}>${r.to_status}`);
    expect(mine).toEqual([">open", "open>fast_tracked", "fast_tracked>in_deliberation", "in_deliberation>under_review", "under_review>answered", "answered>implementing", "implementing>implemented"]);
    const one = await walk(eventsJson, `/api/v1/events?idea=${ids.overdue}&status=under_review`);
    expect(one.rows).toHaveLength(1);
    expect(one.rows[0]).toMatchObject({ idea_id: ids.overdue, to_status: "under_review", note: RATIONALE });
    expect((await get(eventsJson, "/api/v1/events?since=soon")).status).toBe(400);
  });
});

describe("statistics", () => {
  let d: Dashboard;
  beforeAll(async () => {
    d = ((await get(statsJson, "/api/v1/stats")).data) as Dashboard;
  });

  it("the funnel counts ideas that ever reached each step", () => {
    // Statistics count every idea that is not pending or rejected: the hidden one too (its
    // text is out of the exports, but what happened to it is a number like any other).
    expect(d.funnel).toEqual([
      { step: "open", count: 8 },
      { step: "fast_tracked", count: 5 },
      { step: "deliberated", count: 3 },
      { step: "answered", count: 1 },
      { step: "implemented", count: 1 },
    ]);
    expect(d.totals).toMatchObject({ ideas: 8, answered: 1, implemented: 1 });
  });

  it("median and 90th percentile of the days in each step", () => {
    const by = Object.fromEntries(d.durations.map((s) => [s.step, s]));
    // open: 2 and 1 days for the first two (the others are still moving or too fresh to differ).
    expect(by.fast_tracked).toMatchObject({ count: 3, medianDays: 3, p90Days: 3.8 }); // 2, 4, 3
    expect(by.in_deliberation).toMatchObject({ count: 3, medianDays: 4, p90Days: 5.6 }); // 6, 4, 4
    expect(by.under_review).toMatchObject({ count: 1, medianDays: 10, p90Days: 10 });
    expect(by.implementing).toMatchObject({ count: 1, medianDays: 5, p90Days: 5 });
    expect(by.open.count).toBe(5);
  });

  it("per agency and committee: on hand, overdue, answered on time, the same as the agency pages", async () => {
    const moef = d.agencies.find((a) => a.slug === "moef")!;
    expect(moef).toMatchObject({ onHand: 2, overdue: 1, answered: 1, onTime: 1, onTimeRate: 0.5 });
    expect(moef.outcomes).toEqual({ accepted: 1, partially_accepted: 0, further_study: 0, not_accepted: 0 });
    const overview = await agenciesOverview(t.db);
    for (const a of overview) {
      const mine = d.agencies.find((x) => x.slug === a.slug)!;
      expect({ onHand: mine.onHand, overdue: mine.overdue, answered: mine.answered, onTimeRate: mine.onTimeRate }).toEqual({
        onHand: a.underReview,
        overdue: a.overdue,
        answered: a.answered,
        onTimeRate: a.onTimeRate,
      });
    }
    expect(d.committees.find((c) => c.slug === "economy")).toMatchObject({ onHand: 2, overdue: 1, answered: 3, onTime: 3, onTimeRate: 0.75 });
    expect(d.outcomes.find((o) => o.outcome === "accepted")!.count).toBe(1);
  });

  it("supports per week and by region come from the counters, and agree with the supports themselves", async () => {
    const { rows } = await sql<{ week: string; n: number }>`
      SELECT to_char(date_trunc('week', s.created_at AT TIME ZONE 'Asia/Seoul'), 'YYYY-MM-DD') AS week, count(*)::int AS n
      FROM supports s JOIN ideas i ON i.id = s.idea_id
      WHERE i.status NOT IN ('pending', 'rejected') GROUP BY 1`.execute(t.db);
    const expected = Object.fromEntries(rows.map((r) => [r.week, r.n]));
    for (const w of d.supportsPerWeek) expect(w.count, w.week).toBe(expected[w.week] ?? 0);
    expect(d.supportsPerWeek).toHaveLength(26);
    expect(d.supportsPerWeek.reduce((s, w) => s + w.count, 0)).toBe(rows.reduce((s, r) => s + r.n, 0));
    const regionTotal = d.regions.reduce((s, r) => s + r.supports, 0);
    expect(regionTotal).toBe(d.totals.supports);
    const seoulRow = d.regions.find((r) => r.code === "seoul")!;
    const busanRow = d.regions.find((r) => r.code === "busan")!;
    expect(seoulRow.supports + busanRow.supports).toBe(11); // 11 supports by the supporters; the rest are authors' own
    expect(d.ideasPerWeek.reduce((s, w) => s + w.count, 0)).toBe(8);
  });

  it("filters by campaign and period", async () => {
    const byCampaign = ((await get(statsJson, `/api/v1/stats?campaign=${otherSlug}`)).data) as Dashboard;
    expect(byCampaign.funnel.map((f) => f.count)).toEqual([1, 0, 0, 0, 0]);
    expect(byCampaign.filter.campaign).toBe(otherSlug);
    const today = new Date(Date.now() + 9 * 3_600_000).toISOString().slice(0, 10);
    const from = new Date(Date.now() - 12 * DAY + 9 * 3_600_000).toISOString().slice(0, 10);
    const recent = ((await get(statsJson, `/api/v1/stats?from=${from}&to=${today}`)).data) as Dashboard;
    // Submitted in the last 12 days: fresh, waiting, open, other and the hidden one.
    expect(recent.funnel.map((f) => f.count)).toEqual([5, 2, 1, 0, 0]);
    for (const [query, parameter] of [
      ["from=2026-02-30", "from"],
      ["from=2026-03-02&to=2026-03-01", "to"],
      ["campaign=nope", "campaign"],
    ]) {
      const res = await get(statsJson, `/api/v1/stats?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.data).toMatchObject({ error: { parameter } });
    }
  });

  it("the CSV holds the same numbers, one per line", async () => {
    const body = (await get(statsCsv, "/api/v1/stats.csv")).bytes.toString("utf8");
    expect(body.charCodeAt(0)).toBe(0xfeff);
    expect(body).toContain("\r\nfunnel,open,ideas,8\r\n");
    expect(body).toContain("\r\nagencies,moef,on_time_rate,0.5\r\n");
    expect(body).toContain("\r\ncommittees,economy,overdue,1\r\n");
  });

  it("the page renders the same dashboard, cached for anonymous readers, with field errors for bad filters", async () => {
    const res = await get(statsPage as Loader, "/stats");
    expect(res.headers.get("Cache-Control")).toBe("public, max-age=60, stale-while-revalidate=300");
    const page = res.data as { dashboard: Dashboard };
    expect(page.dashboard.funnel).toEqual(d.funnel);
    const bad = await get(statsPage as Loader, "/stats?from=tomorrow");
    expect(bad.status).toBe(400);
    expect(bad.data).toMatchObject({ errors: { from: "stats.errors.date" } });
    expect((await get(openDataPage as Loader, "/open-data")).headers.get("Cache-Control")).toContain("public");
  });

  it("the cache serves a computed dashboard until it is refreshed, and the job refreshes what is read", async () => {
    const scope = { campaign: null, from: null, to: null };
    const first = await cachedDashboard(t.db, scope);
    const again = await cachedDashboard(t.db, scope);
    expect(again.computedAt).toBe(first.computedAt);
    const later = new Date(Date.now() + 1000);
    expect(await refreshDashboards(t.db, later)).toBeGreaterThanOrEqual(1);
    expect((await cachedDashboard(t.db, scope, later)).computedAt).toBe(later.toISOString());
  });

  it("the periodic refresh asks its statements one after another, a reader's computation all at once", async () => {
    // How many of the dashboard's statements are asked and not yet answered, at most.
    let asked = 0;
    let most = 0;
    const counting: KyselyPlugin = {
      transformQuery(args) {
        most = Math.max(most, ++asked);
        return args.node;
      },
      async transformResult(args) {
        asked--;
        return args.result;
      },
    };
    const db = t.db.withPlugin(counting);
    const scope = DEFAULT_SCOPE;
    await recompute(db, scope, new Date(Date.now() + 4000));
    expect(most).toBeGreaterThanOrEqual(9);
    most = 0;
    // The job: the default dashboard (and any read lately), each statement on its own, and stored.
    const later = new Date(Date.now() + 5000);
    expect(await refreshDashboards(db, later)).toBeGreaterThanOrEqual(1);
    expect(most).toBe(1);
    expect((await cachedDashboard(t.db, scope, later)).computedAt).toBe(later.toISOString());
  });

  it("each process keeps the row it read for a few seconds: another process's refresh shows within them, its own at once (decision 097)", async () => {
    const scope = DEFAULT_SCOPE;
    const mine = await recompute(t.db, scope);
    expect((await cachedDashboard(t.db, scope)).computedAt).toBe(mine.computedAt);
    // Another process stores a newer computation: this one sends what it read until its copy is five seconds old.
    const elsewhere = new Date(Date.now() + 2000).toISOString();
    await sql`UPDATE stats_cache SET payload = jsonb_set(payload, '{dashboard,computedAt}', to_jsonb(${elsewhere}::text)), computed_at = ${elsewhere}::timestamptz WHERE key = ${cacheKey(scope)}`.execute(t.db);
    expect((await cachedDashboard(t.db, scope)).computedAt).toBe(mine.computedAt);
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 5_001 });
    try {
      expect((await cachedDashboard(t.db, scope)).computedAt).toBe(elsewhere);
    } finally {
      vi.useRealTimers();
    }
    // Its own refresh, at once.
    const again = await recompute(t.db, scope, new Date(Date.now() + 3000));
    expect((await cachedDashboard(t.db, scope, new Date(Date.now() + 3000))).computedAt).toBe(again.computedAt);
  });

  it("a withdrawn support leaves the weekly count", async () => {
    const row = await t.db.selectFrom("supports").select(["user_id", "created_at"]).where("idea_id", "=", ids.other).where("user_id", "!=", (await t.db.selectFrom("ideas").select("author_id").where("id", "=", ids.other).executeTakeFirstOrThrow()).author_id).executeTakeFirstOrThrow();
    const before = await recompute(t.db, { campaign: null, from: null, to: null });
    expect((await withdrawSupport(t.db, citizenActor(row.user_id), ids.other)).ok).toBe(true);
    const after = await recompute(t.db, { campaign: null, from: null, to: null }, new Date(Date.now() + 1));
    const sum = (x: Dashboard) => x.supportsPerWeek.reduce((s, w) => s + w.count, 0);
    expect(sum(after)).toBe(sum(before) - 1);
  });
});

describe("the Atom feed", () => {
  it("lists new ideas and status changes, escaped, filterable by campaign", async () => {
    const res = await get(feed, "/feed.atom");
    expect(res.headers.get("Content-Type")).toBe("application/atom+xml; charset=utf-8");
    const xml = res.text;
    expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"')).toBe(true);
    expect(xml).toContain("New idea: &lt;script&gt;alert(1)&lt;/script&gt; in another call");
    expect(xml).not.toContain("<script>");
    expect(xml).toContain("A pipeline idea, all the way: Being implemented → Implemented");
    const entries = xml.match(/<entry>/g)?.length ?? 0;
    expect(entries).toBeGreaterThan(10);
    const only = await text(feed, `/feed.atom?campaign=${otherSlug}&lang=ko`);
    expect(only.match(/<entry>/g)).toHaveLength(1);
    expect(only).toContain('xml:lang="ko"');
    expect(only).toContain("새 제안: &lt;script&gt;");
    expect((await get(feed, "/feed.atom?campaign=nope")).status).toBe(400);
  });
});

describe("the licence", () => {
  it("is the operator's setting, named by every export, the feed, the API's index and the open-data page", async () => {
    const chosen = "CC BY-SA 4.0 — Example City open data terms";
    await t.db
      .insertInto("settings")
      .values({ key: "open_data_licence", value: JSON.stringify(chosen) })
      .onConflict((oc) => oc.column("key").doUpdateSet({ value: JSON.stringify(chosen) }))
      .execute();
    forgetSettings(t.db);
    try {
      for (const [loader, path] of [
        [ideasJson, "/api/v1/ideas"],
        [eventsJson, "/api/v1/events"],
        [statsJson, "/api/v1/stats"],
        [apiIndex, "/api/v1"],
      ] as const) {
        expect((JSON.parse(await text(loader as Loader, path)) as { licence: string }).licence, path).toBe(chosen);
      }
      expect(await text(feed as Loader, "/feed.atom?lang=en")).toContain(`<rights>${chosen}</rights>`);
      const page = ((await get(openDataPage as Loader, "/open-data")).data) as { licence: string };
      expect(page.licence).toBe(chosen);
    } finally {
      await t.db.deleteFrom("settings").where("key", "=", "open_data_licence").execute();
      forgetSettings(t.db);
    }
    // With nothing stored, the registry's default.
    expect((JSON.parse(await text(ideasJson as Loader, "/api/v1/ideas")) as { licence: string }).licence).toBe("KOGL Type 1 (공공누리 제1유형) / CC BY 4.0");
  });
});

describe("no personal data in any export", () => {
  it("no e-mail address, IP address or hidden idea appears anywhere", async () => {
    const bodies = [
      await text(ideasJson, "/api/v1/ideas?limit=1000"),
      await text(ideasCsv, "/api/v1/ideas.csv?limit=1000"),
      await text(eventsJson, "/api/v1/events?limit=1000"),
      await text(eventsCsv, "/api/v1/events.csv?limit=1000"),
      await text(statsJson, "/api/v1/stats"),
      await text(statsCsv, "/api/v1/stats.csv"),
      await text(feed, "/feed.atom"),
      await text(feed, `/feed.atom?campaign=${campaignSlug}`),
    ];
    const emails = (await t.db.selectFrom("users").select("email").execute()).map((u) => u.email.toLowerCase());
    expect(emails.length).toBeGreaterThanOrEqual(20);
    for (const body of bodies) {
      const lower = body.toLowerCase();
      for (const email of emails) expect(lower.includes(email), email).toBe(false);
      expect(lower).not.toContain("@privacy.test");
      expect(lower).not.toContain(".secret");
      expect(body).not.toContain("127.0.0.1");
      for (const title of SECRET_TITLES) expect(body).not.toContain(title);
    }
    // The authors do appear, by display name.
    expect(bodies[0]).toContain("Author Number 5");
  });
});
