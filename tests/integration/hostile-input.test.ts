// Hostile input: every form field of every action (tests/integration/actions.ts), every route
// parameter and every query parameter of every loader, fed values no form would send —
// oversized, wrong types, missing and repeated, control characters and NUL bytes, invalid
// UTF-8 as raw bytes, deeply nested and huge bodies, ids that are not ids. The server must
// never answer 500, must store no control characters, and a refused form says why (400 with
// field errors). A sample goes through the real HTTP stack too (app/server.ts).
import fs from "node:fs";
import path from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../app/domain/accounts/permissions";
import { ACTOR_KINDS, actor, cases, committeeThread, nextIp, openIdea, setUpWorld, type Case } from "./actions";
import { sessionCookie, startTestApp } from "../fixtures/app";
import { openTestDatabase, type TestDatabase } from "./db";
import { call, contextFor, type Answer, type RouteFunction } from "./harness";

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
  await setUpWorld(t);
}, 120_000);
afterAll(() => t?.close());

// ——— The values ———

type Variant = [label: string, make: (valid: string) => string | string[] | undefined];

const VALUES: Variant[] = [
  ["missing", () => undefined],
  ["empty", () => ""],
  ["only whitespace", () => " \t\r\n "],
  ["oversized", () => "x".repeat(100_000)],
  ["a NUL byte", (v) => `${v}\u0000tail`],
  ["only a NUL byte", () => "\u0000"],
  ["control characters", (v) => `${v}\u0001\u001b[31m\u007f`],
  ["a bidirectional override", (v) => `\u202e${v}`],
  ["a lone surrogate", (v) => `${v}\ud800`],
  ["repeated", (v) => [v, `${v} 2`]],
  ["JSON", () => '{"$gt":"","__proto__":{"admin":true}}'],
  ["-1", () => "-1"],
  ["1e309", () => "1e309"],
  ["99999999999999999999", () => "99999999999999999999"],
  ["beyond a 32-bit integer", () => "9999999999"],
  ["abc", () => "abc"],
  ["%00", () => "%00"],
  ["a fraction", () => "1.5"],
];

/** Values for ids in the path: what ends up in `params`. */
const BAD_IDS = ["-1", "0", "1e309", "abc", "99999999999999999999", "9999999999", "2147483648", "%00", "\u0000", "1.5", " 1", "0x10", "", "1/../2"];

const failures: string[] = [];
function check(where: string, answer: Answer | Error, form = true) {
  if (answer instanceof Error) {
    failures.push(`${where}: threw ${answer.message.split("\n")[0].slice(0, 200)}`);
    return;
  }
  if (answer.status >= 500) failures.push(`${where}: ${answer.status} ${answer.text.slice(0, 120)}`);
  // A refused form says what is wrong (the page shows it next to the field).
  if (form && answer.status === 400 && !(answer.data && typeof answer.data === "object" && "errors" in answer.data)) {
    failures.push(`${where}: 400 without a message: ${answer.text.slice(0, 120)}`);
  }
}

async function attemptSafely(fn: RouteFunction, options: Parameters<typeof call>[1]): Promise<Answer | Error> {
  try {
    return await call(fn, options);
  } catch (error) {
    return error as Error;
  }
}

// ——— Forms ———

/** The first kind of actor the action's rule allows: hostile input from someone who may act. */
async function allowedActor(c: Case<unknown>, target: unknown): Promise<Actor | null> {
  const kind = ACTOR_KINDS.find((k) => c.rule(actor(k), target) === null);
  if (!kind) throw new Error(`nobody may ${c.name}`);
  return actor(kind);
}

/** The forms; the links in e-mails (a GET with a token) have their query fuzzed with the loaders below. */
const forms = (cases as Case<unknown>[]).filter((c) => !c.link);

