// /admin/committees: rename in Korean and English, search, add (app/ui/BodiesAdmin.tsx; issue 16).
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { bodiesAction, bodiesLoader } from "~/http/bodies-admin.server";
import { BodiesAdmin } from "~/ui/BodiesAdmin";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = (args) => pageTitle(args, (t) => [t("bodies.committees.title"), t("admin.title")]);

export const loader = (args: LoaderFunctionArgs) => bodiesLoader("committees", args);

export const action = (args: ActionFunctionArgs) => bodiesAction("committees", args);

export default function AdminCommittees() {
  return <BodiesAdmin data={useLoaderData<typeof loader>()} reply={useActionData<typeof action>()} />;
}
