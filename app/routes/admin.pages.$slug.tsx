// An admin edits a page: a new version, public with its note in the page's history.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "~/ui/translation";
import { requireStaff } from "~/auth/actor.server";
import { canAdminister } from "~/domain/admin/permissions";
import { editPage, pageForEdit } from "~/domain/pages/pages.server";
import { PageForm } from "~/ui/PageForm";
import { formFailure } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";
import { formValues } from "~/utils/result";
import { useFormBusy } from "~/ui/form";

export const meta: MetaFunction<typeof loader> = (args) => pageTitle(args, (t) => [t("pages.editTitle", { slug: args.data?.page.slug ?? "" }), t("admin.title")]);

const FIELDS = ["slug", "baseVersion", "titleKo", "titleEn", "bodyKo", "bodyEn", "note"] as const;

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  requireStaff(context, request, canAdminister);
  const page = await pageForEdit(context.services.db, params.slug ?? "");
  if (!page) throw new Response("Not found", { status: 404 });
  return json({ page });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = requireStaff(context, request, canAdminister);
  const values = formValues(await request.formData(), FIELDS);
  // The address decides which page; a slug in the form cannot point elsewhere.
  const result = await editPage(context.services.db, actor, { ...values, slug: params.slug ?? "" });
  if (!result.ok) return formFailure(result, values);
  return redirect(`/admin/pages/${result.slug}?saved=${result.version}`);
}

export default function EditPage() {
  const { t } = useTranslation();
  const { page } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const busy = useFormBusy();
  const [params] = useSearchParams();
  const saved = params.get("saved");
  return (
    <div className="page narrow">
      <p>
        <Link to="/admin/pages">{t("pages.adminTitle")}</Link> · <Link to={`/pages/${page.slug}`}>{t("pages.view")}</Link> ·{" "}
        <Link to={`/pages/${page.slug}/history`}>{t("pages.history")}</Link>
      </p>
      <h1>{t("pages.editTitle", { slug: page.slug })}</h1>
      {saved && !reply ? (
        <p className="notice success" role="status">
          {t("pages.saved", { version: saved })}
        </p>
      ) : null}
      <p className="hint">{t("pages.editIntro", { version: page.version })}</p>
      {/* A new key per version, so the fields show the version just saved. */}
      <PageForm key={page.version} values={reply?.values ?? page.values} errors={reply?.errors} slug={page.slug} baseVersion={page.version} busy={busy} />
    </div>
  );
}
