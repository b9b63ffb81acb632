import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireActor } from "~/auth/actor.server";

export const meta: MetaFunction = () => [{ title: "My page · Madang" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request);
  return json({
    email: actor.email,
    displayName: actor.displayName,
    verified: actor.emailVerified,
    roles: actor.grants.map((g) => g.role),
  });
}

export default function Me() {
  const { t } = useTranslation();
  const me = useLoaderData<typeof loader>();
  return (
    <div className="page">
      <h1>{t("me.title")}</h1>
      <h2>{t("me.account")}</h2>
      <dl className="meta-list">
        <dt>{t("join.displayName")}</dt>
        <dd>{me.displayName}</dd>
        <dt>{t("me.email")}</dt>
        <dd>
          {me.email} ({me.verified ? t("admin.verified") : t("admin.unverified")})
        </dd>
        {me.roles.length ? (
          <>
            <dt>{t("me.roles")}</dt>
            <dd>{me.roles.map((r) => t(`roles.${r}`)).join(", ")}</dd>
          </>
        ) : null}
      </dl>
    </div>
  );
}
