// Route data as patched for speed (decision 079): json() keeps its text on the Response, the
// server reads that text back instead of the Response's stream, and a loader gets the request
// itself when there is no `index` or `_data` parameter to strip. What a loader and a page see must
// be what they saw before: the data as it comes out of JSON, the address without Remix's own
// parameters. Expectations written from JSON's rules and Remix's documented stripping.
// Decision 087: json() makes its Response with the app's textResponse (its stream made only when
// read), and the page's hand-off writes each loader's kept text instead of writing the data again:
// the hand-off must be the very string Remix wrote before, JSON.stringify of the state.
import { createRequire } from "node:module";
import type { createStaticHandler as CreateStaticHandler, json as Json } from "@remix-run/router";
import { describe, expect, it } from "vitest";
// Registers textResponse for json(), as the server and the built app do when they load it.
import { renderedText } from "~/utils/rendered-text";

// The server's copies, the ones patched (a bundler would pick the untouched ES module builds).
const require = createRequire(import.meta.url);
const { createStaticHandler, json } = require("@remix-run/router") as { createStaticHandler: typeof CreateStaticHandler; json: typeof Json };
const { callRouteLoader } = require("@remix-run/server-runtime/dist/data.js") as {
  callRouteLoader: (args: { loader: (args: { request: Request }) => unknown; request: Request; params: object; loadContext: object; routeId: string; singleFetch: boolean }) => Promise<Response>;
};

const { createServerHandoffString } = require("@remix-run/server-runtime/dist/serverHandoff.js") as { createServerHandoffString: (handoff: object) => string };
const { escapeHtml } = require("@remix-run/server-runtime/dist/markup.js") as { escapeHtml: (html: string) => string };
const { isResponse } = require("@remix-run/server-runtime/dist/responses.js") as { isResponse: (value: unknown) => boolean };

const KEPT_TEXT = Symbol.for("madang.renderedText");

describe("json() and the data a page is rendered with", () => {
  const data = { when: new Date(Date.UTC(2026, 11, 5, 3, 0)), nothing: undefined, list: [1, "둘", null], nested: { ok: true } };

  it("keeps the JSON text beside an intact body", async () => {
    const response = json(data);
    expect((response as unknown as Record<symbol, unknown>)[KEPT_TEXT]).toBe('{"when":"2026-12-05T03:00:00.000Z","list":[1,"둘",null],"nested":{"ok":true}}');
    expect(response.headers.get("Content-Type")).toBe("application/json; charset=utf-8");
    expect(await response.json()).toEqual({ when: "2026-12-05T03:00:00.000Z", list: [1, "둘", null], nested: { ok: true } });
  });

  it("gives the page the data as JSON gives it: dates as text, undefined left out", async () => {
    const handler = createStaticHandler([{ id: "root", path: "/", loader: () => json(data, { headers: { "X-Test": "yes" } }) }]);
    const context = await handler.query(new Request("http://madang.test/"));
    if (context instanceof Response) throw new Error("expected a context, not a Response");
    expect(context.loaderData.root).toStrictEqual({ when: "2026-12-05T03:00:00.000Z", list: [1, "둘", null], nested: { ok: true } });
    expect(context.loaderHeaders.root.get("X-Test")).toBe("yes");
  });

  it("reads a Response made elsewhere (not by json()) from its body, as before", async () => {
    const handler = createStaticHandler([
      { id: "root", path: "/", loader: () => new Response('{"made":"by hand"}', { headers: { "Content-Type": "application/json" } }) },
    ]);
    const context = await handler.query(new Request("http://madang.test/"));
    if (context instanceof Response) throw new Error("expected a context, not a Response");
    expect(context.loaderData.root).toEqual({ made: "by hand" });
  });
});

