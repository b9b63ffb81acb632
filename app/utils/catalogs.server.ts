// Both languages' catalogs, for the server (pages in either language, e-mails). The browser gets
// only the page's language, and of it only the parts its pages use: app/utils/i18n.ts loads them
// as chunks of their own (docs/decisions/025-compression-and-page-weight.md, 052-catalog-parts.md).
import en from "~/locales/en";
import ko from "~/locales/ko";
import { catalogParts, type PartName } from "~/locales/parts";

export const serverCatalogs = { ko, en };

let partKeys: Promise<Record<PartName, string[]>> | undefined;

/** Which top-level keys each part holds (the same in both languages: tests/unit/catalog-parts.test.ts). */
export function serverPartKeys(): Promise<Record<PartName, string[]>> {
  partKeys ??= Promise.all(Object.entries(catalogParts.en).map(async ([part, load]) => [part, Object.keys((await load()).default)] as const)).then(
    (entries) => Object.fromEntries(entries) as Record<PartName, string[]>,
  );
  return partKeys;
}
