import { describe, expect, it } from "vitest";
import type { Actor } from "../../app/domain/accounts/permissions";
import { decodeCursor, encodeCursor, listSearch, parseListParams } from "../../app/domain/ideas/list";
import { canEditIdea, canWithdrawIdea, followRefusal, ideaContentVisibleTo, ideaVisibleTo, openForSupport, supportRefusal } from "../../app/domain/ideas/permissions";
import { IdeaSchema } from "../../app/domain/ideas/schemas";
import { indexTokens, searchQuery } from "../../app/domain/ideas/search";
import { zodErrors } from "../../app/utils/result";

describe("search tokens", () => {
  it("cuts Korean runs into overlapping pairs and keeps other words whole, lower-cased", () => {
    expect(indexTokens("탄소중립 실천")).toBe("탄소 소중 중립 실천");
    expect(indexTokens("대중교통을 Public-Transit!")).toBe("대중 중교 교통 통을 public transit");
    expect(indexTokens("한")).toBe("한");
  });
  it("turns a query into phrase pieces, prefixes for words, and nothing for punctuation", () => {
    expect(searchQuery("대중교통")).toBe("(대중 <-> 중교 <-> 교통)");
    // Two syllables are one piece, asked as itself: no indexed word that starts with one is longer.
    expect(searchQuery("탄소")).toBe("탄소");
    expect(searchQuery("차")).toBe("차:*");
    expect(searchQuery("transit fares")).toBe("transit:* & fares:*");
    expect(searchQuery("대중교통 요금", "any")).toBe("대중 | 중교 | 교통 | 요금");
    // Looser, for the index: a Korean word by its first piece, everything else as it was.
    expect(searchQuery("대중교통 요금 transit", "first-pieces")).toBe("대중 & 요금 & transit:*");
    // Each piece once: the planner multiplies the frequencies of the terms it is given.
    expect(searchQuery("요금 요금", "first-pieces")).toBe("요금");
    expect(searchQuery("대중교통 대중 transit transit", "first-pieces")).toBe("대중 & transit:*");
    // For the title index: every piece of a Korean word, not next to each other, each once.
    expect(searchQuery("시민의 요금 transit", "all-pieces")).toBe("시민 & 민의 & 요금 & transit:*");
    expect(searchQuery("대중교통 교통 대중 차", "all-pieces")).toBe("대중 & 중교 & 교통 & 차:*");
    expect(searchQuery("'; drop --")).toBe("drop:*");
    expect(searchQuery("!!! ???")).toBeNull();
  });
  it("normalises full-width characters", () => {
    expect(indexTokens("ＡＢＣ")).toBe("abc");
  });
});

describe("the idea list's URL", () => {
  it("reads what it knows and ignores the rest", () => {
    const p = parseListParams(new URLSearchParams("q=%20bus%20&sort=bogus&status=pending&category=3&region=-1&campaign=x"));
    expect(p).toMatchObject({ q: "bus", sort: "relevance", status: null, categoryId: 3, regionId: null, campaignId: null });
    expect(parseListParams(new URLSearchParams("sort=relevance")).sort).toBe("trending");
    expect(parseListParams(new URLSearchParams("status=open&sort=closing"))).toMatchObject({ status: "open", sort: "closing" });
  });
  it("writes the state back, dropping defaults and the cursor unless asked", () => {
    const p = parseListParams(new URLSearchParams("q=bus&category=3&cursor=abc"));
    expect(listSearch(p)).toBe("?q=bus&category=3");
    expect(listSearch(p, { sort: "top" })).toBe("?q=bus&sort=top&category=3");
    expect(listSearch(p, { cursor: "xyz" })).toBe("?q=bus&category=3&cursor=xyz");
  });
  it("round-trips cursors and rejects forged ones", () => {
    expect(decodeCursor(encodeCursor([5, 10]), ["int", "id"])).toEqual([5, 10]);
    expect(decodeCursor("not base64 json", ["int", "id"])).toBeNull();
    expect(decodeCursor(encodeCursor([5]), ["int", "id"])).toBeNull();
    expect(decodeCursor(Buffer.from('[{"a":1},2]').toString("base64url"), ["int", "id"])).toBeNull();
  });
});

