// The admin page of one kind of body or taxonomy (committees, agencies, categories, regions): a
// search, each row renamed in Korean and English in its own small form, and a form to add one.
import { Form, Link } from "@remix-run/react";
import { useTranslation } from "~/ui/translation";
import { ErrorSummary, Field, FormErrors, SelectField, TextAreaField, useFormBusy } from "~/ui/form";
import type { FieldErrors } from "~/utils/result";

type Named = { id: number; name_ko: string; name_en: string };

export interface BodiesData {
  kind: "committees" | "agencies" | "categories" | "regions";
  rows: { id: number; slug: string; name_ko: string; name_en: string; archived: boolean; inCare: number }[];
  next: number | null;
  q: string;
  creatable: boolean;
  details: {
    categories?: (Named & { committeeId: number | null })[];
    regions?: Named[];
    agencies?: (Named & { kind: "ministry" | "local"; regionId: number | null; supervisorId: number | null; archived: boolean })[];
  };
  /** Where a committee's or agency's ideas may go when it is archived: the others not archived. */
  targets: Named[];
}
export type BodiesReply = { intent?: string; id?: string; errors?: FieldErrors; values?: Record<string, string>; done?: string; moved?: number };

/** The page of one kind of body: what the route's loader read (`data`) and its action's reply. */
export function BodiesAdmin({ data, reply }: { data: BodiesData; reply?: BodiesReply }) {
  const { t, i18n } = useTranslation();
  const { kind, rows, next, q, creatable, details, targets } = data;
  const nameOf = (n: Named) => (i18n.language === "ko" ? n.name_ko : n.name_en);
  const busy = useFormBusy();
  const refusedCreate = reply?.intent === "create" && reply.errors ? reply : undefined;
  return (
    <div className="page">
      <p>
        <Link to="/admin">{t("admin.title")}</Link>
      </p>
      <h1>{t(`bodies.${kind}.title`)}</h1>
      <p className="lead">{t("bodies.intro")}</p>
      {reply?.done ? (
        <p className="notice success" role="status">
          {reply.done === "archived" && reply.moved ? t("bodies.done.archivedMoved", { count: reply.moved }) : t(`bodies.done.${reply.done}`)}
        </p>
      ) : null}
      <Form method="get" role="search" className="inline-form" aria-label={t("bodies.search")}>
        <Field name="q" type="search" label={t("bodies.search")} defaultValue={q} />
        <button type="submit">{t("admin.searchSubmit")}</button>
      </Form>
      {rows.length === 0 ? <p role="status">{t("bodies.none")}</p> : null}
      {rows.map((row) => {
        const mine = reply?.id === String(row.id) && reply.errors ? reply : undefined;
        const titleId = `body-${row.id}-title`;
        return (
          <section key={row.id} className="card setting" aria-labelledby={titleId}>
            <h2 id={titleId}>
              {row.name_ko} · <span lang="en">{row.name_en}</span> <span className="tag">{row.slug}</span>
              {row.archived ? <span className="tag">{t("bodies.archivedTag")}</span> : null}
            </h2>
            {row.archived ? (
              <>
                <p>{t("bodies.archivedHelp")}</p>
                <Form method="post" className="setting-form">
                  <input type="hidden" name="intent" value="restore" />
                  <input type="hidden" name="id" value={row.id} />
                  <FormErrors messages={mine?.intent === "restore" ? (mine.errors?._form ?? []) : []} />
                  <button type="submit" className="secondary" disabled={busy} aria-label={t("bodies.restoreLabel", { name: row.name_ko })}>
                    {t("bodies.restore")}
                  </button>
                </Form>
              </>
            ) : (
              <>
                <RenameForm row={row} reply={mine?.intent === "rename" ? mine : undefined} titleId={titleId} busy={busy} />
                {kind === "committees" || kind === "agencies" ? <DetailsForm kind={kind} row={row} details={details} reply={mine?.intent === "details" ? mine : undefined} nameOf={nameOf} busy={busy} /> : null}
                <details open={mine?.intent === "archive" ? true : undefined}>
                  <summary>{t("bodies.archiveTitle")}</summary>
                  <Form method="post" className="setting-form">
                    <input type="hidden" name="intent" value="archive" />
                    <input type="hidden" name="id" value={row.id} />
                    <FormErrors messages={mine?.intent === "archive" ? (mine.errors?._form ?? []) : []} />
                    {kind === "committees" || kind === "agencies" ? (
                      <p>{row.inCare > 0 ? t("bodies.inCare", { count: row.inCare }) : t("bodies.noneInCare")}</p>
                    ) : null}
                    {row.inCare > 0 ? (
                      <>
                        <SelectField
                          name="targetId"
                          id={`targetId-${row.id}`}
                          label={t("bodies.target")}
                          required
                          defaultValue={mine?.values?.targetId ?? ""}
                          errors={mine?.intent === "archive" ? mine.errors?.targetId : undefined}
                          options={[{ value: "", label: t("bodies.chooseTarget") }, ...targets.filter((x) => x.id !== row.id).map((x) => ({ value: String(x.id), label: nameOf(x) }))]}
                        />
                        <TextAreaField
                          name="reason"
                          id={`reason-${row.id}`}
                          label={t("bodies.reason")}
                          required
                          rows={2}
                          defaultValue={mine?.values?.reason ?? ""}
                          errors={mine?.intent === "archive" ? mine.errors?.reason : undefined}
                        />
                      </>
                    ) : null}
                    <button type="submit" className="secondary" disabled={busy} aria-label={t("bodies.archiveLabel", { name: row.name_ko })}>
                      {t("bodies.archive")}
                    </button>
                  </Form>
                </details>
              </>
            )}
          </section>
        );
      })}
      {next ? (
        <p>
          <Link to={`?${new URLSearchParams({ ...(q ? { q } : {}), after: String(next) })}`}>{t("bodies.next")}</Link>
        </p>
      ) : null}
      {creatable ? (
        <section aria-labelledby="create-title">
          <h2 id="create-title">{t("bodies.create")}</h2>
          <ErrorSummary errors={refusedCreate?.errors} fieldLabels={{ slug: t("bodies.slug"), nameKo: t("bodies.nameKo"), nameEn: t("bodies.nameEn"), kind: t("bodies.agencyKind") }} />
          <Form method="post" className="setting-form" key={reply?.done === "created" ? `created-${rows.length}` : "create"}>
            <input type="hidden" name="intent" value="create" />
            <Field name="slug" id="create-slug" label={t("bodies.slug")} hint={t("bodies.slugHint")} required defaultValue={refusedCreate?.values?.slug} errors={refusedCreate?.errors?.slug} />
            <Field name="nameKo" id="create-nameKo" lang="ko" label={t("bodies.nameKo")} required defaultValue={refusedCreate?.values?.nameKo} errors={refusedCreate?.errors?.nameKo} />
            <Field name="nameEn" id="create-nameEn" lang="en" label={t("bodies.nameEn")} required defaultValue={refusedCreate?.values?.nameEn} errors={refusedCreate?.errors?.nameEn} />
            {kind === "agencies" ? (
              <SelectField
                name="kind"
                id="create-kind"
                label={t("bodies.agencyKind")}
                defaultValue={refusedCreate?.values?.kind ?? ""}
                errors={refusedCreate?.errors?.kind}
                options={[
                  { value: "", label: t("bodies.chooseKind") },
                  { value: "ministry", label: t("bodies.ministry") },
                  { value: "local", label: t("bodies.local") },
                ]}
              />
            ) : null}
            <button type="submit" disabled={busy}>
              {t("bodies.createSubmit")}
            </button>
          </Form>
        </section>
      ) : null}
    </div>
  );
}

