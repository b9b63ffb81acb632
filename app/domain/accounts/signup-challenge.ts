// The sign-up proof-of-work as the page and the server both see it (decision 048): ALTCHA's
// challenge format (altcha-lib v2), solved in the browser with Web Crypto. Browser-safe.
import { solveChallenge, type Challenge } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/web/pbkdf2";

/** The form field that carries the solved challenge, as ALTCHA's widget names it. */
export const CHALLENGE_FIELD = "altcha";

export type SignupChallenge = Challenge;

/**
 * Solves a challenge the way a browser does (Web Crypto's PBKDF2, one attempt after another,
 * yielding between them) and returns the form field's value: ALTCHA's payload, the challenge and
 * its solution as base64 JSON. Null when it was stopped or took longer than `timeoutMs`.
 */
export async function solveSignupChallenge(challenge: SignupChallenge, options: { signal?: AbortSignal; timeoutMs?: number } = {}): Promise<string | null> {
  const controller = new AbortController();
  options.signal?.addEventListener("abort", () => controller.abort());
  const solution = await solveChallenge({ challenge, deriveKey, controller, timeout: options.timeoutMs ?? 120_000 });
  if (!solution) return null;
  const { parameters, signature } = challenge;
  return btoa(JSON.stringify({ challenge: { parameters, signature }, solution }));
}
