import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/ui/translation";
import { requireActor } from "~/auth/actor.server";
import { editIdea } from "~/domain/ideas/ideas.server";
import { canEditIdea } from "~/domain/ideas/permissions";
import { ideaWithReader } from "~/domain/ideas/queries.server";
import { getSettings } from "~/domain/settings.server";
import { ErrorSummary, useFormBusy } from "~/ui/form";
import { IdeaTextFields, ideaFieldLabels } from "~/ui/idea-form";
import { formFailure, idParam } from "~/utils/http.server";
import { formValues } from "~/utils/result";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = (args) => pageTitle(args, (t) => t("ideas.editTitle"));

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request);
  const id = idParam(params);
  const { db } = context.services;
  const [page, settings] = await Promise.all([ideaWithReader(db, id, actor), getSettings(db)]);
  if (!page || page.idea.author_id !== actor.id) throw new Response("Not found", { status: 404 });
  const facts = {
    authorId: page.idea.author_id,
    status: page.idea.status,
    supportCount: page.idea.support_count,
    supportEndsAt: page.idea.support_ends_at,
    actorSupports: page.supports,
  };
  return json({
    id,
    title: page.idea.title,
    body: page.idea.body,
    editable: canEditIdea(actor, facts, settings.edit_max_other_supporters),
    max: settings.edit_max_other_supporters,
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const id = idParam(params);
  const values = formValues(await request.formData(), ["title", "body"]);
  const result = await editIdea(context.services.db, context.actor, id, values);
  if (!result.ok) return formFailure(result, values);
  return redirect(`/ideas/${id}`);
}

export default function EditIdea() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const busy = useFormBusy();
  return (
    <div className="page narrow-wide">
      <p>
        <Link to={`/ideas/${data.id}`}>{data.title}</Link>
      </p>
      <h1>{t("ideas.editTitle")}</h1>
      <p className="hint">{t("ideas.editHint", { count: data.max })}</p>
      {!data.editable ? <p className="notice error">{t("ideas.errors.editClosed", { count: data.max })}</p> : null}
      <ErrorSummary errors={reply?.errors} fieldLabels={ideaFieldLabels(t)} />
      <Form method="post" noValidate>
        <IdeaTextFields values={reply?.values ?? { title: data.title, body: data.body }} errors={reply?.errors} />
        <button type="submit" disabled={busy || !data.editable}>
          {t("ideas.save")}
        </button>
      </Form>
    </div>
  );
}
