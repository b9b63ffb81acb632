// The fast track on an idea's page: where it is, what is due, what was decided, and the forms
// staff use to move it on (shown only for the actions the workflow table allows them).
import { useTranslation } from "~/ui/translation";
import { STEPS } from "~/domain/workflow/statuses";
import { OUTCOMES, stepOf, type WorkflowAction } from "~/domain/workflow/transitions";
import { replyField } from "~/domain/agencies/question-replies";
import { QuestionReplyFields } from "./question-replies";
import { Link } from "@remix-run/react";
import { ErrorSummary, Field, SelectField, TextAreaField, PageForm, useMessage } from "~/ui/form";
import { formatDate, type Locale } from "~/utils/i18n";
import type { FieldErrors } from "~/utils/result";
import type { IdeaStatus } from "../../db/schema";
import type { RecommendationView } from "~/domain/workflow/queries.server";
import { DISSENT_MAX, DISSENT_MIN, majorityOf, needsDissent } from "~/domain/committees/rules";
import { VoteCounts, VoteList } from "~/ui/committees";
import { ANSWER, RATIONALE } from "~/domain/workflow/limits";
import { DAY_MS } from "~/utils/korea-time";

export function StepIndicator({ status }: { status: IdeaStatus }) {
  const { t } = useTranslation();
  const { step, ended } = stepOf(status);
  const current = STEPS.indexOf(step);
  return (
    <ol className="steps" aria-label={t("workflow.stepsLabel")}>
      {STEPS.map((s, i) => {
        const state =
          i < current || status === "implemented" ? "done" : i === current ? (ended ? "ended" : "current") : "todo";
        return (
          <li key={s} className={`step step-${state}`} aria-current={i === current ? "step" : undefined}>
            <span className="step-name">{t(`workflow.step.${s}`)}</span>
            {state === "done" ? <span className="step-state">{t("workflow.done")}</span> : null}
            {state === "current" ? <span className="step-state">{t("workflow.current")}</span> : null}
            {state === "ended" ? <span className="step-state">{t("workflow.endedHere")}</span> : null}
          </li>
        );
      })}
    </ol>
  );
}

export function DeadlineNotice({
  deadline,
  locale,
}: {
  deadline: { step: "committee" | "agency" | "follow_up"; dueAt: string; overdue: boolean; businessDays?: number } | null;
  locale: Locale;
}) {
  const { t } = useTranslation();
  if (!deadline) return null;
  const days = Math.ceil(Math.abs(new Date(deadline.dueAt).getTime() - Date.now()) / DAY_MS);
  // Business days left (decision 030): the clock that measures the agencies.
  const left =
    deadline.businessDays === undefined ? t("workflow.dueIn", { count: days }) : deadline.businessDays === 0 ? t("transfers.lastDay") : t("transfers.businessDaysLeft", { count: deadline.businessDays });
  return (
    <p className={deadline.overdue ? "deadline overdue" : "deadline"}>
      {t(`workflow.deadline.${deadline.step}`, { date: formatDate(deadline.dueAt, locale) })}{" "}
      {deadline.overdue ? (
        <strong className="overdue-tag">
          {t("workflow.overdue")}: {t("workflow.overdueBy", { count: days })}
        </strong>
      ) : (
        <span>({left})</span>
      )}
    </p>
  );
}

interface Named {
  name_ko: string | null;
  name_en: string | null;
}
const nameIn = (locale: Locale, n: Named) => (locale === "ko" ? n.name_ko : n.name_en) ?? "";

