import { describe, expect, it } from "vitest";
import { diffWords } from "../../app/domain/agencies/diff";

describe("what changed between two versions of an answer", () => {
  it("marks the words removed and added, keeps the rest", () => {
    expect(diffWords("We will fund 10 centres in 2027.", "We will fund 12 centres in 2027 and 2028.")).toEqual([
      { op: "same", text: "We will fund " },
      { op: "removed", text: "10" },
      { op: "added", text: "12" },
      { op: "same", text: " centres in " },
      { op: "removed", text: "2027." },
      { op: "added", text: "2027 and 2028." },
    ]);
  });

  it("an unchanged text is one part; an empty one all added", () => {
    expect(diffWords("Same words.", "Same words.")).toEqual([{ op: "same", text: "Same words." }]);
    expect(diffWords("", "New")).toEqual([{ op: "added", text: "New" }]);
  });

  it("joining the kept and added parts gives the new text, the kept and removed the old", () => {
    const before = "line one\nline two stays\nthird line goes";
    const after = "line one\nline two stays here\nfourth line";
    const parts = diffWords(before, after);
    expect(parts.filter((p) => p.op !== "removed").map((p) => p.text).join("")).toBe(after);
    expect(parts.filter((p) => p.op !== "added").map((p) => p.text).join("")).toBe(before);
  });
});
