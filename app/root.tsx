import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import {
  Form,
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLocation,
  useNavigate,
  useRouteError,
  useRouteLoaderData,
  type ShouldRevalidateFunction,
} from "@remix-run/react";
import { Suspense } from "react";
import { I18nextProvider } from "react-i18next";
import { useTranslation } from "~/ui/translation";
import { hasRole, isAdmin, isModerator, isStaff } from "./domain/accounts/permissions";
import { unreadCount } from "./domain/notifications/queries.server";
import { myCommittees } from "./domain/committees/queries.server";
import { useNonce } from "./ui/nonce";
import { FOLLOWED_LINK, followLink } from "./ui/follow-link";
import { SiteHeader } from "./ui/SiteHeader";
import { useFirstPageEnds } from "./ui/static-island";
import { answeredBySupport } from "./ui/support";
import { CATALOG_ELEMENT_ID, i18nFor, pageCatalogJson, useCatalog, type Locale } from "./utils/i18n";
import { pageTitle } from "./utils/meta";
import type { TFunction } from "i18next";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: "/styles.css" },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

/** What an error page is about, in a few words (its title and its heading). */
function errorTitle(error: unknown, t: TFunction): string {
  const status = isRouteErrorResponse(error) ? error.status : 500;
  if (status === 404) return t("errors.notFoundTitle");
  if (status === 400) return t("errors.badLinkTitle");
  if (status === 403 || status === 401) return t("errors.forbidden");
  return t("errors.serverTitle");
}

// Pages without a title of their own, and every error page (the root's boundary shows only this
// route's meta), still name themselves in the browser's tab and to screen readers.
export const meta: MetaFunction<typeof loader> = (args) => pageTitle(args, (t) => (args.error ? errorTitle(args.error, t) : null));

export async function loader({ context }: LoaderFunctionArgs) {
  const { actor, locale, services } = context;
  // Read with the session for a page (app/auth/session.server.ts); after a form's action, afresh.
  const unread = actor ? (context.unread ?? (await unreadCount(services.db, actor))) : 0;
  // Members and chairs: a link to their committee's workspace (no query for anyone else).
  const committees = (await myCommittees(services.db, actor)).map((c) => ({ slug: c.slug, name: locale === "ko" ? c.name_ko : c.name_en }));
  return json({
    locale,
    demo: services.config.demo,
    user: actor
      ? {
          displayName: actor.displayName,
          email: actor.email,
          emailVerified: actor.emailVerified,
          admin: isAdmin(actor),
          staff: isStaff(actor),
          officer: hasRole(actor, "agency_officer") || hasRole(actor, "agency_supervisor"),
          moderator: isModerator(actor),
          identityVerifier: hasRole(actor, "identity_verifier"),
          committees,
          unread,
          rolesOnHold: actor.rolesOnHold ?? false,
        }
      : null,
  });
}

// Supporting an idea changes nothing the header shows (app/ui/support.tsx).
export const shouldRevalidate: ShouldRevalidateFunction = (args) => !answeredBySupport(args) && args.defaultShouldRevalidate;

export type RootData = ReturnType<typeof useRootData>;
export function useRootData() {
  return useRouteLoaderData<typeof loader>("root");
}

/** zod reads its settings from this global when it loads (zod/v4/core: globalConfig). */
const ZOD_JITLESS = "globalThis.__zod_globalConfig=Object.assign(globalThis.__zod_globalConfig||{},{jitless:true});";

function Document({ locale, children }: { locale: Locale; children: React.ReactNode }) {
  const nonce = useNonce();
  const catalog = useCatalog(locale);
  useFirstPageEnds();
  return (
    <I18nextProvider i18n={i18nFor(catalog)}>
      <html lang={locale}>
        <head>
          <meta charSet="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <Meta />
          <Links />
          {/* Before any module loads: zod must not probe for eval (new Function), which the
              Content-Security-Policy refuses and reports on every page (issue 21, item 13). */}
          <script nonce={nonce} dangerouslySetInnerHTML={{ __html: ZOD_JITLESS }} />
        </head>
        <body>
          {children}
          <ScrollRestoration nonce={nonce} />
          <Scripts nonce={nonce} />
          {/* Last, once every component above has asked for its messages: the messages the page
              used, with which the browser hydrates (data, not a script that runs; it carries
              the nonce all the same, like every script element of the page). */}
          <PageCatalog locale={locale} />
        </body>
      </html>
    </I18nextProvider>
  );
}

