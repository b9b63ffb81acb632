// The holidays the business-day clock skips (issue 15, decision 030). Admins list them by year,
// add and remove them; every change is audited (app/domain/agencies/holidays.server.ts).
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/ui/translation";
import { requireStaff } from "~/auth/actor.server";
import { canManageRoles } from "~/domain/accounts/permissions";
import { addHoliday, holidaysOfYear, holidayYears, removeHoliday } from "~/domain/agencies/holidays.server";
import { ErrorSummary, Field, useFormBusy } from "~/ui/form";
import { formatDateWith, type Locale } from "~/utils/i18n";
import { formValues, type FieldErrors } from "~/utils/result";
import { pageTitle } from "~/utils/meta";
import { HOLIDAY_NAME_MAX } from "~/domain/agencies/limits";
import { maxLengthFor } from "~/utils/text";
import { koreaDate } from "~/utils/korea-time";

export const meta: MetaFunction = (args) => pageTitle(args, (t) => [t("holidays.title"), t("admin.title")]);

function yearOf(url: string, fallback: number): number {
  const raw = new URL(url).searchParams.get("year");
  const year = raw && /^\d{4}$/.test(raw) ? Number(raw) : fallback;
  return year >= 2000 && year <= 2100 ? year : fallback;
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  requireStaff(context, request, canManageRoles);
  const { db } = context.services;
  const current = Number(koreaDate(new Date()).slice(0, 4));
  const year = yearOf(request.url, current);
  const [holidays, years] = await Promise.all([holidaysOfYear(db, year), holidayYears(db, current)]);
  return json({ year, years, holidays, locale: context.locale });
}

type Reply = { errors?: FieldErrors; values?: Record<string, string>; done?: "added" | "removed" };

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = requireStaff(context, request, canManageRoles);
  const form = await request.formData();
  const { db } = context.services;
  if (form.get("intent") === "remove") {
    const result = await removeHoliday(db, actor, formValues(form, ["date"]));
    if (!result.ok) return json<Reply>({ errors: result.errors }, { status: result.status });
    return json<Reply>({ done: "removed" });
  }
  const values = formValues(form, ["date", "nameKo", "nameEn"]);
  const result = await addHoliday(db, actor, values);
  if (!result.ok) return json<Reply>({ errors: result.errors, values }, { status: result.status });
  return json<Reply>({ done: "added" });
}

const WEEKDAY: Intl.DateTimeFormatOptions = { weekday: "long", timeZone: "UTC" };

function weekday(date: string, locale: Locale): string {
  return formatDateWith(locale, WEEKDAY, `${date}T00:00:00Z`);
}

export default function Holidays() {
  const { t } = useTranslation();
  const { year, years, holidays, locale } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const busy = useFormBusy();
  const values = reply?.done ? undefined : reply?.values;
  return (
    <div className="page">
      <p>
        <Link to="/admin">{t("admin.title")}</Link>
      </p>
      <h1>{t("holidays.title")}</h1>
      <p className="lead">{t("holidays.intro")}</p>
      {reply?.done ? (
        <p className="notice success" role="status">
          {t(`holidays.${reply.done}`)}
        </p>
      ) : null}

      <nav aria-label={t("holidays.year")} className="sub-nav">
        <ul>
          {years.map((y) => (
            <li key={y}>
              {y === year ? (
                <strong aria-current="page">{y}</strong>
              ) : (
                <Link to={`/admin/holidays?year=${y}`}>{y}</Link>
              )}
            </li>
          ))}
        </ul>
      </nav>

      <h2>{t("holidays.listTitle", { year })}</h2>
      {holidays.length === 0 ? (
        <p>{t("holidays.none", { year })}</p>
      ) : (
        <div className="table-scroll">
          <table className="stack-table">
            <thead>
              <tr>
                <th scope="col">{t("holidays.date")}</th>
                <th scope="col">{t("holidays.weekday")}</th>
                <th scope="col">{t("holidays.nameKo")}</th>
                <th scope="col">{t("holidays.nameEn")}</th>
                <th scope="col">
                  <span className="visually-hidden">{t("holidays.remove")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {holidays.map((h) => (
                <tr key={h.date}>
                  <th scope="row">
                    <time dateTime={h.date}>{h.date}</time>
                  </th>
                  <td data-label={t("holidays.weekday")}>{weekday(h.date, locale)}</td>
                  <td data-label={t("holidays.nameKo")} lang="ko">
                    {h.name_ko}
                  </td>
                  <td data-label={t("holidays.nameEn")} lang="en">
                    {h.name_en}
                  </td>
                  <td>
                    <Form method="post">
                      <input type="hidden" name="intent" value="remove" />
                      <input type="hidden" name="date" value={h.date} />
                      <button
                        type="submit"
                        className="small secondary"
                        aria-label={t("holidays.removeLabel", { name: locale === "ko" ? h.name_ko : h.name_en, date: h.date })}
                        disabled={busy}
                      >
                        {t("holidays.remove")}
                      </button>
                    </Form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <h2>{t("holidays.addTitle")}</h2>
      <ErrorSummary
        errors={reply?.errors}
        fieldLabels={{ date: t("holidays.date"), nameKo: t("holidays.nameKo"), nameEn: t("holidays.nameEn") }}
      />
      <Form method="post" className="stack" key={reply?.done === "added" ? `added-${holidays.length}` : "add"}>
        <input type="hidden" name="intent" value="add" />
        <Field
          name="date"
          type="date"
          label={t("holidays.date")}
          hint={t("holidays.dateHint")}
          required
          min="2000-01-01"
          max="2100-12-31"
          defaultValue={values?.date}
          errors={reply?.errors?.date}
        />
        <Field name="nameKo" label={t("holidays.nameKo")} required maxLength={maxLengthFor(HOLIDAY_NAME_MAX)} lang="ko" defaultValue={values?.nameKo} errors={reply?.errors?.nameKo} />
        <Field name="nameEn" label={t("holidays.nameEn")} required maxLength={maxLengthFor(HOLIDAY_NAME_MAX)} lang="en" defaultValue={values?.nameEn} errors={reply?.errors?.nameEn} />
        <button type="submit" disabled={busy}>
          {t("holidays.add")}
        </button>
      </Form>
    </div>
  );
}
