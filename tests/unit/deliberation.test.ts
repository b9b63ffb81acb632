import { describe, expect, it } from "vitest";
import {
  canEditPost,
  canLockThread,
  canUnlockThread,
  canOpenThread,
  postRefusal,
  removalBy,
  type ThreadFacts,
} from "../../app/domain/deliberation/permissions";
import {
  EDIT_WINDOW_MS,
  MAX_DEPTH,
  nestReplies,
  placeReply,
  withinEditWindow,
} from "../../app/domain/deliberation/rules";
import { EditPostSchema, LockSchema, PostSchema, ThreadSchema } from "../../app/domain/deliberation/schemas";
import { actor } from "./actors";

describe("the depth rule", () => {
  it("nests a reply one level under the post it answers, above depth 3", () => {
    expect(placeReply({ id: 10, depth: 0, parentId: null, parentDepth: null })).toEqual({ parentId: 10, depth: 1, replyToId: null });
    expect(placeReply({ id: 11, depth: 1, parentId: 10, parentDepth: 0 })).toEqual({ parentId: 11, depth: 2, replyToId: null });
    expect(placeReply({ id: 12, depth: 2, parentId: 11, parentDepth: 1 })).toEqual({ parentId: 12, depth: 3, replyToId: null });
  });

  it("attaches a deeper reply to the depth-3 ancestor, never deeper than depth 3", () => {
    // D (13) is the depth-3 post under C (12, depth 2): a reply to D hangs under D at depth 3.
    const toD = placeReply({ id: 13, depth: 3, parentId: 12, parentDepth: 2 });
    expect(toD).toEqual({ parentId: 13, depth: MAX_DEPTH, replyToId: null });
    // E (14) already hangs under D: a reply to E also attaches to D, and remembers it answers E.
    const toE = placeReply({ id: 14, depth: 3, parentId: 13, parentDepth: 3 });
    expect(toE).toEqual({ parentId: 13, depth: MAX_DEPTH, replyToId: 14 });
  });

  it("keeps every chain within depth 3, however long the conversation", () => {
    type Node = { id: number; depth: number; parentId: number | null };
    const nodes = new Map<number, Node>([[1, { id: 1, depth: 0, parentId: null }]]);
    let last = 1;
    for (let id = 2; id <= 30; id++) {
      const target = nodes.get(last)!;
      const parentDepth = target.parentId === null ? null : nodes.get(target.parentId)!.depth;
      const placed = placeReply({ ...target, parentDepth });
      nodes.set(id, { id, depth: placed.depth, parentId: placed.parentId });
      last = id;
    }
    const depths = [...nodes.values()].map((n) => n.depth);
    expect(Math.max(...depths)).toBe(3);
    // Everything past the fourth post hangs under the one depth-3 ancestor (post 4).
    expect([...nodes.values()].filter((n) => n.id > 4).every((n) => n.parentId === 4)).toBe(true);
  });
});

describe("the edit window", () => {
  const written = new Date("2026-11-24T10:00:00Z");
  it("is open for 15 minutes after writing, then closed", () => {
    expect(withinEditWindow(written, new Date(written.getTime() + 60_000))).toBe(true);
    expect(withinEditWindow(written, new Date(written.getTime() + EDIT_WINDOW_MS - 1))).toBe(true);
    expect(withinEditWindow(written, new Date(written.getTime() + EDIT_WINDOW_MS))).toBe(false);
    expect(withinEditWindow(written.toISOString(), new Date(written.getTime() + 16 * 60_000))).toBe(false);
  });
});

describe("nesting a page's replies", () => {
  it("puts each reply under its parent, oldest first, and drops those whose parent is not on the page", () => {
    type Row = { id: number; parent_id: number | null };
    const roots: Row[] = [
      { id: 1, parent_id: null },
      { id: 5, parent_id: null },
    ];
    const replies: Row[] = [
      { id: 7, parent_id: 2 },
      { id: 2, parent_id: 1 },
      { id: 3, parent_id: 1 },
      { id: 6, parent_id: 5 },
      { id: 8, parent_id: 99 },
    ];
    const tree = nestReplies(roots, replies);
    expect(tree.map((n) => n.post.id)).toEqual([1, 5]);
    expect(tree[0].replies.map((n) => n.post.id)).toEqual([2, 3]);
    expect(tree[0].replies[0].replies.map((n) => n.post.id)).toEqual([7]);
    expect(tree[1].replies.map((n) => n.post.id)).toEqual([6]);
  });
});

