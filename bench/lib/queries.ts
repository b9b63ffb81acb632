// Search queries drawn from the data set's own words, so that a search scenario asks many
// different things (the page cache then serves almost none of them): Korean words as people
// type them (with their particles), fragments of Korean words (two or three syllables, as
// people type the start or the middle of a compound), English words, and two words that
// appear side by side in a title. Deterministic: the same data set gives the same queries.
import type pg from "pg";
import { rng } from "./common";

const HANGUL_WORD = /^[\p{Script=Hangul}]{2,}$/u;
const LATIN_WORD = /^[a-z]{3,}$/;

function shuffled<T>(items: T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** At least `count` different queries (fewer only if the data set has fewer words). */
export async function searchVocabulary(client: pg.ClientBase, count: number): Promise<string[]> {
  const { rows } = await client.query<{ title: string; body: string }>(
    `SELECT title, left(body, 600) AS body FROM ideas WHERE hidden_at IS NULL ORDER BY id LIMIT 5000`,
  );
  const korean = new Set<string>();
  const fragments = new Set<string>();
  const english = new Set<string>();
  const pairs = new Set<string>();
  for (const row of rows) {
    for (const text of [row.title, row.body]) {
      const words = text
        .normalize("NFKC")
        .split(/[\s.,!?*:;()\-[\]"'“”‘’]+/u)
        .filter(Boolean);
      for (const word of words) {
        const lower = word.toLowerCase();
        if (HANGUL_WORD.test(word)) {
          korean.add(word);
          const chars = Array.from(word);
          for (const size of [2, 3]) {
            for (let i = 0; i + size <= chars.length; i++) {
              const piece = chars.slice(i, i + size).join("");
              if (piece !== word) fragments.add(piece);
            }
          }
        } else if (LATIN_WORD.test(lower)) {
          english.add(lower);
        }
      }
      if (text === row.title) {
        for (let i = 0; i + 1 < words.length; i++) {
          const a = words[i];
          const b = words[i + 1];
          if ((HANGUL_WORD.test(a) && HANGUL_WORD.test(b)) || (LATIN_WORD.test(a.toLowerCase()) && LATIN_WORD.test(b.toLowerCase()))) {
            pairs.add(`${a} ${b}`.toLowerCase());
          }
        }
      }
    }
  }
  const random = rng(20261202);
  // Shares of each kind; a kind with too few words leaves its place to the others.
  const kinds: [Set<string>, number][] = [
    [korean, 0.35],
    [fragments, 0.25],
    [english, 0.2],
    [pairs, 0.2],
  ];
  const chosen = new Set<string>();
  const pools = kinds.map(([set, share]) => ({ list: shuffled([...set].sort(), random), want: Math.ceil(count * share) }));
  for (const pool of pools) for (const q of pool.list.slice(0, pool.want)) chosen.add(q);
  for (const pool of pools) {
    for (const q of pool.list) {
      if (chosen.size >= count) break;
      chosen.add(q);
    }
  }
  return shuffled([...chosen].sort(), random);
}
