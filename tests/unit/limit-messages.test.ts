// Limits live once (issue 13): a message that states a limit interpolates the number the schema
// checks ({{min}}, {{max}}) instead of repeating it in both catalogs.
import { describe, expect, it } from "vitest";
import en from "../../app/locales/en";
import ko from "../../app/locales/ko";
import { ThreadSchema } from "../../app/domain/deliberation/schemas";
import { VoteSchema } from "../../app/domain/committees/schemas";
import { IdeaSchema } from "../../app/domain/ideas/schemas";
import { translator } from "../../app/utils/i18n";
import { zodErrors, type FieldErrors } from "../../app/utils/result";

function messages(o: object, prefix = ""): [string, string][] {
  return Object.entries(o).flatMap(([k, v]) => (typeof v === "string" ? [[prefix + k, v] as [string, string]] : messages(v, `${prefix}${k}.`)));
}

/** A number of characters, a range of them, or "at most / at least N" written into a message. */
const STATED_LIMIT = /\b\d[\d,]*\s*(to|~|-)\s*\d[\d,]* (characters|digits|letters)|at (most|least) \d[\d,]*|\b\d[\d,]* (characters|or more)|up to \d/i;

/**
 * Messages that still write their numbers, to be converted as their forms are next touched (the
 * accounts forms belong to the sign-up work under way). A new message that states a limit must
 * interpolate it: it fails the test below until it does.
 */
const NOT_YET = new Set([
  "errors.passwordTooShort", "errors.passwordTooLong", "errors.displayNameLength", "join.displayNameHint", "join.passwordHint",
  "adminCampaigns.descriptionHint", "workflow.rationaleHint", "workflow.answerHint", "workflow.errors.rationale", "workflow.errors.answerLength",
  "workflow.errors.progressNote", "workflow.errors.reason", "deliberation.lock.hint", "deliberation.errors.reasonLength", "openData.ideas",
  "moderation.screening.links_one", "moderation.screening.links_other", "moderation.flag.detailsHint", "moderation.panel.rejectHint",
  "moderation.supports.reasonHint", "moderation.blocklist.termHint", "moderation.errors.detailsLength", "moderation.errors.otherDetails",
  "moderation.errors.noteLength", "moderation.errors.accountsMax", "moderation.errors.termLength", "appeals.reasonHint",
  "appeals.errors.reasonLength", "appeals.errors.rulingLength", "agencyWork.revisionReasonHint", "agencyWork.extendReasonHint",
  "agencyWork.interimHint", "agencyWork.errors.extensionReason", "agencyWork.errors.interimLength", "agencyWork.errors.revisionReason",
  "committees.vote.reasonHint", "committees.vote.closesAtHint", "committees.dissent.hint", "committees.errors.closesLate",
  "committees.errors.dissentRequired", "transfers.reasonHint", "transfers.errors.reason", "transfers.errors.declineReason",
  "transfers.errors.noteLength", "transfers.errors.comment", "meetings.form.reasonHint", "digest.questionsHint", "assisted.consentRefHint",
  "assisted.reasonHint", "assisted.errors.reasonLength", "assisted.errors.phone",
]);

const first = (errors: FieldErrors, field: string) => errors[field]?.[0];
const render = (locale: "en" | "ko", m: { key: string; values?: Record<string, string | number> } | undefined) => translator(locale)(m!.key, m!.values ?? {}) as string;

describe("limits stated in messages", () => {
  it("no English message writes a limit's number, beyond the ones listed to convert", () => {
    const stated = messages(en).filter(([key, text]) => STATED_LIMIT.test(text) && !NOT_YET.has(key)).map(([key, text]) => `${key}: ${text}`);
    expect(stated).toEqual([]);
  });

  it("the listed ones still exist (a converted message leaves the list)", () => {
    const keys = new Map(messages(en));
    const gone = [...NOT_YET].filter((key) => !keys.has(key) || !STATED_LIMIT.test(keys.get(key)!));
    expect(gone).toEqual([]);
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
