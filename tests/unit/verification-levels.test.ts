// Verification levels, call eligibility and flag weights (decisions 049, 050), as pure rules.
import { describe, expect, it } from "vitest";
import { eligibilityRefusal, flagWeight, levelOf, type VerificationFacts } from "../../app/domain/identity/levels";

const now = new Date("2026-12-04T12:00:00Z");
const later = new Date("2027-12-04T12:00:00Z");
const earlier = new Date("2026-12-01T12:00:00Z");
const person = (f: Partial<VerificationFacts> = {}): VerificationFacts => ({ emailVerified: true, method: null, expiresAt: null, birthYear: null, provinceId: null, ...f });
const rules = (r: Partial<{ proposeLevel: number; supportLevel: number; eligibleRegionId: number | null; minAge: number | null }> = {}) => ({
  proposeLevel: 1,
  supportLevel: 1,
  eligibleRegionId: null,
  minAge: null,
  ...r,
});

describe("levels", () => {
  it("e-mail 1, online 2, in person 3; an expired verification falls back to the e-mail level", () => {
    expect(levelOf(person({ emailVerified: false }), now)).toBe(0);
    expect(levelOf(person(), now)).toBe(1);
    expect(levelOf(person({ method: "oidc", expiresAt: later }), now)).toBe(2);
    expect(levelOf(person({ method: "in_person", expiresAt: later }), now)).toBe(3);
    expect(levelOf(person({ method: "in_person", expiresAt: earlier }), now)).toBe(1);
  });
});

describe("eligibility per call", () => {
  it("a call with no rules refuses nobody (the e-mail rule is the participation rule's)", () => {
    expect(eligibilityRefusal(rules(), "support", person({ emailVerified: false }), now)).toBeNull();
  });
  it("the level needed to propose and to support are separate", () => {
    const r = rules({ proposeLevel: 2, supportLevel: 1 });
    expect(eligibilityRefusal(r, "propose", person(), now)).toEqual({ reason: "level", needed: 2 });
    expect(eligibilityRefusal(r, "support", person(), now)).toBeNull();
    expect(eligibilityRefusal(rules({ supportLevel: 3 }), "support", person({ method: "oidc", expiresAt: later }), now)).toEqual({ reason: "level", needed: 3 });
  });
  it("a region or an age needs a verified identity that carries it", () => {
    expect(eligibilityRefusal(rules({ eligibleRegionId: 2 }), "support", person(), now)).toEqual({ reason: "level", needed: 2 });
    const verified = (f: Partial<VerificationFacts>) => person({ method: "oidc", expiresAt: later, ...f });
    expect(eligibilityRefusal(rules({ eligibleRegionId: 2 }), "support", verified({ provinceId: 1 }), now)).toEqual({ reason: "region" });
    expect(eligibilityRefusal(rules({ eligibleRegionId: 2 }), "support", verified({ provinceId: 2 }), now)).toBeNull();
    // Born in 2007: in December 2026 at least 18, perhaps 19. Only the certain age counts.
    expect(eligibilityRefusal(rules({ minAge: 19 }), "support", verified({ birthYear: 2007 }), now)).toEqual({ reason: "age", minAge: 19 });
    expect(eligibilityRefusal(rules({ minAge: 18 }), "support", verified({ birthYear: 2007 }), now)).toBeNull();
    expect(eligibilityRefusal(rules({ minAge: 18 }), "support", verified({ birthYear: null }), now)).toEqual({ reason: "age", minAge: 18 });
  });
});

describe("flag weights", () => {
  const hours = (h: number) => new Date(now.getTime() - h * 3_600_000);
  it("a quarter from a new unverified account, in full from an established or verified one", () => {
    expect(flagWeight(hours(0.05), 1, 72, now)).toBe(1);
    expect(flagWeight(hours(71), 1, 72, now)).toBe(1);
    expect(flagWeight(hours(72), 1, 72, now)).toBe(4);
    expect(flagWeight(hours(0.05), 2, 72, now)).toBe(4);
    expect(flagWeight(hours(0.05), 3, 72, now)).toBe(4);
  });
});
