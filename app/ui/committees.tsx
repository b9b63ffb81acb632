// The committee's vote on an idea's page: its state and count against the quorum, who voted how
// and why (public), the member's ballot, and the chair's controls (open, extend once, close).
import { useTranslation } from "~/ui/translation";
import type { IdeaVoteView } from "~/domain/committees/queries.server";
import { Field, FormErrors, PageForm, TextAreaField } from "~/ui/form";
import { formatDate, formatNumber, type Locale } from "~/utils/i18n";
import type { FieldErrors } from "~/utils/result";
import type { RecordedVote, VoteChoice } from "../../db/schema";
import { QUORUM_MAX, REASON_MAX, REASON_MIN, VOTE_MAX_DAYS } from "~/domain/committees/rules";
import { maxLengthFor } from "~/utils/text";
import { DAY_MS, toKoreaTimeInput } from "~/utils/korea-time";

const CHOICES: VoteChoice[] = ["for", "against", "abstain"];

/** "For 3 · Against 1 · Abstain 0" as one sentence with real separators. */
export function VoteCounts({ counts, locale }: { counts: { for: number; against: number; abstain: number }; locale: Locale }) {
  const { t } = useTranslation();
  return (
    <span className="vote-counts">
      {t("committees.vote.counts", {
        for: formatNumber(counts.for, locale),
        against: formatNumber(counts.against, locale),
        abstain: formatNumber(counts.abstain, locale),
      })}
    </span>
  );
}

/** Who voted how, with their public reason. */
export function VoteList({ votes, locale }: { votes: (Pick<RecordedVote, "name" | "choice" | "reason"> & { changedAt?: string | null })[]; locale: Locale }) {
  const { t } = useTranslation();
  if (votes.length === 0) return <p>{t("committees.vote.none")}</p>;
  return (
    <ul className="vote-list">
      {votes.map((v, i) => (
        <li key={`${v.name}-${i}`}>
          <strong>{v.name}</strong>: <span className={`vote-choice vote-${v.choice}`}>{t(`committees.choice.${v.choice}`)}</span>
          {v.changedAt ? <span className="hint"> ({t("committees.vote.changedOn", { date: formatDate(v.changedAt, locale, true) })})</span> : null}{" "}
          <span className="vote-reason">{v.reason}</span>
        </li>
      ))}
    </ul>
  );
}

