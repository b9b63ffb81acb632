// An idea's paper supports, for desk staff (issue 18, decision 039): record a batch of signed
// sheets (with the SHA-256 of their scans), correct or void one with a reason, record a support
// given in person by someone without an account, and give a new claim code.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, unstable_composeUploadHandlers, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/ui/translation";
import { requireStaff } from "~/auth/actor.server";
import { reissueClaimCode } from "~/domain/assisted/assisted.server";
import { correctPaperBatch, recordInPersonSupport, recordPaperBatch, voidInPersonSupport, voidPaperBatch } from "~/domain/assisted/paper.server";
import { canOpenDesk, canWorkDesk, deskEvents } from "~/domain/assisted/permissions";
import { deskIdea } from "~/domain/assisted/queries.server";
import { findScan, megabytes, scanStates, storeScan, type StoredScan } from "~/domain/assisted/scans.server";
import { MAX_BODY_BYTES, MULTIPART_TYPE } from "~/auth/headers.server";
import { fail, FORM, msg, type Result } from "~/utils/result";
import { eventChoices } from "~/domain/events/born-here.server";
import { dispatchIntent, type IntentReply } from "~/http/intents.server";
import { BatchFields, EventPicker, PaperRecordView } from "~/ui/assisted";
import { ErrorSummary, Field, PageForm, SelectField, useFormBusy } from "~/ui/form";
import { StatusBadge } from "~/ui/ideas";
import { formatDate } from "~/utils/i18n";
import { idParam } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";
import { CONSENT_REF_MAX } from "~/domain/assisted/limits";
import { parseId } from "~/utils/ids";

export const meta: MetaFunction<typeof loader> = (args) =>
  pageTitle(args, (t) => [t("assisted.paperTitle"), args.data?.idea.title], (t) => [{ name: "description", content: t("assisted.paperDescription") }]);

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = requireStaff(context, request, canOpenDesk);
  const id = idParam(params);
  const { db } = context.services;
  const page = await deskIdea(db, id, actor, context.locale);
  if (!page) throw new Response("Not found", { status: 404 });
  // Whether each batch's scan is in PAPER_SCANS_DIR with its recorded hash (null: no folder).
  const scans = await scanStates(context.services.config.paperScansDir, page.record.batches.map((b) => b.scan_sha256));
  // The recent events, and the older ones the batches name (a correction keeps its event).
  const named = page.record.batches.flatMap((b) => (b.event_id === null ? [] : [b.event_id]));
  const choices = await eventChoices(db, context.locale, new Date(), named);
  // The desk's staff work on everything; an event's organiser records batches of their own events
  // only (decision 058): their picker offers those, and the other forms are not shown.
  const staff = canWorkDesk(actor);
  const { events, preset } = deskEvents(actor, choices, Number(new URL(request.url).searchParams.get("event")));
  const maxMb = megabytes(context.services.config.paperScanMaxBytes);
  return json({ ...page, scans: staff ? scans : null, events, preset, staff, maxMb, locale: context.locale });
}

const BATCH_FIELDS = ["channel", "eventId", "signaturesClaimed", "signaturesVerified", "scanSha256", "decision", "note"];
type Extra = { code: string; expiresAt: string };

/**
 * The form, and the scan it uploaded (decision 058): the batch form is multipart, and its `scan`
 * file is stored in the scans folder as it streams in, hashed by the server; the other fields
 * are read into memory (a megabyte at most). Unreadable: the upload broke off or a field was too large.
 */
async function readForm(request: Request, dir: string, maxBytes: number): Promise<{ form: FormData; scan: StoredScan } | "unreadable"> {
  if (!(request.headers.get("content-type") ?? "").toLowerCase().startsWith(MULTIPART_TYPE)) return { form: await request.formData(), scan: null };
  let scan: StoredScan = null;
  try {
    const form = await unstable_parseMultipartFormData(
      request,
      unstable_composeUploadHandlers(async ({ name, filename, data }) => {
        if (name !== "scan" || filename === undefined) return undefined;
        scan = await storeScan(dir, data, maxBytes);
        return scan?.ok ? scan.file : undefined;
      }, unstable_createMemoryUploadHandler({ maxPartSize: MAX_BODY_BYTES })),
    );
    return { form, scan };
  } catch {
    return "unreadable";
  }
}

