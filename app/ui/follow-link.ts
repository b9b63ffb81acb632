// A click on a plain <a> that the page follows itself, as a <Link> would: used where many links
// share one handler on an element around them instead of each being a <Link> (a kept island's
// links, app/ui/static-island.tsx; the site header's, app/ui/SiteHeader.tsx; a report link under
// every post, an idea card's title and the list's sort links, followed by the page's main part,
// root.tsx), because a <Link> costs the server several hooks and a path resolution each time a
// page renders (decision 078).
import type { NavigateFunction } from "@remix-run/react";
import { createElement, type AnchorHTMLAttributes, type ReactNode } from "react";

/**
 * The links that the page's main part follows itself (root.tsx): those marked as a <Link> marks
 * them. Its other plain anchors load their page, as they always did.
 */
export const FOLLOWED_LINK = "a[href][data-discover]";

/**
 * A link inside the page's main part that it follows in the page (FOLLOWED_LINK): a plain anchor
 * marked as a <Link> marks it (`data-discover`, by which the router also learns its route early),
 * for links a page repeats. `href` is a path from the site's root.
 */
export function FollowedLink({ href, children, ...attributes }: { href: string; children: ReactNode } & AnchorHTMLAttributes<HTMLAnchorElement>) {
  return createElement("a", { ...attributes, "data-discover": "true", href }, children);
}

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
