// /admin/agencies: rename in Korean and English, search, add (app/ui/BodiesAdmin.tsx; issue 16).
import { searchText } from "~/utils/text";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { requireStaff } from "~/auth/actor.server";
import { bodiesFor, createBody, CREATABLE, renameBody } from "~/domain/admin/bodies.server";
import { canAdminister } from "~/domain/admin/permissions";
import { BodiesAdmin, type BodiesData, type BodiesReply } from "~/ui/BodiesAdmin";
import { pageTitle } from "~/utils/meta";
import { formValues } from "~/utils/result";

const KIND = "agencies" as const;

export const meta: MetaFunction = (args) => pageTitle(args, (t) => [t("bodies.agencies.title"), t("admin.title")]);

export async function loader({ request, context }: LoaderFunctionArgs) {
  requireStaff(context, request, canAdminister);
  const q = searchText(new URL(request.url).searchParams.get("q"));
  return json<BodiesData>({ kind: KIND, rows: await bodiesFor(context.services.db, KIND, q), q, creatable: CREATABLE.includes(KIND) });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = requireStaff(context, request, canAdminister);
  const form = await request.formData();
  const intent = form.get("intent") === "create" ? "create" : "rename";
  const values = formValues(form, ["id", "slug", "nameKo", "nameEn", "kind"]);
  const result = intent === "create" ? await createBody(context.services.db, actor, KIND, values) : await renameBody(context.services.db, actor, KIND, values);
  if (!result.ok) return json<BodiesReply>({ intent, id: values.id, errors: result.errors, values }, { status: result.status });
  return json<BodiesReply>({ intent, done: intent === "create" ? "created" : "renamed" });
}

export default BodiesAdmin;
