// Guests in a deliberation (decision 054), the pure rules: who invites and withdraws (the chair of
// the idea's committee), and when a guest may post (in that idea's deliberation thread only, while
// the idea is in deliberation, as a verified, unsuspended person).
import { describe, expect, it } from "vitest";
import { inviteGuestRefusal, withdrawGuestRefusal, type GuestFacts } from "../../app/domain/deliberation/guests";
import { postRefusal, postsAsGuest, type ThreadFacts } from "../../app/domain/deliberation/permissions";
import { actor } from "./actors";

const COMMITTEE = 4;
const IDEA = 70;
const chair = actor([{ role: "committee_chair", committeeId: COMMITTEE, agencyId: null }], { id: 10 });
const member = actor([{ role: "committee_member", committeeId: COMMITTEE, agencyId: null }], { id: 11 });
const otherChair = actor([{ role: "committee_chair", committeeId: 5, agencyId: null }], { id: 12 });
const admin = actor([{ role: "admin", committeeId: null, agencyId: null }], { id: 13 });
const author = actor([], { id: 20 });
const officer = actor([{ role: "agency_officer", committeeId: null, agencyId: 2 }], { id: 21 });
const citizen = actor([], { id: 22 });

const deliberating: GuestFacts = { committeeId: COMMITTEE, ideaId: IDEA, ideaStatus: "in_deliberation" };

describe("inviting a guest", () => {
  it("is the chair's of the idea's committee, nobody else's", () => {
    expect(inviteGuestRefusal(chair, deliberating)).toBeNull();
    expect(inviteGuestRefusal(member, deliberating)).toBe("notChair");
    expect(inviteGuestRefusal(otherChair, deliberating)).toBe("notChair");
    expect(inviteGuestRefusal(admin, deliberating)).toBe("notChair");
    expect(inviteGuestRefusal(author, deliberating)).toBe("notChair");
    expect(inviteGuestRefusal(null, deliberating)).toBe("signin");
    expect(inviteGuestRefusal(actor(chair.grants, { id: 10, suspendedUntil: new Date(Date.now() + 86_400_000) }), deliberating)).toBe("suspended");
  });

  it("only while the idea is in deliberation, and only in an idea's thread", () => {
    expect(inviteGuestRefusal(chair, { ...deliberating, ideaStatus: "fast_tracked" })).toBe("notInDeliberation");
    expect(inviteGuestRefusal(chair, { ...deliberating, ideaStatus: "under_review" })).toBe("notInDeliberation");
    expect(inviteGuestRefusal(chair, { ...deliberating, ideaId: null, ideaStatus: null })).toBe("notChair");
  });

  it("the chair withdraws an invitation even after the recommendation; a member may not", () => {
    expect(withdrawGuestRefusal(chair, { ...deliberating, ideaStatus: "under_review" })).toBeNull();
    expect(withdrawGuestRefusal(member, deliberating)).toBe("notChair");
    expect(withdrawGuestRefusal(otherChair, deliberating)).toBe("notChair");
  });
});

describe("posting as a guest", () => {
  const thread: ThreadFacts = { kind: "committee", committeeId: COMMITTEE, lockedAt: null, ideaStatus: "in_deliberation", ideaId: IDEA, guestIds: [author.id, officer.id] };

  it("the invited author and officer post in the idea's deliberation thread; an uninvited citizen does not", () => {
    expect(postRefusal(author, thread)).toBeNull();
    expect(postRefusal(officer, thread)).toBeNull();
    expect(postsAsGuest(author, thread)).toBe(true);
    expect(postRefusal(citizen, thread)).toBe("forbidden");
    expect(postRefusal(null, thread)).toBe("signin");
  });

  it("a member posts as a member even when listed as a guest", () => {
    const listed = { ...thread, guestIds: [member.id] };
    expect(postsAsGuest(member, listed)).toBe(false);
    expect(postRefusal(member, listed)).toBeNull();
  });

  it("not in another thread: a committee's general thread has no guests, nor a thread without their invitation", () => {
    expect(postRefusal(author, { ...thread, ideaId: null })).toBe("forbidden");
    expect(postRefusal(author, { ...thread, guestIds: [] })).toBe("forbidden");
    // The comments of an idea are open to citizens anyway: the guest is no different there.
    expect(postsAsGuest(author, { kind: "idea_comments", committeeId: null, lockedAt: null, ideaStatus: "in_deliberation", ideaId: IDEA, guestIds: [author.id] })).toBe(false);
  });

  it("not after the recommendation (the idea left deliberation), nor in a locked thread", () => {
    expect(postRefusal(author, { ...thread, ideaStatus: "under_review" })).toBe("guestClosed");
    expect(postRefusal(author, { ...thread, ideaStatus: "closed" })).toBe("guestClosed");
    expect(postRefusal(author, { ...thread, lockedAt: new Date() })).toBe("locked");
    // Members keep their own rule: the thread stays theirs after the recommendation.
    expect(postRefusal(member, { ...thread, ideaStatus: "under_review" })).toBeNull();
  });

  it("a guest takes part as a citizen: verified and not suspended", () => {
    expect(postRefusal(actor([], { id: author.id, emailVerified: false }), thread)).toBe("unverified");
    expect(postRefusal(actor([], { id: author.id, suspendedUntil: new Date(Date.now() + 86_400_000) }), thread)).toBe("suspended");
  });
});
