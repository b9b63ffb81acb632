// The rules of transfers, staff notes and follow-through (issue 15; decisions 035, 042), as pure
// functions: who may reply to a transfer and until when; who reads staff notes; when citizens'
// verdict obliges a follow-up answer; what the history's address may ask.
import { describe, expect, it } from "vitest";
import { followThroughDue } from "../../app/domain/agencies/follow-through.server";
import { historyQuery } from "../../app/domain/agencies/history.server";
import { mayUseStaffNotes, transferReplyRefusal, transferTargetRefusal } from "../../app/domain/agencies/permissions";
import { actor } from "./actors";

const MOEF = 1;
const MOHW = 2;
const officerOf = (agencyId: number, extra = {}) => actor([{ role: "agency_officer", agencyId, committeeId: null }], extra);
const now = new Date("2026-11-05T03:00:00Z");
const pending = { toAgencyId: MOHW, replyDueAt: new Date("2026-11-10T15:00:00Z") };
const underReview = { status: "under_review" as const };

describe("replying to a transfer", () => {
  it("is for the receiving agency's officers only", () => {
    expect(transferReplyRefusal(officerOf(MOHW), underReview, pending, now)).toBeNull();
    expect(transferReplyRefusal(officerOf(MOEF), underReview, pending, now)).toBe("forbidden");
    expect(transferReplyRefusal(actor([{ role: "agency_supervisor", agencyId: MOHW, committeeId: null }]), underReview, pending, now)).toBe("forbidden");
    expect(transferReplyRefusal(actor([{ role: "admin", agencyId: null, committeeId: null }]), underReview, pending, now)).toBe("forbidden");
    expect(transferReplyRefusal(actor(), underReview, pending, now)).toBe("forbidden");
    expect(transferReplyRefusal(null, underReview, pending, now)).toBe("forbidden");
    expect(transferReplyRefusal(officerOf(MOHW, { suspendedUntil: new Date("2027-01-01T00:00:00Z") }), underReview, pending, now)).toBe("forbidden");
  });

  it("ends with the reply period, and when the idea moved on", () => {
    expect(transferReplyRefusal(officerOf(MOHW), underReview, pending, new Date("2026-11-10T14:59:59Z"))).toBeNull();
    expect(transferReplyRefusal(officerOf(MOHW), underReview, pending, new Date("2026-11-10T15:00:00Z"))).toBe("lapsed");
    expect(transferReplyRefusal(officerOf(MOHW), { status: "answered" }, pending, now)).toBe("movedOn");
    expect(transferReplyRefusal(officerOf(MOHW), underReview, null, now)).toBe("movedOn");
  });

  it("is proposed to another agency than the one holding the idea", () => {
    expect(transferTargetRefusal(MOEF, MOEF)).toBe("sameAgency");
    expect(transferTargetRefusal(MOEF, MOHW)).toBeNull();
  });
});

describe("staff notes", () => {
  const idea = { committeeId: 7, agencyId: MOEF };
  it("are read by the idea's committee and agency staff, nobody else", () => {
    expect(mayUseStaffNotes(actor([{ role: "committee_member", committeeId: 7, agencyId: null }]), idea)).toBe(true);
    expect(mayUseStaffNotes(actor([{ role: "committee_chair", committeeId: 7, agencyId: null }]), idea)).toBe(true);
    expect(mayUseStaffNotes(officerOf(MOEF), idea)).toBe(true);
    expect(mayUseStaffNotes(actor([{ role: "agency_supervisor", agencyId: MOEF, committeeId: null }]), idea)).toBe(true);
    expect(mayUseStaffNotes(actor([{ role: "committee_chair", committeeId: 8, agencyId: null }]), idea)).toBe(false);
    expect(mayUseStaffNotes(officerOf(MOHW), idea)).toBe(false);
    expect(mayUseStaffNotes(actor([{ role: "admin", agencyId: null, committeeId: null }]), idea)).toBe(false);
    expect(mayUseStaffNotes(actor([{ role: "moderator", agencyId: null, committeeId: null }]), idea)).toBe(false);
    expect(mayUseStaffNotes(actor(), idea)).toBe(false);
    expect(mayUseStaffNotes(null, idea)).toBe(false);
    expect(mayUseStaffNotes(officerOf(MOEF, { suspendedUntil: new Date(Date.now() + 86_400_000) }), idea)).toBe(false);
  });
});

describe("follow-through", () => {
  const settings = { follow_through_min_raters: 30, follow_through_no_percent: 50 };
  it("obliges a follow-up when at least the share of at least the number of raters say no", () => {
    expect(followThroughDue({ no: 15, total: 30 }, settings)).toBe(true);
    expect(followThroughDue({ no: 14, total: 30 }, settings)).toBe(false);
    expect(followThroughDue({ no: 29, total: 29 }, settings)).toBe(false);
    expect(followThroughDue({ no: 51, total: 101 }, settings)).toBe(true);
    expect(followThroughDue({ no: 50, total: 101 }, settings)).toBe(false);
    expect(followThroughDue({ no: 0, total: 0 }, { follow_through_min_raters: 1, follow_through_no_percent: 100 })).toBe(false);
  });
});

describe("the history's address", () => {
  it("keeps what it knows and ignores the rest", () => {
    expect(historyQuery(new URLSearchParams("q=  버스  &status=answered&outcome=accepted&assignee=me&due=overdue&sort=recent&page=3"))).toEqual({
      q: "버스",
      status: "answered",
      outcome: "accepted",
      assignee: "me",
      due: "overdue",
      sort: "recent",
      page: 3,
    });
    expect(historyQuery(new URLSearchParams("status=pending&outcome=x&assignee=-1&due=soon&sort=id&page=0"))).toEqual({ q: "", status: "", outcome: "", assignee: "", due: "", sort: "due", page: 1 });
    expect(historyQuery(new URLSearchParams("assignee=99999999999&page=1e9")).assignee).toBe("");
    expect(historyQuery(new URLSearchParams(`q=${"x".repeat(500)}`)).q).toHaveLength(100);
  });
});
