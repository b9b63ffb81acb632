// The agency's replies to the open questions of the frozen deliberation digest (decision 055):
// the fields of the answer, draft and revision forms, with how many questions are still without
// a reply, and the replies as the idea's page shows them.
import { useState } from "react";
import { useTranslation } from "~/ui/translation";
import { REPLY_MAX, replyField, unansweredCount } from "~/domain/agencies/question-replies";
import type { FieldErrors } from "~/utils/result";
import { TextAreaField } from "./form";

export function QuestionReplyFields({
  questions,
  defaults,
  errors,
  idPrefix,
}: {
  questions: readonly string[];
  /** What each field starts with: what was typed, the draft's, or the current version's reply. */
  defaults: readonly string[];
  errors?: FieldErrors;
  idPrefix: string;
}) {
  const { t } = useTranslation();
  const [replies, setReplies] = useState<string[]>(() => questions.map((_, i) => defaults[i] ?? ""));
  if (questions.length === 0) return null;
  const left = unansweredCount(questions, replies);
  return (
    <fieldset className="field question-replies">
      <legend>{t("answerReplies.legend")}</legend>
      <p className="hint">{t("answerReplies.intro", { max: REPLY_MAX })}</p>
      {questions.map((question, i) => (
        <TextAreaField
          key={i}
          name={replyField(i)}
          id={`${idPrefix}-${replyField(i)}`}
          label={t("answerReplies.question", { number: i + 1, question })}
          rows={3}
          defaultValue={defaults[i] ?? ""}
          onChange={(e) => {
            const value = e.currentTarget.value;
            setReplies((r) => r.map((x, j) => (j === i ? value : x)));
          }}
          errors={errors?.[replyField(i)]}
        />
      ))}
      {/* Counted again as the officer types; said politely to a screen reader. */}
      <p className={left > 0 ? "notice" : "hint"} aria-live="polite">
        {left > 0 ? t("answerReplies.unanswered", { count: left, total: questions.length }) : t("answerReplies.allAnswered", { count: questions.length })}
      </p>
    </fieldset>
  );
}

/** The agency's reply under one open question of the digest, once the agency has answered. */
export function QuestionReply({ reply, answered }: { reply: string | undefined; answered: boolean }) {
  const { t } = useTranslation();
  if (!answered) return null;
  return reply ? (
    <div className="question-reply">
      <strong>{t("answerReplies.agencyReply")}</strong> <span className="preserve-lines">{reply}</span>
    </div>
  ) : (
    <p className="hint">{t("answerReplies.noReply")}</p>
  );
}
