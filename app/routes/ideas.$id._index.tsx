import type { ActionFunctionArgs, AppLoadContext, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import type { ShouldRevalidateFunction } from "@remix-run/react";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useLocation, useRevalidator } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useMessagesAhead, useTranslation } from "~/ui/translation";
import { discussionIntents } from "~/http/discussion.server";
import { IdeaDiscussion } from "~/ui/discussion";
import { committeeVoteIntents } from "~/http/committee-votes.server";
import { CommitteeVotePanel } from "~/ui/committees";
import { DigestBlock } from "~/ui/digest";
import { supportLimits } from "~/domain/moderation/integrity.server";
import { approveIdea, mergeIdea, rejectIdea } from "~/domain/moderation/ideas.server";
import { FlagLink, HiddenNotice, IdeaModerationPanel, rulesHref, ScreeningNotice } from "~/ui/moderation";
import { setFollow, withdrawIdea } from "~/domain/ideas/ideas.server";
import { ideaPage } from "~/domain/ideas/page.server";
import { supportIdea, withdrawSupport } from "~/domain/ideas/supports.server";
import { extendDeadline, postInterimReply, reviseAnswer, saveDraft } from "~/domain/agencies/answers.server";
import { AgencyRecordBlock, AgencyWorkForms } from "~/ui/agency";
import { REPLY_FIELDS } from "~/domain/agencies/question-replies";
import { proposeTransfer, acceptTransfer, declineTransfer } from "~/domain/agencies/transfers.server";
import { addStaffNote } from "~/domain/agencies/staff-notes.server";
import { rateAnswer } from "~/domain/agencies/follow-through.server";
import { FollowThroughPanel, ObligationsBlock, StaffNotesPanel, TransferForms } from "~/ui/transfers";
import { answerIdea, assignOfficer, postProgress, reassign, recordRecommendation, takeUp } from "~/domain/workflow/workflow.server";
import { AnswerBlock, DeadlineNotice, RecommendationBlock, StaffActions, StepIndicator } from "~/ui/workflow";
import { ErrorSummary, PageForm, useFormBusy } from "~/ui/form";
import { StatusBadge, SupportProgress, TimeLeft, Timeline } from "~/ui/ideas";
import { CallRulesNote } from "~/ui/eligibility";
import { answeredBySupport, SupportForm, useSupport, type SupportAnswer } from "~/ui/support";
import { useLiveCount } from "~/ui/live-count";
import { idParam, cacheHeaders, publicCache } from "~/utils/http.server";
import { formatDate, formatNumber } from "~/utils/i18n";
import type { FieldErrors, Result } from "~/utils/result";
import { dispatchIntent, type Intent, type IntentMap, type IntentReply, type Values } from "~/http/intents.server";
import { metaDescription, pageTitle } from "~/utils/meta";
import { MetaLine } from "~/ui/meta-line";
import { shownName } from "~/ui/person";
import { PaperRecordView, ProvenanceNote, SupportCounts } from "~/ui/assisted";
import { WITHDRAW_NOTE_MAX } from "~/domain/ideas/limits";
import { maxLengthFor } from "~/utils/text";

export const meta: MetaFunction<typeof loader> = (args) =>
  pageTitle(
    args,
    (t) => (!args.data ? null : args.data.moderation.hiddenForReader ? t("moderation.hidden.title") : args.data.idea.title),
    // The idea's own words (not when hidden from this reader): the start of its text.
    metaDescription(args.data && !args.data.moderation.hiddenForReader ? args.data.idea.excerpt : null),
  );

export async function loader({ params, context }: LoaderFunctionArgs) {
  const id = idParam(params);
  const page = await ideaPage(context.services.db, id, context.actor, context.locale);
  if (!page) throw new Response("Not found", { status: 404 });
  return json({ ...page, url: `${context.siteUrl}/ideas/${id}`, locale: context.locale }, { headers: publicCache(context.actor) });
}

export const headers = cacheHeaders;

// A support answered with its new count needs no reload of the page (app/ui/support.tsx).
export const shouldRevalidate: ShouldRevalidateFunction = (args) => !answeredBySupport(args) && args.defaultShouldRevalidate;

