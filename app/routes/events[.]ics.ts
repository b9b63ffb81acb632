// Every event of the last 90 days and after, as one calendar file (/events.ics): a calendar
// subscribed to this address shows new events and cancellations as they come.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { calendarResponse } from "~/http/calendar.server";

export async function loader({ context }: LoaderFunctionArgs) {
  return calendarResponse(context, undefined, "madang-events.ics");
}
