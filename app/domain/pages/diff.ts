// What changed between two versions of a page's text, line by line (decision 033): the longest
// common subsequence of their lines, then runs of kept, removed and added lines. Kept runs far
// from a change are folded to a count, so a visitor reads the change, not the whole page.
// Browser-safe and pure.

export type DiffLine = { kind: "same" | "added" | "removed"; text: string };
export type DiffPart = DiffLine | { kind: "folded"; count: number };

/** Past this many lines on both sides together the table would be too large: one block each. */
const MAX_CELLS = 4_000_000;

export function diffLines(before: string, after: string): DiffLine[] {
  const a = before.replace(/\r\n?/g, "\n").split("\n");
  const b = after.replace(/\r\n?/g, "\n").split("\n");
  // Common head and tail first: most edits touch a few lines in the middle.
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const midA = a.slice(head, a.length - tail);
  const midB = b.slice(head, b.length - tail);
  const out: DiffLine[] = a.slice(0, head).map((text) => ({ kind: "same", text }));
  if ((midA.length + 1) * (midB.length + 1) > MAX_CELLS) {
    out.push(...midA.map((text) => ({ kind: "removed" as const, text })), ...midB.map((text) => ({ kind: "added" as const, text })));
  } else {
    // lcs[i][j]: the length of the longest common subsequence of midA[i..] and midB[j..].
    const n = midA.length;
    const m = midB.length;
    const lcs = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) {
        lcs[i][j] = midA[i] === midB[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    let i = 0;
    let j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && midA[i] === midB[j]) {
        out.push({ kind: "same", text: midA[i] });
        i++;
        j++;
      } else if (i < n && (j === m || lcs[i + 1][j] >= lcs[i][j + 1])) {
        // On a tie the removed line first: "- old, + new" reads as a rewrite.
        out.push({ kind: "removed", text: midA[i] });
        i++;
      } else {
        out.push({ kind: "added", text: midB[j] });
        j++;
      }
    }
  }
  out.push(...a.slice(a.length - tail).map((text) => ({ kind: "same" as const, text })));
  return out;
}

/** The diff with kept lines more than `context` lines away from any change folded into a count. */
export function foldUnchanged(lines: DiffLine[], context = 2): DiffPart[] {
  const near = new Array<boolean>(lines.length).fill(false);
  lines.forEach((line, index) => {
    if (line.kind === "same") return;
    for (let k = Math.max(0, index - context); k <= Math.min(lines.length - 1, index + context); k++) near[k] = true;
  });
  const parts: DiffPart[] = [];
  let folded = 0;
  lines.forEach((line, index) => {
    if (line.kind === "same" && !near[index]) {
      folded++;
      return;
    }
    if (folded) parts.push({ kind: "folded", count: folded });
    folded = 0;
    parts.push(line);
  });
  if (folded) parts.push({ kind: "folded", count: folded });
  return parts;
}