const STAFF_FIELDS = ["expectedStatus", "decision", "agencyId", "rationale", "dissentNote", "officerId", "outcome", "answer", "followUpDate", "percent", "note", "targetId", "reason", "days", "body", "rating", "comment", ...REPLY_FIELDS];
/** The panels that show their own forms' errors (the page's top shows the rest: its own forms', the discussion's). */
const PANELS_WITH_ERRORS = ["staff", "agency", "own"];
/** The moderator's moves, shown in their own panel rather than with the fast track's. */
const MODERATION_ACTIONS = ["approve", "reject", "merge"];

/** Where a refused intent's errors show: the top of the page, or the panel whose form was sent. */
type Panel = "page" | "moderation" | "staff" | "agency" | "own";

/**
 * The page's own intents (issue 13): each names the fields it reads, the panel that shows its
 * errors, and the use case it calls. The action adds the discussion's and the committee vote's
 * intents, from their own modules (app/http).
 */
function ideaIntents(context: AppLoadContext, id: number): IntentMap<{ support: SupportAnswer }> {
  const { db, limiters } = context.services;
  const { actor } = context;
  const fields = ["intent", ...STAFF_FIELDS];
  const on = (panel: Panel, run: (values: Values) => Promise<Result<object>>): Intent<{ support: SupportAnswer }> => ({ fields, panel: () => panel, run });
  // A support answers with its new count: the page shows it without reloading (app/ui/support.tsx).
  const answered = (intent: string) => (_values: Values, result: object) => {
    const r = result as { supportCount: number; supported: boolean; reachedThreshold: boolean };
    return { done: intent, support: { count: r.supportCount, supported: r.supported, reachedThreshold: r.reachedThreshold } };
  };
  return {
    // Supporting is rate-limited per account and per address before anything else (in the
    // support's own statement when it can be: decision 080).
    support: {
      ...on("page", () => supportIdea(db, actor, id, new Date(), context.clientIp, actor ? supportLimits(limiters, actor.id, context.clientIp) : undefined)),
      done: answered("support"),
    },
    unsupport: { ...on("page", () => withdrawSupport(db, actor, id)), done: answered("unsupport") },
    follow: on("page", () => setFollow(db, actor, id, true)),
    unfollow: on("page", () => setFollow(db, actor, id, false)),
    withdraw: on("page", (v) => withdrawIdea(db, actor, id, { note: v.note })),
    approve: on("moderation", (v) => approveIdea(db, actor, id, v)),
    reject: on("moderation", (v) => rejectIdea(db, actor, id, v)),
    merge: on("moderation", (v) => mergeIdea(db, actor, id, v)),
    takeUp: on("staff", (v) => takeUp(db, actor, id, v)),
    recommend: on("staff", (v) => recordRecommendation(db, actor, id, v)),
    assign: on("staff", (v) => assignOfficer(db, actor, id, v)),
    draft: on("staff", (v) => saveDraft(db, actor, id, v)),
    answer: on("staff", (v) => answerIdea(db, actor, id, v)),
    progress: on("staff", (v) => postProgress(db, actor, id, v)),
    reassignCommittee: on("staff", (v) => reassign(db, actor, id, "committee", v)),
    reassignAgency: on("staff", (v) => reassign(db, actor, id, "agency", v)),
    // The step the form was shown for: the status the officer saw says which (decision 055).
    extend: on("agency", (v) => extendDeadline(db, actor, id, stepOfStatus(v.expectedStatus), v)),
    interim: on("agency", (v) => postInterimReply(db, actor, id, v)),
    revise: on("agency", (v) => reviseAnswer(db, actor, id, v)),
    // Transfers, staff notes and citizens' ratings (app/ui/transfers.tsx): each panel shows its own.
    transferPropose: on("own", (v) => proposeTransfer(db, actor, id, v)),
    transferAccept: on("own", () => acceptTransfer(db, actor, id)),
    transferDecline: on("own", (v) => declineTransfer(db, actor, id, v)),
    staffNote: on("own", (v) => addStaffNote(db, actor, id, v)),
    rate: on("own", (v) => rateAnswer(db, actor, id, v)),
  };
}

