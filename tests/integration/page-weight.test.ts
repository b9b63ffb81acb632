// The JavaScript a page makes the browser download, compressed as it is sent (the .br files of
// scripts/precompress.ts, which the app writes at start if the build has none), measured on pages
// the built app really renders with the demo data (docs/decisions/025 and 052): every script the
// HTML names (the entry, the route modules and their imports, the manifest), plus the messages
// the page carries for the browser (they replace the catalog chunk; counted as if they were
// JavaScript, Brotli-compressed on their own). Which messages depend on what the page rendered,
// so the weight can only be read from a render.
import zlib from "node:zlib";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDemo } from "../../db/demo";
import en from "../../app/locales/en";
import ko from "../../app/locales/ko";
import { startTestApp, type TestApp } from "../fixtures/app";
import { openTestDatabase, type TestDatabase } from "./db";

const root = path.resolve(import.meta.dirname, "../..");
const LOCALES = ["ko", "en"] as const;
type Locale = (typeof LOCALES)[number];

let t: TestDatabase;
let app: TestApp;
let ideaIds: number[];
beforeAll(async () => {
  t = await openTestDatabase();
  await loadDemo(t.db);
  ideaIds = (await t.db.selectFrom("ideas").select("id").where("status", "!=", "pending").where("hidden_at", "is", null).orderBy("id").execute()).map((r) => r.id);
  app = await startTestApp(t.url);
}, 180_000);
afterAll(async () => {
  await app?.stop();
  await t?.close();
});

async function page(pathname: string, locale: Locale): Promise<string> {
  const response = await fetch(app.url + pathname, { headers: { accept: "text/html", "accept-language": locale } });
  expect(response.status, pathname).toBe(200);
  return response.text();
}

/** The messages the page carries for the browser (app/root.tsx writes them after the page). */
function pageMessagesJson(html: string): string {
  const json = html.match(/<script type="application\/json" id="page-messages"[^>]*>([^<]*)<\/script>/)?.[1];
  if (!json) throw new Error("the page carries no messages");
  return json;
}

interface Metafile {
  outputs: Record<string, { imports: { path: string; kind: string }[]; entryPoint?: string }>;
}
const metafile = () => JSON.parse(fs.readFileSync(path.join(root, "build", "metafile.js.json"), "utf8")) as Metafile;

/** A URL with every module it pulls in by static import. */
function withImports(meta: Metafile, url: string, seen: Set<string>): void {
  if (seen.has(url)) return;
  seen.add(url);
  for (const imported of meta.outputs[`public${url}`]?.imports ?? []) {
    if (imported.kind === "import-statement") withImports(meta, `/${imported.path.replace(/^public\//, "")}`, seen);
  }
}

/** The scripts the browser downloads for this page: those the HTML names, with their imports. */
function pageScripts(html: string): Set<string> {
  const meta = metafile();
  const scripts = new Set<string>();
  for (const [url] of html.matchAll(/\/build\/[\w./-]+\.js/g)) withImports(meta, url, scripts);
  return scripts;
}

const brotliBytes = (url: string) => fs.statSync(path.join(root, "public", `${url}.br`)).size;
const kb = (bytes: number) => Math.round(bytes / 102.4) / 10;
const MESSAGES = "(the page's messages)";

/** The scripts and the page's messages, each with its Brotli size in KB. */
function pageWeight(html: string) {
  const items = [...pageScripts(html)].map((url) => ({ what: url, bytes: brotliBytes(url) }));
  items.push({ what: MESSAGES, bytes: zlib.brotliCompressSync(pageMessagesJson(html)).length });
  const total = kb(items.reduce((sum, item) => sum + item.bytes, 0));
  return { total, messages: kb(items.at(-1)!.bytes), detail: items.map((i) => `${i.what} ${kb(i.bytes)} KB`).join("\n") };
}

