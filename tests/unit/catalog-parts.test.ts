// The catalog's parts (docs/decisions/052-catalog-parts.md): the browser loads a locale file only
// through the loader map of app/locales/parts.ts, and the server tells it which part holds a
// top-level key; both must know every file, and a key must be in the same part in both languages.
import fs from "node:fs";
import path from "node:path";
import { renderToString } from "react-dom/server";
import { createElement } from "react";
import { describe, expect, it } from "vitest";
import en from "../../app/locales/en";
import ko from "../../app/locales/ko";
import { catalogParts } from "../../app/locales/parts";
import { serverPartKeys } from "../../app/utils/catalogs.server";
import { pageCatalogJson, recordingMessages, rendering, translator } from "../../app/utils/i18n";

const localeDir = path.resolve(import.meta.dirname, "../../app/locales");
const files = (lng: string) =>
  fs
    .readdirSync(path.join(localeDir, lng))
    .filter((f) => f.endsWith(".ts") && f !== "index.ts")
    .map((f) => f.replace(/\.ts$/, ""))
    .sort();

describe("the parts of the catalog", () => {
  it("every locale file is in the browser's loader map, in both languages", () => {
    expect(Object.keys(catalogParts.ko).sort()).toEqual(files("ko"));
    expect(Object.keys(catalogParts.en).sort()).toEqual(files("en"));
    expect(files("ko")).toEqual(files("en"));
  });

  it("a part holds the same top-level keys in both languages, no two parts share one, and together they are the catalog", async () => {
    const keys = await serverPartKeys();
    for (const [part, load] of Object.entries(catalogParts.ko)) expect(Object.keys((await load()).default).sort(), part).toEqual([...keys[part as keyof typeof keys]].sort());
    const all = Object.values(keys).flat();
    expect(new Set(all).size).toBe(all.length);
    expect([...all].sort()).toEqual(Object.keys(en).sort());
    expect([...all].sort()).toEqual(Object.keys(ko).sort());
  });
});

describe("the messages a server render used", () => {
  it("are what the page carries: each message asked for, with its plural forms, in the page's language", () => {
    const t = translator("en");
    const json = recordingMessages(() => {
      t("site.name");
      t("home.ideasAtStep", { count: 2 });
      return pageCatalogJson("en");
    });
    const { messages } = JSON.parse(json) as { messages: Record<string, string> };
    expect(messages).toEqual({
      "site.name": "Madang",
      "home.ideasAtStep_one": en.home.ideasAtStep_one,
      "home.ideasAtStep_other": en.home.ideasAtStep_other,
    });
    // Outside a recorded render nothing is noted.
    t("nav.home");
    expect(JSON.parse(recordingMessages(() => pageCatalogJson("ko"))).messages).toEqual({});
  });

  it("carry a message whose own name holds a dot (a security log's kind), which i18next finds and the browser would otherwise load its part for", () => {
    const t = translator("en");
    const json = recordingMessages(() => {
      expect(t("securityLog.kinds.login.failed")).toBe(en.securityLog.kinds["login.failed"]);
      return pageCatalogJson("en");
    });
    expect(JSON.parse(json).messages).toEqual({ "securityLog.kinds.login.failed": "Sign-in failed" });
  });

  it("knows when a component is rendering (a missing part may suspend only then)", () => {
    let during: boolean | null = null;
    function Probe() {
      during = rendering();
      return null;
    }
    renderToString(createElement(Probe));
    expect(during).toBe(true);
    expect(rendering()).toBe(false);
  });
});
