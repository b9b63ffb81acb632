// The scanned sheets of paper batches live in a folder outside the database (PAPER_SCANS_DIR),
// named by their SHA-256 (`<hash>.pdf`, `<hash>.jpg`...). The desk's page says, for each batch,
// whether its scan is there and whether the file's content still has the recorded hash. The
// batch form uploads the scan (decision 058): the server stores it here and computes its hash.
import { createHash, randomBytes } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdir, open, readdir, rename, rm } from "node:fs/promises";
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

/** The kinds of scan accepted, known by their first bytes (the name and the type a browser sends are not trusted). */
const KINDS: { ext: string; type: string; test: (head: Buffer) => boolean }[] = [
  { ext: "pdf", type: "application/pdf", test: (h) => h.subarray(0, 5).toString("latin1") === "%PDF-" },
  { ext: "jpg", type: "image/jpeg", test: (h) => h[0] === 0xff && h[1] === 0xd8 && h[2] === 0xff },
  { ext: "png", type: "image/png", test: (h) => h.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  { ext: "tif", type: "image/tiff", test: (h) => ["II*\u0000", "MM\u0000*"].includes(h.subarray(0, 4).toString("latin1")) },
  { ext: "webp", type: "image/webp", test: (h) => h.subarray(0, 4).toString("latin1") === "RIFF" && h.subarray(8, 12).toString("latin1") === "WEBP" },
];

/** The content type of a stored scan, by its name (null: not a scan's name). */
export function scanType(file: string): string | null {
  const match = /^[0-9a-f]{64}\.([a-z]{3,4})$/.exec(file);
  return match ? (KINDS.find((k) => k.ext === match[1])?.type ?? null) : null;
}

export type StoredScan = { ok: true; sha256: string; file: string } | { ok: false; reason: "tooLarge" | "type" } | null;

/**
 * Stores an uploaded scan in the folder, named `<sha256>.<ext>`, hashing it as it is written:
 * null when no file was chosen (an empty part); refused when larger than `maxBytes` or not a PDF
 * or an image. The whole upload is read either way (the browser waits for its answer), but
 * nothing past the limit is written, and a refused file is removed.
 */
export async function storeScan(dir: string, data: AsyncIterable<Uint8Array>, maxBytes: number): Promise<StoredScan> {
  await mkdir(dir, { recursive: true });
  const temporary = path.join(dir, `.upload-${randomBytes(12).toString("hex")}`);
  const out = await open(temporary, "w");
  const hash = createHash("sha256");
  let size = 0;
  let head = Buffer.alloc(0);
  try {
    for await (const chunk of data) {
      size += chunk.byteLength;
      if (size > maxBytes) continue;
      if (head.length < 16) head = Buffer.concat([head, Buffer.from(chunk.subarray(0, 16))]);
      hash.update(chunk);
      await out.write(chunk);
    }
  } finally {
    await out.close();
  }
  const kind = KINDS.find((k) => k.test(head));
  if (size === 0 || size > maxBytes || !kind) {
    await rm(temporary, { force: true });
    return size === 0 ? null : { ok: false, reason: size > maxBytes ? "tooLarge" : "type" };
  }
  const sha256 = hash.digest("hex");
  const file = `${sha256}.${kind.ext}`;
  // The same sheets uploaded twice are one file: the name is the content's hash.
  await rename(temporary, path.join(dir, file));
  return { ok: true, sha256, file };
}

/** The stored scan with this hash (uploaded before, or copied by staff), if the folder has one. */
export async function findScan(dir: string, sha256: string): Promise<string | null> {
  try {
    return (await readdir(dir)).find((n) => n.startsWith(`${sha256}.`) && scanType(n) !== null) ?? null;
  } catch {
    return null;
  }
}

/** A scan size limit in megabytes as the forms and their messages say it (two decimals at most). */
export function megabytes(bytes: number): number {
  return Math.round((bytes / 1_048_576) * 100) / 100;
}
