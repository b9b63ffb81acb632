// An Atom 1.0 document (RFC 4287) from plain data. Every text goes through `xmlText`: titles
// and notes are citizens' and staff's words, so they are escaped, and characters XML 1.0 does
// not allow (most control characters) are dropped rather than breaking feed readers.
export interface AtomEntry {
  id: string;
  title: string;
  link: string;
  updated: string;
  author: string | null;
  category: string;
  content: string;
}

export interface AtomFeed {
  id: string;
  title: string;
  subtitle: string;
  self: string;
  alternate: string;
  updated: string;
  lang: string;
  rights: string;
  author: string;
  entries: AtomEntry[];
}

// Tab, newline and carriage return stay; other C0 controls, lone surrogates and U+FFFE/U+FFFF go.
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function xmlText(value: string): string {
  return value
    .replace(NOT_XML, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

export function atomXml(feed: AtomFeed): string {
  const x = xmlText;
  const entries = feed.entries.map(
    (e) => `  <entry>
    <id>${x(e.id)}</id>
    <title type="text">${x(e.title)}</title>
    <link rel="alternate" type="text/html" href="${x(e.link)}"/>
    <updated>${x(e.updated)}</updated>
    <published>${x(e.updated)}</published>${e.author ? `\n    <author><name>${x(e.author)}</name></author>` : ""}
    <category term="${x(e.category)}"/>
    <content type="text">${x(e.content)}</content>
  </entry>`,
  );
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${x(feed.lang)}">
  <id>${x(feed.id)}</id>
  <title type="text">${x(feed.title)}</title>
  <subtitle type="text">${x(feed.subtitle)}</subtitle>
  <link rel="self" type="application/atom+xml" href="${x(feed.self)}"/>
  <link rel="alternate" type="text/html" href="${x(feed.alternate)}"/>
  <updated>${x(feed.updated)}</updated>
  <rights>${x(feed.rights)}</rights>
  <author><name>${x(feed.author)}</name></author>
  <generator>Madang</generator>
${entries.join("\n")}${entries.length ? "\n" : ""}</feed>
`;
}
