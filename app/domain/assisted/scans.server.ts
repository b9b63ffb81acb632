// The scanned sheets of paper batches live in a folder outside the database (PAPER_SCANS_DIR),
// named by their SHA-256 (`<hash>.pdf`, `<hash>.jpg`...). The desk's page says, for each batch,
// whether its scan is there and whether the file's content still has the recorded hash.
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { readdir } from "node:fs/promises";
import path from "node:path";

export type ScanState = "missing" | "verified" | "altered";

async function sha256Of(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/** The state of each hash's scan in the folder; none when no folder is configured or readable. */
export async function scanStates(dir: string | undefined, hashes: readonly string[]): Promise<Record<string, ScanState> | null> {
  if (!dir) return null;
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return null;
  }
  const states: Record<string, ScanState> = {};
  for (const hash of new Set(hashes)) {
    const name = names.find((n) => n.toLowerCase().startsWith(`${hash}.`) || n.toLowerCase() === hash);
    states[hash] = !name ? "missing" : (await sha256Of(path.join(dir, name))) === hash ? "verified" : "altered";
  }
  return states;
}
