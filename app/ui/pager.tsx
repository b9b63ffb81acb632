// The one pager of a numbered list (decision 071): first, previous, "page X of Y", next and last
// as plain links (they work without JavaScript), each keeping the address's other parameters
// and returning to the list's heading (`hash`). Nothing is shown when there is one page.
import { Link, useLocation } from "@remix-run/react";
import { useTranslation } from "~/ui/translation";
import { formatNumber, type Locale } from "~/utils/i18n";
import { withParam } from "~/utils/paging";

interface PagerProps {
  page: number;
  /** Null when the list does not count its rows (then there is no "of Y" and no last link). */
  pageCount: number | null;
  /** Whether a page follows (known from pageCount when it is given). */
  hasNext?: boolean;
  /** The address of a page; by default this address with `param` set (page 1: removed). */
  href?: (page: number) => string;
  /** The address's parameter that holds the page number. */
  param?: string;
  /** The list's heading id: the links return to it. */
  hash?: string;
  /** The navigation's name for assistive technology ("Ideas in the committee's care: pages"). */
  label: string;
  locale: Locale;
}

export function Pager({ page, pageCount, hasNext, href, param = "page", hash, label, locale }: PagerProps) {
  const { t } = useTranslation();
  const { pathname, search } = useLocation();
  const more = pageCount === null ? Boolean(hasNext) : page < pageCount;
  if (page <= 1 && !more) return null;
  const to = href ?? ((n: number) => `${pathname}${withParam(search, param, n === 1 ? null : String(n))}${hash ? `#${hash}` : ""}`);
  const n = (value: number) => formatNumber(value, locale);
  return (
    <nav className="actions pager" aria-label={label}>
      {page > 2 ? <Link to={to(1)}>{t("pager.first")}</Link> : null}
      {page > 1 ? (
        <Link to={to(page - 1)} rel="prev">
          {t("pager.previous")}
        </Link>
      ) : null}
      <span>{pageCount === null ? t("pager.page", { page: n(page) }) : t("pager.pageOf", { page: n(page), pages: n(pageCount) })}</span>
      {more ? (
        <Link to={to(page + 1)} rel="next">
          {t("pager.next")}
        </Link>
      ) : null}
      {pageCount !== null && page < pageCount - 1 ? <Link to={to(pageCount)}>{t("pager.last", { page: n(pageCount) })}</Link> : null}
    </nav>
  );
}
