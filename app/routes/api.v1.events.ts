import type { LoaderFunctionArgs } from "@remix-run/node";
import { eventsEndpoint } from "~/http/opendata.server";

// Open data: GET /api/v1/events (JSON, or CSV with ?format=csv). Documented on /open-data.
export function loader({ request, context }: LoaderFunctionArgs) {
  return eventsEndpoint(request, context, "query");
}
