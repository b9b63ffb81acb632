// The site settings, changed by an administrator without a deploy (decision 032): every key of
// the registry (app/domain/settings.ts) in its group, with its meaning, unit, allowed range,
// default and current value, what a change affects, and its last change. One small form per
// setting: a refused value is shown next to its field, with the range, and kept as typed.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import type { TFunction } from "i18next";
import { useTranslation } from "~/ui/translation";
import { requireStaff } from "~/auth/actor.server";
import { canAdminister } from "~/domain/admin/permissions";
import { REASON_MAX } from "~/domain/admin/limits";
import { changeSetting, lastSettingChanges, settingDefinitions, settingText, storedSettingTexts } from "~/domain/admin/settings.server";
import type { SettingGroup, SettingUnit } from "~/domain/settings";
import { ErrorSummary, Field, FormErrors, useFormBusy } from "~/ui/form";
import { formatDate } from "~/utils/i18n";
import { pageTitle } from "~/utils/meta";
import { formValues, FORM, type FieldErrors } from "~/utils/result";
import { maxLengthFor } from "~/utils/text";

export const meta: MetaFunction = (args) => pageTitle(args, (t) => [t("settings.title"), t("admin.title")]);

const GROUP_ORDER: SettingGroup[] = ["support", "deadlines", "participation", "moderation", "integrity", "openData", "privacy"];

export async function loader({ request, context }: LoaderFunctionArgs) {
  requireStaff(context, request, canAdminister);
  const { db } = context.services;
  const [current, last] = await Promise.all([storedSettingTexts(db), lastSettingChanges(db)]);
  const settings = settingDefinitions().map((d) => ({ ...d, current: current[d.key], last: last[d.key] ?? null }));
  const groups = [...GROUP_ORDER, ...new Set(settings.map((s) => s.group).filter((g) => !GROUP_ORDER.includes(g)))]
    .map((group) => ({ group, settings: settings.filter((s) => s.group === group) }))
    .filter((g) => g.settings.length > 0);
  return json({ groups, locale: context.locale });
}

type Reply = {
  key?: string;
  errors?: FieldErrors;
  values?: Record<string, string>;
  done?: { changed: boolean; from: string; to: string };
};

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = requireStaff(context, request, canAdminister);
  const values = formValues(await request.formData(), ["key", "value", "was", "reason"]);
  const result = await changeSetting(context.services.db, actor, values);
  if (!result.ok) return json<Reply>({ key: values.key, errors: result.errors, values }, { status: result.status });
  return json<Reply>({ key: result.key, done: { changed: result.changed, from: settingText(result.from), to: settingText(result.to) } });
}

type Setting = ReturnType<typeof useLoaderData<typeof loader>>["groups"][number]["settings"][number];

/** A value as a person reads it: "30 days", "1,000", or the text itself. */
function shown(t: TFunction, unit: string, text: string): string {
  if (unit === "text") return text;
  const n = Number(text);
  return Number.isFinite(n) ? t(`settings.amount.${unit}`, { count: n, defaultValue: text }) : text;
}

function labelOf(t: TFunction, key: string): string {
  return t(`settings.keys.${key}.label`, { defaultValue: key });
}

