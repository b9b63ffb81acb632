// Moderation in the open (/transparency): rejected ideas with their date and reason category,
// the title withheld when the reason is personal data or illegal content; a month's figures
// (decisions by reason, median time from first report to decision, automatic hides and their
// reversals, supports invalidated and why), counted in Korea-time months.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../app/domain/accounts/permissions";
import { monthBounds, monthFigures, monthOf, recentMonths, rejectedIdeas } from "../../app/domain/admin/transparency.server";
import { decideItem, flagContent } from "../../app/domain/moderation/flags.server";
import { rejectIdea } from "../../app/domain/moderation/ideas.server";
import { invalidateSupports } from "../../app/domain/moderation/integrity.server";
import { loader } from "../../app/routes/transparency";
import * as apiTransparency from "../../app/routes/api.v1.transparency";
import * as apiTransparencyCsv from "../../app/routes/api.v1.transparency[.]csv";
import * as apiIndex from "../../app/routes/api.v1._index";
import { createIdea, support } from "../../db/factories";
import { person } from "../fixtures/roster";
import { openTestDatabase, type TestDatabase } from "./db";
import { call, contextFor, liftDailyLimits } from "./harness";

let t: TestDatabase;
let moderator: Actor;
let author: { id: number };
const HOUR = 3_600_000;
// A fixed month in the past, in Korea time: 2026-05 starts at 2026-04-30T15:00Z.
const T0 = new Date("2026-05-10T03:00:00Z");

async function flaggers(n: number) {
  return Promise.all(Array.from({ length: n }, () => person(t.db)));
}

async function flag(ideaId: number, reason: string, at: Date, n = 1) {
  for (const user of await flaggers(n)) {
    const result = await flagContent(t.db, user, { targetType: "idea", targetId: String(ideaId), reason, details: "" }, at);
    expect(result.ok, JSON.stringify(result)).toBe(true);
  }
}

beforeAll(async () => {
  t = await openTestDatabase();
  await liftDailyLimits(t.db);
  moderator = await person(t.db, { roles: [{ role: "moderator" }] });
  author = await person(t.db);
}, 180_000);
afterAll(() => t?.close());

describe("rejected ideas", () => {
  it("are listed newest first with their reason; a personal-data or illegal rejection withholds the title", async () => {
    const spam = await createIdea(t.db, { author, title: "Buy cheap watches here today" });
    const personal = await createIdea(t.db, { author, title: "My neighbour Kim lives at number twelve" });
    const unstated = await createIdea(t.db, { author, title: "An idea rejected without a report" });
    await flag(spam, "spam", new Date(T0.getTime() - 5 * HOUR), 1);
    await flag(personal, "personal_data", new Date(T0.getTime() - 5 * HOUR), 1);
    for (const [id, minutes] of [[spam, 0], [personal, 1], [unstated, 2]] as const) {
      const result = await rejectIdea(t.db, moderator, id, { reason: "Against the operating rules" }, new Date(T0.getTime() + minutes * 60_000));
      expect(result.ok, JSON.stringify(result)).toBe(true);
    }
    const { ideas } = await rejectedIdeas(t.db, null);
    expect(ideas.map((i) => [i.id, i.category, i.title])).toEqual([
      [unstated, "unstated", "An idea rejected without a report"],
      [personal, "personal_data", null],
      [spam, "spam", "Buy cheap watches here today"],
    ]);
    const page = await call(loader as never, { path: "/transparency?month=2026-05", context: contextFor(t.services, null) });
    expect(page.status).toBe(200);
    expect(page.text).not.toContain("My neighbour Kim");
  });

  it("page by a cursor without skipping or repeating", async () => {
    const all = (await rejectedIdeas(t.db, null, 100)).ideas.map((i) => i.id);
    const first = await rejectedIdeas(t.db, null, 2);
    const second = await rejectedIdeas(t.db, first.next, 2);
    expect([...first.ideas, ...second.ideas].map((i) => i.id)).toEqual(all.slice(0, 4));
  });
});

