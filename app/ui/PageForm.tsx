// The admins' form for a page (operating rules, privacy notice...): titles and Markdown bodies in
// Korean and English, and a note of what changed (public, in the page's history). A plain post
// form: it works without JavaScript, and a refused form comes back with what was typed.
import { Form } from "@remix-run/react";
import { useTranslation } from "~/ui/translation";
import { PAGE_LIMITS } from "~/domain/pages/limits";
import { ErrorSummary, Field, FormErrors, TextAreaField } from "~/ui/form";
import type { FieldErrors } from "~/utils/result";
import { maxLengthFor } from "~/utils/text";

export function PageForm({
  values,
  errors,
  slug,
  baseVersion,
  busy,
}: {
  values: Record<string, string>;
  errors?: FieldErrors;
  /** Editing: the page's address (fixed) and the version the form was written from. */
  slug?: string;
  baseVersion?: number;
  busy: boolean;
}) {
  const { t } = useTranslation();
  const labels = {
    slug: t("pages.slug"),
    titleKo: t("pages.titleKo"),
    titleEn: t("pages.titleEn"),
    bodyKo: t("pages.bodyKo"),
    bodyEn: t("pages.bodyEn"),
    note: t("pages.note"),
  };
  return (
    <>
      <ErrorSummary errors={errors} fieldLabels={labels} />
      <Form method="post" className="stack">
        <FormErrors messages={errors?._form ?? []} />
        {slug === undefined ? (
          <Field name="slug" label={labels.slug} hint={t("pages.slugHint")} required maxLength={maxLengthFor(PAGE_LIMITS.slug)} defaultValue={values.slug} errors={errors?.slug} autoComplete="off" />
        ) : (
          <>
            <input type="hidden" name="slug" value={slug} />
            <input type="hidden" name="baseVersion" value={baseVersion} />
          </>
        )}
        <Field name="titleKo" lang="ko" label={labels.titleKo} required maxLength={maxLengthFor(PAGE_LIMITS.title)} defaultValue={values.titleKo} errors={errors?.titleKo} />
        <TextAreaField name="bodyKo" lang="ko" label={labels.bodyKo} hint={t("pages.bodyHint")} required rows={16} defaultValue={values.bodyKo} errors={errors?.bodyKo} />
        <Field name="titleEn" lang="en" label={labels.titleEn} required maxLength={maxLengthFor(PAGE_LIMITS.title)} defaultValue={values.titleEn} errors={errors?.titleEn} />
        <TextAreaField name="bodyEn" lang="en" label={labels.bodyEn} hint={t("pages.bodyHint")} required rows={16} defaultValue={values.bodyEn} errors={errors?.bodyEn} />
        <Field name="note" label={labels.note} hint={t("pages.noteHint")} required maxLength={maxLengthFor(PAGE_LIMITS.note)} defaultValue={values.note} errors={errors?.note} />
        <button type="submit" disabled={busy}>
          {slug === undefined ? t("pages.create") : t("pages.save")}
        </button>
      </Form>
    </>
  );
}