function SettingForm({ setting, reply, busy, locale }: { setting: Setting; reply: Reply | undefined; busy: boolean; locale: "ko" | "en" }) {
  const { t } = useTranslation();
  const mine = reply?.key === setting.key ? reply : undefined;
  const label = labelOf(t, setting.key);
  const help = t(`settings.keys.${setting.key}.help`, { defaultValue: "" });
  const titleId = `setting-${setting.key}-title`;
  const range =
    setting.unit === "text"
      ? setting.max !== null
        ? t("settings.textRange", { max: setting.max })
        : null
      : setting.min !== null && setting.max !== null
        ? t("settings.range", { min: setting.min, max: setting.max, unit: t(`settings.unitName.${setting.unit}`) })
        : null;
  const refused = mine?.errors ? mine : undefined;
  return (
    <section className="setting card" aria-labelledby={titleId} id={`setting-${setting.key}`}>
      <h3 id={titleId}>{label}</h3>
      {help ? <p>{help}</p> : null}
      <p className="hint">{t(`settings.applies.${setting.applies}`)}</p>
      <ul className="setting-facts">
        <li>
          <strong>{t("settings.currentValue", { value: shown(t, setting.unit, setting.current) })}</strong>
        </li>
        <li>{t("settings.defaultValue", { value: shown(t, setting.unit, setting.default) })}</li>
        {range ? <li>{range}</li> : null}
      </ul>
      {setting.last ? (
        <p className="hint">
          {t("settings.lastChanged", {
            date: formatDate(setting.last.at, locale, true),
            name: setting.last.by ?? "—",
            from: shown(t, setting.unit, setting.last.from),
          })}
          {setting.last.reason ? ` ${t("settings.lastChangedWhy", { reason: setting.last.reason })}` : null}
        </p>
      ) : null}
      {mine?.done ? (
        <p className="notice success" role="status">
          {mine.done.changed
            ? t("settings.saved", { label, from: shown(t, setting.unit, mine.done.from), to: shown(t, setting.unit, mine.done.to) })
            : t("settings.unchanged", { label, value: shown(t, setting.unit, mine.done.to) })}
        </p>
      ) : null}
      {/* A new key after each change, so the fields show the value now stored. */}
      <Form method="post" className="setting-form" key={`${setting.key}:${setting.current}`} aria-labelledby={titleId}>
        <input type="hidden" name="key" value={setting.key} />
        <input type="hidden" name="was" value={setting.current} />
        <FormErrors messages={refused?.errors?.[FORM] ?? []} />
        <Field
          name="value"
          id={`value-${setting.key}`}
          label={t("settings.value")}
          hint={range ?? undefined}
          inputMode={setting.unit === "text" ? undefined : "numeric"}
          autoComplete="off"
          defaultValue={refused?.values?.value ?? setting.current}
          errors={refused?.errors?.value}
          required
        />
        <Field
          name="reason"
          id={`reason-${setting.key}`}
          label={t("settings.reason")}
          hint={t("settings.reasonHint")}
          maxLength={maxLengthFor(REASON_MAX)}
          defaultValue={refused?.values?.reason ?? ""}
          errors={refused?.errors?.reason}
        />
        <button type="submit" disabled={busy} aria-label={t("settings.save", { label })}>
          {t("settings.saveShort")}
        </button>
      </Form>
    </section>
  );
}

export default function AdminSettings() {
  const { t } = useTranslation();
  const { groups, locale } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const busy = useFormBusy();
  // A refusal about no particular setting (an unknown key) goes on top.
  const unknownKey = reply?.errors && !groups.some((g) => g.settings.some((s) => s.key === reply.key));
  return (
    <div className="page">
      <p>
        <Link to="/admin">{t("admin.title")}</Link>
      </p>
      <h1>{t("settings.title")}</h1>
      <p className="lead">{t("settings.intro")}</p>
      <p>
        <Link to="/admin/audit?kind=settings">{t("settings.auditLink")}</Link>
      </p>
      {unknownKey ? <ErrorSummary errors={reply?.errors} /> : null}
      <nav aria-label={t("settings.contents")}>
        <ul className="link-list">
          {groups.map((g) => (
            <li key={g.group}>
              <a href={`#group-${g.group}`}>{t(`settings.groups.${g.group}`, { defaultValue: g.group })}</a>
            </li>
          ))}
        </ul>
      </nav>
      {groups.map((g) => (
        <section key={g.group} aria-labelledby={`group-${g.group}`} className="setting-group">
          <h2 id={`group-${g.group}`}>{t(`settings.groups.${g.group}`, { defaultValue: g.group })}</h2>
          {g.settings.map((s) => (
            <SettingForm key={s.key} setting={s} reply={reply} busy={busy} locale={locale} />
          ))}
        </section>
      ))}
    </div>
  );
}
