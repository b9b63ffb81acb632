import { describe, expect, it } from "vitest";
import {
  canManageRoles,
  chairsCommittee,
  isModerator,
  participationRefusal,
  sitsOnCommittee,
  worksForAgency,
} from "../../app/domain/accounts/permissions";
import { actor } from "./actors";

const none = { committeeId: null, agencyId: null };
const people = {
  visitor: null,
  unverified: actor([], { emailVerified: false }),
  suspended: actor([], { suspendedUntil: new Date(Date.now() + 86_400_000) }),
  formerlySuspended: actor([], { suspendedUntil: new Date(Date.now() - 1000) }),
  citizen: actor(),
  member: actor([{ role: "committee_member", committeeId: 1, agencyId: null }]),
  chair: actor([{ role: "committee_chair", committeeId: 1, agencyId: null }]),
  officer: actor([{ role: "agency_officer", committeeId: null, agencyId: 7 }]),
  moderator: actor([{ role: "moderator", ...none }]),
  admin: actor([{ role: "admin", ...none }]),
  suspendedAdmin: actor([{ role: "admin", ...none }], { suspendedUntil: new Date(Date.now() + 60_000) }),
};

// One row per kind of person: what each permission function answers for them.
const table: Record<keyof typeof people, [string | null, boolean, boolean, boolean, boolean, boolean, boolean]> = {
  //                 participate   roles  moderate chair1 sits1  sits2  agency7
  visitor: ["signin", false, false, false, false, false, false],
  unverified: ["unverified", false, false, false, false, false, false],
  suspended: ["suspended", false, false, false, false, false, false],
  formerlySuspended: [null, false, false, false, false, false, false],
  citizen: [null, false, false, false, false, false, false],
  member: [null, false, false, false, true, false, false],
  chair: [null, false, false, true, true, false, false],
  officer: [null, false, false, false, false, false, true],
  moderator: [null, false, true, false, false, false, false],
  admin: [null, true, true, false, false, false, false],
  suspendedAdmin: ["suspended", false, true, false, false, false, false],
};

describe("permissions, role by role", () => {
  it.each(Object.entries(table))("%s", (who, expected) => {
    const a = people[who as keyof typeof people];
    expect([
      participationRefusal(a),
      canManageRoles(a),
      isModerator(a),
      chairsCommittee(a, 1),
      sitsOnCommittee(a, 1),
      sitsOnCommittee(a, 2),
      worksForAgency(a, 7),
    ]).toEqual(expected);
  });
});
