// The shape the use-case kernel (docs/decisions/021) asks of the domain, read from the code:
// the converted areas write through `execute` (no transaction of their own, no `actor!` after
// a check the compiler cannot see), and no domain module knows about HTTP.
import { describe, expect, it } from "vitest";
import { appSources } from "./sources";

const domain = appSources().filter(([file]) => file.startsWith("domain/"));

/** Areas whose state-changing use cases all go through the kernel (issue 13). */
const CONVERTED = ["domain/deliberation/", "domain/moderation/", "domain/campaigns/", "domain/workflow/", "domain/accounts/roles", "domain/accounts/settings"];
/** Work that is not a person's use case: the burst watch raises alerts on its own, after a support. */
const SYSTEM = ["domain/moderation/burst.server.ts", "domain/workflow/automatic.server.ts"];

describe("the use-case kernel's shape", () => {
  it("the converted areas open no transaction of their own: their use cases run through execute()", () => {
    const own = domain
      .filter(([file]) => CONVERTED.some((area) => file.startsWith(area)) && !SYSTEM.includes(file))
      .filter(([, text]) => /\.transaction\(\)/.test(text))
      .map(([file]) => file);
    expect(own).toEqual([]);
  });

  it("no `actor!` in the domain outside the ideas area (which its own helper converts)", () => {
    const asserted = domain.filter(([file, text]) => !file.startsWith("domain/ideas/") && /\bactor!/.test(text)).map(([file]) => file);
    expect(asserted).toEqual([]);
  });

  it("one refusal mapper: the kernel's; the discussion and moderation modules define none of their own", () => {
    const mappers = domain
      .filter(([file]) => !file.startsWith("domain/ideas/") && file !== "domain/use-case.server.ts")
      .filter(([, text]) => /function (refusalFailure|refusalResult|discussionFailure)\b/.test(text))
      .map(([file]) => file);
    expect(mappers).toEqual([]);
  });

  it("Request, Response and FormData stay out of the domain (routes and app/http handle them)", () => {
    const http = domain
      .filter(([, text]) => /@remix-run\/|\bnew Response\(|\bFormData\b|\bRequest\b(?!\w)/.test(text.replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, "")))
      .map(([file]) => file);
    expect(http).toEqual([]);
  });
});
