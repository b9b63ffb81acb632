import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { databaseReachable } from "~/domain/health.server";

// Liveness and readiness for a load balancer: 200 when the database answers, 503 when not.
export async function loader({ context }: LoaderFunctionArgs) {
  const ok = await databaseReachable(context.services.db);
  return json(
    { status: ok ? "ok" : "unavailable", database: ok ? "reachable" : "unreachable" },
    { status: ok ? 200 : 503, headers: { "Cache-Control": "no-store" } },
  );
}
