import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import en from "../../app/locales/en";
import ko from "../../app/locales/ko";
import { migrations } from "../../db/migrations/index";
import { appSources } from "./sources";

describe("migrations", () => {
  it("the index lists every migration file in the folder, in order", () => {
    const folder = path.resolve(__dirname, "../../db/migrations");
    const files = fs
      .readdirSync(folder)
      .filter((f) => f !== "index.ts" && f.endsWith(".ts"))
      .map((f) => f.replace(/\.ts$/, ""))
      .sort();
    expect(Object.keys(migrations)).toEqual(files);
    for (const m of Object.values(migrations)) {
      expect(typeof m.up).toBe("function");
      expect(typeof m.down).toBe("function");
    }
  });
});

describe("message catalogs", () => {
  function keys(o: object, prefix = ""): string[] {
    return Object.entries(o).flatMap(([k, v]) => (typeof v === "string" ? [prefix + k] : keys(v, `${prefix}${k}.`)));
  }
  it("Korean and English have the same keys and no empty message", () => {
    expect(keys(ko).sort()).toEqual(keys(en).sort());
    const empty = (o: object): boolean => Object.values(o).some((v) => (typeof v === "string" ? v.trim() === "" : empty(v)));
    expect(empty(ko) || empty(en)).toBe(false);
  });
  it("every message key the code uses exists", () => {
    // A plural message (key_one, key_other) is used by its base key.
    const known = new Set(keys(en).flatMap((k) => [k, k.replace(/_(zero|one|two|few|many|other)$/, "")]));
    const used = new Set<string>();
    for (const [, text] of appSources()) {
      for (const m of text.matchAll(/(?:\bt\(|msg\(|\bkey: )"([a-zA-Z]+\.[a-zA-Z.]+)"/g)) used.add(m[1]);
      for (const m of text.matchAll(/"(errors\.[a-zA-Z]+)"/g)) used.add(m[1]);
    }
    expect([...used].filter((k) => !known.has(k))).toEqual([]);
    expect(used.size).toBeGreaterThan(30);
  });
});
