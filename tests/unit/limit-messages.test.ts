// Limits live once (issue 13): a message that states a limit interpolates the number the schema
// checks ({{min}}, {{max}}) instead of repeating it in both catalogs.
import { describe, expect, it } from "vitest";
import en from "../../app/locales/en";
import ko from "../../app/locales/ko";
import { ThreadSchema } from "../../app/domain/deliberation/schemas";
import { VoteSchema } from "../../app/domain/committees/schemas";
import { IdeaSchema } from "../../app/domain/ideas/schemas";
import { DISPLAY_NAME_LENGTH, PASSWORD_MIN } from "../../app/domain/accounts/limits";
import { JoinSchema } from "../../app/domain/accounts/schemas";
import { INTERIM_REPLY, TRANSFER_REASON } from "../../app/domain/agencies/limits";
import { REASON_LENGTH } from "../../app/domain/assisted/limits";
import { InPersonSchema, PaperBatchSchema, VoidSchema } from "../../app/domain/assisted/schemas";
import { DIGEST_LIMITS } from "../../app/domain/committees/digest";
import { VOTE_MAX_DAYS } from "../../app/domain/committees/rules";
import { TERM } from "../../app/domain/moderation/limits";
import { BlockTermSchema, FlagSchema } from "../../app/domain/moderation/schemas";
import { DEFAULT_LIMIT, MAX_LIMIT } from "../../app/domain/opendata/params";
import { ANSWER } from "../../app/domain/workflow/limits";
import { translator } from "../../app/utils/i18n";
import { multiLineText } from "../../app/utils/text-schema";
import { zodErrors, type FieldErrors } from "../../app/utils/result";

function messages(o: object, prefix = ""): [string, string][] {
  return Object.entries(o).flatMap(([k, v]) => (typeof v === "string" ? [[prefix + k, v] as [string, string]] : messages(v, `${prefix}${k}.`)));
}

/**
 * A limit written into a message: a range ("2 to 40", "5~500자", "10자에서 1,000자"), a bound ("at most
 * 10", "at least 5", "up to 100", "12자 이상", "2,000자 이내", "최대 30일"), or "N characters". The
 * English and Korean forms, so that neither catalog can write a number the other interpolates.
 */
const STATED_LIMIT =
  /\b\d[\d,]* (to|and) \d|\d[\d,]*\s*~\s*\d|at (most|least) \d|\b\d[\d,]* (characters|or more|digits)|up to \d|\d[\d,]*자(에서|까지| 이상| 이하| 이내)|최대 \d|\d[\d,]*에서 \d/i;

/**
 * Messages that match the pattern without stating a limit a form checks, each with the reason.
 * A new message that states a limit must interpolate it: the test below fails until it does.
 */
const NOT_LIMITS = new Map<string, string>([
  // The lower bound 1 of a count ("1 to {{max}}") is what "a positive number" means, not a setting.
  ["adminCampaigns.errors.text", "1자에서 {{max}}자: the bound 1 is 'not empty'"],
  ["openData.filterLimit", "1 to {{max}}: the bound 1 is 'not empty'"],
  ["openData.fields.progress_percent", "0 to 100 is what a percentage is"],
  ["workflow.errors.percent", "0 to 100 is what a percentage is"],
  ["openData.caching", "the cache's lifetime, stated with the header that sets it, not a form's limit"],
  ["holidays.errors.date", "the years a holiday calendar covers (2000 to 2100), a date format's range"],
  ["meetings.form.startsAtHint", "a year ahead, said as a year (MEETING_LIMITS.aheadDays is 365)"],
  ["meetings.errors.tooFar", "a year ahead, said as a year (MEETING_LIMITS.aheadDays is 365)"],
  ["committees.quorum.valueHint", "1 to {{votes}} / {{percent}}: the bound 1 is 'not empty'"],
  ["committees.errors.quorumShare", "1 to {{max}}: the bound 1 is 'not empty'"],
  ["committees.errors.quorumCount", "1 to {{max}}: the bound 1 is 'not empty'"],
]);

const first = (errors: FieldErrors, field: string) => errors[field]?.[0];
const render = (locale: "en" | "ko", m: { key: string; values?: Record<string, string | number> } | undefined) => translator(locale)(m!.key, m!.values ?? {}) as string;

