// One i18next instance per locale, built synchronously from the catalogs so that the server and
// the browser render the same text (no hydration mismatch, no loading flash). The server holds
// both catalogs whole. The browser loads only the parts of its page's language that the page
// used (the server lists them in the page, app/entry.client.tsx loads them before hydrating),
// and the part a later page needs when that page renders (docs/decisions/052-catalog-parts.md).
import i18next, { type i18n, type TFunction } from "i18next";
import * as React from "react";
import { useEffect, useState } from "react";
import type { Messages } from "~/locales/en";
import { catalogParts, CORE_PART, type PartName } from "~/locales/parts";
import { serverCatalogs } from "./catalogs.server";
import { KOREA_ZONE } from "./korea-time";

export const locales = ["ko", "en"] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = "ko";

export function isLocale(value: unknown): value is Locale {
  return value === "ko" || value === "en";
}

const instances = new Map<Locale, i18n>();

// On the server, both whole; in the browser (where a .server module is empty), the parts loaded
// so far.
const complete = serverCatalogs !== undefined;
const catalogs: Partial<Record<Locale, Partial<Messages>>> = { ...(serverCatalogs as Partial<Record<Locale, Messages>> | undefined) };

/** Each top-level key's part ("site" → "common"): the server's from the catalog, the browser's from the page. */
const partOfKey = new Map<string, PartName>();
/** The same, as JSON (written into every page). */
let keysOfParts = "{}";

/** Which top-level keys each part holds (the server reads it from the parts once, at start). */
export function setPartKeys(keys: Partial<Record<PartName, string[]>>): void {
  keysOfParts = JSON.stringify(keys);
  pageCatalogs.clear();
  partOfKey.clear();
  for (const [part, topKeys] of Object.entries(keys) as [PartName, string[]][]) for (const key of topKeys) partOfKey.set(key, part);
}

const loadedParts: Record<Locale, Set<PartName>> = { ko: new Set(), en: new Set() };
const failedParts = new Set<string>();
const loading = new Map<string, Promise<void>>();

function partLoaded(locale: Locale, part: PartName): boolean {
  return complete || loadedParts[locale].has(part);
}

/** Loads one part of a language's catalog into the browser (on the server every part is there). */
function loadPart(locale: Locale, part: PartName): Promise<void> {
  if (partLoaded(locale, part)) return Promise.resolve();
  const id = `${locale}:${part}`;
  let promise = loading.get(id);
  if (!promise) {
    promise = catalogParts[locale][part]().then(
      ({ default: messages }) => {
        catalogs[locale] = { ...catalogs[locale], ...messages };
        instances.get(locale)?.addResourceBundle(locale, "translation", messages, true, true);
        loadedParts[locale].add(part);
      },
      (error: unknown) => {
        // Offline, or a new release removed the chunk: the text falls back (see `missing`)
        // instead of suspending the page again and again.
        failedParts.add(id);
        loading.delete(id);
        throw error;
      },
    );
    loading.set(id, promise);
  }
  return promise;
}

/** Loads these parts of a language's catalog (names the browser does not know are skipped). */
function loadParts(locale: Locale, parts: Iterable<string>): Promise<void> {
  const known = [...parts].filter((part): part is PartName => Object.hasOwn(catalogParts[locale], part));
  return Promise.all(known.map((part) => loadPart(locale, part))).then(() => undefined);
}

/** The language whose messages the page came with (see readPageCatalog). */
let pageLocale: Locale | null = null;

/** The parts the browser uses: a language switch loads the same ones. */
function partsInUse(): Set<PartName> {
  const parts = new Set<PartName>([CORE_PART, ...loadedParts.ko, ...loadedParts.en]);
  for (const key of Object.keys((pageLocale && catalogs[pageLocale]) ?? {})) {
    const part = partOfKey.get(key);
    if (part) parts.add(part);
  }
  return parts;
}

/** Whether the browser can show the messages in use in this language. */
function covered(locale: Locale): boolean {
  return complete || locale === pageLocale || [...partsInUse()].every((part) => loadedParts[locale].has(part));
}

