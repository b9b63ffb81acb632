// The fields of an idea, written once for every form that files one: a citizen's /ideas/new, the
// staff desk's assisted entry (/desk), and the author's edit (title and text only). Props, not
// another route's loader data; each field shows its own errors and keeps what was typed.
import type { ChangeEvent } from "react";
import { useTranslation } from "~/ui/translation";
import { IDEA_LENGTHS, TITLE_MAX } from "~/domain/ideas/limits";
import { Field, SelectField, TextAreaField } from "~/ui/form";
import type { Locale } from "~/utils/i18n";
import type { FieldErrors } from "~/utils/result";
import { maxLengthFor } from "~/utils/text";

type Named = { id: number; name_ko: string; name_en: string };
export interface IdeaChoices {
  categories: Named[];
  regions: Named[];
  campaigns: { id: number; title_ko: string; title_en: string }[];
}

type T = (key: string) => string;

/** The fields' labels, for the form and for its error summary. */
export function ideaFieldLabels(t: T) {
  return {
    title: t("ideas.title"),
    body: t("ideas.body"),
    categoryId: t("ideas.categoryLabel"),
    regionId: t("ideas.regionLabel"),
    campaignId: t("ideas.campaignLabel"),
  };
}

interface TextProps {
  values?: Record<string, string>;
  errors?: FieldErrors;
  bodyRows?: number;
  /** Typing in the title (the new-idea page suggests similar ideas). */
  onTitleInput?: (title: string) => void;
}

/** The title and the text. */
export function IdeaTextFields({ values, errors, bodyRows = 12, onTitleInput }: TextProps) {
  const { t } = useTranslation();
  const labels = ideaFieldLabels(t);
  return (
    <>
      <Field
        name="title"
        label={labels.title}
        hint={t("ideas.titleHint", IDEA_LENGTHS.title)}
        required
        // Room to paste a little over the limit and be told, instead of silently cut.
        maxLength={maxLengthFor(TITLE_MAX)}
        defaultValue={values?.title}
        errors={errors?.title}
        onChange={onTitleInput ? (e: ChangeEvent<HTMLInputElement>) => onTitleInput(e.currentTarget.value) : undefined}
        autoComplete="off"
      />
      <TextAreaField name="body" label={labels.body} hint={t("ideas.bodyHint", IDEA_LENGTHS.body)} required rows={bodyRows} defaultValue={values?.body} errors={errors?.body} />
    </>
  );
}

/** Every field of a new idea: title, text, category, region and call for ideas. */
export function IdeaFields({ choices, locale, defaultCampaign = "", ...text }: TextProps & { choices: IdeaChoices; locale: Locale; defaultCampaign?: string }) {
  const { t } = useTranslation();
  const labels = ideaFieldLabels(t);
  const { values, errors } = text;
  const ko = locale === "ko";
  return (
    <>
      <IdeaTextFields {...text} />
      <SelectField
        name="categoryId"
        label={labels.categoryId}
        required
        defaultValue={values?.categoryId ?? ""}
        errors={errors?.categoryId}
        options={[{ value: "", label: t("ideas.chooseCategory") }, ...choices.categories.map((c) => ({ value: String(c.id), label: ko ? c.name_ko : c.name_en }))]}
      />
      <SelectField
        name="regionId"
        label={labels.regionId}
        defaultValue={values?.regionId ?? ""}
        errors={errors?.regionId}
        options={[{ value: "", label: t("ideas.noRegion") }, ...choices.regions.map((r) => ({ value: String(r.id), label: ko ? r.name_ko : r.name_en }))]}
      />
      <SelectField
        name="campaignId"
        label={labels.campaignId}
        defaultValue={values?.campaignId ?? defaultCampaign}
        errors={errors?.campaignId}
        options={[{ value: "", label: t("ideas.noCampaign") }, ...choices.campaigns.map((c) => ({ value: String(c.id), label: ko ? c.title_ko : c.title_en }))]}
      />
    </>
  );
}
