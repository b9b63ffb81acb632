// The four taxonomy pages (/admin/committees, /admin/agencies, /admin/categories, /admin/regions)
// share one loader and one action, told apart by the kind of body (app/ui/BodiesAdmin.tsx shows them).
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { requireStaff } from "../auth/actor.server";
import { activeBodies, archiveBody, bodiesFor, bodyDetails, createBody, CREATABLE, ideasInCare, renameBody, restoreBody, setBodyDetails, type BodyKind } from "../domain/admin/bodies.server";
import { canAdminister } from "../domain/admin/permissions";
import type { BodiesData, BodiesReply } from "../ui/BodiesAdmin";
import { formValues } from "../utils/result";
import { searchText } from "../utils/text";
import { idCursor } from "../utils/http.server";

const FIELDS = ["id", "slug", "nameKo", "nameEn", "kind", "targetId", "reason", "regionId", "supervisorId", "categoryIds"];
const INTENTS = { create: createBody, rename: renameBody, archive: archiveBody, restore: restoreBody, details: setBodyDetails } as const;

export async function bodiesLoader(kind: BodyKind, { request, context }: LoaderFunctionArgs) {
  requireStaff(context, request, canAdminister);
  const url = new URL(request.url);
  const q = searchText(url.searchParams.get("q"));
  const after = idCursor(url, "after") ?? 0;
  const db = context.services.db;
  const rows = await bodiesFor(db, kind, q, after);
  const [care, details, targets] = await Promise.all([
    ideasInCare(db, kind, rows.map((r) => r.id)),
    bodyDetails(db, kind),
    kind === "committees" || kind === "agencies" ? activeBodies(db, kind) : Promise.resolve([]),
  ]);
  return json<BodiesData>({
    kind,
    rows: rows.map((r) => ({ ...r, inCare: care[r.id] ?? 0 })),
    next: rows.next,
    q,
    creatable: CREATABLE.includes(kind),
    details,
    targets: targets.map((r) => ({ id: r.id, name_ko: r.name_ko, name_en: r.name_en })),
  });
}

export async function bodiesAction(kind: BodyKind, { request, context }: ActionFunctionArgs) {
  const actor = requireStaff(context, request, canAdminister);
  const form = await request.formData();
  const asked = String(form.get("intent") ?? "");
  const intent = (Object.hasOwn(INTENTS, asked) ? asked : "rename") as keyof typeof INTENTS;
  const values = formValues(form, FIELDS);
  values.categoryIds = form.getAll("categoryIds").filter((v): v is string => typeof v === "string").join(",");
  const result = await INTENTS[intent](context.services.db, actor, kind, values);
  if (!result.ok) return json<BodiesReply>({ intent, id: values.id, errors: result.errors, values }, { status: result.status });
  const moved = "moved" in result ? Number(result.moved) : undefined;
  return json<BodiesReply>({ intent, done: { create: "created", rename: "renamed", archive: "archived", restore: "restored", details: "saved" }[intent], moved });
}
