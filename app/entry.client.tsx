import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { defaultLocale, isLocale, loadCatalog } from "./utils/i18n";

// The page's language's messages come as a chunk of their own (the other language's are never
// downloaded); hydrating needs them, so it waits for them.
const lang = document.documentElement.lang;
void loadCatalog(isLocale(lang) ? lang : defaultLocale).then(() => {
  startTransition(() => {
    hydrateRoot(
      document,
      <StrictMode>
        <RemixBrowser />
      </StrictMode>,
    );
  });
});
