// Events: upcoming (soonest first) or past (latest first), filtered by region and organiser, a
// page at a time; the whole list as a calendar file.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/ui/translation";
import { canOrganiseEvents } from "~/domain/events/permissions";
import { listEvents, organisersWithEvents, parseEventFilter, regionChoices, type EventFilter } from "~/domain/events/queries.server";
import { EventCards } from "~/ui/events";
import { SelectField } from "~/ui/form";
import { badCursor, cacheHeaders, publicCache } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction<typeof loader> = (args) =>
  pageTitle(args, (t) => [args.data?.filter.when === "past" ? t("events.pastTitle") : null, t("events.title")], (t) => [{ name: "description", content: t("events.description") }]);

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { db } = context.services;
  const url = new URL(request.url);
  const filter = parseEventFilter(url.searchParams);
  const cursor = url.searchParams.get("cursor");
  const [page, regions, organisers] = await Promise.all([
    listEvents(db, filter, cursor, context.locale),
    regionChoices(db, context.locale),
    organisersWithEvents(db, context.locale),
  ]);
  if (!page) throw badCursor();
  return json(
    {
      filter,
      cursor,
      ...page,
      regions,
      organisers,
      canCreate: canOrganiseEvents(context.actor),
      locale: context.locale,
    },
    { headers: publicCache(context.actor) },
  );
}

export const headers = cacheHeaders;

function search(filter: EventFilter, more: Record<string, string> = {}) {
  const params = new URLSearchParams();
  if (filter.when === "past") params.set("when", "past");
  if (filter.regionId !== null) params.set("region", String(filter.regionId));
  if (filter.organiser) params.set("organiser", filter.organiser);
  for (const [k, v] of Object.entries(more)) params.set(k, v);
  const s = params.toString();
  return s ? `/events?${s}` : "/events";
}

export default function Events() {
  const { t } = useTranslation();
  const { filter, cursor, events, nextCursor, regions, organisers, canCreate, locale } = useLoaderData<typeof loader>();
  const past = filter.when === "past";
  return (
    <div className="page">
      <div className="page-head">
        <h1>{t("events.title")}</h1>
        {canCreate ? (
          <Link to="/events/new" className="button">
            {t("events.create")}
          </Link>
        ) : null}
      </div>
      <p className="lead">{t("events.intro")}</p>
      <div className="list-controls">
        <nav aria-label={t("events.whenLabel")}>
          <ul className="sort-links">
            <li>
              <Link to={search({ ...filter, when: "upcoming" })} aria-current={past ? undefined : "true"}>
                {t("events.upcoming")}
              </Link>
            </li>
            <li>
              <Link to={search({ ...filter, when: "past" })} aria-current={past ? "true" : undefined}>
                {t("events.past")}
              </Link>
            </li>
          </ul>
        </nav>
        <details open={Boolean(filter.regionId || filter.organiser)}>
          <summary>{t("events.filters")}</summary>
          <Form method="get" className="filters">
            {past ? <input type="hidden" name="when" value="past" /> : null}
            <SelectField name="region" label={t("events.region")} defaultValue={filter.regionId ? String(filter.regionId) : ""} options={[{ value: "", label: t("events.anyRegion") }, ...regions]} />
            <SelectField
              name="organiser"
              label={t("events.organiser")}
              defaultValue={filter.organiser ?? ""}
              options={[{ value: "", label: t("events.anyOrganiser") }, ...organisers.map((o) => ({ value: o.value, label: o.name ?? t("events.operator") }))]}
            />
            <button type="submit">{t("ideas.apply")}</button>
            <Link to={past ? "/events?when=past" : "/events"}>{t("ideas.clear")}</Link>
          </Form>
        </details>
      </div>
      <section aria-labelledby="results-heading">
        <h2 id="results-heading">{past ? t("events.past") : t("events.upcoming")}</h2>
        {events.length === 0 ? <p>{past ? t("events.nonePast") : t("events.noneUpcoming")}</p> : <EventCards events={events} locale={locale} />}
      </section>
      <nav className="actions" aria-label={t("events.pages")}>
        {cursor ? <Link to={search(filter)}>{t("ideas.first")}</Link> : null}
        {nextCursor ? (
          <Link to={search(filter, { cursor: nextCursor })} className="button" rel="next">
            {t("ideas.next")}
          </Link>
        ) : null}
      </nav>
      <p>
        <a href="/events.ics" download>
          {t("events.calendarAll")}
        </a>
      </p>
    </div>
  );
}
