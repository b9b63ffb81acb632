// The HTTP stack (app/server.ts) against the classes of weakness of issue 21: a demo started as a
// deployment, cookies a sibling site can set, Host and Origin that disagree, responses without
// security headers, one page under several addresses, and clients that send slowly. Each
// describe names its class and tries every route of the built app (read from the build's own
// route list), so that a route added later is tried too.
import http from "node:http";
import net from "node:net";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actor, committeeThread, openIdea, setUpWorld } from "./actions";
import { sessionCookie, spawnApp, startTestApp, type TestApp } from "../fixtures/app";
import { openTestDatabase, type TestDatabase } from "./db";

const root = path.resolve(import.meta.dirname, "../..");

let t: TestDatabase;
let values: Record<string, string>;
let cookie: string;
let campaignSlug: string;
let ideaId: number;
beforeAll(async () => {
  t = await openTestDatabase();
  await setUpWorld(t);
  const idea = await openIdea();
  const thread = await committeeThread();
  const campaign = await t.db.selectFrom("campaigns").select(["id", "slug"]).orderBy("id").executeTakeFirstOrThrow();
  campaignSlug = campaign.slug;
  ideaId = idea.ideaId;
  const admin = actor("admin")!;
  values = {
    "ideas/:id": String(idea.ideaId),
    "threads/:id": String(thread.threadId),
    "admin/campaigns/:id": String(campaign.id),
    "admin/users/:id": String(admin.id),
    "moderation/accounts/:id": String(admin.id),
    "dev/mail/:id": "1",
    "campaigns/:slug": campaign.slug,
    "committees/:slug": "economy",
    "agencies/:slug": "moef",
    "pages/:slug": "operating-rules",
    "admin/pages/:slug": "operating-rules",
    // Pages whose subject this file does not create: any id (a missing one answers 404, never a 500).
    "committees/meetings/:id": "1",
    "events/:id": "1",
    "events/:id.ics": "1",
    "desk/ideas/:id": String(idea.ideaId),
    // A day with no published root: 404 (decision 051).
    "api/v1/support-roots/:day": "2026-01-01",
    // A scan that is not there: the desk answers 404 (or the sign-in page for a visitor).
    "desk/scans/:file": `${"0".repeat(64)}.pdf`,
  };
  cookie = await sessionCookie(t.services, admin.id);
}, 120_000);
afterAll(() => t?.close());

// ——— The routes of the built app ———

interface RoutePattern {
  pattern: string;
  /** A path that reaches it, with real ids and slugs. */
  path: string;
}

/** Every route with a path, from the build (so a new route is covered without editing this file). */
async function routesOfBuild(): Promise<RoutePattern[]> {
  const build = (await import(pathToFileURL(path.join(root, "build", "index.js")).href)) as ServerBuild;
  const full = (id: string): string[] => {
    const r = build.routes[id];
    if (!r) return [];
    return [...(r.parentId ? full(r.parentId) : []), ...(r.path ? r.path.split("/").filter(Boolean) : [])];
  };
  const out = new Map<string, RoutePattern>();
  for (const id of Object.keys(build.routes)) {
    const parts = full(id);
    const pattern = parts.join("/");
    const filled = parts.map((part, i) => {
      if (part === "*") return "no-such-page";
      if (!part.startsWith(":")) return part;
      const key = [...parts.slice(0, i), part].filter((p) => !p.startsWith(":") || p === part).join("/");
      const value = values[key];
      if (!value) throw new Error(`no sample value for ${key} in ${pattern}: add one to this test`);
      return value;
    });
    out.set(pattern, { pattern, path: `/${filled.join("/")}` });
  }
  return [...out.values()];
}