function stepOfStatus(status: string): "committee" | "agency" | "follow_up" {
  if (status === "under_review") return "agency";
  return status === "answered" || status === "implementing" ? "follow_up" : "committee";
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const id = idParam(params);
  const { db } = context.services;
  const { actor } = context;
  const form = await request.formData();
  // The discussion's and the committee vote's intents come from their own modules (app/http).
  return dispatchIntent(form, { ...discussionIntents(db, actor, { ideaId: id }), ...committeeVoteIntents(db, actor, id), ...ideaIntents(context, id) });
}

/**
 * What the support panel may show under the button once its answer comes, without a reload: the
 * note on following, or the follow button (the button's own texts: SupportForm).
 */
const SUPPORT_ANSWER_MESSAGES = [
  "ideas.supportFollows",
  "ideas.regionReminder",
  "ideas.regionReminderLink",
  "ideas.follow",
  "ideas.unfollow",
  "ideas.following",
];

/** What the author of an idea that closed below its threshold can still do. */
function ExpiredAdvice({ title }: { title: string }) {
  const { t } = useTranslation();
  return (
    <section className="notice expired-advice" aria-labelledby="expired-heading">
      <h2 id="expired-heading">{t("ideas.expired.title")}</h2>
      <p>{t("ideas.expired.intro")}</p>
      <ul>
        <li>
          {t("ideas.expired.again")} <Link to="/campaigns">{t("ideas.expired.againLink")}</Link>
        </li>
        <li>
          {t("ideas.expired.similar")} <Link to={`/ideas?${new URLSearchParams({ q: title, status: "open" })}`}>{t("ideas.expired.similarLink")}</Link>
        </li>
      </ul>
    </section>
  );
}

