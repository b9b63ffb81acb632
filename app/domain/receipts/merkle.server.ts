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

/** Bytes of a hash: the leaves and the inner nodes are kept back to back, 32 bytes each. */
export const HASH_BYTES = 32;

/**
 * The tree's inner nodes over the sorted leaves (their hashes back to back, as a day's leaves are
 * stored): each level from the one above the leaves up to the root, one after the other, each in
 * its order; an odd level's last node is carried up as it is. A proof's hashes are read from these
 * and the leaves (proofPlan) instead of the tree being built again for each receipt (decision 104).
 * One leaf or none: no inner node.
 */
export function merkleNodes(leaves: Buffer): Buffer {
  const levels: Buffer[] = [];
  let level = leaves;
  while (level.length > HASH_BYTES) {
    const next = Buffer.allocUnsafe(Math.ceil(level.length / (2 * HASH_BYTES)) * HASH_BYTES);
    for (let from = 0, to = 0; from < level.length; from += 2 * HASH_BYTES, to += HASH_BYTES) {
      if (from + HASH_BYTES < level.length) nodeHash(level.subarray(from, from + HASH_BYTES), level.subarray(from + HASH_BYTES, from + 2 * HASH_BYTES)).copy(next, to);
      else level.copy(next, to, from, from + HASH_BYTES);
    }
    levels.push(next);
    level = next;
  }
  return Buffer.concat(levels);
}

/** Where one hash of a proof is: its side, and its first byte among the leaves or among the inner nodes (merkleNodes). */
export interface PlannedStep {
  side: "left" | "right";
  among: "leaves" | "nodes";
  offset: number;
}

/** Where the hashes of the proof for the leaf at `index` of `count` sorted leaves are, from the leaf up. */
export function proofPlan(count: number, index: number): PlannedStep[] {
  if (!Number.isInteger(index) || index < 0 || index >= count) throw new RangeError(`no leaf ${index} among ${count}`);
  const steps: PlannedStep[] = [];
  let [size, at, start] = [count, index, 0];
  let among: PlannedStep["among"] = "leaves";
  while (size > 1) {
    const sibling = at % 2 === 0 ? at + 1 : at - 1;
    // The last node of an odd level has no sibling: it goes up as it is, and the path skips the level.
    if (sibling < size) steps.push({ side: at % 2 === 0 ? "right" : "left", among, offset: start + sibling * HASH_BYTES });
    // The level above starts the inner nodes, or follows this level among them.
    start = among === "leaves" ? 0 : start + size * HASH_BYTES;
    among = "nodes";
    size = Math.ceil(size / 2);
    at = Math.floor(at / 2);
  }
  return steps;
}

/** The tree over sorted leaf hashes (hex): the leaves back to back and the inner nodes, as a day's are stored, and the root. */
export function merkleTree(sorted: readonly string[]): { leaves: Buffer; nodes: Buffer; root: string } {
  const leaves = Buffer.from(sorted.join(""), "hex");
  const nodes = merkleNodes(leaves);
  const root = sorted.length === 0 ? EMPTY_ROOT : sorted.length === 1 ? sorted[0] : nodes.subarray(-HASH_BYTES).toString("hex");
  return { leaves, nodes, root };
}

/** The root of sorted leaf hashes (hex). */
export function merkleRoot(sorted: readonly string[]): string {
  return merkleTree(sorted).root;
}

/** The path from the leaf at `index` of the sorted leaves up to the root. */
export function merkleProof(sorted: readonly string[], index: number): ProofStep[] {
  const { leaves, nodes } = merkleTree(sorted);
  return proofPlan(sorted.length, index).map(({ side, among, offset }) => ({
    side,
    hash: (among === "leaves" ? leaves : nodes).subarray(offset, offset + HASH_BYTES).toString("hex"),
  }));
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