type Row = BodiesData["rows"][number];

function RenameForm({ row, reply, titleId, busy }: { row: Row; reply?: BodiesReply; titleId: string; busy: boolean }) {
  const { t } = useTranslation();
  return (
    <Form method="post" className="setting-form" key={`${row.id}:${row.name_ko}:${row.name_en}`} aria-labelledby={titleId}>
      <input type="hidden" name="intent" value="rename" />
      <input type="hidden" name="id" value={row.id} />
      <FormErrors messages={reply?.errors?._form ?? []} />
      <Field name="nameKo" id={`nameKo-${row.id}`} lang="ko" label={t("bodies.nameKo")} required defaultValue={reply?.values?.nameKo ?? row.name_ko} errors={reply?.errors?.nameKo} />
      <Field name="nameEn" id={`nameEn-${row.id}`} lang="en" label={t("bodies.nameEn")} required defaultValue={reply?.values?.nameEn ?? row.name_en} errors={reply?.errors?.nameEn} />
      <button type="submit" className="secondary" disabled={busy} aria-label={t("bodies.renameLabel", { name: row.name_ko })}>
        {t("bodies.rename")}
      </button>
    </Form>
  );
}

/** A committee's default categories; an agency's kind, region and supervising office. */
function DetailsForm(props: { kind: "committees" | "agencies"; row: Row; details: BodiesData["details"]; reply?: BodiesReply; nameOf: (n: Named) => string; busy: boolean }) {
  const { t } = useTranslation();
  const { kind, row, details, reply, nameOf, busy } = props;
  const agency = details.agencies?.find((a) => a.id === row.id);
  return (
    <details open={reply ? true : undefined}>
      <summary>{t("bodies.details")}</summary>
      <Form method="post" className="setting-form">
        <input type="hidden" name="intent" value="details" />
        <input type="hidden" name="id" value={row.id} />
        <FormErrors messages={reply?.errors?._form ?? []} />
        {kind === "committees" ? (
          <fieldset>
            <legend>{t("bodies.defaultCategories")}</legend>
            <FormErrors messages={reply?.errors?.categoryIds ?? []} />
            {(details.categories ?? []).map((c) => (
              <label key={c.id} className="checkbox">
                <input type="checkbox" name="categoryIds" value={c.id} defaultChecked={c.committeeId === row.id} /> {nameOf(c)}
              </label>
            ))}
          </fieldset>
        ) : agency ? (
          <>
            <SelectField
              name="kind"
              id={`kind-${row.id}`}
              label={t("bodies.agencyKind")}
              defaultValue={reply?.values?.kind ?? agency.kind}
              errors={reply?.errors?.kind}
              options={[
                { value: "ministry", label: t("bodies.ministry") },
                { value: "local", label: t("bodies.local") },
              ]}
            />
            <SelectField
              name="regionId"
              id={`regionId-${row.id}`}
              label={t("bodies.region")}
              defaultValue={reply?.values?.regionId ?? String(agency.regionId ?? "")}
              errors={reply?.errors?.regionId}
              options={[{ value: "", label: t("bodies.noRegion") }, ...(details.regions ?? []).map((r) => ({ value: String(r.id), label: nameOf(r) }))]}
            />
            <SelectField
              name="supervisorId"
              id={`supervisorId-${row.id}`}
              label={t("bodies.supervisor")}
              defaultValue={reply?.values?.supervisorId ?? String(agency.supervisorId ?? "")}
              errors={reply?.errors?.supervisorId}
              options={[
                { value: "", label: t("bodies.noSupervisor") },
                ...(details.agencies ?? []).filter((a) => a.id !== row.id && !a.archived).map((a) => ({ value: String(a.id), label: nameOf(a) })),
              ]}
            />
          </>
        ) : null}
        <button type="submit" className="secondary" disabled={busy} aria-label={t("bodies.detailsLabel", { name: row.name_ko })}>
          {t("bodies.saveDetails")}
        </button>
      </Form>
    </details>
  );
}
