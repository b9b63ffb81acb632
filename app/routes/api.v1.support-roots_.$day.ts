import type { LoaderFunctionArgs } from "@remix-run/node";
import { supportDayEndpoint } from "~/http/opendata.server";

// Open data: GET /api/v1/support-roots/:day (JSON): one published day in full, to rebuild its root: the leaf hashes in the tree's order, and the day's invalidations and reinstatements with their reasons and leaves. Documented on /open-data.
export function loader({ request, params, context }: LoaderFunctionArgs) {
  return supportDayEndpoint(request, context, params.day);
}