export function CommitteeVotePanel({
  vote,
  reply,
  done,
  busy,
  locale,
}: {
  vote: IdeaVoteView;
  reply?: { errors?: FieldErrors; values?: Record<string, string>; form?: string };
  done: string | null;
  busy: boolean;
  locale: Locale;
}) {
  const { t } = useTranslation();
  const errorsFor = (form: string) => (reply?.form === `committee:${form}` ? reply.errors : undefined);
  const valuesFor = (form: string) => (reply?.form === `committee:${form}` ? reply.values : undefined);
  const formErrors = (form: string) => <FormErrors messages={errorsFor(form)?._form ?? []} />;
  const voteValues = valuesFor("vote");
  const defaultClose = toKoreaTimeInput(new Date(Date.now() + 3 * DAY_MS)).slice(0, 14) + "00";
  const { ballot } = vote;
  return (
    <section className="panel committee-vote" id="committee-vote" aria-labelledby="committee-vote-heading">
      <h2 id="committee-vote-heading">{t("committees.vote.title")}</h2>
      {done ? (
        <p className="notice success" role="status">
          {t(`committees.vote.done.${done}`)}
        </p>
      ) : null}
      <p>
        {vote.state === "none"
          ? t("committees.vote.notOpen")
          : vote.state === "open"
            ? t("committees.vote.openUntil", { date: formatDate(ballot!.closesAt, locale, true) })
            : t("committees.vote.closedOn", { date: formatDate(ballot!.closedAt!, locale, true) })}
        {ballot?.extended ? ` ${t("committees.vote.extended")}` : null}
      </p>
      {vote.state !== "none" || vote.cast > 0 ? (
        <>
          <p>
            <VoteCounts counts={vote.counts} locale={locale} />
          </p>
          <p className={vote.missing > 0 ? "hint" : "hint quorum-met"}>
            {t("committees.vote.quorum", { cast: vote.cast, needed: vote.needed, members: vote.members })}{" "}
            {vote.missing > 0 ? t("committees.vote.missing", { count: vote.missing }) : t("committees.vote.quorumMet")}
          </p>
          <h3>{t("committees.vote.whoVoted")}</h3>
          <VoteList votes={vote.votes} locale={locale} />
        </>
      ) : null}

      {vote.can.vote ? (
        <PageForm replace className="vote-form">
          <input type="hidden" name="intent" value="committee:vote" />
          {formErrors("vote")}
          <fieldset className={errorsFor("vote")?.choice ? "field has-error" : "field"} aria-describedby={errorsFor("vote")?.choice ? "vote-choice-error" : undefined}>
            <legend>{vote.mine ? t("committees.vote.changeLegend") : t("committees.vote.castLegend")}</legend>
            {errorsFor("vote")?.choice ? (
              <ul id="vote-choice-error" className="field-errors">
                {errorsFor("vote")!.choice.map((m) => (
                  <li key={m.key}>{t(m.key)}</li>
                ))}
              </ul>
            ) : null}
            {CHOICES.map((c) => (
              <label key={c} className="choice">
                <input type="radio" name="choice" value={c} defaultChecked={(voteValues?.choice ?? vote.mine?.choice) === c} /> {t(`committees.choice.${c}`)}
              </label>
            ))}
          </fieldset>
          <TextAreaField
            name="reason"
            id="vote-reason"
            label={t("committees.vote.reasonLabel")}
            hint={t("committees.vote.reasonHint", { min: REASON_MIN, max: REASON_MAX })}
            rows={3}
            maxLength={maxLengthFor(REASON_MAX)}
            defaultValue={voteValues?.reason ?? vote.mine?.reason ?? ""}
            errors={errorsFor("vote")?.reason}
          />
          <button type="submit" disabled={busy}>
            {vote.mine ? t("committees.vote.change") : t("committees.vote.cast")}
          </button>
        </PageForm>
      ) : null}

      {vote.can.open ? (
        <PageForm replace className="inline-form">
          <input type="hidden" name="intent" value="committee:openVote" />
          {formErrors("openVote")}
          <Field
            name="closesAt"
            id="vote-opens-closes-at"
            type="datetime-local"
            label={t("committees.vote.closesAtLabel")}
            hint={t("committees.vote.closesAtHint", { max: VOTE_MAX_DAYS })}
            defaultValue={valuesFor("openVote")?.closesAt ?? defaultClose}
            errors={errorsFor("openVote")?.closesAt}
          />
          <button type="submit" disabled={busy}>
            {vote.state === "closed" ? t("committees.vote.reopen") : t("committees.vote.open")}
          </button>
        </PageForm>
      ) : null}
      {vote.can.extend ? (
        <details open={Boolean(errorsFor("extendVote"))}>
          <summary>{t("committees.vote.extend")}</summary>
          <PageForm replace>
            <input type="hidden" name="intent" value="committee:extendVote" />
            {formErrors("extendVote")}
            <Field
              name="closesAt"
              id="vote-extend-closes-at"
              type="datetime-local"
              label={t("committees.vote.newClosesAtLabel")}
              hint={t("committees.vote.extendHint")}
              defaultValue={valuesFor("extendVote")?.closesAt ?? (ballot ? toKoreaTimeInput(new Date(new Date(ballot.closesAt).getTime() + 2 * DAY_MS)) : "")}
              errors={errorsFor("extendVote")?.closesAt}
            />
            <button type="submit" className="secondary" disabled={busy}>
              {t("committees.vote.extendSubmit")}
            </button>
          </PageForm>
        </details>
      ) : null}
      {vote.can.close ? (
        <PageForm replace>
          <input type="hidden" name="intent" value="committee:closeVote" />
          {formErrors("closeVote")}
          <button type="submit" className="secondary" disabled={busy}>
            {t("committees.vote.close")}
          </button>
        </PageForm>
      ) : null}
    </section>
  );
}

/** The admin's form for a committee's quorum. */
export function QuorumForm({
  quorum,
  errors,
  values,
  saved,
  busy,
}: {
  quorum: { kind: "count" | "share" | null; value: number | null };
  errors?: FieldErrors;
  values?: Record<string, string>;
  saved: boolean;
  busy: boolean;
}) {
  const { t } = useTranslation();
  const kind = values?.quorumKind ?? quorum.kind ?? "majority";
  return (
    <details className="panel" open={Boolean(errors) || saved}>
      <summary>{t("committees.quorum.title")}</summary>
      {saved ? (
        <p className="notice success" role="status">
          {t("committees.quorum.saved")}
        </p>
      ) : null}
      <PageForm replace>
        <input type="hidden" name="intent" value="quorum" />
        <FormErrors messages={errors?._form ?? []} />
        <fieldset className={errors?.quorumKind ? "field has-error" : "field"}>
          <legend>{t("committees.quorum.kindLabel")}</legend>
          {errors?.quorumKind ? (
            <ul className="field-errors">
              {errors.quorumKind.map((m) => (
                <li key={m.key}>{t(m.key)}</li>
              ))}
            </ul>
          ) : null}
          {(["majority", "count", "share"] as const).map((k) => (
            <label key={k} className="choice">
              <input type="radio" name="quorumKind" value={k} defaultChecked={kind === k} /> {t(`committees.quorum.${k}`)}
            </label>
          ))}
        </fieldset>
        <Field
          name="quorumValue"
          id="quorum-value"
          inputMode="numeric"
          label={t("committees.quorum.valueLabel")}
          hint={t("committees.quorum.valueHint", { votes: QUORUM_MAX.count, percent: QUORUM_MAX.share })}
          defaultValue={values?.quorumValue ?? (quorum.value !== null ? String(quorum.value) : "")}
          errors={errors?.quorumValue}
        />
        <button type="submit" disabled={busy}>
          {t("committees.quorum.save")}
        </button>
      </PageForm>
    </details>
  );
}
