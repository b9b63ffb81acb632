import { createHash } from "node:crypto";
import type { AddressInfo } from "node:net";
import zlib from "node:zlib";
import express from "express";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createPageCache, keptPage, keptPolicy } from "../../app/utils/page-cache.server";
import { type EncodedCopies } from "../../app/utils/wire.server";
import { serveBody } from "../fixtures/send-body";
import type { KeepBody } from "../../app/utils/remix-express.server";

let close: (() => void) | null = null;
afterEach(() => close?.());

/**
 * A server whose pages say how many times they were rendered, behind the cache. A request
 * with `cookie: session` is a signed-in person; `?private`, `?cookie` and `?missing` make
 * pages that must not be shared.
 */
async function serve(seconds: number, clock = { now: Date.now() }, options: { maxBytes?: number; keepFromSecond?: boolean } = {}) {
  // Kept from the first request unless a test asks for the default (decision 099): most tests
  // here are about what is kept, for how long, and for whom.
  const cache = createPageCache({ seconds, maxEntries: 3, now: () => clock.now, keepFromSecond: false, ...options });
  let renders = 0;
  const app = express();
  app.use(
    cache.middleware(
      (req) => req.headers.cookie !== "session",
      (req) => String(req.headers["accept-language"] ?? "ko"),
    ),
  );
  app.get("*", async (req, res) => {
    renders++;
    await new Promise((r) => setTimeout(r, 30));
    if (req.query.missing !== undefined) return res.status(404).send("not found");
    res.set("Cache-Control", req.query.private !== undefined ? "private, no-cache" : "public, max-age=10");
    if (req.query.cookie !== undefined) res.set("Set-Cookie", "a=b");
    if (req.query.big !== undefined) res.type("html");
    res.set("X-Page", req.path);
    // As the Remix handler does (app/utils/remix-express.server.ts): the page's text to whoever
    // keeps it, then the page on the wire.
    const body = `<p>${req.path} render ${renders}</p>` + (req.query.big !== undefined ? `<p>${"마당 ".repeat(1000)}</p>` : "");
    (res.locals.keepBody as KeepBody | undefined)?.(Buffer.from(body));
    res.end(body);
  });
  const server = app.listen(0, "127.0.0.1");
  await new Promise((r) => server.once("listening", r));
  close = () => server.close();
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const get = async (path: string, headers: Record<string, string> = {}) => {
    const response = await fetch(url + path, { headers });
    return { status: response.status, body: await response.text(), age: response.headers.get("age"), page: response.headers.get("x-page") };
  };
  return { get, renders: () => renders, clock, cache };
}

