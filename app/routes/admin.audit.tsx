// The audit log for administrators: every staff action (settings, pages, bodies, moderation,
// the workflow...), newest first, filtered by who acted, by kind and by date, a page at a time.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/ui/translation";
import { requireStaff } from "~/auth/actor.server";
import { AUDIT_KINDS, auditLogPage, type AuditEntryRow } from "~/domain/admin/audit.server";
import { canAdminister } from "~/domain/admin/permissions";
import { ErrorSummary, Field, useMessage } from "~/ui/form";
import { LogTable, NewestOlderNav } from "~/ui/paging";
import { idCursor } from "~/utils/http.server";
import { formatDate } from "~/utils/i18n";
import { msg } from "~/utils/result";
import { pageTitle } from "~/utils/meta";
import { cutText } from "~/utils/text";

export const meta: MetaFunction = (args) => pageTitle(args, (t) => [t("auditLog.title"), t("admin.title")]);

const FILTERS = ["actor", "kind", "from", "to"] as const;
/** Said next to the actor filter when no account has that name or address (here, not in the .server module: the browser shows it). */
const ACTOR_UNKNOWN = msg("auditLog.errors.actorUnknown");

export async function loader({ request, context }: LoaderFunctionArgs) {
  requireStaff(context, request, canAdminister);
  const url = new URL(request.url);
  const raw = Object.fromEntries(FILTERS.map((f) => [f, url.searchParams.get(f) ?? ""]));
  const page = await auditLogPage(context.services.db, raw, idCursor(url, "before"));
  const common = { kinds: AUDIT_KINDS, locale: context.locale };
  if (!page.ok) return json({ ...common, filter: raw, errors: page.errors, entries: [] as AuditEntryRow[], next: null as number | null, actorUnknown: false }, { status: 400 });
  return json({ ...common, filter: page.filter as Record<string, string>, errors: null, entries: page.entries, next: page.next, actorUnknown: page.actorUnknown });
}

/** Where a row's target can be seen, when it has a page. */
function targetHref(type: string, id: string, details: Record<string, unknown>): string | null {
  if (type === "idea") return `/ideas/${id}`;
  if (type === "user") return `/admin/users/${id}`;
  if (type === "setting") return `/admin/settings#setting-${id}`;
  if (type === "page") return `/pages/${id}`;
  if (type === "campaign") return `/admin/campaigns/${id}`;
  if (type === "thread") return `/threads/${id}`;
  if (type === "post" && details.threadId) return `/threads/${details.threadId}#post-${id}`;
  return null;
}

/** A row's details as short "name: value" pairs (values cut at 120 characters). */
function detailPairs(details: Record<string, unknown>): [string, string][] {
  return Object.entries(details)
    .filter(([, v]) => v !== null && v !== undefined && v !== "")
    .slice(0, 8)
    .map(([k, v]) => {
      const text = typeof v === "string" ? v : JSON.stringify(v);
      return [k, cutText(text, 120)];
    });
}

export default function AuditLog() {
  const { t } = useTranslation();
  const render = useMessage();
  const { entries, next, filter, errors, kinds, actorUnknown, locale } = useLoaderData<typeof loader>();
  const query = new URLSearchParams(Object.entries(filter).filter(([, v]) => v !== ""));
  const older = next ? `/admin/audit?${new URLSearchParams([...query, ["before", String(next)]])}` : null;
  const filtered = query.toString() !== "";
  return (
    <div className="page">
      <p>
        <Link to="/admin">{t("admin.title")}</Link>
      </p>
      <h1>{t("auditLog.title")}</h1>
      <p className="lead">{t("auditLog.intro")}</p>
      <ErrorSummary
        errors={errors ?? undefined}
        fieldLabels={{ actor: t("auditLog.actor"), kind: t("auditLog.kind"), from: t("auditLog.from"), to: t("auditLog.to") }}
      />
      <Form method="get" className="filter-form" role="search" aria-label={t("auditLog.filters")}>
        <Field
          name="actor"
          label={t("auditLog.actor")}
          hint={t("auditLog.actorHint")}
          defaultValue={filter.actor ?? ""}
          autoComplete="off"
          errors={errors?.actor ?? (actorUnknown ? [ACTOR_UNKNOWN] : undefined)}
        />
        <Field name="kind" label={t("auditLog.kind")} hint={t("auditLog.kindHint")} list="audit-kinds" defaultValue={filter.kind ?? ""} autoComplete="off" errors={errors?.kind} />
        <datalist id="audit-kinds">
          {kinds.map((k) => (
            <option key={k} value={k} />
          ))}
        </datalist>
        <Field name="from" type="date" label={t("auditLog.from")} defaultValue={filter.from ?? ""} errors={errors?.from} />
        <Field name="to" type="date" label={t("auditLog.to")} defaultValue={filter.to ?? ""} errors={errors?.to} />
        <p>
          <button type="submit">{t("auditLog.apply")}</button> {filtered ? <Link to="/admin/audit">{t("auditLog.clear")}</Link> : null}
        </p>
      </Form>
      {entries.length === 0 ? (
        <p role="status">{errors ? null : actorUnknown ? render(ACTOR_UNKNOWN) : t("auditLog.none")}</p>
      ) : (
        <LogTable caption={t("auditLog.title")} columns={[t("auditLog.when"), t("auditLog.who"), t("auditLog.what"), t("auditLog.target"), t("auditLog.details")]}>
              {entries.map((e) => {
                const href = targetHref(e.target_type, e.target_id, e.details);
                const target = `${e.target_type} ${e.target_id}`;
                return (
                  <tr key={e.id}>
                    <td data-label={t("auditLog.when")}>
                      <time dateTime={e.created_at}>{formatDate(e.created_at, locale, true)}</time>
                    </td>
                    <td data-label={t("auditLog.who")}>
                      {e.actor_id ? <Link to={`/admin/users/${e.actor_id}`}>{e.actor_name}</Link> : t("auditLog.system")}
                    </td>
                    <td data-label={t("auditLog.what")}>
                      <code>{e.action}</code>
                    </td>
                    <td data-label={t("auditLog.target")}>{href ? <Link to={href}>{target}</Link> : target}</td>
                    <td data-label={t("auditLog.details")}>
                      {detailPairs(e.details).map(([k, v]) => (
                        <span key={k} className="audit-detail">
                          <strong>{k}</strong>: {v}{" "}
                        </span>
                      ))}
                    </td>
                  </tr>
                );
              })}
        </LogTable>
      )}
      <NewestOlderNav
        label={t("auditLog.paging")}
        newest={filtered || older ? (filtered ? `/admin/audit?${query}` : "/admin/audit") : null}
        older={older}
        newestText={t("auditLog.newest")}
        olderText={t("auditLog.older")}
      />
    </div>
  );
}
