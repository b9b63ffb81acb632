// One i18next instance per locale, built synchronously from the catalogs so that the server and
// the browser render the same text (no hydration mismatch, no loading flash). The server holds
// both catalogs; the browser loads only its page's language, before it hydrates
// (app/entry.client.tsx), and another one when the language changes (useCatalog).
import i18next, { type i18n, type TFunction } from "i18next";
import { useEffect, useState } from "react";
import type { Messages } from "~/locales/en";
import { serverCatalogs } from "./catalogs.server";

export const locales = ["ko", "en"] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = "ko";

export function isLocale(value: unknown): value is Locale {
  return value === "ko" || value === "en";
}

const instances = new Map<Locale, i18n>();

// On the server, both; in the browser (where a .server module is empty), those loaded so far.
const catalogs: Partial<Record<Locale, Messages>> = { ...(serverCatalogs as Partial<Record<Locale, Messages>> | undefined) };

/** Each language's catalog as a chunk of its own: the browser downloads only the one it shows. */
const catalogChunks: Record<Locale, () => Promise<{ default: Messages }>> = {
  ko: () => import("~/locales/ko"),
  en: () => import("~/locales/en"),
};
const loading = new Map<Locale, Promise<void>>();

export function hasCatalog(locale: Locale): boolean {
  return catalogs[locale] !== undefined;
}

/** Loads a language's catalog (in the browser; on the server every catalog is there). */
export function loadCatalog(locale: Locale): Promise<void> {
  if (hasCatalog(locale)) return Promise.resolve();
  let promise = loading.get(locale);
  if (!promise) {
    promise = catalogChunks[locale]().then((module) => {
      catalogs[locale] = module.default;
      instances.delete(locale);
    });
    loading.set(locale, promise);
  }
  return promise;
}

/**
 * The language to render with: `locale` once its catalog is loaded; until then (in the browser,
 * right after the language changed without a page load) a language already loaded, and the
 * component renders again when the catalog arrives.
 */
export function useCatalog(locale: Locale): Locale {
  const [, setLoaded] = useState(0);
  const ready = hasCatalog(locale);
  useEffect(() => {
    if (!ready) void loadCatalog(locale).then(() => setLoaded((n) => n + 1));
  }, [locale, ready]);
  if (ready) return locale;
  return locales.find(hasCatalog) ?? locale;
}

export function i18nFor(locale: Locale): i18n {
  let instance = instances.get(locale);
  if (!instance) {
    instance = i18next.createInstance();
    void instance.init({
      lng: locale,
      fallbackLng: hasCatalog("ko") ? "ko" : locale,
      resources: Object.fromEntries(Object.entries(catalogs).map(([lng, messages]) => [lng, { translation: messages }])),
      initAsync: false,
      interpolation: { escapeValue: false }, // React escapes; e-mail HTML escapes itself.
      returnNull: false,
      showSupportNotice: false,
    });
    rememberPlainMessages(instance);
    instances.set(locale, instance);
  }
  return instance;
}

/**
 * A page asks for a few hundred messages, most without options; i18next resolves each one
 * afresh (key parsing, fallbacks, options objects): about a tenth of a page's render time
 * (docs/scaling.md). The `t` that `useTranslation` gets (getFixedT with no language, namespace
 * or prefix) remembers the plain ones; a message with options still goes through i18next.
 */
function rememberPlainMessages(instance: i18n): void {
  const getFixedT = instance.getFixedT.bind(instance);
  const plain = new Map<string, string>();
  const t = ((key: unknown, options?: unknown, ...rest: unknown[]) => {
    if (options === undefined && typeof key === "string") {
      let text = plain.get(key);
      if (text === undefined) {
        text = String(instance.t(key));
        if (plain.size < 5000) plain.set(key, text);
      }
      return text;
    }
    return (instance.t as unknown as (...args: unknown[]) => string)(key, options, ...rest);
  }) as unknown as TFunction;
  instance.getFixedT = ((lng?: unknown, ns?: unknown, keyPrefix?: unknown) =>
    lng == null && keyPrefix == null && (ns == null || ns === "translation")
      ? t
      : getFixedT(lng as string, ns as string, keyPrefix as string)) as i18n["getFixedT"];
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

export function formatDate(date: Date | string, locale: Locale, withTime = false): string {
  const key = `${locale}:${withTime}`;
  let format = dateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale === "ko" ? "ko-KR" : "en-GB", {
      dateStyle: "medium",
      ...(withTime ? { timeStyle: "short", hourCycle: "h23" } : {}),
      timeZone: "Asia/Seoul",
    });
    dateFormats.set(key, format);
  }
  return format.format(new Date(date));
}

/**
 * A date formatter for these options in this language, built once (building one costs about a
 * millisecond on a busy machine: the statistics page built three per week of its charts).
 */
export function dateFormat(locale: Locale, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}:${JSON.stringify(options)}`;
  let format = dateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale === "ko" ? "ko-KR" : "en-GB", options);
    dateFormats.set(key, format);
  }
  return format;
}

export function formatNumber(value: number, locale: Locale): string {
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
