// The HTML of static islands, kept between server renders (decision 075; the islands themselves:
// app/ui/static-island.tsx). An island of a group named with `keep` renders its components once
// per group name, data, language and island; the pages after it that show the same data write
// the kept HTML. What an island shows is a function of its group's data (that is what makes it
// static), but a card also says how many days an idea has left, so nothing is kept longer than
// KEEP_MS.
//
// On a miss, the island renders as always, with a marker attribute on its element; once the
// page is a string, `finish` cuts each marked element's inner HTML out of it, keeps it with the
// messages the island asked for, and removes the marker. The page the browser gets is the same
// either way, byte for byte.
//
// An island is kept from its second render within KEEP_MS, not its first (decision 096): most
// searches are run once, and keeping each one's cards cost the page a copy of its HTML and filled
// the store, whose emptying then dropped the islands that are shown again (posts, the lists).
import { createHash } from "node:crypto";
import type { IslandKeeper } from "~/ui/static-island";
import { askedAgain, islandKeys, startIslandKeys } from "./i18n";

/** How long an island's HTML is kept (a card's "days left" may change at midnight). */
const KEEP_MS = 60_000;
/**
 * Kept islands at most: the map is emptied when it reaches this (as the page catalogs are). A
 * thread's page keeps fifty posts (decision 082), a few KB each.
 */
const MAX_KEPT = 3000;

interface KeptIsland {
  html: string;
  keys: string[];
  at: number;
}

/**
 * Kept by a digest of the key: a key holds the island's data as JSON (tens of KB for a list of
 * cards), which would otherwise be kept as well. A short key (a post's facts) is kept as it is,
 * after a character no digest starts with: a thread's page would otherwise digest fifty.
 */
const store = new Map<string, KeptIsland>();
/** When an island not kept was last rendered, by the same key as the store's (at most MAX_KEPT). */
const seen = new Map<string, number>();
const digest = (key: string) => createHash("sha256").update(key).digest("base64");
const SHORT_KEY = 512;
const storeKey = (key: string) => (key.length <= SHORT_KEY ? `=${key}` : digest(key));

interface Pending {
  key: string;
  marker: string;
  tag: string;
  keys: string[] | null;
}

/** The keeper for one render of a page; `finish` takes the page's HTML and returns it to send. */
export function islandKeeper(now = Date.now()): IslandKeeper & { finish(html: string): string } {
  const pending: Pending[] = [];
  return {
    // Digested once per group, not once per island: the statistics' data is tens of KB of JSON.
    group: digest,
    kept(key) {
      const island = store.get(storeKey(key));
      if (!island || now - island.at >= KEEP_MS) return undefined;
      askedAgain(island.keys);
      return island.html;
    },
    begin(key, tag) {
      const stored = storeKey(key);
      const before = seen.get(stored);
      if (before === undefined || now - before >= KEEP_MS) {
        if (seen.size >= MAX_KEPT) seen.clear();
        seen.set(stored, now);
        return null;
      }
      seen.delete(stored);
      startIslandKeys();
      const marker = String(pending.length);
      pending.push({ key: stored, marker, tag, keys: null });
      return marker;
    },
    end(marker) {
      const island = pending[Number(marker)];
      if (island) island.keys = islandKeys();
    },
    finish(html) {
      islandKeys();
      let page = html;
      for (const island of pending) {
        const attribute = ` data-keep-island="${island.marker}"`;
        const at = page.indexOf(attribute);
        if (at < 0) continue;
        const inner = island.keys ? innerHtml(page, at + attribute.length, island.tag) : null;
        if (inner !== null) {
          if (store.size >= MAX_KEPT) store.clear();
          // A copy of its own: a slice of the page would keep the whole page's text alive.
          store.set(island.key, { html: Buffer.from(inner, "utf8").toString("utf8"), keys: island.keys!, at: now });
        }
        page = page.slice(0, at) + page.slice(at + attribute.length);
      }
      return page;
    },
  };
}

/**
 * The inner HTML of the element whose start tag goes on at `from` (inside the tag): up to its
 * matching end tag, counting elements of the same name inside it. React escapes `<` and `>` in
 * text and attribute values, so every `<tag` and `</tag>` in the string is markup.
 */
export function innerHtml(html: string, from: number, tag: string): string | null {
  const start = html.indexOf(">", from);
  if (start < 0) return null;
  const tags = new RegExp(`<(/?)${tag}[\\s>/]`, "g");
  tags.lastIndex = start + 1;
  let depth = 1;
  for (let m = tags.exec(html); m; m = tags.exec(html)) {
    depth += m[1] ? -1 : 1;
    if (depth === 0) return html.slice(start + 1, m.index);
  }
  return null;
}

/** Forgets every kept island (for tests). */
export function forgetKeptIslands(): void {
  store.clear();
  seen.clear();
}
