// The calendar files' HTTP answer (text/calendar, UTF-8), shared by /events.ics and /events/:id.ics.
import type { AppLoadContext } from "@remix-run/node";
import { calendarOf } from "../domain/events/calendar.server";
import { eventsForCalendar } from "../domain/events/queries.server";
import { translator } from "../utils/i18n";
import { cacheControl } from "../utils/http.server";

export async function calendarResponse(context: AppLoadContext, eventId: number | undefined, filename: string): Promise<Response> {
  const events = await eventsForCalendar(context.services.db, eventId);
  if (eventId !== undefined && events.length === 0) throw new Response("Not found", { status: 404 });
  const t = translator(context.locale);
  const text = calendarOf(events, context.services.config.publicUrl, `${t("events.title")} · ${t("site.name")}`);
  if (text === null) throw new Response("The calendar could not be written", { status: 500 });
  return new Response(text, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      ...cacheControl({ shared: 300 }),
    },
  });
}