describe("JavaScript a page downloads (Brotli, as sent)", () => {
  for (const locale of LOCALES) {
    it(`the home page in ${locale}: at most 120 KB`, async () => {
      const weight = pageWeight(await page("/", locale));
      console.log(`home in ${locale}: ${weight.total} KB (Brotli) of JavaScript and messages (${weight.messages} KB), budget 120 KB`);
      expect(weight.total, weight.detail).toBeLessThanOrEqual(120);
    });

    it(`every demo idea's page in ${locale}: at most 150 KB`, async () => {
      expect(ideaIds.length).toBeGreaterThan(5);
      let heaviest = { id: 0, weight: { total: 0, messages: 0, detail: "" } };
      for (const id of ideaIds) {
        const weight = pageWeight(await page(`/ideas/${id}`, locale));
        if (weight.total > heaviest.weight.total) heaviest = { id, weight };
      }
      const { total, messages, detail } = heaviest.weight;
      console.log(`heaviest idea page in ${locale}: /ideas/${heaviest.id}, ${total} KB (Brotli) of JavaScript and messages (${messages} KB), budget 150 KB`);
      expect(total, detail).toBeLessThanOrEqual(150);
    });

    it(`a page in ${locale} asks for its scripts at low priority (they only hydrate it: decision 081)`, async () => {
      for (const pathname of ["/", "/ideas", `/ideas/${ideaIds[0]}`, "/stats"]) {
        const preloads = (await page(pathname, locale)).match(/<link[^>]*rel="modulepreload"[^>]*>/g) ?? [];
        expect(preloads.length, pathname).toBeGreaterThan(5);
        expect(preloads.filter((tag) => !tag.includes('fetchpriority="low"')), pathname).toEqual([]);
      }
    });

    it(`a page in ${locale} downloads no catalog and no validation library`, async () => {
      const meta = JSON.parse(fs.readFileSync(path.join(root, "build", "metafile.js.json"), "utf8")) as {
        outputs: Record<string, { inputs: Record<string, unknown> }>;
      };
      for (const pathname of ["/", `/ideas/${ideaIds[0]}`]) {
        const html = await page(pathname, locale);
        const inputs = [...pageScripts(html)].flatMap((url) => Object.keys(meta.outputs[`public${url}`]?.inputs ?? {}));
        expect(inputs.filter((i) => /^app\/locales\/(ko|en)\//.test(i)), pathname).toEqual([]);
        expect(inputs.filter((i) => i.includes("node_modules/zod/")), pathname).toEqual([]);
        // The messages it carries are its language's: the site's name, as the page shows it.
        const { messages } = JSON.parse(pageMessagesJson(html)) as { messages: Record<string, string> };
        expect(messages["site.name"]).toBe(locale === "ko" ? "마당" : "Madang");
        expect(html).toContain(`<html lang="${locale}"`);
      }
    });
  }
});

/** Every message of a part as [key, text]. */
function messages(o: object, prefix = ""): [string, string][] {
  return Object.entries(o).flatMap(([k, v]) => (typeof v === "string" ? [[prefix + k, v] as [string, string]] : messages(v as object, `${prefix}${k}.`)));
}

const unescape = (html: string) =>
  html.replace(/&#x27;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&").replace(/<!-- -->/g, "");

describe("the messages a page carries", () => {
  it("include every message the page shows, and not the rest of the catalog (home, lists, ideas, statistics, events)", async () => {
    for (const locale of LOCALES) {
      const catalog = messages(locale === "ko" ? ko : en);
      // A text long enough, without placeholder, cannot be in the page by chance.
      const texts = [...new Set(catalog.map(([, text]) => text).filter((text) => text.length >= (locale === "ko" ? 10 : 12) && !text.includes("{{")))];
      for (const pathname of ["/", "/ideas", `/ideas/${ideaIds[0]}`, `/ideas/${ideaIds.at(-1)}`, "/stats", "/events", "/about"]) {
        const html = await page(pathname, locale);
        const carried = messages((JSON.parse(pageMessagesJson(html)) as { messages: object }).messages);
        const carriedTexts = carried.map(([, text]) => text);
        const [body] = unescape(html).split('id="page-messages"');
        const shown = texts.filter((text) => body.includes(text));
        expect(shown.length, `${locale} ${pathname}`).toBeGreaterThan(3);
        // (A text shown inside a longer one the page carries is that one.)
        expect(shown.filter((text) => !carriedTexts.some((c) => c.includes(text))), `${locale} ${pathname}`).toEqual([]);
        expect(carried.length, `${locale} ${pathname}`).toBeLessThan(catalog.length / 4);
      }
    }
  });
});

describe("the data a list page carries", () => {
  it("names each category, region and call in the page's language only, in the filters and in the data handed to the browser", async () => {
    const [categories, regions, campaigns] = await Promise.all([
      t.db.selectFrom("categories").select(["id", "name_ko", "name_en"]).execute(),
      t.db.selectFrom("regions").select(["id", "name_ko", "name_en"]).execute(),
      t.db.selectFrom("campaigns").select(["id", "title_ko as name_ko", "title_en as name_en"]).execute(),
    ]);
    expect(campaigns.length).toBeGreaterThan(0);
    for (const locale of LOCALES) {
      const html = await page("/ideas", locale);
      // The route's data as the browser gets it (Remix's hand-off script).
      const script = html.slice(html.indexOf("window.__remixContext = ") + "window.__remixContext = ".length);
      const context = JSON.parse(script.slice(0, script.indexOf("</script>")).replace(/;\s*$/, "")) as {
        state: { loaderData: Record<string, Record<string, { id: number; name: string }[]>> };
      };
      const data = context.state.loaderData["routes/ideas._index"];
      const body = unescape(html.split("window.__remixContext")[0]);
      for (const [field, rows] of [["categories", categories], ["regions", regions], ["campaigns", campaigns]] as const) {
        const names = rows.map((r) => ({ id: Number(r.id), name: locale === "ko" ? r.name_ko : r.name_en }));
        expect(data[field].map((c) => ({ ...c })).sort((a, b) => a.id - b.id), `${locale} ${field}`).toEqual(names.sort((a, b) => a.id - b.id));
        for (const { name } of names) expect(body, `${locale}: ${name}`).toContain(`>${name}</option>`);
      }
    }
  });
});