describe("every form field of every action", () => {
  it("the links in e-mails carry only query parameters that the loaders' fuzzing below covers", async () => {
    const links = (cases as Case<unknown>[]).filter((c) => c.link);
    expect(links.length).toBeGreaterThan(0);
    for (const c of links) {
      const valid = c.request(await c.setup(), null);
      expect(valid.method, c.name).toBe("GET");
      const keys = [...new URL(valid.path, "http://madang.test").searchParams.keys()];
      expect(keys.length, c.name).toBeGreaterThan(0);
      expect(QUERY_KEYS, c.name).toEqual(expect.arrayContaining(keys));
    }
  });

  for (const c of forms) {
    it(`${c.route}: ${c.name}`, async () => {
      let target = await c.setup();
      const who = await allowedActor(c, target);
      const valid = c.request(target, who);
      expect(valid.method ?? "POST", "a form is sent with POST").toBe("POST");
      const fields = Object.keys(valid.form ?? {});
      const send = async (where: string, form: URLSearchParams | undefined, body?: BodyInit) => {
        const r = c.request(target, who);
        const answer = await attemptSafely(c.fn, { path: r.path, params: r.params, form, body, context: contextFor(t.services, who, nextIp()) });
        check(`${c.name} ${where}`, answer);
        // Accepted: the next attempt gets a fresh target in the same state.
        if (!(answer instanceof Error) && answer.status < 400) target = await c.setup();
      };
      for (const field of fields) {
        for (const [label, make] of VALUES) {
          const form = new URLSearchParams();
          const current = c.request(target, who).form ?? {};
          for (const [key, value] of Object.entries(current)) {
            if (key !== field) form.append(key, value);
            else for (const v of [make(value)].flat()) if (v !== undefined) form.append(key, v);
          }
          await send(`${field}=${label}`, form);
        }
      }
      const intent = valid.form?.intent;
      await send("with no fields at all", new URLSearchParams());
      await send("with every field a NUL byte", new URLSearchParams(fields.map((f) => [f, f === "intent" ? intent! : "\u0000"])));
      // Raw bytes that are not UTF-8 (a form decoder replaces them; nothing may break).
      const invalid = [0xff, 0xfe, 0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28, 0xa1, 0xf0, 0x28, 0x8c, 0xbc, 0xc0, 0xaf, 0xed, 0xa0, 0x80];
      const bytes: number[] = [];
      for (const f of fields) bytes.push(...Buffer.from(`${f}=`), ...(f === "intent" ? [...Buffer.from(encodeURIComponent(intent!))] : invalid), 0x26);
      await send("with invalid UTF-8 bytes", undefined, new Uint8Array(bytes));
      await send("with percent-encoded invalid UTF-8", undefined, fields.map((f) => `${f}=${f === "intent" ? encodeURIComponent(intent!) : "%FF%FE%C3%28%ED%A0%80%00"}`).join("&"));
      // Nested and repeated keys in the shapes other frameworks expand (a[b][c], __proto__).
      const nested = new URLSearchParams(valid.form);
      nested.append(`${"a[b]".repeat(500)}`, "1");
      nested.append("__proto__[admin]", "true");
      nested.append("constructor[prototype][admin]", "true");
      await send("with deeply nested keys", nested);
      const many = new URLSearchParams(valid.form);
      for (let i = 0; i < 5_000; i++) many.append(fields[i % fields.length] ?? "f", String(i));
      await send("with 5,000 repeated fields", many);
      await send("with a 2 MB field", new URLSearchParams({ ...valid.form, [fields.find((f) => f !== "intent") ?? "x"]: "y".repeat(2_000_000) }));
      expect(failures.filter((f) => f.startsWith(`${c.name} `)).join("\n")).toBe("");
    });
  }
});

// ——— Ids in the path of actions ———

