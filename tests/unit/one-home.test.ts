// Text normalisation and id parsing each have one home (decision 064): the text helpers in
// app/utils/text.ts (multiLine, oneLine, trimmed, cutText…), the id parser in app/utils/ids.ts
// (parseId; idParam in http.server.ts for a route's address). Read from the code.
import { describe, expect, it } from "vitest";
import { parseId } from "~/utils/ids";
import { cutText, multiLine, oneLine, trimmed } from "~/utils/text";
import { linesMatching } from "./sources";

describe("text as it is kept", () => {
  it("normalises the way the forms expect", () => {
    expect(multiLine("  e\u0301\r\nline two\rthree  ")).toBe("\u00e9\nline two\nthree");
    expect(oneLine("  a \t b\n c ")).toBe("a b c");
    expect(trimmed("  a  b ")).toBe("a  b");
    expect(cutText("abcdef", 6)).toBe("abcdef");
    expect(cutText("abcdefg", 6)).toBe("abcde…");
  });

  it("no module but app/utils/text.ts normalises Unicode text for keeping", () => {
    // The blocklist's NFKC folding (its own rule, for matching) and the in-person supporter's matching key (decision 063) are not a form's text.
    expect(linesMatching(/\.normalize\("NFC"\)|replace\(\/\\r\\n/, ["utils/text.ts", "domain/assisted/person.server.ts", "domain/pages/diff.ts"])).toEqual([]);
  });
});

describe("ids written as text", () => {
  it("are 1 to 15 digits naming a positive whole number", () => {
    expect(parseId("42")).toBe(42);
    expect(parseId("007")).toBe(7);
    for (const bad of ["0", "", " 1", "1e3", "0x10", "-1", "1.5", "1234567890123456", null, undefined, 42]) expect(parseId(bad), String(bad)).toBeNull();
    expect(parseId("40000", 32_767)).toBeNull();
  });

  it("no module but app/utils/ids.ts parses one with its own pattern", () => {
    // The upload path's pattern matches an address, not an id.
    expect(linesMatching(/\^\\d\{1,1\d\}\$|\^#\?\(\\d/, ["utils/ids.ts"])).toEqual([]);
  });
});
