import type { LoaderFunctionArgs } from "@remix-run/node";
import { feedEndpoint } from "~/http/opendata.server";

// GET /feed.atom[?campaign=<slug>][&lang=ko|en]: new ideas and status changes, newest first.
export function loader({ request, context }: LoaderFunctionArgs) {
  return feedEndpoint(request, context);
}
