// class: client-supplied cursor reaching SQL casts (issue 21, item 8). Every paginated list —
// the idea list in every sort, threads, committees, the admin and moderation lists, the open
// data API — is sent crafted cursors: well-formed base64 JSON with the wrong kinds and ranges in
// each position, other sorts' cursors, and plain garbage. A bad cursor is a 400 that says so
// (never a 500, never a value cast by PostgreSQL); a good one still turns the page. A route that
// starts reading a page cursor and is not listed here fails the last test.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encodeCursor, SORTS } from "../../app/domain/ideas/list";
import * as adminUsers from "../../app/routes/admin.users._index";
import * as adminAudit from "../../app/routes/admin.audit";
import * as adminSecurityLog from "../../app/routes/admin.security-log";
import * as adminCommittees from "../../app/routes/admin.committees";
import * as adminRegions from "../../app/routes/admin.regions";
import * as moderationAppeals from "../../app/routes/moderation.appeals";
import * as apiEvents from "../../app/routes/api.v1.events";
import * as apiEventsCsv from "../../app/routes/api.v1.events[.]csv";
import * as apiIdeas from "../../app/routes/api.v1.ideas";
import * as apiIdeasCsv from "../../app/routes/api.v1.ideas[.]csv";
import * as committee from "../../app/routes/committees.$slug._index";
import * as events from "../../app/routes/events._index";
import * as ideas from "../../app/routes/ideas._index";
import * as moderationLog from "../../app/routes/moderation.log";
import * as thread from "../../app/routes/threads.$id";
import * as transparency from "../../app/routes/transparency";
import { actor, committeeThread, openIdea, setUpWorld } from "./actions";
import { openTestDatabase, type TestDatabase } from "./db";
import { call, contextFor, type RouteFunction } from "./harness";

let t: TestDatabase;
let threadId: number;
beforeAll(async () => {
  t = await openTestDatabase();
  await setUpWorld(t);
  for (let i = 0; i < 3; i++) await openIdea();
  threadId = (await committeeThread()).threadId;
}, 120_000);
afterAll(() => t?.close());

const b64 = (json: string) => Buffer.from(json).toString("base64url");

/** Cursors no list writes: every kind in every position, and garbage. */
const CRAFTED: string[] = [
  b64('["abc",1]'), // the outside test's: a string where a time or a number goes
  b64('["abc",1,1]'),
  b64("[1,1]"),
  b64('["2026-01-01T00:00:00.000Z","x"]'),
  b64("[1e999,1]"),
  b64("[1.5,1]"),
  b64("[2147483648,1]"),
  b64("[-2147483649,1]"),
  b64("[1,0]"),
  b64("[1,-1]"),
  b64("[1,9007199254740993]"),
  b64("[1,1e30]"),
  b64("[1,1,1e30]"),
  b64("[1e39,1]"),
  b64('["1",1]'),
  b64('[1,"1"]'),
  b64("[null,1]"),
  b64("[true,1]"),
  b64("[[1],1]"),
  b64('[{"a":1},1]'),
  b64('["2026-13-45T00:00:00.000Z",1]'),
  b64('["99999-01-01T00:00:00.000Z",1]'),
  b64('["2026-01-01",1]'),
  b64("[1' OR '1'='1,1]"),
  b64("[]"),
  b64("[1]"),
  b64("[1,1,1,1]"),
  b64("{}"),
  b64("null"),
  b64("1"),
  "abc",
  "!!!",
  "%00",
  "\u0000",
  "x".repeat(5000),
  "-1",
  "0x10",
  "1e309",
  "99999999999999999999",
  "9999999999",
];

/** Every list that pages, with the query parameter that carries its cursor. */
interface PagedList {
  name: string;
  fn: RouteFunction;
  path: string;
  param: string;
  params?: Record<string, string>;
  /** Whether the list pages by id (digits): then a whole number in range is a good cursor. */
  byId?: boolean;
  /** What its base64 cursor holds, position by position (independently of the app's own table). */
  shape?: Kind[];
}

