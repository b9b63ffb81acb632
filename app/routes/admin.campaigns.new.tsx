import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/ui/translation";
import { requireStaff } from "~/auth/actor.server";
import { canManageCampaigns } from "~/domain/accounts/permissions";
import { createCampaign } from "~/domain/campaigns/campaigns.server";
import { campaignFormChoices } from "~/domain/campaigns/queries.server";
import { CAMPAIGN_FIELDS } from "~/domain/campaigns/limits";
import { getSettings } from "~/domain/settings.server";
import { CampaignForm } from "~/ui/CampaignForm";
import { formFailure } from "~/utils/http.server";
import { formValues } from "~/utils/result";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = (args) => pageTitle(args, (t) => [t("adminCampaigns.new"), t("admin.title")]);

export async function loader({ request, context }: LoaderFunctionArgs) {
  requireStaff(context, request, canManageCampaigns);
  const { db } = context.services;
  const [choices, settings] = await Promise.all([campaignFormChoices(db), getSettings(db)]);
  const initial: Record<string, string> = {
    supportThreshold: String(settings.default_support_threshold),
    supportWindowDays: String(settings.default_support_window_days),
  };
  return json({ choices, initial, locale: context.locale });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = requireStaff(context, request, canManageCampaigns);
  const values = formValues(await request.formData(), CAMPAIGN_FIELDS);
  const result = await createCampaign(context.services.db, actor, values);
  if (!result.ok) return formFailure(result, values);
  return redirect(`/admin/campaigns/${result.campaignId}?saved=1`);
}

export default function NewCampaign() {
  const { t } = useTranslation();
  const { choices, initial, locale } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  return (
    <div className="page narrow">
      <p>
        <Link to="/admin/campaigns">{t("adminCampaigns.title")}</Link>
      </p>
      <h1>{t("adminCampaigns.new")}</h1>
      <CampaignForm locale={locale} choices={choices} values={reply?.values ?? initial} errors={reply?.errors} />
    </div>
  );
}
