// The scans of paper batches are kept in PAPER_SCANS_DIR, named by their SHA-256; the desk's
// page says whether each batch's scan is there and still has the recorded content.
import { createHash } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scanStates } from "../../app/domain/assisted/scans.server";

let dir = "";
const sheet = Buffer.from("%PDF-1.4 signatures of the neighbourhood forum, sheet 1");
const hashOf = (b: Buffer) => createHash("sha256").update(b).digest("hex");

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "madang-scans-"));
  await writeFile(path.join(dir, `${hashOf(sheet)}.pdf`), sheet);
  // A file named by one hash whose content was changed afterwards.
  await writeFile(path.join(dir, `${"c".repeat(64)}.jpg`), Buffer.from("not the original"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("scans in the scans folder", () => {
  it("are verified by their content, reported missing or altered", async () => {
    const states = await scanStates(dir, [hashOf(sheet), "d".repeat(64), "c".repeat(64)]);
    expect(states).toEqual({ [hashOf(sheet)]: "verified", ["d".repeat(64)]: "missing", ["c".repeat(64)]: "altered" });
  });

  it("are not checked without a folder, or when it cannot be read", async () => {
    expect(await scanStates(undefined, [hashOf(sheet)])).toBeNull();
    expect(await scanStates(path.join(dir, "no-such-folder"), [hashOf(sheet)])).toBeNull();
  });
});
