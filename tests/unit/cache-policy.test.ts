// Cache-Control has one home (cacheControl and publicCache in app/utils/http.server.ts, decision
// 064): the header each policy writes, and no route writing the header by hand.
import { describe, expect, it } from "vitest";
import { API_CACHE, cacheControl, publicCache } from "~/utils/http.server";
import { linesMatching } from "./sources";

describe("the cache policies", () => {
  it("write the header a cache reads", () => {
    expect(cacheControl({ shared: 30 })).toEqual({ "Cache-Control": "public, max-age=30" });
    expect(cacheControl({ shared: 5, staleWhileRevalidate: 30 })).toEqual({ "Cache-Control": "public, max-age=5, stale-while-revalidate=30" });
    expect(cacheControl(API_CACHE)).toEqual({ "Cache-Control": "public, max-age=60, stale-while-revalidate=300" });
    expect(cacheControl("private")).toEqual({ "Cache-Control": "private, no-cache" });
    expect(cacheControl("personal")).toEqual({ "Cache-Control": "private, no-store" });
    expect(cacheControl("no-store")).toEqual({ "Cache-Control": "no-store" });
  });

  it("a public page is shared with visitors, varies by cookie and language, and is private for a signed-in person", () => {
    expect(publicCache(null)).toEqual({
      "Cache-Control": "public, max-age=10, stale-while-revalidate=60, stale-if-error=600",
      Vary: "Cookie, Accept-Language",
    });
    expect(publicCache(null, 300)["Cache-Control"]).toBe("public, max-age=300, stale-while-revalidate=60, stale-if-error=600");
    expect(publicCache(null, API_CACHE)).toEqual({ "Cache-Control": "public, max-age=60, stale-while-revalidate=300", Vary: "Cookie, Accept-Language" });
    expect(publicCache({ id: 1 })).toEqual({ "Cache-Control": "private, no-cache" });
    expect(publicCache({ id: 1 }, API_CACHE)).toEqual({ "Cache-Control": "private, no-cache" });
  });

  it("no module but http.server.ts writes a Cache-Control header by hand", () => {
    // Reading the header (the page cache does) is not writing it.
    const own = linesMatching(/["'`]Cache-Control["'`]\s*[:,]|["'`](public, max-age|private, no-)/i, ["utils/http.server.ts"], /getHeader\(/);
    expect(own).toEqual([]);
  });
});
