// A log read newest first (the audit log, the security log): its table, and the links under it
// back to the newest page (kept filtered) and on to older entries when there are more.
import { Link } from "@remix-run/react";
import type { ReactNode } from "react";

/** The log's table: a caption for screen readers, a header row, and the rows it is given. */
export function LogTable({ caption, columns, children }: { caption: string; columns: string[]; children: ReactNode }) {
  return (
    <div className="table-scroll">
      <table className="stack-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

export function NewestOlderNav({ label, newest, older, newestText, olderText }: { label: string; newest: string | null; older: string | null; newestText: string; olderText: string }) {
  return (
    <nav aria-label={label}>
      <p>
        {newest ? <Link to={newest}>{newestText}</Link> : null}
        {older ? (
          <>
            {" · "}
            <Link to={older}>{olderText}</Link>
          </>
        ) : null}
      </p>
    </nav>
  );
}
