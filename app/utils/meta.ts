// A page's <title> in the page's language, from the catalogs: the page's own name, then the
// site's ("제안 · 마당", "Ideas · Madang"). Meta functions run on the server and in the browser;
// the language is the root loader's (app/root.tsx), so both render the same title.
import type { MetaDescriptor } from "@remix-run/node";
import type { TFunction } from "i18next";
import { isLocale, translator, type Locale } from "./i18n";

/** What a meta function receives that this needs: the matched routes and their data. */
export interface MetaMatches {
  matches: readonly { id: string; data: unknown }[];
}

export function metaLocale({ matches }: MetaMatches): Locale {
  const root = matches.find((m) => m.id === "root")?.data as { locale?: unknown } | null | undefined;
  return isLocale(root?.locale) ? root.locale : "ko";
}

type Part = string | null | undefined | false;

/** A meta description from a text: one line, at most about 160 characters. */
export function metaDescription(text: string | null | undefined): MetaDescriptor[] {
  const line = (text ?? "").replace(/\s+/g, " ").trim();
  if (!line) return [];
  return [{ name: "description", content: line.length > 160 ? `${line.slice(0, 157).trimEnd()}…` : line }];
}

/**
 * The page's title and any other meta tags. `name` gives the page's own name, most specific
 * first ("Edit call for ideas", "Administration"); an empty name leaves the site's alone. A page
 * that gives no description gets the site's tagline, in the page's language (search engines and
 * Lighthouse ask every page for one).
 */
export function pageTitle(
  args: MetaMatches,
  name: (t: TFunction) => Part | Part[],
  more: MetaDescriptor[] | ((t: TFunction) => MetaDescriptor[]) = [],
): MetaDescriptor[] {
  const t = translator(metaLocale(args));
  const parts = [name(t)].flat().filter((p): p is string => typeof p === "string" && p.trim() !== "");
  const tags = typeof more === "function" ? more(t) : more;
  const described = tags.some((tag) => "name" in tag && tag.name === "description");
  return [{ title: [...parts, t("site.name")].join(" · ") }, ...(described ? [] : [{ name: "description", content: t("site.tagline") }]), ...tags];
}
