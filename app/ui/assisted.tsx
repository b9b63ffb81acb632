// Assisted entry and paper supports on the pages (decision 039): where an idea came from, its
// online and paper counts, the public record of paper batches, and the desk's forms.
import { Link } from "@remix-run/react";
import { useState } from "react";
import { useTranslation } from "~/ui/translation";
import type { IdeaChannel } from "../../db/schema";
import { formatDate, type Locale } from "~/utils/i18n";
import type { FieldErrors, Message } from "~/utils/result";
import { ErrorSummary, Field, PageForm, SelectField, TextAreaField, useMessage } from "./form";
import { REASON_LENGTH } from "~/domain/assisted/limits";

interface Provenance {
  channel: IdeaChannel;
  assisted: boolean;
  awaitingClaim: boolean;
  staffName: string | null;
  event: { id: number; title: string; startsAt: string } | null;
  consentRef: string | null;
  paperCount: number;
  paperCounts: boolean;
}

/**
 * "Proposed at <event>" (decision 040) and "Filed at a booth by staff on behalf of a citizen":
 * shown on the idea's page.
 */
export function ProvenanceNote({ provenance, locale }: { provenance: Provenance; locale: Locale }) {
  const { t } = useTranslation();
  const channel = t(`assisted.provenance.channelPhrase.${provenance.channel}`);
  const name = provenance.staffName ?? "—";
  return (
    <>
      {provenance.event ? (
        <p className="provenance" data-testid="born-at">
          <strong>{t("events.bornHere.proposedAt")}:</strong> <Link to={`/events/${provenance.event.id}`}>{provenance.event.title}</Link> ({formatDate(provenance.event.startsAt, locale)})
        </p>
      ) : null}
      {provenance.assisted ? (
        <p className="provenance" data-testid="provenance">
          <strong>{t("assisted.provenance.label")}:</strong>{" "}
          {provenance.awaitingClaim ? t("assisted.provenance.filedBy", { channel, name }) : t("assisted.provenance.claimed", { channel, name })}
          {provenance.consentRef ? <> · {t("assisted.provenance.consent", { ref: provenance.consentRef })}</> : null}
        </p>
      ) : null}
    </>
  );
}

/** An event the desk's forms offer (the events that started lately: decision 040). */
export interface EventOption {
  id: number;
  title: string;
  startsAt: string;
  place: string;
}

/** The event a filing or a batch came from: a choice among recent events, or none. */
export function EventPicker({ id, events, locale, value, errors }: { id?: string; events: EventOption[]; locale: Locale; value?: string; errors?: Message[] }) {
  const { t } = useTranslation();
  return (
    <SelectField
      name="eventId"
      id={id}
      label={t("events.bornHere.pickerLabel")}
      hint={t("events.bornHere.pickerHint")}
      defaultValue={value ?? ""}
      errors={errors}
      options={[
        { value: "", label: t("events.bornHere.noEvent") },
        ...events.map((e) => ({ value: String(e.id), label: t("events.bornHere.option", { title: e.title, date: formatDate(e.startsAt, locale), place: e.place || "—" }) })),
      ]}
    />
  );
}

/** Online and paper supports, side by side, and whether paper counts toward the threshold. */
export function SupportCounts({ online, provenance, unidentified, identified }: { online: number; provenance: Provenance; unidentified: number; identified: number }) {
  const { t } = useTranslation();
  if (provenance.paperCount === 0 && !provenance.assisted) return null;
  return (
    <section className="support-counts" aria-labelledby="support-counts-heading" data-testid="support-counts">
      <h2 id="support-counts-heading">{t("assisted.counts.title")}</h2>
      <ul>
        <li>{t("assisted.counts.online", { count: online })}</li>
        <li>
          {t("assisted.counts.paper", { count: provenance.paperCount })}
          {provenance.paperCount > 0 ? (
            <ul>
              {unidentified > 0 ? <li>{t("assisted.counts.unidentified", { count: unidentified })}</li> : null}
              {identified > 0 ? <li>{t("assisted.counts.identified", { count: identified })}</li> : null}
            </ul>
          ) : null}
        </li>
      </ul>
      <p className="hint">{provenance.paperCounts ? t("assisted.counts.counted") : t("assisted.counts.notCounted")}</p>
    </section>
  );
}

