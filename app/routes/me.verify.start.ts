// Starts a verification: the browser is sent on to the identity provider. A plain link (GET),
// so that no cross-site form post is needed (the CSP's form-action stays 'self').
import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { requireActor } from "~/auth/actor.server";
import { startVerification } from "~/domain/identity/oidc.server";
import { cacheControl } from "~/utils/http.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request);
  const { services } = context;
  const provider = new URL(request.url).searchParams.get("provider") ?? "";
  const result = await startVerification(services.db, actor, services.config.identity, provider, `${services.config.publicUrl}/me/verify/callback`);
  if (!result.ok) {
    const key = result.errors._form?.[0]?.key;
    return redirect(`/me/verify?failed=${key === "verification.errors.providerUnavailable" ? "providerUnavailable" : "failed"}`);
  }
  return redirect(result.url, { headers: cacheControl("no-store") });
}