const SECURITY_HEADERS: [string, RegExp][] = [
  // The response's own nonce; or, for a visitor's kept page, the hashes of its scripts (decision 084).
  ["content-security-policy", /script-src 'self'( 'nonce-[A-Za-z0-9+/=]{16,}'| 'sha256-[A-Za-z0-9+/=]{44}')*;.*frame-ancestors 'none'/],
  ["x-content-type-options", /^nosniff$/],
  ["x-frame-options", /^DENY$/],
  ["referrer-policy", /^strict-origin-when-cross-origin$/],
  ["permissions-policy", /camera=\(\)/],
];

function missingHeaders(response: Response): string[] {
  return SECURITY_HEADERS.filter(([name, pattern]) => !pattern.test(response.headers.get(name) ?? "")).map(([name]) => name);
}

describe("class: demo mode in production", () => {
  const refused = async (env: Record<string, string>) => {
    const base: Record<string, string> = { ...(process.env as Record<string, string>), PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "error", MADANG_DATA_DIR: path.join(root, "tests", ".tmp", "never-opened") };
    delete base.DEMO;
    delete base.PUBLIC_URL;
    delete base.DATABASE_URL;
    try {
      const started = await spawnApp({ ...base, ...env });
      started.child.kill("SIGKILL");
      return "started";
    } catch (error) {
      return (error as Error).message;
    }
  };
  it("the process refuses to start, and says why and what to do", { timeout: 120_000 }, async () => {
    const cases: Record<string, string>[] = [
      { NODE_ENV: "production" }, // the embedded database is always a demo
      { NODE_ENV: "production", DATABASE_URL: t.url, DEMO: "1", PUBLIC_URL: "http://localhost:3000" },
      { NODE_ENV: "development", DATABASE_URL: t.url, DEMO: "1", PUBLIC_URL: "https://madang.example.org" },
      { NODE_ENV: "test", PUBLIC_URL: "http://192.168.0.10:3000" },
    ];
    for (const env of cases) {
      const message = await refused(env);
      expect(message, JSON.stringify(env)).toMatch(/the app exited/);
      expect(message, JSON.stringify(env)).toMatch(/Madang cannot start: .*demo mode/);
      expect(message, JSON.stringify(env)).toMatch(/For a real deployment: set DATABASE_URL/);
    }
  });
});

// ——— One app, as a development server on this machine (no PUBLIC_URL) ———

