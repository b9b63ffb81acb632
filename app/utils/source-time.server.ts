// When the app's sources last changed: the newest file time under app/ and db/ (the build
// bundles app/ and the parts of db/ it imports). The server, the tests' app starter and the
// benchmark each build when their build is older than this.
import fs from "node:fs";
import path from "node:path";

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

/** The newest modification time (ms) of a file under `root`/app and `root`/db. */
export function newestSourceTime(root: string): number {
  return Math.max(newestMtime(path.join(root, "app")), newestMtime(path.join(root, "db")));
}
