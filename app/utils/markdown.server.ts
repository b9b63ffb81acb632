// Markdown written by people → HTML that is safe to put in a page (docs/decisions/010-markdown.md).
// marked renders; sanitize-html keeps only an allow-list of tags and attributes, drops every
// script, style and event handler, allows only http(s) and mailto links (no javascript:, no
// data:), and marks links as user content.
import { Marked } from "marked";
import sanitizeHtml from "sanitize-html";

const marked = new Marked({ gfm: true, breaks: true, async: false });

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    "p", "br", "hr", "strong", "em", "del", "s", "code", "pre", "blockquote",
    "ul", "ol", "li", "h2", "h3", "h4", "h5", "h6", "a",
    "table", "thead", "tbody", "tr", "th", "td",
  ],
  // rel and target are set by transformTags below, never taken from the text.
  allowedAttributes: { a: ["href", "title", "rel", "target"], ol: ["start"], th: ["align"], td: ["align"] },
  allowedSchemes: ["http", "https", "mailto"],
  allowedSchemesAppliedToAttributes: ["href"],
  allowProtocolRelative: false,
  disallowedTagsMode: "discard",
  // A heading level 1 belongs to the page, not to the text: demote it.
  transformTags: {
    h1: "h2",
    a: (tagName, attribs) => ({
      tagName,
      attribs: { href: attribs.href ?? "", title: attribs.title ?? "", rel: "nofollow ugc noopener", target: "_blank" },
    }),
  },
};

export function renderMarkdown(markdown: string): string {
  const html = marked.parse(markdown) as string;
  return sanitizeHtml(html, OPTIONS);
}

/** Plain text of a Markdown body, for excerpts, feeds and e-mails. */
export function markdownToText(markdown: string): string {
  const html = marked.parse(markdown) as string;
  return sanitizeHtml(html, { allowedTags: [], allowedAttributes: {} }).replace(/\s+/g, " ").trim();
}