describe("bad ids in the path of actions", () => {
  // The actions whose route has a parameter (`ideas.$id._index`: /ideas/:id).
  for (const c of forms.filter((f) => f.route.includes("$"))) {
    it(`${c.route}: ${c.name}`, async () => {
      const target = await c.setup();
      const who = await allowedActor(c, target);
      const valid = c.request(target, who);
      const params = valid.params ?? {};
      expect(Object.keys(params).length, "the route's parameters are given").toBeGreaterThan(0);
      for (const name of Object.keys(params)) {
        for (const bad of BAD_IDS) {
          // A well-formed slug ("abc") is not a bad one: it may name a page the form fuzzing created.
          if (name === "slug" && /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(bad)) continue;
          const answer = await attemptSafely(c.fn, {
            path: `/${c.route.replace(/\./g, "/")}`,
            params: { ...params, [name]: bad },
            form: valid.form,
            context: contextFor(t.services, who, nextIp()),
          });
          check(`${c.name} :${name}=${JSON.stringify(bad)}`, answer);
          if (!(answer instanceof Error)) expect([400, 404, 405], `${c.name} :${name}=${JSON.stringify(bad)}`).toContain(answer.status);
        }
      }
    });
  }
});

// ——— Loaders: every route parameter and query parameter ———

/** Every query parameter any page or endpoint reads. */
const QUERY_KEYS = [
  "q", "sort", "status", "category", "region", "campaign", "cursor", "limit", "format", "updated_since", "since", "idea",
  "lang", "text", "type", "id", "token", "next", "before", "ideaId", "accounts", "ipPrefix", "from", "to", "saved", "sent", "done",
  "when", "organiser", "v", "kind", "network",
];
const QUERY_VALUES: Variant[] = VALUES.filter(([label]) => !label.startsWith("oversized") && label !== "missing").concat([
  ["long", () => "x".repeat(5_000)],
  ["a script", () => "<script>alert(1)</script>"],
  ["SQL", () => "1' OR '1'='1"],
  ["a date out of range", () => "99999-12-31"],
  ["a base64 cursor of nonsense", () => Buffer.from('[1e309,"x"]').toString("base64url")],
  ["a path with a NUL byte", () => "/ideas\u0000x"],
  ["a path with a header injection", () => "/\r\nSet-Cookie: madang_session=x"],
  ["a path with Hangul", () => "/ideas?q=마당"],
]);

