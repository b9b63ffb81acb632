// A Merkle tree over one day's leaves, as in RFC 6962 (Certificate Transparency), section 2.1:
// leaves and inner nodes are hashed with SHA-256 under different one-byte prefixes (0x00 for a
// leaf, 0x01 for a node), so that a node can never pass for a leaf. The leaves are sorted by
// their hash first, so the tree depends only on the set of leaves, not on their order.
// An odd node at the end of a level is carried up unchanged (never paired with a copy of
// itself): with 5 leaves the root is node(node(node(a, b), node(c, d)), e), which is the same
// as RFC 6962's recursive definition. No leaves: the root is SHA-256 of nothing. Pure, and
// shared by the server, the verification page and `npm run verify-receipt` (decision 051).
import { createHash } from "node:crypto";

const HEX = /^[0-9a-f]{64}$/;

/** One step of a proof: the sibling's hash, and on which side of the running hash it sits. */
export interface ProofStep {
  side: "left" | "right";
  hash: string;
}

function sha256(...parts: (Buffer | string)[]): Buffer {
  const hash = createHash("sha256");
  for (const part of parts) hash.update(part);
  return hash.digest();
}

/** The hash of a leaf from its canonical text (hex). */
export function leafHash(data: string): string {
  return sha256(Buffer.from([0]), Buffer.from(data, "utf8")).toString("hex");
}

function nodeHash(left: Buffer, right: Buffer): Buffer {
  return sha256(Buffer.from([1]), left, right);
}

export const EMPTY_ROOT = sha256().toString("hex");

/** The leaves in the tree's order: by hash, ascending (hex strings of equal length sort as bytes). */
export function sortLeaves(leaves: readonly string[]): string[] {
  return [...leaves].sort();
}

function levelUp(level: Buffer[]): Buffer[] {
  const next: Buffer[] = [];
  for (let i = 0; i < level.length; i += 2) next.push(i + 1 < level.length ? nodeHash(level[i], level[i + 1]) : level[i]);
  return next;
}

/** The root of sorted leaf hashes (hex). */
export function merkleRoot(sorted: readonly string[]): string {
  if (sorted.length === 0) return EMPTY_ROOT;
  let level: Buffer[] = sorted.map((h) => Buffer.from(h, "hex"));
  while (level.length > 1) level = levelUp(level);
  return level[0].toString("hex");
}

/** The path from the leaf at `index` of the sorted leaves up to the root. */
export function merkleProof(sorted: readonly string[], index: number): ProofStep[] {
  if (!Number.isInteger(index) || index < 0 || index >= sorted.length) throw new RangeError(`no leaf ${index} among ${sorted.length}`);
  const steps: ProofStep[] = [];
  let level: Buffer[] = sorted.map((h) => Buffer.from(h, "hex"));
  let at = index;
  while (level.length > 1) {
    const sibling = at % 2 === 0 ? at + 1 : at - 1;
    // The last node of an odd level has no sibling: it goes up as it is, and the path skips the level.
    if (sibling < level.length) steps.push({ side: at % 2 === 0 ? "right" : "left", hash: level[sibling].toString("hex") });
    level = levelUp(level);
    at = Math.floor(at / 2);
  }
  return steps;
}

/** The root a leaf hash and its proof lead to, or null when a hash is not 64 hexadecimal digits. */
export function rootFromProof(leaf: string, proof: readonly ProofStep[]): string | null {
  if (!HEX.test(leaf) || proof.some((s) => !HEX.test(s.hash) || (s.side !== "left" && s.side !== "right"))) return null;
  let running: Buffer = Buffer.from(leaf, "hex");
  for (const step of proof) {
    const sibling = Buffer.from(step.hash, "hex");
    running = step.side === "left" ? nodeHash(sibling, running) : nodeHash(running, sibling);
  }
  return running.toString("hex");
}
