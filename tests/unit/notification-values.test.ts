// One function names what a notification says, for the notification centre and the e-mail digest:
// here, a reminder's step in both languages (the e-mail once printed an unknown step's key).
import { describe, expect, it } from "vitest";
import { notificationValues } from "../../app/domain/notifications/notification-values";
import { translator } from "../../app/utils/i18n";

describe("a notification's values", () => {
  it("name each reminder's step by its label, in the reader's language", () => {
    const en = translator("en");
    const ko = translator("ko");
    const stepIn = (t: typeof en, locale: "en" | "ko", step: string) => notificationValues({ title: "Shade", step, due: "2026-12-24T15:00:00Z" }, (k) => t(k), locale).step;
    expect(stepIn(en, "en", "committee")).toBe("Committee deliberation");
    expect(stepIn(en, "en", "agency")).toBe("Agency review");
    expect(stepIn(en, "en", "follow_up")).toBe("Follow-up answer");
    expect(stepIn(en, "en", "transfer_reply")).toBe("Reply to a transfer");
    expect(stepIn(ko, "ko", "transfer_reply")).toBe(ko("workflow.step.transfer_reply"));
    expect(stepIn(ko, "ko", "transfer_reply")).not.toBe("workflow.step.transfer_reply");
    // A step name from an older payload reads as the committee's, never as a raw key.
    expect(stepIn(en, "en", "take_up")).toBe("Committee deliberation");
  });

  it("give the title, statuses, due date and a closed vote's counts; nothing for what the payload lacks", () => {
    const en = translator("en");
    const values = notificationValues({ title: "Shade", from: "open", to: "fast_tracked", for: 3, against: 1, cast: 4, needed: 2 }, (k) => en(k), "en");
    expect(values).toMatchObject({ title: "Shade", from: en("status.open"), to: en("status.fast_tracked"), step: "", due: "", reason: "", for: "3", against: "1", abstain: "", cast: "4", needed: "2" });
  });
});
