// Events on the list, the home page and the organisers' pages: what, when (Korea time), where,
// who organises it, the access it offers and how many places are left.
import { Form, Link } from "@remix-run/react";
import { useTranslation } from "~/ui/translation";
import { EVENT_KINDS, EVENT_LIMITS } from "~/domain/events/limits";
import { ErrorSummary, Field, FormErrors, SelectField, TextAreaField } from "~/ui/form";
import { MetaLine } from "~/ui/meta-line";
import { formatDate, type Locale } from "~/utils/i18n";
import type { FieldErrors } from "~/utils/result";
import { maxLengthFor } from "~/utils/text";

export interface EventCardData {
  id: number;
  kind: string;
  title: string;
  startsAt: string;
  endsAt: string;
  place: string;
  online: boolean;
  region: string | null;
  capacity: number | null;
  registered: number;
  cancelled: boolean;
  access: { stepFree: boolean; signLanguage: boolean; captioning: boolean; interpretation: string };
  organiser: { kind: "committee" | "agency" | "operator"; name: string; href: string | null };
}

/** "12월 10일 (목) 14:00–16:00" in Korea time. */
export function EventTime({ startsAt, endsAt, locale }: { startsAt: string; endsAt: string; locale: Locale }) {
  const start = formatDate(startsAt, locale, true);
  const end = formatDate(endsAt, locale, true);
  const sameDay = formatDate(startsAt, locale) === formatDate(endsAt, locale);
  return (
    <time dateTime={startsAt}>
      {start}–{sameDay ? end.slice(end.lastIndexOf(" ") + 1) : end}
    </time>
  );
}

export function AccessList({ access }: { access: EventCardData["access"] }) {
  const { t } = useTranslation();
  const items = [
    access.stepFree ? t("events.access.stepFree") : null,
    access.signLanguage ? t("events.access.signLanguage") : null,
    access.captioning ? t("events.access.captioning") : null,
    access.interpretation ? t("events.access.interpretation", { languages: access.interpretation }) : null,
  ].filter((i): i is string => i !== null);
  if (items.length === 0) return null;
  return (
    <ul className="tag-list" aria-label={t("events.access.title")}>
      {items.map((i) => (
        <li key={i} className="tag">
          {i}
        </li>
      ))}
    </ul>
  );
}

export function organiserName(organiser: EventCardData["organiser"], t: (k: string) => string) {
  return organiser.kind === "operator" ? t("events.operator") : organiser.name;
}

export function EventCards({ events, locale, headingLevel = 3 }: { events: EventCardData[]; locale: Locale; headingLevel?: 2 | 3 }) {
  const { t } = useTranslation();
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <ul className="card-list">
      {events.map((e) => (
        <li key={e.id} className="card">
          <Heading>
            <Link to={`/events/${e.id}`}>{e.title}</Link>
          </Heading>
          <MetaLine>
            {e.cancelled ? <strong>{t("events.cancelled")}</strong> : null}
            <span>{t(`events.kind.${e.kind}`)}</span>
            <EventTime startsAt={e.startsAt} endsAt={e.endsAt} locale={locale} />
            <span>{e.online && !e.place ? t("events.online") : e.place}</span>
            {e.region ? <span>{e.region}</span> : null}
          </MetaLine>
          <MetaLine>
            <span>{t("events.organisedBy", { name: organiserName(e.organiser, t) })}</span>
            {e.capacity !== null ? <span>{t("events.places", { taken: e.registered, capacity: e.capacity })}</span> : null}
          </MetaLine>
          <AccessList access={e.access} />
        </li>
      ))}
    </ul>
  );
}

