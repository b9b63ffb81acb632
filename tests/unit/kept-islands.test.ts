// The HTML of static islands kept between server renders (app/utils/kept-islands.server.ts): cut
// out of the page by its element's marker and the marker removed from the page sent. That a kept
// island's messages still reach the browser: tests/integration/kept-islands.test.ts.
import { createElement, Fragment } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { IslandKeeperContext, ServerKept, StaticIsland, StaticIslands } from "../../app/ui/static-island";
import { forgetKeptIslands, innerHtml, islandKeeper } from "../../app/utils/kept-islands.server";

describe("innerHtml", () => {
  it("is everything up to the matching end tag, counting elements of the same name inside", () => {
    const html = `<div><ul class="a" data-x="1"><li><ul><li>x</li></ul></li><li>y</li></ul><ul><li>after</li></ul></div>`;
    const from = html.indexOf(`data-x="1"`);
    expect(innerHtml(html, from, "ul")).toBe("<li><ul><li>x</li></ul></li><li>y</li>");
  });

  it("does not take a longer tag name for the element's own (tbody is not tb, svg is not svgx)", () => {
    const html = `<svg data-x="1"><svgx></svgx><g></g></svg><p></p>`;
    expect(innerHtml(html, html.indexOf("data-x"), "svg")).toBe("<svgx></svgx><g></g>");
  });

  it("is null when the element never ends", () => {
    const html = `<ul data-x="1"><li>`;
    expect(innerHtml(html, html.indexOf("data-x"), "ul")).toBeNull();
  });
});

describe("a keeper", () => {
  /** The keeper's begin for an island rendered before: its marker. */
  const marked = (keeper: ReturnType<typeof islandKeeper>, key: string, tag: string) => {
    const marker = keeper.begin(key, tag);
    expect(marker).not.toBeNull();
    return marker!;
  };

  it("keeps nothing of an island's first render: a search run once leaves nothing behind", () => {
    forgetKeptIslands();
    const first = islandKeeper(1_000);
    expect(first.kept("list\n[1]\n0")).toBeUndefined();
    expect(first.begin("list\n[1]\n0", "ul")).toBeNull();
    const page = `<main><ul class="card-list"><li>카드</li></ul></main>`;
    expect(first.finish(page)).toBe(page);
    expect(islandKeeper(2_000).kept("list\n[1]\n0")).toBeUndefined();
  });

  it("keeps an island's inner HTML and messages from its second render for the next, and removes the marker", () => {
    forgetKeptIslands();
    expect(islandKeeper(500).begin("list\n[1]\n0", "ul")).toBeNull();
    const first = islandKeeper(1_000);
    expect(first.kept("list\n[1]\n0")).toBeUndefined();
    const marker = marked(first, "list\n[1]\n0", "ul");
    first.end(marker);
    const page = `<main><ul class="card-list" data-keep-island="${marker}"><li>카드</li></ul></main>`;
    expect(first.finish(page)).toBe(`<main><ul class="card-list"><li>카드</li></ul></main>`);

    const second = islandKeeper(2_000);
    expect(second.kept("list\n[1]\n0")).toBe("<li>카드</li>");
    expect(second.kept("list\n[2]\n0")).toBeUndefined();
  });

  it("keeps an island rendered twice only when the first was within a minute", () => {
    forgetKeptIslands();
    expect(islandKeeper(0).begin("k", "ul")).toBeNull();
    expect(islandKeeper(60_000).begin("k", "ul")).toBeNull();
    expect(islandKeeper(60_001).begin("k", "ul")).not.toBeNull();
  });

  it("keeps nothing older than a minute (a card's days left change at midnight)", () => {
    forgetKeptIslands();
    islandKeeper(0).begin("k", "ul");
    const first = islandKeeper(0);
    const m = marked(first, "k", "ul");
    first.end(m);
    first.finish(`<ul data-keep-island="${m}"><li>1</li></ul>`);
    expect(islandKeeper(59_999).kept("k")).toBe("<li>1</li>");
    expect(islandKeeper(60_000).kept("k")).toBeUndefined();
  });

  it("keeps nothing for an island whose children did not finish (an error in the middle)", () => {
    forgetKeptIslands();
    islandKeeper(0).begin("k", "ul");
    const first = islandKeeper(0);
    const m = marked(first, "k", "ul");
    expect(first.finish(`<ul data-keep-island="${m}"><li>half</li></ul>`)).toBe(`<ul><li>half</li></ul>`);
    expect(islandKeeper(1).kept("k")).toBeUndefined();
  });
});