describe("who may do what in a discussion", () => {
  const none = { committeeId: null, agencyId: null };
  const later = new Date(Date.now() + 86_400_000);
  const people = {
    visitor: null,
    unverified: actor([], { emailVerified: false }),
    suspended: actor([], { suspendedUntil: later }),
    citizen: actor(),
    member: actor([{ role: "committee_member", committeeId: 1, agencyId: null }]),
    chair: actor([{ role: "committee_chair", committeeId: 1, agencyId: null }]),
    otherChair: actor([{ role: "committee_chair", committeeId: 2, agencyId: null }]),
    suspendedMember: actor([{ role: "committee_member", committeeId: 1, agencyId: null }], { suspendedUntil: later }),
    moderator: actor([{ role: "moderator", ...none }]),
    admin: actor([{ role: "admin", ...none }]),
  };
  const committee: ThreadFacts = { kind: "committee", committeeId: 1, lockedAt: null };
  const comments: ThreadFacts = { kind: "idea_comments", committeeId: null, lockedAt: null, ideaStatus: "open" };

  it.each([
    //               committee thread   idea comments   open a thread  lock committee  lock comments
    ["visitor", "signin", "signin", false, false, false],
    ["unverified", "forbidden", "unverified", false, false, false],
    ["suspended", "suspended", "suspended", false, false, false],
    ["citizen", "forbidden", null, false, false, false],
    ["member", null, null, true, false, false],
    ["chair", null, null, true, true, false],
    ["otherChair", "forbidden", null, false, false, false],
    ["suspendedMember", "suspended", "suspended", false, false, false],
    ["moderator", "forbidden", null, false, false, true],
    ["admin", "forbidden", null, false, false, true],
  ] as const)("%s", (who, inCommittee, onIdea, opens, locksCommittee, locksComments) => {
    const a = people[who];
    expect(postRefusal(a, committee)).toBe(inCommittee);
    expect(postRefusal(a, comments)).toBe(onIdea);
    expect(canOpenThread(a, 1)).toBe(opens);
    expect(canLockThread(a, committee)).toBe(locksCommittee);
    expect(canLockThread(a, comments)).toBe(locksComments);
    // Whoever may lock may reopen, and only a locked thread.
    expect(canUnlockThread(a, { ...committee, lockedAt: new Date() })).toBe(locksCommittee);
    expect(canUnlockThread(a, { ...comments, lockedAt: new Date() })).toBe(locksComments);
    expect(canUnlockThread(a, committee)).toBe(false);
  });

  it("a locked thread takes no posts; a refused or merged idea takes no comments", () => {
    const locked = { ...committee, lockedAt: new Date() };
    expect(postRefusal(people.member, locked)).toBe("locked");
    expect(postRefusal(people.chair, locked)).toBe("locked");
    expect(canLockThread(people.chair, locked)).toBe(false);
    for (const status of ["pending", "rejected", "merged"] as const) {
      expect(postRefusal(people.citizen, { ...comments, ideaStatus: status })).toBe("closed");
    }
    expect(postRefusal(people.citizen, { ...comments, ideaStatus: "in_deliberation" })).toBeNull();
  });

  it("the author edits for 15 minutes; the author or a moderator removes", () => {
    const now = new Date();
    const mine = { authorId: 1, createdAt: new Date(now.getTime() - 60_000), removedAt: null };
    const old = { ...mine, createdAt: new Date(now.getTime() - 16 * 60_000) };
    const theirs = { ...mine, authorId: 2 };
    expect(canEditPost(people.citizen, mine, comments, now)).toBe(true);
    expect(canEditPost(people.citizen, old, comments, now)).toBe(false);
    expect(canEditPost(people.citizen, theirs, comments, now)).toBe(false);
    expect(canEditPost(people.citizen, mine, { ...comments, lockedAt: now }, now)).toBe(false);
    expect(canEditPost(people.citizen, { ...mine, removedAt: now }, comments, now)).toBe(false);
    expect(removalBy(people.citizen, old, now)).toBe("author");
    expect(removalBy(people.suspended, old, now)).toBe("author");
    expect(removalBy(people.citizen, theirs, now)).toBeNull();
    expect(removalBy(people.moderator, theirs, now)).toBe("moderator");
    expect(removalBy(people.chair, theirs, now)).toBeNull();
    expect(removalBy(people.visitor, theirs, now)).toBeNull();
    expect(removalBy(people.moderator, { ...theirs, removedAt: now }, now)).toBeNull();
  });
});

describe("the discussion forms", () => {
  it("takes 1 to 5,000 characters of Markdown with a stance", () => {
    expect(PostSchema.safeParse({ body: "  Agreed.\r\n", stance: "for" })).toMatchObject({
      success: true,
      data: { body: "Agreed.", stance: "for", replyTo: null },
    });
    const empty = PostSchema.safeParse({ body: "   ", stance: "for" });
    expect(empty.success).toBe(false);
    expect(empty.error?.issues[0].message).toBe("errors.required");
    const long = PostSchema.safeParse({ body: "가".repeat(5001), stance: "neutral" });
    expect(long.error?.issues[0].message).toBe("deliberation.errors.bodyLength");
    expect(PostSchema.safeParse({ body: "가".repeat(5000), stance: "neutral" }).success).toBe(true);
    expect(PostSchema.safeParse({ body: "ok", stance: "maybe" }).error?.issues[0].message).toBe("deliberation.errors.stance");
    expect(PostSchema.safeParse({ body: "ok", stance: "for", replyTo: "x1" }).success).toBe(false);
    expect(PostSchema.safeParse({ body: "ok", stance: "for", replyTo: "12" }).data?.replyTo).toBe(12);
    expect(EditPostSchema.safeParse({ body: "a\u202Eb", stance: "for" }).error?.issues[0].message).toBe("deliberation.errors.controlChars");
  });

  it("a thread needs a title; a lock needs a reason", () => {
    expect(ThreadSchema.safeParse({ title: "Hi", body: "x", stance: "for" }).error?.issues[0].message).toBe("deliberation.errors.titleLength");
    expect(ThreadSchema.safeParse({ title: "  Small   shops  ", body: "x", stance: "for" }).data?.title).toBe("Small shops");
    expect(LockSchema.safeParse({ reason: "" }).success).toBe(false);
    expect(LockSchema.safeParse({ reason: "Off topic, see the new thread" }).success).toBe(true);
  });
});
