// The security log for administrators (docs/security.md, V7): sign-ins and refused requests,
// newest first, filtered by kind and by network, a page at a time. Read only.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/ui/translation";
import { requireStaff } from "~/auth/actor.server";
import { canAdminister } from "~/domain/admin/permissions";
import { SECURITY_EVENT_KINDS, securityLogPage, type SecurityEventRow } from "~/domain/admin/security-log.server";
import { getSettings } from "~/domain/settings.server";
import { ErrorSummary, Field, SelectField } from "~/ui/form";
import { LogTable, NewestOlderNav } from "~/ui/paging";
import { cacheControl, idCursor } from "~/utils/http.server";
import { formatDate } from "~/utils/i18n";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = (args) => pageTitle(args, (t) => [t("securityLog.title"), t("admin.title")]);

const FILTERS = ["kind", "network"] as const;

export async function loader({ request, context }: LoaderFunctionArgs) {
  requireStaff(context, request, canAdminister);
  const { db } = context.services;
  const url = new URL(request.url);
  const raw = Object.fromEntries(FILTERS.map((f) => [f, url.searchParams.get(f) ?? ""]));
  const [page, settings] = await Promise.all([securityLogPage(db, raw, idCursor(url, "before")), getSettings(db)]);
  const shown = {
    kinds: SECURITY_EVENT_KINDS,
    locale: context.locale,
    addressDays: settings.retention_security_address_days,
    eventDays: settings.retention_security_event_days,
  };
  const headers = cacheControl("personal");
  if (!page.ok) return json({ ...shown, filter: raw, errors: page.errors, events: [] as SecurityEventRow[], next: null as number | null }, { status: 400, headers });
  return json({ ...shown, filter: page.filter as Record<string, string>, errors: null, events: page.events, next: page.next }, { headers });
}

/** What else an event says: a refused request's status, method and path; a sign-in's device. */
function Details({ e }: { e: SecurityEventRow }) {
  const { t } = useTranslation();
  const d = e.details;
  if (e.kind === "log.dropped") return <>{t("securityLog.dropped", { count: Number(d.count ?? 0) })}</>;
  const parts: string[] = [];
  if (typeof d.status === "number") parts.push(`${d.status} ${String(d.method ?? "")} ${String(d.path ?? "")}`.trim());
  if (e.account) parts.push(t("securityLog.digest", { digest: e.account }));
  if (d.device === true) parts.push(t("securityLog.knownDevice"));
  return <>{parts.join(" · ")}</>;
}

export default function SecurityLog() {
  const { t } = useTranslation();
  const { events, next, filter, errors, kinds, locale, addressDays, eventDays } = useLoaderData<typeof loader>();
  const query = new URLSearchParams(Object.entries(filter).filter(([, v]) => v !== ""));
  const older = next ? `/admin/security-log?${new URLSearchParams([...query, ["before", String(next)]])}` : null;
  const filtered = query.toString() !== "";
  return (
    <div className="page">
      <p>
        <Link to="/admin">{t("admin.title")}</Link>
      </p>
      <h1>{t("securityLog.title")}</h1>
      <p className="lead">{t("securityLog.intro")}</p>
      <p>{t("securityLog.retention", { addressDays, eventDays })}</p>
      <ErrorSummary errors={errors ?? undefined} fieldLabels={{ kind: t("securityLog.kind"), network: t("securityLog.network") }} />
      <Form method="get" className="filter-form" role="search" aria-label={t("securityLog.filters")}>
        <SelectField
          name="kind"
          label={t("securityLog.kind")}
          defaultValue={filter.kind ?? ""}
          errors={errors?.kind}
          options={[{ value: "", label: t("securityLog.anyKind") }, ...kinds.map((k) => ({ value: k, label: t(`securityLog.kinds.${k}`) }))]}
        />
        <Field name="network" label={t("securityLog.network")} hint={t("securityLog.networkHint")} defaultValue={filter.network ?? ""} autoComplete="off" spellCheck={false} errors={errors?.network} />
        <p>
          <button type="submit">{t("securityLog.apply")}</button> {filtered ? <Link to="/admin/security-log">{t("securityLog.clear")}</Link> : null}
        </p>
      </Form>
      {events.length === 0 ? (
        <p role="status">{errors ? null : t("securityLog.none")}</p>
      ) : (
        <LogTable caption={t("securityLog.title")} columns={[t("securityLog.when"), t("securityLog.what"), t("securityLog.from"), t("securityLog.who"), t("securityLog.details")]}>
              {events.map((e) => (
                <tr key={e.id}>
                  <td data-label={t("securityLog.when")}>
                    <time dateTime={e.at}>{formatDate(e.at, locale, true)}</time>
                  </td>
                  <td data-label={t("securityLog.what")}>{t(`securityLog.kinds.${e.kind}`)}</td>
                  <td data-label={t("securityLog.from")}>{e.ip ? <code>{e.ip}</code> : e.kind === "log.dropped" ? null : t("securityLog.cleared")}</td>
                  <td data-label={t("securityLog.who")}>{e.userId ? <Link to={`/admin/users/${e.userId}`}>{e.userName ?? `#${e.userId}`}</Link> : null}</td>
                  <td data-label={t("securityLog.details")}>
                    <Details e={e} />
                  </td>
                </tr>
              ))}
        </LogTable>
      )}
      <NewestOlderNav
        label={t("securityLog.paging")}
        newest={filtered || older ? (filtered ? `/admin/security-log?${query}` : "/admin/security-log") : null}
        older={older}
        newestText={t("securityLog.newest")}
        olderText={t("securityLog.older")}
      />
    </div>
  );
}