type Values = Record<string, string> | undefined;

/** The SHA-256 of a chosen file, in the browser (shown at once; the server computes it again from the upload). */
async function sha256Hex(file: File): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", await file.arrayBuffer());
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** The fields of a paper batch (recording and correcting); ids prefixed, several forms a page. */
export function BatchFields({ prefix, values, errors, events, locale, maxMb }: { prefix: string; values: Values; errors?: FieldErrors; events: EventOption[]; locale: Locale; maxMb: number }) {
  const { t } = useTranslation();
  const [hash, setHash] = useState(values?.scanSha256 ?? "");
  const render = useMessage();
  return (
    <>
      <SelectField
        name="channel"
        id={`${prefix}-channel`}
        label={t("assisted.channelLabel")}
        defaultValue={values?.channel ?? "paper"}
        errors={errors?.channel}
        options={(["paper", "event"] as const).map((c) => ({ value: c, label: t(`assisted.channel.${c}`) }))}
      />
      <EventPicker id={`${prefix}-eventId`} events={events} locale={locale} value={values?.eventId} errors={errors?.eventId} />
      <Field name="signaturesClaimed" id={`${prefix}-signaturesClaimed`} label={t("assisted.signaturesClaimedLabel")} hint={t("assisted.signaturesClaimedHint")} inputMode="numeric" required defaultValue={values?.signaturesClaimed} errors={errors?.signaturesClaimed} />
      <Field name="signaturesVerified" id={`${prefix}-signaturesVerified`} label={t("assisted.signaturesVerifiedLabel")} hint={t("assisted.signaturesVerifiedHint")} inputMode="numeric" required defaultValue={values?.signaturesVerified} errors={errors?.signaturesVerified} />
      <div className={errors?.scanFile ? "field has-error" : "field"}>
        <label htmlFor={`${prefix}-scanFile`}>{t("assisted.scanFileLabel")}</label>
        <p id={`${prefix}-scanFile-hint`} className="hint">
          {t("assisted.scanFileHint", { mb: maxMb })}
        </p>
        {errors?.scanFile ? (
          <ul id={`${prefix}-scanFile-error`} className="field-errors">
            {errors.scanFile.map((m) => (
              <li key={m.key}>{render(m)}</li>
            ))}
          </ul>
        ) : null}
        {/* Uploaded with the form (multipart): the server stores it and computes its hash (decision 058). */}
        <input
          type="file"
          name="scan"
          id={`${prefix}-scanFile`}
          aria-describedby={errors?.scanFile ? `${prefix}-scanFile-hint ${prefix}-scanFile-error` : `${prefix}-scanFile-hint`}
          aria-invalid={errors?.scanFile ? true : undefined}
          accept="application/pdf,image/jpeg,image/png,image/tiff,image/webp"
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            if (file) void sha256Hex(file).then(setHash);
          }}
        />
      </div>
      <Field
        name="scanSha256"
        id={`${prefix}-scanSha256`}
        label={t("assisted.scanHashLabel")}
        hint={t("assisted.scanHashHint")}
        required
        autoComplete="off"
        spellCheck={false}
        value={hash}
        onChange={(e) => setHash(e.currentTarget.value)}
        errors={errors?.scanSha256}
      />
      <SelectField
        name="decision"
        id={`${prefix}-decision`}
        label={t("assisted.decisionLabel")}
        defaultValue={values?.decision ?? "accepted"}
        errors={errors?.decision}
        options={(["accepted", "rejected"] as const).map((d) => ({ value: d, label: t(`assisted.decision.${d}`) }))}
      />
      <TextAreaField name="note" id={`${prefix}-note`} label={t("assisted.noteLabel")} rows={2} defaultValue={values?.note} errors={errors?.note} />
    </>
  );
}