export function RecommendationBlock({
  recommendation,
  locale,
}: {
  recommendation: RecommendationView;
  locale: Locale;
}) {
  const { t } = useTranslation();
  const agency = nameIn(locale, { name_ko: recommendation.agency_ko, name_en: recommendation.agency_en });
  return (
    <section className="panel decision" aria-labelledby="recommendation-heading">
      <h2 id="recommendation-heading">{t("workflow.recommendation")}</h2>
      <p>
        <strong>{t(`workflow.decision.${recommendation.decision}`, { agency })}</strong> ·{" "}
        <time dateTime={recommendation.created_at}>{formatDate(recommendation.created_at, locale)}</time>
      </p>
      {/* Sanitized when recorded (renderMarkdown). */}
      <div className="idea-body" dangerouslySetInnerHTML={{ __html: recommendation.rationale_html }} />
      {recommendation.vote_for !== null ? (
        <>
          <h3>{t("committees.record.votes")}</h3>
          <p>
            <VoteCounts counts={{ for: recommendation.vote_for, against: recommendation.vote_against ?? 0, abstain: recommendation.vote_abstain ?? 0 }} locale={locale} />
          </p>
          <p className="hint">
            {t("committees.record.quorum", { needed: recommendation.vote_quorum ?? 0, members: recommendation.vote_members ?? 0 })}{" "}
            {t(`committees.record.majority.${majorityOf({ for: recommendation.vote_for, against: recommendation.vote_against ?? 0, abstain: 0 }) ?? "none"}`)}
          </p>
          <details>
            <summary>{t("committees.vote.whoVoted")}</summary>
            <VoteList votes={recommendation.votes} locale={locale} />
          </details>
          {recommendation.dissent_note_html ? (
            <>
              <h3>
                {needsDissent({ for: recommendation.vote_for, against: recommendation.vote_against ?? 0, abstain: 0 }, recommendation.decision)
                  ? t("committees.record.dissentTitle")
                  : t("committees.record.note")}
              </h3>
              {/* Sanitized when recorded (renderMarkdown). */}
              <div className="idea-body dissent-note" dangerouslySetInnerHTML={{ __html: recommendation.dissent_note_html }} />
            </>
          ) : null}
        </>
      ) : (
        <p className="hint">
          {t("workflow.tally", { for: recommendation.stance_for, against: recommendation.stance_against, neutral: recommendation.stance_neutral })}
        </p>
      )}
    </section>
  );
}

export function AnswerBlock({
  holder,
  progress,
  locale,
}: {
  holder: { outcome: string | null; official_answer_html: string | null; answered_at: string | null; progress_percent: number | null; agency_ko: string | null; agency_en: string | null };
  progress: { id: number; percent: number; body_html: string; created_at: string }[];
  locale: Locale;
}) {
  const { t } = useTranslation();
  if (!holder.outcome || !holder.official_answer_html) return null;
  return (
    <section className="panel decision" aria-labelledby="answer-heading">
      <h2 id="answer-heading">{t("workflow.answer")}</h2>
      <p>
        <strong className={`outcome outcome-${holder.outcome}`}>{t(`workflow.outcome.${holder.outcome}`)}</strong> ·{" "}
        {nameIn(locale, { name_ko: holder.agency_ko, name_en: holder.agency_en })} ·{" "}
        {holder.answered_at ? t("workflow.answeredOn", { date: formatDate(holder.answered_at, locale) }) : null}
      </p>
      {/* Sanitized when answered (renderMarkdown). */}
      <div className="idea-body" dangerouslySetInnerHTML={{ __html: holder.official_answer_html }} />
      {holder.progress_percent !== null ? (
        <>
          <h3>{t("workflow.progress")}</h3>
          <div className="support-progress">
            <progress max={100} value={holder.progress_percent} aria-label={t("workflow.progress")} />
            <span className="support-numbers">{t("workflow.progressValue", { percent: holder.progress_percent })}</span>
          </div>
          <ol className="progress-updates">
            {progress.map((p) => (
              <li key={p.id}>
                <time dateTime={p.created_at}>{formatDate(p.created_at, locale)}</time> — {p.percent}%
                <div dangerouslySetInnerHTML={{ __html: p.body_html }} />
              </li>
            ))}
          </ol>
        </>
      ) : null}
    </section>
  );
}

interface Choice {
  id: number;
  name_ko?: string;
  name_en?: string;
  display_name?: string;
}