describe("the request a loader is given", () => {
  const seen = async (url: string) => {
    let given: Request | null = null;
    const request = new Request(url);
    await callRouteLoader({
      loader: ({ request }) => {
        given = request;
        return null;
      },
      request,
      params: {},
      loadContext: {},
      routeId: "routes/test",
      singleFetch: false,
    });
    return { given: given as unknown as Request, request };
  };

  it("has Remix's own parameters taken out of its address", async () => {
    expect((await seen("http://madang.test/ideas/7?index&_data=routes%2Fideas.%24id._index")).given.url).toBe("http://madang.test/ideas/7");
    expect((await seen("http://madang.test/ideas?_data=routes%2Fideas._index&sort=new")).given.url).toBe("http://madang.test/ideas?sort=new");
    // An `index` parameter with a value is the page's own, and stays.
    expect((await seen("http://madang.test/x?index=2&index")).given.url).toBe("http://madang.test/x?index=2");
  });

  it("has its query written as a form writes it, as Remix always gave it", async () => {
    expect((await seen("http://madang.test/search?q=a%20b")).given.url).toBe("http://madang.test/search?q=a+b");
  });

  it("is the request itself when there is nothing to take out", async () => {
    for (const url of ["http://madang.test/about", "http://madang.test/ideas?sort=new&page=2", "http://madang.test/search?q=%EC%95%88%EC%A0%84"]) {
      const { given, request } = await seen(url);
      expect(given.url).toBe(request.url);
      expect(given).toBe(request);
    }
  });
});

describe("json()'s Response made by the app's textResponse", () => {
  it("reads as a Response of the same JSON, and is one to Remix", async () => {
    const response = json({ title: "버스 노선", count: 3 }, { status: 201, headers: { "X-Test": "yes" } });
    expect(renderedText(response)).toBe('{"title":"버스 노선","count":3}');
    expect(isResponse(response)).toBe(true);
    expect(response).toBeInstanceOf(Response);
    expect(response.status).toBe(201);
    expect(response.headers.get("X-Test")).toBe("yes");
    expect(response.headers.get("Content-Type")).toBe("application/json; charset=utf-8");
    expect(response.bodyUsed).toBe(false);
    expect(await response.clone().json()).toEqual({ title: "버스 노선", count: 3 });
    expect(await response.text()).toBe('{"title":"버스 노선","count":3}');
    expect(response.bodyUsed).toBe(true);
  });

  it("is not something else that has a status and headers", () => {
    expect(isResponse({ status: 200, statusText: "", headers: {} })).toBe(false);
    expect(isResponse(null)).toBe(false);
  });
});

describe("the page's hand-off (window.__remixContext)", () => {
  const loadedState = async () => {
    const handler = createStaticHandler([
      {
        id: "root",
        path: "/",
        loader: () => json({ user: { name: "김민지 <b>&</b>" }, line: "\u2028", when: new Date(Date.UTC(2026, 11, 6)) }),
        children: [
          { id: "routes/a", index: true, loader: () => json({ ideas: [{ id: 1, title: "</script><script>alert(1)</script>" }], empty: [] }) },
        ],
      },
    ]);
    const context = await handler.query(new Request("http://madang.test/"));
    if (context instanceof Response) throw new Error("expected a context, not a Response");
    return context.loaderData;
  };

  it("is the JSON of the state, escaped for a script element, as Remix writes it", async () => {
    const loaderData = await loadedState();
    const handoff = { basename: "/", future: { v3_fetcherPersist: true }, isSpaMode: false, state: { loaderData, actionData: null, errors: null } };
    const expected = escapeHtml(
      '{"basename":"/","future":{"v3_fetcherPersist":true},"isSpaMode":false,"state":{"loaderData":{"root":{"user":{"name":"김민지 <b>&</b>"},"line":"\\u2028","when":"2026-12-06T00:00:00.000Z"},' +
        '"routes/a":{"ideas":[{"id":1,"title":"</script><script>alert(1)</script>"}],"empty":[]}},"actionData":null,"errors":null}}',
    );
    expect(createServerHandoffString(handoff)).toBe(expected);
    expect(createServerHandoffString(handoff)).not.toContain("</script>");
  });

  it("writes data that no json() made, and leaves out a route with none, as JSON.stringify does", () => {
    const handoff = { state: { loaderData: { root: null, "routes/b": { made: "by hand" }, "routes/c": undefined }, actionData: { saved: true }, errors: null } };
    expect(createServerHandoffString(handoff)).toBe(escapeHtml('{"state":{"loaderData":{"root":null,"routes/b":{"made":"by hand"}},"actionData":{"saved":true},"errors":null}}'));
  });
});
