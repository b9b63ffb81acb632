// A committee's meetings on its pages (decision 029): the agenda checkboxes of the scheduling
// form, a list of meetings (committee page, workspace) and where a meeting takes place.
import { Link } from "@remix-run/react";
import { useTranslation } from "~/ui/translation";
import type { IdeaStatus, Locale } from "../../db/schema";
import { formatDate } from "~/utils/i18n";
import type { Message } from "~/utils/result";
import { useMessage } from "./form";

export function AgendaField({ choices, chosen, errors, legend }: { choices: { id: number; title: string; status: IdeaStatus }[]; chosen?: string[]; errors?: Message[]; legend: string }) {
  const { t } = useTranslation();
  const render = useMessage();
  return (
    <fieldset className={errors?.length ? "field has-error" : "field"} aria-describedby={errors?.length ? "agenda-error" : undefined}>
      <legend id="field-agenda">{legend}</legend>
      <p className="hint">{t("meetings.form.agendaHint")}</p>
      {errors?.length ? (
        <ul id="agenda-error" className="field-errors">
          {errors.map((e) => (
            <li key={e.key}>{render(e)}</li>
          ))}
        </ul>
      ) : null}
      {choices.map((idea) => (
        <label key={idea.id} className="choice">
          <input type="checkbox" name="agenda" value={idea.id} defaultChecked={chosen?.includes(String(idea.id))} /> {idea.title} ({t(`status.${idea.status}`)})
        </label>
      ))}
    </fieldset>
  );
}

/** Where a meeting takes place: the place, the online link, or both. */
export function MeetingWhere({ place, onlineUrl }: { place: string | null; onlineUrl: string | null }) {
  const { t } = useTranslation();
  return (
    <>
      {place ? <span>{t("meetings.place", { place })}</span> : null}
      {place && onlineUrl ? " · " : null}
      {onlineUrl ? (
        <a href={onlineUrl} rel="noopener noreferrer nofollow">
          {t("meetings.online")}
        </a>
      ) : null}
    </>
  );
}

export interface MeetingListItem {
  id: number;
  startsAt: string;
  place: string | null;
  onlineUrl: string | null;
  cancelled: boolean;
  items: number;
  hasMinutes: boolean;
}

export function MeetingList({ slug, meetings, locale, past }: { slug: string; meetings: MeetingListItem[]; locale: Locale; past: boolean }) {
  const { t } = useTranslation();
  return (
    <ul className="link-list">
      {meetings.map((m) => (
        <li key={m.id}>
          <Link to={`/committees/${slug}/meetings/${m.id}`}>{t("meetings.titleOn", { date: formatDate(m.startsAt, locale, true) })}</Link>{" "}
          {m.cancelled ? <span className="tag">{t("meetings.cancelledTag")}</span> : null}
          {past && !m.cancelled ? <span className="tag">{m.hasMinutes ? t("meetings.minutesTag") : t("meetings.noMinutesTag")}</span> : null}
          <br />
          <span className="hint">
            {t("meetings.agendaCount", { count: m.items })} · <MeetingWhere place={m.place} onlineUrl={m.onlineUrl} />
          </span>
        </li>
      ))}
    </ul>
  );
}
