import { translator } from "~/utils/i18n";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/ui/translation";
import { discussionIntents } from "~/http/discussion.server";
import { threadById, threadPage, type ThreadPage } from "~/domain/deliberation/queries.server";
import { newestFirst } from "~/domain/deliberation/rules";
import { LockForm, LockNotice, NewPostForm, PostList, PostRefusalNote, RecommendationPanel, StanceTally, UnlockForm } from "~/ui/discussion";
import { ErrorSummary } from "~/ui/form";
import { GuestsPanel } from "~/ui/guests";
import { dispatchIntent } from "~/http/intents.server";
import { inviteGuest, withdrawGuest } from "~/domain/deliberation/guests.server";
import { StatusBadge } from "~/ui/ideas";
import { formatDate, formatNumber } from "~/utils/i18n";
import { cacheHeaders, idParam, idCursor, publicCache } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";
import { MetaLine } from "~/ui/meta-line";
import { chairsCommittee, sitsOnCommittee, staffRefusal } from "~/domain/accounts/permissions";

export const meta: MetaFunction<typeof loader> = (args) => pageTitle(args, () => args.data?.title);

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const id = idParam(params);
  const url = new URL(request.url);
  const cursor = idCursor(url, "cursor", 0);
  // The chair's invitation form: the agency whose officers it lists (decision 054).
  const agency = idCursor(url, "agency", 0);
  const page = await threadPage(context.services.db, id, context.actor, { cursor, agency });
  if (!page) throw new Response("Not found", { status: 404 });
  // The title of an idea hidden from this reader is not shown (ideaTitleFor): a notice is.
  const hidden = translator(context.locale)("moderation.hiddenIdeaTitle");
  if (page.thread.title === null) page.thread = { ...page.thread, title: hidden, idea_title: page.thread.idea_id !== null ? hidden : null };
  // The committee's vote and the recommendation form live on the idea's page: linked from here
  // for its members and chair while the idea is in deliberation.
  const { thread } = page;
  const deliberating = thread.kind === "committee" && thread.idea_id !== null && thread.committee_id !== null && thread.idea_status === "in_deliberation";
  const deliberation = {
    canRecord: deliberating && staffRefusal(context.actor, chairsCommittee(context.actor, thread.committee_id!)) === null,
    canVote: deliberating && staffRefusal(context.actor, sitsOnCommittee(context.actor, thread.committee_id!)) === null,
  };
  // The page's data is plain JSON already (dates as ISO strings); typed as such for the view.
  return json({ page: page as ThreadPage, cursor, title: page.thread.idea_title ?? page.thread.title, deliberation, locale: context.locale }, { headers: publicCache(context.actor) });
}

export const headers = cacheHeaders;

export async function action({ request, params, context }: ActionFunctionArgs) {
  const id = idParam(params);
  const { db } = context.services;
  const thread = await threadById(db, id);
  if (!thread) throw new Response("Not found", { status: 404 });
  const form = await request.formData();
  // An intent the page does not have is answered next to the new post's form.
  return dispatchIntent(
    form,
    {
      ...discussionIntents(db, context.actor, { threadId: id, newestFirst: newestFirst(thread.kind) }),
      // Guests in the deliberation (decision 054): the chair invites and withdraws.
      "guest:invite": { fields: ["kind", "agencyId", "officerId"], panel: (v) => `guest-${v.kind === "officer" ? "officer" : "author"}`, run: (v) => inviteGuest(db, context.actor, id, v) },
      "guest:withdraw": { fields: ["guestId"], panel: (v) => `withdraw-${v.guestId}`, run: (v) => withdrawGuest(db, context.actor, id, v) },
    },
    "new",
  );
}

