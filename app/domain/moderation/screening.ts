// Screening of a new idea before it is published, as a pure function: any hit holds the idea as
// `pending` for a moderator, and the author is told which (tests/unit/personal-data.test.ts).
import type { ScreeningHitRow } from "../../../db/schema";
import { matchBlockedTerms } from "./blocklist";
import { findPersonalData, maskMatch } from "./personal-data";

export type ScreeningHit = ScreeningHitRow;

export interface ScreeningRules {
  blockedTerms: readonly string[];
  /** More links than this hold the idea. */
  maxLinks: number;
  /** An account younger than this holds its ideas. */
  minAccountMinutes: number;
  accountCreatedAt: Date | string;
  now: Date;
}

const LINK = /\b(?:https?:\/\/|www\.)[^\s<>()[\]]+/gi;

/** Web addresses in the text (a Markdown link counts once: its target). */
export function countLinks(text: string): number {
  return text.match(LINK)?.length ?? 0;
}

export function screenIdea(input: { title: string; body: string }, rules: ScreeningRules): ScreeningHit[] {
  const text = `${input.title}\n${input.body}`;
  const hits: ScreeningHit[] = [];
  for (const match of findPersonalData(text)) {
    hits.push({ kind: "personal_data", what: match.kind, match: maskMatch(match) });
  }
  const links = countLinks(text);
  if (links > rules.maxLinks) hits.push({ kind: "links", count: links, max: rules.maxLinks });
  for (const term of matchBlockedTerms(text, rules.blockedTerms)) hits.push({ kind: "blocked_term", match: term });
  // Age is measured at the submission's own time; an account "created after" it (demo data
  // and tests that submit at past dates) is not young.
  const age = rules.now.getTime() - new Date(rules.accountCreatedAt).getTime();
  if (age >= 0 && age < rules.minAccountMinutes * 60_000) hits.push({ kind: "new_account", count: rules.minAccountMinutes });
  return hits;
}
