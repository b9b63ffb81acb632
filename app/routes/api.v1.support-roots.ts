import type { LoaderFunctionArgs } from "@remix-run/node";
import { supportRootsEndpoint } from "~/http/opendata.server";

// Open data: GET /api/v1/support-roots (JSON, or CSV with ?format=csv): each day's Merkle root over its supports and invalidations (?from=, ?to=). Documented on /open-data.
export function loader({ request, context }: LoaderFunctionArgs) {
  return supportRootsEndpoint(request, context, "query");
}
