import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/ui/translation";
import { requireStaff } from "~/auth/actor.server";
import { canManageCampaigns } from "~/domain/accounts/permissions";
import { updateCampaign } from "~/domain/campaigns/campaigns.server";
import { campaignForAdmin, campaignFormChoices } from "~/domain/campaigns/queries.server";
import { CAMPAIGN_FIELDS, campaignFormValues } from "~/domain/campaigns/limits";
import { CampaignForm } from "~/ui/CampaignForm";
import { formFailure, idParam } from "~/utils/http.server";
import { formValues } from "~/utils/result";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = (args) => pageTitle(args, (t) => [t("adminCampaigns.editTitle"), t("admin.title")]);

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  requireStaff(context, request, canManageCampaigns);
  const { db } = context.services;
  const [campaign, choices] = await Promise.all([campaignForAdmin(db, idParam(params)), campaignFormChoices(db)]);
  if (!campaign) throw new Response("Not found", { status: 404 });
  const saved = new URL(request.url).searchParams.get("saved") === "1";
  return json({
    id: campaign.id,
    slug: campaign.slug,
    title: context.locale === "ko" ? campaign.title_ko : campaign.title_en,
    values: campaignFormValues(campaign),
    choices,
    saved,
    locale: context.locale,
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = requireStaff(context, request, canManageCampaigns);
  const campaignId = idParam(params);
  const values = formValues(await request.formData(), CAMPAIGN_FIELDS);
  const result = await updateCampaign(context.services.db, actor, campaignId, values);
  if (!result.ok) return formFailure(result, values);
  return redirect(`/admin/campaigns/${campaignId}?saved=1`);
}

export default function EditCampaign() {
  const { t } = useTranslation();
  const { id, slug, title, values, choices, saved, locale } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  return (
    <div className="page narrow">
      <p>
        <Link to="/admin/campaigns">{t("adminCampaigns.title")}</Link>
      </p>
      <h1>
        {t("adminCampaigns.editTitle")}: {title}
      </h1>
      {saved && !reply ? (
        <p className="notice success" role="status">
          {t("adminCampaigns.saved")}
        </p>
      ) : null}
      <p>
        <Link to={`/campaigns/${slug}`}>{t("adminCampaigns.view")}</Link>
      </p>
      {/* Keyed by the saved values so that a successful save shows what was stored. */}
      <CampaignForm
        key={`${id}-${JSON.stringify(values)}`}
        locale={locale}
        choices={choices}
        values={reply?.values ?? values}
        errors={reply?.errors}
      />
    </div>
  );
}
