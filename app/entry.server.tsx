import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { renderToString } from "react-dom/server";
import { NonceProvider } from "./ui/nonce";
import { IslandKeeperContext } from "./ui/static-island";
import { islandKeeper } from "./utils/kept-islands.server";
import { serverPartKeys } from "./utils/catalogs.server";
import { recordingMessages, setPartKeys } from "./utils/i18n";
import { textResponse } from "./utils/rendered-text";

let partKeysSet = false;

// The whole page is rendered to one string. React 18.3's streaming renderer
// (renderToPipeableStream) can emit NUL bytes where a multi-byte character — most Korean text —
// falls on its internal 2 KB chunk boundary (react#24985, fixed only in React 19), and no page
// here streams deferred data, so streaming would buy nothing. Rendering in one synchronous pass
// also lets the page say, at its end, which parts of the catalog it used (app/utils/i18n.ts).
export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  if (!partKeysSet) {
    setPartKeys(await serverPartKeys());
    partKeysSet = true;
  }
  // Static islands shown before with the same data are written from their kept HTML (decision 075).
  const keeper = islandKeeper();
  const html = recordingMessages(() =>
    renderToString(
      <NonceProvider value={loadContext.nonce}>
        <IslandKeeperContext.Provider value={keeper}>
          <RemixServer context={remixContext} url={request.url} />
        </IslandKeeperContext.Provider>
      </NonceProvider>,
    ),
  );
  responseHeaders.set("Content-Type", "text/html; charset=utf-8");
  return textResponse(`<!DOCTYPE html>${keeper.finish(html)}`, { status: responseStatusCode, headers: responseHeaders });
}