/** A form asking only for a reason (voiding a batch or an in-person support). */
function ReasonForm({ intent, targetId, label, errors, busy }: { intent: string; targetId: number; label: string; errors?: FieldErrors; busy: boolean }) {
  const { t } = useTranslation();
  return (
    <PageForm noValidate>
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="targetId" value={targetId} />
      <ErrorSummary errors={errors} />
      <TextAreaField name="reason" id={`${intent}-${targetId}-reason`} label={t("assisted.reasonLabel")} hint={t("assisted.reasonHint", REASON_LENGTH)} required rows={2} errors={errors?.reason} />
      <button type="submit" className="secondary" disabled={busy}>
        {label}
      </button>
    </PageForm>
  );
}

interface PaperRecord {
  batches: {
    id: number;
    channel: "event" | "paper";
    event_id: number | null;
    event_title: string | null;
    signatures_claimed: number;
    signatures_verified: number;
    scan_sha256: string;
    /** The stored scan's name, for the desk's staff only (visitors see the hash). */
    scan_file: string | null;
    decision: "accepted" | "rejected";
    note: string;
    state: "active" | "corrected" | "voided";
    replaces_id: number | null;
    closed_reason: string | null;
    closed_at: string | null;
    created_at: string;
    verifier_name: string;
    closed_by_name: string | null;
  }[];
  inPerson: { id: number; channel: string; consent_ref: string | null; created_at: string; voided_at: string | null; void_reason: string | null; staff_name: string }[];
}

interface DeskControls {
  errorsOf: (panel: string) => FieldErrors | undefined;
  valuesOf: (panel: string) => Values;
  busy: boolean;
  /** Each hash's scan in PAPER_SCANS_DIR (null: no folder configured). */
  scans: Record<string, "missing" | "verified" | "altered"> | null;
  /** The events the correction form offers. */
  events: EventOption[];
  /** The largest scan accepted, in megabytes. */
  maxMb: number;
}

