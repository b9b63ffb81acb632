import { describe, expect, it } from "vitest";
import { answeredBySupport } from "../../app/ui/support";

const form = (intent: string) => {
  const data = new FormData();
  data.set("intent", intent);
  return data;
};

describe("after the support button, which page data is loaded again", () => {
  it("none when the action answered the new count", () => {
    const answer = { support: { count: 12, supported: true, reachedThreshold: false } };
    expect(answeredBySupport({ formData: form("support"), actionResult: answer })).toBe(true);
    expect(answeredBySupport({ formData: form("unsupport"), actionResult: { support: { ...answer.support, supported: false } } })).toBe(true);
  });

  it("all of it when the support fast-tracked the idea, was refused, or was another action", () => {
    expect(answeredBySupport({ formData: form("support"), actionResult: { support: { count: 50, supported: true, reachedThreshold: true } } })).toBe(false);
    expect(answeredBySupport({ formData: form("support"), actionResult: { errors: { _form: [{ key: "ideas.errors.closedForSupport" }] } } })).toBe(false);
    expect(answeredBySupport({ formData: form("follow"), actionResult: { done: "follow" } })).toBe(false);
    expect(answeredBySupport({ formData: undefined, actionResult: undefined })).toBe(false);
  });
});
