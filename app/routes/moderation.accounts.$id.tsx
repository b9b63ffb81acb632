// An account as moderators see it: what it wrote, what moderation did about it, its suspension;
// moderators suspend (for a period or permanently, with a reason), admins lift.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/ui/translation";
import { requireStaff } from "~/auth/actor.server";
import { liftSuspension, suspendAccount } from "~/domain/moderation/accounts.server";
import { canLiftSuspension, canModerate, suspendRefusal } from "~/domain/moderation/permissions";
import { accountForModeration } from "~/domain/moderation/queries.server";
import { SUSPENSION_DAYS } from "~/domain/moderation/limits";
import { ErrorSummary, SelectField, TextAreaField, useFormBusy } from "~/ui/form";
import { reasonLabel } from "~/ui/moderation";
import { formatDate } from "~/utils/i18n";
import { dispatchIntent } from "~/http/intents.server";
import { pageTitle } from "~/utils/meta";
import { idParam } from "~/utils/http.server";

export const meta: MetaFunction<typeof loader> = (args) =>
  pageTitle(args, (t) => [args.data ? t("moderation.account.title", { name: args.data.user.name }) : null, t("moderation.title")]);

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = requireStaff(context, request, canModerate);
  const account = await accountForModeration(context.services.db, idParam(params));
  if (!account) throw new Response("Not found", { status: 404 });
  return json({
    ...account,
    can: {
      suspend: suspendRefusal(actor, { id: account.user.id, staff: account.user.staff }) === null,
      lift: canLiftSuspension(actor) && account.user.suspendedUntil !== null,
    },
    locale: context.locale,
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = requireStaff(context, request, canModerate);
  const userId = idParam(params);
  const { db } = context.services;
  return dispatchIntent(await request.formData(), {
    suspend: { fields: ["days", "reason"], panel: () => "suspend", run: (v) => suspendAccount(db, actor, userId, v) },
    lift: { fields: ["reason"], panel: () => "lift", run: (v) => liftSuspension(db, actor, userId, v) },
  });
}

export default function ModerationAccount() {
  const { t } = useTranslation();
  const { user, history, counts, can, locale } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const busy = useFormBusy();
  const mine = (panel: string) => (reply?.form === panel ? reply : undefined);
  return (
    <div className="page">
      <p>
        <Link to="/moderation">{t("moderation.title")}</Link>
      </p>
      <h1>{t("moderation.account.title", { name: user.name })}</h1>
      {reply?.done ? (
        <p className="notice success" role="status">
          {t(`moderation.done.${reply.done}`)}
        </p>
      ) : null}
      <dl className="meta-list">
        <dt>{t("moderation.account.number")}</dt>
        <dd>#{user.id}</dd>
        <dt>{t("moderation.account.email")}</dt>
        <dd>{user.email}</dd>
        <dt>{t("moderation.account.joined")}</dt>
        <dd>{formatDate(user.joined, locale, true)}</dd>
        <dt>{t("moderation.account.status")}</dt>
        <dd>
          {user.suspendedUntil ? (
            <strong className="suspended-tag">
              {user.permanent
                ? t("moderation.account.suspendedPermanently")
                : t("moderation.account.suspendedUntil", { date: formatDate(user.suspendedUntil, locale, true) })}
            </strong>
          ) : (
            t("moderation.account.active")
          )}
          {user.suspensionReason ? <p>{t("moderation.account.reason", { reason: user.suspensionReason })}</p> : null}
        </dd>
        <dt>{t("moderation.account.content")}</dt>
        <dd>{[t("moderation.account.contentIdeas", { count: counts.ideas }), t("moderation.account.contentPosts", { count: counts.posts }), t("moderation.account.contentHidden", { count: counts.hidden })].join(", ")}</dd>
        <dt>{t("moderation.account.sessions")}</dt>
        <dd>{counts.sessions}</dd>
      </dl>

      {can.suspend ? (
        <section aria-labelledby="suspend-heading">
          <h2 id="suspend-heading">{t("moderation.account.suspendTitle")}</h2>
          <p className="hint">{t("moderation.account.suspendHint")}</p>
          {mine("suspend") ? <ErrorSummary errors={mine("suspend")?.errors?._form ? { _form: mine("suspend")!.errors!._form } : undefined} /> : null}
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="suspend" />
            <SelectField
              id="suspend-days"
              name="days"
              label={t("moderation.account.length")}
              options={SUSPENSION_DAYS.map((d) => ({ value: d, label: d === "permanent" ? t("moderation.account.permanent") : t("moderation.account.days", { count: Number(d) }) }))}
              defaultValue={mine("suspend")?.values?.days ?? "7"}
              errors={mine("suspend")?.errors?.days}
            />
            <TextAreaField
              id="suspend-reason"
              name="reason"
              label={t("moderation.account.suspendReason")}
              rows={3}
              required
              defaultValue={mine("suspend")?.values?.reason}
              errors={mine("suspend")?.errors?.reason}
            />
            <button type="submit" disabled={busy}>
              {t("moderation.account.suspendSubmit")}
            </button>
          </Form>
        </section>
      ) : null}

      {can.lift ? (
        <section aria-labelledby="lift-heading">
          <h2 id="lift-heading">{t("moderation.account.liftTitle")}</h2>
          {mine("lift") ? <ErrorSummary errors={mine("lift")?.errors?._form ? { _form: mine("lift")!.errors!._form } : undefined} /> : null}
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="lift" />
            <TextAreaField
              id="lift-reason"
              name="reason"
              label={t("moderation.account.liftReason")}
              rows={2}
              required
              defaultValue={mine("lift")?.values?.reason}
              errors={mine("lift")?.errors?.reason}
            />
            <button type="submit" className="secondary" disabled={busy}>
              {t("moderation.account.liftSubmit")}
            </button>
          </Form>
        </section>
      ) : null}

      <h2>{t("moderation.account.history")}</h2>
      {history.length === 0 ? (
        <p>{t("moderation.queue.noHistory")}</p>
      ) : (
        <ul className="audit-list">
          {history.map((h) => {
            const d = h.details;
            const action = h.action.startsWith("moderation.") ? h.action.slice("moderation.".length) : h.action;
            return (
              <li key={h.id}>
                <time dateTime={h.created_at}>{formatDate(h.created_at, locale, true)}</time> — {t(`moderation.action.${action}`, { defaultValue: action })}
                {d.reason ? `: ${reasonLabel(t as never, d.reason as string)}` : null}
                {d.note ? ` — ${d.note as string}` : null} {h.actor_name ? t("admin.by", { name: h.actor_name }) : t("moderation.log.automatic")}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