describe("limits stated in messages", () => {
  it("no message in either language writes a limit's number", () => {
    const stated = [...messages(en), ...messages(ko)].filter(([key, text]) => STATED_LIMIT.test(text.replace(/\{\{[^}]*\}\}/g, "N")) && !NOT_LIMITS.has(key));
    expect(stated.map(([key, text]) => `${key}: ${text}`)).toEqual([]);
  });

  it("the pattern finds the forms a limit was written in before (so that it can fail)", () => {
    for (const text of ["The display name must have 2 to 40 characters.", "Write between 20 and 2,000 characters.", "At most 500 accounts at once.", "One per line, at most 10.", "5~500자. 이름과 함께 공개됩니다.", "비밀번호는 12자 이상이어야 합니다.", "1,000자 이내로 적어 주세요.", "표결은 최대 30일까지입니다.", "제안과 댓글 옆에 보입니다. 2자에서 40자까지.", "1에서 365 사이의 일수를 입력하세요."]) {
      expect(STATED_LIMIT.test(text), text).toBe(true);
    }
  });

  it("an idea's title and text, a thread's title and a vote's reason show the numbers their schemas check, in both languages", () => {
    const idea = IdeaSchema.safeParse({ title: "Bus", body: "too short", categoryId: "1" });
    const ideaErrors = zodErrors(idea.error!);
    expect(render("en", first(ideaErrors, "title"))).toBe("The title must have 5 to 120 characters.");
    expect(render("ko", first(ideaErrors, "title"))).toBe("제목은 5자에서 120자 사이여야 합니다.");
    expect(render("en", first(ideaErrors, "body"))).toBe("The proposal must have 30 to 10,000 characters.");
    const thread = zodErrors(ThreadSchema.safeParse({ title: "x".repeat(121), body: "y", stance: "for" }).error!);
    expect(render("en", first(thread, "title"))).toBe("The title must have 5 to 120 characters.");
    const vote = zodErrors(VoteSchema.safeParse({ choice: "for", reason: "r".repeat(501) }).error!);
    expect(render("en", first(vote, "reason"))).toBe("The reason is too long (500 characters at most).");
    expect(render("ko", zodErrors(VoteSchema.safeParse({ choice: "for", reason: "ok" }).error!).reason![0])).toBe("짧은 이유를 적어 주세요(5자 이상).");
  });

  it("both catalogs interpolate the same numbers for each converted message", () => {
    const koMessages = new Map(messages(ko));
    const vars = (text: string) => [...text.matchAll(/\{\{(\w+)/g)].map((m) => m[1]).sort();
    const differ = messages(en)
      .filter(([, text]) => /\{\{(min|max)\b/.test(text))
      .filter(([key, text]) => JSON.stringify(vars(text)) !== JSON.stringify(vars(koMessages.get(key) ?? "")))
      .map(([key]) => key);
    expect(differ).toEqual([]);
  });
});

describe("converted messages read as they did when they wrote their numbers", () => {
  const say = (locale: "en" | "ko", key: string, values: object) => translator(locale)(key, values as Record<string, number>) as string;

  it("the hints, with the limits the pages pass", () => {
    const cases: [string, object, string, string][] = [
      ["join.displayNameHint", DISPLAY_NAME_LENGTH, "Shown next to your ideas and comments. 2 to 40 characters.", "제안과 댓글 옆에 보입니다. 2자에서 40자까지."],
      ["join.passwordHint", { min: PASSWORD_MIN }, "At least 12 characters. Several unrelated words make a strong password that is easy to remember.", "12자 이상. 서로 관계없는 단어 여러 개를 이으면 기억하기 쉽고 강한 비밀번호가 됩니다."],
      ["workflow.answerHint", ANSWER, "At least 100 characters. Markdown works.", "100자 이상. 마크다운을 쓸 수 있습니다."],
      ["agencyWork.interimHint", INTERIM_REPLY, "Public; the status does not change. 20 to 5,000 characters.", "공개되며 상태는 바뀌지 않습니다. 20~5,000자."],
      ["transfers.reasonHint", TRANSFER_REASON, "20 to 2,000 characters. It appears on the idea's timeline.", "20~2,000자. 제안의 진행 기록에 나타납니다."],
      ["assisted.reasonHint", REASON_LENGTH, "10 to 1,000 characters, shown to everyone on the idea's timeline.", "10자에서 1,000자까지. 제안의 진행 기록에 모두에게 보입니다."],
      ["committees.vote.closesAtHint", { max: VOTE_MAX_DAYS }, "At least an hour from now, at most 30 days.", "지금부터 1시간 이후, 30일 이내."],
      ["moderation.blocklist.termHint", TERM, "2 to 100 characters; capitals do not matter.", "2~100자, 대소문자 구분 없음"],
      ["digest.questionsHint", { max: DIGEST_LIMITS.questions }, "One per line, at most 10. The agency can answer each.", "한 줄에 하나, 최대 10개. 기관이 각각 답할 수 있습니다."],
      ["openData.ideas", { size: DEFAULT_LIMIT, max: MAX_LIMIT }, "Public ideas, oldest first, 100 a page (up to 1,000 with limit).", "공개된 제안. 오래된 것부터, 한 쪽에 100건(limit로 1,000건까지)."],
    ];
    for (const [key, values, enText, koText] of cases) {
      expect(say("en", key, values), key).toBe(enText);
      expect(say("ko", key, values), key).toBe(koText);
    }
  });

  it("the errors, with the numbers the schemas put in them", () => {
    const join = zodErrors(JoinSchema.safeParse({ email: "a@example.org", displayName: "x", password: "short", homeRegionId: "" }).error!);
    expect(render("en", first(join, "displayName"))).toBe("The display name must have 2 to 40 characters.");
    expect(render("ko", first(join, "password"))).toBe("비밀번호는 12자 이상이어야 합니다.");
    const flag = zodErrors(FlagSchema.safeParse({ targetType: "idea", targetId: "1", reason: "other", details: "no" }).error!);
    expect(render("en", first(flag, "details"))).toBe("Say in a few words what is wrong (at least 5 characters).");
    const longFlag = zodErrors(FlagSchema.safeParse({ targetType: "idea", targetId: "1", reason: "spam", details: "d".repeat(1001) }).error!);
    expect(render("ko", first(longFlag, "details"))).toBe("1,000자 이내로 적어 주세요.");
    expect(render("en", first(zodErrors(BlockTermSchema.safeParse({ term: "x" }).error!), "term"))).toBe("Enter 2 to 100 characters.");
    const phone = zodErrors(InPersonSchema.safeParse({ phone: "010-1234" }).error!);
    expect(render("en", first(phone, "phone"))).toBe("Enter a phone number of 9 to 15 digits.");
    const voided = zodErrors(VoidSchema.safeParse({ reason: "short" }).error!);
    expect(render("ko", first(voided, "reason"))).toBe("사유를 10자에서 1,000자 사이로 적으세요.");
    const batch = zodErrors(PaperBatchSchema.safeParse({ signaturesClaimed: "-3", signaturesVerified: "1.5" }).error!);
    expect(render("en", first(batch, "signaturesClaimed"))).toBe("Enter a whole number from 0 to 1,000,000.");
    expect(render("ko", first(batch, "signaturesVerified"))).toBe("0에서 1,000,000 사이의 정수를 적으세요.");
  });

  it("a required text says only that it is required when it is empty, and states both limits when it is too short or too long", () => {
    const schema = multiLineText(20, 2_000, "transfers.errors.reason");
    expect(zodErrors(schema.safeParse("  \r\n ").error!)._form!.map((m) => m.key)).toEqual(["errors.required"]);
    expect(zodErrors(schema.safeParse("Too short").error!)._form).toEqual([{ key: "transfers.errors.reason", values: { min: 20, max: 2_000 } }]);
    expect(render("en", zodErrors(schema.safeParse("x".repeat(2_001)).error!)._form![0])).toBe("Give a reason of 20 to 2,000 characters.");
    expect(schema.parse(" Line one\r\nline two, long enough. ")).toBe("Line one\nline two, long enough.");
  });
});
