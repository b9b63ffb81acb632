import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/ui/translation";
import { requireStaff } from "~/auth/actor.server";
import { canManageRoles, ROLE_NAMES } from "~/domain/accounts/permissions";
import { committeesAndAgencies, userForAdmin } from "~/domain/accounts/queries.server";
import { grantRole, revokeRole } from "~/domain/accounts/roles.server";
import { resetTwoFactor } from "~/domain/accounts/two-factor.server";
import { ErrorSummary, SelectField, TextAreaField } from "~/ui/form";
import { formDone, formFailure, idParam } from "~/utils/http.server";
import { formatDate } from "~/utils/i18n";
import { formValues } from "~/utils/result";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction<typeof loader> = (args) =>
  pageTitle(args, (t) => [args.data ? t("admin.userTitle", { name: args.data.user.display_name }) : null, t("admin.title")]);

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  requireStaff(context, request, canManageRoles);
  const { db } = context.services;
  const [detail, scopes] = await Promise.all([userForAdmin(db, idParam(params)), committeesAndAgencies(db)]);
  if (!detail) throw new Response("Not found", { status: 404 });
  return json({ ...detail, ...scopes, locale: context.locale });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = requireStaff(context, request, canManageRoles);
  const userId = idParam(params);
  const form = await request.formData();
  const { db } = context.services;
  if (form.get("intent") === "resetTwoFactor") {
    const values = formValues(form, ["reason"]);
    const result = await resetTwoFactor(db, actor, userId, { ...values, site: context.siteUrl });
    if (!result.ok) return formFailure(result, { ...values, intent: "resetTwoFactor" });
    return formDone("twoFactorReset");
  }
  if (form.get("intent") === "revoke") {
    const result = await revokeRole(db, actor, { ...formValues(form, ["grantId"]), userId: String(userId) });
    if (!result.ok) return formFailure(result);
    return formDone("revoked");
  }
  const values = formValues(form, ["role", "committeeId", "agencyId"]);
  const result = await grantRole(db, actor, { ...values, userId: String(userId) });
  if (!result.ok) return formFailure(result, values);
  return formDone("granted");
}

export default function AdminUser() {
  const { t } = useTranslation();
  const { user, grants, audit, committees, agencies, locale } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const resetFailed = reply?.values.intent === "resetTwoFactor";
  const name = (row: { name_ko: string; name_en: string }) => (locale === "ko" ? row.name_ko : row.name_en);
  return (
    <div className="page">
      <p>
        <Link to="/admin/users">{t("admin.users")}</Link>
      </p>
      <h1>{t("admin.userTitle", { name: user.display_name })}</h1>
      <p>
        {user.email} · {user.email_verified_at ? t("admin.verified") : t("admin.unverified")} · {t("admin.joined")}{" "}
        {formatDate(user.created_at, locale)}
      </p>
      {reply?.done ? (
        <p className="notice success" role="status">
          {t(reply.done === "twoFactorReset" ? "trust.twoFactorReset.done" : reply.done === "granted" ? "admin.granted" : "admin.revoked")}
        </p>
      ) : null}
      {resetFailed ? null : (
        <ErrorSummary
          errors={reply?.errors}
          fieldLabels={{ role: t("admin.role"), committeeId: t("admin.committee"), agencyId: t("admin.agency") }}
        />
      )}

      <h2>{t("admin.currentRoles")}</h2>
      {grants.length === 0 ? (
        <p>{t("admin.noRoles")}</p>
      ) : (
        <ul className="grant-list">
          {grants.map((g) => {
            const scope =
              (locale === "ko" ? g.committee_ko ?? g.agency_ko : g.committee_en ?? g.agency_en) ?? null;
            const label = `${t(`roles.${g.role}`)}${scope ? ` — ${scope}` : ""}`;
            return (
              <li key={g.id}>
                <span>{label}</span>
                <Form method="post">
                  <input type="hidden" name="intent" value="revoke" />
                  <input type="hidden" name="grantId" value={g.id} />
                  <button type="submit" className="small secondary" aria-label={`${t("admin.revoke")}: ${label}`}>
                    {t("admin.revoke")}
                  </button>
                </Form>
              </li>
            );
          })}
        </ul>
      )}

      <h2>{t("admin.grant")}</h2>
      <Form method="post" className="stack">
        <input type="hidden" name="intent" value="grant" />
        <p className="hint">{t("admin.scopeHint")}</p>
        <SelectField
          name="role"
          label={t("admin.role")}
          // Starts empty: a hasty click grants nothing (the grant is refused until a role is chosen).
          options={[{ value: "", label: t("admin.chooseRole") }, ...ROLE_NAMES.map((r) => ({ value: r, label: t(`roles.${r}`) }))]}
          defaultValue={reply?.values.role ?? ""}
          errors={reply?.errors?.role}
        />
        <SelectField
          name="committeeId"
          label={t("admin.committee")}
          options={[{ value: "", label: "—" }, ...committees.map((c) => ({ value: String(c.id), label: name(c) }))]}
          defaultValue={reply?.values.committeeId}
          errors={reply?.errors?.committeeId}
        />
        <SelectField
          name="agencyId"
          label={t("admin.agency")}
          options={[{ value: "", label: "—" }, ...agencies.map((a) => ({ value: String(a.id), label: name(a) }))]}
          defaultValue={reply?.values.agencyId}
          errors={reply?.errors?.agencyId}
        />
        <button type="submit">{t("admin.grantSubmit")}</button>
      </Form>

      <h2 id="two-factor-reset">{t("trust.twoFactorReset.title")}</h2>
      <p>{user.two_factor_since ? t("trust.twoFactorReset.on", { date: formatDate(user.two_factor_since, locale) }) : t("trust.twoFactorReset.off")}</p>
      {user.two_factor_since ? (
        <Form method="post" className="stack" aria-labelledby="two-factor-reset">
          <input type="hidden" name="intent" value="resetTwoFactor" />
          <p className="hint">{t("trust.twoFactorReset.intro")}</p>
          {resetFailed ? <ErrorSummary errors={reply?.errors} fieldLabels={{ reason: t("trust.twoFactorReset.reason") }} /> : null}
          <TextAreaField
            name="reason"
            label={t("trust.twoFactorReset.reason")}
            rows={2}
            required
            defaultValue={resetFailed ? reply?.values.reason : undefined}
            errors={resetFailed ? reply?.errors?.reason : undefined}
          />
          <button type="submit" className="secondary">
            {t("trust.twoFactorReset.submit")}
          </button>
        </Form>
      ) : null}

      <h2>{t("admin.auditTitle")}</h2>
      {audit.length === 0 ? (
        <p>{t("admin.noAudit")}</p>
      ) : (
        <ul className="audit-list">
          {audit.map((a) => {
            const details = a.details as { role?: string };
            return (
              <li key={a.id}>
                <time dateTime={new Date(a.created_at).toISOString()}>{formatDate(a.created_at, locale, true)}</time>{" "}
                {a.action === "role.grant" ? "+" : "−"} {details.role ? t(`roles.${details.role}`) : a.action}{" "}
                {a.actor_name ? t("admin.by", { name: a.actor_name }) : null}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
