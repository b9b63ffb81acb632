// What the build gives the browser, read from the build: the Remix manifest says which modules a
// route loads, esbuild's metafile (build/metafile.js.json) what is in each. Needs `npm run build`
// first (tests/run.ts runs this project right after building; docs/decisions/025 and 052).
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
  outputs: Record<string, { imports: { path: string; kind: string }[]; inputs: Record<string, unknown>; entryPoint?: string }>;
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

/** Every locale file (app/locales/<lng>/<part>.ts), the catalog's parts. */
const partFiles = ["ko", "en"].flatMap((lng) =>
  fs
    .readdirSync(path.join(root, "app", "locales", lng))
    .filter((f) => f.endsWith(".ts") && f !== "index.ts")
    .map((f) => `app/locales/${lng}/${f}`),
);
const inputsOf = (urls: Iterable<string>) => [...urls].flatMap((url) => Object.keys(output(url)?.inputs ?? {}));

// What a page weighs is measured on real pages, since the messages a page carries depend on
// what it rendered: tests/integration/page-weight.test.ts (home ≤ 120 KB, an idea ≤ 150 KB).
describe("what the build gives the browser", () => {
  it("no page's scripts hold any message: the entry and every route module import no locale file", () => {
    const carrying = [manifest.entry.module, ...Object.values(manifest.routes).map((r) => r.module)].filter((url) =>
      inputsOf(withImports(url)).some((input) => /^app\/locales\/(ko|en)\//.test(input)),
    );
    expect(carrying).toEqual([]);
  });

  it("each part of the catalog is a chunk of its own, with nothing of another part or language", () => {
    expect(partFiles.length).toBeGreaterThan(10);
    for (const file of partFiles) {
      const chunk = Object.entries(metafile.outputs).find(([, o]) => o.entryPoint === file);
      expect(chunk, file).toBeDefined();
      const inputs = inputsOf(withImports(`/${chunk![0].replace(/^public\//, "")}`));
      expect(inputs.filter((i) => i.startsWith("app/locales/"))).toEqual([file]);
    }
  });

  // Every script file is a request, and over HTTP/1.1 a browser makes six at a time: under
  // Lighthouse's slow mobile network each one holds a connection for a round trip (150 ms) and
  // shares the bandwidth meanwhile, so the number of files moves the first paint as much as their
  // bytes (docs/scaling.md, section 4, fifth round).
  it("no browser code uses a value of a server module (the browser gets an empty stand-in: the value is undefined there)", () => {
    // After decision 076 a stand-in stays in the browser's build only where something uses what
    // it was imported for. The catalogs are the one meant so: i18n.ts reads them on the server and
    // finds them undefined in the browser, which loads its parts itself.
    const used = Object.values(metafile.outputs)
      .flatMap((o) => Object.keys(o.inputs))
      .filter((input) => input.startsWith("empty-module:") && input !== "empty-module:./catalogs.server");
    expect(used).toEqual([]);
  });

  it("no script file holds only stand-ins for server modules (an import that nothing in the browser uses costs no request)", () => {
    const standIns = Object.entries(metafile.outputs)
      .filter(([file, o]) => file.endsWith(".js") && Object.keys(o.inputs).length > 0 && Object.keys(o.inputs).every((i) => i.startsWith("empty-module:")))
      .map(([file, o]) => `${file}: ${Object.keys(o.inputs).join(", ")}`);
    expect(standIns).toEqual([]);
  });

  it("the pages Lighthouse measures make the browser fetch at most so many script files", () => {
    // The entry, the root route and the page's route, each with what it imports (as the page's
    // <link rel=modulepreload> tags name them). 25, 37 and 28 files before the fifth round.
    const budgets = { "routes/_index": 19, "routes/ideas.$id._index": 30, "routes/committees.$slug._index": 22 };
    for (const [id, budget] of Object.entries(budgets)) {
      const files = new Set<string>();
      for (const url of [manifest.entry.module, manifest.routes.root.module, manifest.routes[id].module]) withImports(url, files);
      expect(files.size, `${id}: ${[...files].join(" ")}`).toBeLessThanOrEqual(budget);
    }
  });

  it("no page of any kind makes the browser download the validation library", () => {
    const carrying = Object.keys(manifest.routes).filter((id) => inputsOf(withImports(manifest.routes[id].module)).some((i) => i.includes("node_modules/zod/")));
    expect(carrying).toEqual([]);
  });
});
