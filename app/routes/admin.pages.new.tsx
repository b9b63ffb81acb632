// An admin starts a new page (a guide, an accessibility statement...): version 1 of it.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect, json } from "@remix-run/node";
import { Link, useActionData } from "@remix-run/react";
import { useTranslation } from "~/ui/translation";
import { requireStaff } from "~/auth/actor.server";
import { canAdminister } from "~/domain/admin/permissions";
import { createPage } from "~/domain/pages/pages.server";
import { PageForm } from "~/ui/PageForm";
import { formFailure } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";
import { formValues } from "~/utils/result";
import { useFormBusy } from "~/ui/form";

export const meta: MetaFunction = (args) => pageTitle(args, (t) => [t("pages.new"), t("admin.title")]);

export async function loader({ request, context }: LoaderFunctionArgs) {
  requireStaff(context, request, canAdminister);
  return json(null);
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = requireStaff(context, request, canAdminister);
  const values = formValues(await request.formData(), ["slug", "titleKo", "titleEn", "bodyKo", "bodyEn", "note"]);
  const result = await createPage(context.services.db, actor, values);
  if (!result.ok) return formFailure(result, values);
  return redirect(`/admin/pages/${result.slug}?saved=1`);
}

export default function NewPage() {
  const { t } = useTranslation();
  const reply = useActionData<typeof action>();
  const busy = useFormBusy();
  return (
    <div className="page narrow">
      <p>
        <Link to="/admin/pages">{t("pages.adminTitle")}</Link>
      </p>
      <h1>{t("pages.new")}</h1>
      <PageForm values={reply?.values ?? {}} errors={reply?.errors} busy={busy} />
    </div>
  );
}
