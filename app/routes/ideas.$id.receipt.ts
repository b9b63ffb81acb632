import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireActor } from "~/auth/actor.server";
import { receiptFor } from "~/domain/receipts/queries.server";
import { cacheControl, idParam } from "~/utils/http.server";
import { translator } from "~/utils/i18n";

// GET /ideas/:id/receipt: the signed-in person's receipt for their support of this idea, a JSON
// file to check at /verify-receipt or with `npm run verify-receipt` (decision 051). Linked from
// /me and from the idea's page once the support's day is published.
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request);
  const ideaId = idParam(params);
  const site = context.siteUrl ?? context.services.config.publicUrl;
  const answer = await receiptFor(context.services.db, actor.id, ideaId, site);
  const headers = cacheControl("personal");
  if (answer.kind !== "receipt") {
    const t = translator(context.locale);
    const text = answer.kind === "pending" ? t("receipts.pending", { day: answer.day }) : t("receipts.none");
    return new Response(text, { status: 404, headers: { ...headers, "Content-Type": "text/plain; charset=utf-8" } });
  }
  return new Response(JSON.stringify(answer.receipt, null, 2), {
    headers: {
      ...headers,
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="madang-receipt-${ideaId}-${answer.receipt.day}.json"`,
    },
  });
}