/**
 * The language to render with: `locale` once the messages in use are there in it; until then (in
 * the browser, right after the language changed without a page load) a language that has them,
 * and the component renders again when they arrive.
 */
export function useCatalog(locale: Locale): Locale {
  const [, setLoaded] = useState(0);
  const ready = covered(locale);
  useEffect(() => {
    if (!ready) void loadParts(locale, partsInUse()).then(() => setLoaded((n) => n + 1));
  }, [locale, ready]);
  if (ready) return locale;
  return locales.find(covered) ?? locale;
}

// --- Which parts a page used --------------------------------------------------------------

/** The keys asked for during the current server render (renderToString is synchronous). */
let asked: Set<string> | null = null;

/** The keys asked for while a kept island renders (app/ui/static-island.tsx), beside the page's. */
let islandAsked: Set<string> | null = null;

/** From now on, notes the keys asked for apart too, until `islandKeys` returns them. */
export function startIslandKeys(): void {
  islandAsked = new Set();
}

/** The keys asked for since `startIslandKeys`. */
export function islandKeys(): string[] {
  const keys = [...(islandAsked ?? [])];
  islandAsked = null;
  return keys;
}

/** Notes keys as asked by this page: those an island kept from an earlier page asked for. */
export function askedAgain(keys: readonly string[]): void {
  if (asked) for (const k of keys) asked.add(k);
}

/** Renders a page, noting the top-level key of every message asked for (app/entry.server.tsx). */
export function recordingMessages<T>(render: () => T): T {
  asked = new Set();
  try {
    return render();
  } finally {
    asked = null;
  }
}

function topKey(key: string): string {
  const dot = key.indexOf(".");
  return dot < 0 ? key : key.slice(0, dot);
}

function keysOf(key: unknown): string[] {
  return typeof key === "string" ? [key] : Array.isArray(key) ? key.filter((k): k is string => typeof k === "string") : [];
}

/** The script element (type application/json) that holds the page's messages. */
export const CATALOG_ELEMENT_ID = "page-messages";

type Tree = { [key: string]: string | Tree };

/** The forms i18next looks for beside a key asked for with a count (Intl.PluralRules' categories). */
const PLURAL_FORMS = ["", "_zero", "_one", "_two", "_few", "_many", "_other"];

/** Every text under a subtree, by its full key. */
function flatten(tree: Tree, prefix: string, into: [string, string][]): void {
  for (const [name, value] of Object.entries(tree)) {
    if (typeof value === "string") into.push([prefix + name, value]);
    else flatten(value, `${prefix}${name}.`, into);
  }
}

/** A key's texts as the page must carry them, by full key: itself (or its subtree) and its plural forms; kept per language and key. */
const carriedForms = new Map<string, [string, string][]>();
function formsOf(locale: Locale, key: string): [string, string][] {
  const id = `${locale}:${key}`;
  let forms = carriedForms.get(id);
  if (forms) return forms;
  forms = [];
  carry(catalogs[locale] as unknown as Tree, "", key, forms);
  if (carriedForms.size < 20_000) carriedForms.set(id, forms);
  return forms;
}

/**
 * Adds the texts of `rest` (a key below `tree`, whose own keys are under `prefix`) and its plural
 * forms. A name may hold dots itself ("login.failed", a security log's kind), as i18next finds
 * it: each split of the key is tried, as the catalog's names allow.
 */
function carry(tree: Tree, prefix: string, rest: string, into: [string, string][]): void {
  for (const form of PLURAL_FORMS) {
    const value = tree[rest + form];
    if (typeof value === "string") into.push([prefix + rest + form, value]);
    else if (value !== undefined) flatten(value, `${prefix}${rest}${form}.`, into);
  }
  for (let dot = rest.indexOf("."); dot >= 0; dot = rest.indexOf(".", dot + 1)) {
    const next = tree[rest.slice(0, dot)];
    if (typeof next === "object") carry(next, `${prefix}${rest.slice(0, dot + 1)}`, rest.slice(dot + 1), into);
  }
}

