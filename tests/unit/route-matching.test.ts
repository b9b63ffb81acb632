// The router's matching as patched for speed (patches/@remix-run+router: branches kept ranked,
// recent matches kept, only the branches that can match a pathname's first segment tried): the
// route chosen must be the one React Router's ranking chooses. Expectations written from the
// ranking rules (static over dynamic over splat, index routes, case-insensitive paths).
import { createRequire } from "node:module";
import type { AgnosticRouteObject, matchRoutes as MatchRoutes } from "@remix-run/router";
import { describe, expect, it } from "vitest";

// The server's copy, the one patched (a bundler would pick the untouched ES module build).
const { matchRoutes } = createRequire(import.meta.url)("@remix-run/router") as { matchRoutes: typeof MatchRoutes };

const routes: AgnosticRouteObject[] = [
  {
    id: "root",
    path: "",
    children: [
      { id: "home", index: true },
      { id: "ideas", path: "ideas", children: [{ id: "ideas-index", index: true }, { id: "idea", path: ":id" }, { id: "idea-new", path: "new" }] },
      { id: "idea-count", path: "ideas/:id/count" },
      { id: "feed", path: "feed.atom" },
      { id: "me-data", path: "me/data.json" },
      { id: "page", path: ":slug" },
      { id: "committee-file", path: ":committee/files/*" },
      { id: "not-found", path: "*" },
    ],
  },
];

const leaf = (pathname: string) => matchRoutes(routes, pathname)?.at(-1)?.route.id;
const params = (pathname: string) => matchRoutes(routes, pathname)?.at(-1)?.params;

describe("which route answers an address", () => {
  it("prefers a static segment to a dynamic one, wherever each is listed", () => {
    expect(leaf("/ideas/new")).toBe("idea-new");
    expect(leaf("/ideas/42")).toBe("idea");
    expect(params("/ideas/42")).toMatchObject({ id: "42" });
    expect(leaf("/ideas/42/count")).toBe("idea-count");
  });

  it("matches index routes and the home page", () => {
    expect(leaf("/")).toBe("home");
    expect(leaf("/ideas")).toBe("ideas-index");
    expect(leaf("/ideas/")).toBe("ideas-index");
  });

  it("ignores case in paths, as React Router does", () => {
    expect(leaf("/IDEAS/7")).toBe("idea");
    expect(leaf("/Feed.Atom")).toBe("feed");
  });

  it("reaches routes that begin with a dynamic segment or a splat from any first segment", () => {
    expect(leaf("/about")).toBe("page");
    expect(params("/about")).toMatchObject({ slug: "about" });
    expect(leaf("/ideas-archive")).toBe("page");
    expect(leaf("/budget/files/a/b.pdf")).toBe("committee-file");
    expect(leaf("/ideas/42/count/extra")).toBe("not-found");
    expect(leaf("/nowhere/at/all")).toBe("not-found");
  });

  it("matches names with dots and encoded text", () => {
    expect(leaf("/feed.atom")).toBe("feed");
    expect(leaf("/me/data.json")).toBe("me-data");
    expect(params("/%EC%95%88%EB%82%B4")).toMatchObject({ slug: "안내" });
  });

  it("gives the same answer the second time (from the kept matches) as the first", () => {
    for (const pathname of ["/ideas/9", "/ideas/new", "/about", "/x/files/y"]) {
      expect(matchRoutes(routes, pathname)?.map((m) => m.route.id)).toEqual(matchRoutes(routes, pathname)?.map((m) => m.route.id));
    }
  });
});
