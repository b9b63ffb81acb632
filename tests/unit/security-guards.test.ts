// The pure guards behind issue 21's findings. Each describe names the class of weakness it
// guards, and tries the whole class (every mode, every loopback spelling, every sort, every
// kind of broken cookie), not only the one instance the outside test found.
import { describe, expect, it } from "vitest";
import { readCookie, readCookies } from "../../app/auth/cookies.server";
import { sameOrigin, siteHost, siteUrlFor } from "../../app/auth/origin.server";
import { CURSOR_SHAPES, decodeCursor, encodeCursor, parseListParams, SORTS } from "../../app/domain/ideas/list";
import { ConfigError, isLoopbackHost, loadConfig } from "../../app/utils/env.server";

describe("class: demo mode in production", () => {
  const real = { DATABASE_URL: "postgres://db.internal/madang" };
  const demoModes: [string, Record<string, string>][] = [
    ["the embedded database", {}],
    ["DEMO=1 on PostgreSQL", { ...real, DEMO: "1" }],
    ["DEMO=true on PostgreSQL", { ...real, DEMO: "true" }],
    ["DEMO=yes on PostgreSQL", { ...real, DEMO: "yes" }],
  ];
  for (const [label, env] of demoModes) {
    it(`refuses to start with NODE_ENV=production in demo mode (${label}), saying why and what to do`, () => {
      for (const publicUrl of [undefined, "https://madang.example.org", "http://localhost:3000"]) {
        const attempt = () => loadConfig({ ...env, NODE_ENV: "production", ...(publicUrl ? { PUBLIC_URL: publicUrl } : {}) });
        expect(attempt).toThrow(ConfigError);
        expect(attempt).toThrow(/demo mode/);
        expect(attempt).toThrow(/DATABASE_URL/);
      }
    });
    it(`refuses to start in demo mode (${label}) on a PUBLIC_URL other people can reach`, () => {
      for (const publicUrl of ["https://madang.example.org", "http://192.168.0.10:3000", "http://10.0.0.1", "http://[2001:db8::1]:3000", "http://0.0.0.0:3000", "http://localhost.example.org"]) {
        for (const nodeEnv of ["development", "test"]) {
          const attempt = () => loadConfig({ ...env, NODE_ENV: nodeEnv, PUBLIC_URL: publicUrl });
          expect(attempt, publicUrl).toThrow(/address other people can reach/);
        }
      }
    });
    it(`runs the demo on this machine (${label}): /dev/mail open, listening on loopback by default`, () => {
      for (const publicUrl of [undefined, "http://localhost:3321", "http://127.0.0.1:3000", "http://[::1]:3000", "http://madang.localhost:3000"]) {
        const config = loadConfig({ ...env, ...(publicUrl ? { PUBLIC_URL: publicUrl } : {}) });
        expect(config).toMatchObject({ demo: true, production: false, devMail: true, host: "127.0.0.1" });
      }
    });
  }

  it("never opens the outbox on a PUBLIC_URL other people can reach, in any mode", () => {
    const key = { MADANG_SECRET_KEY: "k".repeat(64) };
    for (const nodeEnv of ["development", "test", "production"]) {
      const config = loadConfig({ ...real, ...key, NODE_ENV: nodeEnv, PUBLIC_URL: "https://madang.example.org" });
      expect(config.devMail, nodeEnv).toBe(false);
    }
    // A production deployment on a loopback address (behind a local proxy) has no outbox either.
    expect(loadConfig({ ...real, ...key, NODE_ENV: "production", PUBLIC_URL: "http://127.0.0.1:3000" }).devMail).toBe(false);
  });

  it("tells loopback hosts from the rest", () => {
    for (const host of ["localhost", "LOCALHOST", "madang.localhost", "127.0.0.1", "127.1.2.3", "[::1]", "::1", "localhost."]) {
      expect(isLoopbackHost(host), host).toBe(true);
    }
    for (const host of ["0.0.0.0", "10.0.0.1", "192.168.1.1", "example.org", "localhost.example.org", "128.0.0.1", "[::]", "::ffff:10.0.0.1", "1.127.0.0"]) {
      expect(isLoopbackHost(host), host).toBe(false);
    }
  });
});

describe("class: malformed client-supplied cookie", () => {
  const broken = ["%E0", "%", "%%", "%G0", "%E0%A4%A", "%C3%28", "%ED%A0%80", "%FF%FE"];
  it("treats a cookie that cannot be decoded as absent, and keeps reading the others", () => {
    for (const value of broken) {
      const header = `foo=${value}; madang_lang=en; madang_session=${"a".repeat(40)}`;
      expect(() => readCookies(header)).not.toThrow();
      expect(readCookie(header, "foo"), value).toBeNull();
      expect(readCookie(header, "madang_lang")).toBe("en");
      expect(readCookie(header, "madang_session")).toBe("a".repeat(40));
      expect(readCookie(`madang_lang=${value}`, "madang_lang")).toBeNull();
    }
  });
  it("reads odd but harmless shapes without throwing", () => {
    for (const header of ["", ";", ";;;", "=", "=x", "novalue", "a=b=c", 'q="quoted%20value"', "a=1; a=2", " spaced = value ", "\u0000=\u0000"]) {
      expect(() => readCookies(header), JSON.stringify(header)).not.toThrow();
    }
    expect(readCookie("a=b=c", "a")).toBe("b=c");
    expect(readCookie('q="quoted%20value"', "q")).toBe("quoted value");
    expect(readCookie("a=1; a=2", "a")).toBe("1");
  });
});

