// A page's Response (app/utils/rendered-text.ts) makes its body only when something reads it: to
// anyone who reads it, it must read as a Response made of the same text does (the platform's own
// Response is the expectation), and the server's adapter must find the text on it.
import { describe, expect, it } from "vitest";
import { renderedText, textResponse } from "~/utils/rendered-text";

const page = "<!DOCTYPE html><html lang=\"ko\"><p>시민 제안 · 마당</p></html>";
const init = () => ({ status: 404, statusText: "Not Found", headers: { "Content-Type": "text/html; charset=utf-8", "X-Test": "yes" } });

describe("a page's Response", () => {
  it("carries its text for the server", () => {
    expect(renderedText(textResponse(page, init()))).toBe(page);
    expect(renderedText(new Response(page))).toBeUndefined();
  });

  it("has the status and headers it was given", () => {
    const response = textResponse(page, init());
    expect(response.status).toBe(404);
    expect(response.statusText).toBe("Not Found");
    expect(response.ok).toBe(false);
    expect(Object.fromEntries(response.headers)).toEqual(Object.fromEntries(new Response(page, init()).headers));
    expect(response).toBeInstanceOf(Response);
  });

  it("says text/plain when given no type, as a Response of a string does", () => {
    expect(textResponse(page, {}).headers.get("Content-Type")).toBe(new Response(page).headers.get("Content-Type"));
  });

  it("reads as a Response of the same text: text, bytes, blob, JSON", async () => {
    expect(await textResponse(page, init()).text()).toBe(await new Response(page).text());
    expect(new Uint8Array(await textResponse(page, init()).arrayBuffer())).toEqual(new Uint8Array(await new Response(page).arrayBuffer()));
    expect(await (await textResponse(page, init()).blob()).text()).toBe(page);
    expect(await textResponse('{"a":[1,"둘"]}', {}).json()).toEqual({ a: [1, "둘"] });
  });

  it("streams its body, and is used once read", async () => {
    const response = textResponse(page, init());
    expect(response.bodyUsed).toBe(false);
    const chunks: Uint8Array[] = [];
    const reader = response.body!.getReader();
    for (let next = await reader.read(); !next.done; next = await reader.read()) chunks.push(next.value);
    expect(Buffer.concat(chunks).toString("utf8")).toBe(page);
    expect(response.bodyUsed).toBe(true);
    await expect(response.text()).rejects.toThrow();
  });

  it("clones into a Response that reads the same, until its body is used", async () => {
    const response = textResponse(page, init());
    const copy = response.clone();
    expect(copy.status).toBe(404);
    expect(copy.headers.get("X-Test")).toBe("yes");
    expect(await copy.text()).toBe(page);
    expect(await response.text()).toBe(page);
    expect(() => response.clone()).toThrow();
  });
});
