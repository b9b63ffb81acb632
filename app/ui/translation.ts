// The messages of the page's language for a component: `t` and the i18next instance, from the
// instance the root document provides (I18nextProvider, app/root.tsx).
//
// Not react-i18next's useTranslation, which every component calls (a page with fifty posts
// calls it hundreds of times): it runs five hooks, copies its options and asks i18next whether
// the namespace is loaded on every call, to support namespaces loaded later, a language changed
// on an instance and `keyPrefix`, none of which Madang uses. Each language has an instance of its
// own with its messages from the start (app/utils/i18n.ts); a message whose part the browser
// lacks is loaded by `t` itself; and the document provides another instance when the language
// changes, which renders every component that reads it again.
import type { i18n as I18n, TFunction } from "i18next";
import { useContext } from "react";
import { I18nContext } from "react-i18next";

export function useTranslation(): { t: TFunction; i18n: I18n } {
  const { i18n } = useContext(I18nContext);
  return { t: i18n.t, i18n };
}

/**
 * Asks for messages a component shows only once an answer comes that does not reload the page (a
 * support answered with its count), so that the page the server writes carries them: calling `t`
 * is what notes a key (app/utils/i18n.ts). Were one missing, the render that first shows it would
 * suspend while its part of the catalog loads, and React 18 may never commit an update that
 * suspended as the page hydrated: a support clicked then was counted, and its answer never showed.
 */
export function useMessagesAhead(keys: readonly string[]): void {
  const { t } = useTranslation();
  for (const key of keys) t(key);
}