describe("the app on this machine", () => {
  let app: TestApp;
  let routes: RoutePattern[];
  beforeAll(async () => {
    app = await startTestApp(t.url, { PAGE_CACHE_SECONDS: "30" });
    routes = await routesOfBuild();
  }, 120_000);
  afterAll(() => app?.stop());

  describe("class: malformed client-supplied cookie", () => {
    const BROKEN = ["foo=%E0", "foo=%", "madang_lang=%E0%A4%A", "madang_session=%E0", "madang_session=%00", `madang_session=${"a".repeat(4000)}`, "madang_session=", '=%E0; "=%', "madang_session=../../etc"];

    it("every route, /healthz included, answers as if the broken cookie were absent", { timeout: 120_000 }, async () => {
      const failures: string[] = [];
      for (const route of [{ pattern: "healthz", path: "/healthz" }, ...routes]) {
        for (const broken of BROKEN) {
          const response = await fetch(app.url + route.path, { headers: { cookie: broken }, redirect: "manual" });
          await response.arrayBuffer();
          if (response.status >= 500) failures.push(`${route.path} with ${broken.slice(0, 40)}: ${response.status}`);
        }
      }
      expect(failures.join("\n")).toBe("");
      expect(app.output()).not.toMatch(/URIError|"level":50/);
    });

    it("keeps the session and the language when a sibling cookie cannot be read", async () => {
      const me = await fetch(`${app.url}/me`, { headers: { cookie: `foo=%E0; ${cookie}; madang_lang=en` }, redirect: "manual" });
      expect(me.status).toBe(200);
      expect(await me.text()).toContain('lang="en"');
      // The broken cookie is the session cookie itself: signed out, not an error.
      const signedOut = await fetch(`${app.url}/me`, { headers: { cookie: "madang_session=%E0" }, redirect: "manual" });
      expect(signedOut.status).toBe(302);
      expect(signedOut.headers.get("location")).toMatch(/^\/login/);
    });

    it("forms answer too: log in, log out, language", async () => {
      for (const [pathname, body] of [
        ["/login", "email=a%40example.org&password=wrong-password-here"],
        ["/logout", ""],
        ["/language", "lang=en"],
      ]) {
        for (const broken of BROKEN) {
          const response = await fetch(app.url + pathname, {
            method: "POST",
            headers: { cookie: broken, origin: app.url, "content-type": "application/x-www-form-urlencoded" },
            body,
            redirect: "manual",
          });
          expect(response.status, `${pathname} ${broken.slice(0, 30)}`).toBeLessThan(500);
        }
      }
    });
  });

  describe("class: security headers missing on static files", () => {
    it("every kind of response carries the security headers", { timeout: 60_000 }, async () => {
      const page = await (await fetch(`${app.url}/ideas`)).text();
      const asset = /href="(\/build\/[^"]+\.js)"/.exec(page)?.[1];
      expect(asset).toBeTruthy();
      const form = { "content-type": "application/x-www-form-urlencoded" };
      const kinds: [string, string, RequestInit][] = [
        ["a static file (CSS)", "/styles.css", {}],
        ["a static file (SVG)", "/favicon.svg", {}],
        ["a built script", asset!, {}],
        ["a static file, HEAD", "/styles.css", { method: "HEAD" }],
        ["a missing built script", "/build/no-such-file.js", {}],
        ["a page", "/ideas", {}],
        ["a page, HEAD", "/", { method: "HEAD" }],
        ["a page not found", "/no-such-page", {}],
        ["a health check", "/healthz", {}],
        ["JSON", "/api/v1/ideas", {}],
        ["CSV", "/api/v1/ideas.csv", {}],
        ["Atom", "/feed.atom", {}],
        ["a redirect to sign in", "/me", {}],
        ["a redirect to the canonical address", "/IDEAS", {}],
        ["a bad list cursor (400)", "/ideas?sort=new&cursor=WyJhYmMiLDFd", {}],
        ["a broken %-escape (400)", "/ideas/%FF", {}],
        ["a cross-site form (403)", "/logout", { method: "POST", headers: { origin: "https://evil.example" } }],
        ["a body that is not a form (415)", "/logout", { method: "POST", headers: { origin: app.url, "content-type": "application/json" }, body: "{}" }],
        ["a form", "/logout", { method: "POST", headers: { ...form, origin: app.url }, body: "" }],
      ];
      const failures: string[] = [];
      for (const [label, pathname, init] of kinds) {
        const response = await fetch(app.url + pathname, { ...init, redirect: "manual" });
        await response.arrayBuffer();
        const missing = missingHeaders(response);
        if (missing.length) failures.push(`${label} (${pathname}, ${response.status}): ${missing.join(", ")}`);
      }
      expect(failures.join("\n")).toBe("");
    });
  });

  describe("class: one page under several addresses (letter case, trailing slash)", () => {
    it("sends every route's path in other letter cases to the route's own spelling, ids and slugs untouched", { timeout: 60_000 }, async () => {
      const failures: string[] = [];
      for (const route of routes) {
        if (!/[a-z]/.test(route.pattern.replace(/:\w+/g, "").replace("*", ""))) continue;
        const fixedUpper = route.pattern
          .split("/")
          .map((part, i) => (part.startsWith(":") || part === "*" ? route.path.split("/")[i + 1] : part.toUpperCase()))
          .join("/");
        if (route.pattern.includes("*")) continue;
        for (const variant of [`/${fixedUpper}`, `/${fixedUpper}?q=A&x=1`, `${route.path}/`]) {
          const response = await fetch(app.url + variant, { redirect: "manual" });
          await response.arrayBuffer();
          const expected = route.path + (variant.includes("?") ? "?q=A&x=1" : "");
          if (response.status !== 301 || response.headers.get("location") !== expected) {
            failures.push(`${variant}: ${response.status} → ${response.headers.get("location")} (expected 301 → ${expected})`);
          }
        }
        const canonical = await fetch(app.url + route.path, { redirect: "manual" });
        await canonical.arrayBuffer();
        if (canonical.status === 301) failures.push(`${route.path} redirected although it is canonical`);
      }
      expect(failures.join("\n")).toBe("");
    });

    it("never changes a value: a slug in capitals is simply not found", async () => {
      const response = await fetch(`${app.url}/campaigns/${campaignSlug.toUpperCase()}`, { redirect: "manual" });
      expect(response.status).toBe(404);
      const mixed = await fetch(`${app.url}/Campaigns/${campaignSlug.toUpperCase()}`, { redirect: "manual" });
      expect(mixed.status).toBe(301);
      expect(mixed.headers.get("location")).toBe(`/campaigns/${campaignSlug.toUpperCase()}`);
      // Forms are not redirected (a browser would turn the POST into a GET).
      const post = await fetch(`${app.url}/LOGOUT`, { method: "POST", headers: { origin: app.url }, redirect: "manual" });
      expect(post.status).not.toBe(301);
    });
  });

  describe("class: slowloris / timeouts not enforced", () => {
    /** Opens a raw connection, writes `head` and then one byte of `trickle` every `everyMs`; resolves with the seconds until the server closed it. */
    function slowClient(head: string, trickle: string, everyMs: number): Promise<{ seconds: number; answer: string }> {
      return new Promise((resolve, reject) => {
        const { port, hostname } = new URL(app.url);
        const started = Date.now();
        const socket = net.connect(Number(port), hostname);
        let answer = "";
        let i = 0;
        let timer: NodeJS.Timeout | undefined;
        socket.on("connect", () => {
          socket.write(head);
          timer = setInterval(() => {
            if (socket.writable && !socket.destroyed) socket.write(trickle[i++ % trickle.length]);
          }, everyMs);
        });
        socket.on("data", (chunk) => (answer += chunk.toString()));
        socket.on("error", () => {}); // a reset counts as closed
        socket.on("close", () => {
          clearInterval(timer);
          resolve({ seconds: (Date.now() - started) / 1000, answer });
        });
        setTimeout(() => {
          clearInterval(timer);
          socket.destroy();
          reject(new Error("the server kept a slow client for more than 70 s"));
        }, 70_000);
      });
    }

    it("cuts off a client sending its headers slowly at 10 s, and its body slowly at 30 s", { timeout: 90_000 }, async () => {
      const host = new URL(app.url).host;
      const [headers, body, idle] = await Promise.all([
        slowClient(`GET /ideas HTTP/1.1\r\nHost: ${host}\r\n`, "X-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", 500),
        slowClient(
          `POST /logout HTTP/1.1\r\nHost: ${host}\r\nOrigin: ${app.url}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\n`,
          "a",
          1_000,
        ),
        // A kept-alive connection that says nothing more is closed after 5 s.
        slowClient(`GET /healthz HTTP/1.1\r\nHost: ${host}\r\n\r\n`, "", 60_000),
      ]);
      expect(headers.seconds).toBeGreaterThanOrEqual(9.5);
      expect(headers.seconds).toBeLessThanOrEqual(12.5);
      expect(body.seconds).toBeGreaterThanOrEqual(29.5);
      expect(body.seconds).toBeLessThanOrEqual(32.5);
      expect(idle.answer).toMatch(/^HTTP\/1\.1 200/);
      expect(idle.seconds).toBeLessThanOrEqual(7.5);
    });
  });

  describe("class: links written for another host than the one the page was asked at", () => {
    /** A GET with this Host header (fetch does not let a test set Host). */
    const pageAt = (pathname: string, host: string) =>
      new Promise<string>((resolve, reject) => {
        const target = new URL(app.url);
        const request = http.get({ host: target.hostname, port: target.port, path: pathname, headers: { host } }, (response) => {
          let body = "";
          response.setEncoding("utf8");
          response.on("data", (chunk: string) => (body += chunk));
          response.on("end", () => resolve(body));
        });
        request.on("error", reject);
      });
    const shareLink = (page: string) => /id="share-url"[^>]*value="([^"]*)"/.exec(page)?.[1] ?? /value="([^"]*)"[^>]*id="share-url"/.exec(page)?.[1];

    it("without PUBLIC_URL, the idea's share link names the loopback address the page was asked at, even from the page cache", async () => {
      const port = new URL(app.url).port;
      for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `127.0.0.1:${port}`, "localhost:8080"]) {
        expect(shareLink(await pageAt(`/ideas/${ideaId}`, host)), host).toBe(`http://${host}/ideas/${ideaId}`);
      }
    });

    it("a Host that is not this machine is never written into a link", async () => {
      for (const host of ["evil.example", "evil.example:3000", "127.0.0.1.evil.example"]) {
        const link = shareLink(await pageAt(`/ideas/${ideaId}`, host));
        expect(link, host).toMatch(new RegExp(`^http://localhost:\\d+/ideas/${ideaId}$`));
      }
    });
  });
});

