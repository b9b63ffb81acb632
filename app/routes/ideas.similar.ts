import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { similarIdeas } from "~/domain/ideas/queries.server";
import { cacheControl } from "~/utils/http.server";

// Suggestions while someone types a new idea's title: GET /ideas/similar?text=...
export async function loader({ request, context }: LoaderFunctionArgs) {
  const text = (new URL(request.url).searchParams.get("text") ?? "").slice(0, 300);
  const ideas = await similarIdeas(context.services.db, text);
  return json({ ideas }, { headers: cacheControl({ shared: 30 }) });
}
