// /admin/regions: rename in Korean and English, search (app/ui/BodiesAdmin.tsx; issue 16).
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { bodiesAction, bodiesLoader } from "~/http/bodies-admin.server";
import { BodiesAdmin } from "~/ui/BodiesAdmin";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = (args) => pageTitle(args, (t) => [t("bodies.regions.title"), t("admin.title")]);

export const loader = (args: LoaderFunctionArgs) => bodiesLoader("regions", args);

export const action = (args: ActionFunctionArgs) => bodiesAction("regions", args);

export default function AdminRegions() {
  return <BodiesAdmin data={useLoaderData<typeof loader>()} reply={useActionData<typeof action>()} />;
}
