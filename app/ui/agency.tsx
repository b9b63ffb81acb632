// The agency's record on an idea (extensions, interim replies, every version of the answer with
// what changed), and the forms of the people who hold the step (issue 15, decision 031).
import { useTranslation } from "~/ui/translation";
import type { AgencyRecord } from "~/domain/agencies/queries.server";
import { OUTCOMES, type WorkflowAction } from "~/domain/workflow/transitions";
import { formatDate, type Locale } from "~/utils/i18n";
import type { FieldErrors } from "~/utils/result";
import { ErrorSummary, Field, PageForm, SelectField, TextAreaField } from "./form";
import { EXTENSION_REASON, INTERIM_REPLY, REVISION_REASON } from "~/domain/agencies/limits";
import { replyField } from "~/domain/agencies/question-replies";
import { QuestionReplyFields } from "./question-replies";

export function AgencyRecordBlock({ record, locale }: { record: AgencyRecord; locale: Locale }) {
  const { t } = useTranslation();
  const { extensions, interim, versions } = record;
  if (extensions.length === 0 && interim.length === 0 && versions.length < 2) return null;
  return (
    <section className="panel" aria-labelledby="agency-record-heading">
      <h2 id="agency-record-heading">{t("agencyWork.recordTitle")}</h2>
      {extensions.length > 0 ? (
        <>
          <h3>{t("agencyWork.extensionsTitle")}</h3>
          <ul className="link-list">
            {extensions.map((e) => (
              <li key={e.id}>
                <p>
                  {t(`agencyWork.extended.${e.step === "committee" ? "committee" : e.step === "follow_up" ? "followUp" : "agencyNamed"}`, {
                    agency: (locale === "ko" ? e.agency_ko : e.agency_en) ?? "",
                    count: e.business_days,
                    from: formatDate(e.original_due_at, locale),
                    to: formatDate(e.new_due_at, locale),
                  })}{" "}
                  <span className="hint">({formatDate(e.created_at, locale)})</span>
                </p>
                <p className="timeline-note">{e.reason}</p>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {interim.length > 0 ? (
        <>
          <h3>{t("agencyWork.interimTitle")}</h3>
          <ol className="progress-updates">
            {interim.map((r) => (
              <li key={r.id}>
                <time dateTime={r.created_at}>{formatDate(r.created_at, locale)}</time> — {locale === "ko" ? r.name_ko : r.name_en}
                {/* Sanitized when posted (renderMarkdown). */}
                <div dangerouslySetInnerHTML={{ __html: r.body_html }} />
              </li>
            ))}
          </ol>
        </>
      ) : null}
      {versions.length > 1 ? (
        <>
          <h3>{t("agencyWork.versionsTitle", { count: versions.length })}</h3>
          <ol className="progress-updates" reversed>
            {versions.map((v) => (
              <li key={v.version}>
                <details open={v.version === versions[0].version}>
                  <summary>
                    {t("agencyWork.version", { version: v.version })} · <time dateTime={v.created_at}>{formatDate(v.created_at, locale, true)}</time> ·{" "}
                    {t(`workflow.outcome.${v.outcome}`)}
                  </summary>
                  {v.reason ? (
                    <p>
                      <strong>{t("agencyWork.revisionReason")}:</strong> {v.reason}
                    </p>
                  ) : null}
                  {v.previousOutcome && v.previousOutcome !== v.outcome ? (
                    <p>
                      {t("agencyWork.outcomeChanged", { from: t(`workflow.outcome.${v.previousOutcome}`), to: t(`workflow.outcome.${v.outcome}`) })}
                    </p>
                  ) : null}
                  {v.changes ? (
                    <>
                      <h4>{t("agencyWork.changesTitle")}</h4>
                      <p className="hint">{t("agencyWork.changesHint")}</p>
                      <p className="answer-diff">
                        {v.changes.map((c, i) =>
                          c.op === "same" ? (
                            <span key={i}>{c.text}</span>
                          ) : c.op === "added" ? (
                            <ins key={i}>
                              <span className="visually-hidden">{t("agencyWork.added")} </span>
                              {c.text}
                            </ins>
                          ) : (
                            <del key={i}>
                              <span className="visually-hidden">{t("agencyWork.removed")} </span>
                              {c.text}
                            </del>
                          ),
                        )}
                      </p>
                    </>
                  ) : null}
                  {v.replies.length > 0 || v.changedReplies.length > 0 ? (
                    <>
                      <h4>{t("answerReplies.versionTitle")}</h4>
                      <ol className="link-list">
                        {v.replies.map((r) => (
                          <li key={r.question_index}>
                            <p>
                              <strong>{t("answerReplies.questionNumber", { number: r.question_index + 1 })}</strong> {r.question}
                              {v.changedReplies.includes(r.question_index) ? <span className="hint"> ({t("answerReplies.changed")})</span> : null}
                            </p>
                            <p className="preserve-lines">{r.reply}</p>
                          </li>
                        ))}
                      </ol>
                      {v.changedReplies.some((i) => !v.replies.some((r) => r.question_index === i)) ? (
                        <p className="hint">
                          {t("answerReplies.removed", {
                            numbers: v.changedReplies
                              .filter((i) => !v.replies.some((r) => r.question_index === i))
                              .map((i) => i + 1)
                              .join(", "),
                          })}
                        </p>
                      ) : null}
                    </>
                  ) : null}
                  <h4>{t("agencyWork.fullText")}</h4>
                  {/* Sanitized when published (renderMarkdown). */}
                  <div className="idea-body" dangerouslySetInnerHTML={{ __html: v.answer_html }} />
                </details>
              </li>
            ))}
          </ol>
        </>
      ) : null}
    </section>
  );
}

export function AgencyWorkForms({
  locale,
  followUpDue,
  actions,
  status,
  record,
  currentAnswer,
  maxDays,
  extension,
  questions = [],
  currentReplies = [],
  errors,
  values,
  busy,
}: {
  /** A follow-up answer the agency owes (further study, follow-through): published as a revision. */
  followUpDue?: string | null;
  locale: Locale;
  actions: WorkflowAction[];
  status: string;
  record: AgencyRecord;
  currentAnswer: string | null;
  maxDays: number;
  /** The step an extension would be for now, whether its holder used its one, and whether it came by a transfer. */
  extension: { step: "committee" | "agency" | "follow_up"; used: boolean; afterTransfer: boolean } | null;
  /** The frozen digest's open questions and the current version's replies: a revision may change them (decision 055). */
  questions?: readonly string[];
  currentReplies?: readonly { question_index: number; reply: string }[];
  errors?: FieldErrors;
  values?: Record<string, string>;
  busy: boolean;
}) {
  const { t } = useTranslation();
  const mine = (intent: string) => (values?.intent === intent ? errors : undefined);
  const EXTEND = { committee: "extendCommittee", agency: "extendAgency", follow_up: "extendFollowUp" } as const;
  const canExtend = extension !== null && !extension.used && actions.includes(EXTEND[extension.step]);
  const canInterim = actions.includes("interimReply");
  const canRevise = actions.includes("reviseAnswer");
  if (!canExtend && !canInterim && !canRevise) return null;
  const expected = <input type="hidden" name="expectedStatus" value={status} />;
  const outcomes = (empty: string) => [{ value: "", label: empty }, ...OUTCOMES.map((o) => ({ value: o, label: t(`workflow.outcome.${o}`) }))];
  return (
    <section className="panel staff" aria-labelledby="agency-work-heading">
      <h2 id="agency-work-heading">{t("agencyWork.formsTitle")}</h2>
      {values?.intent && ["extend", "interim", "revise"].includes(values.intent) ? (
        <ErrorSummary errors={errors} fieldLabels={{ days: t("agencyWork.days"), body: t("agencyWork.interimBody") }} />
      ) : null}
      {canExtend ? (
        <details open={Boolean(mine("extend"))}>
          <summary>{t(extension.step === "follow_up" ? "agencyWork.extendFollowUpTitle" : "agencyWork.extendTitle")}</summary>
          <p className="hint">{t("agencyWork.extendIntro", { max: maxDays })}</p>
          {/* The rule of decision 055, said to the officer where it applies. */}
          <p className="hint">
            {t(extension.step === "follow_up" ? "agencyWork.extendRule.followUp" : extension.afterTransfer ? "agencyWork.extendRule.afterTransfer" : `agencyWork.extendRule.${extension.step}`)}
          </p>
          <PageForm>
            {expected}
            <input type="hidden" name="intent" value="extend" />
            <Field name="days" type="number" min={1} max={maxDays} label={t("agencyWork.days")} defaultValue={mine("extend") ? values?.days : undefined} errors={mine("extend")?.days} />
            <TextAreaField
              name="reason"
              id="field-extend-reason"
              label={t("agencyWork.extendReason")}
              hint={t("agencyWork.extendReasonHint", EXTENSION_REASON)}
              rows={4}
              defaultValue={mine("extend") ? values?.reason : undefined}
              errors={mine("extend")?.reason}
            />
            <button type="submit" disabled={busy}>
              {t("agencyWork.extend")}
            </button>
          </PageForm>
        </details>
      ) : null}
      {canInterim ? (
        <details open={Boolean(mine("interim"))}>
          <summary>{t("agencyWork.interimFormTitle")}</summary>
          <PageForm>
            {expected}
            <input type="hidden" name="intent" value="interim" />
            <TextAreaField name="body" label={t("agencyWork.interimBody")} hint={t("agencyWork.interimHint", INTERIM_REPLY)} rows={4} defaultValue={mine("interim") ? values?.body : undefined} errors={mine("interim")?.body} />
            <button type="submit" disabled={busy}>
              {t("agencyWork.postInterim")}
            </button>
          </PageForm>
        </details>
      ) : null}
      {canRevise ? (
        <details open={Boolean(mine("revise")) || Boolean(followUpDue)}>
          <summary>{t("agencyWork.reviseTitle")}</summary>
          {followUpDue ? <p className="notice">{t("transfers.followUpOwedHint", { due: formatDate(followUpDue, locale) })}</p> : null}
          <p className="hint">{t("agencyWork.reviseIntro")}</p>
          <PageForm>
            {expected}
            <input type="hidden" name="intent" value="revise" />
            <SelectField name="outcome" id="revise-outcome" label={t("workflow.outcomeLabel")} options={outcomes(t("agencyWork.keepOutcome"))} defaultValue={mine("revise") ? values?.outcome : ""} errors={mine("revise")?.outcome} />
            <TextAreaField name="answer" id="revise-answer" label={t("agencyWork.revisedAnswer")} rows={8} defaultValue={mine("revise") ? values?.answer : (currentAnswer ?? "")} errors={mine("revise")?.answer} />
            <QuestionReplyFields
              questions={questions}
              defaults={questions.map((_, i) => (mine("revise") ? values?.[replyField(i)] : undefined) ?? currentReplies.find((r) => r.question_index === i)?.reply ?? "")}
              errors={mine("revise")}
              idPrefix="revise"
            />
            <TextAreaField name="reason" id="field-revise-reason" label={t("agencyWork.revisionReason")} hint={t("agencyWork.revisionReasonHint", REVISION_REASON)} rows={3} defaultValue={mine("revise") ? values?.reason : undefined} errors={mine("revise")?.reason} />
            <button type="submit" disabled={busy}>
              {t("agencyWork.publishRevision")}
            </button>
          </PageForm>
        </details>
      ) : null}
    </section>
  );
}
