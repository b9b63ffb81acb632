// The support button of an idea's page. Without JavaScript it is a plain form and the page comes
// back whole. With JavaScript it posts through a fetcher: the action answers the new count, and
// the page shows it without reloading its data (shouldRevalidate below). In a surge of supports
// on one idea that halves the work per support (docs/scaling.md).
import type { ShouldRevalidateFunctionArgs } from "@remix-run/react";
import { useFetcher } from "@remix-run/react";
import { useState } from "react";
import { useMessagesAhead, useTranslation } from "~/ui/translation";
import type { FieldErrors } from "~/utils/result";
import { ErrorSummary } from "./form";

/** What the idea page's action answers to a support or its withdrawal. */
export interface SupportAnswer {
  count: number;
  supported: boolean;
  /** This support reached the threshold: the idea moved on, and the page must reload. */
  reachedThreshold: boolean;
}

type SupportReply = { support?: SupportAnswer; errors?: FieldErrors };

/**
 * True when the submission was a support (or its withdrawal) that the action answered with its
 * count: no loader needs to run again. Used by the idea route and the root.
 */
export function answeredBySupport({ formData, actionResult }: Pick<ShouldRevalidateFunctionArgs, "formData" | "actionResult">): boolean {
  const intent = formData?.get("intent");
  if (intent !== "support" && intent !== "unsupport") return false;
  const answer = (actionResult as SupportReply | undefined)?.support;
  return Boolean(answer && !answer.reachedThreshold);
}

/**
 * How old a count read from GET /ideas/:id/count may be: its Cache-Control lets a cache keep it
 * 5 s and serve it stale 30 s more (app/routes/ideas.$id.count.ts), plus a margin.
 */
export const LIVE_COUNT_MAX_AGE_MS = 40_000;

/**
 * The count and the reader's support as the page should show them: the latest answer of the
 * support button, while the page's own data stays what it was when the answer came (once it
 * changes, it is newer), unless a count read later arrives (then that is newer).
 *
 * The answer is taken during the render that first sees it (React's "adjusting state when a prop
 * changes"), not in an effect: a render that brings the answer shows it in the same commit. An
 * effect would show it one commit later, and after a click made as the page hydrated, React 18
 * committed the fetcher's answer and never ran that commit's effects: the support was counted
 * and the button stayed as it was (docs/decisions/052-catalog-parts.md, amendment).
 */
export function useSupport(count: number, supported: boolean, live: { supportCount: number; at: number } | null = null) {
  const fetcher = useFetcher<SupportReply>();
  const [seen, setSeen] = useState(fetcher.data);
  const [held, setHeld] = useState<(SupportAnswer & { at: number; pageCount: number; pageSupported: boolean }) | null>(null);
  let answer = held;
  if (fetcher.data !== seen) {
    setSeen(fetcher.data);
    if (fetcher.data?.support) {
      answer = { ...fetcher.data.support, at: Date.now(), pageCount: count, pageSupported: supported };
      setHeld(answer);
    }
  }
  // The page's own data moved since the answer came: it is the newer.
  if (answer && (answer.pageCount !== count || answer.pageSupported !== supported)) {
    answer = null;
    setHeld(null);
  }
  const pending = fetcher.formData?.get("intent");
  // A count read by the page's polling (app/ui/live-count.ts) may be as old as the cache keeps
  // it: the reader's own answer stands until a reading came well after it.
  const liveIsNewer = live !== null && (answer === null || live.at - answer.at > LIVE_COUNT_MAX_AGE_MS);
  return {
    fetcher,
    count: liveIsNewer ? live.supportCount : (answer?.count ?? count),
    supported: pending ? pending === "support" : (answer?.supported ?? supported),
    busy: fetcher.state !== "idle",
  };
}

/** The button's texts in either state: the page carries them, so that an answer never waits for them (useMessagesAhead). */
const SUPPORT_FORM_MESSAGES = ["ideas.support", "ideas.unsupport", "ideas.supported"];

export function SupportForm({ support }: { support: ReturnType<typeof useSupport> }) {
  const { t } = useTranslation();
  useMessagesAhead(SUPPORT_FORM_MESSAGES);
  const { fetcher, supported, busy } = support;
  return (
    <fetcher.Form method="post" preventScrollReset>
      <ErrorSummary errors={fetcher.state === "idle" ? fetcher.data?.errors : undefined} />
      {supported ? <p role="status">{t("ideas.supported")}</p> : null}
      <button
        type="submit"
        name="intent"
        value={supported ? "unsupport" : "support"}
        className={supported ? "secondary big-button" : "big-button"}
        disabled={busy}
      >
        {supported ? t("ideas.unsupport") : t("ideas.support")}
      </button>
    </fetcher.Form>
  );
}
