import type { MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";

// A static page: no loader, no database work (the root loader reads nothing for a visitor).
// The benchmark (bench/run.ts) uses it as its baseline: what the app serves with no query.
export const meta: MetaFunction = () => [{ title: "About · Madang" }];

// The same for everyone: a CDN may keep it.
export const headers = () => ({ "Cache-Control": "public, max-age=300, stale-while-revalidate=3600" });

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
