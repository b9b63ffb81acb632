import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireActor } from "~/auth/actor.server";
import { followedIdeas, myIdeas, supportedIdeas } from "~/domain/ideas/queries.server";
import { IdeaCards } from "~/ui/ideas";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = (args) => pageTitle(args, (t) => t("me.title"));

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request);
  const { db } = context.services;
  const [ideas, supported, followed] = await Promise.all([
    myIdeas(db, actor.id),
    supportedIdeas(db, actor.id),
    followedIdeas(db, actor.id),
  ]);
  return json({
    email: actor.email,
    displayName: actor.displayName,
    verified: actor.emailVerified,
    roles: actor.grants.map((g) => g.role),
    ideas,
    supported,
    followed,
    locale: context.locale,
  });
}

export default function Me() {
  const { t } = useTranslation();
  const me = useLoaderData<typeof loader>();
  const sections = [
    ["my-ideas", t("mine.ideas"), me.ideas],
    ["my-supports", t("mine.supports"), me.supported],
    ["my-follows", t("mine.follows"), me.followed],
  ] as const;
  return (
    <div className="page">
      <div className="page-head">
        <h1>{t("me.title")}</h1>
        <Link to="/me/settings">{t("mine.settings")}</Link>
      </div>
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
      {sections.map(([id, title, ideas]) => (
        <section key={id} aria-labelledby={id}>
          <h2 id={id}>{title}</h2>
          {ideas.length === 0 ? <p>{t("mine.none")}</p> : <IdeaCards ideas={ideas} locale={me.locale} />}
        </section>
      ))}
    </div>
  );
}
