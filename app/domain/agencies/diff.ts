// What changed between two versions of an answer, word by word (pure; shown on the idea page).
export type DiffPart = { op: "same" | "added" | "removed"; text: string };

const tokens = (s: string) => s.match(/\s+|[^\s]+/g) ?? [];

/** Above this many cells the middle is shown as removed then added, not searched word by word. */
const MAX_CELLS = 2_000_000;

function push(parts: DiffPart[], op: DiffPart["op"], text: string) {
  if (!text) return;
  const last = parts[parts.length - 1];
  if (last && last.op === op) last.text += text;
  else parts.push({ op, text });
}

export function diffWords(before: string, after: string): DiffPart[] {
  const a = tokens(before);
  const b = tokens(after);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const parts: DiffPart[] = [];
  push(parts, "same", a.slice(0, start).join(""));
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  const n = midA.length;
  const m = midB.length;
  if (n * m > MAX_CELLS) {
    push(parts, "removed", midA.join(""));
    push(parts, "added", midB.join(""));
  } else {
    // Longest common subsequence, table of suffix lengths.
    const width = m + 1;
    const table = new Uint32Array((n + 1) * width);
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) {
        table[i * width + j] = midA[i] === midB[j] ? table[(i + 1) * width + j + 1] + 1 : Math.max(table[(i + 1) * width + j], table[i * width + j + 1]);
      }
    }
    let i = 0;
    let j = 0;
    while (i < n && j < m) {
      if (midA[i] === midB[j]) {
        push(parts, "same", midA[i]);
        i++;
        j++;
      } else if (table[(i + 1) * width + j] >= table[i * width + j + 1]) {
        push(parts, "removed", midA[i++]);
      } else {
        push(parts, "added", midB[j++]);
      }
    }
    while (i < n) push(parts, "removed", midA[i++]);
    while (j < m) push(parts, "added", midB[j++]);
  }
  push(parts, "same", a.slice(endA).join(""));
  return parts;
}
