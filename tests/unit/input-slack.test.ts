// A field's maxLength has one rule (maxLengthFor in app/utils/text.ts): the browser lets a text a
// little over the server's limit through, so the server can say what is wrong next to the field
// instead of the browser cutting pasted text in silence. Read from the code: no form writes a
// slack of its own.
import { describe, expect, it } from "vitest";
import { maxLengthFor } from "~/utils/text";
import { appSources } from "./sources";

describe("the slack a field's maxLength leaves over the server's limit", () => {
  it("lets a text a little over the limit through, and never takes an unbounded one", () => {
    // The texts people paste into the forms: a title, a reason, a note, a post.
    expect(maxLengthFor(120)).toBe(140);
    expect(maxLengthFor(500)).toBe(550);
    expect(maxLengthFor(1000)).toBe(1100);
    expect(maxLengthFor(5000)).toBe(5500);
    // A short field still gets room for a pasted sentence's tail.
    expect(maxLengthFor(40)).toBe(60);
  });

  it("every maxLength in the app is maxLengthFor(a named limit), or a search box's SEARCH_MAX", () => {
    const own: string[] = [];
    for (const [file, text] of appSources()) {
      for (const m of text.matchAll(/maxLength=\{([^}]*)\}/g)) {
        const expr = m[1].trim();
        if (/^maxLengthFor\([A-Za-z_][\w.]*\)$/.test(expr) || expr === "SEARCH_MAX") continue;
        own.push(`${file}: maxLength={${expr}}`);
      }
    }
    expect(own).toEqual([]);
  });
});
