// Compression on the wire (docs/decisions/025-compression-and-page-weight.md): pages and data
// are compressed as they are sent, static files were compressed once at build time and are sent
// as they are, each with Content-Encoding and Vary: Accept-Encoding.
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createIdea, createUser } from "../../db/factories";
import { startTestApp, type TestApp } from "../fixtures/app";
import { openTestDatabase, type TestDatabase } from "./db";

const root = path.resolve(import.meta.dirname, "../..");
let t: TestDatabase;
let app: TestApp;
let ideaId: number;
beforeAll(async () => {
  t = await openTestDatabase();
  ideaId = await createIdea(t.db, { author: await createUser(t.db) });
  app = await startTestApp(t.url);
}, 120_000);
afterAll(async () => {
  await app?.stop();
  await t?.close();
});

/** The raw answer: headers and the bytes as sent (node:http does not decompress). */
function get(pathname: string, acceptEncoding: string | null, base = app.url) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    const headers: Record<string, string> = { accept: "text/html" };
    if (acceptEncoding !== null) headers["accept-encoding"] = acceptEncoding;
    http
      .get(base + pathname, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on("error", reject);
  });
}

function decoded(answer: { headers: http.IncomingHttpHeaders; body: Buffer }): string {
  const encoding = answer.headers["content-encoding"];
  if (encoding === "br") return zlib.brotliDecompressSync(answer.body).toString("utf8");
  if (encoding === "gzip") return zlib.gunzipSync(answer.body).toString("utf8");
  return answer.body.toString("utf8");
}

describe("pages and data", () => {
  it("sends a page compressed with Brotli to a browser that accepts it, and says it varies", async () => {
    const page = await get(`/ideas/${ideaId}`, "gzip, deflate, br, zstd");
    expect(page.status).toBe(200);
    expect(page.headers["content-encoding"]).toBe("br");
    expect(page.headers.vary).toMatch(/Accept-Encoding/i);
    const html = decoded(page);
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(page.body.length).toBeLessThan(Buffer.byteLength(html) / 2);
  });

  it("sends gzip to a client that accepts only gzip, and plain text to one that accepts nothing", async () => {
    const gzip = await get("/ideas", "gzip");
    expect(gzip.headers["content-encoding"]).toBe("gzip");
    expect(decoded(gzip)).toContain("<html");
    const plain = await get("/ideas", null);
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body.toString("utf8")).toContain("<html");
  });

  it("compresses a route's JSON data too", async () => {
    const data = await get("/ideas?_data=routes%2Fideas._index", "br");
    expect(data.headers["content-type"]).toMatch(/application\/json/);
    expect(data.headers["content-encoding"]).toBe("br");
    expect(JSON.parse(decoded(data))).toHaveProperty("ideas");
  });
});

describe("static files", () => {
  it("sends the build's JavaScript and the stylesheet as compressed at build time", async () => {
    const html = decoded(await get("/", "br"));
    const scripts = [...html.matchAll(/\/build\/[^"]+\.js/g)].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const asset of [...new Set(scripts)].slice(0, 5).concat("/styles.css")) {
      const answer = await get(asset, "gzip, deflate, br");
      expect(answer.status, asset).toBe(200);
      expect(answer.headers["content-encoding"], asset).toBe("br");
      expect(answer.headers.vary, asset).toMatch(/Accept-Encoding/i);
      // The very bytes written at build time (scripts/precompress.ts), not compressed again.
      const onDisk = fs.readFileSync(path.join(root, "public", `${asset}.br`));
      expect(answer.body.equals(onDisk), asset).toBe(true);
      expect(answer.headers["content-type"], asset).toMatch(asset.endsWith(".css") ? /text\/css/ : /javascript/);
    }
    const gzip = await get("/styles.css", "gzip");
    expect(gzip.headers["content-encoding"]).toBe("gzip");
    expect(decoded(gzip)).toBe(fs.readFileSync(path.join(root, "public", "styles.css"), "utf8"));
  });
});

describe("a static file gone since the app started (a build under a running app)", () => {
  // Its own app, started while the file and its compressed copies are there, as a build leaves them.
  const name = `vanishing-${process.pid}.js`;
  const file = path.join(root, "public", "build", name);
  const text = "export const gone = 'soon';\n".repeat(50);
  let own: TestApp;
  beforeAll(async () => {
    fs.writeFileSync(file, text);
    fs.writeFileSync(`${file}.br`, zlib.brotliCompressSync(text));
    fs.writeFileSync(`${file}.gz`, zlib.gzipSync(text));
    own = await startTestApp(t.url);
  }, 120_000);
  afterAll(async () => {
    for (const f of [file, `${file}.br`, `${file}.gz`]) fs.rmSync(f, { force: true });
    await own?.stop();
  });

  it("is answered 404 as plain text, not 503, and not labelled as compressed", async () => {
    const there = await fetch(`${own.url}/build/${name}`, { headers: { "accept-encoding": "br" } });
    expect(there.status).toBe(200);
    expect(await there.text()).toBe(text);
    for (const f of [file, `${file}.br`, `${file}.gz`]) fs.rmSync(f);
    for (const acceptEncoding of ["gzip, deflate, br", "gzip", "identity"]) {
      const answer = await get(`/build/${name}`, acceptEncoding, own.url);
      expect(answer.status, acceptEncoding).toBe(404);
      expect(answer.headers["content-encoding"], acceptEncoding).toBeUndefined();
      expect(answer.headers["content-type"], acceptEncoding).toMatch(/^text\/plain/);
      expect(answer.headers["cache-control"], acceptEncoding).toMatch(/no-store/);
      expect(answer.body.toString("utf8"), acceptEncoding).toContain("Not found.");
    }
  });
});
