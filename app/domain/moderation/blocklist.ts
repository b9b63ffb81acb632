// The admins' block list as a pure matcher: which listed terms a text contains. Tested in
// tests/unit/personal-data.test.ts.
//
// Text and terms are compared after NFKC normalisation and lower-casing, so full-width letters
// and capitals do not slip past. A term of Latin letters and digits matches whole words only
// ("ass" does not hold "class"); any other term (Korean, phrases with punctuation) matches
// anywhere, because Korean attaches particles to words ("도박" must catch "도박을").

export function normalizeTerm(term: string): string {
  return term.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim();
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The listed terms found in the text, each once, in the list's order. */
export function matchBlockedTerms(text: string, terms: readonly string[]): string[] {
  const haystack = normalizeTerm(text);
  const found: string[] = [];
  for (const raw of terms) {
    const term = normalizeTerm(raw);
    if (!term || found.includes(term)) continue;
    const hit = /^[a-z0-9 ]+$/.test(term)
      ? new RegExp(`(?<![a-z0-9])${escape(term)}(?![a-z0-9])`).test(haystack)
      : haystack.includes(term);
    if (hit) found.push(term);
  }
  return found;
}