type Kind = "int" | "id" | "real" | "instant";

/** Whether a crafted cursor happens to be a good one for this list (then it is skipped). */
function acceptable(list: PagedList, cursor: string): boolean {
  if (list.byId) return /^\d{1,16}$/.test(cursor) && Number.isSafeInteger(Number(cursor)) && Number(cursor) >= 0;
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    return false;
  }
  const shape = list.shape!;
  if (!Array.isArray(values) || values.length !== shape.length) return false;
  return values.every((v, i) => {
    if (shape[i] === "int") return Number.isInteger(v) && (v as number) >= -(2 ** 31) && (v as number) < 2 ** 31;
    if (shape[i] === "id") return Number.isSafeInteger(v) && (v as number) > 0;
    if (shape[i] === "real") return typeof v === "number" && Number.isFinite(v) && Math.abs(v) < 3.4e38;
    return typeof v === "string" && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(v) && !Number.isNaN(Date.parse(v)) && new Date(v).toISOString() === v;
  });
}

const SHAPES: Record<string, Kind[]> = {
  trending: ["int", "int", "id"],
  top: ["int", "id"],
  new: ["instant", "id"],
  closing: ["instant", "id"],
  relevance: ["real", "id"],
};

function lists(): PagedList[] {
  return [
    ...SORTS.map((sort) => ({ name: `/ideas sort=${sort}`, fn: ideas.loader as RouteFunction, path: `/ideas?${sort === "relevance" ? "q=idea&" : ""}sort=${sort}`, param: "cursor", shape: SHAPES[sort] })),
    { name: "/ideas (default sort)", fn: ideas.loader as RouteFunction, path: "/ideas?status=open", param: "cursor", shape: SHAPES.trending },
    { name: "/threads/:id", fn: thread.loader as RouteFunction, path: `/threads/${threadId}`, param: "cursor", params: { id: String(threadId) }, byId: true },
    { name: "/committees/:slug", fn: committee.loader as RouteFunction, path: "/committees/economy", param: "cursor", params: { slug: "economy" }, byId: true },
    { name: "/admin/users", fn: adminUsers.loader as RouteFunction, path: "/admin/users", param: "before", byId: true },
    { name: "/moderation/log", fn: moderationLog.loader as RouteFunction, path: "/moderation/log", param: "before", byId: true },
    { name: "/admin/audit", fn: adminAudit.loader as RouteFunction, path: "/admin/audit", param: "before", byId: true },
    { name: "/admin/security-log", fn: adminSecurityLog.loader as RouteFunction, path: "/admin/security-log", param: "before", byId: true },
    // The four body pages share one loader (app/http/bodies-admin.server.ts): two of them here.
    { name: "/admin/committees", fn: adminCommittees.loader as RouteFunction, path: "/admin/committees", param: "after", byId: true },
    { name: "/moderation/appeals", fn: moderationAppeals.loader as RouteFunction, path: "/moderation/appeals", param: "after", byId: true },
    { name: "/admin/regions", fn: adminRegions.loader as RouteFunction, path: "/admin/regions?q=a", param: "after", byId: true },
    { name: "/transparency", fn: transparency.loader as RouteFunction, path: "/transparency", param: "before", byId: true },
    { name: "/events", fn: events.loader as RouteFunction, path: "/events", param: "cursor", shape: ["instant", "id"] },
    { name: "/events?when=past", fn: events.loader as RouteFunction, path: "/events?when=past", param: "cursor", shape: ["instant", "id"] },
    { name: "/api/v1/ideas", fn: apiIdeas.loader as RouteFunction, path: "/api/v1/ideas", param: "cursor", shape: ["id"] },
    { name: "/api/v1/ideas.csv", fn: apiIdeasCsv.loader as RouteFunction, path: "/api/v1/ideas.csv", param: "cursor", shape: ["id"] },
    { name: "/api/v1/events", fn: apiEvents.loader as RouteFunction, path: "/api/v1/events", param: "cursor", shape: ["id"] },
    { name: "/api/v1/events.csv", fn: apiEventsCsv.loader as RouteFunction, path: "/api/v1/events.csv", param: "cursor", shape: ["id"] },
  ];
}

