// A page written by the admins (operating rules, privacy notice, terms of use...): its newest
// version in the visitor's language, when it last changed and what the change was, with a link
// to every version and what each one changed.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/ui/translation";
import { publishedPage } from "~/domain/pages/pages.server";
import { cacheHeaders, publicCache } from "~/utils/http.server";
import { formatDate } from "~/utils/i18n";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction<typeof loader> = (args) => pageTitle(args, () => args.data?.page.title);

export async function loader({ params, context }: LoaderFunctionArgs) {
  const page = await publishedPage(context.services.db, params.slug ?? "", context.locale);
  if (!page) throw new Response("Not found", { status: 404 });
  return json({ page, locale: context.locale }, { headers: publicCache(context.actor, 60) });
}

export const headers = cacheHeaders;

export default function Page() {
  const { t } = useTranslation();
  const { page, locale } = useLoaderData<typeof loader>();
  const history = `/pages/${page.slug}/history`;
  return (
    <article className="page narrow">
      <h1>{page.title}</h1>
      <p className="hint">
        {page.version > 1
          ? t("pages.lastChanged", { date: formatDate(page.changedAt, locale), version: page.version })
          : t("pages.publishedOn", { date: formatDate(page.publishedAt, locale) })}
        {page.version > 1 && page.note ? ` ${t("pages.changeNote", { note: page.note })}` : null}
      </p>
      <p>
        {page.version > 1 ? (
          <>
            <Link to={`${history}?v=${page.version}`}>{t("pages.whatChanged")}</Link>
            {" · "}
          </>
        ) : null}
        <Link to={history}>{t("pages.history")}</Link>
      </p>
      <div className="page-body" dangerouslySetInnerHTML={{ __html: page.html }} />
    </article>
  );
}
