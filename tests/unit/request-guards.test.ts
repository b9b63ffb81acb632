// The small guards that keep hostile requests away from the database and the headers:
// what a request body may be, where a redirect may go, what a rate-limit key or an id may be.
import { describe, expect, it } from "vitest";
import { bodyRefusal, MAX_BODY_BYTES, newNonce } from "../../app/auth/headers.server";
import { limiterKey } from "../../app/auth/rate-limit.server";
import { INTEGER_MAX, isId, isSlug, SMALLINT_MAX } from "../../app/utils/ids";
import { safeNext } from "../../app/utils/http.server";

const form = "application/x-www-form-urlencoded";

describe("request bodies", () => {
  it.each([
    [{ "content-length": "10", "content-type": form }, null],
    [{ "content-length": "10", "content-type": `${form}; charset=UTF-8` }, null],
    [{ "content-length": "0" }, null],
    [{}, null],
    [{ "transfer-encoding": "chunked", "content-type": form }, 411],
    [{ "content-length": "-1", "content-type": form }, 411],
    [{ "content-length": "abc", "content-type": form }, 411],
    [{ "content-length": String(MAX_BODY_BYTES + 1), "content-type": form }, 413],
    [{ "content-length": "10", "content-type": "application/json" }, 415],
    [{ "content-length": "10", "content-type": "multipart/form-data; boundary=x" }, 415],
    [{ "content-length": "10", "content-type": "text/plain" }, 415],
    [{ "content-length": "10" }, 415],
  ])("%j → %s", (headers, expected) => expect(bodyRefusal(headers)).toBe(expected));
});

describe("where to go after signing in", () => {
  it.each([
    ["/ideas?q=%EB%A7%88%EB%8B%B9", "/ideas?q=%EB%A7%88%EB%8B%B9"],
    ["/\u0000", "/"],
    ["/\r\nSet-Cookie: x=1", "/"],
    ["/ideas?q=마당", "/"],
    ["/\u202e", "/"],
  ])("%j → %s", (next, expected) => expect(safeNext(next)).toBe(expected));
});

describe("rate-limit keys", () => {
  it("keeps ordinary keys readable and turns long or control-laden ones into a digest", () => {
    expect(limiterKey("Someone@Example.org")).toBe("someone@example.org");
    expect(limiterKey("a\u0000b")).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(limiterKey("x".repeat(100_000))).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(limiterKey("x".repeat(100_000))).toBe(limiterKey("X".repeat(100_000)));
  });
});

describe("ids and slugs", () => {
  it("accepts what the columns hold and nothing else", () => {
    expect([1, INTEGER_MAX].map((n) => isId(n, INTEGER_MAX))).toEqual([true, true]);
    expect([0, -1, 1.5, INTEGER_MAX + 1, Number.NaN, Number.POSITIVE_INFINITY, 1e20].map((n) => isId(n, INTEGER_MAX))).toEqual(Array(7).fill(false));
    expect(isId(SMALLINT_MAX + 1, SMALLINT_MAX)).toBe(false);
    expect(isId(Number.MAX_SAFE_INTEGER)).toBe(true);
    expect(isId("1")).toBe(false);
    expect(["economy", "society-culture", "xss-1-2"].every(isSlug)).toBe(true);
    expect(["", "-x", "Economy", "a\u0000", "a b", "x".repeat(101)].some(isSlug)).toBe(false);
  });
});

describe("a response's nonce", () => {
  it("is 16 random bytes, never the same twice, across many draws of the random source", () => {
    const nonces = Array.from({ length: 2000 }, () => newNonce());
    expect(new Set(nonces).size).toBe(nonces.length);
    for (const nonce of nonces) expect(Buffer.from(nonce, "base64").length).toBe(16);
    // Random bytes: across 2,000 nonces, every byte value turns up (all-zero or repeated bytes would not).
    const seen = new Set(nonces.flatMap((nonce) => [...Buffer.from(nonce, "base64")]));
    expect(seen.size).toBe(256);
  });
});
