// Both languages' catalogs, for the server (pages in either language, e-mails). The browser gets
// only the page's language: app/utils/i18n.ts loads it as a chunk of its own
// (docs/decisions/025-compression-and-page-weight.md).
import en from "~/locales/en";
import ko from "~/locales/ko";

export const serverCatalogs = { ko, en };
