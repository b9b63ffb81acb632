// The JavaScript a page makes the browser download, compressed as it is sent (the .br files of
// scripts/precompress.ts), read from the build: the Remix manifest says which modules a route
// loads, esbuild's metafile (build/metafile.js.json) what is in each. Needs `npm run build`
// first (tests/run.ts runs this project right after building; docs/decisions/025).
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
const publicDir = path.join(root, "public");

interface Manifest {
  entry: { module: string; imports: string[] };
  routes: Record<string, { module: string; imports?: string[] }>;
}
interface Metafile {
  outputs: Record<string, { imports: { path: string; kind: string }[]; inputs: Record<string, unknown> }>;
}

function readBuild() {
  const dir = path.join(publicDir, "build");
  const file = fs.readdirSync(dir).find((f) => /^manifest-.*\.js$/.test(f));
  if (!file) throw new Error("no build: run `npm run build` first");
  const text = fs.readFileSync(path.join(dir, file), "utf8");
  const manifest = JSON.parse(text.slice(text.indexOf("{"), text.lastIndexOf("}") + 1)) as Manifest;
  const metafile = JSON.parse(fs.readFileSync(path.join(root, "build", "metafile.js.json"), "utf8")) as Metafile;
  return { manifest, metafile };
}

const { manifest, metafile } = readBuild();
const output = (url: string) => metafile.outputs[`public${url}`];

/** Every module a URL pulls in by static import, itself included. */
function withImports(url: string, seen = new Set<string>()): Set<string> {
  if (seen.has(url)) return seen;
  seen.add(url);
  for (const imported of output(url)?.imports ?? []) {
    if (imported.kind === "import-statement") withImports(`/${imported.path.replace(/^public\//, "")}`, seen);
  }
  return seen;
}

/** The language's catalog chunk (loaded by entry.client before hydrating). */
function catalogChunk(locale: "ko" | "en"): string {
  const found = Object.entries(metafile.outputs).find(([, o]) => Object.keys(o.inputs).some((i) => i === `app/locales/${locale}/index.ts`));
  if (!found) throw new Error(`no chunk holds the ${locale} catalog`);
  return `/${found[0].replace(/^public\//, "")}`;
}

/** What a page in this language downloads: the entry, its route modules, their imports, the catalog. */
function pageModules(routeIds: string[], locale: "ko" | "en"): Set<string> {
  const modules = new Set<string>();
  for (const url of [manifest.entry.module, ...routeIds.map((id) => manifest.routes[id].module)]) withImports(url, modules);
  withImports(catalogChunk(locale), modules);
  return modules;
}

const brotliBytes = (url: string) => fs.statSync(path.join(publicDir, `${url}.br`)).size;
const kb = (bytes: number) => Math.round(bytes / 102.4) / 10;

const PAGES = [
  { name: "home", routes: ["root", "routes/_index"], budgetKb: 120 },
  { name: "idea page", routes: ["root", "routes/ideas.$id._index"], budgetKb: 150 },
  // The sign-up page solves its proof-of-work with altcha-lib's solver, not ALTCHA's widget (decision 048).
  { name: "join page", routes: ["root", "routes/join"], budgetKb: 135 },
];

describe("JavaScript budget (Brotli, as sent)", () => {
  for (const page of PAGES) {
    for (const locale of ["ko", "en"] as const) {
      it(`${page.name} in ${locale}: at most ${page.budgetKb} KB`, () => {
        const modules = pageModules(page.routes, locale);
        const total = [...modules].reduce((sum, url) => sum + brotliBytes(url), 0);
        console.log(`${page.name} in ${locale}: ${kb(total)} KB of JavaScript (Brotli), budget ${page.budgetKb} KB`);
        expect(kb(total), `${[...modules].map((m) => `${m} ${kb(brotliBytes(m))} KB`).join("\n")}`).toBeLessThanOrEqual(page.budgetKb);
      });
    }
  }

  it("sends a page only its own language's messages, and no validation library", () => {
    for (const page of PAGES) {
      for (const [locale, other] of [["ko", "en"], ["en", "ko"]] as const) {
        const inputs = [...pageModules(page.routes, locale)].flatMap((url) => Object.keys(output(url)?.inputs ?? {}));
        expect(inputs.filter((i) => i.startsWith(`app/locales/${other}/`)), `${page.name} in ${locale}`).toEqual([]);
        expect(inputs.some((i) => i.startsWith(`app/locales/${locale}/`))).toBe(true);
        expect(inputs.filter((i) => i.includes("node_modules/zod/")), `${page.name} in ${locale}`).toEqual([]);
      }
    }
  });

  it("no page of any kind makes the browser download the validation library", () => {
    const carrying = Object.keys(manifest.routes).filter((id) =>
      [...withImports(manifest.routes[id].module)].some((url) => Object.keys(output(url)?.inputs ?? {}).some((i) => i.includes("node_modules/zod/"))),
    );
    expect(carrying).toEqual([]);
  });
});
