// Guests in a deliberation (decision 054): the thread page's panel that lists who is invited,
// with the chair's forms to invite the idea's author or an agency's officer (the agency chosen
// first, by a GET form, so it works without JavaScript) and to withdraw an invitation. The label
// on a guest's post is `guestLabel` in ./discussion (every page with posts needs it, not this panel).
import { Form, useActionData, useLocation } from "@remix-run/react";
import { useTranslation } from "~/ui/translation";
import type { ActiveGuest, InviteOptions } from "~/domain/deliberation/guests.server";
import { formatDate, isLocale, type Locale } from "~/utils/i18n";
import type { FieldErrors } from "~/utils/result";
import { FormErrors, PageForm, SelectField } from "./form";
import { shownName } from "./person";
import { guestLabel } from "./discussion";
import { useFormBusy } from "~/ui/form";


export interface GuestsData {
  list: ActiveGuest[];
  invite: InviteOptions | null;
  canWithdraw: boolean;
  asGuest: boolean;
}

interface Reply {
  errors?: FieldErrors;
  form?: string;
  done?: string;
}

export function GuestsPanel({ guests }: { guests: GuestsData }) {
  const { t, i18n } = useTranslation();
  const locale: Locale = isLocale(i18n.language) ? i18n.language : "ko";
  const reply = useActionData() as Reply | undefined;
  const busy = useFormBusy();
  const location = useLocation();
  const errorsOf = (form: string) => (reply?.form === form ? reply.errors : undefined);
  const { invite } = guests;
  const agencyName = (a: { name_ko: string; name_en: string }) => (locale === "ko" ? a.name_ko : a.name_en);
  const chosen = invite?.agencies.find((a) => a.id === invite.agencyId) ?? null;
  const officerErrors = errorsOf("guest-officer");
  return (
    <section aria-labelledby="guests-heading" className="panel guests-panel" id="guests">
      <h2 id="guests-heading">{t("guests.title")}</h2>
      <p className="hint">{t("guests.intro")}</p>
      {reply?.done === "guest:invite" || reply?.done === "guest:withdraw" ? (
        <p className="notice success" role="status">
          {t(reply.done === "guest:invite" ? "guests.done.invite" : "guests.done.withdraw")}
        </p>
      ) : null}
      {guests.asGuest ? <p className="notice">{t("guests.youAreGuest")}</p> : null}
      {guests.list.length === 0 ? (
        <p>{t("guests.none")}</p>
      ) : (
        <ul className="guest-list">
          {guests.list.map((g) => {
            const name = shownName(g.name, t);
            return (
              <li key={g.id}>
                <strong>{name}</strong> · {guestLabel(g, locale, t)} ·{" "}
                <span className="hint">{t("guests.invitedOn", { date: formatDate(g.invited_at, locale) })}</span>
                {guests.canWithdraw ? (
                  <PageForm className="inline-form" preventScrollReset>
                    <input type="hidden" name="intent" value="guest:withdraw" />
                    <input type="hidden" name="guestId" value={g.id} />
                    <FormErrors messages={errorsOf(`withdraw-${g.id}`)?._form ?? []} />
                    <button type="submit" className="secondary small" disabled={busy}>
                      {t("guests.withdraw", { name })}
                    </button>
                  </PageForm>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
      {invite ? (
        <div className="guest-invite">
          <h3>{t("guests.inviteTitle")}</h3>
          {invite.author.invitable ? (
            <PageForm preventScrollReset>
              <input type="hidden" name="intent" value="guest:invite" />
              <input type="hidden" name="kind" value="author" />
              <FormErrors messages={errorsOf("guest-author")?._form ?? []} />
              <button type="submit" disabled={busy}>
                {t("guests.inviteAuthor", { name: shownName(invite.author.name, t) })}
              </button>
            </PageForm>
          ) : null}
          {/* The agency first: a GET form that reloads the page with its officers. */}
          <Form method="get" action={location.pathname} className="guest-agency" preventScrollReset>
            <SelectField
              name="agency"
              id="guest-agency"
              label={t("guests.agency")}
              hint={invite.likelyAgencyId === null ? t("guests.agencyUnknown") : t("guests.agencyLikely")}
              defaultValue={invite.agencyId ?? ""}
              options={[
                ...(invite.agencyId === null ? [{ value: "", label: t("guests.chooseAgency") }] : []),
                ...invite.agencies.map((a) => ({
                  value: String(a.id),
                  label: a.id === invite.likelyAgencyId ? t("guests.likely", { agency: agencyName(a) }) : agencyName(a),
                })),
              ]}
            />
            <button type="submit" className="secondary">
              {t("guests.showOfficers")}
            </button>
          </Form>
          {chosen ? (
            invite.officers.length === 0 ? (
              <p className="hint">{t("guests.noOfficers", { agency: agencyName(chosen) })}</p>
            ) : (
              <PageForm preventScrollReset noValidate>
                <input type="hidden" name="intent" value="guest:invite" />
                <input type="hidden" name="kind" value="officer" />
                <input type="hidden" name="agencyId" value={chosen.id} />
                <FormErrors messages={[...(officerErrors?._form ?? []), ...(officerErrors?.agencyId ?? [])]} />
                <SelectField
                  name="officerId"
                  id="guest-officer"
                  label={t("guests.officer", { agency: agencyName(chosen) })}
                  errors={officerErrors?.officerId}
                  options={invite.officers.map((o) => ({ value: String(o.id), label: shownName(o.name, t) }))}
                />
                <button type="submit" disabled={busy}>
                  {t("guests.inviteOfficer")}
                </button>
              </PageForm>
            )
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
