// What one version of a text changed from the one before, line by line (app/domain/pages/diff.ts):
// added and removed lines say so in words for screen readers, not by colour alone. Used by the
// pages' history and the event minutes' history.
import { Link } from "@remix-run/react";
import { useTranslation } from "~/ui/translation";
import { formatDate, type Locale } from "~/utils/i18n";
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

/** Every version of a text, newest first, each a link to its changes (the one shown is marked). */
export function VersionList({ versions, current, href, locale }: { versions: { version: number; created_at: string; note: string | null }[]; current: number; href: (version: number) => string; locale: Locale }) {
  const { t } = useTranslation();
  return (
    <>
      <h2>{t("pages.allVersions")}</h2>
      <ol reversed className="link-list">
        {versions.map((v) => (
          <li key={v.version}>
            {v.version === current ? (
              <strong aria-current="true">{t("pages.versionTitle", { version: v.version, date: formatDate(v.created_at, locale) })}</strong>
            ) : (
              <Link to={href(v.version)}>{t("pages.versionTitle", { version: v.version, date: formatDate(v.created_at, locale) })}</Link>
            )}
            {v.note ? ` — ${v.note}` : null}
          </li>
        ))}
      </ol>
    </>
  );
}
