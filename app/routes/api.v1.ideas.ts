import type { LoaderFunctionArgs } from "@remix-run/node";
import { ideasEndpoint } from "~/http/opendata.server";

// Open data: GET /api/v1/ideas (JSON, or CSV with ?format=csv). Documented on /open-data.
export function loader({ request, context }: LoaderFunctionArgs) {
  return ideasEndpoint(request, context, "query");
}
