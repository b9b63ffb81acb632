import type { LoaderFunctionArgs } from "@remix-run/node";
import { ideasEndpoint } from "~/http/opendata.server";

// Open data: GET /api/v1/ideas.csv (UTF-8 with BOM, RFC 4180). Documented on /open-data.
export function loader({ request, context }: LoaderFunctionArgs) {
  return ideasEndpoint(request, context, "csv");
}