describe("the page cache for visitors", () => {
  it("renders a public page once for a crowd of visitors arriving together, and shares it", async () => {
    const site = await serve(1);
    const answers = await Promise.all(Array.from({ length: 20 }, () => site.get("/ideas/7")));
    expect(site.renders()).toBe(1);
    expect(new Set(answers.map((a) => a.body))).toEqual(new Set(["<p>/ideas/7 render 1</p>"]));
    // The page's own headers come with it.
    expect(answers.every((a) => a.page === "/ideas/7")).toBe(true);
    expect((await site.get("/ideas/7")).age).toBe("0");
  });

  it("keeps a page only for its seconds, then renders it again", async () => {
    const site = await serve(1, { now: 1_000_000 });
    await site.get("/ideas");
    site.clock.now += 999;
    expect((await site.get("/ideas")).body).toContain("render 1");
    site.clock.now += 2;
    expect((await site.get("/ideas")).body).toContain("render 2");
  });

  it("keeps each address and language apart", async () => {
    const site = await serve(1);
    await site.get("/ideas?sort=top");
    await site.get("/ideas?sort=new");
    await site.get("/ideas?sort=top", { "accept-language": "en" });
    expect(site.renders()).toBe(3);
    expect((await site.get("/ideas?sort=new")).body).toContain("render 2");
  });

  it("never shares what a signed-in person sees, nor a private, failed or cookie-setting page", async () => {
    const site = await serve(1);
    for (const path of ["/me", "/me"]) await site.get(path, { cookie: "session" });
    for (const path of ["/a?private", "/a?private", "/b?cookie", "/b?cookie", "/c?missing", "/c?missing"]) await site.get(path);
    expect(site.renders()).toBe(8);
    // A visitor's cached page is not given to a signed-in person either.
    await site.get("/ideas");
    expect((await site.get("/ideas", { cookie: "session" })).body).toContain("render 10");
  });

  it("holds a bounded number of pages, dropping the oldest", async () => {
    const site = await serve(60);
    for (const n of [1, 2, 3, 4]) await site.get(`/ideas/${n}`);
    expect(site.cache.size()).toBe(3);
    expect((await site.get("/ideas/4")).body).toContain("render 4");
    expect((await site.get("/ideas/1")).body).toContain("render 5");
  });

  it("lets stale pages go when it keeps the next, instead of holding them until the count is full", async () => {
    const site = await serve(1, { now: 1_000_000 });
    await site.get("/ideas/1");
    await site.get("/ideas/2");
    expect(site.cache.size()).toBe(2);
    site.clock.now += 1_001;
    await site.get("/ideas/3");
    expect(site.cache.size()).toBe(1);
    expect(site.cache.bytes()).toBe(Buffer.byteLength("<p>/ideas/3 render 3</p>"));
  });

  it("holds no more bytes than its limit, dropping the oldest pages", async () => {
    const page = (n: number) => Buffer.byteLength(`<p>/ideas/${n} render ${n}</p>`);
    const site = await serve(60, { now: 1_000_000 }, { maxBytes: page(1) + page(2) });
    for (const n of [1, 2]) await site.get(`/ideas/${n}`);
    expect(site.cache.size()).toBe(2);
    await site.get("/ideas/3");
    expect(site.cache.size()).toBe(2);
    expect(site.cache.bytes()).toBe(page(2) + page(3));
    expect((await site.get("/ideas/2")).body).toContain("render 2");
    expect((await site.get("/ideas/1")).body).toContain("render 4");
  });

  it("counts a page's compressed copy in its bytes", async () => {
    const site = await serve(60);
    await site.get("/ideas?big", { "accept-encoding": "identity" });
    const plain = site.cache.bytes();
    await site.get("/ideas?big", { "accept-encoding": "br" });
    expect(site.cache.bytes()).toBeGreaterThan(plain);
    expect(site.cache.bytes()).toBeLessThan(plain * 1.5);
  });

  it("keeps a page from its second request within its seconds: a page asked once is rendered for its visitor alone", async () => {
    const site = await serve(1, { now: 1_000_000 }, { keepFromSecond: true });
    expect((await site.get("/ideas?q=once")).body).toContain("render 1");
    expect(site.cache.size()).toBe(0);
    site.clock.now += 500;
    expect((await site.get("/ideas?q=once")).body).toContain("render 2");
    expect(site.cache.size()).toBe(1);
    site.clock.now += 500;
    const third = await site.get("/ideas?q=once");
    expect(third.body).toContain("render 2");
    expect(third.age).toBe("0");
  });

  it("does not keep a page asked again only after its seconds: nobody would have been sent it", async () => {
    const site = await serve(1, { now: 1_000_000 }, { keepFromSecond: true });
    await site.get("/ideas?q=rare");
    site.clock.now += 1_000;
    await site.get("/ideas?q=rare");
    expect(site.cache.size()).toBe(0);
    site.clock.now += 999;
    await site.get("/ideas?q=rare");
    expect(site.cache.size()).toBe(1);
    expect(site.renders()).toBe(3);
  });

  it("renders a page twice for a crowd of visitors arriving together at an address asked for the first time", async () => {
    const site = await serve(1, { now: Date.now() }, { keepFromSecond: true });
    const answers = await Promise.all(Array.from({ length: 20 }, () => site.get("/ideas/8")));
    expect(site.renders()).toBe(2);
    expect(answers.filter((a) => a.age === null)).toHaveLength(2);
  });

  it("is off at 0 seconds", async () => {
    const site = await serve(0);
    await Promise.all([site.get("/ideas"), site.get("/ideas")]);
    expect(site.renders()).toBe(2);
  });
});

