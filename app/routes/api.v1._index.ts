import type { LoaderFunctionArgs } from "@remix-run/node";
import { apiDirectory } from "~/http/opendata.server";

// GET /api/v1: what the open data API offers (documented for people on /open-data).
export function loader({ request, context }: LoaderFunctionArgs) {
  return apiDirectory(request, context);
}
