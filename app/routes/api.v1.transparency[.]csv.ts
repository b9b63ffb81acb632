import type { LoaderFunctionArgs } from "@remix-run/node";
import { transparencyEndpoint } from "~/http/opendata.server";

// Open data: GET /api/v1/transparency.csv (UTF-8 with BOM, RFC 4180): a month's moderation figures (?month=YYYY-MM). Documented on /open-data.
export function loader({ request, context }: LoaderFunctionArgs) {
  return transparencyEndpoint(request, context, "csv");
}