export default function IdeaPage() {
  const { t } = useTranslation();
  const { idea, events, regions, supports, follows, hasHomeRegion, url, locale, can, workflow, actions, canAssign, deadline, choices, moderation, isAuthor, agency, extensionMaxDays, extension, vote, digest, provenance, paper } =
    useLoaderData<typeof loader>();
  const { discussion, transfers, pendingTransfer, canReply, followUps, followUpOwed, notes, rating, canRate, ratingSettings, transferReplyDays, receipt, openQuestions, answerReplies } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>() as IntentReply<{ support: SupportAnswer }> | undefined;
  // Which panel shows the errors: the page's own intents name it; the discussion's and the votes' forms have theirs.
  const errorsIn = reply?.errors ? reply.form : undefined;
  const busy = useFormBusy();
  // While it is open, the count follows others' supports without a reload (app/ui/live-count.ts);
  // a reading that shows the idea moved on (fast-tracked, closed) reloads the page's data.
  const live = useLiveCount(idea.id, idea.support_count, can.support);
  const support = useSupport(idea.support_count, supports, live);
  useMessagesAhead(SUPPORT_ANSWER_MESSAGES);
  const { revalidate } = useRevalidator();
  const reloadedFor = useRef<number | null>(null);
  useEffect(() => {
    // Once per reading: a cached reading older than the page must not reload it again and again.
    if (!live || live.status === idea.status || reloadedFor.current === live.at) return;
    reloadedFor.current = live.at;
    revalidate();
  }, [live, idea.status, revalidate]);
  const location = useLocation();
  const ko = locale === "ko";
  const maxRegion = Math.max(1, ...regions.map((r) => r.supports));
  const loginHref = `/login?next=${encodeURIComponent(location.pathname)}`;
  return (
    <article className="page">
      <p>
        <Link to="/ideas">{t("ideas.listTitle")}</Link>
      </p>
      <header>
        <p>
          <StatusBadge status={idea.status} />
        </p>
        <h1>{moderation.hiddenForReader ? t("moderation.hidden.title") : idea.title}</h1>
        <StepIndicator status={idea.status} />
        <DeadlineNotice deadline={deadline} locale={locale} />
        <MetaLine>
          <span>{t("ideas.byAuthor", { name: provenance.awaitingClaim ? t("assisted.provenance.citizen") : shownName(idea.author_name, t) })}</span>
          <span>
            {t("ideas.submittedOn", { date: formatDate(idea.created_at, locale) })}
            {idea.edited_at ? ` (${t("ideas.editedOn", { date: formatDate(idea.edited_at, locale) })})` : null}
          </span>
          <span>{ko ? idea.category_ko : idea.category_en}</span>
          <span>{(ko ? idea.region_ko : idea.region_en) ?? t("ideas.nationwide")}</span>
          {idea.campaign_slug ? (
            <Link to={`/campaigns/${idea.campaign_slug}`}>{ko ? idea.campaign_ko : idea.campaign_en}</Link>
          ) : null}
        </MetaLine>
        <ProvenanceNote provenance={provenance} locale={locale} />
      </header>
      {location.search.includes("created=1") ? (
        <p className="notice success" role="status">
          {t("ideas.created")}
        </p>
      ) : null}
      {location.search.includes("claimed=1") ? (
        <p className="notice success" role="status">
          {t("assisted.claimed")}
        </p>
      ) : null}
      {reply?.done === "withdraw" ? (
        <p className="notice success" role="status">
          {t("ideas.withdrawn")}
        </p>
      ) : null}
      {reply?.done && reply.done !== "withdraw" && !["support", "unsupport", "follow", "unfollow"].includes(reply.done) ? (
        <p className="notice success" role="status">
          {t("workflow.saved")}
        </p>
      ) : null}
      {/* Errors show here unless a panel shows them: the staff's, the agency's, the transfers', notes' and ratings' ("own"), the vote's, and the moderator's while it is there. */}
      {!errorsIn || !(PANELS_WITH_ERRORS.includes(errorsIn) || errorsIn.startsWith("committee:") || (errorsIn === "moderation" && actions.some((a) => MODERATION_ACTIONS.includes(a)))) ? (
        <ErrorSummary errors={reply?.errors} />
      ) : null}
      {moderation.mergedInto ? (
        <p className="notice merged-notice" role="note">
          {t("moderation.merged.notice")} <Link to={`/ideas/${moderation.mergedInto.id}`}>{moderation.mergedInto.title}</Link>
        </p>
      ) : null}
      {idea.status === "pending" ? <ScreeningNotice screening={moderation.screening} /> : null}
      {moderation.rejection ? (
        <section className="notice error" aria-labelledby="rejected-heading">
          <h2 id="rejected-heading">{t("moderation.rejected.title")}</h2>
          <p>{moderation.rejection.reason}</p>
          <p>
            <Link to={rulesHref(moderation.hidden?.reason)}>{t("appeals.rulesLink")}</Link>
            {isAuthor ? (
              <>
                {" · "}
                <Link to={`/appeal?type=idea&id=${idea.id}`}>{t("appeals.link")}</Link>
              </>
            ) : null}
          </p>
        </section>
      ) : null}
      {moderation.hidden ? <HiddenNotice hidden={moderation.hidden} insider={!moderation.hiddenForReader} /> : null}
      {idea.status === "expired" && isAuthor ? <ExpiredAdvice title={idea.title} /> : null}
      <div className="idea-layout">
        <div>
          {/* body_html was sanitized when the idea was written (app/utils/markdown.server.ts). */}
          {moderation.hiddenForReader ? null : <div className="idea-body" dangerouslySetInnerHTML={{ __html: idea.body_html }} />}
          {moderation.showFlagLink ? (
            <p className="flag-line">
              <FlagLink type="idea" id={idea.id} />
            </p>
          ) : moderation.flagged ? (
            <p className="hint">{t("moderation.flag.alreadyIdea")}</p>
          ) : null}
          {workflow.recommendation ? <RecommendationBlock recommendation={workflow.recommendation} locale={locale} /> : null}
          {digest ? <DigestBlock ideaId={idea.id} view={digest} locale={locale} replies={{ answered: agency.versions.length > 0, list: answerReplies }} /> : null}
          {vote && !workflow.recommendation ? (
            <CommitteeVotePanel
              vote={vote}
              reply={reply as { errors?: FieldErrors; values?: Record<string, string>; form?: string } | undefined}
              done={new URLSearchParams(location.search).get("vote")}
              busy={busy}
              locale={locale}
            />
          ) : null}
          <SupportCounts online={idea.support_count} provenance={provenance} unidentified={paper.unidentified} identified={paper.identified} />
          {paper.batches.length > 0 || paper.inPerson.length > 0 ? <PaperRecordView record={paper} locale={locale} /> : null}
          <AnswerBlock holder={workflow.holder} progress={workflow.progress} locale={locale} />
          <AgencyRecordBlock record={agency} locale={locale} />
          <ObligationsBlock transfers={transfers} followUps={followUps} replyDays={transferReplyDays} locale={locale} />
          {rating ? (
            <FollowThroughPanel
              data={rating}
              canRate={canRate}
              settings={ratingSettings}
              errors={reply?.errors}
              values={reply?.values}
              busy={busy}
              locale={locale}
            />
          ) : null}
          <section aria-labelledby="timeline-heading">
            <h2 id="timeline-heading">{t("ideas.timeline")}</h2>
            <Timeline events={events} locale={locale} />
          </section>
          <IdeaDiscussion discussion={discussion} />
        </div>
        <aside>
          <IdeaModerationPanel actions={actions} status={idea.status} errors={errorsIn === "moderation" ? reply?.errors : undefined} values={reply?.values} busy={busy} />
          {provenance.paperDesk ? (
            <p>
              <Link to={`/desk/ideas/${idea.id}${provenance.event ? `?event=${provenance.event.id}` : ""}`}>{t("assisted.paperTitle")}</Link>
            </p>
          ) : null}
          <StaffActions
            actions={actions.filter((a) => !MODERATION_ACTIONS.includes(a))}
            status={idea.status}
            canAssign={canAssign}
            assignedOfficerId={workflow.holder.assigned_officer_id}
            choices={choices}
            errors={errorsIn === "staff" ? reply?.errors : undefined}
            values={reply?.values}
            busy={busy}
            locale={locale}
            draft={agency.draft}
            questions={openQuestions}
            digest={digest ? { written: digest.digest !== null, href: digest.digest ? "#digest" : `/ideas/${idea.id}/digest` } : undefined}
          />
          <TransferForms
            canPropose={actions.includes("proposeTransfer")}
            pending={pendingTransfer}
            canReply={canReply}
            agencies={choices.agencies}
            currentAgencyId={workflow.holder.agency_id}
            errors={reply?.errors}
            values={reply?.values}
            busy={busy}
            locale={locale}
          />
          <AgencyWorkForms
            followUpDue={followUpOwed}
            locale={locale}
            actions={actions}
            status={idea.status}
            record={agency}
            currentAnswer={agency.currentAnswer}
            maxDays={extensionMaxDays}
            extension={extension}
            questions={openQuestions}
            currentReplies={answerReplies}
            errors={errorsIn === "agency" ? reply?.errors : undefined}
            values={reply?.values}
            busy={busy}
          />
          <StaffNotesPanel notes={notes} errors={reply?.errors} values={reply?.values} busy={busy} locale={locale} />
          {workflow.holder.committee_id ? (
            <section className="panel">
              <p>
                {t("workflow.committee")}:{" "}
                <Link to={`/committees/${workflow.holder.committee_slug}`}>{ko ? workflow.holder.committee_ko : workflow.holder.committee_en}</Link>
              </p>
              {workflow.holder.agency_id ? (
                <p>
                  {t("workflow.agency")}:{" "}
                  <Link to={`/agencies/${workflow.holder.agency_slug}`}>{ko ? workflow.holder.agency_ko : workflow.holder.agency_en}</Link>
                  {workflow.holder.officer_name ? ` (${workflow.holder.officer_name})` : null}
                </p>
              ) : null}
            </section>
          ) : null}
          <section className="panel" aria-labelledby="support-heading">
            <h2 id="support-heading" className="visually-hidden">
              {t("ideas.progressLabel")}
            </h2>
            <SupportProgress
              count={idea.threshold_counts_verified ? idea.verified_support_count : support.count}
              threshold={idea.support_threshold}
              locale={locale}
              id="idea-progress"
            />
            {/* Verified supports beside all supports (decision 049). */}
            <p className="hint">
              {idea.threshold_counts_verified
                ? t("verification.supports.ofAll", { count: support.count })
                : t("verification.supports.verified", { count: idea.verified_support_count })}
            </p>
            {idea.campaign_slug ? (
              <CallRulesNote
                signedIn={can.participate !== "signin"}
                rules={{
                  level: idea.campaign_support_level ?? 1,
                  regionName: (ko ? idea.call_region_ko : idea.call_region_en) ?? null,
                  minAge: idea.campaign_min_age,
                  countsVerified: idea.threshold_counts_verified,
                }}
              />
            ) : null}
            <p>
              <TimeLeft endsAt={idea.support_ends_at} status={idea.status} />
            </p>
            {idea.threshold_reached_at ? <p>{t("ideas.thresholdReached")}</p> : null}
            {idea.status === "open" && moderation.hidden ? <p className="hint">{t("ideas.errors.hiddenNoSupport")}</p> : null}
            {can.support ? (
              can.participate === "signin" ? (
                <Link to={loginHref} className="button big-button">
                  {t("ideas.signInToSupport")}
                </Link>
              ) : can.participate ? (
                <p>{can.participate === "suspended" ? t("errors.suspended") : t("ideas.verifyToSupport")}</p>
              ) : (
                <SupportForm support={support} />
              )
            ) : null}
            {/* An idea hidden from this reader cannot be followed (it answers as a missing one). */}
            {can.participate || moderation.hiddenForReader ? null : support.supported ? (
              // A support follows the idea (its news reaches supporters): no separate button.
              <>
                <p className="hint">{t("ideas.supportFollows")}</p>
                {receipt ? (
                  <p className="hint">
                    {receipt.published ? (
                      <a href={`/ideas/${idea.id}/receipt`} download>
                        {t("receipts.ideaPage.download")}
                      </a>
                    ) : (
                      t("receipts.ideaPage.pending", { day: receipt.day })
                    )}
                  </p>
                ) : null}
                {hasHomeRegion ? null : (
                  <p className="hint region-reminder">
                    {t("ideas.regionReminder")} <Link to="/me/settings">{t("ideas.regionReminderLink")}</Link>
                  </p>
                )}
              </>
            ) : (
              <PageForm replace className="actions">
                {follows ? <span>{t("ideas.following")}</span> : null}
                <button type="submit" name="intent" value={follows ? "unfollow" : "follow"} className="secondary small" disabled={busy}>
                  {follows ? t("ideas.unfollow") : t("ideas.follow")}
                </button>
              </PageForm>
            )}
          </section>
          <section className="panel" aria-labelledby="share-heading">
            <h2 id="share-heading">{t("ideas.share")}</h2>
            <label htmlFor="share-url" className="visually-hidden">
              {t("ideas.share")}
            </label>
            <input id="share-url" className="share-link" readOnly value={url} />
          </section>
          {regions.length > 0 ? (
            <section className="panel" aria-labelledby="regions-heading">
              <h2 id="regions-heading">{t("ideas.regionsTitle")}</h2>
              <p className="hint">{t("ideas.regionsIntro")}</p>
              <ul className="bar-list">
                {regions.map((r) => (
                  <li key={r.region_id}>
                    <span>{(ko ? r.name_ko : r.name_en) ?? t("ideas.regionUnknown")}</span>
                    <span className="bar" style={{ width: `${(100 * r.supports) / maxRegion}%` }} aria-hidden="true" />
                    <span>{formatNumber(r.supports, locale)}</span>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          {can.edit || can.withdraw ? (
            <section className="panel">
              {can.edit ? (
                <p>
                  <Link to={`/ideas/${idea.id}/edit`}>{t("ideas.edit")}</Link>
                </p>
              ) : null}
              {can.withdraw ? (
                <details>
                  <summary>{t("ideas.withdraw")}</summary>
                  <PageForm>
                    <input type="hidden" name="intent" value="withdraw" />
                    <label htmlFor="withdraw-note">{t("ideas.withdrawNote")}</label>
                    <textarea id="withdraw-note" name="note" rows={3} maxLength={maxLengthFor(WITHDRAW_NOTE_MAX)} style={{ minHeight: "4rem", width: "100%" }} />
                    <button type="submit" className="secondary" disabled={busy}>
                      {t("ideas.withdrawConfirm")}
                    </button>
                  </PageForm>
                </details>
              ) : null}
            </section>
          ) : null}
        </aside>
      </div>
    </article>
  );
}
