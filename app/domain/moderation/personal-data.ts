// Finds personal data in text before it is published: Korean resident registration numbers,
// Korean phone numbers, e-mail addresses and payment-card numbers. Pure and browser-safe;
// tested with true and false positives in tests/unit/personal-data.test.ts.
//
// Each pattern is anchored on digit boundaries so that a longer number is not cut into a match,
// and card numbers must pass the Luhn check: a random run of 16 digits (an order number, a
// statute number) passes it only one time in ten, a real card always.

export type PersonalDataKind = "rrn" | "phone" | "email" | "card";

export interface PersonalDataMatch {
  kind: PersonalDataKind;
  /** The text as written. */
  text: string;
  /** Where it starts in the text, and its line (1-based), to point the writer at it. */
  index: number;
  line: number;
}

// 주민등록번호: YYMMDD (a real month and day), an optional hyphen, then 7 digits whose first
// (century and sex; 5–8 for foreign residents) is 1–8. Not the digits of a decimal fraction.
const RRN = /(?<![0-9.])\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])[ \t]?[-–][ \t]?[1-8]\d{6}(?![0-9])|(?<![0-9.])\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])[1-8]\d{6}(?![0-9])/g;

// Area codes: Seoul 02; 031–033, 041–044, 051–055, 061–064; internet phones 070.
const AREA = "(?:2|3[1-3]|4[1-4]|5[1-5]|6[1-4]|70)";
// Mobile numbers 010, 011, 016–019, with or without separators.
const MOBILE = "1[016789]";
const SEP = "[-.\\s]";
const PHONE = new RegExp(
  [
    // +82 10 1234 5678, +82-2-123-4567, +82 (0)10 …
    `\\+\\s?82${SEP}?(?:\\(0\\))?\\s?0?(?:${MOBILE}|${AREA})${SEP}?\\d{3,4}${SEP}?\\d{4}(?![0-9])`,
    // 010-1234-5678, 010 1234 5678, 010.1234.5678, 01012345678
    `(?<![0-9+.])0${MOBILE}${SEP}?\\d{3,4}${SEP}?\\d{4}(?![0-9])`,
    // 02-123-4567, (02) 1234-5678, 031 123 4567: a landline needs its separators, so that a
    // bare run of digits (an amount, a code) is not taken for one.
    `(?<![0-9+])(?:0${AREA}|\\(0${AREA}\\))${SEP}?\\s?\\d{3,4}${SEP}\\d{4}(?![0-9])`,
  ].join("|"),
  "g",
);

const EMAIL = /(?<![A-Za-z0-9._%+-])[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}(?![A-Za-z0-9-])/g;

// 13 to 19 digits, possibly grouped by single spaces or hyphens (4-4-4-4, 4-6-5, …).
// A group that goes on past 19 digits ("4111 1111 1111 1111 1111") is some other number, and
// so are the digits of a decimal fraction ("0.8394857234985723").
const CARD = /(?<![0-9.,])(?<![0-9][ -])\d(?:[ -]?\d){12,18}(?![ -]?[0-9])(?![.,][0-9])/g;

/** The Luhn checksum that every payment-card number satisfies. */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

function looksLikeCard(text: string): boolean {
  const digits = text.replace(/[ -]/g, "");
  if (digits.length < 13 || digits.length > 19) return false;
  // Separators, when used, are used the same way throughout (not "1 2-34 5…").
  const separators = new Set(text.match(/[ -]/g) ?? []);
  if (separators.size > 1) return false;
  // 0000 0000 0000 0000 passes Luhn but is no card.
  if (/^(\d)\1+$/.test(digits)) return false;
  return luhnValid(digits);
}

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** Every piece of personal data in the text, in order; overlapping candidates count once. */
export function findPersonalData(text: string): PersonalDataMatch[] {
  const found: PersonalDataMatch[] = [];
  const taken: [number, number][] = [];
  const overlaps = (start: number, end: number) => taken.some(([s, e]) => start < e && s < end);
  const scan = (kind: PersonalDataKind, pattern: RegExp, accept: (s: string) => boolean = () => true) => {
    for (const m of text.matchAll(pattern)) {
      const start = m.index ?? 0;
      const end = start + m[0].length;
      if (overlaps(start, end) || !accept(m[0])) continue;
      taken.push([start, end]);
      found.push({ kind, text: m[0], index: start, line: lineAt(text, start) });
    }
  };
  // Most specific first: a resident number is also 13 digits that a card pattern would see.
  scan("rrn", RRN);
  scan("email", EMAIL);
  scan("phone", PHONE);
  scan("card", CARD, looksLikeCard);
  return found.sort((a, b) => a.index - b.index);
}

/**
 * The match with most of its digits and letters hidden, to point at it without repeating it:
 * "010-1234-5678" → "010-••••-••78", "minji@example.org" → "mi•••@example.org".
 */
export function maskMatch(match: Pick<PersonalDataMatch, "kind" | "text">): string {
  if (match.kind === "email") {
    const [local, domain] = match.text.split("@");
    return `${local.slice(0, 2)}•••@${domain}`;
  }
  const total = match.text.replace(/\D/g, "").length;
  let seen = 0;
  return match.text.replace(/\d/g, (d) => {
    seen++;
    return seen <= 3 || seen > total - 2 ? d : "•";
  });
}
