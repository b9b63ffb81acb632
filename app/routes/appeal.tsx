// Appealing a moderation decision (/appeal?type=idea|post&id=N, decision 044): the author of a
// rejected idea or a hidden post sees the decision and its reason, and appeals once within 14
// days; afterwards the page shows the appeal's state and, once ruled, the outcome and its reason.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/ui/translation";
import { requireActor } from "~/auth/actor.server";
import { APPEAL_REASON_MAX, APPEAL_REASON_MIN, appealDeadline, appealRefusal } from "~/domain/moderation/appeals";
import { appealSubject, sendAppeal } from "~/domain/moderation/appeals.server";
import { ErrorSummary, TextAreaField, useFormBusy } from "~/ui/form";
import { rulesHref } from "~/ui/moderation";
import { formatDate } from "~/utils/i18n";
import { pageTitle } from "~/utils/meta";
import { formValues, type FieldErrors } from "~/utils/result";
import { maxLengthFor } from "~/utils/text";

export const meta: MetaFunction = (args) => pageTitle(args, (t) => t("appeals.title"), (t) => [{ name: "description", content: t("appeals.metaDescription") }]);

function subjectFrom(url: URL): { type: "idea" | "post"; id: number } {
  const type = url.searchParams.get("type");
  const id = url.searchParams.get("id") ?? "";
  if ((type !== "idea" && type !== "post") || !/^\d{1,9}$/.test(id) || Number(id) < 1) throw new Response("Not found", { status: 404 });
  return { type, id: Number(id) };
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request);
  const { type, id } = subjectFrom(new URL(request.url));
  const subject = await appealSubject(context.services.db, type, id);
  // Only the author sees this page: to anyone else the decision is not theirs to appeal.
  if (!subject || subject.authorId !== actor.id) throw new Response("Not found", { status: 404 });
  return json({
    type,
    id,
    title: subject.title,
    decidedAt: subject.decidedAt ? new Date(subject.decidedAt).toISOString() : null,
    deadline: subject.decidedAt ? appealDeadline(subject.decidedAt).toISOString() : null,
    decisionReason: subject.decisionReason,
    appeal: subject.appeal,
    refusal: appealRefusal(actor, subject),
    back: type === "idea" ? `/ideas/${id}` : subject.threadId ? `/threads/${subject.threadId}` : "/",
    locale: context.locale,
  });
}

type Reply = { errors?: FieldErrors; values?: Record<string, string>; done?: boolean };

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await request.formData();
  const values = formValues(form, ["type", "id", "reason"]);
  const result = await sendAppeal(context.services.db, context.actor, values);
  if (!result.ok) return json<Reply>({ errors: result.errors, values }, { status: result.status });
  return json<Reply>({ done: true });
}

export default function AppealPage() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const busy = useFormBusy();
  const { appeal, refusal, locale } = data;
  return (
    <div className="page narrow">
      <h1>{t("appeals.title")}</h1>
      <p className="lead">{t("appeals.intro")}</p>
      <section className="panel" aria-labelledby="appeal-subject">
        <h2 id="appeal-subject">{data.type === "idea" ? `${t("appeals.about.idea")}: ${data.title}` : t("appeals.about.post", { title: data.title })}</h2>
        {data.decidedAt ? <p>{t("appeals.decided", { date: formatDate(data.decidedAt, locale) })}</p> : null}
        {data.decisionReason ? (
          <>
            <h3>{t("appeals.decisionReason")}</h3>
            <blockquote>{data.decisionReason}</blockquote>
          </>
        ) : null}
        <p>
          <Link to={rulesHref(data.decisionReason)}>{t("appeals.rulesLink")}</Link> · <Link to={data.back}>{t("moderation.flag.back")}</Link>
        </p>
      </section>
      {reply?.done ? (
        <p className="notice success" role="status">
          {t("appeals.sent")}
        </p>
      ) : appeal ? (
        <div className="notice" role="status">
          {appeal.outcome ? (
            <>
              <p>{t(`appeals.ruled.${appeal.outcome}`)}</p>
              <p>
                {t("appeals.rulingReason")}: {appeal.decisionReason}
              </p>
            </>
          ) : (
            <p>{t("appeals.pending", { date: formatDate(appeal.createdAt, locale) })}</p>
          )}
        </div>
      ) : refusal ? (
        <p className="notice" role="note">
          {t(
            refusal === "closed" || refusal === "already" || refusal === "notDecided"
              ? `appeals.errors.${refusal}`
              : refusal === "suspended"
                ? "errors.suspended"
                : refusal === "unverified"
                  ? "errors.notVerified"
                  : "errors.forbidden",
          )}
        </p>
      ) : (
        <Form method="post" className="stack">
          <ErrorSummary errors={reply?.errors} fieldLabels={{ reason: t("appeals.reason") }} />
          <input type="hidden" name="type" value={data.type} />
          <input type="hidden" name="id" value={data.id} />
          {data.deadline ? <p className="hint">{t("appeals.deadline", { date: formatDate(data.deadline, locale) })}</p> : null}
          <TextAreaField
            name="reason"
            label={t("appeals.reason")}
            hint={t("appeals.reasonHint", { min: APPEAL_REASON_MIN })}
            rows={6}
            required
            maxLength={maxLengthFor(APPEAL_REASON_MAX)}
            defaultValue={reply?.values?.reason}
            errors={reply?.errors?.reason}
          />
          <button type="submit" disabled={busy}>
            {t("appeals.submit")}
          </button>
        </Form>
      )}
    </div>
  );
}