/** What the page writes for the browser (root.tsx, after the page): set once in the browser. */
let pageCatalog = "";

/**
 * The messages this page used so far, in its language, by full key, and which top-level keys each
 * part of the catalog holds, as JSON for a script element. On the server it is read at the end of
 * the page, after every component has asked for its messages; in the browser it is what the page
 * said.
 */
export function pageCatalogJson(locale: Locale): string {
  if (!complete) return pageCatalog;
  // A page asks for the same messages in the same order each time it renders: the JSON is kept
  // per language and list of keys asked (the catalogs and the parts' keys never change on the server).
  const id = `${locale}\n${[...(asked ?? [])].join("\n")}`;
  const kept = pageCatalogs.get(id);
  if (kept !== undefined) return kept;
  const messages: Record<string, string> = {};
  for (const key of asked ?? []) for (const [full, text] of formsOf(locale, key)) messages[full] = text;
  const json = `{"messages":${JSON.stringify(messages).replace(/</g, "\\u003c")},"keys":${keysOfParts}}`;
  remember(pageCatalogs, id, json, 2000);
  return json;
}

const pageCatalogs = new Map<string, string>();

/** Keeps a computed value in a map that is emptied when it reaches `max` entries (a bound, not an LRU). */
function remember<K, V>(map: Map<K, V>, key: K, value: V, max: number): void {
  if (map.size >= max) map.clear();
  map.set(key, value);
}

/** Reads what the server wrote (pageCatalogJson): the messages the page needs to hydrate. */
export function readPageCatalog(locale: Locale, json: string): void {
  pageCatalog = json;
  try {
    const { messages, keys } = JSON.parse(json) as { messages: Record<string, string>; keys: Partial<Record<PartName, string[]>> };
    setPartKeys(keys);
    const tree: Tree = {};
    for (const [full, text] of Object.entries(messages)) {
      const path = full.split(".");
      const last = path.pop()!;
      let node = tree;
      for (const step of path) node = (node[step] ??= {}) as Tree;
      node[last] = text;
    }
    catalogs[locale] = tree as Partial<Messages>;
    pageLocale = locale;
  } catch {
    // No list (an old cached page): every message is missing, and its part loads as it is asked for.
  }
}

// React 18 keeps the hooks of the component being rendered here; outside a render (an event
// handler, an effect) it holds null or the dispatcher whose every hook throws.
const reactInternals = (React as unknown as { __SECRET_INTERNALS_DO_NOT_USE_OR_YOU_WILL_BE_FIRED?: { ReactCurrentDispatcher?: { current: { useState: unknown; useContext: unknown } | null } } })
  .__SECRET_INTERNALS_DO_NOT_USE_OR_YOU_WILL_BE_FIRED;

/** Whether a function component is rendering right now (and so may suspend). */
export function rendering(): boolean {
  const dispatcher = reactInternals?.ReactCurrentDispatcher?.current;
  return dispatcher != null && dispatcher.useState !== dispatcher.useContext;
}

/**
 * The part holding this message when the browser lacks it: neither the part is loaded nor the
 * page came with the message (null when it has it, or it is no part's).
 */
function missingPart(locale: Locale, key: unknown, options: unknown): PartName | null {
  if (complete) return null;
  for (const k of keysOf(key)) {
    const part = partOfKey.get(topKey(k));
    if (part && !loadedParts[locale].has(part) && !(locale === pageLocale && i18nFor(locale).exists(k, options as Record<string, unknown> | undefined))) return part;
  }
  return null;
}

/**
 * A message whose part the browser has not loaded. While rendering, the part's loading promise
 * is thrown: the page suspends (a navigation keeps the old page on screen) and renders when it
 * arrives. Elsewhere (an event handler) it loads the part for next time and answers with the
 * other language's text if that is loaded, or the key.
 */
