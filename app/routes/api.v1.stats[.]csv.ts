import type { LoaderFunctionArgs } from "@remix-run/node";
import { statsEndpoint } from "~/http/opendata.server";

// Open data: GET /api/v1/stats.csv (UTF-8 with BOM, RFC 4180). Documented on /open-data.
export function loader({ request, context }: LoaderFunctionArgs) {
  return statsEndpoint(request, context, "csv");
}
