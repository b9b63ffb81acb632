import { describe, expect, it } from "vitest";
import {
  canLiftSuspension,
  canManageBlocklist,
  canModerate,
  flagRefusal,
  seesHiddenContent,
  suspendRefusal,
} from "../../app/domain/moderation/permissions";
import { DecisionSchema, FlagSchema, InvalidationSchema, MergeSchema, parseAccountList } from "../../app/domain/moderation/schemas";
import { actor } from "./actors";

const none = { committeeId: null, agencyId: null };
const later = new Date(Date.now() + 86_400_000);
const people = {
  visitor: null,
  unverified: actor([], { emailVerified: false }),
  suspended: actor([], { suspendedUntil: later }),
  citizen: actor(),
  chair: actor([{ role: "committee_chair", committeeId: 1, agencyId: null }]),
  officer: actor([{ role: "agency_officer", committeeId: null, agencyId: 7 }]),
  moderator: actor([{ role: "moderator", ...none }]),
  admin: actor([{ role: "admin", ...none }]),
  suspendedModerator: actor([{ role: "moderator", ...none }], { suspendedUntil: later }),
};
type Person = keyof typeof people;

describe("who may moderate, role by role", () => {
  const table: [Person, { moderate: boolean; lift: boolean; blocklist: boolean; flag: string | null }][] = [
    ["visitor", { moderate: false, lift: false, blocklist: false, flag: "signin" }],
    ["unverified", { moderate: false, lift: false, blocklist: false, flag: "unverified" }],
    ["suspended", { moderate: false, lift: false, blocklist: false, flag: "suspended" }],
    ["citizen", { moderate: false, lift: false, blocklist: false, flag: null }],
    ["chair", { moderate: false, lift: false, blocklist: false, flag: null }],
    ["officer", { moderate: false, lift: false, blocklist: false, flag: null }],
    ["moderator", { moderate: true, lift: false, blocklist: false, flag: null }],
    ["admin", { moderate: true, lift: true, blocklist: true, flag: null }],
    ["suspendedModerator", { moderate: false, lift: false, blocklist: false, flag: "suspended" }],
  ];
  it.each(table)("%s", (who, expected) => {
    const a = people[who];
    expect(canModerate(a)).toBe(expected.moderate);
    expect(canLiftSuspension(a)).toBe(expected.lift);
    expect(canManageBlocklist(a)).toBe(expected.blocklist);
    expect(flagRefusal(a, { authorId: 99 })).toBe(expected.flag);
  });

  it("nobody flags their own item, nor the same item twice", () => {
    expect(flagRefusal(people.citizen, { authorId: 1 })).toBe("own");
    expect(flagRefusal(people.citizen, { authorId: 99, alreadyFlagged: true })).toBe("already");
  });

  it("moderators suspend citizens; only admins suspend staff; nobody suspends themselves", () => {
    expect(suspendRefusal(people.moderator, { id: 5, staff: false })).toBeNull();
    expect(suspendRefusal(people.moderator, { id: 5, staff: true })).toBe("forbidden");
    expect(suspendRefusal(people.admin, { id: 5, staff: true })).toBeNull();
    expect(suspendRefusal(people.admin, { id: 1, staff: true })).toBe("forbidden");
    expect(suspendRefusal(people.citizen, { id: 5, staff: false })).toBe("forbidden");
    expect(suspendRefusal(null, { id: 5, staff: false })).toBe("signin");
  });

  it("hidden content: its author and moderators still read it", () => {
    expect(seesHiddenContent(people.citizen, 1)).toBe(true);
    expect(seesHiddenContent(people.citizen, 2)).toBe(false);
    expect(seesHiddenContent(people.moderator, 2)).toBe(true);
    expect(seesHiddenContent(null, 2)).toBe(false);
  });
});

describe("moderation forms", () => {
  it("a flag needs a known reason, and details for 'other'", () => {
    expect(FlagSchema.safeParse({ targetType: "post", targetId: "3", reason: "spam" }).success).toBe(true);
    expect(FlagSchema.safeParse({ targetType: "post", targetId: "3", reason: "bored" }).success).toBe(false);
    expect(FlagSchema.safeParse({ targetType: "post", targetId: "3", reason: "other", details: "" }).success).toBe(false);
    expect(FlagSchema.safeParse({ targetType: "post", targetId: "3", reason: "other", details: "It is a scam." }).success).toBe(true);
    expect(FlagSchema.safeParse({ targetType: "user", targetId: "3", reason: "spam" }).success).toBe(false);
  });

  it("a decision needs a preset reason of its own kind", () => {
    const base = { targetType: "idea", targetId: "1" };
    expect(DecisionSchema.safeParse({ ...base, decision: "hide", reason: "personal_data" }).success).toBe(true);
    expect(DecisionSchema.safeParse({ ...base, decision: "hide", reason: "no_violation" }).success).toBe(false);
    expect(DecisionSchema.safeParse({ ...base, decision: "dismiss", reason: "no_violation" }).success).toBe(true);
    expect(DecisionSchema.safeParse({ ...base, decision: "restore", reason: "" }).success).toBe(false);
    expect(DecisionSchema.safeParse({ ...base, decision: "hide", reason: "other", note: "" }).success).toBe(false);
  });

  it("a merge target can be a number, #number or an idea's address", () => {
    for (const targetId of ["12", "#12", "https://madang.example/ideas/12", "/ideas/12?x=1"]) {
      const parsed = MergeSchema.safeParse({ targetId, reason: "The same proposal." });
      expect(parsed.success && parsed.data.targetId).toBe(12);
    }
    expect(MergeSchema.safeParse({ targetId: "twelve", reason: "The same proposal." }).success).toBe(false);
  });

  it("an invalidation names the idea and at least one criterion", () => {
    const base = { ideaId: "4", reason: "Coordinated accounts found in review." };
    expect(InvalidationSchema.safeParse(base).success).toBe(false);
    expect(InvalidationSchema.safeParse({ ...base, ipPrefix: "203.0.113.0/24" }).success).toBe(true);
    expect(InvalidationSchema.safeParse({ ...base, ipPrefix: "somewhere" }).success).toBe(false);
    expect(InvalidationSchema.safeParse({ ...base, from: "2026-11-24T10:00", to: "2026-11-24T09:00" }).success).toBe(false);
    const parsed = InvalidationSchema.safeParse({ ...base, from: "2026-11-24T10:00" });
    // datetime-local values are Korea time.
    expect(parsed.success && parsed.data.from?.toISOString()).toBe("2026-11-24T01:00:00.000Z");
    expect(InvalidationSchema.safeParse({ ...base, accounts: "12, #13 minji@example.org" }).success).toBe(true);
    expect(InvalidationSchema.safeParse({ ...base, accounts: "12 who?" }).success).toBe(false);
  });

  it("account lists", () => {
    expect(parseAccountList("12, #13\nMinji@Example.org 12")).toEqual({ ids: [12, 13], emails: ["minji@example.org"], invalid: [] });
  });
});
