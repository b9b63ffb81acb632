import { createRequire } from "node:module";
import { hash, verify } from "@node-rs/argon2";
import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import { adjacencyGraphs, dictionary as commonWords } from "@zxcvbn-ts/language-common";
import { dictionary as englishWords } from "@zxcvbn-ts/language-en";

// argon2id (the library's default algorithm) with OWASP's recommended minimum cost:
// 19 MiB of memory, 2 iterations, 1 lane.
const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// A hash to compare against when the account does not exist, so that a wrong e-mail takes as
// long as a wrong password and the response time does not reveal who has an account.
let decoyHash: Promise<string> | undefined;
export function decoyPasswordHash(): Promise<string> {
  decoyHash ??= hashPassword("madang-decoy-password-for-timing");
  return decoyHash;
}

const require = createRequire(import.meta.url);
let commonList: { test(password: string): boolean } | undefined;

/** True for passwords on Mozilla's list of the most common ones (fxa-common-password-list). */
export function isCommonPassword(password: string): boolean {
  commonList ??= require("fxa-common-password-list") as { test(password: string): boolean };
  const lowered = password.toLowerCase();
  return commonList.test(password) || commonList.test(lowered) || /^(.)\1+$/.test(password);
}

/** The estimator's score (0–4) a new password needs: "safely unguessable" against an offline attack on a slow hash. */
export const MIN_PASSWORD_SCORE = 3;

// zxcvbn-ts (decision 023): keyboard patterns, repeats, sequences, dates, common passwords,
// names and words with their common substitutions. Its cost grows fast with length and with
// letter-for-digit substitutions (a second and more for 64 digits), and it runs on the event
// loop: only the first 64 characters are weighed (a longer password is weighed by its start,
// which errs on the safe side) and at most 4 substitutions are tried, keeping the worst case
// near 0.2 s. It never reaches the browser bundle (this module is server-only).
let estimator: ZxcvbnFactory | undefined;
function strengthEstimator(): ZxcvbnFactory {
  estimator ??= new ZxcvbnFactory({
    dictionary: { ...commonWords, ...englishWords },
    graphs: adjacencyGraphs,
    maxLength: 64,
    l33tMaxSubstitutions: 4,
  });
  return estimator;
}

export interface PasswordStrength {
  score: number;
  /** Catalog-independent names of what is wrong and what to do (the estimator's keys). */
  warning: string | null;
  suggestions: string[];
}

/** How guessable a new password is, knowing the person's own words (address, name) that it should not lean on. */
export async function passwordStrength(password: string, personal: string[] = []): Promise<PasswordStrength> {
  const result = await strengthEstimator().check(password, personal.filter(Boolean));
  return { score: result.score, warning: result.feedback.warning, suggestions: result.feedback.suggestions };
}
