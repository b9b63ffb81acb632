// The admin form for a call for ideas, used to create one and to edit one. A plain post form:
// it works without JavaScript, and a refused form comes back with what was typed.
import { Form } from "@remix-run/react";
import { useTranslation } from "~/ui/translation";
import { ErrorSummary, Field, SelectField, TextAreaField } from "~/ui/form";
import type { Locale } from "~/utils/i18n";
import type { FieldErrors } from "~/utils/result";
import { DESCRIPTION_MAX } from "~/domain/campaigns/limits";

interface Choice {
  id: number;
  name_ko: string;
  name_en: string;
}

export interface CampaignFormProps {
  locale: Locale;
  choices: { categories: Choice[]; regions: Choice[]; committees: Choice[] };
  /** The form's fields as strings: the saved campaign, or what was typed when refused. */
  values: Record<string, string>;
  errors?: FieldErrors;
}

export function CampaignForm({ locale, choices, values, errors }: CampaignFormProps) {
  const { t } = useTranslation();
  const name = (c: Choice) => (locale === "ko" ? c.name_ko : c.name_en);
  const options = (none: string, list: Choice[]) => [
    { value: "", label: none },
    ...list.map((c) => ({ value: String(c.id), label: name(c) })),
  ];
  const labels = {
    slug: t("adminCampaigns.slug"),
    titleKo: t("adminCampaigns.titleKo"),
    titleEn: t("adminCampaigns.titleEn"),
    descriptionKo: t("adminCampaigns.descriptionKo"),
    descriptionEn: t("adminCampaigns.descriptionEn"),
    categoryId: t("adminCampaigns.category"),
    regionId: t("adminCampaigns.region"),
    committeeId: t("adminCampaigns.committee"),
    opensAt: t("adminCampaigns.opensAt"),
    closesAt: t("adminCampaigns.closesAt"),
    supportThreshold: t("adminCampaigns.threshold"),
    supportWindowDays: t("adminCampaigns.windowDays"),
    proposeLevel: t("verification.callForm.proposeLevel"),
    supportLevel: t("verification.callForm.supportLevel"),
    eligibleRegionId: t("verification.callForm.region"),
    minAge: t("verification.callForm.minAge"),
    verifiedThreshold: t("verification.callForm.verifiedThreshold"),
  };
  const levels = [1, 2, 3].map((l) => ({ value: String(l), label: t(`verification.level.${l}`) }));
  return (
    <>
      <ErrorSummary errors={errors} fieldLabels={labels} />
      <Form method="post" className="stack campaign-form">
        <Field
          name="slug"
          label={labels.slug}
          hint={t("adminCampaigns.slugHint")}
          defaultValue={values.slug}
          errors={errors?.slug}
          autoCapitalize="none"
          spellCheck={false}
        />
        <Field name="titleKo" label={labels.titleKo} lang="ko" defaultValue={values.titleKo} errors={errors?.titleKo} />
        <Field name="titleEn" label={labels.titleEn} lang="en" defaultValue={values.titleEn} errors={errors?.titleEn} />
        <TextAreaField
          name="descriptionKo"
          label={labels.descriptionKo}
          hint={t("adminCampaigns.descriptionHint", { max: DESCRIPTION_MAX })}
          lang="ko"
          rows={8}
          defaultValue={values.descriptionKo}
          errors={errors?.descriptionKo}
        />
        <TextAreaField
          name="descriptionEn"
          label={labels.descriptionEn}
          hint={t("adminCampaigns.descriptionHint", { max: DESCRIPTION_MAX })}
          lang="en"
          rows={8}
          defaultValue={values.descriptionEn}
          errors={errors?.descriptionEn}
        />
        <SelectField
          name="categoryId"
          label={labels.categoryId}
          options={options(t("adminCampaigns.anyCategory"), choices.categories)}
          defaultValue={values.categoryId}
          errors={errors?.categoryId}
        />
        <SelectField
          name="regionId"
          label={labels.regionId}
          options={options(t("adminCampaigns.nationwide"), choices.regions)}
          defaultValue={values.regionId}
          errors={errors?.regionId}
        />
        <SelectField
          name="committeeId"
          label={labels.committeeId}
          options={options(t("adminCampaigns.defaultCommittee"), choices.committees)}
          defaultValue={values.committeeId}
          errors={errors?.committeeId}
        />
        <Field
          name="opensAt"
          type="datetime-local"
          label={labels.opensAt}
          hint={t("adminCampaigns.timeHint")}
          defaultValue={values.opensAt}
          errors={errors?.opensAt}
        />
        <Field
          name="closesAt"
          type="datetime-local"
          label={labels.closesAt}
          hint={t("adminCampaigns.timeHint")}
          defaultValue={values.closesAt}
          errors={errors?.closesAt}
        />
        <Field
          name="supportThreshold"
          type="number"
          inputMode="numeric"
          step={1}
          label={labels.supportThreshold}
          hint={t("adminCampaigns.thresholdHint")}
          defaultValue={values.supportThreshold}
          errors={errors?.supportThreshold}
        />
        <Field
          name="supportWindowDays"
          type="number"
          inputMode="numeric"
          step={1}
          label={labels.supportWindowDays}
          hint={t("adminCampaigns.windowHint")}
          defaultValue={values.supportWindowDays}
          errors={errors?.supportWindowDays}
        />
        <SelectField
          name="paperSupports"
          label={t("assisted.paperRuleLabel")}
          hint={t("assisted.paperRuleHint")}
          defaultValue={values.paperSupports ?? "not_counted"}
          errors={errors?.paperSupports}
          options={(["not_counted", "counted"] as const).map((r) => ({ value: r, label: t(`assisted.paperRule.${r}`) }))}
        />
        <fieldset>
          <legend>{t("verification.callForm.legend")}</legend>
          <p className="hint">{t("verification.callForm.intro")}</p>
          <SelectField name="proposeLevel" label={labels.proposeLevel} options={levels} defaultValue={values.proposeLevel || "1"} errors={errors?.proposeLevel} />
          <SelectField name="supportLevel" label={labels.supportLevel} options={levels} defaultValue={values.supportLevel || "1"} errors={errors?.supportLevel} />
          <SelectField
            name="eligibleRegionId"
            label={labels.eligibleRegionId}
            hint={t("verification.callForm.regionHint")}
            options={options(t("verification.callForm.anyone"), choices.regions)}
            defaultValue={values.eligibleRegionId}
            errors={errors?.eligibleRegionId}
          />
          <Field
            name="minAge"
            type="number"
            inputMode="numeric"
            step={1}
            min={1}
            max={120}
            label={labels.minAge}
            hint={t("verification.callForm.minAgeHint")}
            defaultValue={values.minAge}
            errors={errors?.minAge}
          />
          <div className="field">
            <label className="choice">
              <input id="field-verifiedThreshold" type="checkbox" name="verifiedThreshold" value="on" defaultChecked={values.verifiedThreshold === "on"} />{" "}
              {labels.verifiedThreshold}
            </label>
          </div>
        </fieldset>
        <button type="submit">{t("adminCampaigns.save")}</button>
      </Form>
    </>
  );
}
