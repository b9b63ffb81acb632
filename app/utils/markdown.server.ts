// Markdown written by people → HTML that is safe to put in a page (docs/decisions/010-markdown.md).
// marked renders; sanitize-html keeps only an allow-list of tags and attributes, drops every
// script, style and event handler, allows only http(s) and mailto links (no javascript:, no
// data:), and marks links as user content.
import { Marked, type MarkedExtension } from "marked";
import sanitizeHtml from "sanitize-html";

/**
 * `{#spam}` at the end of a heading or list item marks it as a place a link can point at
 * (`/pages/operating-rules#md-spam`): moderators' reasons link to the rule they apply. The id is
 * prefixed, so a text can never take an id the page itself uses.
 */
const ANCHOR = /^\{#([a-z][a-z0-9_-]{0,40})\}/;
export const anchorId = (name: string) => `md-${name}`;

const anchors: MarkedExtension = {
  extensions: [
    {
      name: "anchor",
      level: "inline",
      start: (src: string) => src.indexOf("{#"),
      tokenizer(src: string) {
        const match = ANCHOR.exec(src);
        return match ? { type: "anchor", raw: match[0], name: match[1] } : undefined;
      },
      renderer: (token) => `<span id="${anchorId(String(token.name))}"></span>`,
    },
  ],
};

const marked = new Marked({ gfm: true, breaks: true, async: false }, anchors);

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    "p", "br", "hr", "strong", "em", "del", "s", "code", "pre", "blockquote",
    "ul", "ol", "li", "h2", "h3", "h4", "h5", "h6", "a",
    "table", "thead", "tbody", "tr", "th", "td", "span",
  ],
  // rel and target are set by transformTags below, never taken from the text.
  allowedAttributes: { a: ["href", "title", "rel", "target"], ol: ["start"], th: ["align"], td: ["align"], span: ["id"] },
  allowedSchemes: ["http", "https", "mailto"],
  allowedSchemesAppliedToAttributes: ["href"],
  allowProtocolRelative: false,
  disallowedTagsMode: "discard",
  // A heading level 1 belongs to the page, not to the text: demote it.
  transformTags: {
    h1: "h2",
    // A span is only ever an anchor ({#name} above): any other id, or none, leaves an empty span.
    span: (tagName, attribs): sanitizeHtml.Tag => ({ tagName, attribs: /^md-[a-z][a-z0-9_-]{0,40}$/.test(attribs.id ?? "") ? { id: attribs.id } : {} }),
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

// Plain text keeps a heading apart from the sentence after it: "문제: 동네 가게들은 …", not
// "문제 동네 가게들은 …". An excerpt leaves headings out altogether.
const HEADING_END = /[.!?:;…。？！：)\]]$/;
const asText = new Marked({
  gfm: true,
  breaks: true,
  async: false,
  renderer: {
    heading({ tokens }) {
      const text = this.parser.parseInline(tokens).trim();
      return `<p>${text}${HEADING_END.test(text) ? "" : ":"}</p>\n`;
    },
  },
}, anchors);
const withoutHeadings = new Marked({ gfm: true, breaks: true, async: false, renderer: { heading: () => "" } }, anchors);

function plain(html: string): string {
  return sanitizeHtml(html, { allowedTags: [], allowedAttributes: {} }).replace(/\s+/g, " ").trim();
}

/** Plain text of a Markdown body, for feeds, e-mails and timeline notes. */
export function markdownToText(markdown: string): string {
  return plain(asText.parse(markdown) as string);
}

/**
 * The start of a Markdown body as one line of plain text, for lists: headings left out (a text
 * of headings only keeps them), cut at a word with "…" when longer than `max`.
 */
export function excerptOf(markdown: string, max = 220): string {
  const text = plain(withoutHeadings.parse(markdown) as string) || markdownToText(markdown);
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 3);
  const atSpace = cut.lastIndexOf(" ");
  return `${(atSpace > max * 0.6 ? cut.slice(0, atSpace) : cut).trimEnd()}…`;
}
