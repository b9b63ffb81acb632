// The links under a log read newest first (the audit log, the security log): back to the newest
// page (kept filtered), and on to older entries when there are more.
import { Link } from "@remix-run/react";

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