export function StaffActions({
  actions,
  status,
  canAssign,
  assignedOfficerId,
  choices,
  errors,
  values,
  busy,
  locale,
  draft,
  questions = [],
  digest,
}: {
  actions: WorkflowAction[];
  status: IdeaStatus;
  canAssign: boolean;
  assignedOfficerId: number | null;
  choices: { agencies: Choice[]; committees: Choice[]; officers: Choice[] };
  errors?: FieldErrors;
  values?: Record<string, string>;
  busy: boolean;
  locale: Locale;
  /** The agency's saved draft of the answer, for its officers. */
  draft?: { outcome: string; answer: string; replies: string[]; updated_at: string } | null;
  /** The open questions of the frozen deliberation digest, each with a reply field (decision 055). */
  questions?: readonly string[];
  /** The deliberation digest the recommendation needs and freezes (decision 034): written yet, and where. */
  digest?: { written: boolean; href: string };
}) {
  const { t } = useTranslation();
  const render = useMessage();
  const staffActions = actions.filter((a) => a !== "withdraw");
  if (staffActions.length === 0 && !canAssign) return null;
  const label = (c: Choice) => c.display_name ?? (locale === "ko" ? c.name_ko : c.name_en) ?? "";
  const options = (list: Choice[], empty: string) => [{ value: "", label: empty }, ...list.map((c) => ({ value: String(c.id), label: label(c) }))];
  const expected = <input type="hidden" name="expectedStatus" value={status} />;
  return (
    <section className="panel staff" aria-labelledby="staff-heading">
      <h2 id="staff-heading">{t("workflow.staffTitle")}</h2>
      <ErrorSummary errors={errors} />
      {staffActions.includes("takeUp") ? (
        <PageForm replace>
          {expected}
          <button type="submit" name="intent" value="takeUp" disabled={busy}>
            {t("workflow.takeUp")}
          </button>
        </PageForm>
      ) : null}
      {staffActions.includes("forward") || staffActions.includes("notRecommend") ? (
        <details open={Boolean(errors && values?.intent === "recommend")}>
          <summary>{t("workflow.recordTitle")}</summary>
          <PageForm>
            {expected}
            <input type="hidden" name="intent" value="recommend" />
            <fieldset className="field">
              <legend>{t("workflow.decisionLabel")}</legend>
              <label className="choice">
                <input type="radio" name="decision" value="forward" defaultChecked={values?.decision !== "not_recommended"} /> {t("workflow.forwardOption")}
              </label>
              <label className="choice">
                <input type="radio" name="decision" value="not_recommended" defaultChecked={values?.decision === "not_recommended"} />{" "}
                {t("workflow.notRecommendedOption")}
              </label>
            </fieldset>
            <SelectField
              name="agencyId"
              id="recommend-agency"
              label={t("workflow.agencyLabel")}
              options={options(choices.agencies, t("workflow.chooseAgency"))}
              defaultValue={values?.agencyId ?? ""}
              errors={errors?.agencyId}
            />
            <TextAreaField
              name="rationale"
              id="recommend-rationale"
              label={t("workflow.rationaleLabel")}
              hint={t("workflow.rationaleHint", RATIONALE)}
              rows={6}
              defaultValue={values?.rationale}
              errors={errors?.rationale}
            />
            <TextAreaField
              name="dissentNote"
              id="recommend-dissent"
              label={t("committees.dissent.label")}
              hint={t("committees.dissent.hint", { min: DISSENT_MIN, max: DISSENT_MAX })}
              rows={3}
              defaultValue={values?.dissentNote}
              errors={errors?.dissentNote}
            />
            {digest ? (
              <div id="field-digest" className={errors?.digest ? "field has-error" : "field"}>
                {errors?.digest ? (
                  <ul className="field-errors">
                    {errors.digest.map((m) => (
                      <li key={m.key}>{render(m)}</li>
                    ))}
                  </ul>
                ) : null}
                <p className="hint">
                  {t(digest.written ? "digest.beforeRecording" : "digest.missing")} <Link to={digest.href}>{t(digest.written ? "digest.title" : "digest.write")}</Link>
                </p>
              </div>
            ) : null}
            <button type="submit" disabled={busy}>
              {t("workflow.record")}
            </button>
          </PageForm>
        </details>
      ) : null}
      {canAssign ? (
        <PageForm className="inline-form">
          <input type="hidden" name="intent" value="assign" />
          <SelectField
            name="officerId"
            id="assign-officer"
            label={t("workflow.assignLabel")}
            options={options(choices.officers, t("review.unassigned"))}
            defaultValue={assignedOfficerId ? String(assignedOfficerId) : ""}
            errors={errors?.officerId}
          />
          <button type="submit" className="secondary" disabled={busy}>
            {t("workflow.assign")}
          </button>
        </PageForm>
      ) : null}
      {staffActions.includes("answer") ? (
        <details open={Boolean(errors && (values?.intent === "answer" || values?.intent === "draft")) || Boolean(draft)}>
          <summary>{t("workflow.answerTitle")}</summary>
          {/* A draft is private to the agency's officers (app/domain/agencies/answers.server.ts). */}
          <p className="hint">
            {t("agencyWork.draftIntro")}
            {draft ? ` ${t("agencyWork.draftSaved", { date: formatDate(draft.updated_at, locale, true) })}` : null}
          </p>
          <PageForm>
            {expected}
            <SelectField
              name="outcome"
              id="answer-outcome"
              label={t("workflow.outcomeLabel")}
              options={[{ value: "", label: t("workflow.chooseOutcome") }, ...OUTCOMES.map((o) => ({ value: o, label: t(`workflow.outcome.${o}`) }))]}
              defaultValue={values?.outcome ?? draft?.outcome ?? ""}
              errors={errors?.outcome}
            />
            <Field
              name="followUpDate"
              id="answer-follow-up"
              type="date"
              label={t("transfers.followUpDate")}
              hint={t("transfers.followUpDateHint")}
              defaultValue={values?.followUpDate}
              errors={errors?.followUpDate}
            />
            <TextAreaField
              name="answer"
              id="answer-text"
              label={t("workflow.answerLabel")}
              hint={t("workflow.answerHint", ANSWER)}
              rows={8}
              defaultValue={values?.answer ?? draft?.answer}
              errors={errors?.answer}
            />
            <QuestionReplyFields
              questions={questions}
              defaults={questions.map((_, i) => values?.[replyField(i)] ?? draft?.replies[i] ?? "")}
              errors={values?.intent === "answer" || values?.intent === "draft" ? errors : undefined}
              idPrefix="answer"
            />
            {/* Saving a draft comes first: pressing Enter never publishes. */}
            <div className="actions">
              <button type="submit" name="intent" value="draft" className="secondary" disabled={busy}>
                {t("agencyWork.saveDraft")}
              </button>
              <button type="submit" name="intent" value="answer" disabled={busy}>
                {t("workflow.submitAnswer")}
              </button>
            </div>
          </PageForm>
        </details>
      ) : null}
      {staffActions.includes("progress") || staffActions.includes("complete") ? (
        <details open={Boolean(errors && values?.intent === "progress")}>
          <summary>{t("workflow.progressTitle")}</summary>
          <PageForm>
            <input type="hidden" name="intent" value="progress" />
            <Field
              name="percent"
              id="progress-percent"
              type="number"
              min={0}
              max={100}
              label={t("workflow.percentLabel")}
              hint={t("workflow.percentHint")}
              defaultValue={values?.percent}
              errors={errors?.percent}
            />
            <TextAreaField name="note" id="progress-note" label={t("workflow.noteLabel")} rows={4} defaultValue={values?.note} errors={errors?.note} />
            <button type="submit" disabled={busy}>
              {t("workflow.postProgress")}
            </button>
          </PageForm>
        </details>
      ) : null}
      {(["reassignCommittee", "reassignAgency"] as const)
        .filter((a) => staffActions.includes(a))
        .map((a) => (
          <details key={a} open={Boolean(errors && values?.intent === a)}>
            <summary>{t(`workflow.${a}`)}</summary>
            <PageForm>
              {expected}
              <input type="hidden" name="intent" value={a} />
              <p className="hint">{t(a === "reassignCommittee" ? "workflow.reassignDeadlineCommittee" : "workflow.reassignDeadlineAgency")}</p>
              <SelectField
                name="targetId"
                id={`${a}-target`}
                label={a === "reassignCommittee" ? t("workflow.targetCommittee") : t("workflow.targetAgency")}
                options={options(a === "reassignCommittee" ? choices.committees : choices.agencies, "—")}
                errors={values?.intent === a ? errors?.targetId : undefined}
              />
              <TextAreaField
                name="reason"
                id={`${a}-reason`}
                label={t("workflow.reasonLabel")}
                rows={3}
                errors={values?.intent === a ? errors?.reason : undefined}
              />
              <button type="submit" className="secondary" disabled={busy}>
                {t("workflow.reassign")}
              </button>
            </PageForm>
          </details>
        ))}
    </section>
  );
}