describe("an element the server keeps (ServerKept, decision 082)", () => {
  /** Renders a post-like article under `keep` with a keeper, as app/entry.server.tsx does; counts the inside's renders. */
  function render(keep: string | null, text: string, now: number, renders: { count: number }) {
    const keeper = islandKeeper(now);
    const Inside = () => {
      renders.count++;
      return createElement(Fragment, null, createElement("p", null, text), "tail ", text);
    };
    const html = renderToString(
      createElement(IslandKeeperContext.Provider, { value: keeper }, createElement(ServerKept, { as: "article", keep, "aria-label": "post", children: createElement(Inside) })),
    );
    return keeper.finish(html);
  }

  it("writes the kept HTML, the same bytes, without rendering its inside again (from its third view)", () => {
    forgetKeptIslands();
    const renders = { count: 0 };
    const first = render("post 1", "안녕 <b>", 0, renders);
    expect(first).toBe(`<article aria-label="post"><p>안녕 &lt;b&gt;</p>tail <!-- -->안녕 &lt;b&gt;</article>`);
    expect(render("post 1", "안녕 <b>", 500, renders)).toBe(first);
    expect(render("post 1", "anything else", 1_000, renders)).toBe(first);
    expect(renders.count).toBe(2);
  });

  it("renders its inside for another key, for no key, and after a minute", () => {
    forgetKeptIslands();
    const renders = { count: 0 };
    render("post 1", "one", 0, renders);
    render("post 1", "one", 0, renders);
    expect(render("post 2", "two", 1, renders)).toContain("<p>two</p>");
    expect(render(null, "three", 2, renders)).toContain("<p>three</p>");
    expect(render(null, "four", 3, renders)).toContain("<p>four</p>");
    expect(render("post 1", "one again", 60_000, renders)).toContain("<p>one again</p>");
    expect(renders.count).toBe(6);
  });

  it("is an ordinary element where no keeper is (the browser)", () => {
    const html = renderToString(createElement(ServerKept, { as: "article", keep: "post 1", id: "a", children: createElement("p", null, "x") }));
    expect(html).toBe(`<article id="a"><p>x</p></article>`);
  });
});

describe("an island whose children are a function (decision 097)", () => {
  /** Renders a kept group of one table body with a keeper, as the statistics page does; counts the rows made. */
  function render(rows: string[], now: number, made: { count: number }) {
    const keeper = islandKeeper(now);
    const body = () => {
      made.count++;
      return rows.map((row) => createElement("tr", { key: row }, createElement("td", null, row)));
    };
    const island = createElement(StaticIslands, { deps: [rows], keep: "table", children: createElement(StaticIsland, { as: "tbody", children: body }) });
    return keeper.finish(renderToString(createElement(IslandKeeperContext.Provider, { value: keeper }, island)));
  }

  it("makes them only when the island renders them: not once its HTML is kept, which is the same bytes", () => {
    forgetKeptIslands();
    const made = { count: 0 };
    const first = render(["서울", "부산"], 0, made);
    expect(first).toBe("<tbody><tr><td>서울</td></tr><tr><td>부산</td></tr></tbody>");
    expect(render(["서울", "부산"], 100, made)).toBe(first);
    expect(made.count).toBe(2);
    expect(render(["서울", "부산"], 200, made)).toBe(first);
    expect(render(["서울", "부산"], 300, made)).toBe(first);
    expect(made.count).toBe(2);
    // Other data: made again.
    expect(render(["대구"], 400, made)).toBe("<tbody><tr><td>대구</td></tr></tbody>");
    expect(made.count).toBe(3);
  });
});
