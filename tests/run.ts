// `npm test`: the whole suite — unit and integration (Vitest), then end-to-end (Playwright in
// Chromium). With DATABASE_URL the integration and e2e tests run on that server, in databases
// they create and drop; without it, on embedded databases. Ends with one summary line.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { findChromium, INSTALL_CHROMIUM } from "./e2e/browser";

const root = path.resolve(import.meta.dirname, "..");
const tmp = path.join(root, "tests", ".tmp");
fs.mkdirSync(tmp, { recursive: true });
const backEnd = process.env.DATABASE_URL ? "PostgreSQL at DATABASE_URL" : "the embedded database";
const bin = (name: string) => path.join(root, "node_modules", ".bin", name);

// E2E_AUDIT_LANGUAGE=ko (or en): the end-to-end page audits (tagged @audit-ko, @audit-en) in that
// language only (decision 102). CI runs the suite on both back ends and audits one language on
// each, so that every audit runs once per CI run and every audited page on both back ends.
const auditLanguage = process.env.E2E_AUDIT_LANGUAGE;
if (auditLanguage !== undefined && auditLanguage !== "ko" && auditLanguage !== "en") {
  console.error(`E2E_AUDIT_LANGUAGE must be ko or en, not "${auditLanguage}".`);
  process.exit(2);
}
const AUDITS = { ko: { other: "en", name: "Korean" }, en: { other: "ko", name: "English" } } as const;
const audits = auditLanguage ? AUDITS[auditLanguage] : null;
const auditFilter = audits ? ["--grep-invert", `@audit-${audits.other}`] : [];
const auditNote = audits ? ` (page audits in ${audits.name} only)` : "";

function run(title: string, command: string, args: string[], env: Record<string, string> = {}): number {
  console.log(`\n▶ ${title}\n`);
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", env: { ...process.env, ...env } });
  return result.status ?? 1;
}

function readJson<T>(file: string): T | null {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8")) as T;
  } catch {
    return null;
  }
}

let passed = 0;
let failed = 0;
let skipped = 0;
let status = 0;
/** The failed tests' names, printed again at the end: CI keeps only a log's last lines. */
const failures: string[] = [];

type VitestReport = {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests?: number;
  testResults?: { name: string; status: string; message?: string; assertionResults?: { fullName: string; status: string }[] }[];
};
type PlaywrightSuite = { title: string; file?: string; specs?: PlaywrightSpec[]; suites?: PlaywrightSuite[] };
type PlaywrightSpec = { title: string; file: string; line: number; tests: { status: string }[] };

const firstLine = (text = "") => text.trim().split("\n")[0] ?? "";

/** The names of a Playwright report's tests that failed (not those that passed on a retry). */
function playwrightFailures(suites: PlaywrightSuite[], titles: string[] = []): string[] {
  return suites.flatMap((suite) => {
    // A file's suite is titled with the file's name, already given by spec.file.
    const within = suite.file === suite.title ? titles : [...titles, suite.title];
    const specs = (suite.specs ?? [])
      .filter((spec) => spec.tests.some((t) => t.status === "unexpected"))
      .map((spec) => `tests/e2e/${spec.file}:${spec.line} › ${[...within, spec.title].join(" › ")}`);
    return [...specs, ...playwrightFailures(suite.suites ?? [], within)];
  });
}

/** Runs Vitest projects and adds their counts to the totals. */
function vitestRun(title: string, projects: string[], reportName: string): void {
  const report = path.join(tmp, reportName);
  fs.rmSync(report, { force: true });
  status ||= run(title, bin("vitest"), ["run", ...projects.map((p) => `--project=${p}`), "--reporter=default", "--reporter=json", `--outputFile.json=${report}`]);
  const counts = readJson<VitestReport>(report);
  if (counts) {
    passed += counts.numPassedTests;
    failed += counts.numFailedTests;
    skipped += counts.numPendingTests + (counts.numTodoTests ?? 0);
    for (const file of counts.testResults ?? []) {
      const where = path.relative(root, file.name);
      for (const test of file.assertionResults ?? []) if (test.status === "failed") failures.push(`${where} › ${test.fullName}`);
      // A file that failed without a failed test (it did not load, or a hook failed and its tests were skipped).
      if (file.status === "failed" && !file.assertionResults?.some((t) => t.status === "failed")) failures.push([where, firstLine(file.message)].filter(Boolean).join(": "));
    }
  } else status ||= 1;
}

