// Pieces that show an idea: status badge, support progress, time left, card, timeline.
import { Link } from "@remix-run/react";
import { useTranslation } from "~/ui/translation";
import { noteIsWords, timelineLabel } from "~/domain/ideas/timeline-kinds";
import { formatDate, formatNumber, type Locale } from "~/utils/i18n";
import { MetaLine } from "./meta-line";
import { DAY_MS } from "~/utils/korea-time";
import { StaticIsland } from "./static-island";
import { FollowedLink } from "./follow-link";

export function StatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return <span className={`status status-${status}`}>{t(`status.${status}`)}</span>;
}

/** Supports toward the threshold, as a native progress bar with the numbers in text beside it. */
export function SupportProgress({
  count,
  threshold,
  locale,
  id,
}: {
  count: number;
  threshold: number;
  locale: Locale;
  id: string;
}) {
  const { t } = useTranslation();
  return (
    <div className="support-progress">
      <label htmlFor={id} className="visually-hidden">
        {t("ideas.progressLabel")}
      </label>
      <progress id={id} max={threshold} value={Math.min(count, threshold)} />
      <span className="support-numbers" data-testid="support-count">
        {t("ideas.progress", { count: threshold, supports: formatNumber(count, locale), threshold: formatNumber(threshold, locale) })}
      </span>
    </div>
  );
}

export function daysLeft(endsAt: string | Date | null, now = new Date()): number | null {
  if (!endsAt) return null;
  const ms = new Date(endsAt).getTime() - now.getTime();
  return ms <= 0 ? 0 : Math.ceil(ms / DAY_MS);
}

export function TimeLeft({ endsAt, status }: { endsAt: string | null; status: string }) {
  const { t } = useTranslation();
  if (status !== "open") return null;
  const days = daysLeft(endsAt);
  if (days === null) return null;
  if (days === 0) return <span>{t("ideas.ended")}</span>;
  return <span>{days === 1 ? t("ideas.lastDay") : t("ideas.daysLeft", { count: days })}</span>;
}

export interface CardIdea {
  id: number;
  title: string;
  excerpt: string;
  status: string;
  support_count: number;
  support_threshold: number;
  support_ends_at: string | null;
  category_ko: string;
  category_en: string;
  region_ko: string | null;
  region_en: string | null;
}

export function IdeaCard({ idea, locale, headingLevel = 3 }: { idea: CardIdea; locale: Locale; headingLevel?: 2 | 3 }) {
  const { t } = useTranslation();
  const ko = locale === "ko";
  const Heading = `h${headingLevel}` as const;
  return (
    <li className="card idea-card">
      <Heading className="card-title">
        {/* Twenty cards on a list: followed by the page, without a <Link>'s hooks each (app/ui/follow-link.ts). */}
        <FollowedLink href={`/ideas/${idea.id}`}>{idea.title}</FollowedLink>
      </Heading>
      <p className="card-status">
        <StatusBadge status={idea.status} />
      </p>
      <p className="excerpt">{idea.excerpt}</p>
      <SupportProgress count={idea.support_count} threshold={idea.support_threshold} locale={locale} id={`progress-${idea.id}`} />
      <MetaLine>
        <span>{ko ? idea.category_ko : idea.category_en}</span>
        <span>{(ko ? idea.region_ko : idea.region_en) ?? t("ideas.nationwide")}</span>
        {/* Only when it shows something: a separator must not end the line. */}
        {idea.status === "open" && idea.support_ends_at ? <TimeLeft endsAt={idea.support_ends_at} status={idea.status} /> : null}
      </MetaLine>
    </li>
  );
}

export function IdeaCards({ ideas, locale }: { ideas: CardIdea[]; locale: Locale }) {
  return (
    <StaticIsland as="ul" className="card-list">
      {() => ideas.map((idea) => <IdeaCard key={idea.id} idea={idea} locale={locale} />)}
    </StaticIsland>
  );
}

/** The way into /ideas/new with this call for ideas already chosen. */
export function ProposeInCall({ campaignId, title }: { campaignId: number; title: string }) {
  const { t } = useTranslation();
  return (
    <p>
      {/* Several calls on a page: each link names its call (after the words it shows). */}
      <Link to={`/ideas/new?campaign=${campaignId}`} className="button small" aria-label={`${t("campaigns.propose")}: ${title}`}>
        {t("campaigns.propose")}
      </Link>
    </p>
  );
}

export interface TimelineEntry {
  id: number;
  kind: string;
  from_status: string | null;
  to_status: string | null;
  note: string | null;
  created_at: string;
  actor_name: string | null;
}

export function Timeline({ events, locale }: { events: TimelineEntry[]; locale: Locale }) {
  const { t } = useTranslation();
  return (
    <ol className="timeline">
      {events.map((e) => {
        const label = timelineLabel(t, e, locale);
        return (
          <li key={e.id}>
            {/* Real spaces between the parts: copied or read aloud, they stay words apart. */}
            <time dateTime={new Date(e.created_at).toISOString()}>{formatDate(e.created_at, locale, true)}</time>{" "}
            <span className="timeline-what">
              {/* A meeting that discussed the idea links to its page (the event's note is its path). */}
              {e.kind === "meeting_discussed" && e.note?.startsWith("/committees/") ? <Link to={e.note}>{label}</Link> : label}
            </span>{" "}
            <span className="timeline-who">{e.actor_name ? t("ideas.by", { name: e.actor_name }) : t("ideas.system")}</span>
            {e.note && noteIsWords(e.kind) ? <p className="timeline-note">{e.note}</p> : null}
          </li>
        );
      })}
    </ol>
  );
}
