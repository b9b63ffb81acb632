// The admin page of one kind of body or taxonomy (committees, agencies, categories, regions): a
// search, each row renamed in Korean and English in its own small form, and a form to add one.
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorSummary, Field, FormErrors, SelectField } from "~/ui/form";
import type { FieldErrors } from "~/utils/result";

export interface BodiesData {
  kind: "committees" | "agencies" | "categories" | "regions";
  rows: { id: number; slug: string; name_ko: string; name_en: string }[];
  q: string;
  creatable: boolean;
}
export type BodiesReply = { intent?: string; id?: string; errors?: FieldErrors; values?: Record<string, string>; done?: string };

export function BodiesAdmin() {
  const { t } = useTranslation();
  const { kind, rows, q, creatable } = useLoaderData<BodiesData>();
  const reply = useActionData<BodiesReply>();
  const busy = useNavigation().state !== "idle";
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
          {t(`bodies.done.${reply.done}`)}
        </p>
      ) : null}
      <Form method="get" role="search" className="inline-form" aria-label={t("bodies.search")}>
        <Field name="q" type="search" label={t("bodies.search")} defaultValue={q} />
        <button type="submit">{t("admin.searchSubmit")}</button>
      </Form>
      {rows.length === 0 ? <p role="status">{t("bodies.none")}</p> : null}
      {rows.map((row) => {
        const mine = reply?.intent === "rename" && reply.id === String(row.id) ? reply : undefined;
        const titleId = `body-${row.id}-title`;
        return (
          <section key={row.id} className="card setting" aria-labelledby={titleId}>
            <h2 id={titleId}>
              {row.name_ko} · <span lang="en">{row.name_en}</span> <span className="tag">{row.slug}</span>
            </h2>
            <Form method="post" className="setting-form" key={`${row.id}:${row.name_ko}:${row.name_en}`} aria-labelledby={titleId}>
              <input type="hidden" name="intent" value="rename" />
              <input type="hidden" name="id" value={row.id} />
              <FormErrors messages={mine?.errors?._form ?? []} />
              <Field name="nameKo" id={`nameKo-${row.id}`} lang="ko" label={t("bodies.nameKo")} required defaultValue={mine?.values?.nameKo ?? row.name_ko} errors={mine?.errors?.nameKo} />
              <Field name="nameEn" id={`nameEn-${row.id}`} lang="en" label={t("bodies.nameEn")} required defaultValue={mine?.values?.nameEn ?? row.name_en} errors={mine?.errors?.nameEn} />
              <button type="submit" className="secondary" disabled={busy} aria-label={t("bodies.renameLabel", { name: row.name_ko })}>
                {t("bodies.rename")}
              </button>
            </Form>
          </section>
        );
      })}
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
