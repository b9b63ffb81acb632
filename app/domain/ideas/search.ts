// Full-text search that works for Korean as well as English (docs/decisions/008-search.md).
// PostgreSQL has no Korean parser, and Korean words are compounds that take particles
// ("대중교통을", "탄소중립"), so runs of Hangul (and other CJK scripts) are indexed as overlapping
// two-character pieces — the bigram method of search engines' CJK analysers — while other words
// are indexed whole. A query is cut the same way: its pieces must appear next to each other.
// Tokens hold only letters and digits, so they are safe inside tsquery syntax.

const CJK = /[\p{Script=Hangul}\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
const RUNS = /[\p{Script=Hangul}\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]+|[\p{L}\p{N}]+/gu;
const MAX_WORD = 40;

function runsOf(text: string): string[] {
  return text.normalize("NFKC").toLowerCase().match(RUNS) ?? [];
}

function bigrams(run: string): string[] {
  const chars = Array.from(run);
  if (chars.length < 2) return chars;
  return chars.slice(0, -1).map((c, i) => c + chars[i + 1]);
}

/** The words to index for a text, in order (positions matter for phrase matching). */
export function indexTokens(text: string): string {
  return runsOf(text)
    .flatMap((run) => (CJK.test(run) ? bigrams(run) : [run.slice(0, MAX_WORD)]))
    .join(" ");
}

/**
 * A tsquery for what someone typed: every term must match (or, with `any`, at least one; with
 * `first-pieces`, a Korean word is only its first piece, and with `all-pieces` every piece of it
 * without their order, each piece asked once: looser queries, for the index).
 * A Korean term matches as a phrase of its bigrams; a one-character Korean term and a Latin
 * word match as prefixes ("transit" finds "transits"). A two-character Korean term is one piece,
 * asked as itself: every indexed word that starts with a Korean character is a piece of one or
 * two characters, so "탄소:*" finds exactly what "탄소" finds, and an exact piece is a plain
 * lookup in the index where a prefix scans its entries (decision 070).
 * Null when nothing searchable was typed.
 */
export function searchQuery(input: string, mode: "all" | "any" | "first-pieces" | "all-pieces" = "all"): string | null {
  const terms = runsOf(input.slice(0, 200))
    .slice(0, 12)
    .flatMap((run) => {
      if (!CJK.test(run)) return `${run.slice(0, MAX_WORD)}:*`;
      const pieces = bigrams(run);
      if (pieces.length === 1) return Array.from(pieces[0]).length === 1 ? `${pieces[0]}:*` : pieces[0];
      if (mode === "first-pieces") return pieces[0];
      if (mode === "all-pieces") return pieces;
      return mode !== "any" ? `(${pieces.join(" <-> ")})` : pieces.join(" | ");
    });
  if (terms.length === 0) return null;
  // The index's query asks each piece once: PostgreSQL multiplies the frequencies of the terms
  // ANDed, so "요금 요금" (요금 & 요금) looked a hundred times rarer than 요금 and was read through
  // the index in full instead of newest first (decision 077). The same rows match either way.
  const asked = mode === "first-pieces" || mode === "all-pieces" ? [...new Set(terms)] : terms;
  return asked.join(mode === "any" ? " | " : " & ");
}