describe("class: host/origin confusion", () => {
  const pub = "https://madang.example.org";
  it("compares scheme, host and port with PUBLIC_URL, never the request's own Host", () => {
    expect(sameOrigin({ origin: pub, host: "10.0.0.5:3000" }, pub)).toBe(true);
    for (const origin of [
      "http://madang.example.org", // another scheme
      "https://madang.example.org:8443", // another port
      "https://evil.example",
      "https://madang.example.org.evil.example",
      "https://sub.madang.example.org",
    ]) {
      expect(sameOrigin({ origin, host: new URL(origin).host }, pub), origin).toBe(false);
      expect(sameOrigin({ referer: `${origin}/join`, host: new URL(origin).host }, pub), `referer ${origin}`).toBe(false);
    }
  });
  it("on a development server without PUBLIC_URL, accepts only this machine's pages on the port asked", () => {
    const dev = "http://localhost:3000";
    expect(sameOrigin({ origin: "http://127.0.0.1:3000", host: "127.0.0.1:3000" }, dev, true)).toBe(true);
    expect(sameOrigin({ origin: "http://[::1]:3000", host: "[::1]:3000" }, dev, true)).toBe(true);
    expect(sameOrigin({ origin: "http://localhost:8080", host: "localhost:3000" }, dev, true)).toBe(false);
    expect(sameOrigin({ origin: "http://evil.example:3000", host: "evil.example:3000" }, dev, true)).toBe(false);
    expect(sameOrigin({ origin: "http://127.0.0.1:3000", host: "127.0.0.1:3000" }, dev, false)).toBe(false);
  });
  it("gives the app PUBLIC_URL's host, whatever Host the request carried", () => {
    expect(siteHost({ host: "internal-upstream:3000" }, pub)).toBe("madang.example.org");
    expect(siteHost({ origin: "http://127.0.0.1:3000", host: "127.0.0.1:3000" }, "http://localhost:3000", true)).toBe("127.0.0.1:3000");
  });
  it("writes links for the address a demo was asked at only when it is this machine (a forged Host must not reach a reset link)", () => {
    const dev = "http://localhost:3000";
    expect(siteUrlFor("127.0.0.1:3000", dev, false)).toBe("http://127.0.0.1:3000");
    expect(siteUrlFor("localhost:8080", dev, false)).toBe("http://localhost:8080");
    expect(siteUrlFor("[::1]:3000", dev, false)).toBe("http://[::1]:3000");
    for (const forged of ["evil.example", "evil.example:3000", "127.0.0.1.evil.example", "user@localhost:3000", "localhost:3000/path", "", null, undefined]) {
      expect(siteUrlFor(forged, dev, false), String(forged)).toBe(dev);
    }
    // With PUBLIC_URL, PUBLIC_URL: a deployment's links never follow a header.
    expect(siteUrlFor("127.0.0.1:3000", pub, true)).toBe(pub);
  });
});

describe("class: client-supplied cursor reaching SQL casts", () => {
  const raw = (json: string) => Buffer.from(json).toString("base64url");
  /** Values that are wrong for a position of each kind. */
  const WRONG: Record<string, unknown[]> = {
    int: ["abc", "1", 1.5, 2_147_483_648, -2_147_483_649, 1e20, null, true, [], {}],
    id: ["abc", "1", 0, -1, 1.5, 2 ** 53, 1e20, null, false, [1]],
    real: ["abc", "1", 1e39, -1e39, null, {}, []],
    instant: ["abc", 1, "2026-13-45T00:00:00.000Z", "2026-01-01", "2026-01-01T00:00:00Z", "99999-01-01T00:00:00.000Z", "1' OR '1'='1", null],
  };
  const GOOD: Record<string, string | number> = { int: 5, id: 7, real: 0.25, instant: "2026-05-01T09:00:00.000Z" };

  for (const sort of SORTS) {
    it(`sort=${sort}: takes its own cursors and refuses every wrong value in every position`, () => {
      const shape = CURSOR_SHAPES[sort];
      const good = shape.map((kind) => GOOD[kind]);
      const cursor = encodeCursor(good);
      expect(decodeCursor(cursor, shape)).toEqual(good);
      const q = sort === "relevance" ? "q=bus&" : "";
      expect(parseListParams(new URLSearchParams(`${q}sort=${sort}&cursor=${cursor}`)).cursorInvalid).toBe(false);
      for (let i = 0; i < shape.length; i++) {
        for (const wrong of WRONG[shape[i]]) {
          const values = [...good];
          values[i] = wrong as string;
          const bad = raw(JSON.stringify(values));
          expect(decodeCursor(bad, shape), `${sort}[${i}] = ${JSON.stringify(wrong)}`).toBeNull();
          expect(parseListParams(new URLSearchParams(`${q}sort=${sort}&cursor=${bad}`)).cursorInvalid).toBe(true);
        }
      }
      for (const bad of [raw("[1e999,1,1]"), raw("[]"), raw(JSON.stringify([...good, 1])), raw("{}"), raw("null"), "!!!", "x".repeat(5000), raw("[1,"), "%00"]) {
        expect(decodeCursor(bad, shape), bad.slice(0, 40)).toBeNull();
      }
    });
  }
  it("refuses a cursor written by another sort", () => {
    const fromNew = encodeCursor(["2026-05-01T09:00:00.000Z", 3]);
    expect(parseListParams(new URLSearchParams(`sort=top&cursor=${fromNew}`)).cursorInvalid).toBe(true);
    expect(parseListParams(new URLSearchParams(`sort=new&cursor=${fromNew}`)).cursorInvalid).toBe(false);
  });
});
