// The four taxonomy pages (/admin/committees, /admin/agencies, /admin/categories, /admin/regions)
// share one loader and one action, told apart by the kind of body (app/ui/BodiesAdmin.tsx shows them).
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { requireStaff } from "../auth/actor.server";
import { bodiesFor, createBody, CREATABLE, renameBody, type BodyKind } from "../domain/admin/bodies.server";
import { canAdminister } from "../domain/admin/permissions";
import type { BodiesData, BodiesReply } from "../ui/BodiesAdmin";
import { formValues } from "../utils/result";
import { searchText } from "../utils/text";

const FIELDS = ["id", "slug", "nameKo", "nameEn", "kind"];

export async function bodiesLoader(kind: BodyKind, { request, context }: LoaderFunctionArgs) {
  requireStaff(context, request, canAdminister);
  const q = searchText(new URL(request.url).searchParams.get("q"));
  return json<BodiesData>({ kind, rows: await bodiesFor(context.services.db, kind, q), q, creatable: CREATABLE.includes(kind) });
}

export async function bodiesAction(kind: BodyKind, { request, context }: ActionFunctionArgs) {
  const actor = requireStaff(context, request, canAdminister);
  const form = await request.formData();
  const intent = form.get("intent") === "create" ? "create" : "rename";
  const values = formValues(form, FIELDS);
  const db = context.services.db;
  const result = intent === "create" ? await createBody(db, actor, kind, values) : await renameBody(db, actor, kind, values);
  if (!result.ok) return json<BodiesReply>({ intent, id: values.id, errors: result.errors, values }, { status: result.status });
  return json<BodiesReply>({ intent, done: intent === "create" ? "created" : "renamed" });
}
