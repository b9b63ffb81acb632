// Verification levels and who may take part in a call for ideas: pure functions of plain facts,
// used by the pages (to say what is needed) and by the use cases (to refuse). Decision 049.
// Browser-safe: no server imports.
import { HOUR_MS } from "../../utils/korea-time";

/** 0 none, 1 e-mail verified, 2 identity verified (OpenID Connect), 3 verified in person. */
export type Level = 0 | 1 | 2 | 3;

/** From this level a support counts as "verified" (identity or in person). */
export const VERIFIED: Level = 2;

export interface VerificationFacts {
  emailVerified: boolean;
  /** The current identity verification, if any (expired ones still come here). */
  method: "oidc" | "in_person" | null;
  expiresAt: Date | null;
  birthYear: number | null;
  provinceId: number | null;
}

/** The level a person holds now: an expired verification falls back to the e-mail level. */
export function levelOf(facts: VerificationFacts, now: Date): Level {
  if (facts.method && facts.expiresAt && facts.expiresAt > now) return facts.method === "in_person" ? 3 : 2;
  return facts.emailVerified ? 1 : 0;
}

/** What a call asks of the people who propose to it and support its ideas. */
export interface CallRules {
  proposeLevel: number;
  supportLevel: number;
  /** Only people whose verified province is this one (a region's own call). */
  eligibleRegionId: number | null;
  minAge: number | null;
}

export type EligibilityRefusal =
  | { reason: "level"; needed: number }
  | { reason: "region" }
  | { reason: "age"; minAge: number };

/** Whether a call asks for more than a verified e-mail address. */
export function hasRules(rules: CallRules): boolean {
  return rules.proposeLevel > 1 || rules.supportLevel > 1 || rules.eligibleRegionId !== null || rules.minAge !== null;
}

/**
 * Why this person may not propose to (or support an idea of) this call, or null. A region or
 * an age can only be known from an identity verification that carries them, so a call with
 * either needs one even when its level says e-mail.
 */
export function eligibilityRefusal(rules: CallRules, act: "propose" | "support", person: VerificationFacts, now: Date): EligibilityRefusal | null {
  const level = levelOf(person, now);
  const needed = Math.max(act === "propose" ? rules.proposeLevel : rules.supportLevel, rules.eligibleRegionId !== null || rules.minAge !== null ? VERIFIED : 1);
  // The e-mail level is the participation rule's (accounts/permissions.ts), checked before this.
  if (needed >= VERIFIED && level < needed) return { reason: "level", needed };
  if (rules.eligibleRegionId !== null && person.provinceId !== rules.eligibleRegionId) return { reason: "region" };
  if (rules.minAge !== null) {
    // Born in year Y, a person is at least (this year - Y - 1) years old: only that is certain.
    if (person.birthYear === null || now.getUTCFullYear() - person.birthYear - 1 < rules.minAge) return { reason: "age", minAge: rules.minAge };
  }
  return null;
}

/**
 * A flag's weight in quarters (decision 050): a full flag (4) from an account older than the
 * setting's hours, or from one whose owner verified their identity; a quarter (1) from a new,
 * unverified account, so that a handful of fresh accounts cannot hide an idea at once.
 */
export function flagWeight(accountCreatedAt: Date, level: Level, newAccountHours: number, now: Date): number {
  if (level >= VERIFIED) return 4;
  return now.getTime() - accountCreatedAt.getTime() >= newAccountHours * HOUR_MS ? 4 : 1;
}
