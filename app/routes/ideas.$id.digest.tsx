// The deliberation digest's form (decision 034): the chair, or the member the chair named,
// writes the strongest arguments for and against forwarding (each drawing on posts of the idea's
// discussions, by number), the open questions and the evidence asked of the agency. The chair
// names the writer here too. Recording the recommendation freezes it.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/ui/translation";
import { requireActor } from "~/auth/actor.server";
import { ARGUMENT_FIELDS, DIGEST_LIMITS } from "~/domain/committees/digest";
import { ideaDigest, nameDigestWriter, saveDigest } from "~/domain/committees/digest.server";
import { ErrorSummary, Field, PageForm, SelectField, TextAreaField, useFormBusy } from "~/ui/form";
import { idParam } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";
import { formValues, type FieldErrors } from "~/utils/result";
import { maxLengthFor } from "~/utils/text";

export const meta: MetaFunction<typeof loader> = (args) =>
  pageTitle(
    args,
    (t) => [t("digest.formTitle"), args.data?.title],
    (t) => [{ name: "description", content: t("digest.description") }],
  );

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const id = idParam(params);
  requireActor(context, request);
  const view = await ideaDigest(context.services.db, id, context.actor);
  if (!view) throw new Response("Not found", { status: 404 });
  return json({ id, ...view });
}

type Reply = { errors?: FieldErrors; values?: Record<string, string>; form?: string };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const id = idParam(params);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const { db } = context.services;
  if (intent === "nameWriter") {
    const values = formValues(form, ["writerId"]);
    const result = await nameDigestWriter(db, context.actor, id, values);
    if (!result.ok) return json<Reply>({ errors: result.errors, values, form: intent }, { status: result.status });
    return redirect(`/ideas/${id}/digest?done=writer`);
  }
  if (intent !== "save") return json<Reply>({ errors: { _form: [{ key: "errors.invalidChoice" }] } }, { status: 400 });
  const values = formValues(form, [...ARGUMENT_FIELDS, "questions", "evidence"]);
  const result = await saveDigest(db, context.actor, id, values);
  if (!result.ok) return json<Reply>({ errors: result.errors, values, form: intent }, { status: result.status });
  return redirect(`/ideas/${id}#digest`);
}

function ArgumentFields({ side, values, errors }: { side: "for" | "against"; values: Record<string, string>; errors?: FieldErrors }) {
  const { t } = useTranslation();
  return (
    <fieldset className="field">
      <legend>{t(`digest.${side}`)}</legend>
      {[1, 2, 3].map((n) => (
        <div key={n} className="digest-argument">
          <TextAreaField name={`${side}${n}`} label={t("digest.argument", { n })} rows={3} maxLength={maxLengthFor(DIGEST_LIMITS.argument)} defaultValue={values[`${side}${n}`]} errors={errors?.[`${side}${n}`]} />
          <Field name={`${side}${n}Posts`} label={t("digest.posts", { n })} hint={t("digest.postsHint")} inputMode="numeric" defaultValue={values[`${side}${n}Posts`]} errors={errors?.[`${side}${n}Posts`]} />
        </div>
      ))}
    </fieldset>
  );
}

export default function DigestForm() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const busy = useFormBusy();
  const save = reply?.form === "save" ? reply : undefined;
  const writer = reply?.form === "nameWriter" ? reply : undefined;
  const values = save?.values ?? data.digest?.values ?? {};
  return (
    <div className="page narrow-wide">
      <p>
        <Link to={`/ideas/${data.id}`}>{data.title}</Link>
      </p>
      <h1>{t("digest.formTitle")}</h1>
      <p className="lead">{t("digest.intro")}</p>
      {data.writerName ? <p>{t("digest.writer", { name: data.writerName })}</p> : null}
      {data.digest?.frozenAt ? <p className="notice">{t("digest.frozen")}</p> : null}
      {!data.can.write && !data.can.name && !data.digest?.frozenAt ? (
        <p className="notice error" role="alert">
          {t("digest.notAllowed")}
        </p>
      ) : null}
      {data.can.name ? (
        <PageForm noValidate className="panel">
          <input type="hidden" name="intent" value="nameWriter" />
          <ErrorSummary errors={writer?.errors} />
          <SelectField
            name="writerId"
            label={t("digest.nameWriter")}
            options={data.members.map((m) => ({ value: String(m.id), label: m.name }))}
            defaultValue={writer?.values?.writerId ?? (data.writerId ? String(data.writerId) : undefined)}
            errors={writer?.errors?.writerId}
          />
          <button type="submit" className="secondary" disabled={busy}>
            {t("digest.nameWriterSubmit")}
          </button>
        </PageForm>
      ) : null}
      {data.can.write ? (
        <PageForm noValidate>
          <input type="hidden" name="intent" value="save" />
          <ErrorSummary errors={save?.errors} />
          <ArgumentFields side="for" values={values} errors={save?.errors} />
          <ArgumentFields side="against" values={values} errors={save?.errors} />
          <TextAreaField name="questions" label={t("digest.questions")} hint={t("digest.questionsHint", { max: DIGEST_LIMITS.questions })} rows={4} defaultValue={values.questions} errors={save?.errors?.questions} />
          <TextAreaField name="evidence" label={t("digest.evidence")} rows={4} maxLength={maxLengthFor(DIGEST_LIMITS.evidence)} defaultValue={values.evidence} errors={save?.errors?.evidence} />
          <button type="submit" disabled={busy}>
            {t("digest.save")}
          </button>
        </PageForm>
      ) : null}
    </div>
  );
}
