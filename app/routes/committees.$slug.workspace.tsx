// A committee's workspace, for its members and chair: the ideas waiting for take-up and in
// deliberation with their deadlines, the open votes and whether I have voted, the deliberations
// with posts I have not read.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/ui/translation";
import { refuse, requireActor } from "~/auth/actor.server";
import { sitsOnCommittee, staffRefusal } from "~/domain/accounts/permissions";
import { committeeWorkspace } from "~/domain/committees/queries.server";
import { nextMeeting } from "~/domain/committees/meetings-queries.server";
import { MeetingWhere } from "~/ui/meetings";
import { committeeBySlug } from "~/domain/deliberation/queries.server";
import { StatusBadge } from "~/ui/ideas";
import { formatDate } from "~/utils/i18n";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction<typeof loader> = (args) =>
  pageTitle(args, (t) => (args.data ? t("committees.workspace.title", { name: args.data.name }) : null));

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request);
  const { db } = context.services;
  const committee = await committeeBySlug(db, params.slug ?? "");
  if (!committee) throw new Response("Not found", { status: 404 });
  const refusal = staffRefusal(actor, sitsOnCommittee(actor, committee.id));
  if (refusal) refuse(refusal, request);
  const ko = context.locale === "ko";
  return json({
    slug: committee.slug,
    name: ko ? committee.name_ko : committee.name_en,
    ...(await committeeWorkspace(db, committee.id, actor)),
    next: await nextMeeting(db, committee.id),
    locale: context.locale,
  });
}

type Row = ReturnType<typeof useLoaderData<typeof loader>>["deliberating"][number];

function IdeaTable({ ideas, caption, withVote }: { ideas: Row[]; caption: string; withVote: boolean }) {
  const { t } = useTranslation();
  const { locale } = useLoaderData<typeof loader>();
  return (
    <div className="table-scroll">
      <table className="stack-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("deliberation.committee.idea")}</th>
            <th scope="col">{t("deliberation.committee.deadline")}</th>
            {withVote ? <th scope="col">{t("committees.workspace.vote")}</th> : null}
            <th scope="col">{t("deliberation.committee.thread")}</th>
          </tr>
        </thead>
        <tbody>
          {ideas.map((idea) => (
            <tr key={idea.id} className={idea.overdue ? "overdue-row" : undefined}>
              <td>
                <Link to={`/ideas/${idea.id}`}>{idea.title}</Link> <StatusBadge status={idea.status} />
              </td>
              <td data-label={t("deliberation.committee.deadline")}>
                {idea.dueAt ? (
                  idea.overdue ? (
                    <strong className="overdue-text">{t("deliberation.committee.overdue", { date: formatDate(idea.dueAt, locale) })}</strong>
                  ) : (
                    t("deliberation.committee.dueOn", { date: formatDate(idea.dueAt, locale) })
                  )
                ) : (
                  "—"
                )}
              </td>
              {withVote ? (
                <td data-label={t("committees.workspace.vote")}>
                  {idea.vote === "open"
                    ? `${t("committees.vote.openUntil", { date: formatDate(idea.closesAt!, locale, true) })} ${
                        idea.myChoice ? t("committees.workspace.voted", { choice: t(`committees.choice.${idea.myChoice}`) }) : t("committees.workspace.notVoted")
                      }`
                    : idea.vote === "closed"
                      ? t("committees.workspace.voteClosed")
                      : t("committees.vote.notOpen")}
                </td>
              ) : null}
              <td data-label={t("deliberation.committee.thread")}>
                {idea.threadId ? (
                  <>
                    <Link to={`/threads/${idea.threadId}`}>{t("deliberation.committee.readThread")}</Link>
                    {idea.unread ? <span className="tag">{t("committees.workspace.unread")}</span> : null}
                  </>
                ) : (
                  "—"
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export default function CommitteeWorkspace() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  return (
    <div className="page">
      <p>
        <Link to={`/committees/${data.slug}`}>{data.name}</Link>
      </p>
      <h1>{t("committees.workspace.title", { name: data.name })}</h1>

      <section aria-labelledby="next-meeting-heading">
        <h2 id="next-meeting-heading">{t("meetings.next")}</h2>
        {data.next ? (
          <p>
            <Link to={`/committees/${data.slug}/meetings/${data.next.id}`}>{t("meetings.titleOn", { date: formatDate(data.next.startsAt, data.locale, true) })}</Link>
            {" · "}
            {t("meetings.agendaCount", { count: data.next.items })} · <MeetingWhere place={data.next.place} onlineUrl={data.next.onlineUrl} />
          </p>
        ) : (
          <p>{t("meetings.noNext")}</p>
        )}
      </section>

      <section aria-labelledby="open-votes-heading">
        <h2 id="open-votes-heading">{t("committees.workspace.openVotes")}</h2>
        {data.openVotes.length === 0 ? (
          <p>{t("committees.workspace.noOpenVotes")}</p>
        ) : (
          <ul>
            {data.openVotes.map((idea) => (
              <li key={idea.id}>
                <Link to={`/ideas/${idea.id}#committee-vote`}>{idea.title}</Link>{" "}
                {idea.myChoice ? t("committees.workspace.voted", { choice: t(`committees.choice.${idea.myChoice}`) }) : <strong>{t("committees.workspace.notVoted")}</strong>}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="deliberating-heading">
        <h2 id="deliberating-heading">{t("committees.workspace.deliberating")}</h2>
        {data.deliberating.length === 0 ? <p>{t("committees.workspace.none")}</p> : <IdeaTable ideas={data.deliberating} caption={t("committees.workspace.deliberating")} withVote />}
      </section>

      <section aria-labelledby="awaiting-heading">
        <h2 id="awaiting-heading">{t("committees.workspace.awaiting")}</h2>
        <p className="hint">{t("committees.workspace.awaitingHint")}</p>
        {data.awaiting.length === 0 ? <p>{t("committees.workspace.none")}</p> : <IdeaTable ideas={data.awaiting} caption={t("committees.workspace.awaiting")} withVote={false} />}
      </section>
    </div>
  );
}
