import { Form, NavLink, useLocation, useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
// The type only: root.tsx renders this header, so a value import would be a cycle.
import type { loader as rootLoader } from "~/root";

export function SiteHeader() {
  const { t } = useTranslation();
  const data = useRouteLoaderData<typeof rootLoader>("root");
  const location = useLocation();
  const user = data?.user;
  const here = location.pathname + location.search;
  const other = data?.locale === "en" ? "ko" : "en";
  return (
    <header className="site-header">
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
              <Form method="post" action="/logout">
                <button type="submit" className="button-link">
                  {t("nav.logout")}
                </button>
              </Form>
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
          <Form method="post" action="/language" className="language-form" reloadDocument>
            <input type="hidden" name="next" value={here} />
            <button type="submit" name="locale" value={other} className="small">
              <span className="visually-hidden">{t("language.switch")}: </span>
              <span lang={other}>{t(`language.${other}`)}</span>
            </button>
          </Form>
        </div>
      </div>
    </header>
  );
}
