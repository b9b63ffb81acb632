// One event as a calendar file (/events/:id.ics): add it to a phone's or a computer's calendar.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { calendarResponse } from "~/http/calendar.server";
import { idParam } from "~/utils/http.server";

export async function loader({ params, context }: LoaderFunctionArgs) {
  return calendarResponse(context, idParam(params), `event-${params.id}.ics`);
}
