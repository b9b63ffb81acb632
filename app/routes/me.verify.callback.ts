// The identity provider sends the browser back here with a code and the state: the code is
// exchanged for tokens and the verification recorded (app/domain/identity/oidc.server.ts).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { requireActor } from "~/auth/actor.server";
import { finishVerification } from "~/domain/identity/oidc.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request);
  const { services } = context;
  // The address the provider was given, whatever host a proxy put in front of it.
  const callback = new URL(`${services.config.publicUrl}/me/verify/callback${new URL(request.url).search}`);
  const result = await finishVerification(services.db, actor, services.config.identity, callback);
  if (result.ok) {
    services.log.info({ event: "identity.verified", userId: actor.id }, "identity verified");
    return redirect("/me/verify?done=1");
  }
  const key = result.errors._form?.[0]?.key ?? "";
  return redirect(`/me/verify?failed=${encodeURIComponent(key.replace("verification.errors.", ""))}`);
}
