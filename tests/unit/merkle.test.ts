// The daily tree and the receipt (decision 051), checked against RFC 6962's own definition of
// the tree written out here independently, and by tampering with every part of a receipt.
import { createHash, createHmac, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { EMPTY_ROOT, leafHash, merkleNodes, merkleProof, merkleRoot, proofPlan, rootFromProof, sortLeaves } from "../../app/domain/receipts/merkle.server";
import { checkReceipt, readReceipt, RECEIPT_FORMAT, supportLeaf, type Receipt } from "../../app/domain/receipts/receipt.server";

const sha = (...parts: Buffer[]) => createHash("sha256").update(Buffer.concat(parts)).digest();

/** RFC 6962, 2.1: MTH of n leaf hashes, split at the largest power of two below n. */
function rfc6962(hashes: Buffer[]): Buffer {
  if (hashes.length === 0) return sha();
  if (hashes.length === 1) return hashes[0];
  let k = 1;
  while (k * 2 < hashes.length) k *= 2;
  return sha(Buffer.from([1]), rfc6962(hashes.slice(0, k)), rfc6962(hashes.slice(k)));
}

const leaves = (n: number) => sortLeaves(Array.from({ length: n }, (_, i) => leafHash(`leaf ${i}`)));

describe("the Merkle tree", () => {
  it("hashes a leaf as SHA-256 of 0x00 and its text", () => {
    expect(leafHash("abc")).toBe(sha(Buffer.from([0]), Buffer.from("abc")).toString("hex"));
    expect(EMPTY_ROOT).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  });

  it("gives RFC 6962's root for every count from 0 to 33 leaves", () => {
    for (let n = 0; n <= 33; n++) {
      const sorted = leaves(n);
      expect(merkleRoot(sorted), `${n} leaves`).toBe(rfc6962(sorted.map((h) => Buffer.from(h, "hex"))).toString("hex"));
    }
  });

  it("keeps every level above the leaves, the root last, and a proof's hashes are found where its plan says (decision 104)", () => {
    for (const n of [2, 3, 5, 8, 13, 33]) {
      const hashes = leaves(n).map((h) => Buffer.from(h, "hex"));
      const nodes = merkleNodes(Buffer.concat(hashes));
      // n leaves: ceil(n / 2) nodes above them, then half of those, and so on up to the root.
      let [size, count] = [n, 0];
      while (size > 1) count += size = Math.ceil(size / 2);
      expect(nodes.length, `${n} leaves`).toBe(count * 32);
      expect(nodes.subarray(-32).toString("hex"), `${n} leaves`).toBe(rfc6962(hashes).toString("hex"));
      // The first step of any proof is the leaf's neighbour among the leaves.
      const first = proofPlan(n, 0)[0];
      expect(first).toEqual({ side: "right", among: "leaves", offset: 32 });
    }
    expect(merkleNodes(Buffer.concat(leaves(1).map((h) => Buffer.from(h, "hex"))))).toHaveLength(0);
  });

  it("a single leaf is its own root, with an empty proof", () => {
    const [only] = leaves(1);
    expect(merkleRoot([only])).toBe(only);
    expect(merkleProof([only], 0)).toEqual([]);
    expect(rootFromProof(only, [])).toBe(only);
  });

  it("every leaf's proof leads to the root, with odd counts too", () => {
    for (const n of [2, 3, 5, 6, 7, 8, 9, 13, 100]) {
      const sorted = leaves(n);
      const root = merkleRoot(sorted);
      sorted.forEach((leaf, i) => expect(rootFromProof(leaf, merkleProof(sorted, i)), `${n} leaves, leaf ${i}`).toBe(root));
    }
  });

  it("a proof is short: at most the tree's height", () => {
    const sorted = leaves(1000);
    for (const i of [0, 500, 999]) expect(merkleProof(sorted, i).length).toBeLessThanOrEqual(10);
  });

  it("a tampered leaf, a tampered step, a missing step or a swapped side does not lead to the root", () => {
    const sorted = leaves(7);
    const root = merkleRoot(sorted);
    const proof = merkleProof(sorted, 3);
    const flip = (hex: string) => (hex[0] === "0" ? "1" : "0") + hex.slice(1);
    expect(rootFromProof(flip(sorted[3]), proof)).not.toBe(root);
    expect(rootFromProof(sorted[3], proof.map((s, i) => (i === 1 ? { ...s, hash: flip(s.hash) } : s)))).not.toBe(root);
    expect(rootFromProof(sorted[3], proof.slice(1))).not.toBe(root);
    expect(rootFromProof(sorted[3], proof.map((s, i) => (i === 0 ? { ...s, side: s.side === "left" ? ("right" as const) : ("left" as const) } : s)))).not.toBe(root);
    // Another leaf with this leaf's proof.
    expect(rootFromProof(sorted[4], proof)).not.toBe(root);
  });

  it("refuses hashes that are not 64 hexadecimal digits", () => {
    expect(rootFromProof("xyz", [])).toBeNull();
    expect(rootFromProof(leaves(1)[0], [{ side: "left", hash: "00" }])).toBeNull();
  });

  it("the root depends on the set of leaves, not their order", () => {
    const some = Array.from({ length: 9 }, (_, i) => leafHash(`support ${i}`));
    expect(merkleRoot(sortLeaves(some))).toBe(merkleRoot(sortLeaves([...some].reverse())));
  });
});

describe("a support receipt", () => {
  const salt = randomBytes(32).toString("hex");
  const supportedAt = "2026-12-01T05:06:07.123456Z"; // 14:06 in Korea, 1 December
  const others = Array.from({ length: 6 }, (_, i) => supportLeaf(10 + i, randomBytes(32).toString("hex"), 100 + i, supportedAt));
  const mine = supportLeaf(7, salt, 42, supportedAt);
  const sorted = sortLeaves([...others, mine]);
  const root = merkleRoot(sorted);
  const receipt: Receipt = {
    format: RECEIPT_FORMAT,
    site: "https://madang.example.org",
    day: "2026-12-01",
    support: { idea: 7, supporter: 42, salt, supported_at: supportedAt },
    leaf: mine,
    proof: merkleProof(sorted, sorted.indexOf(mine)),
    root,
    leaf_count: sorted.length,
  };

  it("the supporter's tag is an HMAC of the account id keyed with the salt", () => {
    const tag = createHmac("sha256", Buffer.from(salt, "hex")).update("madang/supporter/v1\n42").digest("hex");
    expect(mine).toBe(leafHash(`madang/support/v1\n7\n${tag}\n${supportedAt}`));
  });

  it("matches the published root", () => {
    expect(checkReceipt(receipt, root)).toMatchObject({ ok: true });
    const roundTrip = readReceipt(JSON.stringify(receipt));
    expect(roundTrip.ok && checkReceipt(roundTrip.receipt, root).ok).toBe(true);
  });

  it("says what is wrong with a tampered receipt", () => {
    const other = { ...receipt.support };
    expect(checkReceipt({ ...receipt, support: { ...other, idea: 8 } }, root)).toEqual({ ok: false, problem: "leaf" });
    expect(checkReceipt({ ...receipt, support: { ...other, supporter: 43 } }, root)).toEqual({ ok: false, problem: "leaf" });
    expect(checkReceipt({ ...receipt, support: { ...other, supported_at: "2026-12-01T05:06:08.123456Z" } }, root)).toEqual({ ok: false, problem: "leaf" });
    expect(checkReceipt({ ...receipt, day: "2026-12-02" }, root)).toEqual({ ok: false, problem: "day" });
    expect(checkReceipt({ ...receipt, proof: receipt.proof.slice(1) }, root)).toEqual({ ok: false, problem: "proof" });
    const fake = "f".repeat(64);
    expect(checkReceipt({ ...receipt, root: fake }, root)).toEqual({ ok: false, problem: "proof" });
    expect(checkReceipt(receipt, null)).toEqual({ ok: false, problem: "notPublished" });
    expect(checkReceipt(receipt, fake)).toEqual({ ok: false, problem: "root" });
  });

  it("a day is a Korean calendar day: 23:30 UTC is the next day in Korea", () => {
    const late = "2026-11-30T23:30:00.000000Z";
    const leaf = supportLeaf(7, salt, 42, late);
    const r = { ...receipt, day: "2026-12-01", support: { ...receipt.support, supported_at: late }, leaf, proof: [], root: leaf };
    expect(checkReceipt(r, leaf)).toMatchObject({ ok: true });
    expect(checkReceipt({ ...r, day: "2026-11-30" }, leaf)).toEqual({ ok: false, problem: "day" });
  });

  it("refuses what is not a receipt", () => {
    for (const text of ["", "not json", "{}", JSON.stringify({ ...receipt, format: "other" }), JSON.stringify({ ...receipt, leaf: "xyz" })]) {
      expect(readReceipt(text)).toEqual({ ok: false, problem: "unreadable" });
    }
  });

  it("holds nothing about the other supporters: their leaves are only hashes", () => {
    const text = JSON.stringify(receipt);
    for (const n of [100, 101, 102, 103, 104, 105]) expect(text).not.toMatch(new RegExp(`"supporter":${n}\\b`));
    // Every hash in the proof is a node or another leaf: none is an account id or a salt in the clear.
    for (const step of receipt.proof) expect(step.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(Object.keys(receipt.support).sort()).toEqual(["idea", "salt", "supported_at", "supporter"]);
  });
});
