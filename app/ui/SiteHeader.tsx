// Its links are plain anchors that the header follows in the page with one click handler, and
// its forms plain forms: a <NavLink> or a <Form> costs the server several hooks and a path
// resolution on every page, and the header is on every page (decision 078).
import { useLocation, useNavigate, useRouteLoaderData } from "@remix-run/react";
import { createContext, useContext, type ReactNode } from "react";
import { useTranslation } from "~/ui/translation";
import { followLink } from "./follow-link";
// The type only: root.tsx renders this header, so a value import would be a cycle.
import type { loader as rootLoader } from "~/root";

/** The page's path, lower-cased, for the links to mark the one that leads here. */
const Here = createContext("");

/**
 * A link to one of the site's pages (an absolute path), marked as NavLink marks it: `active` and
 * aria-current="page" on that page and the pages under it. `data-discover` lets the router learn
 * the route before the click, as it does for a <Link>.
 */
function NavLink({ to, className, children, ...rest }: { to: string; className?: string; children: ReactNode; "aria-label"?: string }) {
  const here = useContext(Here);
  const path = to.split("?")[0].toLowerCase();
  const active = here === path || (here.startsWith(path) && here.charAt(path.length) === "/");
  const classes = [className, active ? "active" : null].filter(Boolean).join(" ");
  return (
    <a href={to} className={classes || undefined} aria-current={active ? "page" : undefined} data-discover="true" {...rest}>
      {children}
    </a>
  );
}

export function SiteHeader() {
  const { t } = useTranslation();
  const data = useRouteLoaderData<typeof rootLoader>("root");
  const location = useLocation();
  const navigate = useNavigate();
  const user = data?.user;
  const here = location.pathname + location.search;
  const other = data?.locale === "en" ? "ko" : "en";
  return (
    // A click on any of its links is followed in the page (a plain click; not one that opens a tab).
    <header className="site-header" onClick={(event) => followLink(event, navigate)}>
      <Here.Provider value={location.pathname.toLowerCase()}>
        <div className="site-header-inner">
          <a href="/" className="site-name">
            {t("site.name")}
          </a>
          <nav aria-label={t("site.mainNav")} className="main-nav">
            <ul>
              <li>
                <NavLink to="/ideas">{t("nav.ideas")}</NavLink>
              </li>
              <li>
                <NavLink to="/campaigns">{t("nav.campaigns")}</NavLink>
              </li>
              <li>
                <NavLink to="/committees">{t("nav.committees")}</NavLink>
              </li>
              <li>
                <NavLink to="/agencies">{t("nav.agencies")}</NavLink>
              </li>
              <li>
                <NavLink to="/stats">{t("nav.stats")}</NavLink>
              </li>
              {user?.committees.length === 1 ? (
                <li>
                  <NavLink to={`/committees/${user.committees[0].slug}/workspace`}>{t("committees.workspace.nav")}</NavLink>
                </li>
              ) : user?.committees.length ? (
                <li>
                  {/* A member of several committees: a menu that reaches each one's workspace. */}
                  <details className="nav-menu">
                    <summary>{t("committees.workspace.navMany")}</summary>
                    <ul>
                      {user.committees.map((c) => (
                        <li key={c.slug}>
                          <NavLink to={`/committees/${c.slug}/workspace`}>{c.name}</NavLink>
                        </li>
                      ))}
                    </ul>
                  </details>
                </li>
              ) : null}
              {user?.officer ? (
                <li>
                  <NavLink to="/review">{t("review.title")}</NavLink>
                </li>
              ) : null}
              {user?.moderator ? (
                <li>
                  <NavLink to="/moderation">{t("moderation.title")}</NavLink>
                </li>
              ) : null}
              {user?.moderator ? (
                <li>
                  <NavLink to="/desk">{t("assisted.deskNav")}</NavLink>
                </li>
              ) : null}
              {user?.identityVerifier ? (
                <li>
                  <NavLink to="/identity-desk">{t("verification.desk.title")}</NavLink>
                </li>
              ) : null}
              {user?.admin ? (
                <li>
                  <NavLink to="/admin">{t("nav.admin")}</NavLink>
                </li>
              ) : null}
            </ul>
          </nav>
          <div className="account-nav">
            {user ? (
              <>
                <NavLink to="/me/notifications">
                  {t("notifications.title")}
                  {user.unread > 0 ? (
                    <span className="badge">
                      {user.unread > 99 ? "99+" : user.unread}
                      <span className="visually-hidden"> ({t("notifications.unread", { count: user.unread })})</span>
                    </span>
                  ) : null}
                </NavLink>
                {/* Read out as a whole sentence, in each language's order ("Signed in as X", "X 님으로 로그인함"). */}
                <NavLink to="/me" className="account-name" aria-label={t("nav.signedInAs", { name: user.displayName })}>
                  {user.displayName}
                </NavLink>
                <form method="post" action="/logout">
                  <button type="submit" className="button-link">
                    {t("nav.logout")}
                  </button>
                </form>
              </>
            ) : (
              <>
                <NavLink to={`/login?next=${encodeURIComponent(here)}`}>{t("nav.login")}</NavLink>
                <NavLink to="/join" className="button small">
                  {t("nav.join")}
                </NavLink>
              </>
            )}
            {/* Two languages: one button names the other, in its own language ("English" on a
              Korean page), so the switch is one short control, not a row of its own on a phone. */}
            <form method="post" action="/language" className="language-form">
              <input type="hidden" name="next" value={here} />
              <button type="submit" name="locale" value={other} className="small">
                <span className="visually-hidden">{t("language.switch")}: </span>
                <span lang={other}>{t(`language.${other}`)}</span>
              </button>
            </form>
          </div>
        </div>
      </Here.Provider>
    </header>
  );
}