/** A batch's input with its scan: the uploaded file's hash replaces the typed one; else a stored file with the typed hash. */
async function withScan(values: Record<string, string>, scan: StoredScan, dir: string, maxBytes: number): Promise<Record<string, unknown> | Result<object>> {
  if (scan?.ok === false) {
    const message = scan.reason === "tooLarge" ? msg("assisted.errors.scanTooLarge", { mb: megabytes(maxBytes) }) : msg("assisted.errors.scanType");
    return fail("scanFile", message);
  }
  if (scan?.ok) return { ...values, scanSha256: scan.sha256, scanFile: scan.file };
  const typed = (values.scanSha256 ?? "").trim().toLowerCase();
  return { ...values, scanFile: /^[0-9a-f]{64}$/.test(typed) ? await findScan(dir, typed) : null };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = requireStaff(context, request, canOpenDesk);
  const id = idParam(params);
  const { db, config } = context.services;
  const { paperScansDir: dir, paperScanMaxBytes: maxBytes } = config;
  const target = (values: Record<string, string>) => parseId(values.targetId) ?? 0;
  const read = await readForm(request, dir, maxBytes);
  if (read === "unreadable") return json<IntentReply<Extra>>({ errors: { [FORM]: [msg("assisted.errors.scanUnreadable")] }, form: "batch" }, { status: 400 });
  const batchWith = async (values: Record<string, string>, record: (input: Record<string, unknown>) => Promise<Result<object>>) => {
    const input = await withScan(values, read.scan, dir, maxBytes);
    return "ok" in input && input.ok === false ? (input as Result<object>) : record(input);
  };
  return dispatchIntent<Extra>(read.form, {
    batch: { fields: BATCH_FIELDS, panel: () => "batch", run: (v) => batchWith(v, (input) => recordPaperBatch(db, actor, id, input)) },
    correct: { fields: [...BATCH_FIELDS, "reason", "targetId"], panel: (v) => `correct-${v.targetId}`, run: (v) => batchWith(v, (input) => correctPaperBatch(db, actor, target(v), input, undefined, id)) },
    void: { fields: ["reason", "targetId"], panel: (v) => `void-${v.targetId}`, run: (v) => voidPaperBatch(db, actor, target(v), v, undefined, id) },
    inPerson: { fields: ["name", "birthDate", "phone", "channel", "eventId", "consentRef"], panel: () => "inPerson", run: (v) => recordInPersonSupport(db, actor, id, v) },
    voidInPerson: { fields: ["reason", "targetId"], panel: (v) => `voidInPerson-${v.targetId}`, run: (v) => voidInPersonSupport(db, actor, target(v), v, undefined, id) },
    reissue: {
      fields: [],
      panel: () => "reissue",
      run: () => reissueClaimCode(db, actor, id),
      done: (_v, result) => ({ done: "reissue", ...(result as Extra) }),
    },
  });
}

