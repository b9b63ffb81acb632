// Transfers between agencies, follow-up answers owed, staff notes and citizens' follow-through on
// an idea's page (issue 15; decisions 035, 042).
import { useTranslation } from "~/ui/translation";
import { formatDate, formatNumber, type Locale } from "~/utils/i18n";
import type { FieldErrors } from "~/utils/result";
import { ErrorSummary, PageForm, SelectField, TextAreaField } from "./form";
import { TRANSFER_REASON } from "~/domain/agencies/limits";
import { RATING_COMMENT_MAX } from "~/domain/agencies/limits";
import { maxLengthFor } from "~/utils/text";

interface Transfer {
  id: number;
  state: string;
  reason: string;
  decline_reason: string | null;
  proposed_at: string;
  reply_due_at: string;
  decided_at: string | null;
  new_due_at: string | null;
  from_ko: string;
  from_en: string;
  to_ko: string;
  to_en: string;
}

interface FollowUp {
  id: number;
  kind: string;
  due_at: string;
  fulfilled_at: string | null;
  fulfilled_version: number | null;
}

/** The public record of the idea's transfers and the follow-up answers owed. */
export function ObligationsBlock({ transfers, followUps, replyDays, locale }: { transfers: Transfer[]; followUps: FollowUp[]; replyDays: number; locale: Locale }) {
  const { t } = useTranslation();
  if (transfers.length === 0 && followUps.length === 0) return null;
  const ko = locale === "ko";
  return (
    <section className="panel" aria-labelledby="obligations-heading">
      <h2 id="obligations-heading">{transfers.length > 0 ? t("transfers.recordTitle") : t("transfers.followUpsTitle")}</h2>
      {transfers.length > 0 ? (
        <>
          <ul className="link-list">
            {transfers.map((x) => {
              const from = ko ? x.from_ko : x.from_en;
              const to = ko ? x.to_ko : x.to_en;
              return (
                <li key={x.id}>
                  <p>
                    {t("transfers.proposed", { from, to, date: formatDate(x.proposed_at, locale), due: formatDate(x.reply_due_at, locale) })}
                  </p>
                  <p className="timeline-note">{x.reason}</p>
                  <p>
                    <strong>{t(`transfers.state.${x.state}`, { from, to, due: x.new_due_at ? formatDate(x.new_due_at, locale) : "" })}</strong>
                    {x.decided_at ? ` (${formatDate(x.decided_at, locale)})` : null}
                  </p>
                  {x.decline_reason ? (
                    <p>
                      {t("transfers.declineReason")}: {x.decline_reason}
                    </p>
                  ) : null}
                </li>
              );
            })}
          </ul>
          <p className="hint">{t("transfers.deadlineRule", { days: replyDays })}</p>
        </>
      ) : null}
      {followUps.length > 0 ? (
        <>
          {transfers.length > 0 ? <h3>{t("transfers.followUpsTitle")}</h3> : null}
          <ul className="link-list">
            {followUps.map((f) => (
              <li key={f.id}>
                {t(`transfers.followUp.${f.kind}`, { due: formatDate(f.due_at, locale) })}{" "}
                {f.fulfilled_at ? t("transfers.fulfilled", { date: formatDate(f.fulfilled_at, locale), version: f.fulfilled_version ?? "" }) : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

type Choice = { id: number; name_ko: string | null; name_en: string | null };

/** The officers' forms: propose a transfer (the holding agency); accept or decline (the receiving one). */
export function TransferForms({
  canPropose,
  pending,
  canReply,
  agencies,
  currentAgencyId,
  errors,
  values,
  busy,
  locale,
}: {
  canPropose: boolean;
  pending: Transfer | null;
  canReply: boolean;
  agencies: Choice[];
  currentAgencyId: number | null;
  errors?: FieldErrors;
  values?: Record<string, string>;
  busy: boolean;
  locale: Locale;
}) {
  const { t } = useTranslation();
  if (!(canPropose && !pending) && !(canReply && pending)) return null;
  const ko = locale === "ko";
  const mine = (intent: string) => (values?.intent === intent ? errors : undefined);
  const options = [
    { value: "", label: t("transfers.chooseAgency") },
    ...agencies.filter((a) => a.id !== currentAgencyId).map((a) => ({ value: String(a.id), label: (ko ? a.name_ko : a.name_en) ?? "" })),
  ];
  return (
    <section className="panel staff" aria-labelledby="transfer-heading">
      <h2 id="transfer-heading">{canReply && pending ? t("transfers.replyTitle") : t("transfers.panelTitle")}</h2>
      {values?.intent?.startsWith("transfer") ? <ErrorSummary errors={errors} fieldLabels={{ agencyId: t("transfers.agencyLabel") }} /> : null}
      {canReply && pending ? (
        <>
          <p>{t("transfers.replyIntro", { from: ko ? pending.from_ko : pending.from_en, due: formatDate(pending.reply_due_at, locale, true) })}</p>
          <p className="timeline-note">{pending.reason}</p>
          <PageForm replace>
            <button type="submit" name="intent" value="transferAccept" disabled={busy}>
              {t("transfers.accept")}
            </button>
          </PageForm>
          <PageForm>
            <input type="hidden" name="intent" value="transferDecline" />
            <TextAreaField name="reason" id="transfer-decline-reason" label={t("transfers.declineLabel")} rows={3} defaultValue={mine("transferDecline") ? values?.reason : undefined} errors={mine("transferDecline")?.reason} />
            <button type="submit" className="secondary" disabled={busy}>
              {t("transfers.decline")}
            </button>
          </PageForm>
        </>
      ) : (
        <details open={Boolean(mine("transferPropose"))}>
          <summary>{t("transfers.formTitle")}</summary>
          <PageForm>
            <input type="hidden" name="intent" value="transferPropose" />
            <input type="hidden" name="expectedStatus" value="under_review" />
            <SelectField name="agencyId" id="transfer-agency" label={t("transfers.agencyLabel")} options={options} defaultValue={mine("transferPropose") ? values?.agencyId : ""} errors={mine("transferPropose")?.agencyId} />
            <TextAreaField
              name="reason"
              id="transfer-reason"
              label={t("transfers.reasonLabel")}
              hint={t("transfers.reasonHint", TRANSFER_REASON)}
              rows={3}
              defaultValue={mine("transferPropose") ? values?.reason : undefined}
              errors={mine("transferPropose")?.reason}
            />
            <button type="submit" className="secondary" disabled={busy}>
              {t("transfers.propose")}
            </button>
          </PageForm>
        </details>
      )}
    </section>
  );
}

/** Staff notes: shown (and written) only for the idea's committee and agency staff. */
export function StaffNotesPanel({
  notes,
  errors,
  values,
  busy,
  locale,
}: {
  notes: { id: number; body: string; created_at: string; display_name: string | null }[] | null;
  errors?: FieldErrors;
  values?: Record<string, string>;
  busy: boolean;
  locale: Locale;
}) {
  const { t } = useTranslation();
  if (!notes) return null;
  const mine = values?.intent === "staffNote" ? errors : undefined;
  return (
    <section className="panel staff" aria-labelledby="notes-heading">
      <h2 id="notes-heading">{t("transfers.notesTitle")}</h2>
      <p className="hint">{t("transfers.notesIntro")}</p>
      {notes.length === 0 ? (
        <p>{t("transfers.notesNone")}</p>
      ) : (
        <ol className="progress-updates">
          {notes.map((n) => (
            <li key={n.id}>
              <time dateTime={n.created_at}>{formatDate(n.created_at, locale, true)}</time> — {n.display_name ?? "—"}
              <p className="timeline-note">{n.body}</p>
            </li>
          ))}
        </ol>
      )}
      <PageForm>
        <input type="hidden" name="intent" value="staffNote" />
        <TextAreaField name="body" id="staff-note" label={t("transfers.noteLabel")} rows={3} defaultValue={mine ? values?.body : undefined} errors={mine?.body} />
        <button type="submit" className="secondary" disabled={busy}>
          {t("transfers.addNote")}
        </button>
      </PageForm>
    </section>
  );
}

/** Citizens' follow-through: the public totals, the author's or supporter's own verdict. */
export function FollowThroughPanel({
  data,
  canRate,
  settings,
  errors,
  values,
  busy,
  locale,
}: {
  data: { tally: { yes: number; partly: number; no: number; total: number }; mine: { rating: string; comment: string | null } | null; comments: { rating: string; comment: string; updated_at: string }[] | null };
  canRate: boolean;
  settings: { min: number; percent: number };
  errors?: FieldErrors;
  values?: Record<string, string>;
  busy: boolean;
  locale: Locale;
}) {
  const { t } = useTranslation();
  const mine = values?.intent === "rate" ? errors : undefined;
  const n = (x: number) => formatNumber(x, locale);
  const chosen = mine ? values?.rating : data.mine?.rating;
  return (
    <section className="panel" aria-labelledby="follow-through-heading">
      <h2 id="follow-through-heading">{t("transfers.rateTitle")}</h2>
      <p>{data.tally.total === 0 ? t("transfers.tallyNone") : t("transfers.tally", { count: data.tally.total, yes: n(data.tally.yes), partly: n(data.tally.partly), no: n(data.tally.no) })}</p>
      <p className="hint">{t("transfers.threshold", { min: settings.min, percent: settings.percent })}</p>
      {canRate ? (
        <PageForm replace>
          <input type="hidden" name="intent" value="rate" />
          <ErrorSummary errors={mine} />
          <fieldset className="field">
            <legend>{t("transfers.ratingLabel")}</legend>
            <p className="hint">{t("transfers.rateIntro")}</p>
            {(["yes", "partly", "no"] as const).map((r) => (
              <label key={r} className="choice">
                <input type="radio" name="rating" value={r} defaultChecked={chosen === r} /> {t(`transfers.rating.${r}`)}
              </label>
            ))}
          </fieldset>
          <TextAreaField name="comment" id="rating-comment" label={t("transfers.commentLabel")} rows={2} maxLength={maxLengthFor(RATING_COMMENT_MAX)} defaultValue={mine ? values?.comment : (data.mine?.comment ?? undefined)} errors={mine?.comment} />
          <button type="submit" className="secondary" disabled={busy}>
            {t("transfers.rate")}
          </button>
        </PageForm>
      ) : null}
      {data.comments && data.comments.length > 0 ? (
        <>
          <h3>{t("transfers.commentsTitle")}</h3>
          <ul className="link-list">
            {data.comments.map((c, i) => (
              <li key={i}>
                <strong>{t(`transfers.rating.${c.rating}`)}</strong> — {c.comment}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