/** Rendered after the page (React renders in order), so that it holds every message the page used. */
function PageCatalog({ locale }: { locale: Locale }) {
  const nonce = useNonce();
  return <script type="application/json" id={CATALOG_ELEMENT_ID} nonce={nonce} dangerouslySetInnerHTML={{ __html: pageCatalogJson(locale) }} />;
}

function VerifyBanner() {
  const data = useRootData();
  const { t } = useTranslation();
  const location = useLocation();
  if (!data?.user || data.user.emailVerified || location.pathname.startsWith("/verify-email")) return null;
  return (
    <div className="banner" role="status">
      <p>{t("verify.banner")}</p>
      <Form method="post" action="/verify-email">
        <input type="hidden" name="intent" value="resend" />
        <button type="submit" className="button-link">
          {t("verify.resend")}
        </button>
      </Form>
    </div>
  );
}

/** Staff who have not enrolled in two-factor sign-in act as citizens until they do (decision 047). */
function TwoFactorBanner() {
  const data = useRootData();
  const { t } = useTranslation();
  if (!data?.user?.rolesOnHold) return null;
  return (
    <div className="banner" role="status">
      <p>
        {t("twoFactor.banner")} <Link to="/me/security#two-factor">{t("twoFactor.bannerLink")}</Link>
      </p>
    </div>
  );
}

function Layout({ children }: { children: React.ReactNode }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <>
      <a className="skip-link" href="#main">
        {t("site.skipToContent")}
      </a>
      <SiteHeader />
      <VerifyBanner />
      <TwoFactorBanner />
      {/* Plain anchors marked as a <Link> marks them are followed in the page (app/ui/follow-link.ts). */}
      <main id="main" tabIndex={-1} onClick={(event) => followLink(event, navigate, FOLLOWED_LINK)}>
        {children}
      </main>
      <footer className="site-footer">
        <p>{t("site.footer")}</p>
        <p>
          <a href="/events">{t("events.footer")}</a> · <a href="/stats">{t("nav.stats")}</a> · <a href="/open-data">{t("openData.footer")}</a> · <a href="/feed.atom">Atom</a>
        </p>
        <nav aria-label={t("pages.footer")}>
          <p>
            <a href="/pages/operating-rules">{t("footer.rules")}</a> · <a href="/transparency">{t("footer.transparency")}</a> ·{" "}
            <a href="/pages/privacy">{t("footer.privacy")}</a> · <a href="/pages/terms">{t("footer.terms")}</a>
          </p>
        </nav>
      </footer>
    </>
  );
}

export default function App() {
  const data = useRootData();
  return (
    <Document locale={data?.locale ?? "ko"}>
      <Layout>
        {/* A page that needs a part of the catalog the browser has not loaded yet suspends
            until it arrives; navigations run in a transition, so the old page stays meanwhile. */}
        <Suspense fallback={null}>
          <Outlet />
        </Suspense>
      </Layout>
    </Document>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const data = useRootData();
  const locale = data?.locale ?? "ko";
  const t = i18nFor(locale).t;
  const location = useLocation();
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  const forbidden = isRouteErrorResponse(error) && (error.status === 403 || error.status === 401);
  // A link the page cannot read (a list cursor someone changed or cut short): say so, and offer
  // the first page, which is this address without its query.
  const badLink = isRouteErrorResponse(error) && error.status === 400;
  if (!notFound && !forbidden && !badLink) console.error(error);
  const title = errorTitle(error, t);
  const body = notFound ? t("errors.notFound") : forbidden ? t("errors.forbidden") : badLink ? t("errors.badLink") : t("errors.server");
  return (
    <Document locale={locale}>
      <Layout>
        <div className="page narrow">
          <h1>{title}</h1>
          <p>{body}</p>
          {badLink ? (
            <p>
              <a href={location.pathname}>{t("errors.firstPage")}</a>
            </p>
          ) : null}
          <p>
            <a href="/">{t("nav.home")}</a>
          </p>
        </div>
      </Layout>
    </Document>
  );
}