describe("the idea form", () => {
  const valid = { title: "Cheaper buses", body: "x".repeat(30), categoryId: "1", regionId: "", campaignId: "" };
  const errors = (extra: Record<string, unknown>) => {
    const r = IdeaSchema.safeParse({ ...valid, ...extra });
    return r.success ? {} : zodErrors(r.error);
  };
  it.each([
    ["title", "Bus", "ideas.errors.titleLength"],
    ["title", "b".repeat(121), "ideas.errors.titleLength"],
    ["title", "   ", "errors.required"],
    ["title", "Bus\u202Eevil", "ideas.errors.controlChars"],
    ["body", "too short", "ideas.errors.bodyLength"],
    ["body", "y".repeat(10_001), "ideas.errors.bodyLength"],
    ["categoryId", "", "errors.required"],
  ])("%s = %j → %s", (field, value, key) => {
    expect(errors({ [field]: value })[field]?.[0].key).toBe(key);
  });
  it("accepts 5 and 120 character titles and normalises spaces", () => {
    expect(errors({ title: "12345" })).toEqual({});
    expect(errors({ title: "t".repeat(120) })).toEqual({});
    expect(IdeaSchema.parse({ ...valid, title: "  two   spaces " }).title).toBe("two spaces");
  });
});

describe("idea permissions", () => {
  const now = new Date();
  const future = new Date(now.getTime() + 86_400_000);
  const author: Actor = { id: 1, email: "", displayName: "", emailVerified: true, suspendedUntil: null, locale: null, grants: [] };
  const other: Actor = { ...author, id: 2 };
  const moderator: Actor = { ...author, id: 3, grants: [{ id: 1, role: "moderator", committeeId: null, agencyId: null }] };
  const open = { authorId: 1, status: "open" as const, supportCount: 1, supportEndsAt: future, actorSupports: true };

  it("the author edits while fewer than the limit of others support it", () => {
    expect(canEditIdea(author, { ...open, supportCount: 10 }, 10, now)).toBe(true);
    expect(canEditIdea(author, { ...open, supportCount: 11 }, 10, now)).toBe(false);
    expect(canEditIdea(author, { ...open, supportCount: 10, actorSupports: false }, 10, now)).toBe(false);
    expect(canEditIdea(other, open, 10, now)).toBe(false);
    expect(canEditIdea(author, { ...open, status: "fast_tracked" }, 10, now)).toBe(false);
  });
  it("only the author withdraws, and only before the fast track", () => {
    expect(canWithdrawIdea(author, open, now)).toBe(true);
    expect(canWithdrawIdea(other, open, now)).toBe(false);
    expect(canWithdrawIdea(author, { ...open, status: "under_review" }, now)).toBe(false);
  });
  it("support is for signed-in, verified citizens while the idea is open and its window runs", () => {
    expect(supportRefusal(other, open, now)).toBeNull();
    expect(supportRefusal(null, open, now)).toBe("signin");
    expect(supportRefusal({ ...other, emailVerified: false }, open, now)).toBe("unverified");
    expect(supportRefusal(other, { ...open, supportEndsAt: new Date(now.getTime() - 1) }, now)).toBe("closed");
    expect(supportRefusal(other, { ...open, status: "expired" }, now)).toBe("closed");
  });
  it("held and rejected ideas are seen only by their author and moderators", () => {
    for (const status of ["pending", "rejected"] as const) {
      expect(ideaVisibleTo(null, { authorId: 1, status })).toBe(false);
      expect(ideaVisibleTo(other, { authorId: 1, status })).toBe(false);
      expect(ideaVisibleTo(author, { authorId: 1, status })).toBe(true);
      expect(ideaVisibleTo(moderator, { authorId: 1, status })).toBe(true);
    }
    expect(ideaVisibleTo(null, { authorId: 1, status: "open" })).toBe(true);
  });
  it("a hidden idea's content is its author's and the moderators' only; it takes no support, and shows no button", () => {
    const hidden = { ...open, hiddenAt: new Date(now.getTime() - 1000) };
    expect(ideaContentVisibleTo(null, hidden)).toBe(false);
    expect(ideaContentVisibleTo(other, hidden)).toBe(false);
    expect(ideaContentVisibleTo(author, hidden)).toBe(true);
    expect(ideaContentVisibleTo(moderator, hidden)).toBe(true);
    expect(openForSupport(hidden, now)).toBe(false);
    expect(supportRefusal(other, hidden, now)).toBe("notFound");
    expect(supportRefusal(moderator, hidden, now)).toBe("hidden");
    expect(supportRefusal(null, hidden, now)).toBe("signin");
  });
  it("following an idea one may not see is refused as a missing one, before the account's own refusals", () => {
    const unverified = { ...other, emailVerified: false };
    for (const idea of [{ ...open, status: "pending" as const }, { ...open, status: "rejected" as const }, { ...open, hiddenAt: now }]) {
      expect(followRefusal(other, idea, now)).toBe("notFound");
      expect(followRefusal(unverified, idea, now)).toBe("notFound");
      expect(followRefusal(null, idea, now)).toBe("signin");
    }
    expect(followRefusal(unverified, open, now)).toBe("unverified");
    expect(followRefusal(other, open, now)).toBeNull();
  });
});
