// The app's source files (not the catalogs), for tests that read the code as text.
import fs from "node:fs";
import path from "node:path";

export const APP = path.resolve(__dirname, "../../app");

/** Every .ts and .tsx file under app/ outside app/locales: [path relative to app/, its text]. */
export function appSources(): [string, string][] {
  const files: [string, string][] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.tsx?$/.test(entry.name) && !full.includes("locales")) files.push([path.relative(APP, full), fs.readFileSync(full, "utf8")]);
    }
  };
  walk(APP);
  return files;
}

/**
 * The lines of the app's code (comments left out) that match `pattern`, outside the modules
 * `homes` (paths relative to app/), as "file: line": for tests that say where a thing may be written.
 */
export function linesMatching(pattern: RegExp, homes: string[], except?: RegExp): string[] {
  return appSources()
    .filter(([file]) => !homes.includes(file))
    .flatMap(([file, text]) =>
      text
        .split("\n")
        .filter((line) => !/^\s*(\/\/|\*|\/\*)/.test(line) && pattern.test(line) && !except?.test(line))
        .map((line) => `${file}: ${line.trim()}`),
    );
}