function missing(locale: Locale, part: PartName, key: unknown, options: unknown): string {
  const promise = loadPart(locale, part);
  if (rendering() && !failedParts.has(`${locale}:${part}`)) throw promise;
  promise.catch(() => undefined);
  const other = locales.find((lng) => lng !== locale && partLoaded(lng, part));
  return other ? (i18nFor(other).t as unknown as (...args: unknown[]) => string)(key, options) : keysOf(key)[0] ?? "";
}

export function i18nFor(locale: Locale): i18n {
  let instance = instances.get(locale);
  if (!instance) {
    instance = i18next.createInstance();
    void instance.init({
      lng: locale,
      fallbackLng: complete ? "ko" : locale,
      resources: Object.fromEntries(Object.entries(catalogs).map(([lng, messages]) => [lng, { translation: { ...messages } }])),
      initAsync: false,
      interpolation: { escapeValue: false }, // React escapes; e-mail HTML escapes itself.
      returnNull: false,
      showSupportNotice: false,
    });
    wrapT(instance, locale);
    instances.set(locale, instance);
  }
  return instance;
}

/**
 * The instance's `t` (and the `t` that `useTranslation` gets: getFixedT with no language,
 * namespace or prefix) notes which parts a server render used and, in the browser, loads a
 * missing part (see `missing`). It also remembers plain messages: a page asks for a few hundred,
 * most without options, and i18next resolves each one afresh (key parsing, fallbacks, options
 * objects): about a tenth of a page's render time (docs/scaling.md). A message with options
 * still goes through i18next.
 */
function wrapT(instance: i18n, locale: Locale): void {
  const interpolated = new Map<string, string>();
  const translate = instance.t.bind(instance) as unknown as (...args: unknown[]) => string;
  const getFixedT = instance.getFixedT.bind(instance);
  const plain = new Map<string, string>();
  const t = ((key: unknown, options?: unknown, ...rest: unknown[]) => {
    if (asked) {
      for (const k of keysOf(key)) {
        asked.add(k);
        islandAsked?.add(k);
      }
    }
    const remembered = options === undefined && typeof key === "string" ? plain.get(key) : undefined;
    if (remembered !== undefined) return remembered;
    const part = missingPart(locale, key, options);
    if (part) return missing(locale, part, key, options);
    if (options === undefined && typeof key === "string") {
      const text = String(translate(key));
      if (plain.size < 5000) plain.set(key, text);
      return text;
    }
    // On the server (whole catalogs that never change) a message with simple options (counts,
    // names, dates already formatted) is the same text every time: kept per key and options.
    const id = complete && rest.length === 0 && typeof key === "string" ? simpleOptionsId(key, options) : null;
    if (id === null) return translate(key, options, ...rest);
    const kept = interpolated.get(id);
    if (kept !== undefined) return kept;
    const text = translate(key, options);
    if (typeof text === "string") remember(interpolated, id, text, 20_000);
    return text;
  }) as unknown as TFunction;
  instance.t = t;
  instance.getFixedT = ((lng?: unknown, ns?: unknown, keyPrefix?: unknown) =>
    lng == null && keyPrefix == null && (ns == null || ns === "translation")
      ? t
      : getFixedT(lng as string, ns as string, keyPrefix as string)) as i18n["getFixedT"];
}

/** An id for a key with options whose values are all strings, numbers or booleans (else null: not kept). */
function simpleOptionsId(key: string, options: unknown): string | null {
  if (typeof options !== "object" || options === null || Array.isArray(options)) return null;
  let id = key;
  for (const [name, value] of Object.entries(options)) {
    const type = typeof value;
    if (type !== "string" && type !== "number" && type !== "boolean") return null;
    id += `\u0000${name}\u0001${type[0]}${String(value)}`;
  }
  return id;
}

export function translator(locale: Locale): TFunction {
  return i18nFor(locale).t;
}

