// The moderation queue: reported items (the longest-waiting first, with their context, the
// reports and the author's history), ideas held by screening, and alerts on bursts of support.
// Every decision carries a preset reason and a note, is logged, and tells the author.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/ui/translation";
import { requireStaff } from "~/auth/actor.server";
import { decideItem } from "~/domain/moderation/flags.server";
import { approveIdea, rejectIdea } from "~/domain/moderation/ideas.server";
import { resolveAlert } from "~/domain/moderation/integrity.server";
import { canManageBlocklist, canModerate } from "~/domain/moderation/permissions";
import { flagQueue, heldIdeas, openAlerts, queueCounts, type AuthorSummary } from "~/domain/moderation/queries.server";
import { DECISIONS, DECISION_REASON_MIN, type Decision } from "~/domain/moderation/limits";
import { ReasonFields, reasonLabel, screeningText, WaitingAge } from "~/ui/moderation";
import { FormErrors, TextAreaField, PageForm, useFormBusy } from "~/ui/form";
import { formatDate, formatNumber, type Locale } from "~/utils/i18n";
import { dispatchIntent, type IntentMap, type IntentReply } from "~/http/intents.server";
import type { Actor } from "~/domain/accounts/permissions";
import type { Services } from "~/services.server";
import { pageTitle } from "~/utils/meta";
import { MetaLine } from "~/ui/meta-line";

export const meta: MetaFunction = (args) => pageTitle(args, (t) => t("moderation.title"));

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireStaff(context, request, canModerate);
  const { db } = context.services;
  const now = new Date();
  const [flagged, held, alerts, counts] = await Promise.all([flagQueue(db, now), heldIdeas(db, now), openAlerts(db), queueCounts(db)]);
  return json({ flagged: flagged.items, held, alerts, counts, admin: canManageBlocklist(actor), locale: context.locale });
}

type Reply = IntentReply;