// First, what needs no database: no import cycle among app/ modules (dependency-cruiser) and no
// unused file or export (knip); docs/decisions/022-import-cycles-and-unused-code.md.
// Both run, and the tests after them, whatever they find; the run fails at the end.
// DATABASE_FREE_DONE=1: the parts that need no database (the static checks, the unit tests) ran
// already in this CI run, on the other back end (.ci/run, decision 102); they are not run again.
const databaseFreeDone = process.env.DATABASE_FREE_DONE === "1";
let staticStatus = 0;
if (databaseFreeDone) {
  console.log("\n▶ Import cycles, unused code and unit tests: run on the other back end in this CI run (DATABASE_FREE_DONE)");
} else {
  const cycles = run("Import cycles (dependency-cruiser)", bin("depcruise"), ["app", "--config", ".dependency-cruiser.cjs"]);
  const unused = run("Unused files and exports (knip)", bin("knip"), ["--no-progress"]);
  staticStatus = cycles || unused;
}

if (databaseFreeDone) vitestRun(`Integration tests on ${backEnd}`, ["integration"], "vitest.json");
else vitestRun(`Unit and integration tests on ${backEnd}`, ["unit", "integration"], "vitest.json");
// Faults (SIGTERM, PostgreSQL restarted under load) run alone: they disturb the database server.
vitestRun(`Fault tests on ${backEnd}`, ["faults"], "faults.json");

const chromium = findChromium();
if (!chromium) {
  if (process.env.CI) {
    console.error(`\n✗ End-to-end tests need Chromium, which is missing: ${INSTALL_CHROMIUM}.`);
    status = 1;
  } else {
    console.warn(`\n⚠ End-to-end tests skipped: no Chromium found; ${INSTALL_CHROMIUM}.`);
  }
} else {
  status ||= run("Build", "npm", ["run", "build"]);
  // What the build produced (no messages nor zod in route scripts; the page budgets are measured on
  // rendered pages by tests/integration/page-weight.test.ts), right after building.
  vitestRun("Build checks (what the browser is given)", ["build"], "build.json");
  const e2eReport = path.join(tmp, "playwright.json");
  fs.rmSync(e2eReport, { force: true });
  const e2eStatus = run(`End-to-end tests in ${chromium} on ${backEnd}${auditNote}`, bin("playwright"), ["test", "--reporter=list,json", ...auditFilter], {
    CHROMIUM_PATH: chromium,
    PLAYWRIGHT_JSON_OUTPUT_NAME: e2eReport,
  });
  status ||= e2eStatus;
  const e2e = readJson<{ stats: { expected: number; unexpected: number; flaky: number; skipped: number }; suites?: PlaywrightSuite[] }>(e2eReport);
  if (e2e) {
    passed += e2e.stats.expected + e2e.stats.flaky;
    failed += e2e.stats.unexpected;
    skipped += e2e.stats.skipped;
    failures.push(...playwrightFailures(e2e.suites ?? []));
  } else status ||= 1;
}

console.log(`\nTotal on ${backEnd}${auditNote}:`);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
if (failures.length) console.log(`Failed:\n${failures.map((name) => `  ✗ ${name}`).join("\n")}`);
if (staticStatus) console.log("The static checks failed (import cycles or unused code: see above).");
process.exit(status || staticStatus || (failed > 0 ? 1 : 0));
