// The discussion engine's pieces: stance tally, recommendation, nested posts with their edit and
// remove forms and the page's one reply form, the new-post and lock forms; and the self-contained
// comments section and deliberation link of an idea's page. Every form is a plain POST with an
// intent, so all of it works without JavaScript; every control has a label.
import { Link, useActionData, useLocation } from "@remix-run/react";
import { createContext, useContext, useEffect, useRef, useState, type MouseEvent } from "react";
import { useTranslation } from "~/ui/translation";
import type { DiscussionReply } from "~/http/discussion.server";
import type { DiscussionRefusal } from "~/domain/deliberation/permissions";
import type { IdeaDiscussion as IdeaDiscussionData, PostView } from "~/domain/deliberation/queries.server";
import type { Tally, TreeNode } from "~/domain/deliberation/rules";
import { POST_MAX, REASON_MAX, REASON_MIN, STANCES } from "~/domain/deliberation/limits";
import { FormErrors, TextAreaField, useMessage, PageForm, useFormBusy } from "~/ui/form";
import { FlagLink, HiddenNotice } from "~/ui/moderation";
import { formatDate, formatNumber, isLocale, type Locale } from "~/utils/i18n";
import type { RecommendationView } from "~/domain/workflow/queries.server";
import { MetaLine } from "./meta-line";
import { ServerKept } from "./static-island";
import { shownName } from "./person";
import type { TFunction } from "i18next";
import type { GuestKind } from "../../db/schema";
import { maxLengthFor } from "~/utils/text";
import { parseId } from "~/utils/ids";

function useLocale(): Locale {
  const { i18n } = useTranslation();
  return isLocale(i18n.language) ? i18n.language : "ko";
}

/** The reply of the last discussion form sent, when it was refused. */
function useDiscussionReply(): DiscussionReply | undefined {
  const reply = useActionData() as DiscussionReply | undefined;
  return reply?.form ? reply : undefined;
}

/**
 * The form sends the page's address along, so that the answer comes back to the same page
 * (without the open reply form's `?reply=`: a post sent closes it).
 */
function BackField() {
  const location = useLocation();
  return <input type="hidden" name="back" value={location.pathname + searchWithout(location.search, REPLY_PARAM)} />;
}

/** A query string without one parameter, "?…" or "". */
function searchWithout(search: string, name: string): string {
  if (!search.includes(name)) return search;
  const params = new URLSearchParams(search);
  params.delete(name);
  const query = params.toString();
  return query ? `?${query}` : "";
}

export function StanceLabel({ stance }: { stance: string }) {
  const { t } = useTranslation();
  return <span className={`stance stance-${stance}`}>{t(`deliberation.stance.${stance}`)}</span>;
}

