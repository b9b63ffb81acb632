import { sql, type Kysely } from "kysely";
import { Marked } from "marked";
import sanitizeHtml from "sanitize-html";

// Ideas' list excerpts no longer run a Markdown heading into the sentence after it ("문제 동네
// 가게들은 …"): excerpts written from now on leave headings out (excerptOf in
// app/utils/markdown.server.ts). This recomputes the stored excerpt of every idea whose text has
// a heading, with a copy of that rule as it is today (a migration does not import app code).
const MAX = 220;
const withoutHeadings = new Marked({ gfm: true, breaks: true, async: false, renderer: { heading: () => "" } });
const withHeadings = new Marked({ gfm: true, breaks: true, async: false });
const plain = (html: string) => sanitizeHtml(html, { allowedTags: [], allowedAttributes: {} }).replace(/\s+/g, " ").trim();

function excerptOf(markdown: string): string {
  const text = plain(withoutHeadings.parse(markdown) as string) || plain(withHeadings.parse(markdown) as string);
  if (text.length <= MAX) return text;
  const cut = text.slice(0, MAX - 3);
  const atSpace = cut.lastIndexOf(" ");
  return `${(atSpace > MAX * 0.6 ? cut.slice(0, atSpace) : cut).trimEnd()}…`;
}

export async function up(db: Kysely<any>): Promise<void> {
  // ATX headings (# …) and setext underlines (=== or --- under a line).
  const heading = String.raw`(^|\n) {0,3}(#{1,6}([ \t]|$)|(=+|-+)[ \t]*(\n|$))`;
  let after = 0;
  for (;;) {
    const rows = (
      await sql<{ id: number; body: string }>`SELECT id, body FROM ideas WHERE id > ${after} AND body ~ ${heading} ORDER BY id LIMIT 500`.execute(db)
    ).rows;
    if (rows.length === 0) break;
    for (const row of rows) await sql`UPDATE ideas SET excerpt = ${excerptOf(row.body)} WHERE id = ${row.id}`.execute(db);
    after = Number(rows[rows.length - 1].id);
  }
}

// The old excerpts are not kept; the new ones are as good for any older code.
export async function down(): Promise<void> {}
