// Sealed secrets (decision 056): AES-256-GCM under a key derived from MADANG_SECRET_KEY.
import { describe, expect, it } from "vitest";
import { open, openingKeys, openWithAny, seal, sealingKey, secretKeyProblem } from "../../db/secret-box";

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

  it("while the key changes, opens with the current key or MADANG_SECRET_KEY_PREVIOUS, and says which", () => {
    const old = { MADANG_SECRET_KEY: "o".repeat(40) };
    const rotating = { MADANG_SECRET_KEY: "n".repeat(40), MADANG_SECRET_KEY_PREVIOUS: "o".repeat(40) };
    const sealedBefore = seal(sealingKey("two-factor-secret", old), "user:7", SECRET);
    const sealedAfter = seal(sealingKey("two-factor-secret", rotating), "user:7", SECRET);
    const keys = openingKeys("two-factor-secret", rotating);
    expect(openWithAny(keys, "user:7", sealedBefore)).toEqual({ plain: SECRET, keyIndex: 1 });
    expect(openWithAny(keys, "user:7", sealedAfter)).toEqual({ plain: SECRET, keyIndex: 0 });
    expect(openWithAny(keys, "user:8", sealedBefore)).toBeNull();
    // Without the previous key, the old secret no longer opens.
    expect(openWithAny(openingKeys("two-factor-secret", { MADANG_SECRET_KEY: "n".repeat(40) }), "user:7", sealedBefore)).toBeNull();
    expect(secretKeyProblem({ ...rotating, MADANG_SECRET_KEY_PREVIOUS: "short" })).toMatch(/MADANG_SECRET_KEY_PREVIOUS/);
    expect(secretKeyProblem({ ...rotating, MADANG_SECRET_KEY_PREVIOUS: rotating.MADANG_SECRET_KEY })).toMatch(/not the current one/);
    expect(secretKeyProblem(rotating)).toBeNull();
  });
});
