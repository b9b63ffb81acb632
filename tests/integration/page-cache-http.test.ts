// The page cache (docs/decisions/019-page-cache.md) in the real HTTP stack: visitors share a
// public page for its second, in their language, from its second request (decision 099);
// signed-in people never get a shared page.
import { createHash } from "node:crypto";
import http from "node:http";
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createIdea, createUser } from "../../db/factories";
import { sessionCookie, startTestApp, type TestApp } from "../fixtures/app";
import { openTestDatabase, type TestDatabase } from "./db";

let t: TestDatabase;
let app: TestApp;
let cookie: string;
let ideaId: number;
beforeAll(async () => {
  t = await openTestDatabase();
  const author = await createUser(t.db);
  ideaId = await createIdea(t.db, { author });
  cookie = await sessionCookie(t.services, (await createUser(t.db)).id);
  app = await startTestApp(t.url, { PAGE_CACHE_SECONDS: "30" });
}, 120_000);
afterAll(async () => {
  await app?.stop();
  await t?.close();
});

const nonceOf = (html: string) => /nonce="([^"]+)"/.exec(html)?.[1];
async function get(path: string, headers: Record<string, string> = {}) {
  const response = await fetch(app.url + path, { headers });
  return { status: response.status, age: response.headers.get("age"), csp: response.headers.get("content-security-policy") ?? "", html: await response.text() };
}

/** The answer as sent: headers and bytes, not decompressed (fetch would decompress). */
function rawGet(path: string, acceptEncoding: string) {
  return new Promise<{ headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    http
      .get(app.url + path, { headers: { accept: "text/html", "accept-encoding": acceptEncoding } }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on("error", reject);
  });
}

describe("visitors' pages kept for a moment (PAGE_CACHE_SECONDS)", () => {
  it("keeps a page from its second request: the third visitor gets the page rendered for the second", async () => {
    const first = await get(`/ideas/${ideaId}`);
    const second = await get(`/ideas/${ideaId}`);
    const third = await get(`/ideas/${ideaId}`);
    expect(first.status).toBe(200);
    // Asked once: rendered for its visitor alone, and not kept (decision 099).
    expect(first.age).toBeNull();
    expect(second.age).toBeNull();
    expect(third.age).not.toBeNull();
    expect(third.html).toBe(second.html.replace(/ nonce="[^"]+"/g, ""));
  });

  // class: shared CSP nonce — a nonce one visitor saw must not let a script run in another's page.
  it("shows no visitor of a kept page a nonce: its policy allows exactly the page's own scripts, by their hashes", async () => {
    // Addresses no other test here asks for: each is rendered once, for one of these visitors.
    for (const path of ["/ideas?kept=hashes", `/ideas/${ideaId}?kept=hashes`, "/?kept=hashes"]) {
      // Asked once before: the crowd's first request is then the one whose page is kept.
      await get(path);
      const answers = await Promise.all(Array.from({ length: 6 }, () => get(path)));
      const [first, ...others] = answers.filter((a) => a.age === null);
      const kept = answers.filter((a) => a.age !== null);
      expect(others, path).toEqual([]);
      // The render's own visitor: its nonce on every script, and in its policy.
      const nonce = nonceOf(first.html);
      expect(first.csp, path).toContain(`'nonce-${nonce}'`);
      expect(kept.length, path).toBe(5);
      for (const answer of kept) {
        expect(answer.html, path).not.toContain("nonce=");
        expect(answer.csp, path).not.toContain("nonce");
        expect(answer.html, path).toBe(kept[0].html);
        const scripts = [...answer.html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
        expect(scripts.length, path).toBeGreaterThanOrEqual(4);
        const allowed = /script-src ([^;]*)/.exec(answer.csp)![1].split(" ");
        const hashes = scripts.map((text) => `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`);
        // Each of the page's scripts, and nothing else inline: 'self' and one hash per script.
        expect(new Set(allowed), path).toEqual(new Set(["'self'", ...hashes]));
        expect(allowed, path).not.toContain(`'sha256-${createHash("sha256").update("alert(1)").digest("base64")}'`);
        // The rest of the policy is the render's.
        expect(answer.csp.replace(/script-src [^;]*/, ""), path).toBe(first.csp.replace(/script-src [^;]*/, ""));
      }
    }
  });

  it("sends a kept page encoded as each visitor accepts, with the length of what is sent", async () => {
    const path = `/ideas/${ideaId}?kept=encodings`;
    // The second request keeps the page (decision 099); the ones after it are sent the kept page.
    await (await fetch(app.url + path)).arrayBuffer();
    const plain = await fetch(app.url + path, { headers: { "accept-encoding": "identity" } });
    const html = await plain.text();
    expect(plain.headers.get("content-encoding")).toBeNull();
    for (const encoding of ["br", "gzip"] as const) {
      const answer = await rawGet(path, encoding);
      expect(answer.headers.age, encoding).toBeDefined();
      expect(answer.headers["content-encoding"], encoding).toBe(encoding);
      expect(answer.headers.vary, encoding).toMatch(/Accept-Encoding/i);
      expect(Number(answer.headers["content-length"]), encoding).toBe(answer.body.length);
      const text = (encoding === "br" ? zlib.brotliDecompressSync(answer.body) : zlib.gunzipSync(answer.body)).toString("utf8");
      expect(text.replace(/ nonce="[^"]+"/g, ""), encoding).toBe(html.replace(/ nonce="[^"]+"/g, ""));
    }
  });

  it("keeps Korean and English apart", async () => {
    const ko = await get("/ideas?sort=new", { "accept-language": "ko" });
    const en = await get("/ideas?sort=new", { "accept-language": "en" });
    expect(ko.html).toContain('lang="ko"');
    expect(en.html).toContain('lang="en"');
  });

  it("never gives a signed-in person a shared page, nor keeps theirs", async () => {
    await get(`/ideas/${ideaId}`);
    const mine = await get(`/ideas/${ideaId}`, { cookie });
    const again = await get(`/ideas/${ideaId}`, { cookie });
    expect(mine.age).toBeNull();
    expect(nonceOf(mine.html)).not.toBe(nonceOf(again.html));
    expect(mine.html).not.toContain('href="/login');
  });
});