const withParam = (list: PagedList, value: string) => `${list.path}${list.path.includes("?") ? "&" : "?"}${list.param}=${encodeURIComponent(value)}`;

describe("class: client-supplied cursor reaching SQL casts", () => {
  it("every paginated list answers a crafted cursor with a 400 that says so, never a 500", { timeout: 120_000 }, async () => {
    const admin = actor("admin");
    const failures: string[] = [];
    for (const list of lists()) {
      for (const cursor of CRAFTED) {
        // A crafted cursor that happens to fit this list is a good one (a page after it), not an attack.
        if (acceptable(list, cursor)) continue;
        let answer;
        try {
          answer = await call(list.fn, { path: withParam(list, cursor), params: list.params, context: contextFor(t.services, admin) });
        } catch (error) {
          failures.push(`${list.name} cursor=${cursor.slice(0, 40)}: threw ${(error as Error).message.split("\n")[0]}`);
          continue;
        }
        if (answer.status !== 400) failures.push(`${list.name} cursor=${cursor.slice(0, 40)}: ${answer.status}`);
        else if (!/cursor/.test(answer.text)) failures.push(`${list.name} cursor=${cursor.slice(0, 40)}: 400 without saying the cursor is wrong`);
      }
    }
    expect(failures.join("\n")).toBe("");
  });

  it("a good cursor still turns the page, in every sort", async () => {
    for (const sort of SORTS) {
      const q = sort === "relevance" ? "q=idea&" : "";
      const first = await call(ideas.loader as RouteFunction, { path: `/ideas?${q}sort=${sort}`, context: contextFor(t.services, null) });
      expect(first.status, sort).toBe(200);
      const shape = { trending: [0, 0, 1], top: [0, 1], new: ["2026-01-01T00:00:00.000Z", 1], closing: ["2026-01-01T00:00:00.000Z", 1], relevance: [0.5, 1] }[sort];
      const later = await call(ideas.loader as RouteFunction, { path: `/ideas?${q}sort=${sort}&cursor=${encodeCursor(shape)}`, context: contextFor(t.services, null) });
      expect(later.status, sort).toBe(200);
    }
    const api = await call(apiIdeas.loader as RouteFunction, { path: `/api/v1/ideas?cursor=${encodeCursor([1])}`, context: contextFor(t.services, null) });
    expect(api.status).toBe(200);
  });

  it("every route that reads a page cursor from its query is in the list above", () => {
    const dir = path.resolve(import.meta.dirname, "../../app/routes");
    const tested = new Set(lists().map((l) => l.fn));
    const modules: Record<string, unknown> = {
      "admin.users._index.tsx": adminUsers,
      "admin.audit.tsx": adminAudit,
      "admin.security-log.tsx": adminSecurityLog,
      "moderation.appeals.tsx": moderationAppeals,
      "transparency.tsx": transparency,
      "api.v1.events.ts": apiEvents,
      "api.v1.events[.]csv.ts": apiEventsCsv,
      "api.v1.ideas.ts": apiIdeas,
      "api.v1.ideas[.]csv.ts": apiIdeasCsv,
      "committees.$slug._index.tsx": committee,
      "events._index.tsx": events,
      "ideas._index.tsx": ideas,
      "moderation.log.tsx": moderationLog,
      "threads.$id.tsx": thread,
    };
    const readers = fs
      .readdirSync(dir)
      .filter((file) => /(searchParams\.get\("(cursor|before|after|page|offset)"\)|idCursor\(|parseListParams\(new URL\(|(ideas|events)Endpoint\(request)/.test(fs.readFileSync(path.join(dir, file), "utf8")));
    const missing = readers.filter((file) => !modules[file] || !tested.has((modules[file] as { loader: RouteFunction }).loader));
    expect(missing, "routes that page but are not tried with crafted cursors").toEqual([]);
  });
});
