// A table of ideas under agency review, overdue ones marked in words (not only colour).
import { Link } from "@remix-run/react";
import { useTranslation } from "~/ui/translation";
import { formatDate, type Locale } from "~/utils/i18n";

interface Row {
  id: number;
  title: string;
  agency_due_at: string | null;
  officer_name: string | null;
  agency_ko: string | null;
  agency_en: string | null;
}

export function QueueTable({ rows, locale, now, showOfficer }: { rows: Row[]; locale: Locale; now: string; showOfficer?: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="table-scroll">
      <table className="stack-table">
        <thead>
          <tr>
            <th scope="col">{t("agencies.idea")}</th>
            {showOfficer ? <th scope="col">{t("review.agency")}</th> : null}
            <th scope="col">{t("agencies.due")}</th>
            {showOfficer ? <th scope="col">{t("review.assigned")}</th> : null}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const overdue = r.agency_due_at !== null && r.agency_due_at <= now;
            return (
              <tr key={r.id} className={overdue ? "overdue-row" : undefined}>
                <td>
                  <Link to={`/ideas/${r.id}`}>{r.title}</Link>
                </td>
                {showOfficer ? <td data-label={t("review.agency")}>{locale === "ko" ? r.agency_ko : r.agency_en}</td> : null}
                <td data-label={t("agencies.due")}>
                  {r.agency_due_at ? formatDate(r.agency_due_at, locale) : "—"}
                  {overdue ? <strong className="overdue-tag"> {t("workflow.overdue")}</strong> : null}
                </td>
                {showOfficer ? <td data-label={t("review.assigned")}>{r.officer_name ?? t("review.unassigned")}</td> : null}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
