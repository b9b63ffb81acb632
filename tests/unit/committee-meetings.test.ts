// Who may schedule, move, cancel a committee meeting and publish its minutes (decision 029), who
// may write the deliberation digest (decision 034), and what the digest form accepts. The
// expectations are written from the issue, not read from the functions.
import { describe, expect, it } from "vitest";
import type { Actor, Grant } from "../../app/domain/accounts/permissions";
import { nameWriterRefusal, writeDigestRefusal } from "../../app/domain/committees/digest";
import { DigestSchema } from "../../app/domain/committees/digest-schemas";
import { changeMeetingRefusal, minutesRefusal, minutesText, scheduleRefusal } from "../../app/domain/committees/meetings";

const NOW = new Date("2026-12-04T03:00:00Z");
const person = (id: number, grants: Grant[] = [], extra: Partial<Actor> = {}): Actor =>
  ({ id, email: `p${id}@example.org`, displayName: `P${id}`, emailVerified: true, suspendedUntil: null, locale: null, grants, ...extra }) as Actor;
const chair = person(1, [{ role: "committee_chair", committeeId: 7 } as Grant]);
const member = person(2, [{ role: "committee_member", committeeId: 7 } as Grant]);
const otherChair = person(3, [{ role: "committee_chair", committeeId: 8 } as Grant]);
const admin = person(4, [{ role: "admin" } as Grant]);
const suspendedChair = person(5, [{ role: "committee_chair", committeeId: 7 } as Grant], { suspendedUntil: new Date("2027-01-01") });

describe("meetings", () => {
  const future = { committeeId: 7, startsAt: new Date(NOW.getTime() + 3_600_000), cancelledAt: null };
  const past = { committeeId: 7, startsAt: new Date(NOW.getTime() - 3_600_000), cancelledAt: null };
  it("only the committee's own chair schedules, moves and cancels, before the meeting starts", () => {
    expect(scheduleRefusal(chair, 7, NOW)).toBeNull();
    expect([member, otherChair, admin].map((a) => scheduleRefusal(a, 7, NOW))).toEqual(["notChair", "notChair", "notChair"]);
    expect(scheduleRefusal(null, 7, NOW)).toBe("signin");
    expect(scheduleRefusal(suspendedChair, 7, NOW)).toBe("suspended");
    expect(changeMeetingRefusal(chair, future, NOW)).toBeNull();
    expect(changeMeetingRefusal(member, future, NOW)).toBe("notChair");
    expect(changeMeetingRefusal(chair, past, NOW)).toBe("meetingStarted");
    expect(changeMeetingRefusal(chair, { ...future, cancelledAt: NOW }, NOW)).toBe("meetingCancelled");
  });
  it("minutes are published by the chair once the meeting has started, never for a cancelled one", () => {
    expect(minutesRefusal(chair, past, NOW)).toBeNull();
    expect(minutesRefusal(chair, future, NOW)).toBe("meetingNotHeld");
    expect(minutesRefusal(member, past, NOW)).toBe("notChair");
    expect(minutesRefusal(chair, { ...past, cancelledAt: NOW }, NOW)).toBe("meetingCancelled");
  });
  it("reads the minutes as one text: who was present, each decision by its idea, then the body", () => {
    const text = minutesText(
      { attendance: [{ name: "Kim" }, { name: "Lee" }], decisions: [{ ideaId: 3, decision: "Vote next week." }], body: "Opened at ten." },
      new Map([[3, "Shade at bus stops"]]),
      { present: "Present", decision: "Decision" },
    );
    expect(text).toBe("Present: Kim, Lee\nDecision — Shade at bus stops: Vote next week.\n\nOpened at ten.");
  });
});

describe("the deliberation digest", () => {
  const draft = { committeeId: 7, ideaStatus: "in_deliberation" as const, writerId: null, frozen: false };
  it("is written by the chair or the member the chair named, while the idea is in deliberation and not frozen", () => {
    expect(writeDigestRefusal(chair, draft, NOW)).toBeNull();
    expect(writeDigestRefusal(member, draft, NOW)).toBe("notWriter");
    expect(writeDigestRefusal(member, { ...draft, writerId: member.id }, NOW)).toBeNull();
    expect(writeDigestRefusal(otherChair, draft, NOW)).toBe("notChair");
    expect(writeDigestRefusal(chair, { ...draft, frozen: true }, NOW)).toBe("digestFrozen");
    expect(writeDigestRefusal(chair, { ...draft, ideaStatus: "under_review" }, NOW)).toBe("notInDeliberation");
    expect(nameWriterRefusal(chair, draft, NOW)).toBeNull();
    expect(nameWriterRefusal(member, { ...draft, writerId: member.id }, NOW)).toBe("notChair");
  });
  it("reads arguments with the posts they draw on, and questions one per line", () => {
    const parsed = DigestSchema.safeParse({ for1: " Shade saves lives. ", for1Posts: "12, #15 12", against2: "Costly.", against2Posts: "9", questions: "Cost?\n\n Which stops? \n" });
    expect(parsed.success && parsed.data).toEqual({
      for: [{ text: "Shade saves lives.", posts: [12, 15] }],
      against: [{ text: "Costly.", posts: [9] }],
      questions: ["Cost?", "Which stops?"],
      evidence: "",
    });
  });
  it("refuses an argument without posts, posts without an argument, and an empty digest", () => {
    const issues = (input: Record<string, string>) => {
      const r = DigestSchema.safeParse(input);
      return r.success ? [] : r.error.issues.map((i) => `${i.path.join(".")}:${i.message}`);
    };
    expect(issues({ for1: "An argument." })).toEqual(["for1Posts:digest.errors.drawsOn"]);
    expect(issues({ for1Posts: "3" })).toEqual(["for1:digest.errors.argument"]);
    expect(issues({ for1: "An argument.", for1Posts: "three" })).toEqual(["for1Posts:digest.errors.posts"]);
    expect(issues({ evidence: "Figures." })).toEqual(["for1:digest.errors.empty"]);
  });
});