/** The organiser's form to create or edit an event. A plain post form (works without JavaScript). */
export function EventForm({
  values,
  errors,
  organisers,
  regions,
  busy,
  submitLabel,
}: {
  values: Record<string, string>;
  errors?: FieldErrors;
  organisers: { value: string; label: string }[];
  regions: { value: string; label: string }[];
  busy: boolean;
  submitLabel: string;
}) {
  const { t } = useTranslation();
  const labels: Record<string, string> = {
    organiser: t("events.form.organiser"),
    kind: t("events.form.kind"),
    titleKo: t("events.form.titleKo"),
    titleEn: t("events.form.titleEn"),
    descriptionKo: t("events.form.descriptionKo"),
    descriptionEn: t("events.form.descriptionEn"),
    startsAt: t("events.form.startsAt"),
    endsAt: t("events.form.endsAt"),
    regionId: t("events.form.region"),
    place: t("events.form.place"),
    address: t("events.form.address"),
    onlineUrl: t("events.form.onlineUrl"),
    interpretation: t("events.form.interpretation"),
    accessNotes: t("events.form.accessNotes"),
    capacity: t("events.form.capacity"),
  };
  const check = (name: string) => (
    <label className="check">
      <input type="checkbox" name={name} defaultChecked={values[name] === "on"} /> {t(`events.form.${name}`)}
    </label>
  );
  return (
    <>
      <ErrorSummary errors={errors} fieldLabels={labels} />
      <Form method="post" className="stack">
        <FormErrors messages={errors?._form ?? []} />
        <SelectField name="organiser" label={labels.organiser} options={organisers} defaultValue={values.organiser} errors={errors?.organiser} required />
        <SelectField
          name="kind"
          label={labels.kind}
          options={EVENT_KINDS.map((k) => ({ value: k, label: t(`events.kind.${k}`) }))}
          defaultValue={values.kind}
          errors={errors?.kind}
          required
        />
        <Field name="titleKo" lang="ko" label={labels.titleKo} required maxLength={maxLengthFor(EVENT_LIMITS.title)} defaultValue={values.titleKo} errors={errors?.titleKo} />
        <Field name="titleEn" lang="en" label={labels.titleEn} hint={t("events.form.englishHint")} maxLength={maxLengthFor(EVENT_LIMITS.title)} defaultValue={values.titleEn} errors={errors?.titleEn} />
        <TextAreaField name="descriptionKo" lang="ko" label={labels.descriptionKo} rows={6} maxLength={maxLengthFor(EVENT_LIMITS.description)} defaultValue={values.descriptionKo} errors={errors?.descriptionKo} />
        <TextAreaField name="descriptionEn" lang="en" label={labels.descriptionEn} rows={6} maxLength={maxLengthFor(EVENT_LIMITS.description)} defaultValue={values.descriptionEn} errors={errors?.descriptionEn} />
        <Field name="startsAt" type="datetime-local" label={labels.startsAt} hint={t("events.form.koreaTime")} required defaultValue={values.startsAt} errors={errors?.startsAt} />
        <Field name="endsAt" type="datetime-local" label={labels.endsAt} hint={t("events.form.koreaTime")} required defaultValue={values.endsAt} errors={errors?.endsAt} />
        <SelectField name="regionId" label={labels.regionId} options={[{ value: "", label: t("events.nationwide") }, ...regions]} defaultValue={values.regionId} errors={errors?.regionId} />
        <Field name="place" label={labels.place} hint={t("events.form.placeHint")} maxLength={maxLengthFor(EVENT_LIMITS.place)} defaultValue={values.place} errors={errors?.place} />
        <Field name="address" label={labels.address} maxLength={maxLengthFor(EVENT_LIMITS.address)} defaultValue={values.address} errors={errors?.address} autoComplete="off" />
        <Field name="onlineUrl" type="url" label={labels.onlineUrl} hint={t("events.form.onlineUrlHint")} maxLength={maxLengthFor(EVENT_LIMITS.url)} defaultValue={values.onlineUrl} errors={errors?.onlineUrl} />
        <fieldset className="field">
          <legend>{t("events.access.title")}</legend>
          {check("stepFree")}
          {check("signLanguage")}
          {check("captioning")}
        </fieldset>
        <Field name="interpretation" label={labels.interpretation} hint={t("events.form.interpretationHint")} maxLength={maxLengthFor(EVENT_LIMITS.interpretation)} defaultValue={values.interpretation} errors={errors?.interpretation} />
        <TextAreaField name="accessNotes" label={labels.accessNotes} rows={3} maxLength={maxLengthFor(EVENT_LIMITS.accessNotes)} defaultValue={values.accessNotes} errors={errors?.accessNotes} />
        <Field name="capacity" type="number" min={1} max={EVENT_LIMITS.capacity} inputMode="numeric" label={labels.capacity} hint={t("events.form.capacityHint")} defaultValue={values.capacity} errors={errors?.capacity} />
        <button type="submit" disabled={busy}>
          {submitLabel}
        </button>
      </Form>
    </>
  );
}

/** A committee's or an agency's next events, with a link to all of theirs (past ones too). */
export function OrganiserEvents({ events, locale, organiser }: { events: EventCardData[]; locale: Locale; organiser: string }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="organiser-events-heading">
      <div className="page-head">
        <h2 id="organiser-events-heading">{t("events.organiserEvents")}</h2>
        <Link to={`/events?organiser=${organiser}`}>{t("events.allEvents")}</Link>
      </div>
      {events.length === 0 ? <p>{t("events.noneUpcoming")}</p> : <EventCards events={events} locale={locale} />}
    </section>
  );
}
