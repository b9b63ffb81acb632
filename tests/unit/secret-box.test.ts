// Sealed secrets (decision 056): AES-256-GCM under a key derived from MADANG_SECRET_KEY.
import { describe, expect, it } from "vitest";
import { open, seal, sealingKey, secretKeyProblem } from "../../db/secret-box";

const key = sealingKey("two-factor-secret", { MADANG_SECRET_KEY: "a".repeat(64) });
const SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

describe("sealed secrets", () => {
  it("opens what it sealed, for the same owner and key only", () => {
    const sealed = seal(key, "user:7", SECRET);
    expect(sealed).toMatch(/^v1:[A-Za-z0-9_-]{80}$/);
    expect(sealed).not.toContain(SECRET);
    expect(open(key, "user:7", sealed)).toBe(SECRET);
    expect(open(key, "user:8", sealed)).toBeNull();
    expect(open(sealingKey("two-factor-secret", { MADANG_SECRET_KEY: "b".repeat(64) }), "user:7", sealed)).toBeNull();
    // Another purpose derives another key from the same setting.
    expect(open(sealingKey("something-else", { MADANG_SECRET_KEY: "a".repeat(64) }), "user:7", sealed)).toBeNull();
  });

  it("draws a new nonce each time, and refuses a value changed by one character or not sealed at all", () => {
    const a = seal(key, "user:7", SECRET);
    expect(seal(key, "user:7", SECRET)).not.toBe(a);
    const flipped = a.slice(0, 20) + (a[20] === "A" ? "B" : "A") + a.slice(21);
    expect(open(key, "user:7", flipped)).toBeNull();
    expect(open(key, "user:7", SECRET)).toBeNull();
    expect(open(key, "user:7", "v1:")).toBeNull();
  });

  it("asks production for a key of at least 32 characters, and lets a demo go without", () => {
    expect(secretKeyProblem({ NODE_ENV: "production" })).toMatch(/required in production/);
    expect(secretKeyProblem({ NODE_ENV: "production", MADANG_SECRET_KEY: "short" })).toMatch(/at least 32/);
    expect(secretKeyProblem({ NODE_ENV: "production", MADANG_SECRET_KEY: "x".repeat(32) })).toBeNull();
    expect(secretKeyProblem({})).toBeNull();
    expect(() => sealingKey("two-factor-secret", { NODE_ENV: "production" })).toThrow(/MADANG_SECRET_KEY/);
  });
});
