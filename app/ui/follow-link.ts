// A click on a plain <a> that the page follows itself, as a <Link> would: used where many links
// share one handler on an element around them instead of each being a <Link> (a kept island's
// links, app/ui/static-island.tsx; the site header's, app/ui/SiteHeader.tsx), because a <Link>
// costs the server several hooks and a path resolution each time a page renders (decision 078).
import type { NavigateFunction } from "@remix-run/react";

/** A plain click on a same-origin link inside `event.currentTarget` navigates in the page. */
export function followLink(event: React.MouseEvent<HTMLElement>, navigate: NavigateFunction): void {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.altKey || event.ctrlKey || event.shiftKey) return;
  const anchor = (event.target as Element | null)?.closest?.("a[href]");
  if (!(anchor instanceof HTMLAnchorElement) || !event.currentTarget.contains(anchor)) return;
  if ((anchor.target && anchor.target !== "_self") || anchor.hasAttribute("download")) return;
  const url = new URL(anchor.href);
  if (url.origin !== window.location.origin) return;
  event.preventDefault();
  navigate(url.pathname + url.search + url.hash);
}
