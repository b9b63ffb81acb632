import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireActor } from "~/auth/actor.server";
import { personalData } from "~/domain/privacy/export.server";
import { cacheControl } from "~/utils/http.server";

// GET /me/data.json: the person's own data as a file to keep (see /me/data).
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request);
  const data = await personalData(context.services.db, actor.id, new Date(), context.siteUrl);
  const day = data.exportedAt.slice(0, 10);
  return new Response(JSON.stringify(data, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="madang-my-data-${day}.json"`,
      // Personal data: never kept by a cache, shared or not.
      ...cacheControl("personal"),
    },
  });
}
