import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { supportCount } from "~/domain/ideas/queries.server";
import { cacheControl, idParam } from "~/utils/http.server";

// The support count alone, so that an open idea page can refresh it cheaply (and a CDN can
// absorb a crowd watching one idea): GET /ideas/:id/count
export async function loader({ params, context }: LoaderFunctionArgs) {
  const row = await supportCount(context.services.db, idParam(params));
  if (!row) throw new Response("Not found", { status: 404 });
  return json(
    { supportCount: row.support_count, threshold: row.support_threshold, status: row.status },
    { headers: cacheControl({ shared: 5, staleWhileRevalidate: 30 }) },
  );
}
