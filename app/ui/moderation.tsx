// Moderation's pieces: the notice shown in place of hidden content, why an idea was held, the
// report link, the reason fields every moderator action needs, the waiting age (long waits
// marked in words, not only colour), and the moderator's panel on an idea's page.
import { Link } from "@remix-run/react";
import { useTranslation } from "~/ui/translation";
import { CLEAR_REASONS, HIDE_REASONS, NOTE_MAX, DECISION_REASON_MIN, type Decision } from "~/domain/moderation/limits";
import { ErrorSummary, Field, TextAreaField, useMessage, PageForm } from "~/ui/form";
import type { FieldErrors, Message } from "~/utils/result";
import type { HiddenBy, ScreeningHitRow } from "../../db/schema";
import { maxLengthFor } from "~/utils/text";

const PRESETS = new Set<string>([...HIDE_REASONS, ...CLEAR_REASONS]);

/** A preset reason in words; a moderator's own words as they are. */
export function reasonLabel(t: (key: string) => string, reason: string | null | undefined): string {
  if (!reason) return "";
  return PRESETS.has(reason) ? t(`moderation.reason.${reason}`) : reason;
}

const RULES = "/pages/operating-rules";
const RULE_ANCHORS = new Set<string>(HIDE_REASONS.filter((r) => r !== "other"));

/**
 * The operating rules, at the rule a moderator applied when the reason is one of the preset
 * reasons: the seeded rules mark each one with {#reason} (db/pages.ts, app/utils/markdown.server.ts).
 */
export function rulesHref(reason: string | null | undefined): string {
  return reason && RULE_ANCHORS.has(reason) ? `${RULES}#md-${reason}` : RULES;
}

/** "Hidden while a moderator reviews it" / "Hidden by a moderator: personal data", linked to the operating rules. */
export function HiddenNotice({ hidden, insider = false, appealHref }: { hidden: { by: HiddenBy; reason: string | null }; insider?: boolean; appealHref?: string }) {
  const { t } = useTranslation();
  const text =
    hidden.by === "flags"
      ? t("moderation.hidden.pending")
      : t("moderation.hidden.byModerator", { reason: hidden.reason ? t(`moderation.reason.${hidden.reason}`) : t("moderation.reason.other") });
  return (
    <p className="notice hidden-notice" role="note">
      <strong>{text}</strong>
      {hidden.by === "moderator" ? (
        <>
          {" "}
          <Link to={rulesHref(hidden.reason)}>{t("appeals.rulesLink")}</Link>
        </>
      ) : null}
      {insider ? <span className="hint"> {t("moderation.hidden.insider")}</span> : null}
      {appealHref ? (
        <>
          {" "}
          <Link to={appealHref}>{t("appeals.link")}</Link>
        </>
      ) : null}
    </p>
  );
}

export function screeningText(t: (key: string, values?: Record<string, unknown>) => string, hit: ScreeningHitRow): string {
  if (hit.kind === "personal_data") return t("moderation.screening.personalData", { what: t(`moderation.what.${hit.what}`), match: hit.match ?? "" });
  if (hit.kind === "links") return hit.max === undefined ? t("moderation.screening.linksOver", { count: hit.count ?? 0 }) : t("moderation.screening.links", { count: hit.count ?? 0, max: hit.max });
  if (hit.kind === "blocked_term") return t("moderation.screening.blockedTerm", { term: hit.match ?? "" });
  return t("moderation.screening.newAccount", { count: hit.count ?? 0 });
}

