// A page's public history: every version with its date and note, and what one version changed
// from the one before (?v=N; the newest by default), line by line in the visitor's language.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/ui/translation";
import { diffLines, foldUnchanged } from "~/domain/pages/diff";
import { pageHistory, versionPair } from "~/domain/pages/pages.server";
import { badCursor, cacheHeaders, publicCache } from "~/utils/http.server";
import { formatDate } from "~/utils/i18n";
import { pageTitle } from "~/utils/meta";
import { DiffView, VersionList } from "~/ui/diff";

export const meta: MetaFunction<typeof loader> = (args) => pageTitle(args, (t) => (args.data ? [t("pages.historyOf", { title: args.data.title })] : null));

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { db } = context.services;
  const slug = params.slug ?? "";
  const versions = await pageHistory(db, slug);
  if (versions.length === 0) throw new Response("Not found", { status: 404 });
  const asked = new URL(request.url).searchParams.get("v");
  if (asked !== null && !/^\d{1,9}$/.test(asked)) throw badCursor();
  const version = asked === null ? versions[0].version : Number(asked);
  const pair = await versionPair(db, slug, version, context.locale);
  if (!pair) throw new Response("Not found", { status: 404 });
  const diff = pair.body.before === null ? null : foldUnchanged(diffLines(pair.body.before, pair.body.after));
  return json(
    { slug, title: pair.title.after, versions, pair: { ...pair, body: undefined }, diff, locale: context.locale },
    { headers: publicCache(context.actor, 60) },
  );
}

export const headers = cacheHeaders;

export default function PageHistory() {
  const { t } = useTranslation();
  const { slug, title, versions, pair, diff, locale } = useLoaderData<typeof loader>();
  return (
    <div className="page narrow">
      <p>
        <Link to={`/pages/${slug}`}>{title}</Link>
      </p>
      <h1>{t("pages.historyOf", { title })}</h1>
      <section aria-labelledby="change-title">
        <h2 id="change-title">{t("pages.versionTitle", { version: pair.version, date: formatDate(pair.changedAt, locale) })}</h2>
        {pair.note ? <p>{t("pages.changeNote", { note: pair.note })}</p> : null}
        {diff === null ? (
          <p>{t("pages.firstVersion")}</p>
        ) : (
          <>
            {pair.title.before !== null && pair.title.before !== pair.title.after ? (
              <p>{t("pages.titleChanged", { before: pair.title.before, after: pair.title.after })}</p>
            ) : null}
            <DiffView diff={diff} label={t("pages.diffLabel", { version: pair.version })} />
          </>
        )}
      </section>
      <VersionList versions={versions} current={pair.version} href={(v) => `/pages/${slug}/history?v=${v}`} locale={locale} />
    </div>
  );
}
