// The HTML of static islands kept between server renders (app/utils/kept-islands.server.ts): cut
// out of the page by its element's marker and the marker removed from the page sent. That a kept
// island's messages still reach the browser: tests/integration/kept-islands.test.ts.
import { describe, expect, it } from "vitest";
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
  it("keeps an island's inner HTML and messages from one render for the next, and removes the marker", () => {
    forgetKeptIslands();
    const first = islandKeeper(1_000);
    expect(first.kept("list\n[1]\n0")).toBeUndefined();
    const marker = first.begin("list\n[1]\n0", "ul");
    first.end(marker);
    const page = `<main><ul class="card-list" data-keep-island="${marker}"><li>카드</li></ul></main>`;
    expect(first.finish(page)).toBe(`<main><ul class="card-list"><li>카드</li></ul></main>`);

    const second = islandKeeper(2_000);
    expect(second.kept("list\n[1]\n0")).toBe("<li>카드</li>");
    expect(second.kept("list\n[2]\n0")).toBeUndefined();
  });

  it("keeps nothing older than a minute (a card's days left change at midnight)", () => {
    forgetKeptIslands();
    const first = islandKeeper(0);
    const m = first.begin("k", "ul");
    first.end(m);
    first.finish(`<ul data-keep-island="${m}"><li>1</li></ul>`);
    expect(islandKeeper(59_999).kept("k")).toBe("<li>1</li>");
    expect(islandKeeper(60_000).kept("k")).toBeUndefined();
  });

  it("keeps nothing for an island whose children did not finish (an error in the middle)", () => {
    forgetKeptIslands();
    const first = islandKeeper(0);
    const m = first.begin("k", "ul");
    expect(first.finish(`<ul data-keep-island="${m}"><li>half</li></ul>`)).toBe(`<ul><li>half</li></ul>`);
    expect(islandKeeper(1).kept("k")).toBeUndefined();
  });
});