/** Why a held idea waits for a moderator (its author and moderators see this). */
export function ScreeningNotice({ screening }: { screening: ScreeningHitRow[] }) {
  const { t } = useTranslation();
  return (
    <section className="notice held-notice" aria-labelledby="held-heading">
      <h2 id="held-heading">{t("moderation.held.title")}</h2>
      <p>{t("moderation.held.intro")}</p>
      {screening.length ? (
        <ul>
          {screening.map((hit, i) => (
            <li key={i}>{screeningText(t as never, hit)}</li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

/** The report link of an idea or a post: a page of its own, which works without JavaScript. */
export function FlagLink({ type, id, author }: { type: "idea" | "post"; id: number; author?: string }) {
  const { t } = useTranslation();
  return (
    // A plain anchor that the page's main part follows in the page (FOLLOWED_LINK, root.tsx):
    // one under every post, and a <Link> costs the server a path resolution and hooks each.
    // Written out rather than FollowedLink: imported here too, follow-link.ts would leave its
    // shared chunk for one of its own, one more script on the home page (tests/build/js-budget.test.ts).
    <a href={`/flag?type=${type}&id=${id}`} className="flag-link" rel="nofollow" data-discover="true">
      {t(type === "idea" ? "moderation.flag.linkIdea" : "moderation.flag.linkPost")}
      {/* Many posts on a page: each link says whose post it reports. */}
      {author ? <span className="visually-hidden"> {t("moderation.flag.linkPostBy", { name: author })}</span> : null}
    </a>
  );
}

/** The preset reason (required) and a note: what every moderator decision carries. */
export function ReasonFields({
  idPrefix,
  decision,
  errors,
  values,
}: {
  idPrefix: string;
  decision: Decision;
  errors?: FieldErrors;
  values?: Record<string, string>;
}) {
  const { t } = useTranslation();
  const render = useMessage();
  const presets: readonly string[] = decision === "hide" ? HIDE_REASONS : CLEAR_REASONS;
  const reasonErrors = errors?.reason ?? [];
  return (
    <>
      <fieldset
        className={reasonErrors.length ? "field reason-field has-error" : "field reason-field"}
        aria-describedby={reasonErrors.length ? `${idPrefix}-reason-error` : undefined}
      >
        <legend>
          {t(decision === "hide" ? "moderation.decision.reasonLegend" : decision === "restore" ? "moderation.decision.restoreLegend" : "moderation.decision.dismissLegend")}
        </legend>
        {reasonErrors.length ? (
          <ul id={`${idPrefix}-reason-error`} className="field-errors">
            {reasonErrors.map((m: Message) => (
              <li key={m.key}>{render(m)}</li>
            ))}
          </ul>
        ) : null}
        {presets.map((r) => (
          <label key={r} className="choice">
            <input type="radio" name="reason" value={r} defaultChecked={values?.reason === r} required /> {t(`moderation.reason.${r}`)}
          </label>
        ))}
      </fieldset>
      <TextAreaField
        id={`${idPrefix}-note`}
        name="note"
        // A dismissal's note is about the reports, for the log: the author is told the reason only.
        label={t(decision === "dismiss" ? "moderation.decision.logNote" : "moderation.decision.note")}
        hint={t(decision === "dismiss" ? "moderation.decision.logNoteHint" : "moderation.decision.noteHint")}
        rows={2}
        maxLength={maxLengthFor(NOTE_MAX)}
        defaultValue={values?.note}
        errors={errors?.note}
      />
    </>
  );
}

/** How long an item has waited; past 48 hours it says so in words as well as in colour. */
export function WaitingAge({ hours, long }: { hours: number; long: boolean }) {
  const { t } = useTranslation();
  const text = hours < 1 ? t("moderation.queue.waitingUnderHour") : hours < 48 ? t("moderation.queue.waitingHours", { count: hours }) : t("moderation.queue.waitingDays", { count: Math.floor(hours / 24), hours });
  return (
    <span className={long ? "waiting long-wait" : "waiting"}>
      {text}
      {long ? <strong className="long-wait-tag"> {t("moderation.queue.longWait")}</strong> : null}
    </span>
  );
}

/** The moderator's forms on an idea's page: approve a held idea, reject, merge into another. */
export function IdeaModerationPanel({
  actions,
  status,
  errors,
  values,
  busy,
}: {
  actions: string[];
  status: string;
  errors?: FieldErrors;
  values?: Record<string, string>;
  busy: boolean;
}) {
  const { t } = useTranslation();
  if (!actions.some((a) => a === "approve" || a === "reject" || a === "merge")) return null;
  const mine = (intent: string) => (values?.intent === intent ? errors : undefined);
  const expected = <input type="hidden" name="expectedStatus" value={status} />;
  return (
    <section className="panel staff moderation-panel" aria-labelledby="moderation-heading">
      <h2 id="moderation-heading">{t("moderation.panel.title")}</h2>
      {["approve", "reject", "merge"].includes(values?.intent ?? "") ? <ErrorSummary errors={errors} /> : null}
      {actions.includes("approve") ? (
        <PageForm replace>
          {expected}
          <p className="hint">{t("moderation.panel.approveHint")}</p>
          <button type="submit" name="intent" value="approve" disabled={busy}>
            {t("moderation.panel.approve")}
          </button>
        </PageForm>
      ) : null}
      {actions.includes("reject") ? (
        <details open={Boolean(mine("reject"))}>
          <summary>{t("moderation.panel.reject")}</summary>
          <PageForm>
            {expected}
            <input type="hidden" name="intent" value="reject" />
            <TextAreaField
              id="reject-reason"
              name="reason"
              label={t("moderation.panel.rejectReason")}
              hint={t("moderation.panel.rejectHint", { min: DECISION_REASON_MIN })}
              rows={3}
              required
              defaultValue={values?.intent === "reject" ? values.reason : undefined}
              errors={mine("reject")?.reason}
            />
            <button type="submit" className="secondary" disabled={busy}>
              {t("moderation.panel.rejectSubmit")}
            </button>
          </PageForm>
        </details>
      ) : null}
      {actions.includes("merge") ? (
        <details open={Boolean(mine("merge"))}>
          <summary>{t("moderation.panel.merge")}</summary>
          <PageForm>
            {expected}
            <input type="hidden" name="intent" value="merge" />
            <p className="hint">{t("moderation.panel.mergeHint")}</p>
            <Field
              id="merge-target"
              name="targetId"
              label={t("moderation.panel.mergeTarget")}
              hint={t("moderation.panel.mergeTargetHint")}
              inputMode="numeric"
              required
              defaultValue={values?.intent === "merge" ? values.targetId : undefined}
              errors={mine("merge")?.targetId}
            />
            <TextAreaField
              id="merge-reason"
              name="reason"
              label={t("moderation.panel.mergeReason")}
              rows={2}
              required
              defaultValue={values?.intent === "merge" ? values.reason : undefined}
              errors={mine("merge")?.reason}
            />
            <button type="submit" className="secondary" disabled={busy}>
              {t("moderation.panel.mergeSubmit")}
            </button>
          </PageForm>
        </details>
      ) : null}
    </section>
  );
}
