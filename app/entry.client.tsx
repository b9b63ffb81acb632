import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { CATALOG_ELEMENT_ID, defaultLocale, isLocale, readPageCatalog } from "./utils/i18n";

// The page comes with the messages it used, in its language (app/root.tsx writes them at its
// end); the browser hydrates with them, and loads a part of the catalog only when a later page
// asks for a message the browser lacks (docs/decisions/052-catalog-parts.md).
const lang = document.documentElement.lang;
readPageCatalog(isLocale(lang) ? lang : defaultLocale, document.getElementById(CATALOG_ELEMENT_ID)?.textContent ?? "");
startTransition(() => {
  hydrateRoot(
    document,
    <StrictMode>
      <RemixBrowser />
    </StrictMode>,
  );
});