export default function ThreadPageView() {
  const { t } = useTranslation();
  const data = useLoaderData() as { page: ThreadPage; cursor: number | null; title: string; deliberation: { canRecord: boolean; canVote: boolean }; locale: "ko" | "en" };
  const reply = useActionData<typeof action>();
  const { page, cursor, locale, deliberation } = data;
  const { thread } = page;
  const committee = thread.kind === "committee";
  const committeeName = locale === "ko" ? thread.committee_ko : thread.committee_en;
  const newest = newestFirst(thread.kind);
  // A visitor sees no form; a signed-in reader who may not post is told why.
  const postForm = page.mayPost ? (
    <section aria-labelledby="new-post-heading" className="panel">
      <h2 id="new-post-heading">{committee ? t("deliberation.newPost") : t("deliberation.comments.new")}</h2>
      {page.guests?.asGuest ? <p className="hint">{t("guests.postHint")}</p> : null}
      <NewPostForm
        label={committee ? t("deliberation.postLabel") : t("deliberation.comments.label")}
        submit={committee ? t("deliberation.postSubmit") : t("deliberation.comments.submit")}
        postCount={thread.post_count}
      />
    </section>
  ) : page.postRefusal ? (
    <PostRefusalNote refusal={page.postRefusal} committee={committee} />
  ) : null;
  return (
    <div className="page narrow-wide thread-page">
      <p>
        {committee && thread.committee_slug ? (
          <Link to={`/committees/${thread.committee_slug}`}>{committeeName}</Link>
        ) : thread.idea_id ? (
          <Link to={`/ideas/${thread.idea_id}`}>{thread.idea_title}</Link>
        ) : null}
      </p>
      <h1>{committee ? thread.title : t("deliberation.comments.on", { title: thread.idea_title ?? thread.title })}</h1>
      <MetaLine>
        <span>{committee ? t("deliberation.committeeThread", { committee: committeeName }) : t("deliberation.commentThread")}</span>
        <span>{t("deliberation.postCount", { count: thread.post_count, formatted: formatNumber(thread.post_count, locale) })}</span>
        <span>{t("deliberation.openedOn", { date: formatDate(thread.created_at, locale) })}</span>
      </MetaLine>
      {committee && thread.idea_id ? (
        <p className="notice deliberation-of">
          {t("deliberation.deliberationOf")} <Link to={`/ideas/${thread.idea_id}`}>{thread.idea_title}</Link>{" "}
          {thread.idea_status ? <StatusBadge status={thread.idea_status} /> : null}
        </p>
      ) : null}
      {deliberation.canVote ? (
        <p className="actions">
          <Link to={`/ideas/${thread.idea_id}#committee-vote`}>{t("committees.thread.vote")}</Link>
          {deliberation.canRecord ? (
            <Link to={`/ideas/${thread.idea_id}#staff-heading`} className="button secondary">
              {t("committees.thread.record")}
            </Link>
          ) : null}
        </p>
      ) : null}
      {page.recommendation ? <RecommendationPanel recommendation={page.recommendation} /> : null}
      {page.guests ? <GuestsPanel guests={page.guests} /> : null}
      <StanceTally tally={page.tally} />
      {thread.locked_at ? <LockNotice lockedAt={thread.locked_at} reason={thread.lock_reason} by={thread.locked_by_name} /> : null}
      {page.canUnlock ? <UnlockForm /> : null}
      <ErrorSummary errors={reply?.errors} />
      {page.lastReadAt ? (
        <p className="hint">{t("deliberation.lastVisit", { date: formatDate(page.lastReadAt, locale, true) })}</p>
      ) : null}
      {newest ? postForm : null}
      <section aria-labelledby="posts-heading">
        <h2 id="posts-heading">{committee ? t("deliberation.posts") : t("deliberation.comments.title")}</h2>
        {page.posts.length === 0 ? (
          <p>{cursor !== null ? t("deliberation.noMorePosts") : t("deliberation.noPosts")}</p>
        ) : (
          <PostList posts={page.posts} postCount={thread.post_count} label={t("deliberation.posts")} />
        )}
        <nav className="actions" aria-label={t("deliberation.pages")}>
          {cursor !== null ? <Link to={`/threads/${thread.id}`}>{t("deliberation.firstPage")}</Link> : null}
          {page.nextCursor !== null ? (
            <Link to={`/threads/${thread.id}?cursor=${page.nextCursor}`} rel="next" className="button secondary">
              {newest ? t("deliberation.olderPosts") : t("deliberation.newerPosts")}
            </Link>
          ) : null}
        </nav>
      </section>
      {newest ? null : postForm}
      {page.canLock ? <LockForm /> : null}
    </div>
  );
}
