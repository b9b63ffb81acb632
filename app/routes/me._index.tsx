import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/ui/translation";
import { requireActor } from "~/auth/actor.server";
import { myPosts } from "~/domain/deliberation/queries.server";
import { myCommittees } from "~/domain/committees/queries.server";
import { followedIdeas, myIdeas, supportedIdeas } from "~/domain/ideas/queries.server";
import { myReceipts } from "~/domain/receipts/queries.server";
import { StanceLabel } from "~/ui/discussion";
import { IdeaCards } from "~/ui/ideas";
import { MetaLine } from "~/ui/meta-line";
import { formatDate } from "~/utils/i18n";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = (args) => pageTitle(args, (t) => t("me.title"));

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request);
  const { db } = context.services;
  const [ideas, supported, followed, posts, committees, receipts] = await Promise.all([
    myIdeas(db, actor.id),
    supportedIdeas(db, actor),
    followedIdeas(db, actor),
    myPosts(db, actor),
    myCommittees(db, actor),
    myReceipts(db, actor.id),
  ]);
  return json({
    email: actor.email,
    displayName: actor.displayName,
    verified: actor.emailVerified,
    roles: actor.grants.map((g) => g.role),
    ideas,
    supported,
    followed,
    posts,
    committees,
    receipts,
    locale: context.locale,
  });
}

export default function Me() {
  const { t } = useTranslation();
  const me = useLoaderData<typeof loader>();
  // An idea is listed once: a support follows it, so the followed list holds the others.
  const sections = [
    ["my-ideas", t("mine.ideas"), null, me.ideas],
    ["my-supports", t("mine.supports"), t("mine.supportsHint"), me.supported],
    ["my-follows", t("mine.follows"), t("mine.followsHint"), me.followed],
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
        {me.committees.length ? (
          <>
            <dt>{t("committees.workspace.mine")}</dt>
            {me.committees.map((c) => (
              <dd key={c.id}>
                <Link to={`/committees/${c.slug}`}>{me.locale === "ko" ? c.name_ko : c.name_en}</Link> (
                {c.chair ? t("committees.workspace.chair") : t("committees.workspace.member")}) ·{" "}
                <Link to={`/committees/${c.slug}/workspace`}>{t("committees.workspace.title", { name: me.locale === "ko" ? c.name_ko : c.name_en })}</Link>
              </dd>
            ))}
          </>
        ) : null}
      </dl>
      <p>
        <Link to="/claim">{t("assisted.claimLink")}</Link>
      </p>
      {sections.map(([id, title, hint, ideas]) => (
        <section key={id} aria-labelledby={id}>
          <h2 id={id}>{title}</h2>
          {hint ? <p className="hint">{hint}</p> : null}
          {ideas.length === 0 ? <p>{t("mine.none")}</p> : <IdeaCards ideas={ideas} locale={me.locale} />}
        </section>
      ))}
      <section aria-labelledby="my-receipts">
        <h2 id="my-receipts">{t("receipts.mine.title")}</h2>
        <p className="hint">{t("receipts.mine.hint")}</p>
        {me.receipts.length === 0 ? (
          <p>{t("mine.none")}</p>
        ) : (
          <ul className="thread-list my-receipts">
            {me.receipts.map((r) => {
              const title = r.title ?? t("receipts.mine.hiddenIdea");
              return (
                <li key={r.ideaId}>
                  {r.published ? (
                    <a href={`/ideas/${r.ideaId}/receipt`} download>
                      {t("receipts.mine.download", { title })}
                    </a>
                  ) : (
                    <span>{title}</span>
                  )}
                  <MetaLine>
                    <time dateTime={r.supportedAt}>{formatDate(r.supportedAt, me.locale, true)}</time>
                    {r.published ? null : <span>{t("receipts.mine.pendingOn", { day: r.day })}</span>}
                  </MetaLine>
                </li>
              );
            })}
          </ul>
        )}
        <p>
          <Link to="/verify-receipt">{t("receipts.mine.verifyLink")}</Link>
        </p>
      </section>
      <section aria-labelledby="my-posts">
        <h2 id="my-posts">{t("mine.posts")}</h2>
        {me.posts.length === 0 ? (
          <p>{t("mine.none")}</p>
        ) : (
          <ul className="thread-list my-posts">
            {me.posts.map((p) => (
              <li key={p.id}>
                <Link to={p.href} className="thread-title">
                  {t(p.comment ? "mine.commentOn" : "mine.postIn", { title: p.where ?? t("moderation.hiddenIdeaTitle") })}
                </Link>
                <MetaLine>
                  <time dateTime={p.created_at}>{formatDate(p.created_at, me.locale, true)}</time>
                  <StanceLabel stance={p.stance} />
                  {p.hidden ? <span>{t("moderation.queue.hiddenByModerator")}</span> : null}
                </MetaLine>
                <p className="excerpt">{p.excerpt}</p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