describe("a page made fit to share (keptPage)", () => {
  const nonce = "bm9uY2Utb2YtdGhlLXJlbmRlcg==";
  const sha = (text: string) => `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;

  it("takes the render's nonce out and names each of its scripts by the hash of its text", () => {
    const page =
      `<html><head><script nonce="${nonce}">window.a = "가나다";</script></head>` +
      `<body><p>nonce="someone's words"</p><script nonce="${nonce}" type="module" async="">import "/build/x.js";</script>` +
      `<script type="application/json" id="page-messages" nonce="${nonce}">{"k":"v"}</script><script>notTheRenders()</script></body></html>`;
    const kept = keptPage(Buffer.from(page), nonce);
    expect(kept.body.toString()).toBe(page.replaceAll(` nonce="${nonce}"`, ""));
    expect(kept.scripts).toEqual([sha('window.a = "가나다";'), sha('import "/build/x.js";'), sha('{"k":"v"}')]);
    expect(kept.scripts).not.toContain(sha("notTheRenders()"));
  });

  it("hashes a script's text as the browser reads it, its line ends made \\n", () => {
    const kept = keptPage(Buffer.from(`<script nonce="${nonce}">a();\r\nb();\rc();</script>`), nonce);
    expect(kept.scripts).toEqual([sha("a();\nb();\nc();")]);
  });

  it("leaves a page without the nonce as it is", () => {
    const page = Buffer.from("<p>no scripts</p>");
    expect(keptPage(page, nonce)).toEqual({ body: page, scripts: [] });
    expect(keptPage(page, undefined)).toEqual({ body: page, scripts: [] });
  });

  it("puts the hashes in the policy where the response's nonce was, and changes nothing else", () => {
    const policy = `default-src 'self'; script-src 'self' 'nonce-${nonce}'; style-src 'self' 'unsafe-inline'`;
    expect(keptPolicy(policy, nonce, ["'sha256-A'", "'sha256-B'"])).toBe("default-src 'self'; script-src 'self' 'sha256-A' 'sha256-B'; style-src 'self' 'unsafe-inline'");
    expect(keptPolicy(policy, nonce, [])).toBe("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'");
  });
});

describe("a kept page on the wire", () => {
  it("is compressed once per encoding, however many visitors get it", async () => {
    const page = Buffer.from(`<p>${"마당 ".repeat(2000)}</p>`);
    const copies: EncodedCopies = new Map();
    const served = await serveBody(page, copies);
    close = served.close;
    const url = served.url;
    const compress = vi.spyOn(zlib, "brotliCompressSync");
    try {
      const bodies = [];
      for (let i = 0; i < 3; i++) {
        const response = await fetch(url, { headers: { "accept-encoding": "br" } });
        expect(response.headers.get("content-encoding")).toBe("br");
        bodies.push(await response.text());
      }
      expect(bodies).toEqual([page.toString(), page.toString(), page.toString()]);
      expect(compress).toHaveBeenCalledTimes(1);
      expect([...copies.keys()]).toEqual(["br"]);
      // Another encoding is made once too, from the same page.
      await fetch(url, { headers: { "accept-encoding": "gzip" } });
      await fetch(url, { headers: { "accept-encoding": "gzip" } });
      expect([...copies.keys()]).toEqual(["br", "gzip"]);
      expect(zlib.gunzipSync(copies.get("gzip")!).equals(page)).toBe(true);
    } finally {
      compress.mockRestore();
    }
  });
});
