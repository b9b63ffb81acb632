// Invalidating a set of supports after review, and undoing it. The supports stay stored with the
// reason; they stop counting, and the idea's counters and threshold are recomputed at once.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/ui/translation";
import { requireStaff } from "~/auth/actor.server";
import { invalidateSupports, previewInvalidation, reverseInvalidation } from "~/domain/moderation/integrity.server";
import { canModerate } from "~/domain/moderation/permissions";
import { ideaSupportSummary, invalidationsList } from "~/domain/moderation/queries.server";
import { ErrorSummary, Field, TextAreaField, useFormBusy } from "~/ui/form";
import { formatDate, formatNumber } from "~/utils/i18n";
import { dispatchIntent } from "~/http/intents.server";
import { pageTitle } from "~/utils/meta";
import { MetaLine } from "~/ui/meta-line";
import { INVALIDATION_REASON_MIN } from "~/domain/moderation/limits";
import { toKoreaTimeInput } from "~/utils/korea-time";
import { parseId } from "~/utils/ids";

export const meta: MetaFunction = (args) => pageTitle(args, (t) => [t("moderation.supports.title"), t("moderation.title")]);

const FIELDS = ["ideaId", "accounts", "ipPrefix", "from", "to", "reason"] as const;

/** An ISO time as a `datetime-local` value in Korea time. */
function koreaLocal(value: string | null): string {
  if (!value) return "";
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return "";
  return toKoreaTimeInput(date);
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  requireStaff(context, request, canModerate);
  const url = new URL(request.url);
  const ideaId = parseId(url.searchParams.get("ideaId"));
  const { db } = context.services;
  const [invalidations, idea] = await Promise.all([
    invalidationsList(db, ideaId),
    ideaId ? ideaSupportSummary(db, ideaId) : Promise.resolve(null),
  ]);
  return json({
    prefill: {
      ideaId: url.searchParams.get("ideaId") ?? "",
      accounts: url.searchParams.get("accounts") ?? "",
      ipPrefix: url.searchParams.get("ipPrefix") ?? "",
      from: koreaLocal(url.searchParams.get("from")),
      to: koreaLocal(url.searchParams.get("to")),
    },
    idea: idea ?? null,
    invalidations,
    locale: context.locale,
  });
}

type Extra = { preview: number; count: number };

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = requireStaff(context, request, canModerate);
  const { db } = context.services;
  return dispatchIntent<Extra>(await request.formData(), {
    reverse: {
      fields: ["invalidationId", "reason"],
      panel: (v) => `reverse-${v.invalidationId}`,
      run: (v) => reverseInvalidation(db, actor, v),
      done: (_v, r) => ({ done: "reinstate", count: (r as { count: number }).count }),
    },
    preview: {
      fields: FIELDS,
      panel: () => "invalidate",
      run: (v) => previewInvalidation(db, actor, v),
      done: (v, r) => ({ preview: (r as { count: number }).count, values: v, form: "invalidate" }),
    },
    invalidate: {
      fields: FIELDS,
      panel: () => "invalidate",
      run: (v) => invalidateSupports(db, actor, v),
      done: (_v, r) => ({ done: "invalidate", count: (r as { count: number }).count }),
    },
  });
}

