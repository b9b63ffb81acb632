// Reporting an idea, a comment or a committee post to the moderators: a page of its own (linked
// from the item), so that it works without JavaScript and the reporter sees what they report.
import { translator } from "~/utils/i18n";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/ui/translation";
import { requireActor } from "~/auth/actor.server";
import { flagContent } from "~/domain/moderation/flags.server";
import { flagRefusal } from "~/domain/moderation/permissions";
import { flagTarget, hasFlagged } from "~/domain/moderation/queries.server";
import { DETAILS_MAX, FLAG_REASONS } from "~/domain/moderation/limits";
import { ErrorSummary, TextAreaField, useMessage, useFormBusy } from "~/ui/form";
import { formValues, type FieldErrors } from "~/utils/result";
import { pageTitle } from "~/utils/meta";
import { maxLengthFor } from "~/utils/text";
import { parseId } from "~/utils/ids";

export const meta: MetaFunction = (args) => pageTitle(args, (t) => t("moderation.flag.title"));

function targetFrom(url: URL): { type: "idea" | "post"; id: number } {
  const type = url.searchParams.get("type");
  const id = parseId(url.searchParams.get("id"));
  if ((type !== "idea" && type !== "post") || id === null) throw new Response("Not found", { status: 404 });
  return { type, id };
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request);
  const { type, id } = targetFrom(new URL(request.url));
  const { db } = context.services;
  const target = await flagTarget(db, type, id, actor);
  if (!target) throw new Response("Not found", { status: 404 });
  const already = await hasFlagged(db, actor, type, id);
  const { authorId: _author, ...shown } = target;
  // The title of an idea hidden from this reader is not shown (ideaTitleFor): a notice is.
  return json({ target: { ...shown, title: shown.title ?? translator(context.locale)("moderation.hiddenIdeaTitle") }, refusal: flagRefusal(actor, { authorId: target.authorId, alreadyFlagged: already }) });
}

type Reply = { errors?: FieldErrors; values?: Record<string, string>; done?: boolean; hidden?: boolean };

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await request.formData();
  const values = formValues(form, ["targetType", "targetId", "reason", "details"]);
  const result = await flagContent(context.services.db, context.actor, values);
  if (!result.ok) return json<Reply>({ errors: result.errors, values }, { status: result.status });
  return json<Reply>({ done: true, hidden: result.hidden });
}

export default function FlagPage() {
  const { t } = useTranslation();
  const render = useMessage();
  const { target, refusal } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const busy = useFormBusy();
  const what = target.type === "idea" ? "idea" : target.threadKind === "idea_comments" ? "comment" : "post";
  const reasonErrors = reply?.errors?.reason ?? [];
  return (
    <div className="page narrow">
      <h1>{t("moderation.flag.title")}</h1>
      <section className="panel flag-target" aria-labelledby="flag-target-heading">
        <h2 id="flag-target-heading">{t(`moderation.flag.about.${what}`, { title: target.title })}</h2>
        {target.quoteHtml ? (
          // body_html was sanitized when the post was written (app/utils/markdown.server.ts).
          <blockquote className="flag-quote post-body" dangerouslySetInnerHTML={{ __html: target.quoteHtml }} />
        ) : target.excerpt ? (
          <blockquote className="flag-excerpt">{target.excerpt}</blockquote>
        ) : (
          <p className="hint">{t("moderation.hidden.pending")}</p>
        )}
        <p>
          <Link to={target.href}>{t("moderation.flag.back")}</Link>
        </p>
      </section>
      {reply?.done ? (
        <div className="notice success" role="status">
          <p>{t("moderation.flag.thanks")}</p>
          {reply.hidden ? <p>{t("moderation.flag.nowHidden")}</p> : null}
        </div>
      ) : refusal ? (
        <p className="notice" role="note">
          {t(
            refusal === "own"
              ? "moderation.flag.own"
              : refusal === "already"
                ? "moderation.flag.already"
                : refusal === "suspended"
                  ? "errors.suspended"
                  : refusal === "unverified"
                    ? "errors.notVerified"
                    : "errors.forbidden",
          )}
        </p>
      ) : (
        <Form method="post" className="stack">
          {/* Every refusal is announced and listed, with links to the fields it is about. */}
          <ErrorSummary errors={reply?.errors} fieldLabels={{ reason: t("moderation.flag.reasonLegend"), details: t("moderation.flag.details") }} />
          <input type="hidden" name="targetType" value={target.type} />
          <input type="hidden" name="targetId" value={target.id} />
          <p className="hint">{t("moderation.flag.intro")}</p>
          <fieldset
            id="field-reason"
            className={reasonErrors.length ? "field reason-field has-error" : "field reason-field"}
            aria-describedby={reasonErrors.length ? "field-reason-error" : undefined}
          >
            <legend>{t("moderation.flag.reasonLegend")}</legend>
            {reasonErrors.length ? (
              <ul id="field-reason-error" className="field-errors">
                {reasonErrors.map((m) => (
                  <li key={m.key}>{render(m)}</li>
                ))}
              </ul>
            ) : null}
            {FLAG_REASONS.map((r) => (
              <label key={r} className="choice">
                <input type="radio" name="reason" value={r} defaultChecked={reply?.values?.reason === r} required /> {t(`moderation.reason.${r}`)}
              </label>
            ))}
          </fieldset>
          <TextAreaField
            name="details"
            label={t("moderation.flag.details")}
            hint={t("moderation.flag.detailsHint", { max: DETAILS_MAX })}
            rows={4}
            maxLength={maxLengthFor(DETAILS_MAX)}
            defaultValue={reply?.values?.details}
            errors={reply?.errors?.details}
          />
          <button type="submit" disabled={busy}>
            {t("moderation.flag.submit")}
          </button>
        </Form>
      )}
    </div>
  );
}