/** Every batch with its history, and the in-person supports; with the desk's forms for staff. */
export function PaperRecordView({ record, locale, desk }: { record: PaperRecord; locale: Locale; desk?: DeskControls }) {
  const { t } = useTranslation();
  return (
    <>
      <section aria-labelledby="batches-heading">
        <h2 id="batches-heading">{t("assisted.batchesTitle")}</h2>
        {record.batches.length === 0 ? (
          <p>{t("assisted.noBatches")}</p>
        ) : (
          <ol className="paper-batches">
            {record.batches.map((b) => (
              <li key={b.id} className={`paper-batch ${b.state}`}>
                <h3>
                  {t("assisted.batch.title", { id: b.id })} · {t(`assisted.state.${b.state}`)}
                </h3>
                <dl>
                  <dt>{t("assisted.batch.claimed")}</dt>
                  <dd>{b.signatures_claimed}</dd>
                  <dt>{t("assisted.batch.verified")}</dt>
                  <dd>{b.signatures_verified}</dd>
                  <dt>{t("assisted.batch.decision")}</dt>
                  <dd>{t(`assisted.decision.${b.decision}`)}</dd>
                  <dt>{t("assisted.batch.verifier")}</dt>
                  <dd>{b.verifier_name}</dd>
                  <dt>{t("assisted.channelLabel")}</dt>
                  <dd>
                    {t(`assisted.channel.${b.channel}`)}
                    {b.event_id !== null ? (
                      <>
                        {" · "}
                        <Link to={`/events/${b.event_id}`}>{b.event_title}</Link>
                      </>
                    ) : null}
                  </dd>
                  <dt>{t("assisted.batch.hash")}</dt>
                  <dd>
                    <code className="hash">{b.scan_sha256}</code>
                  </dd>
                  <dt>{t("assisted.batch.recorded")}</dt>
                  <dd>{formatDate(b.created_at, locale, true)}</dd>
                  {b.note ? (
                    <>
                      <dt>{t("assisted.batch.note")}</dt>
                      <dd>{b.note}</dd>
                    </>
                  ) : null}
                </dl>
                {b.replaces_id !== null ? <p>{t("assisted.batch.replaces", { id: b.replaces_id })}</p> : null}
                {desk ? <p className={desk.scans?.[b.scan_sha256] === "altered" ? "field-errors" : "hint"}>{t(`assisted.scan.${desk.scans ? desk.scans[b.scan_sha256] : "noFolder"}`)}</p> : null}
                {desk && b.scan_file ? (
                  <p>
                    <a href={`/desk/scans/${b.scan_file}`} download>
                      {t("assisted.scanDownload")}
                    </a>
                  </p>
                ) : null}
                {b.state !== "active" && b.closed_at ? (
                  <p>
                    {t("assisted.batch.closedBecause", {
                      state: t(`assisted.state.${b.state}`),
                      name: b.closed_by_name ?? "—",
                      date: formatDate(b.closed_at, locale),
                      reason: b.closed_reason ?? "",
                    })}
                  </p>
                ) : null}
                {desk && b.state === "active" ? (
                  <>
                    <details open={Boolean(desk.errorsOf(`correct-${b.id}`))}>
                      <summary>{t("assisted.correctTitle")}</summary>
                      <PageForm noValidate encType="multipart/form-data">
                        <input type="hidden" name="intent" value="correct" />
                        <input type="hidden" name="targetId" value={b.id} />
                        <ErrorSummary errors={desk.errorsOf(`correct-${b.id}`)} />
                        <BatchFields
                          prefix={`correct-${b.id}`}
                          values={
                            desk.valuesOf(`correct-${b.id}`) ?? {
                              channel: b.channel,
                              eventId: b.event_id === null ? "" : String(b.event_id),
                              signaturesClaimed: String(b.signatures_claimed),
                              signaturesVerified: String(b.signatures_verified),
                              scanSha256: b.scan_sha256,
                              decision: b.decision,
                              note: b.note,
                            }
                          }
                          errors={desk.errorsOf(`correct-${b.id}`)}
                          events={desk.events}
                          locale={locale}
                          maxMb={desk.maxMb}
                        />
                        <TextAreaField
                          name="reason"
                          id={`correct-${b.id}-reason`}
                          label={t("assisted.reasonLabel")}
                          hint={t("assisted.reasonHint", REASON_LENGTH)}
                          required
                          rows={2}
                          errors={desk.errorsOf(`correct-${b.id}`)?.reason}
                        />
                        <button type="submit" disabled={desk.busy}>
                          {t("assisted.correct")}
                        </button>
                      </PageForm>
                    </details>
                    <details open={Boolean(desk.errorsOf(`void-${b.id}`))}>
                      <summary>{t("assisted.voidTitle")}</summary>
                      <ReasonForm intent="void" targetId={b.id} label={t("assisted.voidBatch")} errors={desk.errorsOf(`void-${b.id}`)} busy={desk.busy} />
                    </details>
                  </>
                ) : null}
              </li>
            ))}
          </ol>
        )}
      </section>
      <section aria-labelledby="in-person-heading">
        <h2 id="in-person-heading">{t("assisted.inPersonTitle")}</h2>
        {record.inPerson.length === 0 ? (
          <p>{t("assisted.noInPerson")}</p>
        ) : (
          <ol className="notice-list">
            {record.inPerson.map((p) => (
              <li key={p.id}>
                {formatDate(p.created_at, locale, true)} · {t(`assisted.channel.${p.channel}`)} · {t("ideas.by", { name: p.staff_name })}
                {p.consent_ref ? ` · ${t("assisted.provenance.consent", { ref: p.consent_ref })}` : null}
                {p.voided_at ? <p>{t("assisted.inPersonVoided", { reason: p.void_reason ?? "" })}</p> : null}
                {desk && !p.voided_at ? (
                  <details open={Boolean(desk.errorsOf(`voidInPerson-${p.id}`))}>
                    <summary>{t("assisted.voidTitle")}</summary>
                    <ReasonForm intent="voidInPerson" targetId={p.id} label={t("assisted.voidSupport")} errors={desk.errorsOf(`voidInPerson-${p.id}`)} busy={desk.busy} />
                  </details>
                ) : null}
              </li>
            ))}
          </ol>
        )}
      </section>
    </>
  );
}
