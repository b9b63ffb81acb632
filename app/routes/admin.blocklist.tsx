// The block list: words and phrases that hold a new idea for a moderator's review. Admins keep
// it; every change is logged.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/ui/translation";
import { requireStaff } from "~/auth/actor.server";
import { addBlockedTerm, blockedTerms, removeBlockedTerm } from "~/domain/moderation/blocklist.server";
import { canManageBlocklist } from "~/domain/moderation/permissions";
import { ErrorSummary, Field, useFormBusy } from "~/ui/form";
import { formatDate } from "~/utils/i18n";
import { formValues, type FieldErrors } from "~/utils/result";
import { pageTitle } from "~/utils/meta";
import { TERM } from "~/domain/moderation/limits";
import { maxLengthFor } from "~/utils/text";

export const meta: MetaFunction = (args) => pageTitle(args, (t) => [t("moderation.blocklist.title"), t("admin.title")]);

export async function loader({ request, context }: LoaderFunctionArgs) {
  requireStaff(context, request, canManageBlocklist);
  return json({ terms: await blockedTerms(context.services.db), locale: context.locale });
}

type Reply = { errors?: FieldErrors; values?: Record<string, string>; done?: string };

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = requireStaff(context, request, canManageBlocklist);
  const form = await request.formData();
  const { db } = context.services;
  if (form.get("intent") === "remove") {
    const result = await removeBlockedTerm(db, actor, formValues(form, ["termId"]));
    if (!result.ok) return json<Reply>({ errors: result.errors }, { status: result.status });
    return json<Reply>({ done: "removed" });
  }
  const values = formValues(form, ["term"]);
  const result = await addBlockedTerm(db, actor, values);
  if (!result.ok) return json<Reply>({ errors: result.errors, values }, { status: result.status });
  return json<Reply>({ done: "added" });
}

export default function Blocklist() {
  const { t } = useTranslation();
  const { terms, locale } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const busy = useFormBusy();
  return (
    <div className="page">
      <p>
        <Link to="/admin">{t("admin.title")}</Link> · <Link to="/moderation">{t("moderation.title")}</Link>
      </p>
      <h1>{t("moderation.blocklist.title")}</h1>
      <p className="lead">{t("moderation.blocklist.intro")}</p>
      {reply?.done ? (
        <p className="notice success" role="status">
          {t(`moderation.blocklist.${reply.done}`)}
        </p>
      ) : null}
      <ErrorSummary errors={reply?.errors} fieldLabels={{ term: t("moderation.blocklist.term") }} />
      <Form method="post" className="inline-form" key={reply?.done === "added" ? `added-${terms.length}` : "add"}>
        <input type="hidden" name="intent" value="add" />
        <Field
          name="term"
          label={t("moderation.blocklist.term")}
          hint={t("moderation.blocklist.termHint", TERM)}
          required
          maxLength={maxLengthFor(TERM.max)}
          defaultValue={reply?.done ? "" : reply?.values?.term}
          errors={reply?.errors?.term}
        />
        <button type="submit" disabled={busy}>
          {t("moderation.blocklist.add")}
        </button>
      </Form>
      <h2>{t("moderation.blocklist.listTitle", { count: terms.length })}</h2>
      {terms.length === 0 ? (
        <p>{t("moderation.blocklist.none")}</p>
      ) : (
        <ul className="grant-list">
          {terms.map((term) => (
            <li key={term.id}>
              <span lang="">{term.term}</span>
              <span className="hint">
                {formatDate(term.created_at, locale)}
                {term.created_by_name ? ` · ${t("admin.by", { name: term.created_by_name })}` : null}
              </span>
              <Form method="post">
                <input type="hidden" name="intent" value="remove" />
                <input type="hidden" name="termId" value={term.id} />
                <button type="submit" className="small secondary" aria-label={t("moderation.blocklist.removeLabel", { term: term.term })} disabled={busy}>
                  {t("moderation.blocklist.remove")}
                </button>
              </Form>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
