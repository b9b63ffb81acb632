// The moderators' queue of appeals (decision 044): oldest first, each with the decision's reason
// and the author's; a moderator who made the decision sees it but cannot rule on it.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/ui/translation";
import { requireStaff } from "~/auth/actor.server";
import { pendingAppeals, ruleOnAppeal } from "~/domain/moderation/appeals.server";
import { canModerate } from "~/domain/moderation/permissions";
import { FormErrors, TextAreaField, useMessage, useFormBusy } from "~/ui/form";
import { idCursor } from "~/utils/http.server";
import { formatDate } from "~/utils/i18n";
import { pageTitle } from "~/utils/meta";
import { formValues, type FieldErrors } from "~/utils/result";

export const meta: MetaFunction = (args) =>
  pageTitle(args, (t) => [t("appeals.queue.title"), t("moderation.title")], (t) => [{ name: "description", content: t("appeals.queue.metaDescription") }]);

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireStaff(context, request, canModerate);
  const page = await pendingAppeals(context.services.db, idCursor(new URL(request.url), "after") ?? 0);
  return json({ ...page, me: actor.id, locale: context.locale });
}

type Reply = { errors?: FieldErrors; values?: Record<string, string>; appealId?: string; done?: boolean };

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = requireStaff(context, request, canModerate);
  const form = await request.formData();
  const values = formValues(form, ["appealId", "outcome", "reason"]);
  const appealId = /^\d{1,9}$/.test(values.appealId) ? Number(values.appealId) : -1;
  const result = await ruleOnAppeal(context.services.db, actor, appealId, values);
  if (!result.ok) return json<Reply>({ errors: result.errors, values, appealId: values.appealId }, { status: result.status });
  return json<Reply>({ done: true });
}

export default function AppealsQueue() {
  const { t } = useTranslation();
  const render = useMessage();
  const { appeals, next, me, locale } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const busy = useFormBusy();
  return (
    <div className="page">
      <p>
        <Link to="/moderation">{t("moderation.title")}</Link>
      </p>
      <h1>{t("appeals.queue.title")}</h1>
      <p className="lead">{t("appeals.queue.intro")}</p>
      {reply?.done ? (
        <p className="notice success" role="status">
          {t("appeals.queue.done")}
        </p>
      ) : null}
      {appeals.length === 0 ? <p role="status">{t("appeals.queue.none")}</p> : null}
      {appeals.map((a) => {
        const mine = reply?.appealId === String(a.id) ? reply : undefined;
        const headingId = `appeal-${a.id}`;
        const href = a.type === "idea" ? `/ideas/${a.ideaId}` : `/threads/${a.threadId}#post-${a.postId}`;
        return (
          <section key={a.id} className="card" aria-labelledby={headingId}>
            <h2 id={headingId}>
              <Link to={href}>{t(`appeals.queue.item.${a.type}`, { id: a.type === "idea" ? a.ideaId : a.postId })}</Link> · {a.title}
            </h2>
            <p className="meta">{t("appeals.queue.sentOn", { date: formatDate(a.createdAt, locale, true) })}</p>
            {a.postBody ? <blockquote>{a.postBody}</blockquote> : null}
            <h3>{t("appeals.queue.original")}</h3>
            <p>{a.decisionReason ?? "—"}</p>
            <h3>{t("appeals.queue.theirReason")}</h3>
            <blockquote>{a.reason}</blockquote>
            {a.originalDeciderId === me ? (
              <p className="notice" role="note">
                {t("appeals.queue.yours")}
              </p>
            ) : (
              <Form method="post" className="stack">
                <input type="hidden" name="appealId" value={a.id} />
                <FormErrors messages={mine?.errors?._form ?? []} />
                <fieldset id={`outcome-${a.id}`} className="field">
                  <legend>{t("appeals.queue.outcome")}</legend>
                  {mine?.errors?.outcome ? (
                    <ul className="field-errors">
                      {mine.errors.outcome.map((m) => (
                        <li key={m.key}>{render(m)}</li>
                      ))}
                    </ul>
                  ) : null}
                  {(["upheld", "reversed"] as const).map((o) => (
                    <label key={o} className="choice">
                      <input type="radio" name="outcome" value={o} required defaultChecked={mine?.values?.outcome === o} /> {t(`appeals.queue.${o}`)}
                    </label>
                  ))}
                </fieldset>
                <TextAreaField
                  name="reason"
                  id={`reason-${a.id}`}
                  label={t("appeals.queue.rulingReason")}
                  rows={3}
                  required
                  defaultValue={mine?.values?.reason}
                  errors={mine?.errors?.reason}
                />
                <button type="submit" disabled={busy} aria-label={t("appeals.queue.submitLabel", { id: a.id })}>
                  {t("appeals.queue.submit")}
                </button>
              </Form>
            )}
          </section>
        );
      })}
      {next ? (
        <p>
          <Link to={`?after=${next}`}>{t("appeals.queue.next")}</Link>
        </p>
      ) : null}
    </div>
  );
}
