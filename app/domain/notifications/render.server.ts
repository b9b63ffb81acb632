// Plain, accessible e-mails: a text part and an HTML part built from the same paragraphs.
import type { Email } from "./outbox.server";

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

export interface EmailParts {
  to: string;
  kind: string;
  subject: string;
  lang: string;
  /** Paragraphs of text; a paragraph that is a URL becomes a link in the HTML part. */
  paragraphs: string[];
}

export function composeEmail(parts: EmailParts): Email {
  const text = parts.paragraphs.join("\n\n");
  const body = parts.paragraphs
    .map((p) =>
      /^https?:\/\/\S+$/.test(p)
        ? `<p><a href="${escapeHtml(p)}">${escapeHtml(p)}</a></p>`
        : `<p>${escapeHtml(p).replace(/\n/g, "<br>\n")}</p>`,
    )
    .join("\n");
  const html = `<!doctype html><html lang="${escapeHtml(parts.lang)}"><head><meta charset="utf-8"><title>${escapeHtml(
    parts.subject,
  )}</title></head><body>${body}</body></html>`;
  return { to: parts.to, kind: parts.kind, subject: parts.subject, text, html };
}
