// The committee's deliberation digest as plain text, for the notification that tells an agency's
// officers about a forwarded idea (decision 054): the arguments for and against with the posts
// each draws on, the open questions and the evidence asked, under headings in the reader's
// language. Pure: the e-mail (digest.server.ts) and the notification centre use it.
import type { DigestArgument } from "../../../db/schema";

export interface DigestPayload {
  for: DigestArgument[];
  against: DigestArgument[];
  questions: string[];
  evidence: string;
}

type T = (key: string, values?: Record<string, unknown>) => string;

function isArgument(value: unknown): value is DigestArgument {
  const a = value as DigestArgument;
  return typeof a === "object" && a !== null && typeof a.text === "string" && Array.isArray(a.posts);
}

/** The digest a notification's payload carries, or null (older notifications, other kinds). */
export function digestOf(payload: Record<string, unknown>): DigestPayload | null {
  const d = payload.digest as Partial<DigestPayload> | undefined;
  if (!d || typeof d !== "object") return null;
  return {
    for: Array.isArray(d.for) ? d.for.filter(isArgument) : [],
    against: Array.isArray(d.against) ? d.against.filter(isArgument) : [],
    questions: Array.isArray(d.questions) ? d.questions.filter((q): q is string => typeof q === "string") : [],
    evidence: typeof d.evidence === "string" ? d.evidence : "",
  };
}

/** The digest's sections: a heading and its lines (an argument with the posts it draws on). */
export function digestSections(d: DigestPayload, t: T): { heading: string; lines: string[] }[] {
  const argument = (a: DigestArgument) => (a.posts.length ? `${a.text} (${t("digest.drawsOn")} ${a.posts.map((p) => `#${p}`).join(", ")})` : a.text);
  const none = [t("digest.noArgument")];
  return [
    { heading: t("digest.for"), lines: d.for.length ? d.for.map(argument) : none },
    { heading: t("digest.against"), lines: d.against.length ? d.against.map(argument) : none },
    ...(d.questions.length ? [{ heading: t("digest.questions"), lines: d.questions }] : []),
    ...(d.evidence.trim() ? [{ heading: t("digest.evidence"), lines: [d.evidence.trim()] }] : []),
  ];
}

/** The same as e-mail paragraphs: the digest's title, then one paragraph per section. */
export function digestParagraphs(d: DigestPayload, t: T): string[] {
  return [t("digest.title"), ...digestSections(d, t).map((s) => [`${s.heading}:`, ...s.lines.map((l) => `- ${l}`)].join("\n"))];
}
