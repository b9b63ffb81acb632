import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { useTranslation } from "~/ui/translation";
import { cacheHeaders, publicCache } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";

// A static page: no database work (the root loader reads nothing for a visitor). The
// benchmark (bench/run.ts) uses it as its baseline: what the app serves with no query.
export const meta: MetaFunction = (args) => pageTitle(args, (t) => t("about.title"));

// The same for every visitor in a language, so a CDN may keep it (one copy per language: the
// page follows the language cookie and Accept-Language); a signed-in person's copy shows their
// name in the header, so it is private. No database work either way.
export async function loader({ context }: LoaderFunctionArgs) {
  return json(null, { headers: publicCache(context.actor, 300) });
}

export const headers = cacheHeaders;

export default function About() {
  const { t } = useTranslation();
  return (
    <article className="page narrow">
      <h1>{t("about.title")}</h1>
      <p>{t("about.lead")}</p>
      <h2>{t("about.howTitle")}</h2>
      <ol>
        <li>{t("about.step1")}</li>
        <li>{t("about.step2")}</li>
        <li>{t("about.step3")}</li>
      </ol>
      <h2>{t("about.openTitle")}</h2>
      <p>{t("about.open")}</p>
      <p>
        <Link to="/ideas">{t("nav.ideas")}</Link>
      </p>
    </article>
  );
}
