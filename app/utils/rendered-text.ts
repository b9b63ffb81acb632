// The page's text beside the Response that carries it. entry.server.tsx renders a page to one
// string and answers with a Response of it; the server's adapter (remix-express.server.ts) would
// otherwise read that string back out of the Response's stream, byte by byte, to compress it.
// The text rides on the Response under a registered symbol (Symbol.for), because the built app and
// the server that loads it each hold their own copy of this module.
const RENDERED_TEXT = Symbol.for("madang.renderedText");

/** A Response of this text that also carries the text itself. */
export function textResponse(text: string, init: ResponseInit): Response {
  const response = new Response(text, init);
  Object.defineProperty(response, RENDERED_TEXT, { value: text });
  return response;
}

/** The text a Response was made of by `textResponse`, if it was. */
export function renderedText(response: Response): string | undefined {
  return (response as unknown as Record<symbol, string | undefined>)[RENDERED_TEXT];
}
