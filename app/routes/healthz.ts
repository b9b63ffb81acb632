import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { databaseReachable } from "~/domain/health.server";
import { cacheControl } from "~/utils/http.server";

// Liveness and readiness for a load balancer: 200 when the database answers, 503 when not.
// With a read replica (decision 045), a replica that does not answer makes the site "degraded",
// still 200: visitors' pages read from the primary meanwhile.
export async function loader({ context }: LoaderFunctionArgs) {
  const { primary, replica } = context.services;
  const [ok, replicaOk] = await Promise.all([databaseReachable(primary), replica ? replica.probe(1_000) : null]);
  const status = !ok ? "unavailable" : replicaOk === false ? "degraded" : "ok";
  return json(
    {
      status,
      database: ok ? "reachable" : "unreachable",
      ...(replica ? { replica: replicaOk ? "reachable" : "unreachable" } : {}),
    },
    { status: ok ? 200 : 503, headers: cacheControl("no-store") },
  );
}