// ——— One app behind a proxy, with PUBLIC_URL ———

describe("class: host/origin confusion", () => {
  const PUBLIC = "https://madang.example.org";
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp(t.url, { PUBLIC_URL: PUBLIC, TRUST_PROXY: "1" });
  }, 120_000);
  afterAll(() => app?.stop());

  const FORMS: [string, string][] = [
    ["/login", "email=nobody%40example.org&password=not-the-password-1"],
    ["/join", "email=x&displayName=&password="],
    ["/reset-password", "intent=request&email=nobody%40example.org"],
    ["/language", "lang=en"],
    ["/logout", ""],
  ];
  const send = async (pathname: string, body: string, headers: Record<string, string>) => {
    const response = await fetch(app.url + pathname, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
      body,
      redirect: "manual",
    });
    return { status: response.status, text: await response.text() };
  };

  it("accepts this site's forms whatever Host or X-Forwarded-Host a proxy passes on", async () => {
    const failures: string[] = [];
    for (const [pathname, body] of FORMS) {
      for (const headers of [
        { origin: PUBLIC },
        { origin: PUBLIC, host: "upstream-madang:3000" },
        { origin: PUBLIC, "x-forwarded-host": "upstream-madang:3000" },
        { origin: PUBLIC, "x-forwarded-host": "other.example, madang.example.org", "x-forwarded-proto": "http" },
        { referer: `${PUBLIC}/login`, host: "10.0.0.7" },
      ] as Record<string, string>[]) {
        const answer = await send(pathname, body, headers);
        if (answer.status >= 500 || answer.status === 403) failures.push(`${pathname} ${JSON.stringify(headers)}: ${answer.status} ${answer.text.slice(0, 80)}`);
      }
    }
    expect(failures.join("\n")).toBe("");
  });

  it("answers 403, never 500, when the request really comes from elsewhere", async () => {
    const failures: string[] = [];
    for (const [pathname, body] of FORMS) {
      for (const headers of [
        { origin: "https://evil.example", host: "evil.example" },
        { origin: "https://evil.example", "x-forwarded-host": "evil.example" },
        { origin: "https://evil.example", "x-forwarded-host": "madang.example.org" },
        { origin: "http://madang.example.org" }, // another scheme
        { origin: "https://madang.example.org:8443" }, // another port
        { origin: "https://madang.example.org.evil.example" },
        { origin: "null" },
        { referer: "https://evil.example/" },
        {},
      ] as Record<string, string>[]) {
        const answer = await send(pathname, body, headers);
        if (answer.status !== 403) failures.push(`${pathname} ${JSON.stringify(headers)}: ${answer.status} ${answer.text.slice(0, 80)}`);
      }
    }
    expect(failures.join("\n")).toBe("");
    expect(app.output()).not.toMatch(/does not match `origin`|"level":50/);
  });
});