export default function DeskIdea() {
  const { t } = useTranslation();
  const { idea, provenance, record, scans, events, preset, staff, maxMb, locale } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const busy = useFormBusy();
  const errorsOf = (panel: string) => (reply?.form === panel ? reply.errors : undefined);
  const valuesOf = (panel: string) => (reply?.form === panel ? reply.values : undefined);
  const batchErrors = errorsOf("batch");
  const personErrors = errorsOf("inPerson");
  const personValues = valuesOf("inPerson");
  return (
    <div className="page narrow-wide">
      <p>
        <Link to="/desk">{t("assisted.deskTitle")}</Link>
      </p>
      <h1>{t("assisted.paperTitle")}</h1>
      <p>
        <Link to={`/ideas/${idea.id}`}>{idea.title}</Link> <StatusBadge status={idea.status} />
      </p>
      <p className="lead">{t("assisted.paperIntro")}</p>
      {reply?.done ? (
        <p className="notice success" role="status">
          {t("assisted.saved")}
        </p>
      ) : null}
      {reply?.done === "reissue" && reply.code ? (
        <section className="notice success claim-slip" aria-labelledby="code-heading">
          <h2 id="code-heading">{t("assisted.claimCodeLabel")}</h2>
          <p>
            <strong className="claim-code" data-testid="claim-code">{reply.code}</strong>
          </p>
          <p>{t("assisted.claimCodeExpires", { date: formatDate(reply.expiresAt!, locale) })}</p>
          <p className="hint">{t("assisted.claimCodeOnce")}</p>
        </section>
      ) : null}
      <ul>
        <li>{t("assisted.counts.online", { count: idea.support_count })}</li>
        <li>{t("assisted.counts.paper", { count: provenance.paperCount })}</li>
        <li>{provenance.paperCounts ? t("assisted.counts.counted") : t("assisted.counts.notCounted")}</li>
      </ul>
      {staff && provenance.awaitingClaim ? (
        <section aria-labelledby="reissue-heading">
          <h2 id="reissue-heading">{t("assisted.reissueTitle")}</h2>
          <p>{t("assisted.reissueIntro")}</p>
          <ErrorSummary errors={errorsOf("reissue")} />
          <PageForm>
            <input type="hidden" name="intent" value="reissue" />
            <button type="submit" className="secondary" disabled={busy}>
              {t("assisted.reissue")}
            </button>
          </PageForm>
        </section>
      ) : null}

      <PaperRecordView record={record} locale={locale} desk={staff ? { errorsOf, valuesOf, busy, scans, events, maxMb } : undefined} />

      <section aria-labelledby="batch-heading">
        <h2 id="batch-heading">{t("assisted.recordBatchTitle")}</h2>
        <ErrorSummary errors={batchErrors} />
        <PageForm noValidate encType="multipart/form-data" key={reply?.done === "batch" ? `batch-${record.batches.length}` : "batch"}>
          <input type="hidden" name="intent" value="batch" />
          <BatchFields prefix="batch" values={valuesOf("batch") ?? (preset ? { channel: "event", eventId: preset } : undefined)} errors={batchErrors} events={events} locale={locale} maxMb={maxMb} />
          <button type="submit" disabled={busy}>
            {t("assisted.recordBatch")}
          </button>
        </PageForm>
      </section>

      {staff ? (
      <section aria-labelledby="person-heading">
        <h2 id="person-heading">{t("assisted.recordInPersonTitle")}</h2>
        <p>{t("assisted.recordInPersonIntro")}</p>
        <ErrorSummary errors={personErrors} />
        <PageForm noValidate key={reply?.done === "inPerson" ? `person-${record.inPerson.length}` : "person"}>
          <input type="hidden" name="intent" value="inPerson" />
          <Field name="name" id="person-name" label={t("assisted.nameLabel")} required autoComplete="off" defaultValue={personValues?.name} errors={personErrors?.name} />
          <Field name="birthDate" id="person-birthDate" type="date" label={t("assisted.birthDateLabel")} required defaultValue={personValues?.birthDate} errors={personErrors?.birthDate} />
          <Field name="phone" id="person-phone" type="tel" label={t("assisted.phoneLabel")} required autoComplete="off" defaultValue={personValues?.phone} errors={personErrors?.phone} />
          <SelectField
            name="channel"
            id="person-channel"
            label={t("assisted.channelLabel")}
            defaultValue={personValues?.channel ?? "event"}
            errors={personErrors?.channel}
            options={(["event", "paper", "phone"] as const).map((c) => ({ value: c, label: t(`assisted.channel.${c}`) }))}
          />
          <EventPicker id="person-eventId" events={events} locale={locale} value={personValues?.eventId} errors={personErrors?.eventId} />
          <Field name="consentRef" id="person-consentRef" label={t("assisted.consentRefLabel")} hint={t("assisted.consentRefHint", { max: CONSENT_REF_MAX })} required autoComplete="off" defaultValue={personValues?.consentRef} errors={personErrors?.consentRef} />
          <button type="submit" disabled={busy}>
            {t("assisted.recordInPerson")}
          </button>
        </PageForm>
      </section>
      ) : null}
    </div>
  );
}