export function StanceTally({ tally, headingId = "tally-heading" }: { tally: Tally; headingId?: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <section className="tally" aria-labelledby={headingId}>
      <h2 id={headingId}>{t("deliberation.tallyTitle")}</h2>
      <p className="hint">{t("deliberation.tallyHint")}</p>
      <dl className="tally-list">
        {STANCES.map((stance) => (
          <div key={stance} className={`tally-item stance-${stance}`}>
            <dt>{t(`deliberation.stance.${stance}`)}</dt>
            <dd>{formatNumber(tally[stance], locale)}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

export function RecommendationPanel({ recommendation: r }: { recommendation: RecommendationView }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const agency = (locale === "ko" ? r.agency_ko : r.agency_en) ?? r.agency_ko ?? "";
  return (
    <section className="panel recommendation" aria-labelledby="recommendation-heading">
      <h2 id="recommendation-heading">{t("deliberation.recommendation.title")}</h2>
      <p className="recommendation-decision">
        <strong>
          {r.decision === "forward"
            ? t("deliberation.recommendation.forward", { agency })
            : t("deliberation.recommendation.notRecommended")}
        </strong>
      </p>
      <MetaLine>
        {t("deliberation.recommendation.recorded", { name: r.recorded_by_name, date: formatDate(r.created_at, locale, true) })}
      </MetaLine>
      {/* rationale_html was sanitized when it was recorded (app/utils/markdown.server.ts). */}
      <div className="idea-body" dangerouslySetInnerHTML={{ __html: r.rationale_html }} />
      <p>
        {t("deliberation.recommendation.tally", {
          for: formatNumber(r.stance_for, locale),
          against: formatNumber(r.stance_against, locale),
          neutral: formatNumber(r.stance_neutral, locale),
        })}
      </p>
    </section>
  );
}

/** The text area and stance choice of a post form. */
function PostFields({
  formKey,
  label,
  errors,
  values,
  defaultStance = "neutral",
}: {
  formKey: string;
  label: string;
  errors?: DiscussionReply["errors"];
  values?: Record<string, string>;
  defaultStance?: string;
}) {
  const { t } = useTranslation();
  const render = useMessage();
  const stanceErrors = errors?.stance ?? [];
  const chosen = values?.stance || defaultStance;
  return (
    <>
      <FormErrors messages={[...(errors?._form ?? []), ...(errors?.replyTo ?? [])]} />
      <TextAreaField
        id={`${formKey}-body`}
        name="body"
        label={label}
        hint={t("deliberation.markdownHint", { max: formatNumber(POST_MAX, "en") })}
        required
        rows={5}
        maxLength={maxLengthFor(POST_MAX)}
        defaultValue={values?.body}
        errors={errors?.body}
      />
      <fieldset className={stanceErrors.length ? "field stance-field has-error" : "field stance-field"}>
        <legend>{t("deliberation.stanceLegend")}</legend>
        {stanceErrors.length ? (
          <ul className="field-errors">
            {stanceErrors.map((m) => (
              <li key={m.key}>{render(m)}</li>
            ))}
          </ul>
        ) : null}
        {STANCES.map((stance) => (
          <label key={stance} className="choice">
            <input type="radio" name="stance" value={stance} defaultChecked={chosen === stance} /> {t(`deliberation.stance.${stance}`)}
          </label>
        ))}
      </fieldset>
    </>
  );
}

/** Why someone cannot post here, in words (nothing for a visitor on a committee thread). */
export function PostRefusalNote({ refusal, committee }: { refusal: DiscussionRefusal; committee: boolean }) {
  const { t } = useTranslation();
  const location = useLocation();
  if (refusal === "locked") return null;
  if (refusal === "closed") return <p className="hint">{t("deliberation.errors.commentsClosed")}</p>;
  if (refusal === "guestClosed") return <p className="hint">{t("guests.errors.closed")}</p>;
  if (committee) return <p className="hint">{t("deliberation.membersOnly")}</p>;
  if (refusal === "signin") {
    return (
      <p>
        <Link to={`/login?next=${encodeURIComponent(location.pathname)}`}>{t("deliberation.signInToComment")}</Link>
      </p>
    );
  }
  return <p className="hint">{refusal === "suspended" ? t("errors.suspended") : t("deliberation.verifyToComment")}</p>;
}

/** The form for a new top-level post or comment. */
export function NewPostForm({ label, submit, postCount }: { label: string; submit: string; postCount: number }) {
  const reply = useDiscussionReply();
  const busy = useFormBusy();
  const mine = reply?.form === "new" ? reply : undefined;
  return (
    <PageForm className="post-form" key={`new-${postCount}`} preventScrollReset noValidate>
      <input type="hidden" name="intent" value="discussion:post" />
      <BackField />
      <PostFields formKey="new" label={label} errors={mine?.errors} values={mine?.values} />
      <button type="submit" disabled={busy}>
        {submit}
      </button>
    </PageForm>
  );
}

export function LockForm() {
  const { t } = useTranslation();
  const reply = useDiscussionReply();
  const mine = reply?.form === "lock" ? reply : undefined;
  const busy = useFormBusy();
  return (
    <details className="lock-form" open={mine ? true : undefined}>
      <summary>{t("deliberation.lock.open")}</summary>
      <PageForm preventScrollReset noValidate>
        <input type="hidden" name="intent" value="discussion:lock" />
        <BackField />
        <FormErrors messages={mine?.errors?._form ?? []} />
        <TextAreaField
          id="lock-reason"
          name="reason"
          label={t("deliberation.lock.reason")}
          hint={t("deliberation.lock.hint", { min: REASON_MIN, max: REASON_MAX })}
          required
          rows={2}
          maxLength={maxLengthFor(REASON_MAX)}
          defaultValue={mine?.values?.reason}
          errors={mine?.errors?.reason}
        />
        <button type="submit" className="secondary" disabled={busy}>
          {t("deliberation.lock.submit")}
        </button>
      </PageForm>
    </details>
  );
}

/** The chair's (or moderator's) button to open a locked thread again. */
export function UnlockForm() {
  const { t } = useTranslation();
  const reply = useDiscussionReply();
  const busy = useFormBusy();
  return (
    <PageForm className="unlock-form" preventScrollReset>
      <input type="hidden" name="intent" value="discussion:unlock" />
      <BackField />
      <FormErrors messages={reply?.form === "unlock" ? (reply.errors?._form ?? []) : []} />
      <p className="hint" id="unlock-hint">
        {t("deliberation.unlock.hint")}
      </p>
      <button type="submit" className="secondary" disabled={busy} aria-describedby="unlock-hint">
        {t("deliberation.unlock.submit")}
      </button>
    </PageForm>
  );
}

export function LockNotice({ lockedAt, reason, by }: { lockedAt: string; reason: string | null; by?: string | null }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <div className="notice locked-notice" role="note">
      <p>
        <strong>{t("deliberation.locked")}</strong>{" "}
        {by
          ? t("deliberation.lockedBy", { name: by, date: formatDate(lockedAt, locale, true) })
          : t("deliberation.lockedOn", { date: formatDate(lockedAt, locale, true) })}
      </p>
      {reason ? <p>{t("deliberation.lockReason", { reason })}</p> : null}
    </div>
  );
}

/** A guest's post (decision 054): "Guest: the idea's author" / "Guest: officer of …", in the reader's language. */
export function guestLabel(guest: { kind: GuestKind; agency_ko: string | null; agency_en: string | null }, locale: Locale, t: TFunction): string {
  if (guest.kind === "author") return t("guests.label.author");
  return t("guests.label.officer", { agency: (locale === "ko" ? guest.agency_ko : guest.agency_en) ?? "" });
}

// ——— The page's one reply form (decision 072) ———
// A post the reader may answer shows a "Reply" link to the same page with `?reply=<post>`: the
// server renders the form under that post, so replying works without JavaScript. In the browser
// the link opens and closes the form in place instead; a refused reply comes back open under its
// post (the action's answer names the form), and a reply taken closes it.

/** The query parameter naming the post whose reply form the page opens. */
const REPLY_PARAM = "reply";
/** The id of the open reply form (the Reply links' fragment and aria-controls). */
const REPLY_FORM_ID = "reply-form";
const replyFormKey = (postId: number) => `reply-${postId}`;
const replyControlId = (postId: number) => `reply-to-${postId}`;
/** What the messages of the reply form need in the browser when the server did not render it. */
const REPLY_FORM_MESSAGES = [
  ...["replyLabel", "replySubmit", "replyDraft", "cancel", "markdownHint", "stanceLegend"].map((key) => `deliberation.${key}`),
  ...STANCES.map((stance) => `deliberation.stance.${stance}`),
];

/** What a person typed in a reply form they left for another post's, kept until they send it. */
type Draft = { body: string; stance: string };

interface ReplyForms {
  /** The page of posts: its path and query, without `?reply=`. */
  at: string;
  /** The post whose reply form is open, or null. */
  openId: number | null;
  drafts: Readonly<Record<number, Draft>>;
  /** The page with this post's form open (the Reply link without JavaScript). */
  openHref: (postId: number) => string;
  /** The page with no form open, at this post (Cancel without JavaScript). */
  closedHref: (postId: number) => string;
  /** A click on a post's Reply link (the link's own navigation when it is not a plain click). */
  toggle: (event: MouseEvent, postId: number) => void;
  /** A click on the form's Cancel link. */
  cancel: (event: MouseEvent, postId: number) => void;
  /** The form is being sent: its draft goes (a refused reply comes back with what was sent). */
  sent: (postId: number) => void;
  form: React.RefObject<HTMLFormElement>;
}

const ReplyFormsContext = createContext<ReplyForms | null>(null);

/** The ids of the posts on the page that the reader may reply to. */
function repliableIds(nodes: TreeNode<PostView>[], into = new Set<number>()): Set<number> {
  for (const { post, replies } of nodes) {
    if (post.can.reply) into.add(post.id);
    repliableIds(replies, into);
  }
  return into;
}

const plainClick = (event: MouseEvent) => event.button === 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey && !event.altKey;

/**
 * Which reply form is open and the drafts of the others. The first render, on the server and in
 * the browser alike, opens what the address (`?reply=`) or a refused reply names, so the page
 * hydrates as it was sent; a choice made in the page holds until a reply sent from the form is
 * taken (the post count moves on) or another page of posts is shown.
 */
function useReplyForms(posts: TreeNode<PostView>[], postCount: number): ReplyForms {
  const { t } = useTranslation();
  const location = useLocation();
  const refused = useDiscussionReply();
  // `at`: the page of posts the choice was made on; `sentWith`: the post count when its reply was sent.
  const [chosen, setChosen] = useState<{ id: number | null; at: string; sentWith?: number } | null>(null);
  const [drafts, setDrafts] = useState<Record<number, Draft>>({});
  const form = useRef<HTMLFormElement>(null);
  const focusNext = useRef<string | null>(null);
  const repliable = repliableIds(posts);
  const params = new URLSearchParams(location.search);
  const asked = params.get(REPLY_PARAM) ?? "";
  const refusedId = refused?.form?.startsWith("reply-") ? refused.form.slice("reply-".length) : "";
  const fromPage = [refusedId, asked].map((id) => parseId(id)).find((id) => id !== null && repliable.has(id)) ?? null;
  params.delete(REPLY_PARAM);
  const base = params.toString();
  const path = location.pathname;
  // A choice made in the page holds on this page of posts until its reply was sent and the post
  // count moved on (a refused reply leaves the count as it was).
  const at = `${path}?${base}`;
  const held = chosen?.at === at && (chosen.id === null || repliable.has(chosen.id)) && (chosen.sentWith ?? postCount) === postCount;
  const openId = chosen && held ? chosen.id : fromPage;
  // The browser has only the messages the server used: the form's (and a kept draft's link) are
  // asked for even when the server renders no form, so that opening one in the page finds them.
  if (repliable.size > 0) for (const key of REPLY_FORM_MESSAGES) t(key);

  useEffect(() => {
    if (focusNext.current) document.getElementById(focusNext.current)?.focus();
    focusNext.current = null;
  });

  /** Keeps what was typed in the open form, under its post. */
  const keepDraft = () => {
    if (openId === null || !form.current) return;
    const data = new FormData(form.current);
    const draft = { body: String(data.get("body") ?? ""), stance: String(data.get("stance") ?? "neutral") };
    setDrafts(({ [openId]: _, ...others }) => (draft.body.trim() ? { ...others, [openId]: draft } : others));
  };
  const choose = (id: number | null, focus: string) => {
    keepDraft();
    setChosen({ id, at });
    focusNext.current = focus;
  };
  return {
    at,
    openId,
    drafts,
    openHref: (postId) => `${path}?${base ? `${base}&` : ""}${REPLY_PARAM}=${postId}#${REPLY_FORM_ID}`,
    closedHref: (postId) => `${path}${base ? `?${base}` : ""}#post-${postId}`,
    toggle: (event, postId) => {
      if (!plainClick(event)) return;
      event.preventDefault();
      if (openId === postId) choose(null, replyControlId(postId));
      else choose(postId, `${replyFormKey(postId)}-body`);
    },
    cancel: (event, postId) => {
      if (!plainClick(event)) return;
      event.preventDefault();
      choose(null, replyControlId(postId));
    },
    sent: (postId) => {
      setDrafts(({ [postId]: _, ...others }) => others);
      setChosen({ id: postId, at, sentWith: postCount });
    },
    form,
  };
}

/** A post's Reply link: opens (or closes) the page's reply form under the post. */
function ReplyControl({ postId }: { postId: number }) {
  const { t } = useTranslation();
  const forms = useContext(ReplyFormsContext);
  if (!forms) return null;
  const open = forms.openId === postId;
  return (
    <a
      id={replyControlId(postId)}
      className="reply-control"
      href={forms.openHref(postId)}
      aria-expanded={open}
      aria-controls={open ? REPLY_FORM_ID : undefined}
      onClick={(event) => forms.toggle(event, postId)}
    >
      {forms.drafts[postId] && !open ? t("deliberation.replyDraft") : t("deliberation.reply")}
    </a>
  );
}

/** The page's one reply form, under the post it answers. */
function ReplyForm({ postId, author }: { postId: number; author: string }) {
  const { t } = useTranslation();
  const forms = useContext(ReplyFormsContext)!;
  const busy = useFormBusy();
  const refused = useDiscussionReply();
  const mine = refused?.form === replyFormKey(postId) ? refused : undefined;
  return (
    <div id={REPLY_FORM_ID} className="reply-form">
      <PageForm ref={forms.form} className="post-form" preventScrollReset noValidate onSubmit={() => forms.sent(postId)}>
        <input type="hidden" name="intent" value="discussion:post" />
        <input type="hidden" name="replyTo" value={postId} />
        <BackField />
        <PostFields
          formKey={replyFormKey(postId)}
          label={t("deliberation.replyLabel", { name: author })}
          errors={mine?.errors}
          values={forms.drafts[postId] ?? mine?.values}
        />
        <div className="actions">
          <button type="submit" disabled={busy}>
            {t("deliberation.replySubmit")}
          </button>
          <a href={forms.closedHref(postId)} onClick={(event) => forms.cancel(event, postId)}>
            {t("deliberation.cancel")}
          </a>
        </div>
      </PageForm>
    </div>
  );
}

/**
 * What a post's article shows, as a key for the HTML the server keeps (decision 082), or null
 * when the article must be rendered: the reader's own post or one they moderate (their forms),
 * and the post whose reply form is open. Everything else it shows is here: the post's facts, what
 * this reader may do with it, the language, and the page's address (the reply link's).
 */
function keptPostKey(post: PostView, locale: Locale, forms: ReplyForms | null, replyOpen: boolean): string | null {
  if (!forms || post.can.edit || post.can.remove || replyOpen) return null;
  const { id, author_name, guest, stance, created_at, edited_at, removal, fresh, reply_to_id, reply_to_name, hidden, can, flaggable, body_html } = post;
  // body_html changes only with edited_at or removal (an edit, a removal, an erasure); its length is a guard.
  return JSON.stringify([id, locale, forms.at, author_name, guest, stance, created_at, edited_at, removal, fresh, reply_to_id, reply_to_name, hidden, can.reply, flaggable, body_html.length]);
}

function PostItem({ node }: { node: TreeNode<PostView> }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const forms = useContext(ReplyFormsContext);
  const { post, replies } = node;
  const replyOpen = forms?.openId === post.id;
  const author = shownName(post.author_name, t);
  // A guest's post says so in words, in the post and in its name for screen readers (decision 054).
  const guest = post.guest ? guestLabel(post.guest, locale, t) : null;
  return (
    <li id={`post-${post.id}`} className={`post depth-${post.depth}${post.fresh ? " fresh" : ""}${guest ? " guest-post" : ""}`}>
      <ServerKept
        as="article"
        keep={keptPostKey(post, locale, forms, replyOpen)}
        aria-label={guest ? t("guests.postBy", { name: author, label: guest }) : t("deliberation.postBy", { name: author })}
      >
        <PostArticle post={post} author={author} guest={guest} replyOpen={replyOpen} />
      </ServerKept>
      {replies.length > 0 ? (
        <ol className={post.depth >= 3 ? "replies flat" : "replies"} aria-label={t("deliberation.repliesTo", { name: author })}>
          {replies.map((child) => (
            <PostItem key={child.post.id} node={child} />
          ))}
        </ol>
      ) : null}
    </li>
  );
}

/** The inside of a post's article: its line of facts, its text, its links and forms. */
function PostArticle({ post, author, guest, replyOpen }: { post: PostView; author: string; guest: string | null; replyOpen: boolean }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const reply = useDiscussionReply();
  const busy = useFormBusy();
  const editKey = `edit-${post.id}`;
  const removeKey = `remove-${post.id}`;
  const mine = (key: string) => (reply?.form === key ? reply : undefined);
  return (
    <>
      <MetaLine className="post-meta">
        <span className="post-author">{author}</span>
        {guest ? <span className="tag guest-tag">{guest}</span> : null}
        {post.removal ? null : <StanceLabel stance={post.stance} />}
        <a href={`#post-${post.id}`} className="post-time">
          <time dateTime={post.created_at}>{formatDate(post.created_at, locale, true)}</time>
        </a>
        {post.edited_at && !post.removal ? <span className="post-edited">{t("deliberation.edited")}</span> : null}
        {post.fresh ? <span className="tag new-tag">{t("deliberation.new")}</span> : null}
        {post.reply_to_id && post.reply_to_name ? (
          <a href={`#post-${post.reply_to_id}`} className="post-reply-to">
            {t("deliberation.inReplyTo", { name: post.reply_to_name })}
          </a>
        ) : null}
      </MetaLine>
      {post.removal ? (
        <p className="post-removed">{post.removal === "moderator" ? t("deliberation.removedByModerator") : t("deliberation.removedByAuthor")}</p>
      ) : post.hidden?.forReader ? (
        // Moderation: the notice in place of the hidden text.
        <HiddenNotice hidden={post.hidden} />
      ) : (
        // body_html was sanitized when the post was written (app/utils/markdown.server.ts).
        <div className="post-body" dangerouslySetInnerHTML={{ __html: post.body_html }} />
      )}
      {post.hidden && !post.hidden.forReader && !post.removal ? <HiddenNotice hidden={post.hidden} insider appealHref={post.hidden.own ? `/appeal?type=post&id=${post.id}` : undefined} /> : null}
      {post.can.reply || post.can.edit || post.can.remove || post.flaggable ? (
        <div className="post-actions">
          {/* Moderation: report to the moderators (a page of its own). */}
          {post.flaggable ? <FlagLink type="post" id={post.id} author={author} /> : null}
          {post.can.reply ? <ReplyControl postId={post.id} /> : null}
          {post.can.edit && post.body !== null ? (
            <details open={mine(editKey) ? true : undefined} key={`${editKey}-${post.edited_at ?? ""}`}>
              <summary>{t("deliberation.edit")}</summary>
              {post.editable_until ? (
                <p className="hint">{t("deliberation.editUntil", { time: formatDate(post.editable_until, locale, true) })}</p>
              ) : null}
              <PageForm className="post-form" preventScrollReset noValidate>
                <input type="hidden" name="intent" value="discussion:edit" />
                <input type="hidden" name="postId" value={post.id} />
                <BackField />
                <PostFields
                  formKey={editKey}
                  label={t("deliberation.editLabel")}
                  errors={mine(editKey)?.errors}
                  values={mine(editKey)?.values ?? { body: post.body, stance: post.stance }}
                  defaultStance={post.stance}
                />
                <button type="submit" disabled={busy}>
                  {t("deliberation.editSubmit")}
                </button>
              </PageForm>
            </details>
          ) : null}
          {post.can.remove ? (
            <details open={mine(removeKey) ? true : undefined}>
              <summary>{t("deliberation.remove")}</summary>
              <PageForm preventScrollReset noValidate>
                <input type="hidden" name="intent" value="discussion:remove" />
                <input type="hidden" name="postId" value={post.id} />
                <BackField />
                <FormErrors messages={mine(removeKey)?.errors?._form ?? []} />
                {post.can.remove !== "moderator" ? null : (
                  <TextAreaField
                    id={`${removeKey}-reason`}
                    name="reason"
                    label={t("deliberation.removeReason")}
                    rows={2}
                    maxLength={maxLengthFor(REASON_MAX)}
                    defaultValue={mine(removeKey)?.values?.reason}
                    errors={mine(removeKey)?.errors?.reason}
                  />
                )}
                <p className="hint">{t("deliberation.removeHint")}</p>
                <button type="submit" className="secondary" disabled={busy}>
                  {t("deliberation.removeSubmit")}
                </button>
              </PageForm>
            </details>
          ) : null}
        </div>
      ) : null}
      {post.can.reply && replyOpen ? <ReplyForm postId={post.id} author={author} /> : null}
    </>
  );
}

export function PostList({ posts, postCount, label }: { posts: TreeNode<PostView>[]; postCount: number; label: string }) {
  const replyForms = useReplyForms(posts, postCount);
  return (
    <ReplyFormsContext.Provider value={replyForms}>
      <ol className="posts" aria-label={label}>
        {posts.map((node) => (
          <PostItem key={node.post.id} node={node} />
        ))}
      </ol>
    </ReplyFormsContext.Provider>
  );
}

/** The comments of an idea and the link to its deliberation (the idea page's `discussion`). */
export function IdeaDiscussion({ discussion: d }: { discussion: IdeaDiscussionData | null }) {
  const { t } = useTranslation();
  const locale = useLocale();
  if (!d) return null;
  const committee = (locale === "ko" ? d.deliberation?.committeeKo : d.deliberation?.committeeEn) ?? "";
  return (
    <>
      {d.deliberation ? (
        <section className="panel deliberation-link" aria-labelledby="deliberation-heading">
          <h2 id="deliberation-heading">{t("deliberation.ideaDeliberation.title")}</h2>
          <p>{t("deliberation.ideaDeliberation.intro", { committee })}</p>
          <p>
            <Link to={`/threads/${d.deliberation.threadId}`}>
              {t("deliberation.ideaDeliberation.link", { count: d.deliberation.postCount })}
            </Link>
          </p>
        </section>
      ) : null}
      <section className="comments" id="comments" aria-labelledby="comments-heading">
        <h2 id="comments-heading">
          {t("deliberation.comments.title")} <span className="tag">{formatNumber(d.postCount, locale)}</span>
        </h2>
        {d.lockedAt ? <LockNotice lockedAt={d.lockedAt} reason={d.lockReason} /> : null}
        {d.postRefusal === null ? (
          <NewPostForm label={t("deliberation.comments.label")} submit={t("deliberation.comments.submit")} postCount={d.postCount} />
        ) : (
          <PostRefusalNote refusal={d.postRefusal} committee={false} />
        )}
        {d.postCount > 0 ? <StanceTally tally={d.tally} headingId="comment-tally-heading" /> : null}
        {d.posts.length === 0 ? (
          <p>{t("deliberation.comments.none")}</p>
        ) : (
          <PostList posts={d.posts} postCount={d.postCount} label={t("deliberation.comments.title")} />
        )}
        {d.more && d.threadId ? (
          <p>
            <Link to={`/threads/${d.threadId}`} className="button secondary">
              {t("deliberation.comments.all", { count: d.postCount })}
            </Link>
          </p>
        ) : null}
      </section>
    </>
  );
}
