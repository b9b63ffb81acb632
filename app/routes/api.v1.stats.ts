import type { LoaderFunctionArgs } from "@remix-run/node";
import { statsEndpoint } from "~/http/opendata.server";

// Open data: GET /api/v1/stats (JSON, or CSV with ?format=csv). Documented on /open-data.
export function loader({ request, context }: LoaderFunctionArgs) {
  return statsEndpoint(request, context, "query");
}
