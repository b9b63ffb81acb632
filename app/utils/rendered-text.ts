// The page's text beside the Response that carries it. entry.server.tsx renders a page to one
// string and answers with a Response of it; the server's adapter (remix-express.server.ts) sends
// that string, compressed in one call, and never reads the Response's stream. The text rides on
// the Response under a registered symbol (Symbol.for), because the built app and the server that
// loads it each hold their own copy of this module; json()'s Responses carry their text under the
// same symbol (patches/@remix-run+router, decision 079).
const RENDERED_TEXT = Symbol.for("madang.renderedText");

/**
 * A Response whose body is made only when something reads it (a test, another adapter): making a
 * Response's body of a string checks every character and sets up a stream, about 0.1 ms for an
 * idea's page, which the server's own adapter does not need (decision 079). Everything a Response
 * offers reads the same as a Response made of the text.
 */
class TextResponse extends Response {
  readonly #text: string;
  #full: Response | null = null;

  constructor(text: string, init: ResponseInit) {
    super(null, init);
    this.#text = text;
    // As a Response made of a string says, when nobody said otherwise.
    if (!this.headers.has("Content-Type")) this.headers.set("Content-Type", "text/plain;charset=UTF-8");
    Object.defineProperty(this, RENDERED_TEXT, { value: text });
  }

  /** The Response made of the text, made once, the first time the body is wanted. */
  #made(): Response {
    this.#full ??= new Response(this.#text, { status: this.status, statusText: this.statusText, headers: this.headers });
    return this.#full;
  }

  override get body() {
    return this.#made().body;
  }
  override get bodyUsed() {
    return this.#full?.bodyUsed ?? false;
  }
  override text() {
    return this.#made().text();
  }
  override json() {
    return this.#made().json();
  }
  override arrayBuffer() {
    return this.#made().arrayBuffer();
  }
  override blob() {
    return this.#made().blob();
  }
  override formData() {
    return this.#made().formData();
  }
  override clone(): Response {
    if (this.bodyUsed) return this.#made().clone(); // throws as a used Response's clone does
    return new TextResponse(this.#text, { status: this.status, statusText: this.statusText, headers: this.headers });
  }
}

/** A Response of this text that also carries the text itself. */
export function textResponse(text: string, init: ResponseInit): Response {
  return new TextResponse(text, init);
}

// Remix's json() makes its Responses with this too, when the module is loaded (patches/
// @remix-run+router and +server-runtime, decision 087): a loader's data is read back from its
// text and sent as it is, so the stream a Response of a string sets up (12 µs) went unused.
(globalThis as Record<symbol, unknown>)[Symbol.for("madang.textResponse")] = textResponse;

/** The text a Response was made of (by `textResponse`, or by Remix's json()), if it was. */
export function renderedText(response: Response): string | undefined {
  return (response as unknown as Record<symbol, string | undefined>)[RENDERED_TEXT];
}
