// The deliberation digest on the idea's page (decision 034): frozen with the recommendation, for
// everyone; while it is written, for the committee's members, with the way to the form.
import { Link } from "@remix-run/react";
import { useTranslation } from "~/ui/translation";
import type { IdeaDigestView } from "~/domain/committees/digest.server";
import { formatDate, type Locale } from "~/utils/i18n";
import { QuestionReply } from "./question-replies";

type Arguments = NonNullable<IdeaDigestView["digest"]>["for"];

function ArgumentList({ list }: { list: Arguments }) {
  const { t } = useTranslation();
  if (list.length === 0) return <p>{t("digest.noArgument")}</p>;
  return (
    <ul>
      {list.map((a, i) => (
        <li key={i}>
          {a.text}{" "}
          <span className="hint">
            ({t("digest.drawsOn")}{" "}
            {a.posts.map((p, j) => (
              <span key={p.id}>
                {j > 0 ? ", " : null}
                {p.href ? <a href={p.href}>#{p.id}</a> : `#${p.id}`}
              </span>
            ))}
            )
          </span>
        </li>
      ))}
    </ul>
  );
}

export function DigestBlock({
  ideaId,
  view,
  locale,
  replies,
}: {
  ideaId: number;
  view: Pick<IdeaDigestView, "digest" | "writerName" | "can">;
  locale: Locale;
  /** The agency's replies to the open questions (its answer's latest version), once it has answered. */
  replies?: { answered: boolean; list: readonly { question_index: number; reply: string }[] };
}) {
  const { t } = useTranslation();
  const d = view.digest;
  if (!d && !view.can.write && !view.can.name) return null;
  return (
    <section className="panel" id="digest" aria-labelledby="digest-heading">
      <h2 id="digest-heading">{t("digest.title")}</h2>
      {d ? (
        <>
          <p className="hint">
            {d.frozenAt ? t("digest.frozenOn", { date: formatDate(d.frozenAt, locale) }) : t("digest.draft", { date: formatDate(d.updatedAt, locale, true) })}
          </p>
          <h3>{t("digest.for")}</h3>
          <ArgumentList list={d.for} />
          <h3>{t("digest.against")}</h3>
          <ArgumentList list={d.against} />
          {d.questions.length ? (
            <>
              <h3>{t("digest.questions")}</h3>
              <ol>
                {d.questions.map((q, i) => (
                  <li key={i}>
                    {q}
                    <QuestionReply reply={replies?.list.find((r) => r.question_index === i)?.reply} answered={Boolean(replies?.answered && d.frozenAt)} />
                  </li>
                ))}
              </ol>
            </>
          ) : null}
          {d.evidence ? (
            <>
              <h3>{t("digest.evidence")}</h3>
              <p className="preserve-lines">{d.evidence}</p>
            </>
          ) : null}
        </>
      ) : (
        <p>{t("digest.none")}</p>
      )}
      {view.can.write || view.can.name ? (
        <p>
          <Link to={`/ideas/${ideaId}/digest`}>{d ? t("digest.edit") : t("digest.write")}</Link>
        </p>
      ) : null}
    </section>
  );
}
