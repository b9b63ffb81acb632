// A click on a plain <a> that the page follows itself, as a <Link> would: used where many links
// share one handler on an element around them instead of each being a <Link> (a kept island's
// links, app/ui/static-island.tsx; the site header's, app/ui/SiteHeader.tsx; a report link under
// every post, followed by the page's main part, root.tsx), because a <Link>
// costs the server several hooks and a path resolution each time a page renders (decision 078).
import type { NavigateFunction } from "@remix-run/react";

/**
 * The links that the page's main part follows itself (root.tsx): those marked as a <Link> marks
 * them. Its other plain anchors load their page, as they always did.
 */
export const FOLLOWED_LINK = "a[href][data-discover]";

/**
 * A plain click on a same-origin link inside `event.currentTarget` (one that matches `links`)
 * navigates in the page.
 */
export function followLink(event: React.MouseEvent<HTMLElement>, navigate: NavigateFunction, links = "a[href]"): void {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.altKey || event.ctrlKey || event.shiftKey) return;
  const anchor = (event.target as Element | null)?.closest?.(links);
  if (!(anchor instanceof HTMLAnchorElement) || !event.currentTarget.contains(anchor)) return;
  if ((anchor.target && anchor.target !== "_self") || anchor.hasAttribute("download")) return;
  const url = new URL(anchor.href);
  if (url.origin !== window.location.origin) return;
  event.preventDefault();
  navigate(url.pathname + url.search + url.hash);
}
