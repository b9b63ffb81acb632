// What one version of a text changed from the one before, line by line (app/domain/pages/diff.ts):
// added and removed lines say so in words for screen readers, not by colour alone. Used by the
// pages' history and the event minutes' history.
import { useTranslation } from "react-i18next";
import type { DiffPart } from "~/domain/pages/diff";

export function DiffView({ diff, label }: { diff: DiffPart[]; label: string }) {
  const { t } = useTranslation();
  return (
    <>
      <p className="hint">{t("pages.diffLegend")}</p>
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
    </>
  );
}
