import { describe, expect, it } from "vitest";
import { sameOrigin } from "../../app/auth/origin.server";
import { composeEmail } from "../../app/domain/notifications/render.server";
import { ConfigError, loadConfig } from "../../app/utils/env.server";
import { safeNext } from "../../app/utils/http.server";
import { localeFromAcceptLanguage, resolveLocaleForTest } from "./locale-helper";

describe("the origin check", () => {
  const pub = "https://madang.example.org";
  it("accepts the site itself, by Origin or Referer", () => {
    expect(sameOrigin({ origin: "https://madang.example.org" }, pub)).toBe(true);
    expect(sameOrigin({ referer: "https://madang.example.org/join" }, pub)).toBe(true);
  });
  it("refuses other sites, a null origin, and requests that name none", () => {
    expect(sameOrigin({ origin: "https://evil.example", host: "madang.example.org" }, pub)).toBe(false);
    expect(sameOrigin({ origin: "https://madang.example.org.evil.example" }, pub)).toBe(false);
    expect(sameOrigin({ origin: "null" }, pub)).toBe(false);
    expect(sameOrigin({}, pub)).toBe(false);
    expect(sameOrigin({ referer: "not a url" }, pub)).toBe(false);
  });
});

describe("where to go after logging in", () => {
  it.each([
    ["/ideas?sort=top", "/ideas?sort=top"],
    ["//evil.example/", "/"],
    ["https://evil.example/", "/"],
    ["/\\evil.example", "/"],
    [null, "/"],
  ])("%j → %s", (next, expected) => expect(safeNext(next)).toBe(expected));
});

describe("languages", () => {
  it("reads Accept-Language by preference", () => {
    expect(localeFromAcceptLanguage("en-GB,en;q=0.9,ko;q=0.8")).toBe("en");
    expect(localeFromAcceptLanguage("fr-FR, ko-KR;q=0.5, en;q=0.4")).toBe("ko");
    expect(localeFromAcceptLanguage("fr, de")).toBeNull();
    expect(localeFromAcceptLanguage("en;q=0, ko;q=0.1")).toBe("ko");
    expect(localeFromAcceptLanguage(null)).toBeNull();
  });
  it("prefers the account setting, then the cookie, then the browser; Korean by default", () => {
    expect(resolveLocaleForTest("en", "madang_lang=ko", "ko")).toBe("en");
    expect(resolveLocaleForTest(null, "a=b; madang_lang=en", "ko")).toBe("en");
    expect(resolveLocaleForTest(null, "madang_lang=fr", "en-US")).toBe("en");
    expect(resolveLocaleForTest(null, "", null)).toBe("ko");
  });
});

describe("settings from the environment", () => {
  it("defaults to the embedded database in demo mode", () => {
    const c = loadConfig({});
    expect(c.databaseUrl).toBeUndefined();
    expect(c.demo).toBe(true);
    expect(c.production).toBe(false);
    expect(c.port).toBe(3000);
    expect(c.publicUrl).toBe("http://localhost:3000");
  });
  it("a production deployment is never in demo mode, and needs PUBLIC_URL", () => {
    const env = { NODE_ENV: "production", DATABASE_URL: "postgres://db/madang", PUBLIC_URL: "https://m.example.org/", MADANG_SECRET_KEY: "k".repeat(64) };
    expect(loadConfig(env)).toMatchObject({ demo: false, production: true, publicUrl: "https://m.example.org", devMail: false });
    expect(() => loadConfig({ ...env, DEMO: "1" })).toThrow(/demo mode/);
    expect(() => loadConfig({ ...env, PUBLIC_URL: undefined })).toThrow(/PUBLIC_URL/);
  });
  it("production needs a key of its own to seal two-factor secrets, long enough; a demo may go without (decision 056)", () => {
    const env = { NODE_ENV: "production", DATABASE_URL: "postgres://db/madang", PUBLIC_URL: "https://m.example.org/" };
    expect(() => loadConfig(env)).toThrow(/MADANG_SECRET_KEY: required in production \(make one with: openssl rand -hex 32\)/);
    expect(() => loadConfig({ ...env, MADANG_SECRET_KEY: "too-short" })).toThrow(/MADANG_SECRET_KEY: must be at least 32 random characters/);
    expect(() => loadConfig({ ...env, NODE_ENV: "development", MADANG_SECRET_KEY: "too-short" })).toThrow(/MADANG_SECRET_KEY/);
    expect(loadConfig({}).production).toBe(false);
  });
  it("takes a read replica only beside a PostgreSQL server, as a postgres:// URL", () => {
    const server = { DATABASE_URL: "postgres://db/madang" };
    expect(loadConfig(server).replicaUrl).toBeUndefined();
    expect(loadConfig({ ...server, DATABASE_REPLICA_URL: "postgres://replica/madang" }).replicaUrl).toBe("postgres://replica/madang");
    expect(() => loadConfig({ DATABASE_REPLICA_URL: "postgres://replica/madang" })).toThrow(/DATABASE_REPLICA_URL is set without DATABASE_URL/);
    expect(() => loadConfig({ ...server, DATABASE_REPLICA_URL: "mysql://replica" })).toThrow(/DATABASE_REPLICA_URL: must be a postgres:\/\/ URL/);
  });
  it("names each wrong variable and what is wrong with it", () => {
    try {
      loadConfig({ PORT: "eighty", DATABASE_URL: "mysql://x", SMTP_URL: "http://mail" });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const text = (error as Error).message;
      expect(text).toMatch(/PORT: must be a port number/);
      expect(text).toMatch(/DATABASE_URL: must be a postgres:\/\/ URL/);
      expect(text).toMatch(/SMTP_URL/);
    }
  });
});

describe("e-mail rendering", () => {
  it("escapes what people typed in the HTML part and links only whole-URL paragraphs", () => {
    const mail = composeEmail({
      to: "a@example.org",
      kind: "test",
      lang: "en",
      subject: "Hi <b>",
      paragraphs: ['Hello <script>alert(1)</script> & "friends"', "https://madang.example.org/verify?token=a&b=c"],
    });
    expect(mail.html).not.toContain("<script>");
    expect(mail.html).toContain("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;friends&quot;");
    expect(mail.html).toContain('<a href="https://madang.example.org/verify?token=a&amp;b=c">');
    expect(mail.text).toContain('Hello <script>alert(1)</script> & "friends"');
  });
});
