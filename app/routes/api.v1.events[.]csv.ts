import type { LoaderFunctionArgs } from "@remix-run/node";
import { eventsEndpoint } from "~/http/opendata.server";

// Open data: GET /api/v1/events.csv (UTF-8 with BOM, RFC 4180). Documented on /open-data.
export function loader({ request, context }: LoaderFunctionArgs) {
  return eventsEndpoint(request, context, "csv");
}
