// The minutes' public history: every version with its date and note, and what one version
// changed from the one before (?v=N; the newest by default), as pages' histories show it.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/ui/translation";
import { diffLines, foldUnchanged } from "~/domain/pages/diff";
import { minutesHistory, minutesPair } from "~/domain/events/minutes.server";
import { eventById } from "~/domain/events/queries.server";
import { DiffView, VersionList } from "~/ui/diff";
import { badCursor, cacheHeaders, idParam, publicCache } from "~/utils/http.server";
import { formatDate } from "~/utils/i18n";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction<typeof loader> = (args) =>
  pageTitle(args, (t) => (args.data ? [t("events.minutes.historyOf", { title: args.data.title })] : null), (t) => [{ name: "description", content: t("events.minutes.historyDescription") }]);

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { db } = context.services;
  const id = idParam(params);
  const event = await eventById(db, id, context.locale);
  if (!event) throw new Response("Not found", { status: 404 });
  const versions = await minutesHistory(db, id);
  if (versions.length === 0) throw new Response("Not found", { status: 404 });
  const asked = new URL(request.url).searchParams.get("v");
  if (asked !== null && !/^\d{1,9}$/.test(asked)) throw badCursor();
  const version = asked === null ? versions[0].version : Number(asked);
  const pair = await minutesPair(db, id, version);
  if (!pair) throw new Response("Not found", { status: 404 });
  const diff = pair.body.before === null ? null : foldUnchanged(diffLines(pair.body.before, pair.body.after));
  return json({ id, title: event.title, versions, pair: { ...pair, body: undefined }, diff, locale: context.locale }, { headers: publicCache(context.actor, 60) });
}

export const headers = cacheHeaders;

export default function MinutesHistory() {
  const { t } = useTranslation();
  const { id, title, versions, pair, diff, locale } = useLoaderData<typeof loader>();
  return (
    <div className="page narrow">
      <p>
        <Link to={`/events/${id}`}>{title}</Link>
      </p>
      <h1>{t("events.minutes.historyOf", { title })}</h1>
      <section aria-labelledby="change-title">
        <h2 id="change-title">{t("pages.versionTitle", { version: pair.version, date: formatDate(pair.changedAt, locale) })}</h2>
        {pair.note ? <p>{t("pages.changeNote", { note: pair.note })}</p> : null}
        {pair.attendance.before !== null && pair.attendance.before !== pair.attendance.after ? (
          <p>{t("events.minutes.attendanceChanged", { before: pair.attendance.before, after: pair.attendance.after })}</p>
        ) : null}
        {pair.facilitator.before !== null && pair.facilitator.before !== pair.facilitator.after ? (
          <p>{t("events.minutes.facilitatorChanged", { before: pair.facilitator.before, after: pair.facilitator.after })}</p>
        ) : null}
        {diff === null ? <p>{t("pages.firstVersion")}</p> : <DiffView diff={diff} label={t("pages.diffLabel", { version: pair.version })} />}
      </section>
      <VersionList versions={versions} current={pair.version} href={(v) => `/events/${id}/history?v=${v}`} locale={locale} />
    </div>
  );
}
