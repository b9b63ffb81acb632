import { createRequire } from "node:module";
import { hash, verify } from "@node-rs/argon2";

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
