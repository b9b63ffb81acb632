// The rules of transfers, staff notes and follow-through (issue 15; decisions 035, 042), as pure
// functions: who may reply to a transfer and until when; who reads staff notes; when citizens'
// verdict obliges a follow-up answer; what the history's address may ask.
import { describe, expect, it } from "vitest";
import { followThroughDue } from "../../app/domain/agencies/follow-through.server";
import { historyQuery } from "../../app/domain/agencies/history.server";
import { extensionStepOf, extensionUsed, mayUseStaffNotes, transferReplyRefusal, transferTargetRefusal } from "../../app/domain/agencies/permissions";
import { REPLY_FIELDS, sameReplies, unansweredCount } from "../../app/domain/agencies/question-replies";
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

describe("extensions: once per step and holder (decision 055)", () => {
  const agencyStep = (agencyId: number) => ({ step: "agency" as const, agencyId, followUpId: null });
  const row = (step: string, agency_id: number | null, follow_up_id: number | null = null) => ({ step, agency_id, follow_up_id });

  it("names the step an extension is for, by the idea's status", () => {
    expect(extensionStepOf("fast_tracked", false)).toBe("committee");
    expect(extensionStepOf("in_deliberation", false)).toBe("committee");
    expect(extensionStepOf("under_review", false)).toBe("agency");
    expect(extensionStepOf("answered", true)).toBe("follow_up");
    expect(extensionStepOf("implementing", true)).toBe("follow_up");
    // Nothing to extend: no follow-up owed, or no step with a deadline.
    expect(extensionStepOf("answered", false)).toBeNull();
    expect(extensionStepOf("open", false)).toBeNull();
    expect(extensionStepOf("implemented", true)).toBeNull();
  });

  it("the agency's answer once per agency that holds it: a receiving agency after a transfer has its own", () => {
    expect(extensionUsed([], agencyStep(MOEF))).toBe(false);
    expect(extensionUsed([row("agency", MOEF)], agencyStep(MOEF))).toBe(true);
    expect(extensionUsed([row("agency", MOEF)], agencyStep(MOHW))).toBe(false);
    // Transferred back: the first agency's extension is spent.
    expect(extensionUsed([row("agency", MOEF), row("agency", MOHW)], agencyStep(MOEF))).toBe(true);
    // The committee's extension is the committee's.
    expect(extensionUsed([row("committee", null)], agencyStep(MOEF))).toBe(false);
    expect(extensionUsed([row("committee", null)], { step: "committee", agencyId: null, followUpId: null })).toBe(true);
  });

  it("each follow-up answer once", () => {
    const followUp = (id: number) => ({ step: "follow_up" as const, agencyId: MOEF, followUpId: id });
    expect(extensionUsed([row("agency", MOEF)], followUp(7))).toBe(false);
    expect(extensionUsed([row("follow_up", MOEF, 7)], followUp(7))).toBe(true);
    expect(extensionUsed([row("follow_up", MOEF, 7)], followUp(8))).toBe(false);
  });
});

describe("replies to the digest's open questions (decision 055)", () => {
  const questions = ["Cost?", "Where?", "Who evaluates?"];
  it("counts the questions without a reply; a blank reply is none", () => {
    expect(unansweredCount(questions, [])).toBe(3);
    expect(unansweredCount(questions, ["About 1 billion won.", "  ", undefined])).toBe(2);
    expect(unansweredCount(questions, ["a", "b", "c"])).toBe(0);
    expect(unansweredCount([], ["a"])).toBe(0);
  });

  it("compares replies question by question, ignoring surrounding spaces", () => {
    expect(sameReplies(["a", "", "c"], ["a ", undefined, "c"])).toBe(true);
    expect(sameReplies(["a"], ["a", "b"])).toBe(false);
    expect(sameReplies(["a", "b"], ["a", "c"])).toBe(false);
  });

  it("names one form field per question the digest may hold", () => {
    expect(REPLY_FIELDS).toHaveLength(10);
    expect(REPLY_FIELDS[0]).toBe("reply0");
    expect(REPLY_FIELDS[9]).toBe("reply9");
  });
});
