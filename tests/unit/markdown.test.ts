import { describe, expect, it } from "vitest";
import { excerptOf, markdownToText, renderMarkdown } from "../../app/utils/markdown.server";
import { XSS_PAYLOADS } from "../fixtures/xss";

/** What must never survive into a page: scripts, event handlers, dangerous URLs, frames. */
function assertInert(html: string) {
  expect(html).not.toMatch(/<\s*(script|iframe|object|embed|style|link|meta|base|form|input|svg|math|img|video|audio|template|noscript)\b/i);
  // Text is escaped (< becomes &lt;), so every "<" left starts a real tag: check tags only.
  const tags = html.match(/<[^>]*>/g) ?? [];
  for (const tag of tags) {
    expect(tag).not.toMatch(/\son[a-z]+\s*=/i);
    expect(tag).not.toMatch(/(href|src|action|xlink:href)\s*=\s*"?\s*(javascript|data|vbscript)/i);
    expect(tag).not.toMatch(/\sstyle\s*=/i);
  }
}

describe("Markdown rendering", () => {
  it(`leaves each of ${XSS_PAYLOADS.length} hostile inputs inert`, () => {
    expect(XSS_PAYLOADS.length).toBeGreaterThanOrEqual(50);
    for (const payload of XSS_PAYLOADS) assertInert(renderMarkdown(payload));
  });

  it("keeps ordinary formatting", () => {
    const html = renderMarkdown("**bold** and _italic_\n\n- one\n- two\n\n> quoted\n\n`code`");
    expect(html).toContain("<strong>bold</strong>");
    expect(html).toContain("<em>italic</em>");
    expect(html).toContain("<li>one</li>");
    expect(html).toContain("<blockquote>");
    expect(html).toContain("<code>code</code>");
  });

  it("lets a rule be linked to: {#name} after a heading or list item becomes an anchor md-name, and nothing else takes an id", () => {
    const html = renderMarkdown("## Not allowed {#rules}\n- **Spam**: ads. {#spam}\n- {#Upper} <span id=\"main\">x</span> <span id=\"md-ok\" onclick=\"alert(1)\">y</span>");
    expect(html).toBe(
      '<h2>Not allowed <span id="md-rules"></span></h2>\n<ul>\n<li><strong>Spam</strong>: ads. <span id="md-spam"></span></li>\n<li>{#Upper} <span>x</span> <span id="md-ok">y</span></li>\n</ul>\n',
    );
    expect(renderMarkdown("`{#code}`")).toBe("<p><code>{#code}</code></p>\n");
    // Plain text and excerpts leave the markers out.
    expect(markdownToText("- **Spam**: ads. {#spam}")).toBe("Spam: ads.");
    expect(excerptOf("Ads are not allowed. {#spam}")).toBe("Ads are not allowed.");
  });

  it("marks links as user content that opens safely; keeps http(s), mailto and links within the site", () => {
    const html = renderMarkdown("[site](https://example.org) [mail](mailto:a@example.org) [rel](/ideas/1) [ftp](ftp://x.example)");
    expect(html).toContain('href="https://example.org"');
    expect(html).toContain('rel="nofollow ugc noopener"');
    expect(html).toContain('href="mailto:a@example.org"');
    expect(html).toContain('href="/ideas/1"');
    expect(html).not.toContain("ftp:");
  });

  it("turns a top-level heading into a second-level one (the page owns its h1)", () => {
    expect(renderMarkdown("# Title").trim()).toBe("<h2>Title</h2>");
  });

  it("gives plain text, without markup, a heading kept apart from the sentence after it", () => {
    expect(markdownToText("# Hi\n\n**bold** <script>x</script> [link](https://a.b)")).toBe("Hi: bold link");
    expect(markdownToText("## 문제\n동네 가게들은 손님이 줄었습니다.\n\n## 왜?\n비용")).toBe("문제: 동네 가게들은 손님이 줄었습니다. 왜? 비용");
  });

  it("leaves headings out of list excerpts, and cuts a long text at a word", () => {
    expect(excerptOf("## 문제\n동네 가게들은 손님이 줄었습니다.\n\n제안\n---\n교육을 지원해 주세요.")).toBe("동네 가게들은 손님이 줄었습니다. 교육을 지원해 주세요.");
    expect(excerptOf("# Only a heading")).toBe("Only a heading:");
    const long = excerptOf(`${"word ".repeat(100)}end`, 50);
    expect(long.length).toBeLessThanOrEqual(50);
    expect(long).toMatch(/ word…$/);
  });
});
