// What goes on the wire (docs/decisions/068-one-pass-to-the-wire.md): which encoding a client
// gets, and which answers are worth compressing.
import { describe, expect, it } from "vitest";
import { compressibleType, preferredEncoding } from "../../app/utils/wire.server";

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