describe("every loader with bad route and query parameters", () => {
  const modules = import.meta.glob("../../app/routes/*.{ts,tsx}");
  let good: Record<string, string> = {};
  beforeAll(async () => {
    const idea = await openIdea();
    const thread = await committeeThread();
    const campaign = await t.db.selectFrom("campaigns").select(["id", "slug"]).orderBy("id").executeTakeFirstOrThrow();
    const author = actor("author")!;
    good = {
      "ideas.$id._index": String(idea.ideaId),
      "ideas.$id.count": String(idea.ideaId),
      "ideas.$id.edit": String(idea.ideaId),
      "desk.ideas.$id": String(idea.ideaId),
      "threads.$id": String(thread.threadId),
      "admin.campaigns.$id": String(campaign.id),
      "admin.users.$id": String(author.id),
      "moderation.accounts.$id": String(author.id),
      "dev.mail.$id": "1",
      "campaigns.$slug": campaign.slug,
      "committees.$slug._index": "economy",
      "committees.$slug.threads.new": "economy",
      "committees.$slug.meetings.new": "economy",
      "ideas.$id.digest": String(idea.ideaId),
      "agencies.$slug": "moef",
    };
  }, 60_000);
  const tried = new Set<string>();
  // One test per route module: each has its own time, and a slow machine slows one route only.
  for (const [file, load] of Object.entries(modules)) {
    const route = path.basename(file).replace(/\.tsx?$/, "");
    it(`${route}: never answers 500`, { timeout: 60_000 }, async () => {
      const mod = (await load()) as { loader?: RouteFunction };
      if (typeof mod.loader !== "function") return;
      tried.add(route);
      const paramName = route.match(/\$(\w+)/)?.[1] ?? (route === "$" ? "*" : null);
      const who = route === "ideas.$id.edit" ? actor("author")! : actor("admin");
      const params = (value: string) => (paramName ? { [paramName]: value } : {});
      const seen: string[] = [];
      const get = async (where: string, query: string, paramValue: string, as: Actor | null = who) => {
        const answer = await attemptSafely(mod.loader!, { path: `/${route}?${query}`, params: params(paramValue), context: contextFor(t.services, as, nextIp()) });
        const before = failures.length;
        check(`loader ${route} ${where}`, answer, false);
        seen.push(...failures.slice(before));
      };
      const ok = good[route] ?? "x";
      if (paramName) for (const bad of BAD_IDS) await get(`:${paramName}=${JSON.stringify(bad)}`, "", bad);
      for (const [label, make] of QUERY_VALUES) {
        // Every parameter at once, as a signed-in admin and as a visitor.
        const query = new URLSearchParams();
        for (const key of QUERY_KEYS) for (const v of [make(ok)].flat()) if (v !== undefined) query.append(key, v);
        await get(`every query parameter ${label}`, query.toString(), ok);
        await get(`every query parameter ${label} (visitor)`, query.toString(), ok, null);
      }
      await get("with a deeply nested query", `${"a[b]".repeat(500)}=1&__proto__[x]=1`, ok);
      // One parameter at a time (a bad one must not hide behind another's refusal), where the
      // route reads its query (itself or through the open data endpoints).
      const source = fs.readFileSync(new URL(file, import.meta.url), "utf8");
      if (/searchParams|Endpoint\(request/.test(source)) {
        for (const key of QUERY_KEYS) {
          for (const [label, make] of QUERY_VALUES.filter(([l]) => ["a NUL byte", "1e309", "99999999999999999999", "beyond a 32-bit integer", "-1", "abc", "repeated"].includes(l))) {
            const query = new URLSearchParams();
            for (const v of [make("1")].flat()) if (v !== undefined) query.append(key, v);
            await get(`?${key}=${label}`, query.toString(), ok);
          }
        }
      }
      expect(seen.join("\n")).toBe("");
    });
  }
  it("tried the loaders that read their query", () => {
    expect([...tried]).toEqual(expect.arrayContaining(["api.v1.ideas", "feed[.]atom", "ideas.similar", "ideas.$id.count", "ideas._index"]));
  });
});

// ——— Through the real HTTP stack ———

describe("through the HTTP stack (app/server.ts)", () => {
  it("answers hostile requests with 4xx, never 500", { timeout: 180_000 }, async () => {
    const idea = await openIdea();
    const citizen = actor("citizen")!;
    const cookie = await sessionCookie(t.services, citizen.id);
    const app = await startTestApp(t.url);
    const results: string[] = [];
    try {
      const send = async (label: string, pathname: string, init: RequestInit & { expect?: number[] } = {}) => {
        const method = init.method ?? "GET";
        const headers = new Headers(init.headers);
        if (method !== "GET") headers.set("origin", app.url);
        headers.set("cookie", cookie);
        const response = await fetch(`${app.url}${pathname}`, { ...init, method, headers, redirect: "manual" });
        const text = await response.text();
        if (response.status >= 500 || (init.expect && !init.expect.includes(response.status))) {
          results.push(`${label}: ${response.status} ${text.slice(0, 120)}`);
        }
      };
      const form = { "content-type": "application/x-www-form-urlencoded" };
      const newIdea = "/ideas/new?_data=routes%2Fideas.new";
      await send("JSON instead of a form", newIdea, { method: "POST", headers: { "content-type": "application/json" }, body: '{"title":{"$ne":null}}', expect: [415] });
      await send("multipart that is not", newIdea, { method: "POST", headers: { "content-type": "multipart/form-data; boundary=x" }, body: "--y\r\ngarbage", expect: [415] });
      await send("no content type", newIdea, { method: "POST", body: "title=x", headers: { "content-type": "" }, expect: [415] });
      await send("XML", newIdea, { method: "POST", headers: { "content-type": "text/xml" }, body: "<!DOCTYPE x [<!ENTITY e SYSTEM 'file:///etc/passwd'>]><x>&e;</x>", expect: [415] });
      await send("invalid UTF-8 bytes", newIdea, { method: "POST", headers: form, body: new Uint8Array([...Buffer.from("title="), 0xff, 0xfe, 0xc3, 0x28, ...Buffer.from("&body="), 0xed, 0xa0, 0x80, ...Buffer.from("&categoryId=1")]), expect: [400] });
      await send("NUL bytes in every field", newIdea, { method: "POST", headers: form, body: "title=%00&body=%00&categoryId=%00&regionId=%00&campaignId=%00", expect: [400] });
      await send("a 2 MB body", newIdea, { method: "POST", headers: form, body: `title=${"x".repeat(2_000_000)}`, expect: [413] });
      await send("a body of unknown length", newIdea, {
        method: "POST",
        headers: form,
        body: new ReadableStream({ start: (c) => (c.enqueue(new TextEncoder().encode("title=x")), c.close()) }),
        duplex: "half",
        expect: [411],
      } as RequestInit & { expect: number[] });
      await send("support with a repeated intent", `/ideas/${idea.ideaId}?index&_data=routes%2Fideas.%24id._index`, { method: "POST", headers: form, body: "intent=support&intent=withdraw" });
      await send("a POST to the open data API", "/api/v1/ideas", { method: "POST", headers: form, body: "x=1", expect: [405] });
      for (const bad of ["-1", "1e309", "abc", "99999999999999999999", "9999999999", "%00", "%FF"]) {
        await send(`/ideas/${bad}`, `/ideas/${bad}`, { expect: [400, 404] });
        await send(`/ideas/${bad}/count`, `/ideas/${bad}/count`, { expect: [400, 404] });
        await send(`/threads/${bad}`, `/threads/${bad}`, { expect: [400, 404] });
        await send(`/api/v1/ideas?limit=${bad}`, `/api/v1/ideas?limit=${bad}&cursor=${bad}`, { expect: [400] });
        await send(`/api/v1/events?idea=${bad}`, `/api/v1/events?idea=${bad}`, { expect: [200, 400] });
        await send(`/feed.atom?campaign=${bad}`, `/feed.atom?campaign=${bad}`, { expect: [200, 400] });
        await send(`/ideas?category=${bad}`, `/ideas?category=${bad}&region=${bad}&campaign=${bad}&cursor=${bad}&sort=${bad}`);
        await send(`/ideas/similar?text=${bad}`, `/ideas/similar?text=${bad}`);
        await send(`/admin/users?before=${bad}`, `/admin/users?before=${bad}`, { expect: [403] });
      }
      await send("a deeply nested query", `/ideas?${"a[b]".repeat(2000)}=1`);
      await send("a campaign that is not there", "/feed.atom?campaign=no-such-campaign-here", { expect: [400] });
      await send("log in, then go to a header injection", "/login?next=%2F%0D%0ASet-Cookie%3A%20x%3D1", { expect: [302] });
      expect(results.join("\n")).toBe("");
    } finally {
      await app.stop();
    }
    // The app logged no error while it was attacked.
    expect(app.output()).not.toMatch(/"level":50|Error:/);
  });
});

// ——— Nothing garbage stored ———

describe("what the database holds afterwards", () => {
  it("no text column holds a control character or a bidirectional override", async () => {
    const columns = await sql<{ table_name: string; column_name: string }>`
      SELECT table_name, column_name FROM information_schema.columns
      WHERE table_schema = 'public' AND data_type IN ('text', 'character varying')
        AND table_name NOT IN ('rate_limits', 'sessions', 'scheduled_jobs', 'kysely_migration', 'kysely_migration_lock')
      ORDER BY table_name, column_name`.execute(t.db);
    const bad: string[] = [];
    for (const { table_name, column_name } of columns.rows) {
      const found = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table_name)}
        WHERE ${sql.ref(column_name)} ~ ${"[\\x01-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f\\u202a-\\u202e\\u2066-\\u2069]"}`.execute(t.db);
      if (found.rows[0].n > 0) bad.push(`${table_name}.${column_name}: ${found.rows[0].n} rows`);
    }
    expect(bad.join("\n")).toBe("");
  });
});
