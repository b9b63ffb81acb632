// What goes on the wire (docs/decisions/068-one-pass-to-the-wire.md): which encoding a client
// gets, and which answers are worth compressing.
import zlib from "node:zlib";
import { describe, expect, it } from "vitest";
import { brotliWindow, compressibleType, preferredEncoding, type EncodedCopies } from "../../app/utils/wire.server";
import { serveBody } from "../fixtures/send-body";

describe("the encoding a client gets", () => {
  it("is Brotli whenever the client accepts it, wherever it names it", () => {
    expect(preferredEncoding("gzip, deflate, br, zstd")).toBe("br");
    expect(preferredEncoding("br")).toBe("br");
    expect(preferredEncoding("gzip;q=1.0, br;q=0.5")).toBe("br");
  });

  it("is gzip for a client without Brotli, or one that refuses it", () => {
    expect(preferredEncoding("gzip, deflate")).toBe("gzip");
    expect(preferredEncoding("br;q=0, gzip")).toBe("gzip");
    expect(preferredEncoding("x-gzip")).toBe("gzip");
  });

  it("is nothing for a client that accepts neither, or says nothing", () => {
    expect(preferredEncoding(undefined)).toBeNull();
    expect(preferredEncoding("")).toBeNull();
    expect(preferredEncoding("identity")).toBeNull();
    expect(preferredEncoding("deflate")).toBeNull();
    expect(preferredEncoding("br;q=0, gzip;q=0")).toBeNull();
  });

  it("follows a wildcard for what the client does not name", () => {
    expect(preferredEncoding("*")).toBe("br");
    expect(preferredEncoding("br;q=0, *")).toBe("gzip");
    expect(preferredEncoding("*;q=0")).toBeNull();
  });
});

describe("what is compressed", () => {
  it("compresses text: pages, data, CSV, feeds, SVG", () => {
    for (const type of ["text/html; charset=utf-8", "application/json; charset=utf-8", "text/csv", "application/atom+xml", "image/svg+xml", "application/ld+json"]) {
      expect(compressibleType(type), type).toBe(true);
    }
  });

  it("leaves images, PDFs and unknown bodies as they are", () => {
    for (const type of ["image/png", "image/jpeg", "application/pdf", "application/octet-stream", undefined]) {
      expect(compressibleType(type), String(type)).toBe(false);
    }
  });
});

describe("Brotli's window", () => {
  it("is the smallest power of two that holds the body, from 1 KB up to Brotli's default 4 MB", () => {
    expect(brotliWindow(1_000)).toBe(10);
    expect(brotliWindow(1_008)).toBe(10);
    expect(brotliWindow(1_009)).toBe(11);
    expect(brotliWindow(65_520)).toBe(16);
    expect(brotliWindow(65_521)).toBe(17);
    expect(brotliWindow(62_140)).toBe(16);
    expect(brotliWindow(300_000)).toBe(19);
    expect(brotliWindow(50_000_000)).toBe(22);
  });

  it("loses nothing: pages of every size come back as they were, and as small as with the default window", () => {
    for (const size of [1_500, 62_140, 300_000]) {
      const page = Buffer.from(`<p>${"마당에서 제안하고 공감합니다. ".repeat(Math.ceil(size / 40))}</p>`.slice(0, size));
      const quality = { [zlib.constants.BROTLI_PARAM_QUALITY]: 2, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: page.length };
      const fitted = zlib.brotliCompressSync(page, { params: { ...quality, [zlib.constants.BROTLI_PARAM_LGWIN]: brotliWindow(page.length) } });
      const wide = zlib.brotliCompressSync(page, { params: quality });
      expect(zlib.brotliDecompressSync(fitted).equals(page)).toBe(true);
      expect(fitted.length).toBeLessThanOrEqual(wide.length);
    }
  });
});

describe("how hard a body is compressed", () => {
  /** A list page's worth of cards: varied text, as a page is, not one sentence repeated. */
  const page = Buffer.from(
    Array.from({ length: 120 }, (_, i) => `<li class="card"><a href="/ideas/${1000 + i * 37}">${["버스", "도서관", "공원", "자전거길", "보행로"][i % 5]} ${i}번째 제안: ${"시민 공감 ".repeat(1 + (i % 4))}</a><span>${(i * 7919) % 10007}명</span></li>`).join("\n"),
  );
  async function sent(copies?: EncodedCopies) {
    const server = await serveBody(page, copies);
    try {
      const response = await fetch(server.url, { headers: { "accept-encoding": "br" } });
      expect(await response.text()).toBe(page.toString());
      return Number(response.headers.get("content-length"));
    } finally {
      server.close();
    }
  }

  it("is lighter for one response than for a copy kept and sent many times (decision 086)", async () => {
    const once = await sent();
    const kept = await sent(new Map());
    expect(once).toBeLessThan(page.length / 2);
    expect(kept).toBeLessThan(once);
  });
});