describe("a month's figures", () => {
  it("count decisions by reason, the median time from first report to decision, and automatic hides reversed", async () => {
    // The audit log dates an action when it is written: this month, in Korea time.
    const now = new Date();
    const month = monthOf(now);
    // Two ideas hidden by three reports each (the threshold), one restored by a moderator.
    const a = await createIdea(t.db, { author, title: "An idea reported by three people" });
    const b = await createIdea(t.db, { author, title: "Another idea reported by three people" });
    // First reports two and four hours before the decisions: the median is three hours.
    await flag(a, "abuse", new Date(now.getTime() - 2 * HOUR), 3);
    await flag(b, "abuse", new Date(now.getTime() - 4 * HOUR), 3);
    expect((await decideItem(t.db, moderator, { targetType: "idea", targetId: String(a), decision: "restore", reason: "no_violation", note: "" })).ok).toBe(true);
    expect((await decideItem(t.db, moderator, { targetType: "idea", targetId: String(b), decision: "hide", reason: "abuse", note: "" })).ok).toBe(true);
    const f = (await monthFigures(t.db, month))!;
    expect(f.autoHides).toBe(2);
    expect(f.autoHidesReversed).toBe(1);
    expect(f.medianHoursToDecision).toBe(3);
    expect(f.decided).toBe(2);
    expect(f.decisions).toEqual(
      expect.arrayContaining([
        { decision: "restore", reason: "no_violation", count: 1 },
        { decision: "hide", reason: "abuse", count: 1 },
        { decision: "reject", reason: "unstated", count: 3 },
      ]),
    );
    // A month long past saw none of it.
    const past = (await monthFigures(t.db, "2025-01"))!;
    expect(past).toMatchObject({ autoHides: 0, decided: 0, decisions: [], medianHoursToDecision: null, invalidations: [] });
  });

  it("count supports invalidated, with why", async () => {
    const idea = await createIdea(t.db, { author, title: "An idea with bought supports" });
    const bots = await flaggers(3);
    for (const bot of bots) await support(t.db, bot.id, idea, new Date(T0.getTime() + HOUR));
    const result = await invalidateSupports(
      t.db,
      moderator,
      { ideaId: String(idea), accounts: bots.map((b) => `#${b.id}`).join("\n"), ipPrefix: "", from: "", to: "", reason: "Accounts made in one minute by one script" },
      new Date(T0.getTime() + 3 * HOUR),
    );
    expect(result.ok, JSON.stringify(result)).toBe(true);
    const f = (await monthFigures(t.db, "2026-05"))!;
    expect(f.invalidations).toEqual([{ reason: "Accounts made in one minute by one script", batches: 1, supports: 3, reinstated: 0 }]);
  });

  it("months are Korea time; a month that is not one is a 400", async () => {
    expect(monthBounds("2026-05")).toEqual({ start: new Date("2026-04-30T15:00:00Z"), end: new Date("2026-05-31T15:00:00Z") });
    expect(monthBounds("2026-13")).toBeNull();
    expect(recentMonths(new Date("2026-01-31T16:00:00Z"), 3)).toEqual(["2026-02", "2026-01", "2025-12"]);
    const bad = await call(loader as never, { path: "/transparency?month=2026-5", context: contextFor(t.services, null) });
    expect(bad.status).toBe(400);
  });
});

describe("in the open data", () => {
  it("/api/v1/transparency gives the month's figures as JSON and CSV, listed in /api/v1; a bad month is a 400", async () => {
    const json = await call(apiTransparency.loader as never, { path: "/api/v1/transparency?month=2026-05", context: contextFor(t.services, null) });
    expect(json.status).toBe(200);
    const body = JSON.parse(json.text);
    expect(body).toMatchObject({ month: "2026-05", licence: expect.any(String), appeals: { received: 0, upheld: 0, reversed: 0 }, decisions: expect.any(Array) });
    expect(body.recent_rejections.length).toBeGreaterThan(0);
    expect(JSON.stringify(body)).not.toContain("My neighbour Kim");
    const csv = await call(apiTransparencyCsv.loader as never, { path: "/api/v1/transparency.csv?month=2026-05", context: contextFor(t.services, null) });
    expect(csv.status).toBe(200);
    expect(csv.text).toContain("section,key,metric,value");
    expect(csv.text).toContain("appeals,all,received,0");
    expect((await call(apiTransparency.loader as never, { path: "/api/v1/transparency?month=May", context: contextFor(t.services, null) })).status).toBe(400);
    const index = JSON.parse((await call(apiIndex.loader as never, { path: "/api/v1", context: contextFor(t.services, null) })).text);
    expect(index.endpoints).toMatchObject({ transparency: expect.stringContaining("/api/v1/transparency"), transparency_csv: expect.stringContaining("/api/v1/transparency.csv") });
  });
});