/** Picks the best supported language from an Accept-Language header. */
export function localeFromAcceptLanguage(header: string | null): Locale | null {
  if (!header) return null;
  const ranked = header
    .split(",")
    .map((part) => {
      const [tag, ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      return { tag: tag.toLowerCase(), q: q ? Number.parseFloat(q.slice(2)) || 0 : 1 };
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    const base = tag.split("-")[0];
    if (isLocale(base)) return base;
  }
  return null;
}

// Building an Intl formatter costs tens of microseconds — a fifth of a list page's render when
// done per call (measured by the benchmark) — so each one is built once and kept.
const dateFormats = new Map<string, Intl.DateTimeFormat>();
const numberFormats = new Map<Locale, Intl.NumberFormat>();

const DATE_ONLY: Intl.DateTimeFormatOptions = { dateStyle: "medium", timeZone: KOREA_ZONE };
const DATE_AND_TIME: Intl.DateTimeFormatOptions = { dateStyle: "medium", timeStyle: "short", hourCycle: "h23", timeZone: KOREA_ZONE };

export function formatDate(date: Date | string, locale: Locale, withTime = false): string {
  return formatDateWith(locale, withTime ? DATE_AND_TIME : DATE_ONLY, date);
}

/**
 * A date written with these options in this language. Pages show the same dates again and again
 * (a thread's posts, an idea's timeline, the statistics' weeks): the text is kept per formatter
 * and instant. Pass options kept in a constant, so that the formatter is found by identity.
 */
export function formatDateWith(locale: Locale, options: Intl.DateTimeFormatOptions, date: Date | string): string {
  const format = dateFormat(locale, options);
  let texts = formattedDates.get(format);
  if (!texts) {
    texts = new Map();
    formattedDates.set(format, texts);
  }
  const instant = new Date(date).getTime();
  let text = texts.get(instant);
  if (text === undefined) {
    text = format.format(instant);
    remember(texts, instant, text, 20_000);
  }
  return text;
}

const formattedDates = new WeakMap<Intl.DateTimeFormat, Map<number, string>>();

/**
 * A date formatter for these options in this language, built once (building one costs about a
 * millisecond on a busy machine: the statistics page built three per week of its charts).
 */
function dateFormat(locale: Locale, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  // Callers pass the same options object each time (a module's constant): found by identity
  // first, without writing the options out as a key.
  let byLocale = formatsByOptions.get(options);
  if (!byLocale) {
    byLocale = {};
    formatsByOptions.set(options, byLocale);
  }
  let format = byLocale[locale];
  if (!format) {
    const key = `${locale}:${JSON.stringify(options)}`;
    format = dateFormats.get(key);
    if (!format) {
      format = new Intl.DateTimeFormat(locale === "ko" ? "ko-KR" : "en-GB", options);
      dateFormats.set(key, format);
    }
    byLocale[locale] = format;
  }
  return format;
}

const formatsByOptions = new WeakMap<Intl.DateTimeFormatOptions, Partial<Record<Locale, Intl.DateTimeFormat>>>();

/**
 * A number as each language writes it. Whole numbers, nearly all the site shows (counts), are
 * grouped by threes with commas in Korean and in British English alike, as Intl writes them
 * (tests/unit/i18n-numbers.test.ts holds the two equal), at a fraction of Intl's cost: the
 * statistics page writes several hundred a render.
 */
export function formatNumber(value: number, locale: Locale): string {
  if (Number.isSafeInteger(value)) {
    const digits = String(Math.abs(value));
    const grouped = digits.length <= 3 ? digits : digits.replace(/\B(?=(\d{3})+$)/g, ",");
    return value < 0 ? `-${grouped}` : grouped;
  }
  let format = numberFormats.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(locale === "ko" ? "ko-KR" : "en-GB");
    numberFormats.set(locale, format);
  }
  return format.format(value);
}

/** A share from 0 to 1 as a whole percentage, or null when there is nothing to divide. */
export function formatPercent(share: number | null, locale: Locale): string | null {
  return share === null ? null : `${formatNumber(Math.round(share * 100), locale)}%`;
}
