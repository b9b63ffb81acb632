// Calendar files (RFC 5545) for one event and for the whole list (decision 038), written by the
// `ics` library. Times go out in UTC ("…Z"): every calendar shows them in its reader's own zone,
// and an instant in UTC needs no VTIMEZONE block. Korea keeps one offset all year (+09:00), so
// 14:00 in Seoul is always 05:00Z. A cancelled event stays in the file with STATUS:CANCELLED, so
// calendars that imported it remove it.
import { createEvents, type EventAttributes } from "ics";
import type { CivicEventsTable } from "../../../db/schema";
import type { Selectable } from "kysely";

type EventRow = Selectable<CivicEventsTable>;

/** The file's text, or null if the library refused an event (the route answers 500 then). */
export function calendarOf(events: EventRow[], siteUrl: string, calendarName: string, now = new Date()): string | null {
  const base = siteUrl.replace(/\/+$/, "");
  const host = new URL(base).hostname;
  const items: EventAttributes[] = events.map((e) => {
    const where = [e.place, e.address].filter(Boolean).join(", ") || e.online_url;
    const description = [e.description_ko, e.title_en && e.description_en ? `— ${e.title_en} —\n${e.description_en}` : "", e.online_url]
      .filter(Boolean)
      .join("\n\n");
    return {
      uid: `event-${e.id}@${host}`,
      title: e.title_en ? `${e.title_ko} / ${e.title_en}` : e.title_ko,
      start: new Date(e.starts_at).getTime(),
      startInputType: "utc",
      startOutputType: "utc",
      end: new Date(e.ends_at).getTime(),
      endInputType: "utc",
      endOutputType: "utc",
      timestamp: new Date(e.updated_at).getTime() || now.getTime(),
      description: description.slice(0, 5000),
      location: where || undefined,
      url: `${base}/events/${e.id}`,
      status: e.cancelled_at ? "CANCELLED" : "CONFIRMED",
      productId: "madang/events",
    };
  });
  const { error, value } = createEvents(items, { productId: "madang/events", method: "PUBLISH", calName: calendarName });
  if (error || value === undefined) return null;
  return value;
}