/** The queue's forms: a decision on a flagged item, a held idea approved or rejected, an alert closed. */
function intents(db: Services["db"], actor: Actor): IntentMap {
  return {
    decide: {
      fields: ["targetType", "targetId", "decision", "reason", "note"],
      panel: (v) => `${v.decision}-${v.targetType}-${v.targetId}`,
      run: (v) => decideItem(db, actor, v),
      done: (v) => ({ done: v.decision }),
    },
    approve: {
      fields: ["ideaId", "note"],
      panel: (v) => `approve-${v.ideaId}`,
      run: (v) => approveIdea(db, actor, Number(v.ideaId), { expectedStatus: "pending", note: v.note }),
    },
    reject: {
      fields: ["ideaId", "reason"],
      panel: (v) => `reject-${v.ideaId}`,
      run: (v) => rejectIdea(db, actor, Number(v.ideaId), { expectedStatus: "pending", reason: v.reason }),
    },
    resolveAlert: {
      fields: ["alertId", "note"],
      panel: (v) => `alert-${v.alertId}`,
      run: (v) => resolveAlert(db, actor, v),
    },
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = requireStaff(context, request, canModerate);
  return dispatchIntent(await request.formData(), intents(context.services.db, actor));
}

function AuthorBox({ author, locale }: { author: AuthorSummary; locale: Locale }) {
  const { t } = useTranslation();
  return (
    <div className="author-box">
      <h4>{t("moderation.queue.author")}</h4>
      <p>
        <Link to={`/moderation/accounts/${author.id}`}>{author.name}</Link> · {t("moderation.queue.joined", { date: formatDate(author.joined, locale) })}
        {author.suspendedUntil ? (
          <strong className="suspended-tag">
            {" "}
            {author.permanent ? t("moderation.account.suspendedPermanently") : t("moderation.account.suspendedUntil", { date: formatDate(author.suspendedUntil, locale, true) })}
          </strong>
        ) : null}
      </p>
      {author.historyCount === 0 ? (
        <p className="hint">{t("moderation.queue.noHistory")}</p>
      ) : (
        <>
          <p>{t("moderation.queue.historyCount", { count: author.historyCount })}</p>
          <ul className="history-list">
            {author.history.map((h) => (
              <li key={h.id}>
                <time dateTime={h.at}>{formatDate(h.at, locale)}</time> — {t(`moderation.action.${h.action.replace("moderation.", "")}`)}
                {h.reason ? `: ${reasonLabel(t as never, h.reason)}` : null}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

function DecisionForm({
  decision,
  type,
  id,
  reply,
  busy,
}: {
  decision: Decision;
  type: "idea" | "post";
  id: number;
  reply?: Reply;
  busy: boolean;
}) {
  const { t } = useTranslation();
  const key = `${decision}-${type}-${id}`;
  const mine = reply?.form === key ? reply : undefined;
  return (
    <details open={mine ? true : undefined} className="decision-form">
      <summary>{t(`moderation.decision.${decision}`)}</summary>
      <PageForm preventScrollReset>
        <input type="hidden" name="intent" value="decide" />
        <input type="hidden" name="decision" value={decision} />
        <input type="hidden" name="targetType" value={type} />
        <input type="hidden" name="targetId" value={id} />
        <FormErrors messages={mine?.errors?._form ?? []} />
        <ReasonFields idPrefix={key} decision={decision} errors={mine?.errors} values={mine?.values} />
        <button type="submit" className={decision === "hide" ? undefined : "secondary"} disabled={busy}>
          {t(`moderation.decision.${decision}Submit`)}
        </button>
      </PageForm>
    </details>
  );
}

export default function ModerationQueue() {
  const { t } = useTranslation();
  const { flagged, held, alerts, counts, admin, locale } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const busy = useFormBusy();
  return (
    <div className="page moderation">
      <h1>{t("moderation.title")}</h1>
      <nav aria-label={t("moderation.nav")} className="sub-nav">
        <ul>
          <li>
            <Link to="/moderation/log">{t("moderation.log.title")}</Link>
          </li>
          <li>
            <Link to="/moderation/supports">{t("moderation.supports.title")}</Link>
          </li>
          <li>
            <Link to="/moderation/appeals">{t("appeals.queue.title")}</Link>
          </li>
          <li>
            <Link to="/moderation/duplicates">{t("duplicates.title")}</Link>
          </li>
          {admin ? (
            <li>
              <Link to="/admin/blocklist">{t("moderation.blocklist.title")}</Link>
            </li>
          ) : null}
        </ul>
      </nav>
      {reply?.done ? (
        <p className="notice success" role="status">
          {t(`moderation.done.${reply.done}`)}
        </p>
      ) : null}

      <section aria-labelledby="flagged-heading">
        <h2 id="flagged-heading">
          {t("moderation.queue.flagged")} <span className="tag">{formatNumber(counts.flagged, locale)}</span>
        </h2>
        {flagged.length === 0 ? (
          <p>{t("moderation.queue.flaggedNone")}</p>
        ) : (
          <ol className="queue-list">
            {flagged.map((item) => {
              const kind = item.type === "idea" ? "idea" : item.context.threadKind === "idea_comments" ? "comment" : "post";
              const label =
                item.type === "idea"
                  ? t("moderation.queue.itemIdea", { title: item.title })
                  : t(`moderation.queue.item.${kind}`, { name: item.author.name, title: item.context.threadTitle });
              const href =
                item.type === "idea"
                  ? `/ideas/${item.id}`
                  : kind === "comment"
                    ? `/ideas/${item.context.ideaId}#post-${item.id}`
                    : `/threads/${item.context.threadId}#post-${item.id}`;
              return (
                <li key={`${item.type}-${item.id}`} className={item.longWait ? "queue-item long-wait-item" : "queue-item"}>
                  <article aria-label={label}>
                    <h3>
                      <Link to={href}>{label}</Link>
                    </h3>
                    <MetaLine>
                      <WaitingAge hours={item.waitingHours} long={item.longWait} />
                      <span>{t("moderation.queue.flagCount", { count: item.flagCount })}</span>
                      {item.hiddenBy ? (
                        <strong>{item.hiddenBy === "flags" ? t("moderation.queue.autoHidden") : t("moderation.queue.hiddenByModerator")}</strong>
                      ) : (
                        <span>{t("moderation.queue.visible")}</span>
                      )}
                      {item.removed ? <span>{t("moderation.queue.removed")}</span> : null}
                    </MetaLine>
                    {item.type === "post" ? (
                      <p className="hint">
                        {kind === "comment" ? (
                          <>
                            {t("moderation.queue.onIdea")} <Link to={`/ideas/${item.context.ideaId}`}>{item.context.ideaTitle}</Link>
                          </>
                        ) : (
                          <>
                            {t("moderation.queue.inThread", { committee: (locale === "ko" ? item.context.committeeKo : item.context.committeeEn) ?? "" })}{" "}
                            <Link to={`/threads/${item.context.threadId}`}>{item.context.threadTitle}</Link>
                          </>
                        )}
                      </p>
                    ) : null}
                    {/* Sanitized when it was written (app/utils/markdown.server.ts). */}
                    <div className="queue-content" dangerouslySetInnerHTML={{ __html: item.bodyHtml }} />
                    <h4>{t("moderation.queue.reports")}</h4>
                    <ul className="flag-list">
                      {item.flags.map((f) => (
                        <li key={f.id}>
                          <strong>{t(`moderation.reason.${f.reason}`)}</strong> · <time dateTime={f.at}>{formatDate(f.at, locale, true)}</time>
                          {f.details ? <p className="flag-details">{f.details}</p> : null}
                        </li>
                      ))}
                    </ul>
                    <AuthorBox author={item.author} locale={locale} />
                    <div className="decision-forms">
                      {DECISIONS.filter((d) => (d === "restore" ? item.hiddenBy !== null : d === "hide" ? item.hiddenBy !== "moderator" : true)).map((d) => (
                        <DecisionForm key={d} decision={d} type={item.type} id={item.id} reply={reply} busy={busy} />
                      ))}
                    </div>
                  </article>
                </li>
              );
            })}
          </ol>
        )}
      </section>

      <section aria-labelledby="held-ideas-heading">
        <h2 id="held-ideas-heading">
          {t("moderation.queue.held")} <span className="tag">{formatNumber(counts.held, locale)}</span>
        </h2>
        {held.length === 0 ? (
          <p>{t("moderation.queue.heldNone")}</p>
        ) : (
          <ol className="queue-list">
            {held.map((idea) => {
              const rejectKey = `reject-${idea.id}`;
              const mine = (key: string) => (reply?.form === key ? reply : undefined);
              return (
                <li key={idea.id} className={idea.longWait ? "queue-item long-wait-item" : "queue-item"}>
                  <article aria-label={t("moderation.queue.itemIdea", { title: idea.title })}>
                    <h3>
                      <Link to={`/ideas/${idea.id}`}>{idea.title}</Link>
                    </h3>
                    <MetaLine>
                      <WaitingAge hours={idea.waitingHours} long={idea.longWait} />
                    </MetaLine>
                    <p>{idea.excerpt}</p>
                    <h4>{t("moderation.queue.heldWhy")}</h4>
                    <ul>
                      {idea.screening.map((hit, i) => (
                        <li key={i}>{screeningText(t as never, hit)}</li>
                      ))}
                    </ul>
                    <AuthorBox author={idea.author} locale={locale} />
                    <div className="decision-forms">
                      <PageForm preventScrollReset>
                        <input type="hidden" name="intent" value="approve" />
                        <input type="hidden" name="ideaId" value={idea.id} />
                        <FormErrors messages={mine(`approve-${idea.id}`)?.errors?._form ?? []} />
                        <button type="submit" disabled={busy}>
                          {t("moderation.panel.approve")}
                        </button>
                      </PageForm>
                      <details open={mine(rejectKey) ? true : undefined} className="decision-form">
                        <summary>{t("moderation.panel.reject")}</summary>
                        <PageForm preventScrollReset>
                          <input type="hidden" name="intent" value="reject" />
                          <input type="hidden" name="ideaId" value={idea.id} />
                          <FormErrors messages={mine(rejectKey)?.errors?._form ?? []} />
                          <TextAreaField
                            id={`${rejectKey}-reason`}
                            name="reason"
                            label={t("moderation.panel.rejectReason")}
                            hint={t("moderation.panel.rejectHint", { min: DECISION_REASON_MIN })}
                            rows={2}
                            required
                            defaultValue={mine(rejectKey)?.values?.reason}
                            errors={mine(rejectKey)?.errors?.reason}
                          />
                          <button type="submit" className="secondary" disabled={busy}>
                            {t("moderation.panel.rejectSubmit")}
                          </button>
                        </PageForm>
                      </details>
                    </div>
                  </article>
                </li>
              );
            })}
          </ol>
        )}
      </section>

      <section aria-labelledby="alerts-heading">
        <h2 id="alerts-heading">
          {t("moderation.queue.alerts")} <span className="tag">{formatNumber(counts.alerts, locale)}</span>
        </h2>
        <p className="hint">{t("moderation.queue.alertsIntro")}</p>
        {alerts.length === 0 ? (
          <p>{t("moderation.queue.alertsNone")}</p>
        ) : (
          <ol className="queue-list">
            {alerts.map((a) => {
              const key = `alert-${a.id}`;
              const mine = reply?.form === key ? reply : undefined;
              const review = new URLSearchParams({ ideaId: String(a.idea_id), from: a.window_start, to: a.window_end });
              if (a.kind === "ip_prefix" && a.ip_prefix) review.set("ipPrefix", a.ip_prefix);
              else review.set("accounts", (a.evidence.accounts ?? []).map((x) => x.id).join(" "));
              return (
                <li key={a.id} className="queue-item">
                  <article aria-label={t(`moderation.alert.${a.kind}`, { title: a.idea_title, count: a.support_count })}>
                    <h3>{t(`moderation.alert.${a.kind}`, { title: a.idea_title, count: a.support_count })}</h3>
                    <MetaLine>
                      <Link to={`/ideas/${a.idea_id}`}>{a.idea_title}</Link>
                      <span>
                        {t("moderation.alert.window", {
                          from: formatDate(a.window_start, locale, true),
                          to: formatDate(a.window_end, locale, true),
                        })}
                      </span>
                      {a.ip_prefix ? <span>{t("moderation.alert.network", { prefix: a.ip_prefix })}</span> : null}
                      <span>{t("moderation.alert.ideaTotal", { count: a.idea_support_count })}</span>
                    </MetaLine>
                    {a.evidence.accounts?.length ? (
                      <details>
                        <summary>{t("moderation.alert.evidence", { count: a.evidence.accounts.length })}</summary>
                        <div className="table-scroll">
                          <table>
                            <thead>
                              <tr>
                                <th scope="col">{t("moderation.alert.account")}</th>
                                <th scope="col">{t("moderation.alert.joined")}</th>
                                <th scope="col">{t("moderation.alert.supported")}</th>
                              </tr>
                            </thead>
                            <tbody>
                              {a.evidence.accounts.map((x) => (
                                <tr key={x.id}>
                                  <td>
                                    <Link to={`/moderation/accounts/${x.id}`}>
                                      {x.name} (#{x.id})
                                    </Link>
                                  </td>
                                  <td>{formatDate(x.joined, locale, true)}</td>
                                  <td>{formatDate(x.supported, locale, true)}</td>
                                </tr>
                              ))}
                            </tbody>
                          </table>
                        </div>
                      </details>
                    ) : null}
                    <p>
                      <Link to={`/moderation/supports?${review.toString()}`}>{t("moderation.alert.review")}</Link>
                    </p>
                    <details open={mine ? true : undefined} className="decision-form">
                      <summary>{t("moderation.alert.close")}</summary>
                      <PageForm preventScrollReset>
                        <input type="hidden" name="intent" value="resolveAlert" />
                        <input type="hidden" name="alertId" value={a.id} />
                        <FormErrors messages={mine?.errors?._form ?? []} />
                        <TextAreaField id={`${key}-note`} name="note" label={t("moderation.alert.closeNote")} rows={2} errors={mine?.errors?.note} />
                        <button type="submit" className="secondary" disabled={busy}>
                          {t("moderation.alert.closeSubmit")}
                        </button>
                      </PageForm>
                    </details>
                  </article>
                </li>
              );
            })}
          </ol>
        )}
      </section>
    </div>
  );
}
