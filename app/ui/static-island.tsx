// Regions of a page with no behaviour of their own (a chart, a table's rows, a list of idea
// cards) that the browser keeps as the server wrote them instead of hydrating them: hydrating
// makes a fiber of every bar, row and cell, which is most of the statistics page's and the home
// page's main-thread time in the browser (docs/decisions/066-static-islands.md).
//
// A page opts in with <StaticIslands deps={[data the regions show]}>. Inside it, a StaticIsland
// renders its children on the server, as always; in the browser, on the page the server sent,
// it renders the same element with an empty innerHTML that React leaves alone while hydrating
// (React 18 neither checks nor replaces an element's inner HTML then), so the server's markup
// stays. As soon as the deps change (a form on the page, a revalidation), the island renders its
// children like any other component, once and for good; an island on a page reached by a link
// renders them from the start, and so does one that finds itself empty (a page React rendered
// afresh instead of hydrating). Without <StaticIslands> around it, an island is an ordinary element.
//
// Links inside a kept island are the server's plain <a> elements: a click on one is routed in
// the page, as a <Link> would be (put only Links, not links meant to reload the document, inside).
//
// On the server, a group named with `keep` also keeps each island's HTML between renders, per
// name, data and island (decision 075): the next page that shows the same data in the same
// language writes the kept HTML instead of rendering the island's components again, and notes the
// messages the island asked for, so that the browser gets them all the same. The keeper
// (app/utils/kept-islands.server.ts) is given by the server's entry; in the browser there is none.
import { useNavigate, useNavigation } from "@remix-run/react";
import { followLink } from "./follow-link";
import { createContext, createElement, useContext, useEffect, useLayoutEffect, useReducer, useRef, type ReactNode } from "react";

/**
 * True in the browser while the page is the one the server sent: until the router first
 * navigates (a link, a form). Not "until the root's effects ran": React 18 hydrates the page's
 * <Suspense> region (root.tsx, around the route) after committing the rest of the document.
 */
let firstPage = typeof document !== "undefined";

/** Called by the root's document (the page and the error page) on every render. */
export function useFirstPageEnds(): void {
  if (useNavigation().state !== "idle") firstPage = false;
}

const IslandDeps = createContext<readonly unknown[] | null>(null);

/** What the server's entry gives to keep islands' HTML between renders (none in the browser). */
export interface IslandKeeper {
  /** A group's key (its name and data as JSON, long) made short: its islands' keys start with it. */
  group(key: string): string;
  /** The kept HTML for this island, if any (its messages are noted as asked for). */
  kept(key: string): string | undefined;
  /**
   * An island about to render: the marker its element carries until the page is done, or null
   * when it is not to be kept (its first render in a while).
   */
  begin(key: string, tag: string): string | null;
  /** The island's children have rendered. */
  end(marker: string): void;
}

export const IslandKeeperContext = createContext<IslandKeeper | null>(null);

/** On the server, in a group named with `keep`: the group's key and its islands counted in order. */
const KeptGroup = createContext<{ key: string; next: number } | null>(null);

export function StaticIslands({ deps, keep, children }: { deps: readonly unknown[]; keep?: string; children: ReactNode }) {
  const keeper = useContext(IslandKeeperContext);
  const inner = <IslandDeps.Provider value={deps}>{children}</IslandDeps.Provider>;
  if (!keeper || !keep) return inner;
  return <KeptGroup.Provider value={{ key: keeper.group(`${keep}\n${JSON.stringify(deps)}`), next: 0 }}>{inner}</KeptGroup.Provider>;
}

/** Rendered after an island's children: tells the keeper they are done. */
function IslandEnd({ marker }: { marker: string }) {
  useContext(IslandKeeperContext)?.end(marker);
  return null;
}

// useLayoutEffect warns when React renders on the server; it has nothing to do there anyway.
const useBrowserLayoutEffect = typeof document === "undefined" ? useEffect : useLayoutEffect;

function sameDeps(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((value, i) => Object.is(value, b[i]));
}

type IslandTag = "div" | "ul" | "tbody" | "svg" | "section";

/**
 * An island's children, or a function that makes them: called only when they are rendered, so
 * that a page whose island is kept (on the server) or hydrated as the server wrote it (in the
 * browser) does not build its rows and bars only to drop them (decision 097).
 */
export type IslandChildren = ReactNode | (() => ReactNode);

const made = (children: IslandChildren): ReactNode => (typeof children === "function" ? children() : children);

export function StaticIsland({ as, children, ...attributes }: { as: IslandTag; children: IslandChildren } & Record<string, unknown>) {
  const keeper = useContext(IslandKeeperContext);
  const group = useContext(KeptGroup);
  if (keeper && group) {
    // The server, in a kept group: the same island (by order, element and attributes) of the same data.
    return keptElement(keeper, `${group.key}\n${group.next++}\n${as}\n${JSON.stringify(attributes)}`, as, attributes, children);
  }
  return <BrowserIsland as={as} attributes={attributes}>{children}</BrowserIsland>;
}

function BrowserIsland({ as, attributes, children }: { as: IslandTag; attributes: Record<string, unknown>; children: IslandChildren }) {
  const deps = useContext(IslandDeps);
  // The deps the island was hydrated with; null once it renders its children (never back).
  const kept = useRef<readonly unknown[] | null>(firstPage && deps ? deps : null);
  if (kept.current && (!deps || !sameDeps(kept.current, deps))) kept.current = null;
  const navigate = useNavigate();
  const element = useRef<HTMLElement>(null);
  const [, renderLive] = useReducer((n: number) => n + 1, 0);
  // Were the page rendered afresh instead of hydrated (React does so when hydration fails), the
  // kept element would be empty: then the island renders its children.
  useBrowserLayoutEffect(() => {
    if (kept.current && element.current && !element.current.hasChildNodes()) {
      kept.current = null;
      renderLive();
    }
  });
  if (kept.current) {
    return createElement(as, {
      ...attributes,
      key: "kept",
      ref: element,
      suppressHydrationWarning: true,
      dangerouslySetInnerHTML: { __html: "" },
      onClick: (event: React.MouseEvent<HTMLElement>) => followLink(event, navigate),
    });
  }
  return createElement(as, { ...attributes, key: "live" }, made(children));
}

/**
 * An element whose inner HTML the server keeps between renders under `keep` (decision 082),
 * which must name everything the children show: on the server, the same `keep` writes the kept
 * HTML instead of rendering the children again. The browser renders the children as always and
 * hydrates them (the HTML is the same either way), so they keep their behaviour. `keep` null:
 * an ordinary element.
 */
export function ServerKept({ as, keep, children, ...attributes }: { as: "article"; keep: string | null; children: ReactNode } & Record<string, unknown>) {
  const keeper = useContext(IslandKeeperContext);
  if (!keeper || keep === null) return createElement(as, attributes, children);
  return keptElement(keeper, `${as}\n${keep}`, as, attributes, children);
}

/**
 * On the server: the element written from the HTML kept under `key`, or else rendered, with the
 * marker by which the keeper cuts its HTML out of the page once it is done if it is to be kept.
 */
function keptElement(keeper: IslandKeeper, key: string, as: string, attributes: Record<string, unknown>, children: IslandChildren) {
  const html = keeper.kept(key);
  if (html !== undefined) return createElement(as, { ...attributes, dangerouslySetInnerHTML: { __html: html } });
  const marker = keeper.begin(key, as);
  if (marker === null) return createElement(as, attributes, made(children));
  return createElement(as, { ...attributes, "data-keep-island": marker }, made(children), createElement(IslandEnd, { marker }));
}
