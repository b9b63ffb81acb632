// A line-by-line change between two versions of a text (app/domain/pages/diff.ts): kept, added and
// removed lines, folded runs of kept lines. Used by a page's history and a meeting's minutes.
import { useTranslation } from "react-i18next";
import type { DiffPart } from "~/domain/pages/diff";

export function DiffList({ diff, label }: { diff: DiffPart[]; label: string }) {
  const { t } = useTranslation();
  return (
    <ol className="diff" aria-label={label}>
      {diff.map((part, index) =>
        part.kind === "folded" ? (
          <li key={index} className="hint">
            {t("pages.unchangedLines", { count: part.count })}
          </li>
        ) : part.kind === "added" ? (
          <li key={index}>
            <ins>
              <span className="visually-hidden">{t("pages.added")} </span>
              {part.text || " "}
            </ins>
          </li>
        ) : part.kind === "removed" ? (
          <li key={index}>
            <del>
              <span className="visually-hidden">{t("pages.removed")} </span>
              {part.text || " "}
            </del>
          </li>
        ) : (
          <li key={index}>{part.text || " "}</li>
        ),
      )}
    </ol>
  );
}
