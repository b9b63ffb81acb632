import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Fragment } from "react";
import { useTranslation } from "~/ui/translation";
import { requireActor } from "~/auth/actor.server";
import { personalData, summary } from "~/domain/privacy/export.server";
import { pageTitle } from "~/utils/meta";
import { cacheControl } from "~/utils/http.server";

export const meta: MetaFunction = (args) => pageTitle(args, (t) => t("privacy.data.title"));

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request);
  return json({ counts: summary(await personalData(context.services.db, actor.id)) }, { headers: cacheControl("personal") });
}

export default function MyData() {
  const { t } = useTranslation();
  const { counts } = useLoaderData<typeof loader>();
  return (
    <div className="page narrow">
      <p>
        <Link to="/me/settings">{t("mine.settingsTitle")}</Link>
      </p>
      <h1>{t("privacy.data.title")}</h1>
      <p>{t("privacy.data.intro")}</p>
      <p>{t("privacy.data.notOthers")}</p>
      <h2 id="data-holds">{t("privacy.data.holds")}</h2>
      <dl className="meta-list" aria-labelledby="data-holds">
        {(Object.keys(counts) as (keyof typeof counts)[]).map((key) => (
          <Fragment key={key}>
            <dt>{t(`privacy.data.count.${key}`)}</dt>
            <dd>{counts[key]}</dd>
          </Fragment>
        ))}
      </dl>
      <p>
        {/* A plain link: the browser saves the file (Content-Disposition), no script needed. */}
        <a className="button" href="/me/data.json" download>
          {t("privacy.data.download")}
        </a>
      </p>
    </div>
  );
}
