// What a visitor sees of a change to a page: the lines removed and added, in order, with the
// unchanged lines far from the change folded.
import { describe, expect, it } from "vitest";
import { diffLines, foldUnchanged } from "../../app/domain/pages/diff";

const kinds = (before: string, after: string) => diffLines(before, after).map((l) => `${{ same: " ", added: "+", removed: "-" }[l.kind]}${l.text}`);

describe("diffLines", () => {
  it("no change: every line kept", () => {
    expect(kinds("a\nb", "a\nb")).toEqual([" a", " b"]);
  });

  it("one line rewritten in the middle: removed then added, the rest kept", () => {
    expect(kinds("title\nold rule\nend", "title\nnew rule\nend")).toEqual([" title", "-old rule", "+new rule", " end"]);
  });

  it("a line added and another removed elsewhere", () => {
    expect(kinds("one\ntwo\nthree\nfour", "zero\none\ntwo\nfour")).toEqual(["+zero", " one", " two", "-three", " four"]);
  });

  it("from nothing and to nothing", () => {
    expect(kinds("", "a")).toEqual(["-", "+a"]);
    expect(kinds("a\nb", "")).toEqual(["-a", "-b", "+"]);
  });

  it("Windows line ends read as the same lines", () => {
    expect(kinds("a\r\nb", "a\nb")).toEqual([" a", " b"]);
  });

  it("the new text is the kept and added lines, the old the kept and removed", () => {
    const before = "1\n2\n3\n4\n5\n6\n7";
    const after = "1\nX\n3\n5\nY\nZ\n7";
    const d = diffLines(before, after);
    expect(d.filter((l) => l.kind !== "removed").map((l) => l.text).join("\n")).toBe(after);
    expect(d.filter((l) => l.kind !== "added").map((l) => l.text).join("\n")).toBe(before);
  });
});

describe("foldUnchanged", () => {
  it("keeps two lines around a change and folds the rest into counts", () => {
    const before = Array.from({ length: 20 }, (_, i) => `line ${i}`).join("\n");
    const after = before.replace("line 10", "line ten");
    const parts = foldUnchanged(diffLines(before, after));
    expect(parts).toEqual([
      { kind: "folded", count: 8 },
      { kind: "same", text: "line 8" },
      { kind: "same", text: "line 9" },
      { kind: "removed", text: "line 10" },
      { kind: "added", text: "line ten" },
      { kind: "same", text: "line 11" },
      { kind: "same", text: "line 12" },
      { kind: "folded", count: 7 },
    ]);
  });
});
