// What a notification's sentence names, from its payload: the idea's title, the statuses, the
// step a reminder is about, a reason, a due date and a closed vote's counts (decision 028). One
// function for the notification centre (/me/notifications) and the e-mail digest, so both say
// the same thing in the reader's language.
import { formatDate, type Locale } from "../../utils/i18n";

/** The steps a reminder, overdue notice or escalation can be about (`deadline_reminders.step`); older payloads said only "committee" steps otherwise. */
const STEPS = ["committee", "agency", "follow_up", "transfer_reply"] as const;

/** The catalog key of a step's label: an unknown or older step name reads as the committee's. */
export function stepLabelKey(step: string): string {
  return `workflow.step.${(STEPS as readonly string[]).includes(step) ? step : "committee"}`;
}

/** The counts a "vote closed" notification names: for, against, abstain, the votes cast and the quorum; empty strings for any other notification. */
function voteCounts(payload: Record<string, unknown>): Record<"for" | "against" | "abstain" | "cast" | "needed", string> {
  const n = (key: string) => (typeof payload[key] === "number" || typeof payload[key] === "string" ? String(payload[key]) : "");
  return { for: n("for"), against: n("against"), abstain: n("abstain"), cast: n("cast"), needed: n("needed") };
}

export function notificationValues(payload: Record<string, unknown>, t: (key: string) => string, locale: Locale) {
  const text = (key: string) => (typeof payload[key] === "string" ? (payload[key] as string) : "");
  return {
    title: text("title"),
    from: text("from") ? t(`status.${text("from")}`) : "",
    to: text("to") ? t(`status.${text("to")}`) : "",
    step: text("step") ? t(stepLabelKey(text("step"))) : "",
    reason: text("reason"),
    due: text("due") ? formatDate(text("due"), locale) : "",
    ...voteCounts(payload),
  };
}
