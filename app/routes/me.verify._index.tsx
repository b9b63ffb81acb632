import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/ui/translation";
import { requireActor } from "~/auth/actor.server";
import { verificationOf } from "~/domain/identity/verification.server";
import { formatDate } from "~/utils/i18n";
import { pageTitle } from "~/utils/meta";
import { cacheControl } from "~/utils/http.server";

export const meta: MetaFunction = (args) => pageTitle(args, (t) => t("verification.title"), (t) => [{ name: "description", content: t("verification.description") }]);

/** The refusals the callback may send back here (anything else shows the generic one). */
const FAILURES = new Set(["sameIdentity", "providerUnavailable", "startAgain", "cancelled", "failed"]);

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request);
  const { services, locale } = context;
  const v = await verificationOf(services.db, actor.id);
  const url = new URL(request.url);
  const failed = url.searchParams.get("failed");
  const providers = services.config.identity.providers.map((p) => ({ name: p.name, label: locale === "ko" ? p.labelKo : p.labelEn }));
  return json(
    {
      locale,
      level: v.level,
      method: v.method,
      provider: providers.find((p) => p.name === v.provider)?.label ?? v.provider,
      place: v.place,
      verifiedAt: v.verifiedAt?.toISOString() ?? null,
      expiresAt: v.expiresAt?.toISOString() ?? null,
      expired: v.method !== null && v.level < 2 && !v.revokedAt,
      revokedAt: v.revokedAt?.toISOString() ?? null,
      revocationReason: v.revocationReason,
      providers,
      done: url.searchParams.has("done"),
      failed: failed === null ? null : FAILURES.has(failed) ? failed : "failed",
    },
    { headers: cacheControl("personal") },
  );
}

export default function VerifyIdentity() {
  const { t } = useTranslation();
  const d = useLoaderData<typeof loader>();
  return (
    <div className="page narrow">
      <p>
        <Link to="/me/settings">{t("mine.settingsTitle")}</Link>
      </p>
      <h1>{t("verification.title")}</h1>
      {d.done ? (
        <p className="notice success" role="status">
          {t("verification.done")}
        </p>
      ) : null}
      {d.failed ? (
        <p className="notice error" role="alert">
          {t(`verification.errors.${d.failed}`)}
          {d.failed === "sameIdentity" ? (
            <>
              {" "}
              <Link to="/reset-password">{t("login.forgot")}</Link>
            </>
          ) : null}
        </p>
      ) : null}
      <p>{t("verification.intro")}</p>
      <h2 id="level-title">{t("verification.yourLevel")}</h2>
      <p aria-labelledby="level-title">
        <strong>{t(`verification.level.${d.level}`)}</strong>
        {d.method && d.level >= 2 && d.verifiedAt && d.expiresAt ? (
          <>
            {" · "}
            {d.method === "oidc" ? t("verification.method.oidc", { provider: d.provider ?? "" }) : t("verification.method.in_person", { place: d.place ?? "" })}
            {" · "}
            {t("verification.verifiedOn", { date: formatDate(d.verifiedAt, d.locale), until: formatDate(d.expiresAt, d.locale) })}
          </>
        ) : null}
      </p>
      {d.expired && d.expiresAt ? <p className="notice">{t("verification.expired", { date: formatDate(d.expiresAt, d.locale) })}</p> : null}
      {d.revokedAt ? (
        <p className="notice">
          {t("trust.revoke.revokedOn", { date: formatDate(d.revokedAt, d.locale), reason: d.revocationReason ?? "" })} {t("trust.revoke.supportsKept")}
        </p>
      ) : null}
      {d.providers.length === 0 ? (
        <p className="notice" role="note">
          {t("verification.notOffered")}
        </p>
      ) : (
        <>
          <h2 id="choose-title">{t("verification.choose")}</h2>
          {/* Plain links: the server sends the browser on to the provider (no script, no cross-site form). */}
          <ul className="link-list" aria-labelledby="choose-title">
            {d.providers.map((p) => (
              <li key={p.name}>
                <a className="button" href={`/me/verify/start?provider=${encodeURIComponent(p.name)}`}>
                  {t(d.level >= 2 ? "verification.renew" : "verification.start", { provider: p.label })}
                </a>
              </li>
            ))}
          </ul>
        </>
      )}
      <p>{t("verification.inPerson")}</p>
      <h2>{t("verification.whatWeKeep")}</h2>
      <ul>
        <li>{t("verification.keepsNot")}</li>
        <li>{t("verification.keepsWhat")}</li>
      </ul>
    </div>
  );
}
