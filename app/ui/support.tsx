// The support button of an idea's page. Without JavaScript it is a plain form and the page comes
// back whole. With JavaScript it posts through a fetcher: the action answers the new count, and
// the page shows it without reloading its data (shouldRevalidate below). In a surge of supports
// on one idea that halves the work per support (docs/scaling.md).
import type { ShouldRevalidateFunctionArgs } from "@remix-run/react";
import { useFetcher } from "@remix-run/react";
import { useEffect, useState } from "react";
import { useTranslation } from "~/ui/translation";
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
 * support button, until the page's own data changes or a count read later arrives (then that is
 * newer).
 */
export function useSupport(count: number, supported: boolean, live: { supportCount: number; at: number } | null = null) {
  const fetcher = useFetcher<SupportReply>();
  const [answer, setAnswer] = useState<(SupportAnswer & { at: number }) | null>(null);
  useEffect(() => {
    if (fetcher.data?.support) setAnswer({ ...fetcher.data.support, at: Date.now() });
  }, [fetcher.data]);
  useEffect(() => setAnswer(null), [count, supported]);
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

export function SupportForm({ support }: { support: ReturnType<typeof useSupport> }) {
  const { t } = useTranslation();
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