export default function ModerationSupports() {
  const { t } = useTranslation();
  const { prefill, idea, invalidations, locale } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const busy = useFormBusy();
  const mine = reply?.form === "invalidate" ? reply : undefined;
  const v = mine?.values ?? prefill;
  return (
    <div className="page">
      <p>
        <Link to="/moderation">{t("moderation.title")}</Link>
      </p>
      <h1>{t("moderation.supports.title")}</h1>
      <p className="lead">{t("moderation.supports.intro")}</p>
      {reply?.done ? (
        <p className="notice success" role="status">
          {t(`moderation.done.${reply.done}`, { count: reply.count ?? 0 })}
        </p>
      ) : null}
      {idea ? (
        <p>
          <Link to={`/ideas/${idea.id}`}>{idea.title}</Link> · {t("ideas.progress", { count: idea.support_threshold, supports: formatNumber(idea.support_count, locale), threshold: formatNumber(idea.support_threshold, locale) })}
        </p>
      ) : null}

      <section aria-labelledby="invalidate-heading">
        <h2 id="invalidate-heading">{t("moderation.supports.formTitle")}</h2>
        <ErrorSummary
          errors={mine?.errors}
          fieldLabels={{
            ideaId: t("moderation.supports.ideaId"),
            accounts: t("moderation.supports.accounts"),
            ipPrefix: t("moderation.supports.ipPrefix"),
            from: t("moderation.supports.from"),
            to: t("moderation.supports.to"),
            reason: t("moderation.supports.reason"),
          }}
        />
        {mine?.preview !== undefined ? (
          <p className="notice" role="status">
            {t("moderation.supports.previewResult", { count: mine.preview })}
          </p>
        ) : null}
        <Form method="post" className="stack" key={reply?.done ? `done-${reply.count}` : "form"}>
          <Field name="ideaId" label={t("moderation.supports.ideaId")} inputMode="numeric" required defaultValue={v.ideaId} errors={mine?.errors?.ideaId} />
          <p className="hint">{t("moderation.supports.criteriaHint")}</p>
          <TextAreaField
            name="accounts"
            label={t("moderation.supports.accounts")}
            hint={t("moderation.supports.accountsHint")}
            rows={3}
            defaultValue={v.accounts}
            errors={mine?.errors?.accounts}
          />
          <Field name="ipPrefix" label={t("moderation.supports.ipPrefix")} hint={t("moderation.supports.ipPrefixHint")} defaultValue={v.ipPrefix} errors={mine?.errors?.ipPrefix} />
          <Field name="from" type="datetime-local" label={t("moderation.supports.from")} hint={t("moderation.supports.timeHint")} defaultValue={v.from} errors={mine?.errors?.from} />
          <Field name="to" type="datetime-local" label={t("moderation.supports.to")} defaultValue={v.to} errors={mine?.errors?.to} />
          <TextAreaField name="reason" label={t("moderation.supports.reason")} hint={t("moderation.supports.reasonHint", { min: INVALIDATION_REASON_MIN })} rows={3} defaultValue={mine?.values?.reason} errors={mine?.errors?.reason} />
          <div className="actions">
            <button type="submit" name="intent" value="preview" className="secondary" disabled={busy}>
              {t("moderation.supports.preview")}
            </button>
            <button type="submit" name="intent" value="invalidate" disabled={busy}>
              {t("moderation.supports.submit")}
            </button>
          </div>
        </Form>
      </section>

      <section aria-labelledby="invalidations-heading">
        <h2 id="invalidations-heading">{t("moderation.supports.listTitle")}</h2>
        {invalidations.length === 0 ? (
          <p>{t("moderation.supports.none")}</p>
        ) : (
          <ol className="queue-list">
            {invalidations.map((inv) => {
              const key = `reverse-${inv.id}`;
              const own = reply?.form === key ? reply : undefined;
              const c = inv.criteria;
              return (
                <li key={inv.id} className="queue-item">
                  <article aria-label={t("moderation.supports.item", { id: inv.id, count: inv.support_count })}>
                    <h3>
                      {t("moderation.supports.item", { id: inv.id, count: inv.support_count })} · <Link to={`/ideas/${inv.idea_id}`}>{inv.idea_title}</Link>
                    </h3>
                    <MetaLine>
                      <time dateTime={inv.created_at}>{formatDate(inv.created_at, locale, true)}</time>
                      <span>{t("admin.by", { name: inv.by_name })}</span>
                      {inv.reversed_at ? (
                        <strong>{t("moderation.supports.reversed", { date: formatDate(inv.reversed_at, locale, true), name: inv.reversed_by_name ?? "" })}</strong>
                      ) : (
                        <strong>{t("moderation.supports.inForce")}</strong>
                      )}
                    </MetaLine>
                    <p>{t("moderation.supports.reasonShown", { reason: inv.reason })}</p>
                    <ul className="criteria-list">
                      {c.userIds ? <li>{t("moderation.supports.byAccounts", { count: c.userIds.length })}</li> : null}
                      {c.ipPrefix ? <li>{t("moderation.supports.byNetwork", { prefix: c.ipPrefix })}</li> : null}
                      {c.from ? <li>{t("moderation.supports.fromTime", { date: formatDate(c.from, locale, true) })}</li> : null}
                      {c.to ? <li>{t("moderation.supports.toTime", { date: formatDate(c.to, locale, true) })}</li> : null}
                    </ul>
                    {inv.reversal_reason ? <p>{t("moderation.supports.reversalReason", { reason: inv.reversal_reason })}</p> : null}
                    {inv.reversed_at ? null : (
                      <details open={own ? true : undefined} className="decision-form">
                        <summary>{t("moderation.supports.reverse")}</summary>
                        <Form method="post">
                          <input type="hidden" name="intent" value="reverse" />
                          <input type="hidden" name="invalidationId" value={inv.id} />
                          <ErrorSummary errors={own?.errors?._form ? { _form: own.errors._form } : undefined} />
                          <TextAreaField id={`${key}-reason`} name="reason" label={t("moderation.supports.reverseReason")} rows={2} required errors={own?.errors?.reason} />
                          <button type="submit" className="secondary" disabled={busy}>
                            {t("moderation.supports.reverseSubmit")}
                          </button>
                        </Form>
                      </details>
                    )}
                  </article>
                </li>
              );
            })}
          </ol>
        )}
      </section>
    </div>
  );
}
