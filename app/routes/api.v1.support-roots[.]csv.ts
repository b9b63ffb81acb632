import type { LoaderFunctionArgs } from "@remix-run/node";
import { supportRootsEndpoint } from "~/http/opendata.server";

// Open data: GET /api/v1/support-roots.csv (UTF-8 with BOM, RFC 4180): each day's Merkle root (?from=, ?to=). Documented on /open-data.
export function loader({ request, context }: LoaderFunctionArgs) {
  return supportRootsEndpoint(request, context, "csv");
}
